"""Import speed and memory at 100,000 rows, against reading the same workbook with python-calamine and pandas.

    python benchmarks/bench_import.py [--rows 100000] [--keep FOLDER]

Writes a 12-column customer workbook (cached in FOLDER between runs), then in the
same run times: python-calamine merely reading it; pandas.read_excel (openpyxl
engine) merely reading it; and `run_import` into a fresh database file, in a child
process so that its peak memory (max RSS) is its own. The targets (issue 4): the
import takes at most 3× calamine's read and less than pandas' read; peak < 500 MB.
pandas is not a dependency of the app: `pip install pandas` to include it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = ["First Name", "Last Name", "Company", "Phone", "Mobile", "Email", "Street", "City", "State", "Zip",
          "Equipment", "Installed"]  # fmt: skip
FIRST = ["John", "Mary", "Ann", "Luis", "Chen", "Fatima", "Olga", "Peter", "Sam", "Kim", "Rosa", "Ahmed"]
LAST = ["Smith", "Garcia", "Nguyen", "Brown", "O'Brien", "Kowalski", "Lee", "Patel", "Jones", "Miller"]
CITIES = [("Baltimore", "MD", 21201), ("Boston", "MA", 2134), ("Dover", "DE", 19901), ("Towson", "MD", 21204)]
KINDS = ["Furnace", "Heat pump", "Water heater", "Central AC", "Boiler"]


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rnd = random.Random(1)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Customers")
    sheet.append(HEADER)
    for i in range(rows):
        city, state, zip_code = rnd.choice(CITIES)
        sheet.append([
            rnd.choice(FIRST), f"{rnd.choice(LAST)}{i}", "" if i % 9 else "Acme Property LLC",
            f"({rnd.choice((410, 443, 301, 617))}) {rnd.randint(200, 999)}-{i % 10000:04d}",
            f"443-{rnd.randint(200, 999)}-{rnd.randint(0, 9999):04d}" if i % 3 == 0 else None,
            f"user{i}@example.com", f"{rnd.randint(1, 9999)} {rnd.choice(LAST)} St", city, state, zip_code,
            rnd.choice(KINDS), datetime.date(1995 + i % 29, 1 + i % 12, 1 + i % 28),
        ])  # fmt: skip
    workbook.save(path)


def time_calamine(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds): CPU time stays honest when other programs share the machine."""
    import python_calamine

    start, cpu = time.perf_counter(), time.process_time()
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    return time.perf_counter() - start, time.process_time() - cpu


def time_pandas(path: Path) -> tuple[float, float] | None:
    try:
        import pandas
    except ImportError:
        return None
    start, cpu = time.perf_counter(), time.process_time()
    pandas.read_excel(path, engine="openpyxl")
    return time.perf_counter() - start, time.process_time() - cpu


def import_in_child(path: Path, folder: Path) -> dict:
    """Run the import in a fresh process: its time and its own peak memory."""
    code = (
        "import json, resource, sys, time; from pathlib import Path;"
        "from app.persistence.db import open_database;"
        "from app.services.importing import run_import;"
        f"open_database(Path({str(folder / 'bench.db')!r}));"
        "start, cpu = time.perf_counter(), time.process_time();"
        f"report = run_import(Path({str(path)!r}));"
        "elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu;"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
        "print(json.dumps({'seconds': elapsed, 'cpu': cpu, 'peak_mb': peak,"
        " 'created': report.customers_created, 'merged': report.duplicates_merged,"
        " 'rejected': len(report.rejected)}))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def floor_import(path: Path, database: Path) -> dict:
    """The least any import into this schema does: read with calamine, one tuple per row for each of
    customer, site and equipment (no cleaning, no matching, no undo record), insert them, index them
    for search, commit. Runs in the child process that `floor_in_child` starts."""
    import python_calamine

    from app.persistence import bulk, search_index
    from app.persistence.db import open_database

    open_database(database)
    cpu = time.process_time()
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()[1:]
    now = "2026-11-25 10:00:00"
    customers, sites, equipment = [], [], []
    for i, r in enumerate(rows, 1):
        phone = "+1" + "".join(ch for ch in r[3] if ch.isdigit())
        customers.append((i, "household", r[0], r[1], r[2], f"{r[1]}, {r[0]}", r[5], phone, now, now))
        sites.append((i, i, r[6], r[7], r[8], f"{int(r[9]):05d}"))
        equipment.append((i, i, r[10], r[11].isoformat() if r[11] else None))
    with bulk.transaction():
        bulk.insert_rows("customer", ("id", "kind", "first_name", "last_name", "company", "display_name",
                                      "email", "phone", "created_at", "updated_at"), customers)  # fmt: skip
        bulk.insert_rows("site", ("id", "customer_id", "street", "city", "region", "postal_code"), sites)
        bulk.insert_rows("equipment", ("id", "site_id", "kind", "installed_on"), equipment)
        search_index.index_new(1, len(rows))
    return {"cpu": time.process_time() - cpu}


def floor_in_child(path: Path, folder: Path) -> dict:
    database = folder / "floor.db"
    database.unlink(missing_ok=True)
    code = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, 'benchmarks');"
        "from bench_import import floor_import;"
        f"print(json.dumps(floor_import(Path({str(path)!r}), Path({str(database)!r}))))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="a folder to keep the generated workbook in between runs")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cfl-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"customers-{args.rows}.xlsx"
    if not path.exists():
        print(f"writing {path} ...", file=sys.stderr)
        make_workbook(path, args.rows)
    (folder / "bench.db").unlink(missing_ok=True)
    calamine = min(time_calamine(path) for _ in range(2))
    pandas = time_pandas(path)
    result = import_in_child(path, folder)
    floor = floor_in_child(path, folder)
    ours = (result["seconds"], result["cpu"])
    print(f"rows {args.rows:,}; times as wall clock / CPU seconds (CPU is what counts on a busy machine)")
    print(f"python-calamine read         {calamine[0]:7.2f} / {calamine[1]:6.2f} s")
    if pandas is None:
        print("pandas.read_excel(openpyxl)  not installed (pip install pandas)")
    else:
        print(f"pandas.read_excel(openpyxl)  {pandas[0]:7.2f} / {pandas[1]:6.2f} s")
    print(f"our import (all of it)       {ours[0]:7.2f} / {ours[1]:6.2f} s   "
          f"= {ours[1] / calamine[1]:.1f}× calamine's CPU time (target ≤ 3×)")  # fmt: skip
    ratio = floor["cpu"] / calamine[1]
    print(f"floor: read, insert, index             {floor['cpu']:6.2f} s   = {ratio:.1f}× "
          "(no cleaning, matching or undo: no import is faster)")  # fmt: skip
    print(f"peak memory of the import    {result['peak_mb']:7.0f} MB (target < 500 MB)")
    created, merged, rejected = result["created"], result["merged"], result["rejected"]
    print(f"customers created {created:,}, merged {merged:,}, rejected {rejected:,}")
    if pandas is not None:
        verdict = "yes" if ours[1] < pandas[1] else "NO"
        print(f"faster than pandas: {verdict} ({pandas[1] / ours[1]:.1f}× in CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
