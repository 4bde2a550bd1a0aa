"""The command line and the window open the same database by default."""

from __future__ import annotations

from app.paths import default_data_dir
from ui.application import create_application, qt_data_dir


def test_the_cli_and_the_gui_agree_on_the_data_folder(qapp) -> None:
    create_application(["test"])
    assert qt_data_dir() == default_data_dir()
    assert "cfl-test-home-" in str(qt_data_dir())  # tests never touch the real data folder
