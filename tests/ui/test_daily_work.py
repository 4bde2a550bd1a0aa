"""Daily work driven as an owner would: forms that check as you type, logging, undo, merge, cancel."""

from __future__ import annotations

import datetime
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from app.domain.customers import CustomerDraft
from app.domain.records import EquipmentDraft, SiteDraft
from app.services import customers as customer_service
from app.services import records as record_service
from tests.ui.helpers import click_button, click_save, when_dialog_opens


def test_a_bad_phone_is_explained_next_to_the_field_and_can_be_fixed(qtbot, window) -> None:
    seen = {}

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.editors["first_name"], "Minh")
        dialog.editors["last_name"].setText("Nguyễn")  # keyClicks types ASCII only
        qtbot.keyClicks(dialog.editors["phone"], "410-63")
        error = dialog.form.errors["phone"]
        seen["error"] = error.text() if error.isVisible() else ""
        seen["save_enabled"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        qtbot.keyClicks(dialog.editors["phone"], "2-0571")
        seen["error_after_fix"] = error.isVisible()
        click_save(dialog)

    when_dialog_opens(fill)
    window.customers_page.actions.new.trigger()
    assert "Phone: “410-63” is not a valid number" in seen["error"]
    assert seen["save_enabled"] is False
    assert seen["error_after_fix"] is False
    found = customer_service.find_customers("632-0571")
    assert [f.name for f in found] == ["Nguyễn, Minh"]
    assert "Nguyễn, Minh" in window.customers_page.detail.heading.text()


def _customer_with_equipment() -> int:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    site_id = record_service.add_record(
        SiteDraft(customer_id, street="12 Elm St", city="Towson", postal_code="21204", is_billing=True)
    )
    record_service.add_record(
        EquipmentDraft(site_id, kind="Furnace", brand="Carrier", installed_on=datetime.date(2009, 3, 15))
    )
    return customer_id


def test_logging_a_call_takes_two_clicks(qtbot, window) -> None:
    customer_id = _customer_with_equipment()
    window.customers_page.load()
    window.customers_page.select_customer(customer_id)
    when_dialog_opens(click_save)  # click 2: Save
    window.customers_page.actions.log_call.trigger()  # click 1: Log a call
    touches = customer_service.customer_detail(customer_id).touches
    assert len(touches) == 1 and touches[0].title == "Call"
    assert window.customers_page.detail.tabs.tabText(5) == "Contacts (1)"


def test_editing_equipment_then_undo(qtbot, window) -> None:
    customer_id = _customer_with_equipment()
    page = window.customers_page
    page.load()
    page.select_customer(customer_id)
    equipment_view = page.detail.views[1]
    equipment_view.selectRow(0)

    def change_brand(dialog: QWidget) -> None:
        dialog.editors["brand"].clear()
        qtbot.keyClicks(dialog.editors["brand"], "Trane")
        dialog.editors["installed_on"].setText("Mar 2011")
        click_save(dialog)

    when_dialog_opens(change_brand)
    page._on_row(1, equipment_view, page.actions.edit_row)
    equipment = customer_service.customer_detail(customer_id).equipment[0]
    assert (equipment.brand, equipment.installed_on) == ("Trane", datetime.date(2011, 3, 1))
    assert page.detail.equipment.index(0, 2).data() == "Trane"  # after Site and Kind
    window.undo_action.trigger()
    equipment = customer_service.customer_detail(customer_id).equipment[0]
    assert (equipment.brand, equipment.installed_on) == ("Carrier", datetime.date(2009, 3, 15))


def test_delete_asks_then_undo_brings_the_customer_back(qtbot, window) -> None:
    customer_id = _customer_with_equipment()
    page = window.customers_page
    page.load()
    page.select_customer(customer_id)
    when_dialog_opens(lambda box: click_button(box, "Delete"))
    page.actions.delete.trigger()
    assert customer_service.customer_detail(customer_id) is None
    assert page.model.rowCount() == 0
    assert window.undo_action.text().replace("&", "") == "Undo Delete Smith, Ann"
    window.undo_action.trigger()
    restored = customer_service.customer_detail(customer_id)
    assert restored is not None and restored.equipment[0].brand == "Carrier"
    assert page.model.rowCount() == 1
    window.redo_action.trigger()
    assert customer_service.customer_detail(customer_id) is None


def test_merging_two_customers_and_undoing_it(qtbot, window) -> None:
    keep = _customer_with_equipment()
    duplicate = customer_service.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="410-632-0571", email="ann@example.com")
    )
    page = window.customers_page
    page.load()
    page.select_customer(keep)

    def pick_duplicate(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: dialog.matches.count() == 1)
        dialog.matches.setCurrentRow(0)
        dialog.choose_button.click()

    when_dialog_opens(pick_duplicate)
    page.actions.merge.trigger()
    merged = customer_service.customer_detail(keep)
    assert customer_service.customer_detail(duplicate) is None
    assert merged.draft.phone == "+14106320571" and merged.draft.email == "ann@example.com"
    assert page.model.rowCount() == 1
    window.undo_action.trigger()
    assert customer_service.customer_detail(duplicate).draft.email == "ann@example.com"
    assert customer_service.customer_detail(keep).draft.phone == ""
    assert page.model.rowCount() == 2


def test_cancelling_a_long_job_changes_nothing(qtbot, window) -> None:
    from app.services.demo import build_demo

    runner = window.runner
    with qtbot.waitSignal(runner.job_ended, timeout=60_000) as ended:
        runner.run(
            "Big demo",
            lambda progress, cancel: build_demo(customers=50_000, progress=progress, cancel=cancel),
        )
        dialog = None

        def dialog_shown() -> bool:
            nonlocal dialog
            dialog = QApplication.activeModalWidget()
            return dialog is not None

        qtbot.waitUntil(dialog_shown, timeout=5_000)  # it appears after about half a second
        assert window.isEnabled()  # the window kept painting and answering meanwhile
        cancel_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert ended.args == ["Big demo", "cancelled"]
    assert customer_service.count_customers() == 0


def test_a_bug_in_a_job_is_apologised_for_and_logged(qtbot, window, monkeypatch, caplog) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(text))

    def broken(_progress, _cancel) -> None:
        raise ZeroDivisionError("customer Smith owes 1/0")

    with qtbot.waitSignal(window.runner.job_ended, timeout=5_000):
        window.runner.run("Broken job", broken)
    assert shown and shown[0].startswith("Sorry, something went wrong")
    assert "Smith" not in shown[0] and "Traceback" not in shown[0]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info[0] is ZeroDivisionError  # the log has the traceback


def test_settings_are_checked_and_saved_in_the_database(qtbot, window) -> None:
    from app.services.settings import load_settings

    window.show_page("settings")
    page = window.settings_page
    form = page.form
    form.editors["company_name"].setText("Acme Heating & Air")
    form.editors["quiet_hours"].setText("lunch")
    assert not page.save_button.isEnabled()
    assert "should look like" in form.errors["quiet_hours"].text()
    form.editors["quiet_hours"].setText("before 8:30, 17:30-19:30, after 20:30")
    form.editors["paper_size"].setCurrentIndex(1)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    stored = load_settings()
    assert stored.company_name == "Acme Heating & Air"
    assert stored.paper_size == "a4"
    assert stored.quiet_hours[0] == ("00:00", "08:30")


def test_window_state_comes_back(qtbot, database) -> None:
    from ui.main_window import MainWindow

    first = MainWindow(str(database))
    qtbot.addWidget(first)
    first.show()
    first.customers_page.table.horizontalHeader().resizeSection(0, 333)
    first.customers_page.splitter.setSizes([300, 200])
    sizes = first.customers_page.splitter.sizes()
    first.close()
    second = MainWindow(str(database))
    qtbot.addWidget(second)
    second.show()
    assert second.restored
    assert second.customers_page.table.horizontalHeader().sectionSize(0) == 333
    assert second.customers_page.splitter.sizes() == sizes


def test_a_second_start_on_the_same_database_brings_the_first_forward(qtbot, tmp_path) -> None:
    from ui.single_instance import SingleInstance, ask_running_copy_to_show

    first = SingleInstance(str(tmp_path / "a.sqlite3"))
    with qtbot.waitSignal(first.show_requested, timeout=3_000):
        assert ask_running_copy_to_show(str(tmp_path / "a.sqlite3"))
    assert not ask_running_copy_to_show(str(tmp_path / "other.sqlite3"))
