"""Killing the app at any moment loses nothing that was saved, proven like SQLite's crash tests.

Each test runs an operation once to count its steps (file-system writes, syncs,
renames, deletes), then again and again in a child process that dies (SIGKILL) at
step N, for N spread over the whole operation and every one of its last steps
(the commit). After each death the database must pass integrity_check, hold all
of the operation or none of it, and open in the app again.
"""

from __future__ import annotations

import datetime
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.persistence import db as database_files
from app.persistence.db import close_database, open_database
from app.persistence.tables import Customer
from app.services.backups import list_backups, make_backup
from app.services.demo import build_demo
from tests.crash.harness import (
    backups_are_whole,
    checkpoint_and_close,
    fingerprint,
    fresh_copy,
    kill_points,
    run_child,
)

TODAY = datetime.date(2025, 6, 2)


def _prepared(tmp_path: Path, customers: int = 0) -> Path:
    """A closed database file holding a demo business of this size (0: empty, migrated)."""
    path = tmp_path / "base" / "customers.sqlite3"
    open_database(path)
    if customers:
        build_demo(customers=customers, seed=7, today=TODAY)
    close_database()
    checkpoint_and_close(path)
    return path


def _sweep(shim: Path, operation: str, base: Path, args_for, tmp_path: Path) -> tuple[list[Path], int]:
    """Count the operation's steps on one copy, then kill it at each kill point on fresh copies."""
    reference = fresh_copy(base, tmp_path / "reference")
    counted = run_child(shim, operation, reference, args_for(reference.parent), crash_at=0)
    assert not counted.killed and counted.steps and counted.steps > 5
    killed = []
    for step in kill_points(counted.steps):
        copy = fresh_copy(base, tmp_path / f"killed-at-{step}")
        run = run_child(shim, operation, copy, args_for(copy.parent), crash_at=step)
        assert run.killed, f"{operation} was not killed at step {step} of {counted.steps}"
        killed.append(copy)
    return [reference, *killed], counted.steps


def test_the_sweep_catches_an_operation_that_is_not_one_transaction(shim: Path, tmp_path: Path) -> None:
    """A test that cannot fail proves nothing: two commits in a row must be caught half-way."""
    base = _prepared(tmp_path)
    before = fingerprint(base)
    (reference, *killed), _ = _sweep(shim, "two_commits", base, lambda folder: {}, tmp_path)
    after = fingerprint(reference)
    assert any(fingerprint(copy) not in (before, after) for copy in killed)


def test_a_demo_build_is_all_there_or_not_at_all(shim: Path, tmp_path: Path) -> None:
    base = _prepared(tmp_path)
    before = fingerprint(base)
    args = {"customers": 80, "seed": 3, "today": TODAY.isoformat()}
    (reference, *killed), _ = _sweep(shim, "demo", base, lambda folder: args, tmp_path)
    after = fingerprint(reference)
    assert after != before
    outcomes = []
    for copy in killed:
        state = fingerprint(copy)
        assert state in (before, after), f"{copy.parent.name}: a half-built demo"
        outcomes.append(state == after)
        open_database(copy)  # the app opens what is left and can work with it
        close_database()
    assert not all(outcomes), "every kill came after the commit: the sweep missed the operation"


def test_a_merge_is_all_there_or_not_at_all(shim: Path, tmp_path: Path) -> None:
    base = _prepared(tmp_path, customers=60)
    connection = sqlite3.connect(base)
    busiest = [
        row[0]
        for row in connection.execute(
            "SELECT customer_id FROM visit GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 2"
        )
    ]
    connection.close()
    before = fingerprint(base)
    args = {"keep": busiest[0], "duplicate": busiest[1]}
    (reference, *killed), _ = _sweep(shim, "merge", base, lambda folder: args, tmp_path)
    after = fingerprint(reference)
    assert after != before
    for copy in killed:
        assert fingerprint(copy) in (before, after), f"{copy.parent.name}: a half-done merge"


def test_a_backup_never_leaves_a_bad_file_under_a_backups_name(shim: Path, tmp_path: Path) -> None:
    base = _prepared(tmp_path, customers=60)
    before = fingerprint(base)
    (reference, *killed), _ = _sweep(
        shim, "backup", base, lambda folder: {"folder": str(folder / "backups")}, tmp_path
    )
    assert len(list((reference.parent / "backups").glob("customers-*.sqlite3"))) == 1
    for copy in [reference, *killed]:
        assert fingerprint(copy) == before  # a backup never changes the database
        backups_are_whole(copy.parent / "backups", expected=before)
        if (copy.parent / "backups").exists():
            listed = list_backups(copy.parent / "backups")
            assert all(b.customers == 60 for b in listed)  # a .partial is never offered


def test_a_restore_is_all_there_or_not_at_all(shim: Path, tmp_path: Path) -> None:
    base = _prepared(tmp_path, customers=60)
    open_database(base)
    backup = make_backup(tmp_path / "kept-backups", label="manual").path
    Customer.delete().where(Customer.id > 50).execute()
    close_database()
    checkpoint_and_close(base)
    before, restored = fingerprint(base), fingerprint(backup)
    assert before != restored

    def args_for(folder: Path) -> dict:
        return {"backup": str(backup), "folder": str(folder / "backups")}

    (reference, *killed), _ = _sweep(shim, "restore", base, args_for, tmp_path)
    assert fingerprint(reference) == restored
    for copy in killed:
        assert fingerprint(copy) in (before, restored), f"{copy.parent.name}: a half-done restore"
        backups_are_whole(copy.parent / "backups", expected=before)  # the safety backup
        open_database(copy)
        close_database()


def _customer_list(path: Path, rows: int) -> Path:
    """A spreadsheet export of the kind owners import: new customers, and some already known."""
    lines = ["Name,Phone,Email,Street,City,State,Zip,Last service"]
    for i in range(rows):
        lines.append(
            f"Customer{i} Importson,410-555-{1000 + i:04d},c{i}@example.org,{i} Maple Ave,Towson,MD,21204,"
            f"3/{1 + i % 28}/2023"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_is_all_there_or_not_at_all(shim: Path, tmp_path: Path) -> None:
    base = _prepared(tmp_path, customers=30)
    sheet = _customer_list(tmp_path / "customers.csv", 150)
    before = fingerprint(base)
    (reference, *killed), _ = _sweep(shim, "import", base, lambda folder: {"file": str(sheet)}, tmp_path)
    after = fingerprint(reference)
    assert after["customer"][0] == before["customer"][0] + 150
    for copy in killed:
        assert fingerprint(copy) in (before, after), f"{copy.parent.name}: a half-done import"


def _schema_1_database(tmp_path: Path) -> Path:
    """A database as the first version of the app left it, holding customers, sites and sales."""
    only_first = tmp_path / "migrations-0001"
    only_first.mkdir()
    shutil.copy(database_files.MIGRATIONS_DIR / "0001_initial.py", only_first)
    path = tmp_path / "old" / "customers.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database_files, "MIGRATIONS_DIR", only_first)
        open_database(path)
        close_database()
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO customer (id, kind, first_name, last_name, company, display_name, email, email2, "
            "phone, phone_mobile, phone_work, call_window_start, call_window_end, do_not_call, do_not_mail, "
            "do_not_email, do_not_service, share_with_partners, source, notes, created_at, updated_at, "
            "version) VALUES (?, 'household', ?, ?, '', ?, ?, '', ?, '', '', '', '', 0, 0, 0, 0, 0, '', "
            "'', '2020-01-01 00:00:00', '2020-01-01 00:00:00', 1)",
            [
                (i, f"First{i}", f"Last{i % 97}", f"Last{i % 97}, First{i}", f"c{i}@example.com",
                 f"+1410555{i:04d}")
                for i in range(1, 1501)
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO site (customer_id, label, street, street2, city, region, postal_code, country, "
            "is_billing, notes) VALUES (?, '', ?, '', 'Towson', 'MD', '21204', 'US', 1, '')",
            [(i, f"{i} Elm St") for i in range(1, 1501)],
        )
        connection.executemany(
            "INSERT INTO sale (customer_id, sold_on, job_number, description, total_cents) "
            "VALUES (?, '2024-05-01', '', 'Tune-up', 12900)",
            [(i,) for i in range(1, 1501)],
        )
    connection.close()
    checkpoint_and_close(path)
    return path


def _prefix_states(base: Path, tmp_path: Path) -> list[dict[str, object]]:
    """The database after each pending migration (run straight through playhouse's Runner)."""
    from peewee import SqliteDatabase
    from playhouse.migrations import Runner

    files = sorted(database_files.MIGRATIONS_DIR.glob("[0-9]*.py"))
    states = [fingerprint(base, skip=frozenset({"stamps", "app_meta"}))]
    for count in range(2, len(files) + 1):
        folder = tmp_path / f"prefix-{count}"
        (folder / "migrations").mkdir(parents=True)
        for file in files[:count]:
            shutil.copy(file, folder / "migrations")
        copy = fresh_copy(base, folder / "db")
        database = SqliteDatabase(str(copy), pragmas=database_files.SQLITE_PRAGMAS)
        Runner(database, directory=str(folder / "migrations"), table_name="schema_migration").up()
        database.close()
        states.append(fingerprint(copy, skip=frozenset({"stamps", "app_meta"})))
    return states


@pytest.fixture(scope="module")
def migration_sweep(shim: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A schema-1 database migrated to the latest schema, killed at each kill point."""
    tmp_path = tmp_path_factory.mktemp("migration")
    base = _schema_1_database(tmp_path)
    prefixes = _prefix_states(base, tmp_path)
    (reference, *killed), _ = _sweep(
        shim, "migrate", base, lambda folder: {"backups": str(folder / "backups")}, tmp_path
    )
    return {"base": base, "prefixes": prefixes, "reference": reference, "killed": killed}


def test_a_migration_stops_between_whole_steps(migration_sweep: dict) -> None:
    finished = fingerprint(migration_sweep["reference"])
    assert finished["user_version"] == database_files.schema_version()
    old_data = fingerprint(migration_sweep["base"])
    for copy in migration_sweep["killed"]:
        state = fingerprint(copy, skip=frozenset({"stamps", "app_meta"}))
        assert state in migration_sweep["prefixes"], f"{copy.parent.name}: a migration was left half-done"
        backups_are_whole(copy.parent / "backups", expected=old_data)  # the backup taken before it


def test_the_next_start_finishes_an_interrupted_migration(migration_sweep: dict) -> None:
    finished = fingerprint(migration_sweep["reference"])
    for copy in migration_sweep["killed"]:
        open_database(copy, backup_dir=copy.parent / "backups")
        close_database()
        assert fingerprint(copy) == finished, f"{copy.parent.name}: the next start did not finish"


def test_a_new_database_killed_while_being_created_opens_on_the_next_start(
    shim: Path, tmp_path: Path
) -> None:
    def create(step: int) -> Path:
        folder = tmp_path / f"create-{step}"
        folder.mkdir()
        path = folder / "customers.sqlite3"
        run = run_child(shim, "create", path, {}, crash_at=step)
        assert run.killed == (step > 0)
        return run.steps or 0, path

    total, reference = create(0)
    finished = fingerprint(reference)
    for step in kill_points(total):
        _, path = create(step)
        if path.exists():
            fingerprint(path)
        open_database(path)  # the next start: the database opens, whatever the first one left
        close_database()
        assert fingerprint(path) == finished, f"killed at step {step}: not the same new database"
