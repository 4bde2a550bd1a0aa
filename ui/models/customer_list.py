"""The customer list: rows fetched from SQL 256 at a time, filtered and sorted in SQL.

Holding only what has been scrolled into view keeps the list instant at
100,000 customers; a QSortFilterProxyModel over all rows would not be.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.customers import CustomerRow
from app.domain.i18n import t
from app.domain.values import format_phone
from app.services import customers as customer_service

BATCH_SIZE = 256
_Index = QModelIndex | QPersistentModelIndex


class CustomerListModel(QAbstractTableModel):
    COLUMNS = (
        ("name", "Name"),
        ("company", "Company"),
        ("phone", "Phone"),
        ("email", "E-mail"),
        ("city", "City"),
        ("segment", "Segment"),
    )
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CustomerRow] = []
        self._total = 0
        self._search = ""
        self._sort = "name"
        self._descending = False

    # --- what the view asks -------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = self.COLUMNS[index.column()][0]
            value = getattr(row, key)
            return format_phone(value) if key == "phone" else value
        if role == self.ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(self.COLUMNS[section][1])  # the fields' own words (app_<language>.toml)
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        batch = customer_service.customer_page(
            self._search, self._sort, self._descending, len(self._rows), BATCH_SIZE
        )
        if not batch:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = self.COLUMNS[column][0]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- what the page asks -------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        if text.strip() != self._search:
            self._search = text.strip()
            self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a search, a sort or a change of data)."""
        self.beginResetModel()
        self._rows = []
        self._total = customer_service.count_customers(self._search)
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def customer_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, customer_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == customer_id:
                return number
        return None
