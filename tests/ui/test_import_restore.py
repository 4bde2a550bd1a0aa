"""File ▸ Import of our own whole export: the wizard says what will come back, restores it, reports it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from app.persistence.db import close_database, open_database
from app.services import customers as customer_service
from app.services.demo import build_demo
from app.services.exporting import export_database
from app.services.opportunities import list_open_opportunities
from app.services.settings import update_settings
from tests.conftest import TEST_NOW


def _export(folder: Path, language: str = "en") -> Path:
    """A laptop's whole export, made before the window opens its own (empty) database."""
    open_database(folder / "laptop.sqlite3")
    try:
        build_demo(customers=30, seed=4, today=TEST_NOW.date())
        update_settings({"language": language})
        export_database(folder / "everything.xlsx")
    finally:
        close_database()
    return folder / "everything.xlsx"


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    return _export(tmp_path)


@pytest.fixture
def spanish_export_file(tmp_path: Path) -> Path:
    """The export of an owner who reads Spanish, with a sheet of their own notes added to it."""
    from openpyxl import load_workbook

    path = _export(tmp_path, "es")
    workbook = load_workbook(path)
    workbook.create_sheet("Notas de Ana").append(["llamar en enero"])
    workbook.save(path)
    return path


def _advance(qtbot, wizard, page) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page and not wizard.runner.busy, timeout=30_000)


def _what_will_come_back(qtbot, window, export: Path) -> tuple[object, list[str]]:
    """The wizard on the restore's first page, once the whole file is checked, and the lines it lists."""
    wizard = window.import_spreadsheet(str(export))
    _advance(qtbot, wizard, wizard.restore_page)
    qtbot.waitUntil(lambda: wizard.restore_page.preview is not None, timeout=30_000)
    return wizard, _lines(wizard.restore_page.tables)


def _lines(tables) -> list[str]:
    return [tables.item(i).text() for i in range(tables.count())]


def test_the_wizard_restores_our_export_into_an_empty_database(qtbot, export_file: Path, window) -> None:
    wizard, listed = _what_will_come_back(qtbot, window, export_file)
    page = wizard.restore_page
    assert "30 customers" in listed and any(line.endswith(" visits") for line in listed)
    assert page.error.text() == "" and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert customer_service.count_customers() == 0  # nothing written before the owner says so
    _advance(qtbot, wizard, wizard.restored_page)
    assert "everything.xlsx is back" in wizard.restored_page.summary.text()
    assert customer_service.count_customers() == 30
    assert window.customers_page.model.rowCount() == 30  # the list refreshed itself
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert list_open_opportunities()  # who is due comes back with the rest
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()  # the restore's report ends the wizard
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()  # nothing left to cancel
    finish.click()
    assert not wizard.isVisible()


def test_into_a_database_in_use_it_offers_the_customers_only(
    qtbot, export_file: Path, window, three_customers
) -> None:
    wizard = window.import_spreadsheet(str(export_file))
    _advance(qtbot, wizard, wizard.restore_page)
    page = wizard.restore_page
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=30_000)
    assert "already holds 3 customers" in page.error.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.customers_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=30_000)
    assert wizard.sheet_page.sheets.currentData() == "customer"
    assert customer_service.count_customers() == 3
    wizard.reject()


def test_a_customer_list_still_takes_the_usual_steps(qtbot, window, tmp_path: Path) -> None:
    from tests.services.import_fixtures import write_csv

    source = write_csv(tmp_path / "list.csv", [["Name", "Phone"], ["Smith, Ann", "410-632-0571"]])
    wizard = window.import_spreadsheet(str(source))
    _advance(qtbot, wizard, wizard.sheet_page)
    assert not wizard.restores_everything
    wizard.reject()


def test_in_spanish_the_restore_lists_its_tables_and_warnings_in_spanish(
    qtbot, spanish_export_file: Path, window, spanish
) -> None:
    wizard, listed = _what_will_come_back(qtbot, window, spanish_export_file)
    assert "30 clientes" in listed and any(line.endswith(" visitas") for line in listed)
    left_out = "La hoja “Notas de Ana” no es parte de la exportación; se dejó fuera."
    assert left_out in listed
    assert not [line for line in listed if "restor" in line or " customers" in line]
    _advance(qtbot, wizard, wizard.restored_page)
    restored = _lines(wizard.restored_page.tables)
    assert "30 clientes" in restored and left_out in restored
    assert "está de vuelta" in wizard.restored_page.summary.text()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    wizard.button(QWizard.WizardButton.FinishButton).click()
