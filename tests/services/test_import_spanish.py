"""The importer in Spanish: the report, each row's problems, the refusals and the report workbook read in
Spanish when the owner chose Español, and the English (the JSON, the import's record) stays as it was."""

from __future__ import annotations

import ast
import copy
import csv
import json
import pickle
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain import i18n
from app.domain.errors import UserError
from app.domain.said import Said, clause, owners_or_shown, shown
from app.persistence.db import OpenedDatabase
from app.services.importing import TARGET_FIELDS, inspect_file, list_refusal, read_sheet, run_import
from app.services.importing.report import _SUMMARY, report_lines, save_report_workbook
from tests.services import import_fixtures as fx

IMPORTING = Path(__file__).resolve().parents[2] / "app" / "services" / "importing"


def _messy_csv(folder: Path) -> Path:
    """A hand-kept list: a title above the headings, an extension, a bad e-mail, a state and a date that
    are none, the same customer twice, and a total row at the bottom."""
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
        [
            "Kim Lee",
            "410-555-0177",
            "kim at example",
            "3 Oak Ave",
            "Towson",
            "Narnia",
            "21204",
            "",
            "someday",
        ],
        [
            "Ann Smith",
            "(410) 555-0101",
            "ann@example.com",
            "12 Elm St",
            "Towson",
            "MD",
            "21204",
            "R95",
            "3/1/2020",
        ],
        ["", "", "", "", "", "", "", "", ""],
        ["Total", "", "", "", "", "", "", "", ""],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


ENGLISH_REPORT = [
    "customer list.csv, sheet customer list: 4 rows read.",
    "3 customers added, 0 updated, 1 duplicate merged, 3 sites and 3 pieces of equipment added.",
    "0 rows not imported.",
]
ENGLISH_WARNINGS = [
    "Left out 1 row that looks like a total, a page footer or a print date, not a customer (row 9).",
    "The column headings are on row 3; the rows above them were skipped.",
    "Row 5: Phone: extension 12 of (410) 555-0142 was put in the notes.",
    "Row 6: E-mail: “kim at example” is not an e-mail address; the value was put in the notes.",
    "Row 6: State: “Narnia” is not a US state or Canadian province; the value was put in the notes.",
    "Row 6: Installed: “someday” is not a date; the value was put in the notes.",
]


def test_a_messy_list_imported_in_spanish_is_reported_in_spanish(
    db: OpenedDatabase, tmp_path: Path, spanish: None
) -> None:
    report = run_import(_messy_csv(tmp_path))
    assert report_lines(report) == [
        "customer list.csv, hoja customer list: 4 filas leídas.",
        "Clientes agregados: 3; actualizados: 0; duplicados combinados: 1; direcciones agregadas: 3; "
        "equipos agregados: 3.",
        "0 filas no importadas.",
    ]
    # The column headings ("Phone", "State") and the values are the owner's: kept as they are.
    assert [shown(w) for w in report.warnings] == [
        "Se omitió 1 fila que parece un total, un pie de página o una fecha de impresión, no un cliente "
        "(fila 9).",
        "Los encabezados de las columnas están en la fila 3; se omitieron las filas de arriba.",
        "Fila 5: Phone: la extensión 12 de (410) 555-0142 se guardó en las notas.",
        "Fila 6: E-mail: “kim at example” no es una dirección de correo electrónico; el valor se guardó en "
        "las notas.",
        "Fila 6: State: “Narnia” no es un estado de EE. UU. ni una provincia de Canadá; el valor se guardó "
        "en las notas.",
        "Fila 6: Installed: “someday” no es una fecha; el valor se guardó en las notas.",
    ]
    # What is kept stays English: the JSON of `import --json` and the import's record.
    assert json.loads(json.dumps(report.as_json_dict()))["warnings"] == ENGLISH_WARNINGS


def test_the_report_workbook_is_written_in_spanish(db: OpenedDatabase, tmp_path: Path, spanish: None) -> None:
    rows = [["Name", "Phone", "Installed"], ["Ann Smith", "410-555-0101", "someday"], ["", "not a phone", ""]]
    report = run_import(fx.write_xlsx(tmp_path / "list.xlsx", rows))
    out = tmp_path / "informe.xlsx"
    save_report_workbook(report, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Resumen", "Filas rechazadas", "Avisos"]
    summary = {row[0]: row[1] for row in workbook["Resumen"].iter_rows(values_only=True)}
    assert summary["Clientes creados"] == 1 and summary["Archivo"] == "list.xlsx"
    assert summary["Número de importación (para deshacer)"] == report.batch
    rejected = list(workbook["Filas rechazadas"].iter_rows(values_only=True))
    assert rejected == [
        ("Fila", "Motivo"),
        (3, "La fila no tiene nombre, teléfono, correo electrónico ni dirección."),
    ]
    warnings = [row[0] for row in workbook["Avisos"].iter_rows(values_only=True)]
    assert warnings == [
        "Aviso",
        "Fila 2: Installed: “someday” no es una fecha; el valor se guardó en las notas.",
    ]


def test_the_report_and_its_workbook_stay_english_in_english(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(_messy_csv(tmp_path))
    assert report_lines(report) == ENGLISH_REPORT
    assert [shown(w) for w in report.warnings] == ENGLISH_WARNINGS
    out = tmp_path / "report.xlsx"
    save_report_workbook(report, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Summary", "Rejected rows", "Warnings"]
    assert [row[0] for row in workbook["Warnings"].iter_rows(values_only=True)] == [
        "Warning",
        *ENGLISH_WARNINGS,
    ]


def test_a_rejected_row_and_a_file_nothing_fits_are_said_in_spanish(
    db: OpenedDatabase, tmp_path: Path, spanish: None
) -> None:
    rows = [["Name", "Phone", "Model"], ["", "not a phone", ""], ["", "", ""], ["", "nope", ""]]
    path = fx.write_xlsx(tmp_path / "nadie.xlsx", [*rows, ["Ann", "", ""]])
    report = run_import(path, mapping={0: "full_name", 1: "phone", 2: "model"}, dry_run=True)
    assert [shown(item["reason"]) for item in report.rejected] == [
        "La fila no tiene nombre, teléfono, correo electrónico ni dirección.",
        "La fila no tiene nombre, teléfono, correo electrónico ni dirección.",
    ]
    nobody = fx.write_xlsx(tmp_path / "vacia.xlsx", [["Name", "Phone", "Notes"], ["", "nope", "x"]])
    with pytest.raises(UserError) as refused:
        run_import(nobody, mapping={0: "full_name", 1: "phone", 2: "notes"})
    assert shown(refused.value.message) == (
        "No se importó nada: no se pudo usar la única fila de vacia.xlsx (1 fila: la fila no tiene nombre, "
        "teléfono, correo electrónico ni dirección); revise que sea su lista de clientes, con los "
        "encabezados de las columnas en la primera fila."
    )
    assert refused.value.message.startswith(
        "Nothing was imported: the only row of vacia.xlsx could not be used"
    )


def test_a_sheet_that_is_no_customer_list_is_refused_in_spanish(
    db: OpenedDatabase, tmp_path: Path, spanish: None
) -> None:
    rows = [["Item", "Price", "Qty"], *[[f"Widget {n}", 9.5, n] for n in range(12)]]
    path = fx.write_xlsx(tmp_path / "precios.xlsx", rows)
    refusal = list_refusal(read_sheet(path), path.name)
    assert refusal is not None
    assert shown(refusal.reason) == (
        "El archivo precios.xlsx no tiene una columna de nombres (como Nombre, Cliente, Nombre de pila, "
        "Apellido o Empresa), así que no parece una lista de clientes"
    )
    assert shown(refusal.sentence()).startswith("No se importó nada: el archivo precios.xlsx no tiene")
    assert shown(refusal.sentence()).endswith("elija qué tiene cada columna.")
    assert refusal.sentence().startswith("Nothing was imported: the file precios.xlsx has no column of names")


def test_a_file_that_cannot_be_read_is_said_in_spanish(tmp_path: Path, spanish: None) -> None:
    pdf = tmp_path / "clientes.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(UserError) as refused:
        inspect_file(pdf)
    assert shown(refused.value.message) == (
        "clientes.xlsx es un PDF, no una hoja de cálculo; exporte la lista desde su programa como Excel o "
        "CSV."
    )
    assert str(refused.value) == (
        "clientes.xlsx is a PDF, not a spreadsheet; export the list from your program as Excel or CSV."
    )


def test_what_a_column_can_be_imported_as_reads_in_spanish(spanish: None) -> None:
    labels = dict(TARGET_FIELDS)
    assert shown(labels["full_name"]) == "Nombre (completo)"
    assert shown(labels["phone"]) == "Teléfono"
    assert shown(labels["full_address"]) == "Dirección de servicio (completa)"
    assert shown(labels["postal_code"]) == "Código postal"
    assert shown(labels["bill_to_3"]) == "Facturar a, línea 3"
    assert shown(labels["ignore"]) == "Ignorar"


def test_a_said_is_its_english_everywhere_it_is_kept() -> None:
    said = Said("Row {row}: {problem}", row=7, problem=Said("“{value}” is not a date", value="soon"))
    assert said == "Row 7: “soon” is not a date" and isinstance(said, str)
    assert copy.deepcopy(said) is said
    again = pickle.loads(pickle.dumps(clause(said)))
    assert again == "row 7: “soon” is not a date" and isinstance(again, Said)
    listed = Said("columns ({named})", named=("“A”", Said("Service address")))
    assert listed == "columns (“A”, Service address)"


def _said_messages() -> set[str]:
    """Every message the importer writes with `Said("…")` or `t("…")` (both branches of a conditional)."""
    found: set[str] = set()
    for path in IMPORTING.glob("*.py"):
        if path.name in ("exported.py", "restoring.py", "said.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            if node.func.id not in ("Said", "t"):
                continue
            first = node.args[0]
            for choice in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if isinstance(choice, ast.Constant) and isinstance(choice.value, str):
                    found.add(choice.value)
    return found


def test_every_message_of_the_importer_has_its_spanish(spanish: None) -> None:
    import re

    labels = {label.message if isinstance(label, Said) else label for _, label in TARGET_FIELDS}
    messages = _said_messages() | labels | {label for label, _ in _SUMMARY}
    assert len(messages) > 150
    # A message of fields and marks only ("“{text}”", "{header}: {problem}") reads the same in Spanish.
    worded = {m for m in messages if re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", m))}
    missing = sorted(m for m in worded if not i18n.knows(m))
    assert missing == []


def test_a_column_without_a_heading_is_named_in_spanish_and_a_heading_stays_as_written(
    tmp_path: Path, spanish: None
) -> None:
    path = fx.write_xlsx(tmp_path / "l.xlsx", [["Name", "Phone", None], ["Ann Smith", "410-555-0101", "x"]])
    headers = read_sheet(path).headers
    assert headers == ["Name", "Phone", "Column C"]
    assert [owners_or_shown(h) for h in headers] == ["Name", "Phone", "Columna C"]


def test_a_possible_duplicate_kept_apart_is_said_in_spanish(
    db: OpenedDatabase, tmp_path: Path, spanish: None
) -> None:
    header = ["Name", "Phone", "Email", "Street", "City", "State", "Zip", "Equipment"]
    saved = [header, ["Jonathan Smith", "410-555-0121", "", "12 Elm St", "Dover", "DE", "19901", ""]]
    run_import(fx.write_xlsx(tmp_path / "saved.xlsx", saved))
    alike = [
        header,
        ["Jonathon Smith", "", "", "12 Elm Street", "Dover", "DE", "19901", "Boiler"],
        ["Mary Poe", "410-555-0121", "", "", "", "", "", ""],
    ]
    report = run_import(fx.write_xlsx(tmp_path / "new.xlsx", alike), dry_run=True)
    assert [shown(w) for w in report.warnings] == [
        "La fila 2 puede ser el cliente “Jonathan Smith”: un nombre parecido (93% igual) en una dirección "
        "parecida (100% igual); se mantuvieron separados.",
        "La fila 3 puede ser el cliente “Smith, Jonathan”: el mismo teléfono (410) 555-0121, pero otro "
        "nombre; se mantuvieron separados.",
    ]
    assert report.warnings[1] == (
        "Row 3 may be the same as customer “Smith, Jonathan”: the phone (410) 555-0121 but another name; "
        "kept apart."
    )


def test_what_the_importer_writes_into_a_record_is_in_the_owners_language(
    db: OpenedDatabase, tmp_path: Path, spanish: None
) -> None:
    """The notes it adds and the site it names are the owner's record from then on: written in Spanish."""
    headings = ["Name", "Phone", "Other Phone", "Mobile", "Street", "City", "Zip", "Billing Street",
                "Billing City", "Billing Zip", "Installed", "Warranty Until"]  # fmt: skip
    row = ["Ann Lee", "410-555-0101 x12", "410-555-0102", "443-555-0103", "1 Elm St", "Dover", "19901",
           "PO Box 7", "Dover", "19903", "5/1/2015", "6/30/2011"]  # fmt: skip
    run_import(fx.write_xlsx(tmp_path / "list.xlsx", [headings, row]))
    (notes,) = db.database.execute_sql("SELECT notes FROM customer").fetchone()
    assert notes.splitlines() == [
        "Extensión 12 de (410) 555-0101",
        "Garantía hasta: 06/30/2011",
        "Otro teléfono: (410) 555-0102",
    ]
    labels = [label for (label,) in db.database.execute_sql("SELECT label FROM site ORDER BY id")]
    assert labels[1:] == ["Facturación"]


def test_rows_left_out_as_totals_are_counted_in_words(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [["Name", "Phone"], ["Ann Smith", "410-555-0101"], ["Total", ""], ["Grand total", ""]]
    report = run_import(fx.write_csv(tmp_path / "list.csv", rows))
    assert (
        "Left out 2 rows that look like totals, page footers or print dates, not customers (rows 3, 4)."
        in report.warnings
    )
