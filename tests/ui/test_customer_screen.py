"""The customer screen shows what the record holds: notes, each unit's site, the lifetime value; a site
without a street can be saved back; Tab leaves the list; forms start where one types; words agree."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.records import EquipmentDraft, PlanDraft, SaleDraft, SiteDraft
from app.services import customers as customer_service
from app.services import records as record_service
from app.services import stats as stats_service
from tests.ui.helpers import click_save, when_dialog_opens


def _shown(window, customer_id: int):
    window.show_page("customers")
    page = window.customers_page
    page.load()
    page.select_customer(customer_id)
    return page


def test_the_notes_are_on_the_customer_screen(window) -> None:
    customer_id = customer_service.add_customer(
        CustomerDraft(
            first_name="Ann", last_name="Smith", phone="410-555-0100", notes="Phone ext. x12\nlikes mornings"
        )
    )
    detail = _shown(window, customer_id).detail
    assert detail.notes.isVisible()
    assert "x12" in detail.notes.text() and "likes mornings" in detail.notes.text()

    other = customer_service.add_customer(CustomerDraft(first_name="Bob", last_name="Jones"))
    _shown(window, other)
    assert not detail.notes.isVisible()  # no empty "Notes:" box


def test_equipment_says_which_site_it_is_at(window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    home = record_service.add_record(
        SiteDraft(customer_id, label="Home", street="12 Elm St", city="Towson", is_billing=True)
    )
    rental = record_service.add_record(SiteDraft(customer_id, street="9 Bay Rd", city="Dundalk"))
    # Installed in an order that would mix the two sites' units.
    record_service.add_record(EquipmentDraft(rental, kind="Furnace", installed_on=datetime.date(2005, 1, 1)))
    record_service.add_record(
        EquipmentDraft(home, kind="Water heater", installed_on=datetime.date(2010, 1, 1))
    )
    record_service.add_record(
        EquipmentDraft(rental, kind="Water heater", installed_on=datetime.date(2015, 1, 1))
    )
    model = _shown(window, customer_id).detail.equipment
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Site"
    rows = [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]
    assert rows == [("Home", "Water heater"), ("9 Bay Rd", "Furnace"), ("9 Bay Rd", "Water heater")]


def test_the_lifetime_value_is_on_the_record_as_the_dashboard_adds_it_up(window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    today = clock.today()
    record_service.add_record(SaleDraft(customer_id, today, description="Furnace", total="1200"))
    record_service.add_record(
        PlanDraft(customer_id, "Comfort Club", today, today + datetime.timedelta(days=365), price="300.50")
    )
    detail = _shown(window, customer_id).detail
    assert detail.lifetime_value.text() == "Lifetime value: $1,500.50"
    # One customer: the dashboard's total is theirs, added up by the same query.
    assert stats_service.headline_stats(today).lifetime_value_total == stats_service.customer_lifetime_value(
        customer_id
    )


def test_an_imported_site_without_a_street_can_be_saved_back(qtbot, window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    site_id = record_service.add_record(
        SiteDraft(customer_id, street="x", city="Towson", postal_code="21204")
    )
    record_service.write_columns("site", site_id, {"street": ""})  # as an import writes it: no street
    page = _shown(window, customer_id)
    sites = page.detail.sites
    assert sites.index(0, 2).data() == "Can't be mailed: no street"  # said where it matters
    seen = {}

    def rename(dialog: QWidget) -> None:
        seen["errors"] = dialog.error_text()
        dialog.editors["label"].setText("Lake house")
        click_save(dialog)

    when_dialog_opens(rename)
    view = page.detail.views[0]
    view.selectRow(0)
    page._on_row(0, view, page.actions.edit_row)
    assert "Street" not in seen["errors"]
    assert record_service.read_record("site", site_id)["label"] == "Lake house"


def test_tab_leaves_the_customer_list_without_changing_the_customer(qtbot, three_customers, window) -> None:
    page = window.customers_page
    page.table.selectRow(0)
    chosen = page.selected_customer_id()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    for _ in range(page.model.columnCount() + 1):  # more than a row's cells: it used to reach the next row
        qtbot.keyClick(QWidget.focusWidget(page.window()) or page.table, Qt.Key.Key_Tab)
    assert page.selected_customer_id() == chosen
    assert not page.table.hasFocus()


def test_new_customer_starts_in_the_first_text_field(qtbot, window) -> None:
    seen = {}

    def look(dialog: QWidget) -> None:
        seen["focus"] = dialog.focusWidget().objectName()
        dialog.reject()

    when_dialog_opens(look)
    window.customers_page.actions.new.trigger()
    assert seen["focus"] == "first_name"  # not "kind", the choice that comes first


def test_add_titles_take_the_right_article(qtbot, window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    record_service.add_record(SiteDraft(customer_id, street="12 Elm St", city="Towson"))
    page = _shown(window, customer_id)
    titles = []

    def note_title(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        dialog.reject()

    for action in (page.actions.add_equipment, page.actions.add_site, page.actions.add_plan):
        when_dialog_opens(note_title)
        action.trigger()
    assert titles == [
        "Add equipment for Smith, Ann",
        "Add a site for Smith, Ann",
        "Add a service plan for Smith, Ann",
    ]
