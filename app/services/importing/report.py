"""What an import did (the CLI's `import --json` keys), what an undo did, and the report workbook."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from app.infra.workbooks import bold_cell, safe_cell, save_atomically

if TYPE_CHECKING:
    from app.services.importing.planning import ImportPlan

MAX_WARNINGS = 1000  # beyond this the list is summed up in one line (the workbook has them all)
SUMMED_REASONS = 2  # a refusal names the commonest reasons only: 9,998 "row N" lines told nobody anything


def nothing_imported(file_name: str, plan: ImportPlan) -> str | None:
    """One sentence when not one row of the file can be imported (every row refused), else None.

    Such an import is no success with a long list of rejections: it is a file that cannot be used.
    """
    if plan.customers_created or plan.customers_updated or plan.customers_unchanged:
        return None
    reasons = Counter(_reason_words(row.reason) for row in plan.rows if row.action == "reject")
    if not reasons:
        return None
    common = reasons.most_common(SUMMED_REASONS)
    summary = "; ".join(f"{count:,} {'row' if count == 1 else 'rows'}: {reason}" for reason, count in common)
    if len(reasons) > SUMMED_REASONS:
        others = sum(reasons.values()) - sum(count for _, count in common)
        summary += f"; {others:,} for other reasons"
    rows = (
        f"the only row of {file_name} could not be used"
        if plan.rows_read == 1
        else f"none of the {plan.rows_read:,} rows of {file_name} could be used"
    )
    return (
        f"Nothing was imported: {rows} ({summary}); check that it is your customer list, with the column "
        "headings in its first row."
    )


def _reason_words(reason: str) -> str:
    """ "The row has no name (first, last or company)." → "the row has no name (first, last or company)"."""
    words = (reason or "the row could not be imported").split("; ")[0].rstrip(". ")
    return words[:1].lower() + words[1:]


@dataclass
class ImportReport:
    file: str
    sheet: str
    rows_read: int = 0
    customers_created: int = 0
    customers_updated: int = 0
    duplicates_merged: int = 0
    sites_created: int = 0
    equipment_created: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)  # {"row": EXCEL_ROW, "reason": TEXT}
    warnings: list[str] = field(default_factory=list)
    batch: int | None = None
    # More than the contract asks for; JSON carries these too.
    customers_unchanged: int = 0
    visits_created: int = 0
    sales_created: int = 0  # opening-balance sales from a "Total Sales" / "Lifetime value" column
    sales_total: str = "0.00"  # their sum, money as a decimal string
    uncertain_matches: int = 0
    date_order: str | None = None
    dry_run: bool = False

    def as_json_dict(self) -> dict[str, Any]:
        values = asdict(self)
        if len(self.warnings) > MAX_WARNINGS:
            values["warnings"] = [
                *self.warnings[:MAX_WARNINGS],
                f"… and {len(self.warnings) - MAX_WARNINGS:,} more warnings.",
            ]
        return values


@dataclass(frozen=True)
class UndoReport:
    batch: int
    customers_removed: int
    sites_removed: int
    equipment_removed: int
    visits_removed: int
    customers_restored: int
    warnings: list[str]

    def as_json_dict(self) -> dict[str, Any]:
        return asdict(self)


_SUMMARY = [
    ("File", "file"),
    ("Sheet", "sheet"),
    ("Rows read", "rows_read"),
    ("Customers created", "customers_created"),
    ("Customers updated", "customers_updated"),
    ("Customers already up to date", "customers_unchanged"),
    ("Rows merged into another customer", "duplicates_merged"),
    ("Sites created", "sites_created"),
    ("Equipment created", "equipment_created"),
    ("Visits created", "visits_created"),
    ("Possible duplicates kept apart", "uncertain_matches"),
    ("Day/month order of dates", "date_order"),
    ("Import number (for undo)", "batch"),
]


def save_report_workbook(report: ImportReport, path: Path) -> None:
    """A summary sheet, the rejected rows with their reasons, and the warnings; written then renamed."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = workbook.create_sheet("Summary")
    for label, key in _SUMMARY:
        value = getattr(report, key)
        summary.append([bold_cell(summary, label, bold), "" if value is None else value])
    summary.append([bold_cell(summary, "Rows rejected", bold), len(report.rejected)])
    rejected = workbook.create_sheet("Rejected rows")
    rejected.append([bold_cell(rejected, "Row", bold), bold_cell(rejected, "Reason", bold)])
    for item in report.rejected:
        rejected.append([item["row"], safe_cell(rejected, item["reason"])])
    warnings = workbook.create_sheet("Warnings")
    warnings.append([bold_cell(warnings, "Warning", bold)])
    for warning in report.warnings:
        warnings.append([safe_cell(warnings, warning)])
    save_atomically(workbook, path)
