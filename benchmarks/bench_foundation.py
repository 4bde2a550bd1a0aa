"""Foundation benchmark: demo, opening, stats, search and app start on a large demo database.

    python benchmarks/bench_foundation.py [--customers 100000] [--db PATH] [--keep]

Each step runs in its own process so its time and peak memory are its own.
Targets (2-core machine): demo 100k ≤ 30 s, stats ≤ 1 s, one search ≤ 30 ms,
start to a usable window ≤ 1 s, peak memory ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ["smi", "632-05", "Towson", "oak", "gmail", "Carrier", "ann", "410"]


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_demo(db: str, customers: int) -> dict:
    from app.services.database import open_app_database
    from app.services.demo import build_demo

    open_app_database(db, Path(db).parent)
    started = time.perf_counter()
    build_demo(customers=customers, seed=1)
    return {"seconds": time.perf_counter() - started}


def step_open(db: str) -> dict:
    from app.services.database import open_app_database

    started = time.perf_counter()
    open_app_database(db, Path(db).parent)
    return {"seconds": time.perf_counter() - started}


def step_stats(db: str) -> dict:
    import datetime

    from app.services.database import open_app_database
    from app.services.stats import headline_stats

    open_app_database(db, Path(db).parent)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        headline_stats(datetime.date.today())
        times.append(time.perf_counter() - started)
    return {"seconds_min": min(times), "seconds_median": statistics.median(times)}


def step_search(db: str) -> dict:
    from app.services import customers
    from app.services.database import open_app_database

    open_app_database(db, Path(db).parent)
    results = {}
    for text in SEARCHES:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            found = customers.count_customers(text)
            customers.customer_page(text, "name", False, 0, 256)
            times.append(time.perf_counter() - started)
        results[text] = {"ms_median": statistics.median(times) * 1000, "matches": found}
    return results


def step_gui(db: str, launched_at: float) -> dict:
    from PySide6.QtWidgets import QApplication

    from ui.application import open_main_window

    window = open_main_window(["bench", "--db", db])
    app = QApplication.instance()
    app.processEvents()
    window.customers_page.table.viewport().repaint()
    ready = time.time() - launched_at
    rows = window.customers_page.model.rowCount()
    window.close()
    return {"start_to_usable_window_seconds": ready, "rows_loaded": rows}


def _run_step(name: str, db: str, customers: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--step",
        name,
        "--db",
        db,
        "--customers",
        str(customers),
        "--launched-at",
        repr(time.time()),
    ]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db")
    parser.add_argument("--step")
    parser.add_argument("--launched-at", type=float, default=0.0)
    args = parser.parse_args()
    if args.step:
        sys.path.insert(0, str(ROOT))
        steps = {
            "demo": lambda: step_demo(args.db, args.customers),
            "open": lambda: step_open(args.db),
            "stats": lambda: step_stats(args.db),
            "search": lambda: step_search(args.db),
            "gui": lambda: step_gui(args.db, args.launched_at),
        }
        result = steps[args.step]()
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="cfl-bench-"))
    db = args.db or str(scratch / "bench.sqlite3")
    report = {
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "customers": args.customers,
    }
    if not Path(db).exists():
        report["demo"] = _run_step("demo", db, args.customers)
    for name in ("open", "stats", "search", "gui"):
        report[name] = _run_step(name, db, args.customers)
    report["database_mb"] = Path(db).stat().st_size / 1e6
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
