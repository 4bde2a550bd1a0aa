"""What the owner sees is never stale: who is due shows at once, and edits and the new day move it."""

from __future__ import annotations

import datetime

from app.domain.customers import CustomerDraft
from app.domain.records import EquipmentDraft, SiteDraft
from app.services import customers as customer_service
from app.services import opportunities as opportunity_service
from app.services import records as record_service
from ui.events import data_events


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)


def test_the_demo_shows_who_is_due_without_pressing_anything(qtbot, window) -> None:
    window.create_demo(150)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.current_page_key() == "customers", timeout=10_000)
    assert opportunity_service.list_open_opportunities()  # worked out in the background

    window.show_page("queue")
    wait_idle(qtbot, window)
    page = window.queue_page
    assert page.entries.rowCount() > 0
    assert "nobody is due" not in page.heading.text()


def test_an_edit_brings_its_opportunity_at_once_and_undo_takes_it_back(qtbot, window) -> None:
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    site_id = record_service.add_record(SiteDraft(customer_id, street="12 Oak St", city="Salisbury"))
    data_events().changed()
    wait_idle(qtbot, window)
    assert not opportunity_service.list_open_opportunities()

    furnace = EquipmentDraft(site_id, kind="Furnace", installed_on=datetime.date(2009, 10, 1))
    window.editor.add_record(furnace, "Add a furnace")
    wait_idle(qtbot, window)
    kinds = {o.kind for o in opportunity_service.list_open_opportunities()}
    assert "replacement" in kinds  # a 17-year-old furnace, no button pressed

    window.undo_action.trigger()
    wait_idle(qtbot, window)
    assert "replacement" not in {o.kind for o in opportunity_service.list_open_opportunities()}


def test_the_turn_of_the_day_is_noticed(qtbot, window, clock) -> None:
    window.show_page("queue")
    wait_idle(qtbot, window)
    started = []
    window.runner.job_started.connect(started.append)
    clock.advance(days=1)
    window._look_for_changes()  # what the window's minute timer does
    wait_idle(qtbot, window)
    assert "Working out who is due…" in started
    assert window.queue_page.day == clock.today()


def test_after_the_gui_demo_the_settings_page_shows_its_letterhead(qtbot, window) -> None:
    """The page reloads when shown: no blank form that Save would write over the letterhead."""
    window.show_page("settings")
    assert window.settings_page.form.editors["company_name"].text() == ""
    window.create_demo(40)
    wait_idle(qtbot, window)
    window.show_page("settings")
    assert window.settings_page.form.editors["company_name"].text() != ""


def test_a_closed_window_no_longer_answers_changes(qtbot, window) -> None:
    """Until Qt deletes it, a closed window would reload pages and start jobs for changes it no longer shows:
    it stops listening when it closes."""
    started = []
    window.runner.job_started.connect(started.append)
    window.close()
    customer_service.add_customer(CustomerDraft(first_name="Cy", last_name="Later"))
    assert "customer" in data_events().changed()
    assert started == []
