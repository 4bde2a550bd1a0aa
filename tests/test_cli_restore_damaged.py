"""`python -m app restore FILE` when the database itself no longer opens, or is not there yet."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main

CUSTOMERS = 20


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[Path, Path]:
    """A small demo database and a backup of it (copied per test, never changed)."""
    folder = tmp_path_factory.mktemp("saved")
    live, backup = folder / "customers.sqlite3", folder / "backup.sqlite3"
    assert main(["--db", str(live), "demo", "--customers", str(CUSTOMERS)]) == 0
    assert main(["--db", str(live), "backup", str(backup)]) == 0
    return live, backup


@pytest.fixture
def live(saved: tuple[Path, Path], tmp_path: Path) -> Path:
    path = tmp_path / "data" / "customers.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(saved[0], path)
    return path


def _customers(capsys, live: Path) -> int:
    code, out, _ = run(capsys, "--db", str(live), "stats", "--json")
    assert code == 0
    return json.loads(out)["customers"]


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _truncated(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(20_000)


def _wrecked_page(path: Path) -> None:
    """The header still says SQLite, but the schema's second page is noise: opens, then fails."""
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek(page_size)
        handle.write(os.urandom(page_size))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _wrecked_page], ids=lambda f: f.__name__[1:])
def test_a_database_that_no_longer_opens_is_restored_and_kept_aside(
    capsys, saved: tuple[Path, Path], live: Path, damage
) -> None:
    damage(live)
    damaged = live.read_bytes()
    code, _, err = run(capsys, "--db", str(live), "stats")
    assert code != 0  # the situation the fallback is for: nothing else works on this file

    code, _, err = run(capsys, "--db", str(live), "restore", str(saved[1]))

    assert code == 0, err
    assert err.strip().count("\n") == 0 and f"{CUSTOMERS:,} customers" in err
    kept = [p for p in live.parent.glob(f"{live.name}.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # every byte kept, not deleted
    assert str(kept[0]) in err  # and the owner is told where
    assert _customers(capsys, live) == CUSTOMERS


def test_restore_into_a_missing_database_creates_it(capsys, saved: tuple[Path, Path], tmp_path: Path) -> None:
    live = tmp_path / "new-laptop" / "customers.sqlite3"

    code, _, err = run(capsys, "--db", str(live), "restore", str(saved[1]))

    assert code == 0, err
    assert err.strip().count("\n") == 0 and str(live) in err
    assert not list(live.parent.glob("*.damaged-*"))
    assert not list((live.parent / "backups").glob("*before-restore*"))  # no backup of nothing
    assert _customers(capsys, live) == CUSTOMERS


@pytest.mark.parametrize(
    "make_bad",
    [
        lambda good, bad: bad.write_bytes(b"not a backup at all"),
        lambda good, bad: bad.write_bytes(good.read_bytes()[:20_000]),  # a copy cut short
        lambda good, bad: None,  # no such file
    ],
    ids=["not-a-database", "truncated", "missing"],
)
def test_a_bad_backup_leaves_a_damaged_database_exactly_as_it_was(
    capsys, saved: tuple[Path, Path], live: Path, tmp_path: Path, make_bad
) -> None:
    bad = tmp_path / "usb" / "backup.sqlite3"
    bad.parent.mkdir()
    make_bad(saved[1], bad)
    _garbage(live)
    before = live.read_bytes()

    code, out, err = run(capsys, "--db", str(live), "restore", str(bad))

    assert code == 2
    assert out == "" and err.strip().count("\n") == 0 and "Traceback" not in err
    assert live.read_bytes() == before
    assert sorted(p.name for p in live.parent.iterdir() if p.name != "logs") == [live.name]


def test_another_programs_database_is_not_restored_over(
    capsys, saved: tuple[Path, Path], tmp_path: Path
) -> None:
    """The fallback is for files SQLite can't read; a healthy foreign database keeps its refusal."""
    foreign = tmp_path / "accounts.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE ledger (amount INTEGER)")
    connection.commit()
    connection.close()
    before = foreign.read_bytes()

    code, _, err = run(capsys, "--db", str(foreign), "restore", str(saved[1]))

    assert code == 2 and "another program" in err
    assert foreign.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))
