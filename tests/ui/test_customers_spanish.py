"""The Customers page and Today's calls in Spanish: the detail's tabs, the last-contact line, the forms'
dates, what a delete takes with it and the undo texts; the same screens in English as they always read.
And two forms that keep what the app set: a partner-sharing consent's day and an incoming contact."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.records import EquipmentDraft, PlanDraft, SiteDraft, TouchDraft
from app.persistence.tables import Opportunity
from app.services import customers as customer_service
from app.services import queue as queue_service
from app.services import records as record_service
from tests.ui.helpers import click_save, close_when_idle, open_window, when_dialog_opens

D = datetime.date
CONTACTS_TAB, PLANS_TAB = 5, 4
REASON = "Furnace installed March 2009, 17 years old; a furnace usually lasts 15–20 years"


@pytest.fixture
def spanish_window(qtbot, database: Path) -> Iterator[Any]:
    window = open_window(qtbot, database, "es")
    yield window
    close_when_idle(window)


def _customer() -> int:
    """A customer with a site, a unit of unknown age, a plan, calls in and out, and an add-on due."""
    customer_id = customer_service.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="4106320571", share_with_partners=True)
    )
    site_id = record_service.add_record(
        SiteDraft(customer_id, street="12 Elm St", city="Towson", postal_code="21204", is_billing=True)
    )
    record_service.add_record(EquipmentDraft(site_id, kind="Furnace", brand="Carrier"))
    record_service.add_record(
        PlanDraft(customer_id, "Comfort Club", D(2026, 5, 19), D(2027, 5, 19), price="129", status="active")
    )
    record_service.add_record(
        TouchDraft(
            customer_id,
            "call",
            datetime.datetime(2026, 10, 2, 9, 30),
            outcome="left message",
            reason="Spring tune-up",
            by_whom="Tasha Greene",
        )
    )
    Opportunity.create(
        customer=customer_id, kind="add_on", reason=REASON, value_cents=48_000, due_on=clock.today(),
        trigger_key=f"test:{customer_id}:add_on",
    )  # fmt: skip
    return customer_id


def _tab(page: Any, number: int) -> list[list[str]]:
    model = page.detail._models()[number]
    heads = [model.headerData(c, _horizontal()) for c in range(model.columnCount())]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [heads, *rows]


def _horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _shown(window: Any, customer_id: int) -> Any:
    page = window.customers_page
    page.load()
    page.select_customer(customer_id)
    return page


def test_the_customer_detail_reads_in_spanish(qtbot, spanish_window) -> None:
    page = _shown(spanish_window, _customer())
    assert _tab(page, 0) == [
        ["Nombre", "Dirección", "Correo", "Notas"],
        ["Facturación", "12 Elm St, Towson, 21204", "", ""],
    ]
    equipment = _tab(page, 1)
    assert equipment[0][0] == "Dirección"
    assert equipment[1][:5] == ["12 Elm St", "Furnace", "Carrier", "", "desconocido"]  # the kind as typed
    assert _tab(page, PLANS_TAB)[1] == [
        "19 may 2027",
        "Comfort Club",
        "Activo · del 19 may 2026 al 19 may 2027 · $129.00 por periodo",
    ]
    assert _tab(page, CONTACTS_TAB)[1] == ["2 oct", "Llamada", "dejé mensaje · Spring tune-up · Tasha Greene"]
    _heads, opportunity = _tab(page, 6)
    assert opportunity[1] == "Complemento"
    assert opportunity[2].startswith("Furnace: instalado en marzo de 2009, tiene 17 años")
    assert opportunity[2].endswith(" · $480.00 · abierta")
    assert page.detail.tabs.tabText(CONTACTS_TAB) == "Contactos (1)"


def test_the_customer_detail_reads_in_english_as_before(qtbot, window) -> None:
    page = _shown(window, _customer())
    assert _tab(page, 0) == [
        ["Site", "Address", "Mail", "Notes"],
        ["Billing", "12 Elm St, Towson, 21204", "", ""],
    ]
    assert _tab(page, 1)[1][4] == "unknown"
    assert _tab(page, PLANS_TAB)[1][2] == "Active · from May 19, 2026 to May 19, 2027 · $129.00 a term"
    assert _tab(page, CONTACTS_TAB)[1] == ["Oct 2", "Call", "left message · Spring tune-up · Tasha Greene"]
    assert _tab(page, 6)[1][1:] == ["Add on", f"{REASON} · $480.00 · open"]


def test_todays_call_says_its_last_contact_in_spanish_and_undo_names_the_outcome(
    qtbot, spanish_window
) -> None:
    customer_id = _customer()
    page = spanish_window.queue_page
    spanish_window.show_page("queue")
    page.show_entries(queue_service.build_queue(clock.today()))
    page.view.selectRow(0)
    lines = page.detail.text().splitlines()
    assert "Último contacto: 2 oct, llamada (dejé mensaje): Spring tune-up, por Tasha Greene" in lines
    assert "  • Complemento: Furnace: instalado en marzo de 2009, tiene 17 años; " in page.detail.text()

    page.outcome_buttons["no_answer"].click()
    assert spanish_window.editor.undo_stack.undoText() == "Registrar llamada con Smith, Ann: no contestó"
    # The call is in the Contacts tab with what it was about, in Spanish.
    contacts = _tab(_shown(spanish_window, customer_id), CONTACTS_TAB)
    assert contacts[1][1:] == [
        "Llamada",
        "no contestó · Complemento: Furnace: instalado en marzo de 2009, tiene 17 años; este tipo de equipo "
        "suele durar de 15 a 20 años",
    ]


def test_todays_call_in_english_as_before(qtbot, window) -> None:
    customer_id = _customer()
    page = window.queue_page
    window.show_page("queue")
    page.show_entries(queue_service.build_queue(clock.today()))
    page.view.selectRow(0)
    assert "Last contact: Oct 2, call (left message): Spring tune-up, by Tasha Greene" in page.detail.text()
    page.outcome_buttons["no_answer"].click()
    assert window.editor.undo_stack.undoText() == "Log call with Smith, Ann: no answer"
    contacts = _tab(_shown(window, customer_id), CONTACTS_TAB)
    assert contacts[1][1:] == ["Call", f"no answer · Add-on: {REASON}"]


def test_deleting_a_customer_says_what_goes_with_them_in_spanish(qtbot, spanish_window, monkeypatch) -> None:
    from ui.pages import customer_actions

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(customer_actions, "confirm", lambda _p, title, text, _a: asked.append((title, text)))
    page = _shown(spanish_window, _customer())
    page.actions.delete_customer()
    assert asked == [
        (
            "Borrar cliente",
            "¿Borrar Smith, Ann con 1 dirección, 1 equipo y 1 contacto? "
            "Puede deshacerlo con Editar ▸ Deshacer.",
        )
    ]


def test_deleting_a_record_is_named_in_spanish_on_the_undo_menu(qtbot, spanish_window, monkeypatch) -> None:
    from ui.pages import customer_actions

    monkeypatch.setattr(customer_actions, "confirm", lambda *_args: True)
    page = _shown(spanish_window, _customer())
    row = page.detail.touches.row_object(0)
    page.actions.delete_row(CONTACTS_TAB, row)
    assert spanish_window.editor.undo_stack.undoText() == "Borrar contacto"


def test_a_forms_dates_read_as_spanish_writes_them(qtbot, spanish_window) -> None:
    seen: dict[str, str] = {}

    def read(dialog: QWidget) -> None:
        seen["when"] = dialog.editors["happened_at"].text()
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    _shown(spanish_window, _customer())
    when_dialog_opens(read)
    spanish_window.customers_page.actions.log_call.trigger()
    assert seen == {"when": "2 dic 2026 10:00 a.m.", "title": "Registrar una llamada con Smith, Ann"}


def test_editing_a_customer_keeps_the_day_they_agreed_to_share(qtbot, window) -> None:
    customer_id = customer_service.add_customer(
        CustomerDraft(
            first_name="Ann", last_name="Smith", share_with_partners=True, share_consent_on=D(2025, 3, 15)
        )
    )
    _shown(window, customer_id)

    def add_a_note(dialog: QWidget) -> None:
        dialog.editors["notes"].setPlainText("Likes mornings")
        click_save(dialog)

    when_dialog_opens(add_a_note)
    window.customers_page.actions.edit.trigger()
    saved = customer_service.customer_detail(customer_id).draft
    assert (saved.notes, saved.share_consent_on) == ("Likes mornings", D(2025, 3, 15))


def test_editing_an_incoming_contact_keeps_it_incoming(qtbot, window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    touch_id = record_service.add_record(
        TouchDraft(
            customer_id, "call", datetime.datetime(2026, 11, 30, 9, 0), reason="No heat", direction="in"
        )
    )
    page = _shown(window, customer_id)
    view = page.detail.views[CONTACTS_TAB]
    view.selectRow(0)

    def change_reason(dialog: QWidget) -> None:
        dialog.editors["reason"].setText("No heat upstairs")
        click_save(dialog)

    when_dialog_opens(change_reason)
    page._on_row(CONTACTS_TAB, view, page.actions.edit_row)
    stored = record_service.read_record("touch", touch_id)
    assert (stored["reason"], stored["direction"]) == ("No heat upstairs", "in")


def test_the_owners_sites_and_segments_are_offered_as_typed_in_spanish(qtbot, spanish_window) -> None:
    from ui.dialogs import forms
    from ui.dialogs.form_dialog import FormWidget

    def offered(form: forms.Form, name: str) -> list[str]:
        widget = FormWidget(*form)
        qtbot.addWidget(widget)
        combo = widget.editors[name]
        return [combo.itemText(i) for i in range(combo.count())]

    # "Home" is the owner's name for the site, not the call sheet's "Casa"; "Maintenance" is the app's word.
    visit = forms.visit_form(1, [("Home", 11)], [("Furnace Carrier", 21)])
    assert offered(visit, "site_id") == ["(ninguno)", "Home"]
    assert offered(visit, "equipment_id") == ["(ninguno)", "Furnace Carrier"]
    assert "Mantenimiento" in offered(visit, "kind")
    assert offered(forms.customer_form([(3, "Commercial")]), "segment_id") == ["(ninguno)", "Commercial"]


def test_a_new_moment_starts_at_the_apps_clock(qtbot, database: Path) -> None:
    """A form's date and moment start on the app's one clock (tests' 2 December 2026, 10:00)."""
    from ui.dialogs import forms
    from ui.dialogs.form_dialog import FormWidget

    touch, sale = FormWidget(*forms.touch_form(1)), FormWidget(*forms.sale_form(1, []))
    qtbot.addWidget(touch)
    qtbot.addWidget(sale)
    assert touch.values()["happened_at"] == datetime.datetime(2026, 12, 2, 10, 0)
    assert sale.values()["sold_on"] == D(2026, 12, 2)
