"""Pick a customer by searching (the duplicate to merge, the customer of a referral...)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.customers import find_customers
from ui.widgets.basics import fit_to_screen


class CustomerPickerDialog(QDialog):
    def __init__(
        self,
        title: str,
        intro_text: str,
        action_text: str,
        *,
        exclude_id: int | None = None,
        initial_search: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.exclude_id = exclude_id
        self.chosen_id: int | None = None
        self.chosen_name = ""
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit()
        self.search.setObjectName("mergeSearch")
        self.search.setPlaceholderText(self.tr("Name, phone digits, street or e-mail"))
        self.matches = QListWidget()
        self.matches.setObjectName("mergeMatches")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = self.buttons.addButton(action_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.search, self.matches, self.buttons):
            layout.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.matches.currentItemChanged.connect(self._picked)
        self.matches.itemDoubleClicked.connect(lambda _item: self.accept())
        self.search.setText(initial_search)
        fit_to_screen(self, 520, 420)

    def find_now(self) -> None:
        self._timer.stop()
        self._find()

    def _find(self) -> None:
        self.matches.clear()
        for found in find_customers(self.search.text(), limit=50):
            if found.id == self.exclude_id:
                continue
            item = QListWidgetItem(" · ".join(p for p in (found.name, found.phone, found.city) if p))
            item.setData(Qt.ItemDataRole.UserRole, (found.id, found.name))
            self.matches.addItem(item)

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.chosen_id, self.chosen_name = item.data(Qt.ItemDataRole.UserRole) if item else (None, "")
        self.choose_button.setEnabled(self.chosen_id is not None)
