"""Two databases in one folder: each takes, lists, keeps and restores only its own backups."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app.domain.customers import CustomerDraft
from app.persistence import backup_files, db
from app.persistence.tables import database_proxy
from app.services import backups, customers

MORNING = datetime.datetime(2026, 12, 2, 8, 0)


@pytest.fixture
def office(tmp_path: Path):
    """shop.sqlite3 and customers.sqlite3 side by side: their default backup folder is the same."""
    yield tmp_path / "shop.sqlite3", tmp_path / "customers.sqlite3"
    db.close_database()


def _open(path: Path, add: int = 0) -> None:
    db.close_database()
    db.open_database(path)
    for n in range(add):
        customers.add_customer(CustomerDraft(first_name=f"{path.stem}{n}", last_name="Per-Database"))


def test_two_databases_in_one_folder_each_get_their_own_daily_backup(office) -> None:
    shop, home = office
    _open(shop, add=2)
    shop_daily = backups.backup_if_due(now=MORNING)
    _open(home, add=1)
    assert backups.backup_folder() == shop.parent / "backups"  # the very folder shop's backup went to
    # The shop's backup of this morning is not this database's: its daily backup is still due.
    home_daily = backups.backup_if_due(now=MORNING + datetime.timedelta(hours=1))
    assert home_daily is not None and home_daily.customers == 1
    assert [(b.path, b.customers) for b in backups.list_backups()] == [(home_daily.path, 1)]
    assert backups.backup_if_due(now=MORNING + datetime.timedelta(hours=2)) is None
    _open(shop)
    # "Last backup" and the restore's first choice: the shop's own, though the other one is newer.
    assert [(b.path, b.customers) for b in backups.list_backups()] == [(shop_daily.path, 2)]
    assert backups.backup_if_due(now=MORNING + datetime.timedelta(hours=3)) is None
    assert shop_daily.path.name == "shop-backup-20261202-080000-daily.sqlite3"
    assert home_daily.path.name == "customers-backup-20261202-090000-daily.sqlite3"


def test_rotation_keeps_each_databases_own_set(office, clock) -> None:
    shop, home = office
    folder = shop.parent / "backups"
    ten_days_ago = clock.now() - datetime.timedelta(days=10)
    _open(home, add=1)
    kept = backups.make_backup(now=ten_days_ago).path
    _open(shop, add=1)
    # The shop backs up every day since, and once more in the same week and month as home's backup:
    # counted as one set, they would push home's only backup of that week out.
    backups.make_backup(now=ten_days_ago + datetime.timedelta(minutes=1), label="manual")
    for days in range(9, -1, -1):
        backups.make_backup(now=clock.now() - datetime.timedelta(days=days))
    theirs = sorted(folder.glob("shop-*"))
    _open(home)
    backups.make_backup()
    assert kept.exists()
    assert sorted(folder.glob("shop-*")) == theirs  # home's rotation never touches the shop's backups
    assert len(backups.list_backups(folder)) == 2


def _as_old_style(path: Path, when: datetime.datetime, label: str = "daily") -> Path:
    """What the app called every backup before naming them by database."""
    old = path.with_name(f"customers-{when:%Y%m%d-%H%M%S}-{label}.sqlite3")
    path.rename(old)
    return old


def test_old_style_backups_are_listed_only_for_the_database_they_hold(office) -> None:
    shop, home = office
    _open(shop, add=2)
    shops = _as_old_style(backups.make_backup(now=MORNING).path, MORNING)
    _open(home, add=1)
    homes = [
        _as_old_style(backups.make_backup(now=MORNING).path, MORNING.replace(day=1, hour=h)) for h in (9, 10)
    ]
    unreadable = homes[0].with_name("customers-20260101-090000-daily.sqlite3")
    unreadable.write_bytes(db.SQLITE_HEADER + b"\x00" * 100)
    assert [b.path for b in backups.list_backups()] == [homes[1], homes[0]]
    # The shop's old backup from this morning doesn't stand in for this database's daily backup.
    assert backups.backup_if_due(now=MORNING + datetime.timedelta(hours=4)) is not None
    # Rotation treats home's old-style backups as its own (one a day is kept for that day) and
    # leaves alone what isn't home's or can't be told.
    backups.rotate(homes[0].parent, now=MORNING + datetime.timedelta(days=3))
    assert not homes[0].exists() and homes[1].exists()
    assert shops.exists() and unreadable.exists()
    _open(shop)
    assert [(b.path, b.customers) for b in backups.list_backups()] == [(shops, 2)]


def test_the_backup_before_a_migration_is_named_for_its_database(office, clock) -> None:
    shop, home = office
    folder = shop.parent / "backups"
    taken = {}
    for path in (shop, home):  # in the same second, into the same folder
        _open(path, add=1)
        taken[path] = db.backup_sqlite(database_proxy.obj, folder, "before-schema-v11")
    assert taken[shop].name == "shop-backup-20261202-100000-before-schema-v11.sqlite3"
    assert [b.path for b in backups.list_backups(folder)] == [taken[home]]
    assert backups.list_backups(folder)[0].label == "before-schema-v11"


def test_names_come_from_the_database_file_and_match_whatever_its_case(office) -> None:
    assert backup_files.stem_for(Path("Shop.SQLITE3")) == "Shop"
    assert backup_files.stem_for(Path("office.db")) == "office.db"  # shop.db and shop.sqlite3 differ
    assert backup_files.stem_for(Path("north: 2026.sqlite3")) == "north_ 2026"  # a USB stick takes it
    shop, _home = office
    _open(shop, add=1)
    written = backups.make_backup(now=MORNING).path
    shouted = written.rename(written.with_name(written.name.replace("shop", "SHOP")))
    assert [b.path for b in backups.list_backups()] == [shouted]  # Windows opens SHOP as shop
    assert backup_files.parse(shouted) == (MORNING, "manual")
