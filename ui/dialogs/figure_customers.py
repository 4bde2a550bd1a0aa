"""The customers behind a dashboard figure; double-click one to open them on the Customers page."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.domain.values import format_phone
from app.services.dashboard import customers_behind
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.widgets.basics import close_buttons, fit_to_screen

LIST_LIMIT = 5000


class FigureCustomersDialog(QDialog):
    open_customer = Signal(int)

    def __init__(
        self, runner: TaskRunner, key: str, today: datetime.date, title: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.runner, self.key, self.today = runner, key, today
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.count = QLabel()
        self.rows = RowsModel(
            [
                ("Customer", lambda c: c.name),
                ("Phone", lambda c: format_phone(c.phone)),
                ("City", lambda c: c.city),
                ("Value", lambda c: format_money(c.value)),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("figureCustomers")
        self.view.setModel(self.rows)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)
        layout.addWidget(close_buttons(self))
        fit_to_screen(self, 640, 520)

    def start(self) -> None:
        key, today = self.key, self.today
        self.runner.run(
            self.tr("Finding the customers…"),
            lambda _p, _c: customers_behind(key, today, limit=LIST_LIMIT),
            on_done=self.show_rows,
        )

    def show_rows(self, rows: list[Any]) -> None:
        self.rows.set_rows(rows)
        more = self.tr(" (the first %1)").replace("%1", f"{LIST_LIMIT:,}") if len(rows) >= LIST_LIMIT else ""
        self.count.setText(count_text(len(rows), "customer") + more)
        self.show()

    def _open(self, index: Any) -> None:
        self.open_customer.emit(self.rows.row_object(index.row()).id)
