"""The "Your data" page driven as the owner would: back up, restore, export and erase, office mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.services import backups
from app.services import customers as customer_service
from app.services.database import close_app_database, open_app_database
from app.services.importing import run_import
from tests.ui.helpers import click_button, close_when_idle, when_dialog_opens
from ui.dialogs.customer_picker import CustomerPickerDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.events import data_events
from ui.pages.backup_section import startup_backup
from ui.pages.data_page import DataPage
from ui.pages.office_section import hide_password


def wait_idle(qtbot, runner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)


@pytest.fixture
def page(qtbot, window) -> DataPage:
    data_page = DataPage(window.runner)
    qtbot.addWidget(data_page)
    data_page.resize(1180, 740)
    data_page.show()
    data_page.load()
    wait_idle(qtbot, window.runner)
    return data_page


@pytest.fixture
def announcements() -> Iterator[list[tuple[frozenset, object]]]:
    seen: list[tuple[frozenset, object]] = []

    def record(changes: frozenset, initiator: object) -> None:
        seen.append((changes, initiator))

    data_events().data_changed.connect(record)
    yield seen
    data_events().data_changed.disconnect(record)


def _pick(search: str) -> Callable[[QWidget], None]:
    def choose(picker: QWidget) -> None:
        picker.search.setText(search)
        picker.find_now()
        picker.matches.setCurrentRow(0)
        picker.choose_button.click()

    return choose


def _names() -> list[str]:
    return sorted(row.name for row in customer_service.find_customers("", limit=100))


def test_back_up_now_and_the_chooser_lists_it_with_its_customer_count(
    qtbot, window, three_customers, page, database
) -> None:
    assert "No backup yet" in page.last_backup.text()
    assert str(database.parent / "backups") in page.folder_label.text()
    page.backup_button.click()
    wait_idle(qtbot, window.runner)
    assert "3 customers" in page.backup_result.text()
    assert "Last backup" in page.last_backup.text() and "3 customers" in page.last_backup.text()

    seen: dict[str, list[list[str]]] = {}

    def read_and_close(chooser: QWidget) -> None:
        model = chooser.model
        seen["rows"] = [
            [model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())
        ]
        chooser.reject()

    when_dialog_opens(read_and_close, RestoreDialog)
    page.restore_button.click()
    qtbot.waitUntil(lambda: "rows" in seen, timeout=10_000)
    wait_idle(qtbot, window.runner)
    assert len(seen["rows"]) == 1
    _taken, why, customers, _size = seen["rows"][0]
    assert (why, customers) == ("Backed up by you", "3")


def test_a_restore_brings_the_data_back_and_tells_every_page(
    qtbot, window, three_customers, page, announcements, message_boxes
) -> None:
    before = _names()
    page.backup_button.click()
    wait_idle(qtbot, window.runner)
    window.editor.add_customer(CustomerDraft(first_name="Zed", last_name="Newcomer"))  # as the owner would
    assert len(_names()) == 4

    confirm_text: list[str] = []

    def confirm_restore(box: QWidget) -> None:
        confirm_text.append(box.text())
        click_button(box, "Restore")

    def choose_newest(chooser: QWidget) -> None:
        assert chooser.restore_button.isEnabled()  # the newest backup is selected already
        when_dialog_opens(confirm_restore, QMessageBox)
        chooser.restore_button.click()

    when_dialog_opens(choose_newest, RestoreDialog)
    page.restore_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=30_000)
    wait_idle(qtbot, window.runner)

    assert "backed up first" in confirm_text[0] and "4 customers now" in confirm_text[0]
    assert _names() == before
    # What the restore put back is announced (the database's own counts say what moved).
    assert any("customer" in changes for changes, _who in announcements)
    kind, title, text = message_boxes[-1]
    assert (kind, title) == ("information", "Backup restored") and "3 customers" in text
    # The restore itself can be undone: the data as it was (4 customers) is a backup of its own.
    safety = [b for b in backups.list_backups() if b.label == "before-restore"]
    assert [b.customers for b in safety] == [4]


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Phone", "Email", "Street", "City", "State", "Zip"])
    sheet.append(
        ["Maria", "Lopez", "410-555-0134", "maria@lopez.example", "4 Oak Ln", "Towson", "MD", "21204"]
    )
    sheet.append(["Ken", "Baker", "410-555-0177", "ken@baker.example", "9 Elm St", "Towson", "MD", "21204"])
    book.save(path)
    return path


def test_an_erased_customer_is_gone_and_a_reimport_does_not_bring_them_back(
    qtbot, window, page, tmp_path, announcements, monkeypatch
) -> None:
    sheet = _workbook(tmp_path / "customers.xlsx")
    assert run_import(sheet).customers_created == 2

    # First the export the customer asked for, then the erasure.
    export = tmp_path / "maria.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(export), ""))
    when_dialog_opens(_pick("Lopez"), CustomerPickerDialog)
    page.export_button.click()
    wait_idle(qtbot, window.runner)
    assert "Maria" in page.privacy_result.text()
    cells = [cell for row in load_workbook(export)["Customer"].iter_rows(values_only=True) for cell in row]
    assert "maria@lopez.example" in cells

    confirm_text: list[str] = []

    def erase(box: QWidget) -> None:
        confirm_text.append(box.text())
        click_button(box, "Erase for good")

    def pick_then_confirm(picker: QWidget) -> None:
        when_dialog_opens(erase, QMessageBox)
        _pick("Lopez")(picker)

    when_dialog_opens(pick_then_confirm, CustomerPickerDialog)
    page.erase_button.click()
    qtbot.waitUntil(lambda: "erased" in page.privacy_result.text(), timeout=10_000)
    wait_idle(qtbot, window.runner)

    assert "can't be undone" in confirm_text[0] and "fingerprint" in confirm_text[0]
    assert "no letter is ever sent" in confirm_text[0]
    assert customer_service.find_customers("Lopez") == []
    assert any("customer" in changes for changes, _who in announcements)  # every page hears of it

    again = run_import(sheet)
    assert again.customers_created == 0
    assert any("erased at their request" in r["reason"] for r in again.rejected)
    assert customer_service.find_customers("Lopez") == []
    assert [f.name for f in customer_service.find_customers("Baker")] == ["Baker, Ken"]


@pytest.fixture
def synced_window(qtbot, tmp_path) -> Iterator[QWidget]:
    from ui.main_window import MainWindow

    path = tmp_path / "OneDrive" / "Business" / "customers.sqlite3"
    open_app_database(str(path), path.parent)
    customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    main_window = MainWindow(str(path))
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    close_when_idle(main_window)
    close_app_database()


def test_a_database_in_a_synced_folder_is_warned_about(qtbot, synced_window, message_boxes) -> None:
    page = DataPage(synced_window.runner)
    qtbot.addWidget(page)
    page.load()
    wait_idle(qtbot, synced_window.runner)
    assert page.location_warning.isVisibleTo(page)
    assert "OneDrive" in page.location_warning.text()

    # At start-up: today's backup is taken without a word, and the warning shows in the status bar.
    startup_backup(synced_window.runner)
    wait_idle(qtbot, synced_window.runner)
    assert "OneDrive" in synced_window.statusBar().currentMessage()
    assert [b.label for b in backups.list_backups()] == ["daily"]
    assert message_boxes == []


def test_a_failed_startup_backup_is_reported(qtbot, window, message_boxes, monkeypatch) -> None:
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise UserError("The backup could not be written to E:\\: No space left on device.")

    monkeypatch.setattr(backups, "backup_if_due", full_disk)
    startup_backup(window.runner)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert message_boxes == [
        (
            "warning",
            "Today's backup failed",
            "The backup could not be written to E:\\: No space left on device.",
        )
    ]


def test_office_mode_shows_the_open_database_and_tests_an_address(qtbot, window, page, database) -> None:
    assert str(database) in page.database_label.text()
    assert not page.location_warning.isVisibleTo(page)
    page.url_field.setText("mysql://someone@server/shop")
    page.test_button.click()
    wait_idle(qtbot, window.runner)
    assert "not a PostgreSQL address" in page.test_result.text()
    page.url_field.setText("postgresql://office@10.0.0.5/customers")
    assert page.command.text() == "python main.py --db postgresql://office@10.0.0.5/customers"


def test_a_password_never_shows_on_screen() -> None:
    assert hide_password("postgresql://ann:s3cret@db.local:5433/cfl") == "postgresql://ann@db.local:5433/cfl"
    assert hide_password("/home/ann/customers.sqlite3") == "/home/ann/customers.sqlite3"


def test_the_backup_list_reads_in_spanish(qtbot) -> None:
    import datetime
    from types import SimpleNamespace

    from ui.translation import install_language

    install_language("es")
    backup = SimpleNamespace(
        taken_at=datetime.datetime(2026, 12, 2, 9, 30), label="manual", customers=None, size=3 << 20
    )
    older = SimpleNamespace(
        taken_at=datetime.datetime(2026, 11, 2, 9, 30), label="before-schema-v7", customers=2400, size=9000
    )
    dialog = RestoreDialog([backup, older], Path("/backups"))
    qtbot.addWidget(dialog)
    model = dialog.model
    rows = [[model.index(row, column).data() for column in range(4)] for row in range(2)]
    assert rows[0][1:] == ["Respaldado por usted", "no se puede leer", "3 MB"]
    assert rows[1][1:] == ["Antes de una actualización", "2,400", "9 KB"]
    assert rows[0][0].startswith("mié") and "9:30 a.m." in rows[0][0]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Por qué"
    assert dialog.restore_button.text() == "Restaurar este respaldo…"
