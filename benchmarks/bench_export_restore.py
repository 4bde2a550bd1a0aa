"""Export and restore benchmark: the whole database to a workbook, and that workbook restored into an
empty SQLite file and (with --postgres) an empty database on a PostgreSQL server.

    python benchmarks/bench_export_restore.py [--customers 20000] [--postgres postgresql://.../postgres]

--postgres names a server database whose user may create databases: an empty one is made for the
restore and dropped afterwards. Prints one JSON document of wall and CPU seconds per step.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.persistence.db import close_database, open_database
from app.services.demo import build_demo
from app.services.exporting import export_database
from app.services.freshness import ensure_opportunities_fresh
from app.services.importing import run_import


def _timed(job) -> tuple[dict, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = job()
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    return {"seconds": round(seconds, 2), "cpu": round(cpu_seconds, 2)}, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--postgres", help="a server URL whose user may create databases")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cfl-bench-restore-"))
    figures: dict[str, object] = {"customers": args.customers}
    open_database(folder / "laptop.sqlite3")
    build_demo(customers=args.customers, seed=1)
    ensure_opportunities_fresh()
    figures["export"], summary = _timed(lambda: export_database(folder / "everything.xlsx"))
    figures["rows"] = summary.total_rows
    figures["workbook_mb"] = round((folder / "everything.xlsx").stat().st_size / 1e6, 1)
    close_database()
    open_database(folder / "new-laptop.sqlite3")
    figures["restore_sqlite"], _report = _timed(lambda: run_import(folder / "everything.xlsx"))
    close_database()
    if args.postgres:
        import psycopg

        name = f"cfl_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            open_database(urlunsplit(urlsplit(args.postgres)._replace(path=f"/{name}")))
            figures["restore_postgres"], _report = _timed(lambda: run_import(folder / "everything.xlsx"))
            close_database()
        finally:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
