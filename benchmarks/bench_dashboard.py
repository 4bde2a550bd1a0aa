"""Dashboard benchmark: the whole dashboard, the lists behind its figures and the printed summary.

    python benchmarks/bench_dashboard.py [--customers 100000] [--db PATH] [--runs 5]

Without --db a demo database is built in a scratch folder (about 30 s for 100,000
customers) and its opportunities are raised, so the pipeline is not empty. Each
step runs in its own process so its time and peak memory are its own.
Target (2-core machine): the dashboard at 100,000 customers within 2 s.

Wall time depends on what else the machine runs; CPU time (this process only: the
queries run in-process in SQLite) does not, and is what an idle machine would show.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
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
LIST_KEYS = [
    "not_contacted_12_months",
    "not_spoken_to_last_30_days",
    "revenue_year:{last_year}:new",
    "retention_year:{base_year}:lost",
    "pipeline:replacement",
    "ltv_bucket:6",
    "projection:10",
    "quiet_best_customers",
    "one_site_buys",
]


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _open(db: str) -> None:
    from app.services.database import open_app_database

    open_app_database(db, Path(db).parent)


def step_demo(db: str, customers: int) -> dict:
    from app.services.demo import build_demo

    _open(db)
    started = time.perf_counter()
    build_demo(customers=customers, seed=1)
    result: dict = {"demo_seconds": time.perf_counter() - started}
    try:
        from app.services.opportunities import recompute_opportunities
    except ImportError:
        result["opportunities"] = "not raised (no opportunity engine)"
        return result
    started = time.perf_counter()
    summary = recompute_opportunities()
    result["opportunities_seconds"] = time.perf_counter() - started
    result["opportunities_raised"] = sum(summary.raised.values())
    return result


def step_dashboard(db: str, runs: int) -> dict:
    from app.services.dashboard import dashboard_data

    _open(db)
    today = datetime.date.today()
    times, cpu, steps = [], [], []
    for _ in range(runs):
        marks: list[float] = []  # CPU time at the start, then at the end of each step

        def mark(done: int, total: int, marks: list[float] = marks) -> None:
            marks.append(time.process_time())

        started, cpu_started = time.perf_counter(), time.process_time()
        data = dashboard_data(today, progress=mark)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        steps.append([round(b - a, 3) for a, b in itertools.pairwise(marks)])
    best = cpu.index(min(cpu))
    return {
        "seconds_min": min(times),
        "seconds_median": statistics.median(times),
        "seconds_max": max(times),
        "cpu_seconds_min": min(cpu),
        "cpu_seconds_median": statistics.median(cpu),
        "step_names": ["headline", "years", "pipeline", "lifetime", "projection", "concentration", "plans"],
        "cpu_steps_of_fastest_run": steps[best],
        "customers": data.stats.customers,
        "open_opportunities": data.stats.open_opportunities,
        "warnings": {w.key: len(w.customer_ids) for w in data.warnings},
    }


def step_lists(db: str) -> dict:
    from app.services.dashboard import customers_behind

    _open(db)
    today = datetime.date.today()
    results = {}
    for template in LIST_KEYS:
        key = template.format(last_year=today.year - 1, base_year=today.year - 2)
        started = time.perf_counter()
        rows = customers_behind(key, today)
        results[key] = {"seconds": round(time.perf_counter() - started, 3), "customers": len(rows)}
    return results


def step_summary(db: str) -> dict:
    from app.services.dashboard import dashboard_data
    from app.services.settings import load_settings
    from app.services.summary_report import render_summary

    _open(db)
    data = dashboard_data(datetime.date.today())
    with tempfile.TemporaryDirectory(prefix="cfl-bench-summary-") as folder:
        out = Path(folder) / "dashboard-summary.pdf"
        started = time.perf_counter()
        render_summary(data, out, load_settings())
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "pdf_kb": out.stat().st_size / 1024}


def _run_step(name: str, db: str, customers: int, runs: int) -> dict:
    command = [sys.executable, __file__, "--step", name, "--db", db, "--customers", str(customers)]
    command += ["--runs", str(runs)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--step")
    args = parser.parse_args()
    if args.step:
        sys.path.insert(0, str(ROOT))
        steps = {
            "demo": lambda: step_demo(args.db, args.customers),
            "dashboard": lambda: step_dashboard(args.db, args.runs),
            "lists": lambda: step_lists(args.db),
            "summary": lambda: step_summary(args.db),
        }
        result = steps[args.step]()
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0

    db = args.db or str(Path(tempfile.mkdtemp(prefix="cfl-bench-dashboard-")) / "bench.sqlite3")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    report: dict = {
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_at_start": load,
        "customers": args.customers,
    }
    if not Path(db).exists():
        report["demo"] = _run_step("demo", db, args.customers, args.runs)
    for name in ("dashboard", "lists", "summary"):
        report[name] = _run_step(name, db, args.customers, args.runs)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
