"""What an owner does to the selected customer: add, edit, log a call or visit, add records, merge, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QTableView, QToolBar, QToolButton, QWidget

from app.domain import clock, i18n
from app.domain.customers import CustomerDetail
from app.domain.values import format_phone
from app.services import customers as customer_service
from app.services import records as record_service
from ui.dialogs import forms
from ui.dialogs.customer_picker import CustomerPickerDialog
from ui.dialogs.form_dialog import FormDialog
from ui.editing import Editor
from ui.messages import confirm
from ui.text import with_article

# Which form edits the rows of each detail tab, and the table they live in.
TAB_TABLES = {0: "site", 1: "equipment", 2: "visit", 3: "sale", 4: "service_plan", 5: "touch"}
# The owner's word for a record of each table ("Add equipment", "Delete this contact?").
# Marked for pyside6-lupdate (the context is the class that translates them, CustomerActions).
RECORD_WORDS = {
    "site": QT_TRANSLATE_NOOP("CustomerActions", "site"),
    "equipment": QT_TRANSLATE_NOOP("CustomerActions", "equipment"),
    "visit": QT_TRANSLATE_NOOP("CustomerActions", "visit"),
    "sale": QT_TRANSLATE_NOOP("CustomerActions", "sale"),
    "service_plan": QT_TRANSLATE_NOOP("CustomerActions", "service plan"),
    "touch": QT_TRANSLATE_NOOP("CustomerActions", "contact"),
}


# pyside6-lupdate reads translate("context", …) calls; the name is short enough for one line.
translate = QCoreApplication.translate


class CustomerActions(QObject):
    """The actions of the Customers page, with the dialogs behind them."""

    def __init__(self, page: Any, editor: Editor) -> None:
        super().__init__(page)
        self.page, self.editor = page, editor
        self.new = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "&New customer…"),
            self.new_customer,
            QKeySequence.StandardKey.New,
        )
        self.edit = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "&Edit customer…"),
            self.edit_customer,
            QKeySequence("Ctrl+E"),
        )
        self.log_call = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Log a &call…"), self.log_call_now, QKeySequence("Ctrl+L")
        )
        self.log_visit = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Log a &visit…"),
            self.log_visit_now,
            QKeySequence("Ctrl+Shift+L"),
        )
        self.add_site = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Add a &site…"), lambda: self.add("site")
        )
        self.add_equipment = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Add &equipment…"), lambda: self.add("equipment")
        )
        self.add_sale = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Add a s&ale…"), lambda: self.add("sale")
        )
        self.add_plan = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Add a service &plan…"), lambda: self.add("service_plan")
        )
        self.add_touch = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "Log another &contact…"), lambda: self.add("touch")
        )
        self.merge = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "&Merge a duplicate into this customer…"),
            self.merge_duplicate,
        )
        self.delete = self._action(
            QT_TRANSLATE_NOOP("CustomerActions", "&Delete customer…"),
            self.delete_customer,
            QKeySequence.StandardKey.Delete,
        )
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.needs_customer = [
            self.edit,
            self.log_call,
            self.log_visit,
            self.add_site,
            self.add_equipment,
            self.add_sale,
            self.add_plan,
            self.add_touch,
            self.merge,
            self.delete,
        ]
        self.enable_for(None)

    def _action(self, text: str, slot: Callable[[], None], shortcut: Any = None) -> QAction:
        action = QAction(self.tr(text), self.page)
        action.setObjectName(text.replace("&", "").replace("…", "").strip().lower().replace(" ", "_"))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new, self.edit, self.log_call, self.log_visit):
            bar.addAction(action)
        add_menu = QMenu(self.tr("Add"), bar)
        for action in (self.add_site, self.add_equipment, self.add_sale, self.add_plan, self.add_touch):
            add_menu.addAction(action)
        button = QToolButton()
        button.setText(self.tr("Add ▾"))
        button.setObjectName("addMenuButton")
        button.setMenu(add_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(button)
        bar.addSeparator()
        bar.addAction(self.merge)
        bar.addAction(self.delete)
        return bar

    def enable_for(self, customer_id: int | None) -> None:
        for action in self.needs_customer:
            action.setEnabled(customer_id is not None)

    # --- helpers ---------------------------------------------------------------------------
    def _customer(self) -> CustomerDetail | None:
        customer_id = self.page.selected_customer_id()
        return customer_service.customer_detail(customer_id) if customer_id is not None else None

    def _run_form(self, title: str, form: forms.Form, values: dict[str, Any] | None = None) -> Any:
        fields, build = form
        dialog = FormDialog(title, fields, build, values, self.page)
        dialog.setObjectName("formDialog")
        return dialog.result_draft if dialog.exec() == QDialog.DialogCode.Accepted else None

    @staticmethod
    def _site_choices(detail: CustomerDetail) -> list[tuple[str, int]]:
        return [(s.label or s.one_line, s.id) for s in detail.sites]

    @staticmethod
    def _equipment_choices(detail: CustomerDetail) -> list[tuple[str, int]]:
        return [(" ".join(p for p in (e.kind, e.brand, e.model) if p), e.id) for e in detail.equipment]

    def _form_for(self, table: str, detail: CustomerDetail) -> forms.Form:
        sites = self._site_choices(detail)
        return {
            "site": lambda: forms.site_form(detail.id),
            "equipment": lambda: forms.equipment_form(sites),
            "visit": lambda: forms.visit_form(detail.id, sites, self._equipment_choices(detail)),
            "sale": lambda: forms.sale_form(detail.id, sites),
            "service_plan": lambda: forms.plan_form(detail.id, sites),
            "touch": lambda: forms.touch_form(detail.id),
        }[table]()

    # --- actions -----------------------------------------------------------------------------
    def new_customer(self) -> None:
        draft = self._run_form(self.tr("New customer"), forms.customer_form(customer_service.list_segments()))
        if draft is None:
            return
        added: list[int] = []
        if self.editor.guarded(lambda: added.append(self.editor.add_customer(draft))):
            self.page.select_customer(added[0])

    def edit_customer(self) -> None:
        detail = self._customer()
        if detail is None:
            return
        values = customer_form_values(detail)
        draft = self._run_form(
            self.tr("Edit %1").replace("%1", detail.name),
            forms.customer_form(customer_service.list_segments()),
            values,
        )
        if draft is not None:
            self.editor.guarded(
                lambda: self.editor.save_customer(detail.id, detail.draft, draft, detail.version)
            )

    def log_call_now(self) -> None:
        self._log("touch", {"channel": "call", "happened_at": clock.now(), "outcome": "talked"})

    def log_visit_now(self) -> None:
        self._log("visit", {"visited_on": clock.today(), "kind": "maintenance"})

    def _log(self, table: str, values: dict[str, Any]) -> None:
        detail = self._customer()
        if detail is None:
            return
        if table == "visit" and detail.sites:
            values["site_id"] = detail.sites[0].id
        title = self.tr("Log a call with %1") if table == "touch" else self.tr("Log a visit to %1")
        draft = self._run_form(title.replace("%1", detail.name), self._form_for(table, detail), values)
        if draft is not None:
            self.editor.guarded(lambda: self.editor.add_record(draft, title.replace("%1", detail.name)))

    def add(self, table: str) -> None:
        detail = self._customer()
        if detail is None:
            return
        if table == "equipment" and not detail.sites:
            self.page.show_message(self.tr("Add a site first: equipment is installed at a site."))
            return
        defaults: dict[str, Any] = {
            "site": {"is_billing": not detail.sites, "country": "US"},
            "sale": {"sold_on": clock.today()},
            "service_plan": forms.new_plan_values(),
            "touch": {"channel": "call", "happened_at": clock.now()},
            "equipment": {"installed_by_us": True},
        }.get(table, {})
        what = self.tr(RECORD_WORDS[table])
        if i18n.language() == i18n.DEFAULT_LANGUAGE:
            what = with_article(what)  # "a site", "an …", "equipment"; Spanish reads "Agregar equipo"
        title = self.tr("Add %1 for %2").replace("%1", what).replace("%2", detail.name)
        draft = self._run_form(title, self._form_for(table, detail), defaults)
        if draft is not None:
            self.editor.guarded(lambda: self.editor.add_record(draft, title))

    def edit_row(self, tab: int, row: Any) -> None:
        """Edit the record behind a row of a detail tab (double-click or Enter)."""
        table = TAB_TABLES.get(tab)
        detail = self._customer()
        if table is None or detail is None:
            return
        values = record_service.read_record(table, row.id)
        if values is None:
            return
        values = _as_form_values(table, values)
        title = self.tr("Edit %1").replace("%1", self.tr(RECORD_WORDS[table]))
        draft = self._run_form(title, self._form_for(table, detail), values)
        if draft is not None:
            self.editor.guarded(lambda: self.editor.save_record(row.id, draft, title))

    def delete_row(self, tab: int, row: Any) -> None:
        table = TAB_TABLES.get(tab)
        if table is None:
            return
        what = self.tr(RECORD_WORDS[table])
        if confirm(
            self.page,
            self.tr("Delete"),
            self.tr("Delete this %1? You can undo it.").replace("%1", what),
            self.tr("Delete"),
        ):
            undo_text = self.tr("Delete %1").replace("%1", what)
            self.editor.guarded(lambda: self.editor.delete_record(table, row.id, undo_text))

    def delete_customer(self) -> None:
        detail = self._customer()
        if detail is None:
            return
        takes = customer_service.delete_customer_check(detail.id)
        text = (
            self.tr("Delete %1%2? You can undo it with Edit ▸ Undo.")
            .replace("%1", detail.name)
            .replace("%2", self.tr(" with %1").replace("%1", takes) if takes else "")
        )
        if confirm(self.page, self.tr("Delete customer"), text, self.tr("Delete")):
            self.editor.guarded(lambda: self.editor.delete_customer(detail.id, detail.name))

    def merge_duplicate(self) -> None:
        detail = self._customer()
        if detail is None:
            return
        dialog = merge_picker(detail.id, detail.name, self.page)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen_id is None:
            return
        text = self.tr("Merge %1 into %2").replace("%1", dialog.chosen_name).replace("%2", detail.name)
        self.editor.guarded(lambda: self.editor.merge_customers(detail.id, dialog.chosen_id, text))


def merge_picker(keep_id: int, keep_name: str, parent: QWidget) -> CustomerPickerDialog:
    intro = translate(
        "CustomerActions",
        "Find the duplicate of %1. Its sites, equipment, history and contacts move to %1, "
        "empty phone and e-mail fields are filled from it, and then it is removed. "
        "You can undo the merge.",
    ).replace("%1", keep_name)
    return CustomerPickerDialog(
        translate("CustomerActions", "Merge a duplicate"),
        intro,
        translate("CustomerActions", "Merge"),
        exclude_id=keep_id,
        initial_search=keep_name.split(",")[0],
        parent=parent,
    )


def customer_form_values(detail: CustomerDetail) -> dict[str, Any]:
    """The stored customer as the form shows it (phones as people write them)."""
    values = {name: getattr(detail.draft, name) for name in detail.draft.__dataclass_fields__}
    for name in ("phone", "phone_mobile", "phone_work"):
        values[name] = format_phone(values[name])
    return values


def _as_form_values(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """A stored row as a form's values (cents back to money)."""
    values = dict(values)
    if table == "sale":
        values["total"] = f"{values.pop('total_cents', 0) / 100:.2f}"
    if table == "service_plan":
        values["price"] = f"{values.pop('price_cents', 0) / 100:.2f}"
    return values


def install_table_actions(
    view: QTableView, on_edit: Callable[[], None], on_delete: Callable[[], None]
) -> None:
    """Double-click or Enter edits a detail row; Delete removes it (after asking)."""
    view.doubleClicked.connect(lambda _index: on_edit())
    edit = QAction(translate("CustomerActions", "Edit…"), view)
    edit.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    edit.triggered.connect(lambda _checked=False: on_edit())
    delete = QAction(translate("CustomerActions", "Delete…"), view)
    delete.setShortcut(QKeySequence.StandardKey.Delete)
    delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    delete.triggered.connect(lambda _checked=False: on_delete())
    view.addAction(edit)
    view.addAction(delete)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
