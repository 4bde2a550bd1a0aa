"""Opening and closing the app's database, for the GUI and the command line alike."""

from __future__ import annotations

import logging
from pathlib import Path

from app.persistence import db
from app.services.privacy import protect_data_files

log = logging.getLogger(__name__)

OpenedDatabase = db.OpenedDatabase


def open_app_database(target: str, data_dir: Path) -> db.OpenedDatabase:
    """Open, check and migrate; a migration is preceded by a backup in the data folder.

    An office server's address without a password is completed from the saved office profile
    (its password is in this computer's password store); `opened.location` never holds one.
    """
    password = None
    if db.is_postgres_url(target):
        # Here, not at the top: office mode brings the PostgreSQL driver (0.1 s) a laptop never needs.
        from app.services.office import password_for

        password = password_for(target)
    opened = db.open_database(target, backup_dir=data_dir / "backups", password=password)
    if opened.is_sqlite:
        protect_data_files(Path(opened.location), data_dir)
    if opened.migrated_from:
        log.info("migrated schema from %s; backup at %s", opened.migrated_from, opened.backup_path)
    # The owner's language is a business setting, so it is known only now (app.services.language).
    from app.services.language import apply_saved_language

    apply_saved_language()
    return opened


def close_app_database() -> None:
    db.close_database()


def release_thread_connection() -> None:
    """Close this thread's connection (worker threads call it when their job ends)."""
    db.close_database()
