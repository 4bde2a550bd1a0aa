"""File ▸ Import: pick a file and a sheet, check the columns, see what will happen, import, read the report.

Reading, planning and importing run through the TaskRunner (a progress bar and a
Cancel that leaves the database as it was); the wizard waits on each step's result
before it moves on. Nothing is written before the last page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import UserError
from app.services import importing
from app.services.backups import backup_before
from ui.messages import show_error, show_info
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.window_state import last_folder, remember_folder

PREVIEW_ROWS = 500
SAMPLE_VALUES = 3
IMPORT_CHANGES = {"customer", "site", "equipment", "visit", "segment"}
FILE_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.txt);;All files (*)"
ACTION_WORDS = {
    "create": "new customer",
    "update": "adds to an existing customer",
    "merge_in_file": "same customer as an earlier row",
    "unchanged": "already there, nothing new",
    "reject": "not imported",
}


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("pageError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _Page(QWizardPage):
    @property
    def state(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]


class FilePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Which file holds your customers?"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx, .xls) or a CSV file, as exported from QuickBooks, Jobber, "
                "Housecall Pro, ServiceTitan or kept by hand. Nothing is changed until the last step."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.error = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path.textChanged.connect(lambda _t: (self.error.clear(), self.completeChanged.emit()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import customers"), last_folder(), self.tr(FILE_FILTER)
        )
        if path:
            remember_folder(str(Path(path).parent))
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        try:
            self.state.info = importing.inspect_file(Path(self.path.text().strip()))
        except UserError as error:
            self.error.setText(error.message)
            return False
        except OSError as error:
            self.error.setText(self.tr("The file could not be read: %1.").replace("%1", error.strerror or ""))
            return False
        return True


class SheetPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Which sheet?"))
        self.sheets = QComboBox()
        self.sheets.setObjectName("importSheet")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        info = self.state.info
        self.sheets.clear()
        for sheet in info.sheets:
            marks = [self.tr("hidden")] if sheet.hidden else []
            if not sheet.has_data:
                marks.append(self.tr("empty"))
            self.sheets.addItem(sheet.name + (f" ({', '.join(marks)})" if marks else ""), sheet.name)
        self.sheets.setCurrentIndex(max(self.sheets.findData(info.default_sheet), 0))
        self.note.setText(info.note)
        self.error.clear()

    def validatePage(self) -> bool:
        sheet = self.sheets.currentData()
        table = self.state.table
        if table is not None and table.sheet == sheet:
            return True
        path = self.state.info.path
        self.state.runner.run(
            self.tr("Reading %1…").replace("%1", path.name),
            lambda _p, _c: importing.read_sheet(path, sheet),
            on_done=self._read,
            on_failed=lambda error: self.error.setText(error.message),
        )
        return False

    def _read(self, table: Any) -> None:
        self.state.table = table
        self.state.next()


class MappingPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("What is in each column?"))
        self.setSubTitle(
            self.tr(
                "The columns were matched by their headings. Change any that are wrong; the choice is "
                "remembered for the next file with the same headings."
            )
        )
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_holder)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warnings)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        table = self.state.table
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = []
        mapping = importing.guess_mapping(table.headers)
        for column, title in enumerate((self.tr("Column"), self.tr("Examples"), self.tr("Import as"))):
            heading = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(heading, 0, column)
        for index, header in enumerate(table.headers):
            samples = [
                str(v) for _, values in table.rows[:50] if index < len(values) and (v := values[index])
            ]
            self.grid.addWidget(_plain(header or self.tr("(no heading)")), index + 1, 0)
            self.grid.addWidget(_plain(" · ".join(samples[:SAMPLE_VALUES])), index + 1, 1)
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{index}")
            for key, label in importing.TARGET_FIELDS:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(mapping.get(index, "ignore")), 0))
            self.grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
        notes = [f"Headings found on row {table.header_row}.", *table.warnings]
        self.warnings.setText("\n".join(notes))

    def validatePage(self) -> bool:
        self.state.mapping = {
            index: combo.currentData()
            for index, combo in enumerate(self.combos)
            if combo.currentData() != "ignore"
        }
        return True


class PreviewPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("This is what will happen"))
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.date_order = QComboBox()
        self.date_order.addItem(self.tr("Dates are month/day/year (US)"), "MDY")
        self.date_order.addItem(self.tr("Dates are day/month/year"), "DMY")
        self.date_order.hide()
        self.date_order.currentIndexChanged.connect(lambda _i: self._plan())
        self.rows = RowsModel(
            [
                ("Row", lambda r: r.excel_row),
                (
                    "What happens",
                    lambda r: r.reason if r.action == "reject" else ACTION_WORDS.get(r.action, r.action),
                ),
                *[
                    (label, lambda r, k=key: r.preview().get(k, ""))
                    for key, label in (
                        ("name", "Name"),
                        ("phone", "Phone"),
                        ("email", "E-mail"),
                        ("address", "Address"),
                        ("equipment", "Equipment"),
                        ("problems", "Problems"),
                    )
                ],
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.rows)
        self.table.verticalHeader().hide()
        self.uncertain = QListWidget()
        self.uncertain.setObjectName("uncertainMatches")
        self.uncertain_label = QLabel(
            self.tr(
                "These rows may be customers you already have. Tick the ones that are the same customer; "
                "the others are added as new customers."
            )
        )
        self.uncertain_label.setWordWrap(True)
        self.uncertain.itemChanged.connect(lambda _item: self._decisions_changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.date_order)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.uncertain_label)
        layout.addWidget(self.uncertain, 1)
        self.plan: Any = None

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
        self.plan = plan
        self.state.date_order = plan.date_order
        parts = [
            count_text(plan.rows_read, "row") + " read",
            count_text(plan.customers_created, "new customer"),
            count_text(plan.customers_updated, "existing customer") + " updated",
            count_text(plan.duplicates_merged, "duplicate row") + " merged",
            count_text(plan.sites_created, "site"),
            count_text(plan.equipment_created, "piece of equipment", "pieces of equipment"),
            count_text(sum(1 for r in plan.rows if r.action == "reject"), "row") + " not imported",
        ]
        self.summary.setText(", ".join(parts) + ".\n" + "\n".join(plan.warnings))
        self.date_order.setVisible(plan.date_order_ambiguous)
        if plan.date_order_ambiguous:
            self.date_order.blockSignals(True)
            self.date_order.setCurrentIndex(max(self.date_order.findData(plan.date_order), 0))
            self.date_order.blockSignals(False)
        self.rows.set_rows(plan.rows[:PREVIEW_ROWS])
        self._show_uncertain(plan)
        self.completeChanged.emit()

    def _show_uncertain(self, plan: Any) -> None:
        self.uncertain.blockSignals(True)
        self.uncertain.clear()
        for row in plan.rows:
            match = row.uncertain_match
            if match is None:
                continue
            who = f"row {match.excel_row}" if match.customer_id is None else "a customer you have"
            text = f"Row {row.excel_row}: {row.preview()['name']} may be {who}, {match.name}"
            text += f" ({match.address})" if match.address else ""
            item = QListWidgetItem(f"{text}: {match.reason}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            same = self.state.decisions.get(row.excel_row, False)
            item.setCheckState(Qt.CheckState.Checked if same else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, row.excel_row)
            self.uncertain.addItem(item)
        self.uncertain.blockSignals(False)
        visible = self.uncertain.count() > 0
        self.uncertain.setVisible(visible)
        self.uncertain_label.setVisible(visible)

    def _decisions_changed(self) -> None:
        for index in range(self.uncertain.count()):
            item = self.uncertain.item(index)
            self.state.decisions[item.data(Qt.ItemDataRole.UserRole)] = (
                item.checkState() == Qt.CheckState.Checked
            )
        self._plan()

    def isComplete(self) -> bool:
        return self.plan is not None and not self.state.runner.busy

    def validatePage(self) -> bool:
        if self.state.report is not None:
            return True
        state = self.state
        path, sheet = state.info.path, state.table.sheet
        mapping, decisions, order = state.mapping, dict(state.decisions), state.date_order
        state.runner.run(
            self.tr("Importing %1…").replace("%1", path.name),
            lambda p, c: importing.run_import(
                path,
                sheet=sheet,
                mapping=mapping,
                decisions=decisions,
                date_order=order,
                progress=p,
                cancel=c,
            ),
            changes=IMPORT_CHANGES,
            on_done=self._imported,
        )
        return False

    def _imported(self, report: Any) -> None:
        self.state.report = report
        self.state.next()


class ReportPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Imported"))
        self.summary = QLabel()
        self.summary.setObjectName("importReport")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.rejected = QListWidget()
        self.rejected.setObjectName("rejectedRows")
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
        layout.addWidget(QLabel(self.tr("Rows not imported, and why:")))
        layout.addWidget(self.rejected, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        report = self.state.report
        self.summary.setText(report_text(report))
        self.rejected.clear()
        for item in report.rejected:
            self.rejected.addItem(f"Row {item['row']}: {item['reason']}")
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
        batch = self.state.report.batch
        self.state.runner.run(
            self.tr("Undoing the import…"),
            lambda _p, _c: importing.undo_import(batch),
            changes=IMPORT_CHANGES,
            on_done=self._undone,
        )

    def _undone(self, undo: Any) -> None:
        self.undo_button.setEnabled(False)
        text = (
            self.tr("The import was undone: %1 removed, %2 restored.")
            .replace("%1", count_text(undo.customers_removed, "customer"))
            .replace("%2", count_text(undo.customers_restored, "customer"))
        )
        show_info(self, self.tr("Import undone"), "\n".join([text, *undo.warnings]))


def _backed_up_import(
    path: Path, sheet: str, mapping: dict, decisions: dict, order: Any, progress: Any, cancel: Any
) -> Any:
    """A backup first (an import changes many customers at once), then the import itself."""
    backup_before("import")
    return importing.run_import(
        path,
        sheet=sheet,
        mapping=mapping,
        decisions=decisions,
        date_order=order,
        progress=progress,
        cancel=cancel,
    )


def report_text(report: Any) -> str:
    equipment = count_text(report.equipment_created, "piece of equipment", "pieces of equipment")
    lines = [
        f"{report.file}, sheet {report.sheet}: {count_text(report.rows_read, 'row')} read.",
        f"{count_text(report.customers_created, 'customer')} added, {report.customers_updated:,} updated, "
        f"{count_text(report.duplicates_merged, 'duplicate')} merged, "
        f"{count_text(report.sites_created, 'site')} and {equipment} added.",
        f"{count_text(len(report.rejected), 'row')} not imported.",
    ]
    return "\n".join(lines + list(report.warnings))


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ImportWizard(QWizard):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None, path: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import customers"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.runner = runner
        self.info: Any = None
        self.table: Any = None
        self.mapping: dict[int, str] = {}
        self.decisions: dict[int, bool] = {}
        self.date_order: str | None = None
        self.report: Any = None
        self.file_page, self.sheet_page = FilePage(), SheetPage()
        self.mapping_page, self.preview_page, self.report_page = MappingPage(), PreviewPage(), ReportPage()
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.preview_page, self.report_page):
            self.addPage(page)
        self.file_page.path.setText(path)
        self.resize(980, 680)
        runner.job_ended.connect(lambda *_: self.preview_page.completeChanged.emit())
