"""What an import did (the CLI's `import --json` keys), what an undo did, and the report workbook."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font

from app.domain.i18n import t
from app.domain.said import Said, clause, shown
from app.domain.wording import count_text
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
    summary: list[Said] = [
        Said(
            "{count:,} row: {reason}" if count == 1 else "{count:,} rows: {reason}",
            count=count,
            reason=reason,
        )
        for reason, count in common
    ]
    if len(reasons) > SUMMED_REASONS:
        others = sum(reasons.values()) - sum(count for _, count in common)
        summary.append(Said("{count:,} for other reasons", count=others))
    rows = (
        Said("the only row of {file} could not be used", file=file_name)
        if plan.rows_read == 1
        else Said("none of the {count:,} rows of {file} could be used", count=plan.rows_read, file=file_name)
    )
    return Said(
        "Nothing was imported: {rows} ({summary}); check that it is your customer list, with the column "
        "headings in its first row.",
        rows=rows,
        summary=_joined(summary, "; "),
    )


def _joined(parts: list[Said], between: str) -> Said:
    """Clauses one after the other, each in the owner's language when shown."""
    names = [f"part{n}" for n in range(len(parts))]
    return Said(between.join(f"{{{name}}}" for name in names), **dict(zip(names, parts, strict=True)))


def _reason_words(reason: str) -> str:
    """ "The row has no name (first, last or company)." → "the row has no name (first, last or company)":
    the reason's first clause, its first letter small (in the owner's language too, when it is a Said)."""
    return clause(reason or Said("The row could not be imported."), first_only=True)


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
    """A summary sheet, the rejected rows with their reasons, and the warnings, in the owner's language;
    written then renamed."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = workbook.create_sheet(t("Summary"))
    for label, key in _SUMMARY:
        value = getattr(report, key)
        summary.append([bold_cell(summary, t(label), bold), "" if value is None else value])
    summary.append([bold_cell(summary, t("Rows rejected"), bold), len(report.rejected)])
    rejected = workbook.create_sheet(t("Rejected rows"))
    rejected.append([bold_cell(rejected, t("Row"), bold), bold_cell(rejected, t("Reason"), bold)])
    for item in report.rejected:
        rejected.append([item["row"], safe_cell(rejected, shown(item["reason"]))])
    warnings = workbook.create_sheet(t("Warnings"))
    warnings.append([bold_cell(warnings, t("Warning"), bold)])
    for warning in report.warnings:
        warnings.append([safe_cell(warnings, shown(warning))])
    save_atomically(workbook, path)


def report_lines(report: ImportReport) -> list[str]:
    """What an import did, in three lines in the owner's language (the wizard's last step)."""
    read = report.rows_read
    rejected = len(report.rejected)
    return [
        shown(
            Said(
                "{file}, sheet {sheet}: {count:,} row read."
                if read == 1
                else "{file}, sheet {sheet}: {count:,} rows read.",
                file=report.file,
                sheet=report.sheet,
                count=read,
            )
        ),
        shown(
            Said(
                "{customers} added, {updated:,} updated, {duplicates} merged, {sites} and {equipment} added.",
                customers=count_text(report.customers_created, "customer"),
                created=report.customers_created,
                updated=report.customers_updated,
                duplicates=count_text(report.duplicates_merged, "duplicate"),
                merged=report.duplicates_merged,
                sites=count_text(report.sites_created, "site"),
                site_count=report.sites_created,
                equipment=count_text(report.equipment_created, "piece of equipment", "pieces of equipment"),
                equipment_count=report.equipment_created,
            )
        ),
        shown(
            Said(
                "{count:,} row not imported." if rejected == 1 else "{count:,} rows not imported.",
                count=rejected,
            )
        ),
    ]


def plan_summary(plan: ImportPlan, rejected: int) -> str:
    """What the import will do, in one sentence in the owner's language (the wizard's preview)."""
    return shown(
        Said(
            "{read}, {created}, {updated}, {merged}, {sites}, {equipment}, {rejected}.",
            read=count_text(plan.rows_read, "row") + " read",
            rows_read=plan.rows_read,
            created=count_text(plan.customers_created, "new customer"),
            customers_created=plan.customers_created,
            updated=count_text(plan.customers_updated, "existing customer") + " updated",
            customers_updated=plan.customers_updated,
            merged=count_text(plan.duplicates_merged, "duplicate row") + " merged",
            duplicates_merged=plan.duplicates_merged,
            sites=count_text(plan.sites_created, "site"),
            sites_created=plan.sites_created,
            equipment=count_text(plan.equipment_created, "piece of equipment", "pieces of equipment"),
            equipment_created=plan.equipment_created,
            rejected=count_text(rejected, "row") + " not imported",
            rows_rejected=rejected,
        )
    )
