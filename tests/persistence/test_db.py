"""Opening the database: what is ours opens and migrates; anything else is refused untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.persistence import db


def _fingerprint(path: Path) -> bytes:
    return path.read_bytes()


def test_a_new_file_is_created_stamped_and_at_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    opened = db.open_database(path)
    try:
        connection = opened.database
        assert connection.execute_sql("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
        assert connection.execute_sql("PRAGMA user_version").fetchone()[0] == db.schema_version()
        assert connection.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert opened.backup_path is None  # nothing to back up in a new file
    finally:
        db.close_database()


def test_reopening_runs_no_migration(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db.open_database(path)
    db.close_database()
    opened = db.open_database(path)
    db.close_database()
    assert opened.migrated_from is None


def test_a_pending_migration_is_preceded_by_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    db.open_database(path)
    db.close_database()
    migrations = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, migrations)
    current = db.schema_version()
    (migrations / f"{current + 1:04d}_add_nickname.py").write_text(
        "from peewee import CharField\n"
        "def up(migrator, db):\n"
        "    migrator.migrate(migrator.add_column('customer', 'nickname', CharField(default='')))\n"
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    opened = db.open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert opened.migrated_from == current
        columns = [c.name for c in opened.database.get_columns("customer")]
        assert "nickname" in columns
        assert opened.database.execute_sql("PRAGMA user_version").fetchone()[0] == current + 1
    finally:
        db.close_database()
    backup = sqlite3.connect(opened.backup_path)
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        backup_columns = [row[1] for row in backup.execute("PRAGMA table_info(customer)")]
        assert "nickname" not in backup_columns  # the backup holds the database as it was
    finally:
        backup.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "list.sqlite3"
    path.write_bytes(b"Name,Phone\nSmith,4105550123\n")
    before = _fingerprint(path)
    with pytest.raises(UserError, match="not a Customers for Life database"):
        db.open_database(path)
    assert _fingerprint(path) == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = _fingerprint(path)
    with pytest.raises(UserError, match="belongs to another program"):
        db.open_database(path)
    assert _fingerprint(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    db.open_database(path)
    db.close_database()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {db.schema_version() + 1}")
    connection.commit()
    connection.close()
    before = _fingerprint(path)
    with pytest.raises(UserError, match="newer version"):
        db.open_database(path)
    assert _fingerprint(path) == before


def test_a_locked_database_is_refused_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.sqlite3"
    db.open_database(path)
    db.close_database()
    # Another program holds an exclusive lock (the way a copy or sync tool would).
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=delete")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setitem(db.SQLITE_PRAGMAS, "busy_timeout", 100)
    try:
        with pytest.raises(UserError, match="in use by another program"):
            db.open_database(path)
    finally:
        holder.rollback()
        holder.close()


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(db.SQLITE_HEADER + b"\x00" * 50)
    with pytest.raises(UserError):
        db.open_database(path)


def test_damage_past_the_first_page_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """The header and the schema still read (the first checks pass); the tables do not."""
    path = tmp_path / "wrecked.sqlite3"
    db.open_database(path)
    db.close_database()
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek(page_size)
        handle.write(b"\xff" * page_size)
    with pytest.raises(UserError, match="is damaged and cannot be read; restore a backup"):
        db.open_database(path)


def test_a_write_that_meets_a_long_write_elsewhere_is_one_sentence(tmp_path) -> None:
    """The first recompute after a large import holds the write lock for seconds: an owner's edit that
    waits out the timeout is told so plainly (nothing changed), not given a bug's apology."""
    import sqlite3

    from app.domain.customers import CustomerDraft
    from app.domain.errors import UserError
    from app.persistence.db import BUSY_MESSAGE, close_database, open_database
    from app.services.customers import add_customer, count_customers

    path = tmp_path / "busy.sqlite3"
    opened = open_database(path)
    opened.database.execute_sql("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(str(path), timeout=1)
    other.execute("BEGIN IMMEDIATE")  # another connection in the middle of a long write
    try:
        with pytest.raises(UserError) as refused:
            add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
        assert refused.value.message == BUSY_MESSAGE
    finally:
        other.rollback()
        other.close()
    assert count_customers() == 0
    add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))  # once it is done, the edit goes in
    assert count_customers() == 1
    close_database()
