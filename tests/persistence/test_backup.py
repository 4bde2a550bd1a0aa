"""Backups and restore: a backup holds exactly what was saved, and a restore puts exactly that back."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.persistence import backup as store
from app.persistence import db
from app.persistence.tables import database_proxy
from app.services import backups, customers, locations
from app.services.cancel import Cancelled
from app.services.demo import build_demo

TODAY = datetime.date(2025, 6, 2)


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a connection of its own."""
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'customer_search%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names}
    finally:
        connection.close()


@pytest.fixture
def demo_db(db) -> Path:
    build_demo(customers=40, seed=3, today=TODAY)
    return Path(db.database.database)


def _add(name: str) -> int:
    return customers.add_customer(CustomerDraft(first_name=name, last_name="Backup-Test"))


def test_a_backup_holds_exactly_what_was_saved_including_the_wal(demo_db: Path, tmp_path: Path) -> None:
    _add("Walter")  # committed, but still in the -wal file: a file copy would miss it
    assert Path(f"{demo_db}-wal").stat().st_size > 0
    info = backups.make_backup(tmp_path / "b")
    assert info.customers == 41 and info.label == "manual"
    assert _dump(info.path) == _dump(demo_db)
    with info.path.open("rb") as handle:
        header = handle.read(20)
    assert header[18:20] == b"\x01\x01"  # a self-contained file: no -wal is needed to read it
    assert not list((tmp_path / "b").glob("*.partial"))
    if sys.platform != "win32":
        assert info.path.stat().st_mode & 0o777 == 0o600


def test_a_cancelled_backup_leaves_no_file(demo_db: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store, "PAGES_PER_STEP", 1)
    with pytest.raises(Cancelled):
        backups.make_backup(tmp_path / "b", cancel=lambda: True)
    assert list((tmp_path / "b").iterdir()) == []


def test_a_backup_that_fails_its_check_is_not_kept(demo_db: Path, tmp_path: Path, monkeypatch) -> None:
    real_connect = sqlite3.connect

    class Damaged(sqlite3.Connection):
        """The copy's connection, answering the integrity check as a damaged file would."""

        def execute(self, sql: str, *args):
            if sql.startswith("PRAGMA integrity_check"):
                return super().execute("SELECT '*** page 7: btree damaged'")
            return super().execute(sql, *args)

    def connect(target, *args, **kwargs):
        if str(target).endswith(".partial"):
            kwargs["factory"] = Damaged
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(store.sqlite3, "connect", connect)
    with pytest.raises(UserError, match="could not be verified"):
        backups.make_backup(tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


def test_the_backup_folder_can_be_chosen_and_defaults_beside_the_database(demo_db: Path, tmp_path) -> None:
    assert backups.backup_folder() == demo_db.parent / "backups"
    stick = tmp_path / "usb stick"
    assert backups.set_backup_folder(stick) is None
    assert backups.backup_folder() == stick.resolve()
    assert backups.make_backup().path.parent == stick.resolve()
    warning = backups.set_backup_folder(demo_db.parent)
    assert warning and "same folder" in warning
    backups.set_backup_folder(None)
    assert backups.backup_folder() == demo_db.parent / "backups"


def test_an_unwritable_backup_folder_is_refused(demo_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="can't be written"):
        backups.set_backup_folder(blocker / "backups")


def test_list_shows_each_backup_with_its_date_and_customer_count(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    first = backups.make_backup(folder, now=datetime.datetime(2025, 6, 1, 9, 0))
    _add("Later")
    second = backups.make_backup(folder, label="before-import", now=datetime.datetime(2025, 6, 2, 9, 0))
    (folder / "notes.txt").write_text("the owner's own file")
    (folder / "t.db-backup-20250603-090000-daily.sqlite3.partial").write_bytes(b"half")
    damaged = folder / "t.db-backup-20250101-090000-daily.sqlite3"
    damaged.write_bytes(db.SQLITE_HEADER + b"\x00" * 100)
    assert first.path.name == "t.db-backup-20250601-090000-manual.sqlite3"  # named for t.db
    listed = backups.list_backups(folder)
    assert [b.path for b in listed] == [second.path, first.path, damaged]
    assert [b.customers for b in listed] == [41, 40, None]
    assert listed[0].taken_at == datetime.datetime(2025, 6, 2, 9, 0)
    assert listed[0].label == "before-import" and listed[0].size == second.path.stat().st_size > 0


def test_two_backups_in_the_same_second_both_survive(demo_db: Path, tmp_path: Path) -> None:
    moment = datetime.datetime(2025, 6, 1, 9, 0)
    one = backups.make_backup(tmp_path, label="before-import", now=moment)
    two = backups.make_backup(tmp_path, label="before-import", now=moment)
    assert one.path != two.path and one.path.exists() and two.path.exists()


def test_a_daily_backup_is_taken_once_a_day(demo_db: Path, tmp_path: Path) -> None:
    morning = datetime.datetime(2025, 6, 2, 8, 0)
    assert backups.backup_if_due(tmp_path, now=morning).label == "daily"
    assert backups.backup_if_due(tmp_path, now=morning.replace(hour=17)) is None
    assert backups.backup_if_due(tmp_path, now=morning + datetime.timedelta(days=1)) is not None
    assert len(backups.list_backups(tmp_path)) == 2


def _fake(folder: Path, when: datetime.datetime, label: str = "daily", stem: str = "customers") -> Path:
    """An empty file named like a backup of the database `stem`.sqlite3 (rotation only reads names)."""
    path = folder / f"{stem}-backup-{when:%Y%m%d-%H%M%S}-{label}.sqlite3"
    path.write_bytes(b"")
    return path


def test_rotation_keeps_7_daily_4_weekly_12_monthly_and_recent_safety_backups(tmp_path: Path) -> None:
    today = datetime.datetime(2025, 6, 30, 9, 0)  # a Monday
    days = [today - datetime.timedelta(days=n) for n in range(400)]
    for when in days:
        _fake(tmp_path, when)
    events = [_fake(tmp_path, today - datetime.timedelta(days=n, hours=1), "before-import") for n in range(5)]
    foreign = tmp_path / "customers.sqlite3"  # not named like a backup: never touched
    foreign.write_bytes(b"")
    backups.rotate(tmp_path, database=foreign, now=today)
    kept = {p.name for p in tmp_path.iterdir()}
    expected = {_fake_name(today - datetime.timedelta(days=n)) for n in range(7)}  # the last 7 days
    # The newest of the last 4 weeks (Monday to Sunday): today, and the Sundays before.
    expected |= {_fake_name(datetime.datetime(2025, 6, d, 9, 0)) for d in (29, 22, 15)}
    # The newest of the last 12 months: today, then the last day of each month before.
    month_ends = [datetime.date(2025, m, 1) - datetime.timedelta(days=1) for m in range(6, 0, -1)]
    month_ends += [datetime.date(2024, m, 1) - datetime.timedelta(days=1) for m in range(12, 7, -1)]
    expected |= {_fake_name(datetime.datetime.combine(d, today.time())) for d in month_ends}
    expected |= {e.name for e in events[:3]}
    assert kept == expected | {foreign.name}


def _fake_name(when: datetime.datetime) -> str:
    return f"customers-backup-{when:%Y%m%d-%H%M%S}-daily.sqlite3"


def test_restore_puts_back_exactly_what_the_backup_held(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    held = _dump(taken.path)
    _add("After")
    from app.services import records

    records.delete_customer(1)
    changed = _dump(demo_db)
    result = backups.restore_backup(taken.path, folder=tmp_path / "b")
    assert result.customers == 40
    assert _dump(demo_db) == held
    assert customers.count_customers() == 40  # the app's own connection sees it at once
    assert customers.find_customers("Backup-Test") == []  # the search index came back too
    assert result.safety_backup is not None and _dump(result.safety_backup.path) == changed
    assert result.safety_backup.label == "before-restore"


def test_a_stale_wal_never_replays_over_a_restore(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    held = _dump(taken.path)
    # Another connection (a second window, a worker thread) writes and keeps its pages in the WAL.
    other = sqlite3.connect(demo_db, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("UPDATE customer SET notes = 'written after the backup'")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM customer").fetchone()  # holds a read snapshot: no checkpoint
    assert Path(f"{demo_db}-wal").stat().st_size > 0
    other.execute("COMMIT")
    backups.restore_backup(taken.path, folder=tmp_path / "b")
    late = "SELECT count(*) FROM customer WHERE notes = 'written after the backup'"
    assert other.execute(late).fetchone() == (0,)
    other.close()
    db.close_database()
    assert _dump(demo_db) == held  # reopened from disk, WAL and all


def test_restore_migrates_a_backup_from_an_older_version(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = backups.make_backup(tmp_path / "b")
    db.close_database()
    migrations = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, migrations)
    newest = db.schema_version() + 1
    (migrations / f"{newest:04d}_nickname.py").write_text(
        "from peewee import CharField\n"
        "def up(migrator, db):\n"
        "    migrator.migrate(migrator.add_column('customer', 'nickname', CharField(default='')))\n"
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    db.open_database(demo_db)
    backups.restore_backup(taken.path, folder=tmp_path / "b")
    connection = sqlite3.connect(demo_db)
    try:
        assert "nickname" in [row[1] for row in connection.execute("PRAGMA table_info(customer)")]
        assert connection.execute("PRAGMA user_version").fetchone()[0] == newest
        assert connection.execute("SELECT count(*) FROM customer").fetchone()[0] == 40
    finally:
        connection.close()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text("Name,Phone\n"), "not a database"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE songs (title)"), "not a Customers for Life"),
    ],
    ids=["a text file", "another program's database"],
)
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(demo_db, tmp_path, make, message) -> None:
    bad = tmp_path / "bad.sqlite3"
    make(bad)
    before = _dump(demo_db)
    with pytest.raises(UserError, match=message):
        backups.restore_backup(bad, folder=tmp_path / "b")
    assert _dump(demo_db) == before
    assert not (tmp_path / "b").exists()  # not even a safety backup was needed


def test_restore_refuses_a_backup_from_a_newer_version(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    connection = sqlite3.connect(taken.path)
    connection.execute(f"PRAGMA user_version = {db.schema_version() + 1}")
    connection.close()
    with pytest.raises(UserError, match="newer version"):
        backups.restore_backup(taken.path)


def test_restore_refuses_a_damaged_backup(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    data = bytearray(taken.path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = os.urandom(200)  # scribble over a b-tree page
    taken.path.write_bytes(bytes(data))
    before = _dump(demo_db)
    with pytest.raises(UserError, match="damaged"):
        backups.restore_backup(taken.path)
    assert _dump(demo_db) == before


def test_a_database_that_no_longer_opens_is_set_aside_and_restored(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    held = _dump(taken.path)
    db.close_database()
    demo_db.write_bytes(db.SQLITE_HEADER + os.urandom(8192))  # wrecked beyond SQLite's reading
    result = backups.restore_backup(taken.path, live=demo_db, folder=tmp_path / "b")
    assert result.safety_backup is None
    assert _dump(demo_db) == held
    assert [p.name for p in demo_db.parent.glob(f"{demo_db.name}.damaged-*")]  # kept, not deleted


def test_restore_adapts_a_backup_with_another_page_size(demo_db: Path, tmp_path: Path) -> None:
    taken = backups.make_backup(tmp_path / "b")
    held = _dump(taken.path)
    other = tmp_path / "other-page-size.sqlite3"
    connection = sqlite3.connect(taken.path)
    connection.execute("PRAGMA page_size = 8192")
    connection.execute(f"VACUUM INTO '{other}'")
    connection.close()
    assert sqlite3.connect(other).execute("PRAGMA page_size").fetchone()[0] == 8192
    _add("After")
    backups.restore_backup(other, folder=tmp_path / "b")
    assert _dump(demo_db) == held


def test_backup_to_a_named_file(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "friday.sqlite3"
    info = backups.backup_to_file(out)
    assert info.path == out and _dump(out) == _dump(demo_db)
    with pytest.raises(UserError, match="over the database"):
        backups.backup_to_file(demo_db)
    with pytest.raises(UserError, match="folder"):
        backups.backup_to_file(tmp_path)


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/home/ann/OneDrive/Customers/customers.sqlite3", "OneDrive"),
        ("C:/Users/ann/OneDrive - Contoso/customers.sqlite3", "OneDrive"),
        ("/Users/ann/Dropbox (Personal)/cfl/customers.sqlite3", "Dropbox"),
        ("G:/My Drive/customers.sqlite3", "Google Drive"),
        ("/Users/ann/Google Drive/customers.sqlite3", "Google Drive"),
        ("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/c.sqlite3", "iCloud Drive"),
        ("/home/ann/.local/share/CustomersForLife/customers.sqlite3", None),
        ("/home/ann/dropboxes-are-boxes/customers.sqlite3", None),
    ],
)
def test_a_synced_folder_is_warned_about(path: str, expected: str | None) -> None:
    warning = backups.location_warning(Path(path))
    if expected is None:
        assert warning is None
    else:
        assert warning and f"a {expected} folder" in warning


def test_a_renamed_onedrive_folder_is_found_through_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OneDrive", str(tmp_path / "Work Files"))
    warning = backups.location_warning(tmp_path / "Work Files" / "customers.sqlite3")
    assert warning and "OneDrive" in warning


@pytest.mark.skipif(sys.platform == "win32", reason="Windows asks GetDriveType instead")
def test_a_network_mount_is_warned_about(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n//nas/office /mnt/office cifs rw 0 0\nnas:/export /srv/shared nfs4 rw 0 0\n"
    )
    monkeypatch.setattr(locations, "MOUNTS_FILE", mounts)
    assert "network drive" in backups.location_warning(Path("/mnt/office/cfl/customers.sqlite3"))
    assert "network drive" in backups.location_warning(Path("/srv/shared/customers.sqlite3"))
    assert backups.location_warning(Path("/mnt/officer/customers.sqlite3")) is None
    assert backups.location_warning(Path("/home/ann/customers.sqlite3")) is None
    assert "network drive" in backups.location_warning(Path("//server/share/customers.sqlite3"))


def test_every_backup_of_the_last_two_days_is_kept(tmp_path: Path) -> None:
    now = datetime.datetime(2025, 6, 30, 17, 0)
    recent = [_fake(tmp_path, now - datetime.timedelta(hours=h), "manual") for h in (1, 3, 5, 20, 30, 47)]
    older = _fake(tmp_path, now - datetime.timedelta(hours=49), "manual")  # same day as a newer one
    backups.rotate(tmp_path, database=tmp_path / "customers.sqlite3", now=now)
    assert all(p.exists() for p in recent)
    assert not older.exists()


def test_the_backup_being_restored_is_never_rotated_away(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    now = clock.now()
    old = backups.make_backup(folder, now=now - datetime.timedelta(days=10)).path
    # Newer backups on each later day, and a newer one in the same week and month as the old one.
    for days in range(1, 10):
        _fake(folder, now - datetime.timedelta(days=days), stem="t.db")
    _fake(folder, now - datetime.timedelta(days=10) + datetime.timedelta(minutes=1), "manual", stem="t.db")
    backups.restore_backup(old, folder=folder)
    assert old.exists()
    assert customers.count_customers() == 40


def test_a_healthy_database_is_never_restored_without_its_safety_backup(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = backups.make_backup(tmp_path / "b")
    _add("Kept")
    before = _dump(demo_db)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_copy", disk_full)
    with pytest.raises(UserError, match="nothing was restored"):
        backups.restore_backup(taken.path, folder=tmp_path / "b")
    assert _dump(demo_db) == before


def test_a_backup_taken_before_a_migration_lists_and_restores_cleanly(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    taken = db.backup_sqlite(database_proxy.obj, folder, "before-schema-v9")
    held = _dump(taken)
    _add("After")
    assert [b.customers for b in backups.list_backups(folder)] == [40]
    backups.restore_backup(taken, folder=folder)
    assert _dump(demo_db) == held
    assert not list(folder.glob("*-wal")) and not list(folder.glob("*-shm"))  # reading left nothing


def test_a_copied_database_with_its_wal_restores_with_what_the_wal_held(
    demo_db: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "copied"
    elsewhere.mkdir()
    writer = sqlite3.connect(demo_db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE customer SET notes = 'only in the wal'")
    for suffix in ("", "-wal"):  # copied while open, the way a file manager would
        shutil.copyfile(f"{demo_db}{suffix}", elsewhere / f"customers.sqlite3{suffix}")
    writer.execute("UPDATE customer SET notes = 'changed later'")
    writer.close()
    backups.restore_backup(elsewhere / "customers.sqlite3", folder=tmp_path / "b")
    notes = {row[0] for row in sqlite3.connect(demo_db).execute("SELECT notes FROM customer")}
    assert notes == {"only in the wal"}
