"""Importing a messy hand-made sheet through the wizard, seeing what will happen, then undoing it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.services import customers as customer_service


def _messy_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Customers"
    sheet.append(["Acme Heating customer list"])  # a title row above the headings
    sheet.append(["printed 3/1/2024"])
    sheet.append([])
    sheet.append(["Cust Name", "Phone", "Street", "Town", "Zip", "Furnace Model #", "Installed"])
    sheet.append(
        [
            "SMITH, ANN",
            "Phone:(410) 632-0571 Mobile:(443) 555-0199",
            "12 Elm St",
            "Towson",
            21204,
            "Carrier 58SB",
            "3/15/2012",
        ]
    )
    sheet.append(["Jones, Bob", "410.555.2368", "9 Bay Rd", "Dundalk", 21222, "", ""])
    sheet.append(["", "not a phone", "", "", "", "", ""])
    book.save(path)
    return path


def _advance(qtbot, wizard, page) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page and not wizard.runner.busy, timeout=20_000)


def _finish(wizard: QWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


def test_import_preview_then_undo(qtbot, window, tmp_path: Path, message_boxes) -> None:
    source = _messy_workbook(tmp_path / "list.xlsx")
    wizard = window.import_spreadsheet(str(source))
    _advance(qtbot, wizard, wizard.sheet_page)
    assert wizard.sheet_page.sheets.currentData() == "Customers"
    _advance(qtbot, wizard, wizard.mapping_page)
    assert wizard.table.header_row == 4  # found below the title rows
    mapped = {combo.currentData() for combo in wizard.mapping_page.combos}
    assert {"phone", "city", "postal_code"} <= mapped
    _advance(qtbot, wizard, wizard.preview_page)
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=20_000)
    preview = wizard.preview_page
    assert "2 new customers" in preview.summary.text()
    assert customer_service.count_customers() == 0  # nothing written before the last step
    _advance(qtbot, wizard, wizard.report_page)
    report_page = wizard.report_page
    assert "2 customers added" in report_page.summary.text()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # done: only Finish
    notes = [report_page.notes.item(i).text() for i in range(report_page.notes.count())]
    assert any(n.startswith("Row 7: not imported:") for n in notes)  # the row with only "not a phone"
    assert report_page.notes.isVisible()
    smith = customer_service.find_customers("632-0571")
    assert [f.name for f in smith] == ["Smith, Ann"]
    detail = customer_service.customer_detail(smith[0].id)
    assert detail.draft.phone_mobile == "+14435550199"
    assert detail.sites[0].postal_code == "21204"
    assert window.customers_page.model.rowCount() == 2  # the list refreshed itself

    with qtbot.waitSignal(window.runner.job_ended, timeout=20_000):
        wizard.report_page.undo_button.click()
    assert customer_service.count_customers() == 0
    assert message_boxes[-1][1] == "Import undone"
    assert "2 customers removed" in message_boxes[-1][2]
    _finish(wizard)


def test_a_file_that_is_not_a_spreadsheet_is_explained_on_the_first_page(
    qtbot, window, tmp_path: Path
) -> None:
    bad = tmp_path / "customers.xlsx"
    bad.write_text("<html><body>Not really a workbook</body></html>")
    wizard = window.import_spreadsheet(str(bad))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.text()
    assert "Traceback" not in wizard.file_page.error.text()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()


def test_a_possible_duplicate_is_asked_about_and_a_tick_merges_it(qtbot, window, tmp_path: Path) -> None:
    from app.services.importing import run_import
    from tests.services import import_fixtures as fx

    header = ["Name", "Phone", "Email", "Street", "City", "State", "Zip", "Equipment"]
    saved = [header, ["Jonathan Smith", "410-555-0121", "", "12 Elm St", "Dover", "DE", "19901", ""]]
    run_import(fx.write_xlsx(tmp_path / "saved.xlsx", saved))
    alike = [header, ["Jonathon Smith", "", "", "12 Elm Street", "Dover", "DE", "19901", "Boiler"]]
    wizard = window.import_spreadsheet(str(fx.write_xlsx(tmp_path / "new.xlsx", alike)))
    for page in (wizard.sheet_page, wizard.mapping_page, wizard.preview_page):
        _advance(qtbot, wizard, page)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.plan is not None and not wizard.runner.busy, timeout=20_000)
    assert preview.uncertain.count() == 1 and "Jonathan Smith" in preview.uncertain.item(0).text()
    assert "1 new customer" in preview.summary.text()
    preview.uncertain.item(0).setCheckState(Qt.CheckState.Checked)  # "the same customer"
    qtbot.waitUntil(lambda: "1 existing customer updated" in preview.summary.text(), timeout=20_000)
    _advance(qtbot, wizard, wizard.report_page)
    assert customer_service.count_customers() == 1
    assert "Boiler" in [e.kind for e in customer_service.customer_detail(1).equipment]
    _finish(wizard)


def test_a_closed_wizard_leaves_nothing_that_later_work_trips_on(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    wizard = window.import_spreadsheet(str(_messy_workbook(tmp_path / "list.xlsx")))
    wizard.close()  # deleted on close
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    done = []
    with qtbot.waitSignal(window.runner.job_ended, timeout=10_000):
        window.runner.run("Later work", lambda _p, _c: 42, on_done=done.append)
    assert done == [42]  # and no error from the deleted wizard (pytest-qt fails the test on one)


def _import_through_the_wizard(qtbot, window, source: Path) -> None:
    wizard = window.import_spreadsheet(str(source))
    for page in (wizard.sheet_page, wizard.mapping_page, wizard.preview_page):
        _advance(qtbot, wizard, page)
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=20_000)
    _advance(qtbot, wizard, wizard.report_page)
    _finish(wizard)


def test_an_import_and_a_settings_change_are_undone_in_order_by_edit_undo(
    qtbot, window, tmp_path: Path, message_boxes
) -> None:
    """One stack: the import goes on it after the edit before it, the settings change after the import."""
    from app.domain.customers import CustomerDraft
    from app.services.settings import load_settings

    window.editor.add_customer(CustomerDraft(first_name="Cy", last_name="Earlier"))
    _import_through_the_wizard(qtbot, window, _messy_workbook(tmp_path / "list.xlsx"))
    assert customer_service.count_customers() == 3
    assert window.undo_action.text().replace("&", "") == "Undo Import list.xlsx"

    window.show_page("settings")
    page = window.settings_page
    page.form.editors["company_name"].setText("Cool Air LLC")
    page.save()
    assert load_settings().company_name == "Cool Air LLC"
    assert window.undo_action.text().replace("&", "") == "Undo Change Company name"

    window.undo_action.trigger()  # the settings change, not the import
    assert load_settings().company_name == ""
    assert customer_service.count_customers() == 3

    window.undo_action.trigger()  # then the import, in the background
    qtbot.waitUntil(lambda: customer_service.count_customers() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    assert message_boxes[-1][1] == "Import undone"
    assert window.undo_action.text().replace("&", "") == "Undo Add Earlier, Cy"
    assert not window.redo_action.isEnabled() or "Import" not in window.redo_action.text()
