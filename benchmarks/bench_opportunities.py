"""Opportunity benchmark: recompute, the follow-up queue and the open list on a large demo database.

    python benchmarks/bench_opportunities.py [--customers 100000] [--db PATH] [--runs 3]

The demo database (built once, or given with --db) is never changed: every recompute runs on a
fresh copy of it, in its own process, so its time and peak memory are its own. Each step reports
wall-clock seconds and the process's CPU seconds (on a shared machine the CPU time is the steadier
figure). Targets (2-core machine, 100,000 customers): recompute ≤ 10 s, the queue page ≤ 1 s,
the queue for a 2,000-customer call sheet well within the sheet's 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.domain import clock

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(job) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = job()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _open(db: str) -> None:
    from app.services.database import open_app_database

    open_app_database(db, Path(db).parent)


def step_demo(db: str, customers: int) -> dict:
    from app.services.demo import build_demo

    _open(db)
    _, wall, cpu = _timed(lambda: build_demo(customers=customers, seed=1))
    return {"seconds": wall, "cpu_seconds": cpu}


def step_recompute(db: str) -> dict:
    """Twice on the same copy: the first run raises everything, the second finds what is new (nothing)."""
    from app.services.opportunities import recompute_opportunities

    _open(db)
    first, wall, cpu = _timed(recompute_opportunities)
    _, wall2, cpu2 = _timed(recompute_opportunities)
    return {
        "first_seconds": wall,
        "first_cpu_seconds": cpu,
        "again_seconds": wall2,
        "again_cpu_seconds": cpu2,
        "raised": first.raised,
        "total_raised": first.total_raised,
        "missing_information": first.missing_information,
    }


def step_queue(db: str) -> dict:
    import datetime

    from app.services.opportunities import list_open_opportunities, missing_information
    from app.services.queue import build_queue

    _open(db)
    today = clock.today()
    results: dict[str, object] = {}
    for label, job in (
        ("queue_page_200", lambda: build_queue(today, now=datetime.time(10, 0), limit=200)),
        ("callsheet_queue_2000", lambda: build_queue(today, limit=2000)),
        ("open_list_all", lambda: list_open_opportunities()),
        ("missing_information", lambda: missing_information(today)),
    ):
        walls = []
        for _ in range(3):
            rows, wall, _cpu = _timed(job)
            walls.append(wall)
        results[label] = {
            "seconds_min": min(walls),
            "seconds_median": statistics.median(walls),
            "rows": len(rows),
        }
    full, wall, _ = _timed(lambda: build_queue(today))
    results["queue_whole_day"] = {"seconds": wall, "rows": len(full)}
    return results


def step_fresh(db: str) -> dict:
    """What "always fresh" costs: the staleness check, and one owner's edit brought up to date."""
    from app.domain.records import VisitDraft
    from app.persistence.raw_sql import run_sql
    from app.services import records
    from app.services.freshness import ensure_opportunities_fresh, opportunities_are_stale

    _open(db)
    ensure_opportunities_fresh()  # the copy is already worked out; this only stamps it if needed
    checks = []
    for _ in range(20):
        stale, wall, _cpu = _timed(opportunities_are_stale)
        checks.append(wall)
    ((customer_id, site_id),) = run_sql("SELECT customer_id, id FROM site ORDER BY id LIMIT 1")
    _, edit_wall, _ = _timed(
        lambda: records.add_record(
            VisitDraft(customer_id, clock.today(), site_id, kind="repair", findings="benchmark visit")
        )
    )
    _, fresh_wall, fresh_cpu = _timed(ensure_opportunities_fresh)
    return {
        "stale_check_ms_median": statistics.median(checks) * 1000,
        "was_stale_before_edit": stale,
        "edit_seconds": edit_wall,
        "fresh_after_one_edit_seconds": fresh_wall,
        "fresh_after_one_edit_cpu_seconds": fresh_cpu,
    }


def _run_step(name: str, db: str, customers: int) -> dict:
    command = [sys.executable, __file__, "--step", name, "--db", db, "--customers", str(customers)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db", help="a demo database to use (it is copied, never changed)")
    parser.add_argument("--runs", type=int, default=3, help="recompute runs, each on a fresh copy")
    parser.add_argument("--step")
    args = parser.parse_args()
    if args.step:
        sys.path.insert(0, str(ROOT))
        steps = {
            "demo": lambda: step_demo(args.db, args.customers),
            "recompute": lambda: step_recompute(args.db),
            "queue": lambda: step_queue(args.db),
            "fresh": lambda: step_fresh(args.db),
        }
        result = steps[args.step]()
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="cfl-bench-opportunities-"))
    demo = args.db or str(scratch / "demo.sqlite3")
    report: dict[str, object] = {
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "load_average_before": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "customers": args.customers,
    }
    if not Path(demo).exists():
        report["demo"] = _run_step("demo", demo, args.customers)
    runs = []
    work = str(scratch / "work.sqlite3")
    for _ in range(max(args.runs, 1)):
        for suffix in ("", "-wal", "-shm"):
            Path(work + suffix).unlink(missing_ok=True)
        shutil.copyfile(demo, work)
        runs.append(_run_step("recompute", work, args.customers))
    report["recompute_runs"] = runs
    report["recompute_first_seconds_median"] = statistics.median(r["first_seconds"] for r in runs)
    report["recompute_first_cpu_seconds_median"] = statistics.median(r["first_cpu_seconds"] for r in runs)
    report["recompute_again_seconds_median"] = statistics.median(r["again_seconds"] for r in runs)
    report["queue"] = _run_step("queue", work, args.customers)
    report["fresh"] = _run_step("fresh", work, args.customers)
    report["load_average_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(json.dumps(report, indent=2))
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
