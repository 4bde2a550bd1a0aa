"""The Customers page: search-as-you-type over every customer, and the selected one in detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import customers as customer_service
from app.services import stats as stats_service
from ui.editing import Editor
from ui.events import data_events
from ui.models.customer_list import CustomerListModel
from ui.pages.customer_actions import CustomerActions, install_table_actions
from ui.text import count_text
from ui.widgets.customer_detail import CustomerDetailView

SEARCH_DELAY_MS = 150


class CustomersPage(QWidget):
    customer_selected = Signal(object)  # customer id or None

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current_id: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Search name, company, phone digits, street, city or e-mail"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("customerCount")

        self.model = CustomerListModel(self)
        self.table = QTableView()
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab moves on to the detail, as in any desktop app: inside the list it walked the cells and, at
        # the row's end, selected the next customer without a word.
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 160, 120, 200, 120)):
            header.resizeSection(column, width)

        self.detail = CustomerDetailView()
        self.actions = CustomerActions(self, editor)
        self.toolbar = self.actions.toolbar()
        self.table.addAction(self.actions.delete)
        self.table.doubleClicked.connect(lambda _index: self.actions.edit_customer())
        for tab, view in enumerate(self.detail.views):
            install_table_actions(
                view,
                lambda t=tab, v=view: self._on_row(t, v, self.actions.edit_row),
                lambda t=tab, v=view: self._on_row(t, v, self.actions.delete_row),
            )
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("customersSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._update_count)
        data_events().data_changed.connect(self._on_data_changed)

    def load(self) -> None:
        self.model.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_entered(self) -> None:
        """Enter in the search: the results take the keyboard, first one selected (arrows move on)."""
        self._apply_search()
        if self.model.rowCount():
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)
            self.table.setFocus()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())
        if self.model.rowCount() == 1:
            self.table.selectRow(0)

    def _update_count(self) -> None:
        total = self.model.total
        text = (
            count_text(total, self.tr("customer"))
            if not self.model.search_text
            else self.tr("%1 found").replace("%1", f"{total:,}")
        )
        self.count_label.setText(text)

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_customer(self.model.customer_id(rows[0].row()))

    def show_customer(self, customer_id: int | None) -> None:
        detail = customer_service.customer_detail(customer_id) if customer_id is not None else None
        self._current_id = detail.id if detail else None
        value = stats_service.customer_lifetime_value(detail.id) if detail else None
        self.detail.show_customer(detail, value)
        self.actions.enable_for(self._current_id)
        self.customer_selected.emit(self._current_id)

    def selected_customer_id(self) -> int | None:
        """The customer shown in the detail (selected in the list, or just added)."""
        return self._current_id

    def select_customer(self, customer_id: int) -> None:
        row = self.model.row_of(customer_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            self.show_customer(customer_id)

    def show_message(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)

    def _on_row(self, tab: int, view: QTableView, action) -> None:
        rows = view.selectionModel().selectedRows() or (
            [view.currentIndex()] if view.currentIndex().isValid() else []
        )
        if rows:
            action(tab, view.model().row_object(rows[0].row()))

    def _on_data_changed(self, changes: frozenset[str], _initiator: object) -> None:
        if not changes & {
            "customer",
            "site",
            "equipment",
            "visit",
            "sale",
            "service_plan",
            "touch",
            "opportunity",
        }:
            return
        current = self._current_id
        if changes & {"customer", "site"}:
            self.model.reload()
        if current is not None:
            self.select_customer(current)  # shows "no customer" if it was deleted
