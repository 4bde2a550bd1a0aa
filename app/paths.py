"""Where the app keeps its data, without Qt (the GUI checks it agrees with QStandardPaths)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CustomersForLife"
DATABASE_FILE = "customers.sqlite3"
DATABASE_ENV = "CFL_DATABASE"
# The demo business lives in a folder of its own inside the data folder: its file, its log and its
# backups never mix with the owner's, and nothing in the owner's database ever comes from it.
DEMO_FOLDER = "demo"
DEMO_FILE = "demo.sqlite3"


def default_data_dir() -> Path:
    """The same folder as Qt's AppLocalDataLocation for an app named APP_NAME with no organisation."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def resolve_database(db: str | None, data_dir: Path | None) -> str:
    """--db wins, then CFL_DATABASE, then the database file in the data folder."""
    if db:
        return db
    if os.environ.get(DATABASE_ENV):
        return os.environ[DATABASE_ENV]
    return str((data_dir or default_data_dir()) / DATABASE_FILE)


def demo_data_dir(data_dir: Path | None) -> Path:
    """The demo's folder (its database, log and backups) inside the data folder."""
    return (data_dir or default_data_dir()) / DEMO_FOLDER


def demo_database(data_dir: Path | None) -> Path:
    """The demo's own database file; `--demo` opens it, whatever --db or CFL_DATABASE say."""
    return demo_data_dir(data_dir) / DEMO_FILE


def data_dir_for(database: str, data_dir: Path | None) -> Path:
    """The folder for logs and backups: --data-dir, else beside a SQLite file, else the default."""
    if data_dir:
        return data_dir
    if "://" not in database:
        return Path(database).expanduser().resolve().parent
    return default_data_dir()
