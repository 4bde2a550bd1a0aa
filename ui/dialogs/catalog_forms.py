"""The forms and lists of the Catalog page: one form per kind of catalog item, the bundle's contents, a
segment; and the tab that lists them (buttons over a table, the selected row in full below it).

Numbers the owner may not know yet (a lifespan, a renewal period) are text fields:
left empty they stay unknown, and the Missing information list asks for them later.
Every form builds an app.domain.catalog draft, whose validated() decides what is wrong.
The fields' labels and placeholders are plain English words, which FormDialog shows in the owner's
language (resources/translations/app_es/catalog.toml), as it does the errors raised here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import formatting
from app.domain.catalog import CatalogItemDraft, CatalogItemRow, SegmentDraft, SegmentRow
from app.domain.errors import UserError
from app.domain.i18n import t
from ui.dialogs.form_dialog import Field, FormDialog
from ui.dialogs.forms import Form
from ui.models.rows_model import RowsModel

MAX_COLUMN_WIDTH = 420  # a longer text is cut short; its tooltip (and the detail line) has all of it


def _name() -> Field:
    return Field("name", "Name", placeholder="as it appears on letters and call sheets")


def _lifespan() -> list[Field]:
    return [
        Field("lifespan_min_years", "Lasts at least (years)", placeholder="e.g. 15"),
        Field("lifespan_max_years", "… and at most (years)", placeholder="e.g. 20"),
    ]


def _ladder() -> list[Field]:
    return [
        Field("ladder", "Upgrade ladder", placeholder="e.g. Furnace; empty when not on a ladder"),
        Field("tier", "Step on the ladder", placeholder="1 = basic, 2 = better, 3 = deluxe"),
    ]


def _tail() -> list[Field]:
    return [
        Field("active", "Active (offered to customers)", "bool"),
        Field("notes", "Notes", "multiline"),
    ]


def _fields(kind: str) -> list[Field]:
    price = Field("price", "Price", "money", placeholder="e.g. 4,250.00")
    equipment_kind = Field("equipment_kind", "Kind of equipment", placeholder="e.g. Furnace")
    brand = Field("brand", "Brand")
    if kind == "equipment":
        return [_name(), equipment_kind, brand, *_lifespan(), price, *_ladder(), *_tail()]
    if kind == "plan":
        return [
            _name(),
            Field("renewal_months", "Renews every (months)", placeholder="e.g. 12"),
            Field("visits_per_year", "Visits per year", placeholder="e.g. 2"),
            Field("price", "Price per term", "money"),
            *_ladder(),
            *_tail(),
        ]
    if kind == "add_on":
        goes_with = Field("goes_with_kind", "Goes with (kind of equipment)", placeholder="e.g. Furnace")
        return [_name(), goes_with, price, *_tail()]
    if kind == "product":
        return [
            _name(),
            equipment_kind,
            brand,
            Field("launched_on", "Launched on", "optional_date"),
            Field(
                "quantity_available",
                "How many can be offered",
                placeholder="empty = no limit; the best customers hear first",
            ),
            *_lifespan(),
            price,
            *_ladder(),
            *_tail(),
        ]
    if kind == "bundle":
        discount = Field("discount_bp", "Discount (%)", placeholder="e.g. 8")
        return [_name(), discount, Field("price", "Bundle price", "money"), *_tail()]
    return [_name(), price, *_tail()]


def percent_to_bp(text: str) -> int:
    """ "8" or "7.5" (per cent) into basis points; empty is no discount."""
    cleaned = (text or "").strip().rstrip("%").strip()
    if not cleaned:
        return 0
    try:
        percent = Decimal(cleaned)
    except InvalidOperation:
        raise UserError(f"Discount: “{text}” is not a percentage.", "discount_bp") from None
    if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100) or (percent * 100) % 1:
        raise UserError("Discount: give a percentage from 0 to 100, e.g. 8 or 7.5.", "discount_bp")
    return int(percent * 100)


def bp_text(basis_points: int) -> str:
    """800 → "8", 750 → "7.5"."""
    return f"{Decimal(basis_points) / 100:f}".rstrip("0").rstrip(".") if basis_points else ""


def item_form(base: CatalogItemDraft, contents: Any = None) -> Form:
    """The fields of `base.kind`; what the form does not show is kept from `base` (so an edit loses nothing).

    `contents()` gives a bundle's chosen item ids (from the dialog's checklist).
    """

    def build(values: dict[str, Any]) -> CatalogItemDraft:
        changed = dict(values)
        if "discount_bp" in changed:
            changed["discount_bp"] = percent_to_bp(changed["discount_bp"])
        if contents is not None:
            changed["bundle_item_ids"] = tuple(contents())
        return dataclasses.replace(base, **changed)

    return _fields(base.kind), build


def item_values(draft: CatalogItemDraft) -> dict[str, Any]:
    """What the form shows for a draft: unknown numbers as empty text."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(CatalogItemDraft):
        value = getattr(draft, field.name)
        if field.name == "discount_bp":
            value = bp_text(value)
        elif field.name == "price":
            value = f"{Decimal(value):.2f}" if Decimal(value) else ""
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        values[field.name] = "" if value is None and field.name != "launched_on" else value
    return values


class CatalogItemDialog(FormDialog):
    """A catalog item's form; a bundle's also lists the items it may hold, to tick."""

    def __init__(
        self,
        title: str,
        base: CatalogItemDraft,
        choices: Sequence[CatalogItemRow] = (),
        parent: QWidget | None = None,
    ) -> None:
        checklist = None
        if base.kind == "bundle":
            checklist = QListWidget()
            checklist.setObjectName("bundle_item_ids")
            for row in choices:
                if row.kind == "bundle" or row.id == base.id:
                    continue  # a bundle holds items, never bundles
                item = QListWidgetItem(f"{row.name}  ({t(row.kind_label)}, {formatting.money(row.price)})")
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                chosen = row.id in base.bundle_item_ids
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                checklist.addItem(item)
        contents = None if checklist is None else (lambda: _checked_ids(checklist))
        super().__init__(title, *item_form(base, contents), item_values(base), parent)
        self.checklist = checklist
        if checklist is not None:
            heading = QLabel(self.tr("Items in the bundle (tick them)"))
            checklist.setMinimumHeight(160)
            self.layout().insertWidget(1, heading)
            self.layout().insertWidget(2, checklist)
            checklist.itemChanged.connect(lambda _item: self.form.check_all())


def _checked_ids(checklist: QListWidget) -> list[int]:
    return [
        checklist.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(checklist.count())
        if checklist.item(i).checkState() == Qt.CheckState.Checked
    ]


def segment_form(segment_id: int | None = None) -> Form:
    fields = [
        Field("name", "Segment", placeholder="e.g. Retiree on a fixed budget"),
        Field("pitch", "Pitch angle", "multiline"),
        Field("talking_points", "Talking points (one per line)", "multiline"),
    ]
    return fields, lambda values: SegmentDraft(id=segment_id, **values)


def segment_values(row: SegmentRow) -> dict[str, Any]:
    return {"name": row.name, "pitch": row.pitch, "talking_points": "\n".join(row.talking_points)}


class SegmentDialog(FormDialog):
    """A segment's form, with room for its talking points (they print on call sheets and feed letters)."""

    def __init__(self, title: str, row: SegmentRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            title, *segment_form(row.id if row else None), segment_values(row) if row else None, parent
        )
        self.editors["talking_points"].setFixedHeight(150)
        self.editors["talking_points"].setPlaceholderText(
            self.tr("Each line prints as one point on the call sheet")
        )


class ListTab(QWidget):
    """An explanation, a row of buttons and a table of plain rows; the selection survives a reload."""

    def __init__(
        self,
        key: str,
        intro: str,
        columns: Sequence[tuple[str, Callable[[Any], Any]]],
        buttons: Sequence[tuple[str, str, Callable[[], None]]],
        on_activate: Callable[[], None],
        describe: Callable[[Any], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.view = QTableView()
        self.view.setObjectName(f"{key}Table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: on_activate())
        self.detail = QLabel()  # the selected row in full, when the table has to cut it short
        self.detail.setObjectName(f"{key}Detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setVisible(describe is not None)
        self._describe = describe
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in buttons:
            button = QPushButton(text)
            button.setObjectName(f"{key}_{name}")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)

    def _show_detail(self) -> None:
        row = self.selected()
        if self._describe is not None:
            self.detail.setText(self._describe(row) if row is not None else "")

    def _fit_columns(self) -> None:
        """Wide enough to read, with room between columns; the last one takes what is left."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header.resizeSection(column, min(header.sectionSize(column) + 18, MAX_COLUMN_WIDTH))

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def set_rows(self, rows: Sequence[Any], select_id: int | None = None) -> None:
        previous = getattr(self.selected(), "id", None)
        self.model.set_rows(rows)
        self._fit_columns()
        if not self.select_id(select_id) and not self.select_id(previous) and rows:
            self.view.selectRow(0)
        self._show_detail()

    def select_id(self, wanted: int | None) -> bool:
        for number in range(self.model.rowCount()):
            if wanted is not None and getattr(self.model.row_object(number), "id", None) == wanted:
                self.view.selectRow(number)
                return True
        return False

    def row_ids(self) -> list[int]:
        return [self.model.row_object(number).id for number in range(self.model.rowCount())]
