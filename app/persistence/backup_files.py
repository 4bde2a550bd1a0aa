"""Which files in a folder are backups of which database: the one place that names and finds them.

A backup of `shop.sqlite3` is `shop-backup-YYYYMMDD-HHMMSS[-N]-LABEL.sqlite3`: the
database's file name (without `.sqlite3`) comes first, so two databases sharing a
backup folder each find only their own backups, take their own daily backup and
rotate their own set. Names are matched without regard to case, as Windows opens
`Shop.sqlite3` and `shop.sqlite3` as the same file.

Before backups were named by their database every one was `customers-YYYYMMDD-…`,
whatever database it came from. Such a file is counted as a database's backup only
when it holds that database: every Customers for Life database records the moment
it was created (the first row of its migration history), and a backup keeps it. An
old backup that can't be read, or that holds another database, is nobody's here: it
is never listed for, or rotated away by, a database it may not belong to.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".sqlite3"
PARTIAL_SUFFIX = ".partial"
LABEL = re.compile(r"[a-z0-9-]+")
_TAIL = r"-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.sqlite3"
LEGACY_NAME = re.compile(rf"^customers{_TAIL}$")
ANY_NAME = re.compile(rf"^(.+)-backup{_TAIL}$")
# Characters Windows (and so a USB stick's FAT) refuses in a file name.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class FoundBackup:
    path: Path
    taken_at: datetime.datetime
    label: str  # daily, manual, before-import, before-restore, before-schema-vN…
    size: int  # bytes


def stem_for(database: Path) -> str:
    """What a database's backups are named after: its file name without `.sqlite3`."""
    name = Path(database).name
    if name.lower().endswith(SUFFIX):
        name = name[: -len(SUFFIX)]
    return _UNSAFE.sub("_", name).strip() or "database"


def name_for(database: Path, taken_at: datetime.datetime, label: str, counter: int = 1) -> str:
    if not LABEL.fullmatch(label):
        raise ValueError(f"backup label {label!r}: use a-z, 0-9 and '-'")
    count = f"-{counter}" if counter > 1 else ""
    return f"{stem_for(database)}-backup-{taken_at:%Y%m%d-%H%M%S}{count}-{label}{SUFFIX}"


def unique_target(folder: Path, database: Path, label: str, taken_at: datetime.datetime) -> Path:
    """A new backup's path: two backups in the same second both keep theirs."""
    counter = 1
    target = folder / name_for(database, taken_at, label)
    while target.exists():
        counter += 1
        target = folder / name_for(database, taken_at, label, counter)
    return target


def partial_of(target: Path) -> Path:
    """Where a backup is written before it is checked and renamed to `target`."""
    return target.with_name(target.name + PARTIAL_SUFFIX)


def parse(path: Path) -> tuple[datetime.datetime, str] | None:
    """When a backup of any database was taken and why, read from its name; None if not named so."""
    match = ANY_NAME.match(path.name)
    if match:
        return _moment(match.group(2), match.group(4))
    match = LEGACY_NAME.match(path.name)
    return _moment(match.group(1), match.group(3)) if match else None


def backups_of(folder: Path, database: Path) -> list[FoundBackup]:
    """The backups of `database` in `folder`, newest first (old-style names only if they hold it)."""
    if not folder.is_dir():
        return []
    own = _own_name(database)
    legacy: list[tuple[Path, tuple[datetime.datetime, str]]] = []
    found = []
    for path in folder.iterdir():
        match = own.match(path.name)
        if match:
            moment = _moment(match.group(1), match.group(3))
            if moment and path.is_file():
                found.append(FoundBackup(path, moment[0], moment[1], path.stat().st_size))
            continue
        match = LEGACY_NAME.match(path.name)
        moment = _moment(match.group(1), match.group(3)) if match else None
        if moment and path.is_file():
            legacy.append((path, moment))
    if legacy:
        born = birth(database, live=True)
        for path, (taken_at, label) in legacy:
            if born is not None and birth(path) == born:
                found.append(FoundBackup(path, taken_at, label, path.stat().st_size))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


def stale_partials(folder: Path, database: Path) -> list[Path]:
    """Half-written backups of `database` (and old-style ones, which were named for no database)."""
    if not folder.is_dir():
        return []
    own = _own_name(database)
    partials = []
    for path in folder.glob(f"*{PARTIAL_SUFFIX}"):
        name = path.name[: -len(PARTIAL_SUFFIX)]
        # The migration's backup once wrote NAME.partial in place of NAME.sqlite3.partial.
        candidates = (name, name + SUFFIX)
        if any(own.match(n) or LEGACY_NAME.match(n) for n in candidates):
            partials.append(path)
    return partials


def birth(path: Path, *, live: bool = False) -> str | None:
    """When the database in `path` was created (its first migration), or None if that can't be read.

    `live`: the open database, read through an ordinary read-only connection (the app may be
    writing it); a backup is read as immutable, so that nothing is left beside it.
    """
    try:
        connection = (
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
            if live
            else open_read_only(path)
        )
        try:
            row = connection.execute("SELECT applied FROM schema_migration ORDER BY name LIMIT 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] is not None else None


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves nothing beside the file.

    A file whose header says WAL (a backup made by an older copy of the app, a copied live
    database) would get a -wal and -shm beside it from a plain read-only connection; when no
    -wal is there, nothing can be missed by reading it as immutable, which creates neither.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=2)


def _own_name(database: Path) -> re.Pattern[str]:
    return re.compile(rf"^(?i:{re.escape(stem_for(database))})-backup{_TAIL}$")


def _moment(stamp: str, label: str) -> tuple[datetime.datetime, str] | None:
    try:
        return datetime.datetime.strptime(stamp, "%Y%m%d-%H%M%S"), label
    except ValueError:
        return None
