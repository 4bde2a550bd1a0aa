"""The privacy part of the "Your data" page: a customer's data on request, and erasing a customer."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QGroupBox, QVBoxLayout, QWidget

from app.domain import clock
from app.services import privacy
from ui.dialogs.customer_picker import CustomerPickerDialog
from ui.messages import confirm
from ui.tasks import TaskRunner
from ui.widgets.basics import action_button, button_row, text_label
from ui.window_state import last_folder, remember_folder


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.") or "customer"


class PrivacySection(QGroupBox):
    """`changed()` after an erasure: the page announces it as its own."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Privacy"))
        self.runner = runner
        text = text_label(
            self.tr("When a customer asks what you keep about them, give them everything in one workbook. "
                    "When they ask to be forgotten, erase them: their history goes, and they are never "
                    "imported again or sent a letter."), note=True
        )  # fmt: skip
        self.export_button = action_button(
            self.tr("Export everything about one customer…"), "exportCustomer", self.export_customer
        )
        self.erase_button = action_button(
            self.tr("Erase a customer on request…"), "eraseCustomer", self.erase_customer
        )
        self.privacy_result = text_label(name="privacyResult", outcome=True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(button_row(self.export_button, self.erase_button))
        layout.addWidget(self.privacy_result)

    def _pick_customer(self, title: str, text: str, action: str) -> tuple[int, str] | None:
        picker = CustomerPickerDialog(title, text, action, parent=self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen_id is None:
            return None
        return picker.chosen_id, picker.chosen_name

    def export_customer(self) -> None:
        picked = self._pick_customer(
            self.tr("Export a customer's data"),
            self.tr("Whose data? Everything stored about them goes into one workbook."),
            self.tr("Next"),
        )
        if picked is None:
            return
        customer_id, name = picked
        default = Path(last_folder()) / f"{_file_stem(name)}-{clock.today()}.xlsx"
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save %1's data").replace("%1", name), str(default), "Excel (*.xlsx)"
        )
        if not target:
            return
        remember_folder(str(Path(target).parent))
        self.runner.run(
            self.tr("Exporting…"),
            lambda _progress, _cancel: privacy.export_customer(customer_id, Path(target)),
            on_done=lambda out: self.privacy_result.setText(
                self.tr("Everything about %1 was saved to %2.").replace("%1", name).replace("%2", str(out))
            ),
        )

    def erase_customer(self) -> None:
        picked = self._pick_customer(
            self.tr("Erase a customer"),
            self.tr("Who asked to be erased? If they also asked for their data, export it first."),
            self.tr("Next"),
        )
        if picked is None:
            return
        customer_id, name = picked
        text = self.tr(
            "Erase %1 and everything about them: sites, equipment, visits, sales, plans, contacts and "
            "opportunities. This can't be undone.\n\nWhat stays is a one-way fingerprint of their phone "
            "numbers, e-mail addresses and name with postal code. It can't be turned back into their "
            "details; it only lets a later import recognise them and leave them out, so they are never "
            "brought back and no letter is ever sent to them.\n\nBackups taken before today still hold "
            "them until they are rotated away (within a year)."
        ).replace("%1", name)
        if not confirm(self, self.tr("Erase %1").replace("%1", name), text, self.tr("Erase for good")):
            return
        self.runner.run(
            self.tr("Erasing…"),
            lambda _progress, _cancel: privacy.erase_customer(customer_id),
            on_done=lambda _erasure: self._erased(name),
        )

    def _erased(self, name: str) -> None:
        self.changed.emit()
        self.privacy_result.setText(
            self.tr("%1 was erased; a later import will leave them out.").replace("%1", name)
        )
