"""Consistent copies of the SQLite database, and putting one back, through SQLite's backup API.

Why the backup API and not a file copy: a copy of the file while the app has it
open can catch a half-written page, and misses what is still in the -wal file.
Restoring by copying a file over the live one is worse: the old -wal beside it
would replay its pages over the restored file the next time SQLite opens it.
Here a restore is one write transaction on the live database itself, so SQLite
logs it in its own WAL, other connections see either all of it or none of it,
and no stale WAL can be applied on top.

A backup is written under a temporary name, checked with `PRAGMA integrity_check`,
synced to disk and only then renamed: a failure never leaves a bad file under a
backup's name. The check reads through SQLite's page cache, not a memory map: a map
would be a second faster at 100,000 customers but would put the whole file (400 MB)
into the app's memory while the daily backup runs in the background.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from app.domain import clock
from app.domain.errors import UserError
from app.persistence import db
from app.persistence.backup_files import open_read_only, partial_of
from app.persistence.tables import database_proxy

PAGES_PER_STEP = 2048  # 8 MB at 4 KB pages: progress a few times a second, and a cancel is quick
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class CopyCancelled(Exception):
    """The caller's cancel() said stop; nothing under a backup's name was written."""


@dataclass(frozen=True)
class CopyFacts:
    """What a backup file holds, read from the file itself."""

    customers: int
    schema_version: int


def live_path() -> Path | None:
    """The SQLite file the app has open, or None (PostgreSQL, or nothing open)."""
    database = database_proxy.obj
    if isinstance(database, SqliteDatabase):
        return Path(database.database)
    return None


def require_live_path() -> Path:
    path = live_path()
    if path is None:
        if database_proxy.obj is None:
            raise UserError("No database is open.")
        raise UserError(
            "An office (PostgreSQL) database is backed up on its server (pg_dump); ask whoever runs it."
        )
    return path


def write_copy(
    source_path: Path, target: Path, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> CopyFacts:
    """Copy a database into `target` (through `target.partial`), verified; returns what it holds.

    The copy is read through a connection of its own, so it holds only committed data, and
    a write by the app meanwhile restarts the copy instead of tearing it.
    """
    partial = partial_of(target)
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(str(source_path), timeout=db.BUSY_TIMEOUT_MS / 1000)
    try:
        facts = _copy_and_check(source, partial, progress, cancel)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    _sync_file(partial)
    restrict_to_owner(partial)
    os.replace(partial, target)
    _sync_folder(target.parent)
    return facts


def _copy_and_check(
    source: sqlite3.Connection, partial: Path, progress: Progress | None, cancel: Cancel | None
) -> CopyFacts:
    target = sqlite3.connect(str(partial))
    try:
        source.backup(target, pages=PAGES_PER_STEP, progress=_step_reporter(progress, cancel))
        # The copied header still says WAL; a backup is one self-contained file with no -wal beside it.
        target.execute("PRAGMA journal_mode = DELETE").fetchone()
        problems = [row[0] for row in target.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise UserError("The backup could not be verified, so it was not kept. Try again.")
        return _facts(target)
    finally:
        target.close()


def _step_reporter(progress: Progress | None, cancel: Cancel | None) -> Callable[[int, int, int], None]:
    def step(_status: int, remaining: int, total: int) -> None:
        if cancel is not None and cancel():
            raise CopyCancelled()
        if progress is not None:
            progress(total - remaining, total)

    return step


def _facts(connection: sqlite3.Connection) -> CopyFacts:
    has_customers = connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'customer'"
    ).fetchone()[0]
    customers = connection.execute("SELECT count(*) FROM customer").fetchone()[0] if has_customers else 0
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return CopyFacts(customers=customers, schema_version=version)


def read_facts(path: Path, *, full_check: bool = False) -> CopyFacts:
    """What a backup file holds; UserError when it is not a usable Customers for Life backup.

    `full_check` runs `PRAGMA integrity_check` (reads every page); without it the file is
    only opened and counted, which is what a list of backups needs.
    """
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file.")
    with path.open("rb") as handle:
        if handle.read(16) != db.SQLITE_HEADER:
            raise UserError(f"{path} is not a Customers for Life backup (it is not a database file).")
    try:
        connection = open_read_only(path)
        try:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if app_id != db.APPLICATION_ID:
                raise UserError(f"{path} is not a Customers for Life backup.")
            if full_check:
                problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
                if problems != ["ok"]:
                    raise UserError(f"{path} is damaged; choose another backup.")
            facts = _facts(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise UserError(f"{path} is damaged or not a database file; choose another backup.") from error
    if facts.schema_version > db.schema_version():
        raise UserError(
            f"{path} was written by a newer version of Customers for Life. "
            "Install the newer version to restore it."
        )
    return facts


def restore_into(
    live: Path,
    backup: Path,
    *,
    progress: Progress | None = None,
    live_is_usable: bool = False,
    backup_checked: CopyFacts | None = None,
) -> CopyFacts:
    """Replace the contents of the live database with the backup's, in one transaction.

    Works while the app holds the database open (call it outside any transaction): other
    connections see the restored data on their next read. A live file that SQLite cannot
    use at all is first set aside, with its -wal and -shm, as `NAME.damaged-STAMP`
    (`live_is_usable`: the caller just read all of it, e.g. for a safety backup).
    `backup_checked`: what read_facts(backup, full_check=True) found, if the caller just ran it.
    """
    facts = backup_checked or read_facts(backup, full_check=True)
    if not live_is_usable and live.exists() and not is_usable(live):
        set_aside(live, "damaged")
    source = open_read_only(backup)
    target = sqlite3.connect(str(live), timeout=db.BUSY_TIMEOUT_MS / 1000)
    try:
        with tempfile.TemporaryDirectory(prefix="cfl-restore-") as scratch:
            copy_from = _with_page_size(source, target, Path(scratch))
            try:
                copy_from.backup(target, pages=PAGES_PER_STEP, progress=_step_reporter(progress, None))
            finally:
                if copy_from is not source:
                    copy_from.close()
        # Fold the restore into the main file now; a reader still open elsewhere may hold the
        # checkpoint back, which is harmless: the WAL is the database's own and already committed.
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise UserError(
                "The database is busy (another program or a running job is using it). "
                "Close it and try the restore again; nothing was changed."
            ) from error
        raise
    finally:
        source.close()
        target.close()
    restrict_to_owner(live)
    return facts


def is_usable(path: Path) -> bool:
    """Whether SQLite can read the file as a database (a quick check of every page)."""
    try:
        connection = sqlite3.connect(str(path), timeout=db.BUSY_TIMEOUT_MS / 1000)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        # In use elsewhere means SQLite can read it; the restore will wait for it.
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.DatabaseError:
        return False


def _with_page_size(
    source: sqlite3.Connection, target: sqlite3.Connection, scratch: Path
) -> sqlite3.Connection:
    """The source, or a copy of it with the live file's page size (which WAL mode fixes)."""
    wanted = int(target.execute("PRAGMA page_size").fetchone()[0])
    if source.execute("PRAGMA page_size").fetchone()[0] == wanted:
        return source
    converted = sqlite3.connect(str(scratch / "page-size.sqlite3"))
    source.backup(converted)
    converted.execute("PRAGMA journal_mode = DELETE").fetchone()
    converted.execute(f"PRAGMA page_size = {wanted}")
    converted.execute("VACUUM")
    return converted


def set_aside(path: Path, why: str) -> Path:
    """Rename a database file and its -wal/-shm out of the way (nothing is deleted)."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def restrict_to_owner(path: Path) -> None:
    """Readable and writable by the owner only. On Windows the data folder under
    %LOCALAPPDATA% is private to the user already, and chmod only sets read-only."""
    if sys.platform == "win32":
        return
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").chmod(0o600)


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder for syncing)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (e.g. a FAT USB stick on some systems) refuse; the data is synced
    finally:
        os.close(descriptor)
