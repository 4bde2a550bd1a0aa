"""File ▸ Import: pick a file and a sheet, check the columns, see what will happen, import, read the report.

Reading, planning and importing run through the TaskRunner (a progress bar and a
Cancel that leaves the database as it was); the wizard waits on each step's result
before it moves on. Nothing is written before the last page. A sheet that does not
look like a customer list is said so on the mapping step, which goes on only once the
owner has chosen the columns by hand (or ticked that these are their customers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.domain.errors import UserError
from app.domain.said import owners_or_shown, shown
from app.services import importing
from ui.dialogs.import_restore import add_restore_pages, is_restore, restore_next_id
from ui.dialogs.import_results import PreviewPage, ReportPage
from ui.dialogs.import_step import ImportStep, error_label
from ui.editing import Editor
from ui.tasks import TaskRunner
from ui.widgets.basics import fit_to_screen, text_label
from ui.window_state import last_folder, remember_folder

SAMPLE_VALUES = 3


class FilePage(ImportStep):
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
        self.error = error_label()
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
            self,
            self.tr("Import customers"),
            last_folder(),
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.txt);;All files (*)"),
        )
        if path:
            remember_folder(str(Path(path).parent))
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        try:
            self.state.info = importing.inspect_file(Path(self.path.text().strip()))
            self.state.restores_everything = is_restore(self.state.info)  # our export: the restore's path
        except UserError as error:
            self.error.setText(shown(error.message))
            return False
        except OSError as error:
            self.error.setText(self.tr("The file could not be read: %1.").replace("%1", error.strerror or ""))
            return False
        return True


class SheetPage(ImportStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Which sheet?"))
        self.sheets = QComboBox()
        self.sheets.setObjectName("importSheet")
        self.note = text_label()
        self.error = error_label()
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
        self.setSubTitle(_file_description(info))
        self.note.setText(shown(info.note))
        self.error.clear()

    def validatePage(self) -> bool:
        sheet = self.sheets.currentData()
        table = self.state.table
        if table is not None and table.sheet == sheet:
            return True
        path = self.state.info.path
        self.state.runner.run(
            self.tr("Reading %1…").replace("%1", path.name),
            lambda _p, _c: _read_and_judge(path, sheet),
            on_done=self._read,
            on_failed=lambda error: self.error.setText(shown(error.message)),
        )
        return False

    def _read(self, result: tuple[Any, Any]) -> None:
        self.state.table, self.state.refusal = result
        self.state.next()


def _read_and_judge(path: Path, sheet: str) -> tuple[Any, Any]:
    """The sheet, and whether it looks like a customer list with its columns as guessed (on the worker)."""
    table = importing.read_sheet(path, sheet)
    return table, importing.list_refusal(table, path.name)


def _kind_name(kind: str) -> str:
    """ "an Excel workbook": what the file is, as the sheet step says it."""
    names = {
        "xlsx": QCoreApplication.translate("SheetPage", "an Excel workbook"),
        "xls": QCoreApplication.translate("SheetPage", "an Excel 97–2003 workbook"),
        "xlsb": QCoreApplication.translate("SheetPage", "an Excel binary workbook"),
        "ods": QCoreApplication.translate("SheetPage", "an OpenDocument spreadsheet"),
        "csv": QCoreApplication.translate("SheetPage", "a text (CSV) file"),
    }
    return names.get(kind) or QCoreApplication.translate("SheetPage", "a spreadsheet")


def _file_description(info: Any) -> str:
    kind = _kind_name(info.kind)
    if len(info.sheets) == 1:
        text = QCoreApplication.translate("SheetPage", "%1 is %2 with one sheet; it is read as it is.")
    else:
        text = QCoreApplication.translate(
            "SheetPage",
            "%1 is %2 with %3 sheets. The first visible sheet with data is chosen; hidden and empty sheets "
            "are marked.",
        )
    return text.replace("%1", info.path.name).replace("%2", kind).replace("%3", str(len(info.sheets)))


class MappingPage(ImportStep):
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
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)  # a short list stays at the top, not spread out
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_holder)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal = error_label()  # the sheet does not look like a customer list: why
        self.refusal.setObjectName("notACustomerList")
        self.anyway = QCheckBox(self.tr("These are my customers: import them with the columns as chosen"))
        self.anyway.setObjectName("importAnyway")
        self.anyway.toggled.connect(lambda _on: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        layout.addWidget(self.anyway)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warnings)
        self.combos: list[QComboBox] = []
        self.guessed: list[str] = []

    def initializePage(self) -> None:
        table = self.state.table
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.combos = []
        mapping = importing.suggest_mapping(table)  # what the import will do with each column
        targets = [(key, shown(label)) for key, label in importing.TARGET_FIELDS]  # once, not per column
        for column, title in enumerate((self.tr("Column"), self.tr("Examples"), self.tr("Import as"))):
            heading = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(heading, 0, column)
        for index, header in enumerate(table.headers):
            samples = [
                str(v) for _, values in table.rows[:50] if index < len(values) and (v := values[index])
            ]
            self.grid.addWidget(text_label(owners_or_shown(header) or self.tr("(no heading)")), index + 1, 0)
            self.grid.addWidget(text_label(" · ".join(samples[:SAMPLE_VALUES])), index + 1, 1)
            combo = QComboBox()
            combo.setObjectName(f"mapColumn{index}")
            for key, label in targets:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(mapping.get(index, "ignore")), 0))
            combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
            self.grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
        self.guessed = [combo.currentData() for combo in self.combos]
        refusal = self.state.refusal
        self.refusal.setText(
            shown(refusal.reason)
            + ". "
            + self.tr("If it is your customer list all the same, choose below what each column holds.")
            if refusal is not None
            else ""
        )
        self.refusal.setVisible(refusal is not None)
        self.anyway.setVisible(refusal is not None)
        self.anyway.setChecked(False)
        # Headings below row 1 come with their own warning (the rows above were skipped).
        notes = [shown(warning) for warning in table.warnings]
        if table.header_row == 1:
            notes.insert(0, self.tr("Headings found on row 1."))
        self.warnings.setText("\n".join(notes))

    def isComplete(self) -> bool:
        """A sheet that does not look like a customer list goes on once the owner has chosen its columns."""
        if self.state is None or self.state.refusal is None or self.anyway.isChecked():
            return True
        return [combo.currentData() for combo in self.combos] != self.guessed

    def validatePage(self) -> bool:
        if not self.isComplete():  # QWizard.next() does not ask: a refused sheet waits for the owner
            return False
        self.state.mapping = {
            index: combo.currentData()
            for index, combo in enumerate(self.combos)
            if combo.currentData() != "ignore"
        }
        return True


class ImportWizard(QWizard):
    def __init__(
        self, runner: TaskRunner, parent: QWidget | None = None, path: str = "", editor: Editor | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import customers"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # the work is done: only Finish
        self.runner = runner
        self.editor = editor  # an import goes on the window's one undo stack
        self.undo_command: Any = None
        self.info: Any = None
        self.table: Any = None
        self.mapping: dict[int, str] = {}
        self.decisions: dict[int, bool] = {}
        self.date_order: str | None = None
        self.refusal: Any = None  # why the sheet does not look like a customer list (list_refusal), if so
        self.report: Any = None
        self.file_page, self.sheet_page = FilePage(), SheetPage()
        self.mapping_page, self.preview_page, self.report_page = MappingPage(), PreviewPage(), ReportPage()
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.preview_page, self.report_page):
            self.addPage(page)
        self.restores_everything = False
        self.restore_page, self.restored_page = add_restore_pages(self)
        self.file_page.path.setText(path)
        fit_to_screen(self, 980, 680)
        # A method of the wizard, not a lambda: Qt drops the connection when the wizard is deleted.
        runner.job_ended.connect(self._job_ended)

    def nextId(self) -> int:
        routed = restore_next_id(self)
        return super().nextId() if routed is None else routed

    def _job_ended(self, *_args: object) -> None:
        self.preview_page.completeChanged.emit()  # Next waits for the runner to be free
