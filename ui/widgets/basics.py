"""Small building blocks the pages and dialogs share: plain-text labels, buttons, button rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QWidget

# A light background carries its own dark text: the theme's text may be light (dark mode).
WARNING_STYLE = (
    "background: #fff4ce; color: #3d2e00; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"
)
# A red that reads on the theme's window: dark on light, light on dark (4.5:1 or more on either).
ERROR_RED_ON_LIGHT, ERROR_RED_ON_DARK = "#b00020", "#ff8a80"


class Outcome(QLabel):
    """The outcome of the last action: takes no room until there is something to say."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def text_label(text: str = "", name: str = "", *, note: bool = False, outcome: bool = False) -> QLabel:
    """Plain text (paths and names are never markup), wrapped, selectable for copying."""
    label = Outcome(text) if outcome else QLabel(text)
    label.setVisible(bool(text) or not outcome)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if note:
        show_as_note(label)
    return label


def show_as_note(label: QLabel) -> None:
    """Help text, quieter than the rest: the theme's own muted text colour, whichever the theme."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def show_as_error(label: QLabel) -> None:
    """An error's sentence in red, a red that reads on the theme's window colour."""
    dark = label.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
    label.setStyleSheet(f"color: {ERROR_RED_ON_DARK if dark else ERROR_RED_ON_LIGHT};")


def action_button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def button_row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A window to read, not to fill in: one Close button (Esc does the same)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


def fit_to_screen(window: QWidget, width: int, height: int, share: float = 0.9) -> None:
    """Size a dialog `width`×`height`, or `share` of the free area of the screen it opens on where that
    is less: at 150 % a 1366×768 laptop has about 910×512 logical pixels to give."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    window.resize(min(width, int(free.width() * share)), min(height, int(free.height() * share)))
