"""Importing customer lists from spreadsheets (see engine.py for the use cases)."""

from app.services.importing.engine import (
    FileInfo,
    guess_mapping,
    header_signature,
    inspect_file,
    list_refusal,
    read_sheet,
    remembered_mapping,
    run_import,
    suggest_mapping,
    undo_import,
)
from app.services.importing.fields import TARGET_FIELDS
from app.services.importing.headers import SheetTable
from app.services.importing.list_check import NotAList
from app.services.importing.matching import UncertainMatch
from app.services.importing.planning import ImportPlan, PlannedRow, plan_import
from app.services.importing.reading import SheetInfo
from app.services.importing.report import ImportReport, UndoReport, nothing_imported, save_report_workbook

__all__ = [
    "TARGET_FIELDS",
    "FileInfo",
    "ImportPlan",
    "ImportReport",
    "NotAList",
    "PlannedRow",
    "SheetInfo",
    "SheetTable",
    "UncertainMatch",
    "UndoReport",
    "guess_mapping",
    "header_signature",
    "inspect_file",
    "list_refusal",
    "nothing_imported",
    "plan_import",
    "read_sheet",
    "remembered_mapping",
    "run_import",
    "save_report_workbook",
    "suggest_mapping",
    "undo_import",
]
