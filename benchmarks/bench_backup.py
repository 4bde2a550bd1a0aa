"""Backup benchmark: a verified backup, the restore chooser's list and a restore of a large demo database.

    python benchmarks/bench_backup.py [--customers 100000] [--db PATH] [--keep]

Builds the demo database first when PATH does not exist (about 30 s at 100,000
customers). Each step runs in its own process, so its time is its own, as the app
would run it: a backup and a restore include their integrity checks, and the
restore includes its safety backup of the live database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def step_demo(db: str, customers: int) -> dict:
    from app.persistence.db import open_database
    from app.services.demo import build_demo

    open_database(db)
    started = time.perf_counter()
    build_demo(customers=customers, seed=1)
    return {"seconds": time.perf_counter() - started}


def step_backup(db: str, folder: str) -> dict:
    from app.persistence.db import open_database
    from app.services.backups import make_backup

    open_database(db)
    started = time.perf_counter()
    info = make_backup(Path(folder), label="manual")
    return {"seconds": time.perf_counter() - started, "path": str(info.path), "bytes": info.size,
            "customers": info.customers, "peak_mb": _peak_mb()}  # fmt: skip


def _peak_mb() -> float | None:
    """The process's peak resident memory (mapped file pages included), where the OS tells it."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_integrity(db: str) -> dict:
    import sqlite3

    connection = sqlite3.connect(db)
    started = time.perf_counter()
    connection.execute("PRAGMA integrity_check").fetchall()
    return {"seconds": time.perf_counter() - started}


def step_list(db: str, folder: str) -> dict:
    from app.persistence.db import open_database
    from app.services.backups import list_backups

    open_database(db)
    started = time.perf_counter()
    listed = list_backups(Path(folder))
    return {"seconds": time.perf_counter() - started, "backups": len(listed)}


def step_restore(db: str, backup: str, folder: str) -> dict:
    from app.persistence.db import open_database
    from app.services.backups import restore_backup

    open_database(db)
    started = time.perf_counter()
    result = restore_backup(Path(backup), folder=Path(folder))
    return {"seconds": time.perf_counter() - started, "customers": result.customers}


STEPS = {
    "demo": step_demo,
    "backup": step_backup,
    "integrity": step_integrity,
    "list": step_list,
    "restore": step_restore,
}


def run_step(name: str, *args: object) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db", help="the demo database (built when missing)")
    parser.add_argument("--keep", action="store_true", help="keep the database and backups")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        sys.path.insert(0, str(ROOT))
        name, *rest = args.step
        rest = [int(r) if r.isdigit() else r for r in rest]
        print(json.dumps(STEPS[name](*rest)))
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="cfl-bench-backup-"))
    db = args.db or str(scratch / f"bench{args.customers}.sqlite3")
    results: dict[str, dict] = {}
    if not Path(db).exists():
        results["demo"] = run_step("demo", db, args.customers)
    folder = scratch / "backups"
    results["backup"] = run_step("backup", db, folder)
    results["integrity_check_alone"] = run_step("integrity", results["backup"]["path"])
    results["list"] = run_step("list", db, folder)
    results["restore"] = run_step("restore", db, results["backup"]["path"], folder)
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "python": platform.python_version(),
        "customers": args.customers,
        "database_mb": round(Path(db).stat().st_size / 1e6, 1),
        **{
            name: {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()}
            for name, r in results.items()
        },
    }
    print(json.dumps(report, indent=2))
    if not args.keep:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
