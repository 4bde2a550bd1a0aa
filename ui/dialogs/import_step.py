"""What every page of the import wizard shares: its wizard's state, and plain-text labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizardPage


class ImportStep(QWizardPage):
    @property
    def state(self) -> Any:
        """The ImportWizard: the file, table, mapping, decisions and report the steps pass on."""
        return self.wizard()


def plain_label(text: str = "") -> QLabel:
    """A label that shows file contents as they are: a cell reading "<b>" is not markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def error_label() -> QLabel:
    label = plain_label()
    label.setObjectName("pageError")
    label.setStyleSheet("color: #b00020;")
    return label
