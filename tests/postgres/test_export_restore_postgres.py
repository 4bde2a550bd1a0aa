"""A laptop's history moves to the office server: the export restored into PostgreSQL, every table as it was,
and back from the server to a laptop the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.persistence.db import close_database, open_database
from app.services.exporting import export_database
from app.services.importing import run_import
from tests.services.test_export_restore import Source, check_restored, dump, make_source


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Source:
    return make_source(tmp_path_factory.mktemp("laptop"))


def test_the_laptops_export_comes_back_whole_on_the_office_server(
    pg_url: str, laptop: Source, tmp_path: Path
) -> None:
    open_database(pg_url)
    try:
        report = run_import(laptop.export)
        export_database(tmp_path / "from-the-office.xlsx")  # the server's own export, before anything moves
        check_restored(laptop, report)
    finally:
        close_database()
    # And the office's export back on a laptop: PostgreSQL's dates, moments and yes/no written exactly too.
    open_database(tmp_path / "back-on-a-laptop.sqlite3")
    try:
        check_restored(laptop, run_import(tmp_path / "from-the-office.xlsx"))
    finally:
        close_database()


def test_two_office_pcs_restoring_at_once_restore_it_once(
    pg_url: str, laptop: Source, tmp_path: Path
) -> None:
    """Both find the server empty; the restore's lock makes the second wait for the first, then refuse."""
    pcs = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--db", pg_url, "--data-dir", str(tmp_path / f"pc{n}"), "import",
             str(laptop.export)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]  # fmt: skip
    outcomes = sorted((pc.wait(120), pc.stderr.read()) for pc in pcs)
    assert [code for code, _err in outcomes] == [0, 2], outcomes
    assert "restored only into an empty database" in outcomes[1][1]
    open_database(pg_url)
    try:
        assert dump() == laptop.tables
    finally:
        close_database()
