"""The whole-database export keeps its sheet and column names whatever the owner's language (they are
the format a restore reads), so an export written in Spanish and one written in English restore alike;
what the restore reports, table by table, reads in the owner's language."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from app.domain import i18n
from app.domain.said import shown
from app.persistence.db import close_database, open_database
from app.services.demo import build_demo
from app.services.exporting import export_database
from app.services.importing import exported, run_import
from app.services.importing.restoring import RestoreReport
from app.services.language import apply_language
from tests.conftest import TEST_NOW


def _headings(path: Path) -> dict[str, list[object]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {sheet.title: next(sheet.iter_rows(max_row=1, values_only=True)) for sheet in workbook}
    finally:
        workbook.close()


def _dry_run(export: Path, folder: Path) -> RestoreReport:
    open_database(folder / "empty.sqlite3")
    try:
        report = run_import(export, dry_run=True)
    finally:
        close_database()
    assert isinstance(report, RestoreReport)
    return report


def test_an_export_written_in_spanish_is_the_same_format_and_restores_with_a_spanish_report(
    db, tmp_path: Path
) -> None:
    build_demo(customers=12, seed=5, today=TEST_NOW.date())
    english = export_database(tmp_path / "english.xlsx").path
    apply_language("es")
    spanish = export_database(tmp_path / "spanish.xlsx").path
    assert _headings(spanish) == _headings(english)
    assert {"customer", "site", "equipment", "campaign_recipient"} <= set(_headings(spanish))
    assert _headings(spanish)["customer"][:3] == ("id", "kind", "first_name")
    # Importing only its customers: the note on the joined sheet reads in Spanish, its headings are the
    # export's own (the importer knows them by those).
    joined = exported.joined_table(spanish)
    assert joined.headers == exported.HEADERS
    assert [shown(note) for note in joined.warnings] == [
        "Esta es una exportación de Customers for Life: se unieron sus clientes, direcciones y equipos."
    ]

    (tmp_path / "es").mkdir()
    report = _dry_run(spanish, tmp_path / "es")
    assert "se restaurarían 12 clientes" in report.lines()
    assert "12 clientes" in report.counts()
    lines = " ".join(report.lines())
    for english_word in ("would restore", "customers", "sites", "visits"):
        assert english_word not in lines

    apply_language(i18n.DEFAULT_LANGUAGE)
    (tmp_path / "en").mkdir()
    in_english = _dry_run(english, tmp_path / "en")
    assert "would restore 12 customers" in in_english.lines()
    assert in_english.restored == report.restored  # the same rows, whichever language wrote the file


def test_the_report_counts_one_row_and_many_in_spanish() -> None:
    apply_language("es")
    restored = RestoreReport(
        "export.xlsx", "every sheet", restored={"campaign": 1, "opportunity": 2, "setting": 0}
    )
    assert restored.lines() == ["se restauró 1 campaña", "se restauraron 2 oportunidades"]
    planned = RestoreReport("export.xlsx", "every sheet", restored={"equipment": 1, "touch": 3}, dry_run=True)
    assert planned.lines() == ["se restauraría 1 equipo", "se restaurarían 3 contactos"]
    apply_language(i18n.DEFAULT_LANGUAGE)
    assert restored.lines() == ["restored 1 campaign", "restored 2 opportunities"]
    assert planned.lines() == ["would restore 1 piece of equipment", "would restore 3 contacts"]
