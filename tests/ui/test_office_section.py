"""Office mode as the owner sees it: the password never on a screen, the server saved as a profile,
and `--office` starting on it (against a real PostgreSQL server when CFL_TEST_POSTGRES names one)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import keyring.backends.fail
import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.services import office
from app.services.database import close_app_database
from tests.services.test_office_profile import MemoryKeyring, password_store, use_own_data_folder
from ui.pages.data_page import DataPage

SECRET = "s3cret-Pw"
PASTED = f"postgresql://ann:{SECRET}@db.office.lan:5433/customers"


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    use_own_data_folder(tmp_path / "home", monkeypatch)
    store = MemoryKeyring()
    with password_store(store):
        yield store


@pytest.fixture
def page(qtbot, window, memory_keyring) -> DataPage:
    data_page = DataPage(window.runner)
    qtbot.addWidget(data_page)
    data_page.show()
    data_page.load()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    return data_page


def _every_text(widget: QWidget) -> list[str]:
    """Everything a screen shows in labels and fields, but the password field (which shows dots)."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [f.text() for f in widget.findChildren(QLineEdit) if f.echoMode() == QLineEdit.EchoMode.Normal]
    return texts


def _finish_editing(field: QLineEdit) -> None:
    field.editingFinished.emit()  # what leaving the field (or Return) does


def test_a_pasted_password_leaves_the_address_field_at_once(page: DataPage) -> None:
    page.url_field.setText(PASTED)
    _finish_editing(page.url_field)
    assert page.url_field.text() == "postgresql://ann@db.office.lan:5433/customers"
    assert page.office.password_field.text() == SECRET
    assert page.command.text() == "python main.py --db postgresql://ann@db.office.lan:5433/customers"
    assert not [text for text in _every_text(page) if SECRET in text]


def test_the_server_is_saved_here_and_its_password_in_the_password_store(
    qtbot, window, page: DataPage, memory_keyring: MemoryKeyring, message_boxes
) -> None:
    page.url_field.setText(PASTED)
    page.office.save_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    assert list(memory_keyring.passwords.values()) == [SECRET]
    assert page.office.password_field.text() == ""
    assert (
        "Saved on this computer: postgresql://ann@db.office.lan:5433/customers"
        in page.office.profile_label.text()
    )
    assert "password store" in page.office.profile_label.text()
    assert page.command.text() == "python main.py --office"
    assert not [text for text in _every_text(page) if SECRET in text]
    assert SECRET not in office.profile_path().read_text(encoding="utf-8")
    # The next time the page opens, the saved server is there to test and start on.
    fresh = DataPage(window.runner)
    qtbot.addWidget(fresh)
    fresh.load()
    assert fresh.url_field.text() == "postgresql://ann@db.office.lan:5433/customers"
    assert fresh.command.text() == "python main.py --office"
    fresh.office.forget_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    assert memory_keyring.passwords == {} and "No office server is saved" in fresh.office.profile_label.text()
    assert message_boxes == []


def test_without_a_password_store_the_owner_is_told_in_a_sentence(qtbot, window, page, message_boxes) -> None:
    with password_store(keyring.backends.fail.Keyring()):
        page.url_field.setText("postgresql://ann@db.office.lan/customers")
        page.office.password_field.setText(SECRET)
        page.office.save_button.click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    assert page.test_result.text() == office.NO_PASSWORD_STORE
    assert message_boxes == []  # no apology, no traceback: the sentence is the whole story
    assert "No office server is saved" in page.office.profile_label.text()


# ------------------------------------------------------------ a real server: the window and the log


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not os.environ.get("CFL_TEST_POSTGRES"):
        pytest.skip("CFL_TEST_POSTGRES is not set: no PostgreSQL server to test against")
    import psycopg

    name = f"cfl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(os.environ["CFL_TEST_POSTGRES"], autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(os.environ["CFL_TEST_POSTGRES"])._replace(path=f"/{name}"))
    finally:
        close_app_database()
        with psycopg.connect(os.environ["CFL_TEST_POSTGRES"], autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def start(qtbot, monkeypatch, tmp_path):
    """open_main_window as main.py calls it; the hooks it installs are undone afterwards."""
    from ui.application import open_main_window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    opened = []

    def run(*arguments: str):
        window = open_main_window(["customers-for-life", *arguments, "--data-dir", str(tmp_path / "data")])
        assert not isinstance(window, int), window
        qtbot.addWidget(window)
        opened.append(window)
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
        return window

    yield run
    for window in opened:
        window.runner.wait_for_idle(30_000)
        window.single_instance.deleteLater()
    qInstallMessageHandler(None)


def _about_text(window, message_boxes) -> str:
    """Help ▸ About, as the owner opens it."""
    about = next(action for action in window.findChildren(QAction) if "About" in action.text())
    about.trigger()
    return message_boxes[-1][2]


def test_the_window_and_the_log_never_show_the_password(pg_url, start, message_boxes, tmp_path) -> None:
    password = urlsplit(pg_url).password
    assert password, "CFL_TEST_POSTGRES must name a user with a password for this test"
    window = start("--db", pg_url)
    address = office.shown_location(pg_url)
    assert window.database_label.text() == address and password not in address
    assert password not in _about_text(window, message_boxes)
    window.data_page.load()
    assert not [text for text in _every_text(window) if password in text]
    log = (tmp_path / "data" / "logs" / "customers-for-life.log").read_text(encoding="utf-8")
    assert "starting" in log and password not in log


def test_office_starts_on_the_saved_profile(pg_url, start, memory_keyring, message_boxes) -> None:
    parts = urlsplit(pg_url)
    office.save_profile(office.shown_location(pg_url), parts.password)
    window = start("--office")
    assert window.database_label.text() == office.load_profile().address()
    window.data_page.load()
    assert "Open now: the office database" in window.data_page.database_label.text()
    assert parts.password not in _about_text(window, message_boxes)


def test_the_installed_app_is_started_by_its_own_name(page: DataPage, monkeypatch) -> None:
    """On the owner's Windows laptop there is no "python main.py": the line names the app's .exe."""
    import sys

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "C:/Program Files/CustomersForLife/CustomersForLife.exe")
    page.url_field.setText("postgresql://ann@db.office.lan:5433/customers")
    _finish_editing(page.url_field)
    assert page.command.text().startswith("CustomersForLife.exe --db postgresql://ann@db.office.lan")
