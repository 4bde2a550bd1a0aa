"""The demo never touches the owner's data: "Try the demo" starts a copy of the app on the demo's own
file, which builds the demo there; each window says whose data it shows; the welcome page fits the
database it is on; a refused or cancelled demo leaves no "Creating a demo business…" behind."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QPushButton

from app.domain.customers import CustomerDraft
from app.services import customers as customer_service
from app.services.database import close_app_database
from ui.application import parse_arguments
from ui.demo_launch import MAIN_SCRIPT, demo_command


def test_the_owners_window_says_it_is_their_database(window, database: Path) -> None:
    assert window.windowTitle() == f"Customers for Life — Your database: {database.name}"
    assert window.whose_label.text() == "Your database:"
    assert window.database_label.text() == str(database)


def test_try_the_demo_opens_a_copy_of_its_own_and_leaves_the_owners_database_empty(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    started = []
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        lambda program, arguments, folder: started.append((program, arguments)) or (True, 1),
    )
    window.data_folder = tmp_path / "data"
    page = window.welcome_page
    assert page.demo_button.isVisible() and "separately" in page.demo_button.text()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    assert started == [
        (
            sys.executable,
            [str(MAIN_SCRIPT), "--demo", "500", "--data-dir", str(tmp_path / "data"), "--language", "en"],
        )
    ]
    assert not window.runner.busy  # nothing is being built here
    assert customer_service.count_customers() == 0
    assert "window of its own" in window.statusBar().currentMessage()


def test_a_frozen_build_starts_itself_on_the_demo() -> None:
    program, arguments = demo_command(
        200, Path("/data"), "es", frozen=True, executable="/opt/cfl/CustomersForLife"
    )
    assert (program, arguments) == (
        "/opt/cfl/CustomersForLife",
        ["--demo", "200", "--data-dir", "/data", "--language", "es"],
    )
    program, arguments = demo_command(200, Path("/data"), frozen=False, executable="/usr/bin/python3")
    assert program == "/usr/bin/python3" and arguments[0] == str(MAIN_SCRIPT)
    assert MAIN_SCRIPT.is_file()


def test_demo_is_its_own_database_not_another_one() -> None:
    assert parse_arguments(["cfl", "--demo"]).demo == 500
    assert parse_arguments(["cfl", "--demo", "80", "--data-dir", "/x"]).demo == 80
    assert parse_arguments(["cfl"]).demo is None
    with pytest.raises(SystemExit):
        parse_arguments(["cfl", "--demo", "--db", "mine.sqlite3"])


def _start_demo(qtbot, monkeypatch, tmp_path: Path, *more: str):
    """`python main.py --demo 60 --data-dir DIR …`, as the owner's window starts it, in this process."""
    from ui.application import open_main_window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    folder = str(tmp_path / "data")
    window = open_main_window(["customers-for-life", "--demo", "60", "--data-dir", folder, *more])
    assert not isinstance(window, int), window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    return window


def _stop_demo(window) -> None:
    window.runner.wait_for_idle(30_000)
    window.close()
    window.single_instance.deleteLater()
    qInstallMessageHandler(None)
    close_app_database()


@pytest.fixture
def started_demo(qtbot, monkeypatch, tmp_path: Path):
    window = _start_demo(qtbot, monkeypatch, tmp_path)
    yield window
    _stop_demo(window)


def test_an_owner_who_reads_spanish_gets_a_spanish_demo(qtbot, monkeypatch, tmp_path: Path) -> None:
    """The owner's window passes its language on: the demo's screens, settings and segments are Spanish."""
    from app.services.catalog import list_segments_full
    from app.services.settings import load_settings

    window = _start_demo(qtbot, monkeypatch, tmp_path, "--language", "es")
    try:
        assert load_settings().language == "es"
        assert window.sidebar.item(1).text() == "Clientes"
        assert "Jubilado con presupuesto fijo" in {segment.name for segment in list_segments_full()}
    finally:
        _stop_demo(window)


def test_the_demo_builds_itself_in_its_own_file_and_says_so(started_demo, tmp_path: Path) -> None:
    window = started_demo
    demo_file = tmp_path / "data" / "demo" / "demo.sqlite3"
    assert window.database_label.text() == str(demo_file)
    assert window.windowTitle() == "Customers for Life — Demo data — not your customers"
    assert window.whose_label.text() == "Demo data — not your customers"
    assert customer_service.count_customers() == 60
    assert window.current_page_key() == "customers"
    with sqlite3.connect(demo_file) as demo:
        assert demo.execute("SELECT count(*) FROM customer").fetchone() == (60,)
    assert not (tmp_path / "data" / "customers.sqlite3").exists()  # the owner's database: never made
    window.show_page("welcome")
    text = window.welcome_page.intro.text()
    assert "60 customers made up for it" in text and "None of them are your customers" in text
    assert not window.welcome_page.demo_button.isVisible()  # built already


def test_go_welcome_on_a_full_database_does_not_say_it_is_empty(window) -> None:
    for name in ("Ann", "Bob", "Carol"):  # added after the window opened on the empty database
        customer_service.add_customer(CustomerDraft(first_name=name, last_name="Smith"))
    window.show_page("welcome")  # Go ▸ Welcome, on it already
    assert "Your database holds 3 customers" in window.welcome_page.intro.text()
    window.refresh_start_page()  # as after an import: the customers are shown
    assert window.current_page_key() == "customers"
    window.show_page("welcome")  # Go ▸ Welcome, from another page
    text = window.welcome_page.intro.text()
    assert "is empty" not in text
    assert "Your database holds 3 customers" in text
    assert window.welcome_page.first_customer_button.text() == "Add a customer"


def test_an_empty_database_says_so(window) -> None:
    assert "Your database is empty" in window.welcome_page.intro.text()


@pytest.fixture
def demo_window(qtbot, database: Path):
    from ui.main_window import MainWindow

    main_window = MainWindow(str(database), demo=True)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitUntil(lambda: not main_window.runner.busy, timeout=30_000)
    yield main_window
    main_window.runner.wait_for_idle(30_000)
    main_window.close()


def test_a_refused_demo_leaves_no_creating_message(qtbot, database: Path, message_boxes) -> None:
    from ui.main_window import MainWindow

    # Made before the window opens, so that nothing else runs after the refusal to clear the bar.
    customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    window = MainWindow(str(database), demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    with qtbot.waitSignal(window.runner.job_ended, timeout=30_000):
        window.create_demo(50)
    assert any("already has customers" in text for _kind, _title, text in message_boxes)
    assert not window.runner.busy
    assert window.statusBar().currentMessage() == ""
    assert window.welcome_page.demo_button.isEnabled()
    window.close()


def test_a_cancelled_demo_leaves_no_creating_message(qtbot, demo_window) -> None:
    runner = demo_window.runner
    with qtbot.waitSignal(runner.job_ended, timeout=60_000) as ended:
        demo_window.create_demo(50_000)
        dialog = None

        def dialog_shown() -> bool:
            nonlocal dialog
            dialog = QApplication.activeModalWidget()
            return dialog is not None

        qtbot.waitUntil(dialog_shown, timeout=5_000)
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert ended.args[1] == "cancelled"
    assert "Creating a demo business" not in demo_window.statusBar().currentMessage()
    assert customer_service.count_customers() == 0
