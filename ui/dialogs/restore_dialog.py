"""Restore ▸ choose: every backup of the open database in the backup folder with its date, what it was
taken for and how many customers it holds (newest first), or any other backup file. Another database's
backups in the same folder are not offered (app.services.backups lists only this one's).

The dialog only chooses; the page confirms and restores through the TaskRunner.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import formatting
from ui.models.rows_model import RowsModel
from ui.widgets.basics import fit_to_screen
from ui.window_state import last_folder, remember_folder

LABEL_WORDS = {
    "daily": QT_TRANSLATE_NOOP("RestoreDialog", "Daily"),
    "manual": QT_TRANSLATE_NOOP("RestoreDialog", "Backed up by you"),
    "before-import": QT_TRANSLATE_NOOP("RestoreDialog", "Before an import"),
    "before-restore": QT_TRANSLATE_NOOP("RestoreDialog", "Before a restore"),
    "before-migration": QT_TRANSLATE_NOOP("RestoreDialog", "Before an upgrade"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


def label_text(label: str) -> str:
    """What a backup was taken for, in words: "before-schema-v7" → "Before an upgrade"."""
    if label in LABEL_WORDS:
        return _tr(LABEL_WORDS[label])
    if re.fullmatch(r"before-schema-v\d+", label):
        return _tr(LABEL_WORDS["before-migration"])
    if label.startswith("before-"):  # a label of a later version: its own words
        return QCoreApplication.translate("RestoreDialog", "Before %1").replace(
            "%1", label.removeprefix("before-").replace("-", " ")
        )
    return label.replace("-", " ").capitalize()


def when_text(taken_at: datetime.datetime) -> str:
    """ "Wed, Dec 2, 2026, 9:30 AM"."""
    weekday = formatting.WEEKDAYS[taken_at.weekday()][:3]
    return f"{weekday}, {formatting.short_date(taken_at)}, {formatting.time_text(taken_at.time())}"


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{formatting.number(Decimal(size / (1 << 20)).quantize(Decimal('0.1')))} MB"
    return f"{formatting.number(round(max(size, 1) / 1024))} KB"


def customers_text(customers: int | None) -> str:
    return (
        QCoreApplication.translate("RestoreDialog", "can't be read")
        if customers is None
        else formatting.number(customers)
    )


class RestoreDialog(QDialog):
    """`chosen_path` is the backup to restore once the dialog is accepted."""

    def __init__(self, backups: Sequence[Any], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.chosen_path: Path | None = None
        self.backups = sorted(backups, key=lambda b: b.taken_at, reverse=True)
        intro = QLabel(
            self.tr(
                "Choose the backup to put back. Your data as it is now is backed up first, "
                "so the restore itself can be undone. This database's backups in %1:"
            ).replace("%1", str(folder))
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.model = RowsModel(
            [
                (self.tr("Taken"), lambda b: when_text(b.taken_at)),
                (self.tr("Why"), lambda b: label_text(b.label)),
                (self.tr("Customers"), lambda b: customers_text(b.customers)),
                (self.tr("Size"), lambda b: size_text(b.size)),
            ],
            self,
        )
        self.model.set_rows(self.backups)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._choose_selected())
        self.empty = QLabel(
            self.tr("This database has no backups in that folder yet; use “Other file…” to pick one.")
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.other_button = self.buttons.addButton(
            self.tr("Other file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button = self.buttons.addButton(
            self.tr("Restore this backup…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._choose_selected)
        self.other_button.clicked.connect(self.choose_other_file)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        if self.backups:
            self.table.selectRow(0)
        fit_to_screen(self, 640, 420)

    def selected_backup(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        backup = self.selected_backup()
        # A backup that can't be read can't be restored; the restore would only refuse it.
        self.restore_button.setEnabled(backup is not None and backup.customers is not None)

    def _choose_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None or backup.customers is None:
            return
        self.chosen_path = Path(backup.path)
        self.accept()

    def choose_other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup file"),
            last_folder(),
            self.tr("Backups (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if not path:
            return
        remember_folder(str(Path(path).parent))
        self.chosen_path = Path(path)
        self.accept()
