"""Backups: taken daily and before every import, migration and restore; kept with rotation; restored.

A backup of `shop.sqlite3` is a file `shop-backup-YYYYMMDD-HHMMSS-LABEL.sqlite3` in the
backup folder (by default `backups/` beside the database; the owner may choose another
one, such as a USB stick, kept in the business settings as extra["backup_folder"]).
app.persistence.backup_files names them and says which are whose: everything here (the
list, "Last backup", the daily backup's "already taken today?", rotation) sees only the
open database's own backups, so two databases can share a folder. Only a database's own
backups are ever rotated away; anything else in the folder is left alone. Rotation keeps
every backup of the last 48 hours (so this morning's backup survives this afternoon's
import), the newest of each of the last 7 days, 4 weeks and 12 months that have one, and
the 3 newest taken before an import, migration or restore; a backup being restored is
never rotated away.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain import clock
from app.domain.errors import UserError
from app.persistence import backup as store
from app.persistence import backup_files
from app.persistence import db as database_files
from app.services import settings as settings_service
from app.services.cancel import Cancelled
from app.services.locations import location_warning

log = logging.getLogger(__name__)

FOLDER_SETTING = "backup_folder"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_EVENTS = 7, 4, 12, 3
KEEP_ALL_FOR = datetime.timedelta(hours=48)
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

__all__ = [
    "BackupInfo",
    "RestoreResult",
    "backup_before",
    "backup_folder",
    "backup_if_due",
    "backup_to_file",
    "cannot_be_opened",
    "list_backups",
    "live_location_warning",
    "location_warning",
    "make_backup",
    "restore_backup",
    "rotate",
    "set_backup_folder",
]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime.datetime
    customers: int | None  # None: the file can't be read (damaged)
    size: int  # bytes
    label: str = ""  # daily, manual, before-import, before-restore, before-schema-vN…


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo | None  # the live database as it was, None if it could not be read
    customers: int
    damaged_kept: Path | None = None  # a live file SQLite could not read, renamed beside it, never deleted


def backup_folder(default_parent: Path | None = None) -> Path:
    """The folder the owner chose, else `backups/` beside the database (or in `default_parent`)."""
    chosen = settings_service.load_settings().extra.get(FOLDER_SETTING)
    if chosen:
        return Path(chosen).expanduser()
    parent = default_parent or store.require_live_path().parent
    return parent / "backups"


def set_backup_folder(folder: Path | str | None) -> str | None:
    """Remember the backup folder (None: back to the default); returns a warning to show, if any."""
    current = settings_service.load_settings()
    extra = dict(current.extra)
    if folder:
        path = Path(folder).expanduser()
        try:
            path.mkdir(parents=True, exist_ok=True)
            probe = path / ".cfl-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as error:
            raise UserError(f"Backups can't be written to {path}: {error.strerror or error}.") from error
        extra[FOLDER_SETTING] = str(path.resolve())
    else:
        extra[FOLDER_SETTING] = ""  # the default again (settings keep every key once stored)
    settings_service.save_settings(dataclasses.replace(current, extra=extra))
    live = store.live_path()
    if folder and live is not None and Path(folder).expanduser().resolve() == live.parent.resolve():
        return (
            "Backups in the same folder as the database are lost with it; "
            "a USB stick or another disk is safer."
        )
    return None


def make_backup(
    folder: Path | None = None,
    *,
    label: str = "manual",
    now: datetime.datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupInfo:
    """A verified backup of the open database in the backup folder, then rotation of its backups."""
    if not backup_files.LABEL.fullmatch(label):
        raise ValueError(f"backup label {label!r}: use a-z, 0-9 and '-'")
    live = store.require_live_path()
    folder = folder or backup_folder()
    now = now or clock.now()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # new: private to the owner
        target = backup_files.unique_target(folder, live, label, now)
        facts = _write(live, target, progress, cancel)
    except OSError as error:
        raise UserError(f"The backup could not be written to {folder}: {error.strerror or error}.") from error
    log.info("backup %s written (%s customers)", target.name, facts.customers)
    info = BackupInfo(target, now.replace(microsecond=0), facts.customers, target.stat().st_size, label)
    rotate(folder, database=live, now=now)
    return info


def backup_to_file(
    out: Path, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> BackupInfo:
    """A verified backup written to exactly `out` (the command line's `backup OUT`); no rotation."""
    live = store.require_live_path()
    out = Path(out).expanduser()
    if out.exists() and out.is_dir():
        raise UserError(f"{out} is a folder; give a file name for the backup.")
    if out.resolve() == live.resolve():
        raise UserError("The backup can't be written over the database itself; choose another file.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        facts = _write(live, out, progress, cancel)
    except OSError as error:
        raise UserError(f"The backup could not be written to {out}: {error.strerror or error}.") from error
    taken_at = clock.now()
    return BackupInfo(out, taken_at, facts.customers, out.stat().st_size)


def _write(live: Path, target: Path, progress: Progress | None, cancel: Cancel | None) -> store.CopyFacts:
    try:
        return store.write_copy(live, target, progress=progress, cancel=cancel)
    except store.CopyCancelled:
        raise Cancelled() from None


def backup_before(event: str, folder: Path | None = None) -> BackupInfo | None:
    """The safety backup before an import, a migration or a restore; None for a PostgreSQL database."""
    if store.live_path() is None:
        return None
    return make_backup(folder, label=f"before-{event}")


def backup_if_due(folder: Path | None = None, now: datetime.datetime | None = None) -> BackupInfo | None:
    """Today's backup, unless this database already has one from today (of any kind); None when
    none was needed. Another database's backups in the same folder don't count."""
    live = store.live_path()
    if live is None:
        return None
    now = now or clock.now()
    folder = folder or backup_folder()
    if any(info.taken_at.date() == now.date() for info in _own_backups(folder, live)):
        return None
    return make_backup(folder, label="daily", now=now)


def _own_backups(folder: Path, database: Path) -> list[BackupInfo]:
    """The database's backups in the folder, newest first, without counting their customers."""
    return [
        BackupInfo(found.path, found.taken_at, None, found.size, found.label)
        for found in backup_files.backups_of(folder, database)
    ]


def list_backups(folder: Path | None = None, *, database: Path | None = None) -> list[BackupInfo]:
    """The open database's (or `database`'s) backups in the folder, newest first, with how many
    customers each holds."""
    database = database or store.require_live_path()
    folder = folder or backup_folder()
    listed = []
    for info in _own_backups(folder, database):
        try:
            customers: int | None = store.read_facts(info.path).customers
        except UserError:
            customers = None
        listed.append(dataclasses.replace(info, customers=customers))
    return listed


def rotate(
    folder: Path,
    *,
    database: Path | None = None,
    now: datetime.datetime | None = None,
    spare: tuple[Path, ...] = (),
) -> list[Path]:
    """Delete the open database's (or `database`'s) backups the rotation no longer keeps, never
    those in `spare` nor another database's; returns them."""
    database = database or store.require_live_path()
    now = now or clock.now()
    backups = _own_backups(folder, database)
    keep = _kept(backups, now) | {path.resolve() for path in spare}
    removed = []
    for info in backups:
        if info.path not in keep and info.path.resolve() not in keep:
            try:
                info.path.unlink()
                removed.append(info.path)
                for suffix in ("-wal", "-shm"):  # left beside old WAL-mode backups by their readers
                    Path(f"{info.path}{suffix}").unlink(missing_ok=True)
            except OSError as error:
                log.warning("could not remove old backup %s: %s", info.path.name, error)
    _remove_stale_partials(folder, database, now)
    return removed


def _kept(backups: list[BackupInfo], now: datetime.datetime) -> set[Path]:
    """Newest first in: the last 48 hours, the newest of each of the last N days, weeks and months,
    and the most recent safety backups."""
    keep = {info.path for info in backups if now - info.taken_at < KEEP_ALL_FOR}
    periods: list[tuple[Callable[[datetime.datetime], tuple], int]] = [
        (lambda t: (t.year, t.month, t.day), KEEP_DAILY),
        (lambda t: tuple(t.isocalendar())[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ]
    for period_of, how_many in periods:
        seen: set[tuple] = set()
        for info in backups:
            period = period_of(info.taken_at)
            if period not in seen and len(seen) < how_many:
                seen.add(period)
                keep.add(info.path)
    events = [info for info in backups if info.label.startswith("before-")]
    keep.update(info.path for info in events[:KEEP_EVENTS])
    return keep


def _remove_stale_partials(folder: Path, database: Path, now: datetime.datetime) -> None:
    """A backup killed half-way leaves NAME.partial; one older than a day is nobody's any more."""
    for partial in backup_files.stale_partials(folder, database):
        try:
            age = now.timestamp() - partial.stat().st_mtime
            if age > 86_400:
                partial.unlink()
        except OSError:
            pass


def restore_backup(
    path: Path,
    *,
    folder: Path | None = None,
    live: Path | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Put a backup back into the live database, after a safety backup of the live one.

    Works on the open database (the app's connections see the restored data on their next
    read: refresh every page). `live` names the database file when none is open (the
    command line restoring a database that no longer opens, or one not created yet). A live
    file SQLite cannot read is renamed aside, never deleted (`damaged_kept`). A backup from an
    older version of the app is migrated after the restore.
    """
    path = Path(path).expanduser()
    live = live or store.require_live_path()
    checked = store.read_facts(path, full_check=True)  # refuse a bad backup before touching anything
    if path.resolve() == live.resolve():
        raise UserError("That is the database itself, not a backup of it.")
    if live.is_dir():
        raise UserError(f"{live} is a folder, not a database file; nothing was restored.")
    usable = live.exists() and store.is_usable(live)
    safety = _safety_backup(live, folder, path) if usable else None
    damaged = _set_damaged_aside(live) if live.exists() and not usable else None
    if not live.exists():
        _make_parent(live)  # a new laptop: the data folder may not exist yet
    facts = store.restore_into(live, path, progress=progress, live_is_usable=usable, backup_checked=checked)
    log.info("restored backup %s (%s customers)", path.name, facts.customers)
    if facts.schema_version < database_files.schema_version() and store.live_path() is not None:
        database_files.open_database(live, backup_dir=folder or live.parent / "backups")
    parsed = backup_files.parse(path)
    taken_at = parsed[0] if parsed else datetime.datetime.fromtimestamp(path.stat().st_mtime)
    restored = BackupInfo(path, taken_at, facts.customers, path.stat().st_size, parsed[1] if parsed else "")
    return RestoreResult(
        restored=restored, safety_backup=safety, customers=facts.customers, damaged_kept=damaged
    )


def cannot_be_opened(path: Path) -> bool:
    """Whether `path` is a file SQLite cannot read at all (damaged, truncated, not a database).

    Such a file may be replaced by a restore (it is kept aside); a file that is merely someone
    else's database, in use, or from a newer version of the app may not.
    """
    path = Path(path).expanduser()
    return path.is_file() and not store.is_usable(path)


def _set_damaged_aside(live: Path) -> Path:
    """Rename an unreadable live file (with its -wal/-shm) to NAME.damaged-STAMP beside it."""
    try:
        return store.set_aside(live, "damaged")
    except OSError as error:
        raise UserError(
            f"The damaged database {live} could not be moved aside ({error.strerror or error}), "
            "so nothing was restored."
        ) from error


def _make_parent(live: Path) -> None:
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise UserError(f"The folder {live.parent} could not be created: {reason}.") from error


def _safety_backup(live: Path, folder: Path | None, source: Path) -> BackupInfo:
    """The live database as it was (the caller checked SQLite can read it), so a restore can
    itself be undone. A healthy database that can't be backed up stops the restore.
    """
    folder = folder or (backup_folder() if store.live_path() is not None else live.parent / "backups")
    now = clock.now()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = backup_files.unique_target(folder, live, "before-restore", now)
        facts = store.write_copy(live, target)
    except OSError as error:
        raise UserError(
            f"The safety backup could not be written to {folder} ({error.strerror or error}), "
            "so nothing was restored."
        ) from error
    rotate(
        folder, database=live, now=now, spare=(source,)
    )  # never rotate away the backup about to be restored
    size = target.stat().st_size
    return BackupInfo(target, now.replace(microsecond=0), facts.customers, size, "before-restore")


def live_location_warning() -> str | None:
    """A warning when the open database lives on a network drive or in a synced folder."""
    live = store.live_path()
    return location_warning(live) if live is not None else None
