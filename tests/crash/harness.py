"""Running an operation in a child process that dies at step N, and judging what it left behind."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHILD = HERE / "child.py"
SHIM_SOURCE = HERE / "crashpoint.c"
# Columns that hold the time of the run, not the data: left out of fingerprints.
VOLATILE_COLUMNS = {"updated_at", "applied", "imported_at"}


def build_shim(folder: Path) -> Path | None:
    """Compile the crash point library; None when there is no C compiler here."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    library = folder / "libcrashpoint.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(SHIM_SOURCE), "-ldl"],
        check=True,
        capture_output=True,
    )
    return library


@dataclass(frozen=True)
class ChildRun:
    killed: bool
    steps: int | None  # how many steps the whole operation took (when it was not killed)


def run_child(shim: Path, operation: str, database: Path, args: dict, crash_at: int) -> ChildRun:
    environment = dict(os.environ)
    environment.update(
        LD_PRELOAD=str(shim),
        CFL_CRASH_AT=str(crash_at),
        PYTHONDONTWRITEBYTECODE="1",  # a .pyc written mid-operation would be a step of its own
    )
    done = subprocess.run(
        [sys.executable, str(CHILD), operation, str(database), json.dumps(args)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if done.returncode == -9:
        return ChildRun(killed=True, steps=None)
    if done.returncode != 0:
        raise AssertionError(f"the {operation} child failed:\n{done.stderr[-3000:]}")
    return ChildRun(killed=False, steps=json.loads(done.stdout.strip().splitlines()[-1])["steps"])


def kill_points(total: int, spread: int = 8, tail: int = 4) -> list[int]:
    """Steps to die at: spread evenly over the operation, plus each of the last few (the commit)."""
    evenly = {1 + (total - 1) * i // max(1, spread - 1) for i in range(spread)}
    last = set(range(max(1, total - tail + 1), total + 1))
    return sorted(evenly | last)


def fingerprint(path: Path, *, skip: frozenset[str] = frozenset()) -> dict[str, object]:
    """The database's schema and a hash of each table's rows; fails unless it passes integrity_check."""
    connection = sqlite3.connect(path)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        assert problems == ["ok"], f"{path.name}: integrity_check says {problems[:5]}"
        schema = sorted(
            connection.execute(
                "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                "WHERE name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
        result: dict[str, object] = {"schema": schema}
        if "stamps" not in skip:
            result["user_version"] = connection.execute("PRAGMA user_version").fetchone()[0]
            result["application_id"] = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = [name for kind, name, _, _ in schema if kind == "table" and name not in skip]
        for table in tables:
            if table.startswith("customer_search_"):
                continue  # FTS5's own shadow tables: checked through the index below
            result[table] = _table_hash(connection, table)
    finally:
        connection.close()
    return result


def _table_hash(connection: sqlite3.Connection, table: str) -> tuple[int, str]:
    if table == "customer_search":
        # FTS5 checks its index against its content itself.
        connection.execute("INSERT INTO customer_search (customer_search) VALUES ('integrity-check')")
        rows = connection.execute("SELECT rowid, doc FROM customer_search").fetchall()
    else:
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE_COLUMNS)
        rows = connection.execute(f'SELECT {kept} FROM "{table}"').fetchall()
    rows.sort(key=repr)
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def fresh_copy(source: Path, folder: Path) -> Path:
    """A copy of a closed, checkpointed database file (no -wal beside it) in a folder of its own."""
    assert not Path(f"{source}-wal").exists(), "close the source database before copying it"
    folder.mkdir(parents=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def checkpoint_and_close(path: Path) -> None:
    """Fold the WAL into the file so that a plain file copy is the whole database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def backups_are_whole(folder: Path, expected: dict[str, object] | None = None) -> None:
    """Every file under a backup's name passes integrity_check (and holds `expected`, if given)."""
    if not folder.exists():
        return
    for backup in folder.glob("customers-*.sqlite3"):
        found = fingerprint(backup)
        assert expected is None or found == expected, f"{backup.name} does not hold the database as it was"
