"""Pick the duplicate to merge into the selected customer."""

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


class MergeDialog(QDialog):
    def __init__(self, keep_id: int, keep_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge a duplicate"))
        self.keep_id = keep_id
        self.duplicate_id: int | None = None
        self.duplicate_name = ""
        intro = QLabel(
            self.tr(
                "Find the duplicate of %1. Its sites, equipment, history and contacts move to %1, "
                "empty phone and e-mail fields are filled from it, and then it is removed. "
                "You can undo the merge."
            ).replace("%1", keep_name)
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit()
        self.search.setObjectName("mergeSearch")
        self.search.setPlaceholderText(self.tr("Name, phone, street or e-mail of the duplicate"))
        self.matches = QListWidget()
        self.matches.setObjectName("mergeMatches")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
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
        self.search.setText(keep_name.split(",")[0])
        self.resize(520, 420)

    def _find(self) -> None:
        self.matches.clear()
        for found in find_customers(self.search.text(), limit=50):
            if found.id == self.keep_id:
                continue
            item = QListWidgetItem(" · ".join(p for p in (found.name, found.phone, found.city) if p))
            item.setData(Qt.ItemDataRole.UserRole, (found.id, found.name))
            self.matches.addItem(item)

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.duplicate_id, self.duplicate_name = item.data(Qt.ItemDataRole.UserRole) if item else (None, "")
        self.merge_button.setEnabled(self.duplicate_id is not None)
