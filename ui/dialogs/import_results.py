"""The import wizard's last two steps: what will happen (nothing written yet), and what happened.

The preview plans the whole file on the worker and shows the first rows as they will
be stored, each with its problems; the import itself takes a backup first and runs in
one transaction. The report lists every row left out and every warning (a 100,000-row
file can have thousands: they go in a list, the counts stay on top), can be saved as a
workbook, and the import can be undone from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.domain.said import shown
from app.services import importing
from app.services.backups import backup_before
from app.services.importing.report import plan_summary, report_lines
from ui.dialogs.import_step import ImportStep
from ui.messages import show_error, show_info
from ui.models.rows_model import RowsModel
from ui.text import count_text
from ui.widgets.basics import text_label
from ui.window_state import last_folder, remember_folder

PREVIEW_ROWS = 500
LISTED_NOTES = 5_000  # past this the list says how many more: the saved workbook has them all


def _previewed(key: str) -> Callable[[Any], str]:
    return lambda row: row.preview().get(key, "")


def _problems(row: Any) -> str:
    return " ".join(shown(problem) for problem in row.problems)


# (heading, value, starting width in pixels); the last column takes the rest of the width.
# Problems come first: they are what the owner must read before importing.
PREVIEW_COLUMNS = (
    ("Problems", _problems, 230),
    ("Name", _previewed("name"), 160),
    ("Phone", _previewed("phone"), 120),
    ("E-mail", _previewed("email"), 180),
    ("Address", _previewed("address"), 250),
    ("Equipment", _previewed("equipment"), 0),
)


class PreviewPage(ImportStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("This is what will happen"))
        self.summary = text_label()
        self.summary.setObjectName("importSummary")
        self.date_order = QComboBox()
        self.date_order.addItem(self.tr("Dates are month/day/year (US)"), "MDY")
        self.date_order.addItem(self.tr("Dates are day/month/year"), "DMY")
        self.date_order.hide()
        self.date_order.currentIndexChanged.connect(lambda _i: self._plan())
        self.rows = RowsModel(
            [
                ("Row", lambda r: r.excel_row),
                ("What happens", _what_happens),
                *[(heading, value) for heading, value, _ in PREVIEW_COLUMNS],
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.rows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line per row; the whole value is in the tooltip
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((45, 190, *(w for _, _, w in PREVIEW_COLUMNS[:-1]))):
            self.table.setColumnWidth(column, width)
        self.uncertain = QListWidget()
        self.uncertain.setObjectName("uncertainMatches")
        self.uncertain_label = text_label(
            self.tr(
                "These rows may be customers you already have. Tick the ones that are the same customer; "
                "the others are added as new customers."
            )
        )
        self.uncertain.itemChanged.connect(lambda _item: self._decisions_changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.date_order)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.uncertain_label)
        layout.addWidget(self.uncertain, 1)
        self.plan: Any = None
        self.nothing: str | None = None  # why not one row can be imported, when none can

    def initializePage(self) -> None:
        self.state.decisions = {}
        self.date_order.blockSignals(True)
        self.date_order.setCurrentIndex(0)
        self.date_order.blockSignals(False)
        self._plan(first=True)

    def _plan(self, first: bool = False) -> None:
        table, mapping, decisions = self.state.table, self.state.mapping, dict(self.state.decisions)
        order = None if first else self.date_order.currentData()
        self.state.date_order = order
        self.summary.setText(self.tr("Checking every row…"))
        self.state.runner.run(
            self.tr("Checking every row…"),
            lambda p, c: importing.plan_import(
                table, mapping, decisions=decisions, date_order=order, progress=p, cancel=c
            ),
            on_done=self._show_plan,
        )

    def _show_plan(self, plan: Any) -> None:
        rejected = sum(1 for r in plan.rows if r.action == "reject")
        uncertain = [r for r in plan.rows if r.uncertain_match is not None]
        # Not one row fits: said plainly, and there is nothing to import (Next stays off).
        self.nothing = importing.nothing_imported(self.state.info.path.name, plan)
        # Only the rows on screen stay: the import plans again, and a 100,000-row plan held here
        # alongside it would take about 300 MB more.
        plan.rows, plan.groups, plan.row_data = plan.rows[:PREVIEW_ROWS], [], []
        self.plan = plan
        self.state.date_order = plan.date_order
        first = self.tr("The first %1 rows are shown below.").replace("%1", f"{PREVIEW_ROWS:,}")
        lines = [
            *([shown(self.nothing)] if self.nothing else []),
            plan_summary(plan, rejected),
            *([first] if plan.rows_read > PREVIEW_ROWS else []),
            *(shown(warning) for warning in plan.warnings),
        ]
        self.summary.setText("\n".join(lines))
        self.date_order.setVisible(plan.date_order_ambiguous)
        if plan.date_order_ambiguous:
            self.date_order.blockSignals(True)
            self.date_order.setCurrentIndex(max(self.date_order.findData(plan.date_order), 0))
            self.date_order.blockSignals(False)
        self.rows.set_rows(plan.rows)
        self._show_uncertain(uncertain)
        self.completeChanged.emit()

    def _show_uncertain(self, rows: list[Any]) -> None:
        self.uncertain.blockSignals(True)
        self.uncertain.clear()
        for row in rows:
            item = QListWidgetItem(self._uncertain_text(row))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            same = self.state.decisions.get(row.excel_row, False)
            item.setCheckState(Qt.CheckState.Checked if same else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, row.excel_row)
            self.uncertain.addItem(item)
        self.uncertain.blockSignals(False)
        visible = self.uncertain.count() > 0
        self.uncertain.setVisible(visible)
        self.uncertain_label.setVisible(visible)

    def _uncertain_text(self, row: Any) -> str:
        """ "Row 3: Jonathon Smith may be a customer you have, Jonathan Smith (12 Elm St, Dover): why"."""
        match = row.uncertain_match
        who = (
            self.tr("row %1").replace("%1", str(match.excel_row))
            if match.customer_id is None
            else self.tr("a customer you have")
        )
        text = (
            self.tr("Row %1: %2 may be %3, %4")
            .replace("%1", str(row.excel_row))
            .replace("%2", row.preview()["name"])
            .replace("%3", who)
            .replace("%4", match.name)
        )
        text += f" ({match.address})" if match.address else ""
        return f"{text}: {shown(match.reason)}"

    def _decisions_changed(self) -> None:
        for index in range(self.uncertain.count()):
            item = self.uncertain.item(index)
            self.state.decisions[item.data(Qt.ItemDataRole.UserRole)] = (
                item.checkState() == Qt.CheckState.Checked
            )
        self._plan()

    def isComplete(self) -> bool:
        return self.plan is not None and not self.nothing and not self.state.runner.busy

    def validatePage(self) -> bool:
        if self.state.report is not None:
            return True
        if self.nothing:  # not one row to import (QWizard.next() does not ask isComplete)
            return False
        state = self.state
        path, table = state.info.path, state.table
        mapping, decisions, order = state.mapping, dict(state.decisions), state.date_order
        state.runner.run(
            self.tr("Importing %1…").replace("%1", path.name),
            lambda p, c: backed_up_import(path, table, mapping, decisions, order, p, c),
            on_done=self._imported,
        )
        return False

    def _imported(self, report: Any) -> None:
        self.state.report = report
        editor, runner = self.state.editor, self.state.runner
        if editor is not None and report.batch is not None:
            text = self.tr("Import %1").replace("%1", Path(report.file).name)
            batch = report.batch
            self.state.undo_command = editor.record_import(
                text, lambda: undo_import_in_background(runner, batch)
            )
        self.state.next()


def _what_happens(row: Any) -> str:
    if row.action == "reject":
        return shown(row.reason)
    words = {
        "create": QCoreApplication.translate("PreviewPage", "new customer"),
        "update": QCoreApplication.translate("PreviewPage", "adds to an existing customer"),
        "merge_in_file": QCoreApplication.translate("PreviewPage", "same customer as an earlier row"),
        "unchanged": QCoreApplication.translate("PreviewPage", "already there, nothing new"),
    }
    return words.get(row.action, row.action)


def backed_up_import(
    path: Path, table: Any, mapping: dict, decisions: dict, order: Any, progress: Any, cancel: Any
) -> Any:
    """A backup first (an import changes many customers at once), then the import of the rows previewed."""
    backup_before("import")
    return importing.run_import(
        path,
        sheet=table.sheet,
        table=table,
        mapping=mapping,
        decisions=decisions,
        date_order=order,
        progress=progress,
        cancel=cancel,
    )


class ReportPage(ImportStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Imported"))
        self.summary = text_label()
        self.summary.setObjectName("importReport")
        self.notes_label = text_label()
        self.notes = QListWidget()
        self.notes.setObjectName("importNotes")
        self.notes.setWordWrap(True)
        save = QPushButton(self.tr("Save the report as a workbook…"))
        save.clicked.connect(self._save)
        self.undo_button = QPushButton(self.tr("Undo this import"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self._undo)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        report = self.state.report
        self.summary.setText("\n".join(report_lines(report)))
        # Only the lines listed are put in words: a 100,000-row file can have as many.
        not_imported = self.tr("Row %1: not imported: %2")
        lines = [
            not_imported.replace("%1", str(item["row"])).replace("%2", shown(item["reason"]))
            for item in report.rejected[:LISTED_NOTES]
        ]
        lines += [shown(warning) for warning in report.warnings[: LISTED_NOTES - len(lines)]]
        self.notes.clear()
        self.notes.addItems(lines)
        more = len(report.rejected) + len(report.warnings) - len(lines)
        if more > 0:
            self.notes.addItem(
                self.tr("… and %1 more: save the report as a workbook to see them all.").replace(
                    "%1", f"{more:,}"
                )
            )
        self.notes.setVisible(bool(lines))  # nothing listed only when there was nothing to list
        self.notes_label.setText(
            self.tr("Rows not imported and values that need a look:")
            if lines
            else self.tr("Every row was imported as it was.")
        )
        self.undo_button.setEnabled(report.batch is not None)

    def _save(self) -> None:
        report = self.state.report
        default = str(Path(last_folder()) / f"import-report-{Path(report.file).stem}.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), default, "Excel (*.xlsx)")
        if not target:
            return
        remember_folder(str(Path(target).parent))
        try:
            importing.save_report_workbook(report, Path(target))
        except Exception as error:
            show_error(self, error)

    def _undo(self) -> None:
        self.undo_button.setEnabled(False)
        command, editor = self.state.undo_command, self.state.editor
        if command is not None and editor is not None and editor.undo_if_latest(command):
            return  # Edit ▸ Undo did it, so the stack stays in order
        undo_import_in_background(self.state.runner, self.state.report.batch)


def undo_import_in_background(runner: Any, batch: int) -> None:
    """Undo one import as a background job, then say what it did. Captures nothing of the wizard, which
    may be long closed when Edit ▸ Undo gets here."""

    def undone(undo: Any) -> None:
        text = (
            QCoreApplication.translate("ImportUndo", "The import was undone: %1 removed, %2 restored.")
            .replace("%1", count_text(undo.customers_removed, "customer"))
            .replace("%2", count_text(undo.customers_restored, "customer"))
        )
        show_info(
            runner.parent(),
            QCoreApplication.translate("ImportUndo", "Import undone"),
            "\n".join([text, *(shown(warning) for warning in undo.warnings)]),
        )

    runner.run(
        QCoreApplication.translate("ImportUndo", "Undoing the import…"),
        lambda _p, _c: importing.undo_import(batch),
        on_done=undone,
    )
