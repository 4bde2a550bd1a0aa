"""The one place that builds message boxes: a UserError shows its message, a bug an apology."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain.errors import UserError
from ui.widgets.basics import close_buttons, fit_to_screen

# pyside6-lupdate reads translate("context", …) calls; the name is short enough for one line.
translate = QCoreApplication.translate

log = logging.getLogger(__name__)
_log_path: Path | None = None


def set_log_path(path: Path) -> None:
    global _log_path
    _log_path = path


def as_text(text: str) -> str:
    """Message boxes guess rich text from a tag-like start; customer text must never be taken as markup."""
    if not Qt.mightBeRichText(text):
        return text
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def apology_text() -> str:
    written = translate("messages", "The details were written to %1.")
    where = "\n\n" + written.replace("%1", str(_log_path)) if _log_path else ""
    return (
        translate(
            "messages", "Sorry, something went wrong. Your data is safe; the last action was not completed."
        )
        + where
    )


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """A UserError as its own sentence; anything else is logged with its traceback and apologised for."""
    if isinstance(error, UserError):
        shown = as_text(error.in_owners_language())
        QMessageBox.warning(parent, title or translate("messages", "Cannot do that"), shown)
        return
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    QMessageBox.critical(parent, title or translate("messages", "Something went wrong"), apology_text())


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, as_text(text))


def show_long_text(parent: QWidget | None, title: str, text: str) -> QDialog:
    """Text too long for a message box (which grows past the screen): a scrollable, resizable window
    sized from the screen it opens on. Plain text, so nothing in it is taken as markup."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(text)
    view.setObjectName("longText")
    view.setReadOnly(True)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(close_buttons(dialog))
    fit_to_screen(dialog, 720, 560, share=0.75)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, as_text(text), parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes
