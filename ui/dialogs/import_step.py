"""What every page of the import wizard shares: its wizard's state, and the red line for a refusal."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWizardPage

from ui.widgets.basics import show_as_error, text_label


class ImportStep(QWizardPage):
    @property
    def state(self) -> Any:
        """The ImportWizard: the file, table, mapping, decisions and report the steps pass on."""
        return self.wizard()


def error_label() -> QLabel:
    label = text_label(name="pageError")
    show_as_error(label)
    return label
