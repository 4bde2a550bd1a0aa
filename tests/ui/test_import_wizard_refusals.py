"""The wizard says plainly when a sheet is not a customer list, or when not one row fits (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from app.services import customers as customer_service
from tests.services import import_fixtures as fx


def _advance(qtbot, wizard, page) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page and not wizard.runner.busy, timeout=20_000)


def _next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _price_book(path: Path) -> Path:
    rows: list[list[object]] = [["Name", "Price", "Category"]]
    rows += [[f"Week, {i % 5 + 1} Dogs 1x", 15 + i, "Dogs"] for i in range(12)]
    return fx.write_xlsx(path, rows)


def test_the_mapping_step_says_a_price_book_is_no_customer_list_and_lets_the_owner_map(
    qtbot, window, tmp_path: Path
) -> None:
    wizard = window.import_spreadsheet(str(_price_book(tmp_path / "prices.xlsx")))
    _advance(qtbot, wizard, wizard.sheet_page)
    _advance(qtbot, wizard, wizard.mapping_page)
    page = wizard.mapping_page
    assert page.refusal.isVisible() and page.anyway.isVisible()
    assert "does not look like a list of customers" in page.refusal.text()
    assert "choose below what each column holds" in page.refusal.text()
    assert not _next_enabled(wizard)
    wizard.next()
    assert wizard.currentPage() is page  # nothing moves on until the owner has chosen

    page.anyway.setChecked(True)
    assert _next_enabled(wizard)
    page.anyway.setChecked(False)
    category = page.combos[2]
    category.setCurrentIndex(category.findData("notes"))  # a column chosen by hand
    assert _next_enabled(wizard)

    _advance(qtbot, wizard, wizard.preview_page)
    qtbot.waitUntil(lambda: wizard.preview_page.plan is not None, timeout=20_000)
    _advance(qtbot, wizard, wizard.report_page)
    assert customer_service.count_customers() == 12
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_customer_list_shows_no_refusal(qtbot, window, tmp_path: Path) -> None:
    wizard = window.import_spreadsheet(str(fx.write_xlsx(tmp_path / "list.xlsx", fx.SIMPLE_ROWS)))
    _advance(qtbot, wizard, wizard.sheet_page)
    _advance(qtbot, wizard, wizard.mapping_page)
    assert not wizard.mapping_page.refusal.isVisible() and not wizard.mapping_page.anyway.isVisible()
    assert _next_enabled(wizard)
    wizard.button(QWizard.WizardButton.CancelButton).click()


def test_the_preview_says_when_not_one_row_can_be_imported(qtbot, window, tmp_path: Path) -> None:
    wizard = window.import_spreadsheet(str(fx.write_xlsx(tmp_path / "list.xlsx", fx.SIMPLE_ROWS)))
    _advance(qtbot, wizard, wizard.sheet_page)
    _advance(qtbot, wizard, wizard.mapping_page)
    for combo in wizard.mapping_page.combos:  # every column left out: no row has anything to import
        combo.setCurrentIndex(combo.findData("ignore"))
    _advance(qtbot, wizard, wizard.preview_page)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.plan is not None and not wizard.runner.busy, timeout=20_000)
    assert preview.summary.text().startswith("Nothing was imported: none of the 2 rows of list.xlsx")
    assert not _next_enabled(wizard)
    wizard.next()
    assert wizard.currentPage() is preview and customer_service.count_customers() == 0
    wizard.button(QWizard.WizardButton.CancelButton).click()


def test_the_mapping_step_proposes_what_the_import_will_do_with_each_column(qtbot, window, tmp_path) -> None:
    """Housecall Pro's TRUE/FALSE "State Tax Exempt": the step says it goes to the notes, not the state."""
    from tests.services import real_exports as rx

    wizard = window.import_spreadsheet(str(rx.housecall_pro(tmp_path)))
    _advance(qtbot, wizard, wizard.sheet_page)
    _advance(qtbot, wizard, wizard.mapping_page)
    chosen = dict(
        zip(wizard.table.headers, (c.currentData() for c in wizard.mapping_page.combos), strict=True)
    )
    assert chosen["State Tax Exempt"] != "region"
    assert chosen["Address_1 Billing?"] not in ("street", "billing_street")
    wizard.button(QWizard.WizardButton.CancelButton).click()
