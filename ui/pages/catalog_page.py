"""The Catalog page: what the business sells, the segments it talks to, and what is still missing.

Each kind of catalog item has its tab, the upgrade ladders (basic → better → deluxe)
one of their own, and so do the segments, whose pitch and talking points print on
call sheets and feed letters. The Missing information tab lists what the opportunity
engine would otherwise have to guess, so the owner can fill it in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import formatting
from app.domain.catalog import CatalogItemDraft, CatalogItemRow, SegmentRow
from app.domain.i18n import t, translated
from app.domain.money import format_money
from app.services import catalog as catalog_service
from app.services.opportunities import missing_information
from ui.dialogs.catalog_forms import CatalogItemDialog, ListTab, SegmentDialog, bp_text
from ui.events import data_events
from ui.messages import confirm, show_error, show_info
from ui.tasks import TaskRunner
from ui.text import count_text

CHANGES = {"catalog_item", "segment"}
# The missing information also depends on customers, their equipment and plans, and open opportunities.
REFRESH_ON = frozenset(CHANGES | {"customer", "site", "equipment", "service_plan", "opportunity"})
ITEM_TABS = ("equipment", "plan", "add_on", "ladder", "bundle", "product", "service")
MISSING_LABELS = {
    "catalog_item": "Catalog item",
    "equipment_kind": "Kind of equipment",
    "equipment": "Equipment",
    "service_plan": "Service plan",
    "customer": "Customer",
}
FIXED_HERE = {"catalog_item", "equipment_kind"}  # the others are fixed on the Customers page


def _money(value: Decimal) -> str:
    return format_money(value) if value else ""


def _date(value: datetime.date | None) -> str:
    return formatting.short_date(value) if value else ""


def _describe_segment(segment: SegmentRow) -> str:
    """The pitch and talking points in full, as they print on a call sheet."""
    lines = [f"{segment.name}: {segment.pitch}".strip(": ")]
    return "\n".join(lines + [f"  – {point}" for point in segment.talking_points])


class CatalogPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.items: list[CatalogItemRow] = []
        self.segments: list[SegmentRow] = []
        self._next_step: dict[int, str] = {}
        self._select_after: tuple[str, int] | None = None  # ("item" | "segment", id) once reloaded
        self.heading = QLabel()
        self.heading.setObjectName("catalogHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.default_button = QPushButton(self.tr("Load the default HVAC/plumbing catalog"))
        self.default_button.setObjectName("loadDefaultCatalog")
        self.default_button.clicked.connect(self.load_default)
        self.default_button.hide()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("catalogTabs")
        self.lists: dict[str, ListTab] = {}
        self._titles: dict[str, str] = {}
        for key, title, new_text, intro, columns in self._specs():
            self._add_tab(key, title, new_text, intro, columns)
        self._add_missing_tab()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        data_events().data_changed.connect(self._on_data_changed)

    # --- building ---------------------------------------------------------------------------
    def _specs(self) -> list[tuple[str, str, str, str, list]]:
        not_set = self.tr("not set")

        def renews(r: Any) -> str:
            return count_text(r.renewal_months, self.tr("month")) if r.renewal_months else not_set

        name, price = (self.tr("Name"), self._named), (self.tr("Price"), lambda r: _money(r.price))
        on_ladder = (
            self.tr("Upgrade ladder"),
            lambda r: (
                self.tr("%1, step %2").replace("%1", r.ladder).replace("%2", self._tier(r.tier))
                if r.ladder
                else ""
            ),
        )
        return [
            ("equipment", self.tr("Equipment"), self.tr("New equipment line…"),
             self.tr("What you install, and how long it typically lasts: equipment near the end of its life "
                     "is offered a replacement."),
             [name, (self.tr("Kind of equipment"), lambda r: r.equipment_kind),
              (self.tr("Brand"), lambda r: r.brand),
              (self.tr("Typical lifespan"), lambda r: translated(r.lifespan_text) or not_set), price,
              (self.tr("Units on record"),
               lambda r: formatting.number(r.equipment_count) if r.equipment_count else ""),
              on_ladder]),
            ("plan", self.tr("Service plans"), self.tr("New service plan…"),
             self.tr("Memberships: when they come up for renewal and how many visits a year they include."),
             [name,
              (self.tr("Renews every"), renews),
              (self.tr("Visits per year"),
               lambda r: not_set if r.visits_per_year is None else r.visits_per_year),
              (self.tr("Price per term"), lambda r: _money(r.price)), on_ladder]),
            ("add_on", self.tr("Add-ons"), self.tr("New add-on…"),
             self.tr("Extras offered to customers who own the equipment they go with and don't have them "
                     "yet."),
             [name, (self.tr("Goes with"), lambda r: r.goes_with_kind or not_set), price,
              (self.tr("Notes"), lambda r: r.notes)]),
            ("ladder", self.tr("Upgrade ladders"), self.tr("New step on a ladder…"),
             self.tr("Basic → better → deluxe: customers on a lower step are offered the next one up."),
             [(self.tr("Ladder"), lambda r: r.ladder), (self.tr("Step"), lambda r: self._tier(r.tier)), name,
              (self.tr("Kind"), lambda r: t(r.kind_label)), price,
              (self.tr("Next step up"),
               lambda r: self._next_step.get(r.id, self.tr("top of the ladder")))]),
            ("bundle", self.tr("Bundles"), self.tr("New bundle…"),
             self.tr("Items sold together at a discount."),
             [name, (self.tr("Discount"), lambda r: f"{bp_text(r.discount_bp)}%" if r.discount_bp else ""),
              (self.tr("Bundle price"), lambda r: _money(r.price)),
              (self.tr("Items bought separately"), lambda r: _money(self._separately(r))),
              (self.tr("Contains"), lambda r: ", ".join(self._name_of(i) for i in r.bundle_item_ids))]),
            ("product", self.tr("New products"), self.tr("New product launch…"),
             self.tr("New products are offered first to your best customers, as many as are available."),
             [name, (self.tr("Launched"), lambda r: _date(r.launched_on) or not_set),
              (self.tr("Available"), lambda r: self.tr("no limit") if r.quantity_available is None
               else formatting.number(r.quantity_available)), price,
              (self.tr("Kind of equipment"), lambda r: r.equipment_kind)]),
            ("service", self.tr("Services"), self.tr("New service…"),
             self.tr("Repairs, tune-ups and other work you sell."),
             [name, price, (self.tr("Notes"), lambda r: r.notes)]),
            ("segment", self.tr("Segments"), self.tr("New segment…"),
             self.tr("Groups of customers and how to talk to them: the pitch angle and talking points print "
                     "on call sheets and feed letters."),
             [(self.tr("Segment"), lambda s: s.name),
              (self.tr("Customers"), lambda s: formatting.number(s.customers)),
              (self.tr("Pitch angle"), lambda s: " ".join(s.pitch.split())),
              (self.tr("Talking points"), lambda s: " · ".join(s.talking_points))]),
        ]  # fmt: skip

    def _named(self, row: CatalogItemRow) -> str:
        return row.name if row.active else self.tr("%1 (inactive)").replace("%1", row.name)

    def _tier(self, tier: int | None) -> str:
        """ "2 (better)": a step of a ladder, the first three named."""
        if tier is None:
            return ""
        words = {1: self.tr("basic"), 2: self.tr("better"), 3: self.tr("deluxe")}
        return f"{tier} ({words[tier]})" if tier in words else str(tier)

    def _add_tab(self, key: str, title: str, new_text: str, intro: str, columns: list) -> None:
        describe = _describe_segment if key == "segment" else None
        buttons = [
            ("new", new_text, lambda: self.new(key)),
            ("edit", self.tr("Edit…"), lambda: self.edit(key)),
            ("delete", self.tr("Delete…"), lambda: self.delete(key)),
        ]
        tab = ListTab(key, intro, columns, buttons, lambda: self.edit(key), describe, self)
        self.lists[key] = tab
        self._titles[key] = title
        self.tabs.addTab(tab, title)

    def _add_missing_tab(self) -> None:
        columns = [
            (
                self.tr("About", "the kind of record a missing piece of information is about"),
                lambda m: t(MISSING_LABELS.get(m.category, m.category)),
            ),
            (self.tr("Which"), lambda m: m.name),
            (self.tr("What is missing"), lambda m: translated(m.problem)),
        ]
        buttons = [
            ("fix", self.tr("Fill it in…"), self.fix_missing),
            ("refresh", self.tr("Check again"), self.load_missing),
        ]
        intro = self.tr(
            "Nothing is guessed: what is listed here keeps opportunities from being found. Catalog lines are "
            "filled in here; equipment, plans and customers on the Customers page."
        )
        self.missing = ListTab(
            "missing", intro, columns, buttons, self.fix_missing, self._describe_missing, self
        )
        self._titles["missing"] = self.tr("Missing information")
        self.tabs.addTab(self.missing, self._titles["missing"])

    def _describe_missing(self, info: Any) -> str:
        where = "" if info.category in FIXED_HERE else " " + self.tr("(fill it in on the Customers page)")
        return f"{info.name}: {translated(info.problem)}{where}"

    # --- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read the catalog and the segments, then look for missing information (both off the GUI thread)."""
        self.runner.run(
            self.tr("Reading the catalog…"),
            lambda _progress, _cancel: (catalog_service.list_catalog(), catalog_service.list_segments_full()),
            on_done=self.show_catalog,
        )
        self.load_missing()

    def load_missing(self) -> None:
        self.runner.run(
            self.tr("Looking for missing information…"),
            lambda _progress, _cancel: missing_information(),
            on_done=self.show_missing,
        )

    def show_catalog(self, result: tuple[list[CatalogItemRow], list[SegmentRow]]) -> None:
        self.items, self.segments = result
        self._next_step = self._next_steps(self.items)
        pending, self._select_after = self._select_after, None
        item_id = pending[1] if pending and pending[0] == "item" else None
        for key in ITEM_TABS:
            rows = [r for r in self.items if r.ladder] if key == "ladder" else self._of_kind(key)
            if key == "ladder":
                rows.sort(key=lambda r: (r.ladder.lower(), r.tier or 0, r.name.lower()))
            self.lists[key].set_rows(rows, item_id)
            self._set_title(key, len(rows))
        self.lists["segment"].set_rows(
            self.segments, pending[1] if pending and pending[0] == "segment" else None
        )
        self._set_title("segment", len(self.segments))
        current = self.lists.get(self._current_key())
        if item_id is not None and current is not None and item_id not in current.row_ids():
            # Saved from a tab that does not list it (a ladder step no longer on a ladder): show its own.
            kind = next((r.kind for r in self.items if r.id == item_id), "")
            self.tabs.setCurrentWidget(self.lists.get(kind, current))
        empty = not self.items
        self.default_button.setVisible(empty)
        self.default_button.setEnabled(empty)
        self.heading.setText(
            self.tr(
                "The catalog is empty. Start from the default catalog of a heating, cooling and plumbing "
                "shop and adjust its prices and lifespans, or add your own lines."
            )
            if empty
            else self.tr("%1 in the catalog · %2")
            .replace("%1", count_text(len(self.items), self.tr("item")))
            .replace("%2", count_text(len(self.segments), self.tr("segment")))
        )

    def show_missing(self, found: list[Any]) -> None:
        self.missing.set_rows(found)
        self._set_title("missing", len(found))

    def _set_title(self, key: str, count: int) -> None:
        tab = self.missing if key == "missing" else self.lists[key]
        title = self._titles[key] + (f" ({formatting.number(count)})" if count else "")
        self.tabs.setTabText(self.tabs.indexOf(tab), title)

    def _of_kind(self, kind: str) -> list[CatalogItemRow]:
        return [r for r in self.items if r.kind == kind]

    @staticmethod
    def _next_steps(items: list[CatalogItemRow]) -> dict[int, str]:
        """Each ladder item's next step up (the lowest higher tier on the same ladder)."""
        ladders: dict[str, list[CatalogItemRow]] = {}
        for row in items:
            if row.ladder and row.tier is not None:
                ladders.setdefault(row.ladder.lower(), []).append(row)
        found = {}
        for rows in ladders.values():
            for row in rows:
                higher = [r for r in rows if r.tier > row.tier and r.active]
                if higher:
                    found[row.id] = min(higher, key=lambda r: (r.tier, r.name)).name
        return found

    def _name_of(self, item_id: int) -> str:
        return next((r.name for r in self.items if r.id == item_id), "?")

    def _separately(self, bundle: CatalogItemRow) -> Decimal:
        prices = {r.id: r.price for r in self.items}
        return sum((prices.get(i, Decimal(0)) for i in bundle.bundle_item_ids), Decimal(0))

    def _current_key(self) -> str:
        widget = self.tabs.currentWidget()
        return next((key for key, tab in self.lists.items() if tab is widget), "missing")

    def _on_data_changed(self, changes: frozenset[str], initiator: object) -> None:
        if initiator is not self and changes & REFRESH_ON and self.isVisible():
            self.load()

    # --- actions ----------------------------------------------------------------------------
    def new(self, key: str) -> None:
        if key == "segment":
            self._segment_dialog(self.tr("New segment"), None)
            return
        base = CatalogItemDraft(kind="equipment" if key == "ladder" else key, name="")
        if key == "ladder" and (step := self.lists["ladder"].selected()) is not None:
            # The next step of the selected ladder, like the step below it but one tier up.
            top = max(r.tier or 0 for r in self.items if r.ladder.lower() == step.ladder.lower())
            base = CatalogItemDraft(
                kind=step.kind, name="", equipment_kind=step.equipment_kind, brand=step.brand,
                lifespan_min_years=step.lifespan_min_years, lifespan_max_years=step.lifespan_max_years,
                renewal_months=step.renewal_months, visits_per_year=step.visits_per_year,
                ladder=step.ladder, tier=top + 1,
            )  # fmt: skip
        self._item_dialog(self.tr("New catalog item"), base, "name")

    def edit(self, key: str) -> None:
        row = self.lists[key].selected()
        if row is None:
            return
        if key == "segment":
            self._segment_dialog(self.tr("Edit %1").replace("%1", row.name), row)
        else:
            self._item_dialog(self.tr("Edit %1").replace("%1", row.name), row.as_draft(), "name")

    def delete(self, key: str) -> None:
        row = self.lists[key].selected()
        if row is None:
            return
        if key == "segment":
            text = (
                self.tr("Delete the segment “%1”? Its %2 keep everything else.")
                .replace("%1", row.name)
                .replace("%2", count_text(row.customers, self.tr("customer")))
            )
            if confirm(self, self.tr("Delete segment"), text, self.tr("Delete")):
                self._write(lambda: catalog_service.delete_segment(row.id))
            return
        text = self.tr("Delete “%1” from the catalog?").replace("%1", row.name)
        if confirm(self, self.tr("Delete catalog item"), text, self.tr("Delete")):
            self._write(lambda: catalog_service.delete_catalog_item(row.id))

    def _item_dialog(self, title: str, base: CatalogItemDraft, focus: str) -> None:
        dialog = CatalogItemDialog(title, base, self.items, self)
        if focus in dialog.editors:
            dialog.editors[focus].setFocus()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            draft = dialog.result_draft
            self._write(lambda: catalog_service.save_catalog_item(draft), "item")

    def _segment_dialog(self, title: str, row: SegmentRow | None) -> None:
        dialog = SegmentDialog(title, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            draft = dialog.result_draft
            self._write(lambda: catalog_service.save_segment(draft), "segment")

    def _write(self, action: Callable[[], Any], select: str = "") -> None:
        """A quick write on the GUI thread; a refusal (an item in use...) is shown as the service words it."""
        try:
            result = action()
        except Exception as error:
            show_error(self, error)
            return
        if select and isinstance(result, int):
            self._select_after = (select, result)
        data_events().changed(self)
        self.load()

    def load_default(self) -> None:
        self.default_button.setEnabled(False)
        self.runner.run(
            self.tr("Loading the default catalog…"),
            lambda _progress, _cancel: catalog_service.load_default_catalog(),
            on_done=self._default_loaded,
            on_failed=self._default_failed,
        )

    def _default_loaded(self, count: int) -> None:
        data_events().changed(self)
        self.load()
        if not count:
            show_info(
                self, self.tr("Default catalog"), self.tr("The catalog already had items; nothing was added.")
            )

    def _default_failed(self, error: Exception) -> None:
        self.default_button.setEnabled(True)
        show_error(self, error)

    def fix_missing(self) -> None:
        info = self.missing.selected()
        if info is None:
            return
        if info.category == "catalog_item":
            row = next((r for r in self.items if r.id == info.record_id), None)
            if row is not None:
                self._item_dialog(self.tr("Edit %1").replace("%1", row.name), row.as_draft(), info.field)
        elif info.category == "equipment_kind":
            base = CatalogItemDraft(kind="equipment", name=info.name, equipment_kind=info.name)
            self._item_dialog(self.tr("New equipment line"), base, "lifespan_min_years")
        else:
            show_info(
                self,
                self.tr("Missing information"),
                self.tr("Open %1 on the Customers page to fill this in: %2.")
                .replace("%1", info.name.split(":")[0])
                .replace("%2", translated(info.problem)),
            )
