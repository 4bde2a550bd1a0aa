"""Today's calls: one "Booked" click wins what the call was about, not every reason of the customer;
the list's dates say their year when it is not this one."""

from __future__ import annotations

import datetime
from dataclasses import replace

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.persistence.tables import Opportunity
from app.services import customers as customer_service
from app.services import queue as queue_service


def _opportunity(customer_id: int, kind: str, due: datetime.date, cents: int) -> int:
    key = f"test:{customer_id}:{kind}:{Opportunity.select().count()}"
    return Opportunity.create(
        customer=customer_id, kind=kind, reason=f"{kind} due", value_cents=cents, due_on=due, trigger_key=key
    ).id


def test_booked_wins_the_call_s_reason_and_leaves_the_others_contacted(qtbot, window) -> None:
    today = clock.today()  # 2 December 2026
    ann = customer_service.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="4106320571")
    )
    bob = customer_service.add_customer(
        CustomerDraft(first_name="Bob", last_name="Jones", phone="4105552368")
    )
    lead = _opportunity(ann, "replacement", datetime.date(2025, 12, 30), 1_250_000)  # due last year
    others = [_opportunity(ann, "maintenance_due", today, 10_000 + n) for n in range(12)]
    _opportunity(bob, "renewal", datetime.date(2026, 11, 20), 30_000)
    window.show_page("queue")
    page = window.queue_page
    page.show_entries(queue_service.build_queue(today))

    due = {page.entries.row_object(r).name: page.entries.data(page.entries.index(r, 5)) for r in range(2)}
    assert due == {"Smith, Ann": "Dec 30, 2025", "Jones, Bob": "Nov 20"}  # the year only when not this one
    assert page.heading.text().startswith("Calls for Wednesday, December 2:")
    page.view.selectRow(0)
    assert page.selected_entry().name == "Smith, Ann"
    assert "replacement due" in page.outcome_buttons["booked"].toolTip()
    assert "12 other reasons will be marked contacted" in page.detail.text()

    page.outcome_buttons["booked"].click()

    assert Opportunity.get_by_id(lead).status == "won"
    assert {Opportunity.get_by_id(i).status for i in others} == {"contacted"}
    assert {Opportunity.get_by_id(i).snoozed_until for i in others} == {today + datetime.timedelta(days=30)}
    assert page.entries.rowCount() == 1 and page.selected_entry().name == "Jones, Bob"
    assert Opportunity.get_by_id(lead).status == "won"  # nothing the page did next changed it


def test_todays_calls_hold_the_days_share_and_say_how_many_wait(qtbot, window, clock) -> None:
    from app.domain.settings import BusinessSettings
    from app.services.settings import save_settings

    today = clock.today()
    save_settings(BusinessSettings(calls_per_day=3))
    for n in range(5):
        who = customer_service.add_customer(
            CustomerDraft(first_name=f"P{n}", last_name="Smith", phone=f"410555{2360 + n}")
        )
        _opportunity(who, "renewal", today, 90_000 - n)
    window.show_page("queue")
    page = window.queue_page
    clock.set(datetime.datetime.combine(today, datetime.time(8, 0)))  # before the quiet hours end
    page.show_plan(queue_service.plan_day(today, now=clock.now().time()))

    assert page.entries.rowCount() == 3  # the day's calls, as the call sheet prints them
    shown = [page.entries.row_object(r).name for r in range(3)]
    assert shown == [entry.name for entry in queue_service.build_queue(today)]
    assert page.heading.text().endswith("3 customers (2 more wait for the next days)")
    assert page.entries.data(page.entries.index(0, 0)) == "9:00 AM"
    page.view.selectRow(0)
    assert "Call at 9:00 AM; may call 9:00 AM–5:30 PM, 7:30–8:30 PM (no preferred time)" in page.detail.text()


def test_late_in_the_day_the_screen_and_the_sheet_say_who_can_no_longer_be_called(
    qtbot, window, clock, tmp_path
) -> None:
    """At 6 PM a customer who takes calls only until 5 is left out, on the screen and on the printed sheet
    alike, and both say so; the evening one is suggested for 7:30 PM on both."""
    import pdfplumber

    from app.services.callsheet import print_callsheet

    today = clock.today()
    for n, (start, end) in enumerate([("09:00", "17:00"), ("19:30", "20:30")]):
        draft = CustomerDraft(first_name=f"P{n}", last_name="Smith", phone=f"410555{2360 + n}")
        who = customer_service.add_customer(replace(draft, call_window_start=start, call_window_end=end))
        _opportunity(who, "renewal", today, 90_000 - n)
    clock.set(datetime.datetime.combine(today, datetime.time(18, 0)))
    window.show_page("queue")
    page = window.queue_page
    qtbot.waitUntil(lambda: not window.runner.busy and page.entries.rowCount() == 1, timeout=20_000)
    assert page.heading.text().endswith("1 customer; 1 call left out: their calling hours are over for today")
    assert page.entries.data(page.entries.index(0, 0)) == "7:30 PM"
    print_callsheet(tmp_path / "calls.pdf")
    with pdfplumber.open(tmp_path / "calls.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "1. Smith, P1 Call at 7:30 PM" in text and "P0" not in text
    assert "1 call left out: their calling hours are over for today" in text


def test_edit_undo_takes_a_logged_call_back_and_redo_logs_it_again(qtbot, window) -> None:
    """A wrong click on "Do not call again" is not forever: Ctrl+Z puts the customer back as they were."""
    from app.persistence.tables import Customer, Touch

    today = clock.today()
    ann = customer_service.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="4106320571")
    )
    first = _opportunity(ann, "replacement", today, 1_250_000)
    second = _opportunity(ann, "upgrade", today, 300_000)
    window.show_page("queue")
    page = window.queue_page
    page.show_entries(queue_service.build_queue(today))
    page.view.selectRow(0)

    page.outcome_buttons["do_not_call_again"].click()
    assert Customer.get_by_id(ann).do_not_call
    assert {Opportunity.get_by_id(i).status for i in (first, second)} == {"lost"}
    assert window.undo_action.text().replace("&", "") == "Undo Log call with Smith, Ann: do not call again"

    window.undo_action.trigger()
    assert not Customer.get_by_id(ann).do_not_call
    assert {Opportunity.get_by_id(i).status for i in (first, second)} == {"open"}
    assert Touch.select().where(Touch.customer == ann).count() == 0
    qtbot.waitUntil(lambda: page.entries.rowCount() == 1, timeout=20_000)  # back on today's list

    window.redo_action.trigger()
    assert Customer.get_by_id(ann).do_not_call
    assert Touch.select().where(Touch.customer == ann).count() == 1
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)  # the page's reload after the redo


def test_a_reason_that_names_its_price_is_not_priced_twice(qtbot, window) -> None:
    """ "the next step up is the Boiler ($11,000.00)" stays as it is; a check-in is worth no money."""
    from ui.pages.queue_page import describe_entry

    today = clock.today()
    ann = customer_service.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="4106320571")
    )
    for kind, reason, cents in [
        ("upgrade", "the next step up is the Condensing boiler ($11,000.00)", 1_100_000),
        ("check_in", "last spoken with December 31, 2025", 0),
    ]:
        Opportunity.create(customer=ann, kind=kind, reason=reason, value_cents=cents, due_on=today,
                           trigger_key=f"test:{kind}")  # fmt: skip
    Opportunity.create(customer=ann, kind="upgrade", reason="the next step up is the Heat pump ($9,800.00)",
                       value_cents=980_000, due_on=today, trigger_key="test:upgrade:2")  # fmt: skip
    window.show_page("queue")  # the page works out the day's list itself
    page = window.queue_page
    qtbot.waitUntil(lambda: not window.runner.busy and page.entries.rowCount() == 1, timeout=20_000)
    entry = page.entries.row_object(0)
    assert page.entries.data(page.entries.index(0, 3)) == "Upgrade; Check-in"  # each kind once
    text = describe_entry(entry)
    assert "Upgrade: the next step up is the Condensing boiler ($11,000.00)\n" in text
    assert "Check-in: last spoken with December 31, 2025\n" in text and "$0.00" not in text
