"""Opening the database: SQLite file or PostgreSQL URL, checks, stamps and migrations.

A file that is not ours (another program's SQLite file, a spreadsheet renamed
.db, a database written by a newer version of the app, a locked file) is
refused with one sentence and left exactly as it was: every check before the
first write opens the file read-only.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, DatabaseError, OperationalError, SqliteDatabase
from playhouse.migrations import Runner

from app.domain import clock
from app.domain.errors import UserError
from app.domain.office import hide_password
from app.persistence import backup_files, postgres, tables

log = logging.getLogger(__name__)

APPLICATION_ID = 0x43464C31  # "CFL1", stamped into the SQLite header
APPLICATION_NAME = "customers-for-life"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -32_000,
}


BUSY_MESSAGE = (
    "The database is busy with other work (such as working out who is due after a large import); "
    "nothing was changed. Try again in a moment."
)


class AppSqliteDatabase(SqliteDatabase):
    """SQLite that says "busy" in the owner's words: a write that waited its five seconds for another
    connection's long write (the first recompute after an import) is refused with a sentence, not a bug."""

    def execute_sql(self, sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except OperationalError as error:
            raise _busy_or_same(error) from error

    def begin(self, lock_type=None):  # type: ignore[no-untyped-def]
        try:
            return super().begin(lock_type)
        except OperationalError as error:
            raise _busy_or_same(error) from error


def _busy_or_same(error: OperationalError) -> Exception:
    text = str(error)
    return UserError(BUSY_MESSAGE) if "database is locked" in text or "database is busy" in text else error


def schema_version() -> int:
    """The schema version this copy of the app writes: its highest migration number."""
    return max(int(p.name[:4]) for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


@dataclass(frozen=True)
class OpenedDatabase:
    database: Database
    location: str  # the file, or the server's address without its password (fit to show and log)
    is_sqlite: bool
    migrated_from: int | None  # schema version before migrating, None when nothing ran
    backup_path: Path | None  # the backup taken before migrating


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_database(
    target: str | Path, *, backup_dir: Path | None = None, password: str | None = None
) -> OpenedDatabase:
    """Open (creating if needed) and migrate the database; bind the tables to it.

    `password`: the office server's, when it is not in the address (it comes from this
    computer's password store); nothing returned or raised here holds it.
    """
    target = str(target)
    location = hide_password(target)
    if is_postgres_url(target):
        database = postgres.open_office_database(target, password)
        is_sqlite = False
    else:
        path = Path(target).expanduser()
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Every transaction takes the write lock when it begins: one that read first and wrote later is
        # refused outright ("database is locked", without waiting) when another connection, such as
        # the background recompute, committed meanwhile.
        database = AppSqliteDatabase(
            str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE"
        )
        is_sqlite = True
    tables.database_proxy.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        migrated_from, backup_path = _migrate(database, is_sqlite, target, backup_dir)
    except (OperationalError, UserError) as error:
        database.close()
        busy = str(error) == BUSY_MESSAGE or "locked" in str(error) or "busy" in str(error)
        if isinstance(error, UserError) and not busy:
            raise
        if busy:  # at opening, what holds it is another program (or copy of the app), not our own work
            raise UserError(
                f"The database {location} is in use by another program. Close it and try again."
            ) from error
        raise
    except DatabaseError as error:
        # Damage past the first page: the header and the schema read well, the tables do not.
        database.close()
        if is_sqlite and ("malformed" in str(error) or "not a database" in str(error)):
            raise UserError(f"{location} is damaged and cannot be read; restore a backup into it.") from error
        raise
    return OpenedDatabase(database, location, is_sqlite, migrated_from, backup_path)


def close_database() -> None:
    database = tables.database_proxy.obj
    if database is not None and not database.is_closed():
        database.close()


def _check_sqlite_file(path: Path) -> None:
    """Refuse what is not a database of ours, reading the file only."""
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a database file.")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise UserError(f"{path} is not a Customers for Life database (it is not a database file).")
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            table_count = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if "locked" in str(error):
            raise UserError(
                f"The database {path} is in use by another program. Close it and try again."
            ) from error
        raise UserError(f"{path} is damaged or not a database file.") from error
    if app_id != APPLICATION_ID and table_count > 0:
        raise UserError(f"{path} belongs to another program, not Customers for Life.")
    if version > schema_version():
        raise UserError(
            f"{path} was written by a newer version of Customers for Life. "
            "Install the newer version to open it."
        )


def _migrate(
    database: Database, is_sqlite: bool, target: str, backup_dir: Path | None
) -> tuple[int | None, Path | None]:
    if is_sqlite:
        return _migrate_unlocked(database, is_sqlite, target, backup_dir)
    # Several office PCs may start at once on a new server database: one migrates, the others wait.
    database.execute_sql("SELECT pg_advisory_lock(%s)", (APPLICATION_ID,))
    try:
        return _migrate_unlocked(database, is_sqlite, target, backup_dir)
    finally:
        database.execute_sql("SELECT pg_advisory_unlock(%s)", (APPLICATION_ID,))


def _migrate_unlocked(
    database: Database, is_sqlite: bool, target: str, backup_dir: Path | None
) -> tuple[int | None, Path | None]:
    runner = Runner(database, directory=str(MIGRATIONS_DIR), table_name="schema_migration")
    status = runner.status()
    if any(m.path is None for m in status):
        raise UserError(
            "This database was written by a newer version of Customers for Life. "
            "Install the newer version to open it."
        )
    applied = [m.idx for m in status if m.applied]
    pending = [m for m in status if not m.applied]
    if not is_sqlite:
        _check_postgres_is_ours(database, fresh=not applied)
    elif not applied:
        # Claim a new file before creating anything in it: a start killed half-way through
        # creating the tables must find a file that is recognisably ours.
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    if not pending:
        if _stamped_version(database, is_sqlite) != schema_version():
            _stamp(database, is_sqlite)  # the last start was stopped between migrating and stamping
        return None, None
    before = max(applied, default=0)
    backup_path = None
    if applied and is_sqlite:
        folder = backup_dir or Path(target).expanduser().parent / "backups"
        backup_path = backup_sqlite(database, folder, f"before-schema-v{schema_version()}")
    runner.up()
    _stamp(database, is_sqlite)
    log.info("database migrated from schema %s to %s", before, schema_version())
    return before, backup_path


def _stamped_version(database: Database, is_sqlite: bool) -> int:
    if is_sqlite:
        return database.execute_sql("PRAGMA user_version").fetchone()[0]
    row = tables.AppMeta.select(tables.AppMeta.value).where(tables.AppMeta.key == "schema_version").first()
    return int(row.value) if row else 0


def _check_postgres_is_ours(database: Database, fresh: bool) -> None:
    existing = database.get_tables()
    if fresh and existing:
        raise UserError("That PostgreSQL database belongs to another program; use an empty one.")


def _stamp(database: Database, is_sqlite: bool) -> None:
    version = schema_version()
    meta = tables.AppMeta
    with database.atomic():
        for key, value in (("application", APPLICATION_NAME), ("schema_version", str(version))):
            meta.insert(key=key, value=value).on_conflict(
                conflict_target=[meta.key], update={meta.value: value}
            ).execute()
    if is_sqlite:
        database.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        database.execute_sql(f"PRAGMA user_version = {version}")


def backup_sqlite(database: Database, folder: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API, written under a temporary name first,
    and named for this database like every other backup (app.persistence.backup_files)."""
    folder.mkdir(parents=True, exist_ok=True)
    final = backup_files.unique_target(folder, Path(database.database), label, clock.now())
    partial = backup_files.partial_of(final)
    source = database.connection()
    target = sqlite3.connect(str(partial))
    try:
        source.backup(target)
        ok = target.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        target.close()
    if not ok:
        partial.unlink(missing_ok=True)
        raise UserError("The backup could not be verified; the database was not changed.")
    partial.replace(final)
    return final
