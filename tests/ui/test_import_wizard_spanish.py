"""The import wizard in Spanish: a messy list read, mapped, previewed, imported and its report saved, every
step in the owner's language (the column headings and values of the file stay as the owner wrote them)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QWizard

from app.services.importing import TARGET_FIELDS
from tests.services import import_fixtures as fx


def _messy_csv(folder: Path) -> Path:
    path = folder / "customer list.csv"
    rows = [
        ["Acme Heating customer list"],
        ["printed 3/1/2024"],
        ["Name", "Phone", "E-mail", "Street", "City", "State", "Zip", "Model", "Installed"],
        [
            "Ann Smith",
            "(410) 555-0101",
            "ann@example.com",
            "12 Elm St",
            "Towson",
            "MD",
            "21204",
            "58SB",
            "3/15/2012",
        ],
        [
            "Bob Jones",
            "(410) 555-0142 x12",
            "bob@example.com",
            "9 Bay Rd",
            "Dundalk",
            "MD",
            "21222",
            "XR13",
            "",
        ],
        ["Kim Lee", "410-555-0177", "kim at example", "3 Oak Ave", "Towson", "MD", "21204", "", "someday"],
        ["", "not a phone", "", "", "", "", "", "", ""],
        ["Total", "", "", "", "", "", "", "", ""],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _advance(qtbot, wizard, page) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is page and not wizard.runner.busy, timeout=20_000)


def _cells(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() or "" for row in range(model.rowCount())]


def test_a_messy_list_goes_through_the_wizard_in_spanish(
    qtbot, window, tmp_path: Path, monkeypatch, spanish: None
) -> None:
    wizard = window.import_spreadsheet(str(_messy_csv(tmp_path)))
    assert wizard.windowTitle() == "Importar clientes"
    _advance(qtbot, wizard, wizard.sheet_page)
    assert wizard.sheet_page.subTitle() == (
        "customer list.csv es un archivo de texto (CSV) con una sola hoja; se lee tal como está."
    )

    _advance(qtbot, wizard, wizard.mapping_page)
    mapping = wizard.mapping_page
    choices = [mapping.combos[0].itemText(i) for i in range(mapping.combos[0].count())]
    assert {"Nombre (completo)", "Teléfono", "Dirección de servicio (completa)", "Ciudad", "Estado"} <= set(
        choices
    )
    assert {"Código postal", "Modelo", "Instalado el", "Guardar como nota", "Ignorar"} <= set(choices)
    assert len(choices) == len(TARGET_FIELDS)
    assert mapping.combos[1].currentText() == "Teléfono"
    # The file's own headings are the owner's words: "Phone" stays "Phone".
    assert [mapping.grid.itemAtPosition(row, 0).widget().text() for row in (1, 2, 3)] == [
        "Name",
        "Phone",
        "E-mail",
    ]
    assert mapping.warnings.text().split("\n") == [
        "Se omitió 1 fila que parece un total, un pie de página o una fecha de impresión, no un cliente "
        "(fila 8).",
        "Los encabezados de las columnas están en la fila 3; se omitieron las filas de arriba.",
    ]

    _advance(qtbot, wizard, wizard.preview_page)
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.plan is not None and not wizard.runner.busy, timeout=20_000)
    assert preview.summary.text().split("\n")[0] == (
        "Filas leídas: 4; clientes nuevos: 3; clientes existentes actualizados: 0; filas duplicadas "
        "combinadas: 0; direcciones: 3; equipos: 2; filas no importadas: 1."
    )
    headings = [
        preview.rows.headerData(c, Qt.Orientation.Horizontal) for c in range(preview.rows.columnCount())
    ]
    assert headings[:4] == ["Fila", "Qué pasará", "Problemas", "Nombre"]
    what, problems = _cells(preview.table, 1), _cells(preview.table, 2)
    assert what[:3] == ["cliente nuevo", "cliente nuevo", "cliente nuevo"]
    assert what[3] == "La fila no tiene nombre, teléfono, correo electrónico ni dirección."
    assert problems[1] == "Phone: la extensión 12 de (410) 555-0142 se guardó en las notas."
    assert problems[2] == (
        "E-mail: “kim at example” no es una dirección de correo electrónico; el valor se guardó en las "
        "notas. Installed: “someday” no es una fecha; el valor se guardó en las notas."
    )

    _advance(qtbot, wizard, wizard.report_page)
    report = wizard.report_page
    assert report.summary.text().split("\n") == [
        "customer list.csv, hoja customer list: 4 filas leídas.",
        "Clientes agregados: 3; actualizados: 0; duplicados combinados: 0; direcciones agregadas: 3; "
        "equipos agregados: 2.",
        "1 fila no importada.",
    ]
    notes = [report.notes.item(i).text() for i in range(report.notes.count())]
    assert notes[0] == (
        "Fila 7: no importada: La fila no tiene nombre, teléfono, correo electrónico ni dirección."
    )
    assert "Fila 5: Phone: la extensión 12 de (410) 555-0142 se guardó en las notas." in notes
    assert report.notes_label.text() == "Filas no importadas y valores que conviene revisar:"

    saved = tmp_path / "informe.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(saved), ""))
    next(b for b in report.findChildren(QPushButton) if b.text().startswith("Guardar")).click()
    workbook = load_workbook(saved)
    assert workbook.sheetnames == ["Resumen", "Filas rechazadas", "Avisos"]
    summary = {row[0]: row[1] for row in workbook["Resumen"].iter_rows(values_only=True)}
    assert summary["Filas leídas"] == 4 and summary["Clientes creados"] == 3
    warnings = [row[0] for row in workbook["Avisos"].iter_rows(values_only=True)]
    assert "Fila 6: Installed: “someday” no es una fecha; el valor se guardó en las notas." in warnings
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_file_that_is_no_customer_list_is_refused_in_spanish(
    qtbot, window, tmp_path: Path, spanish: None
) -> None:
    rows: list[list[object]] = [["Name", "Price", "Category"]]
    rows += [[f"Week, {i % 5 + 1} Dogs 1x", 15 + i, "Dogs"] for i in range(12)]
    wizard = window.import_spreadsheet(str(fx.write_xlsx(tmp_path / "prices.xlsx", rows)))
    _advance(qtbot, wizard, wizard.sheet_page)
    _advance(qtbot, wizard, wizard.mapping_page)
    refusal = wizard.mapping_page.refusal.text()
    assert refusal == (
        "El archivo prices.xlsx no tiene una columna de teléfonos, correos electrónicos o direcciones, así "
        "que no parece una lista de clientes con quienes mantener el contacto. Si de todos modos es su lista "
        "de clientes, elija abajo qué contiene cada columna."
    )
    wizard.button(QWizard.WizardButton.CancelButton).click()


def test_a_file_that_cannot_be_read_is_explained_in_spanish_on_the_first_page(
    qtbot, window, tmp_path: Path, spanish: None
) -> None:
    pdf = tmp_path / "clientes.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    wizard = window.import_spreadsheet(str(pdf))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.text() == (
        "clientes.xlsx es un PDF, no una hoja de cálculo; exporte la lista desde su programa como Excel o "
        "CSV."
    )
    wizard.button(QWizard.WizardButton.CancelButton).click()
