"""The follow-up queue: who is in it, when they may be called, in what order, and what a logged call does."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain import clock
from app.domain.errors import UserError
from app.domain.respect import is_marketing, may_call_at
from app.domain.settings import DEFAULT_QUIET_HOURS, BusinessSettings
from app.persistence.tables import Customer, Equipment, Opportunity, Segment, Site, Touch
from app.services.demo import build_demo
from app.services.opportunities import missing_information, recompute_opportunities
from app.services.queue import build_queue, log_outcome, plan_day
from app.services.settings import save_settings

DAY = datetime.date(2026, 4, 1)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def customer(name: str, **fields: object) -> Customer:
    return Customer.create(display_name=name, **({"phone": "+14105550123"} | fields))


def opp(
    who: Customer, kind: str = "replacement", due: datetime.date = DAY, cents: int = 100_000, **fields
) -> int:
    key = f"test:{who.id}:{kind}:{Opportunity.select().count()}"
    return Opportunity.create(
        customer=who, kind=kind, reason=f"{kind} for {who.display_name}", value_cents=cents, due_on=due,
        trigger_key=key, **fields,
    ).id  # fmt: skip


def names(entries) -> list[str]:
    return [entry.name for entry in entries]


def marketing_touch(who: Customer, on: datetime.date) -> None:
    at = datetime.datetime.combine(on, t("10:00"))
    Touch.create(customer=who, channel="mail", happened_at=at, is_marketing=True, outcome="sent")


# ---------------------------------------------------------------- who is in it


def test_only_customers_who_may_be_called_are_in_the_queue(db) -> None:
    for name, fields in [
        ("Callable", {}),
        ("Refuses calls", {"do_not_call": True}),
        ("Not serviced", {"do_not_service": True}),
        ("No phone", {"phone": ""}),
        ("Mobile only", {"phone": "", "phone_mobile": "+14435550188"}),
        ("Refuses mail only", {"do_not_mail": True}),
    ]:
        opp(customer(name, **fields))
    assert sorted(names(build_queue(DAY))) == ["Callable", "Mobile only", "Refuses mail only"]
    missing = [m for m in missing_information(DAY) if m.category == "customer"]
    assert [(m.name, m.field) for m in missing] == [("No phone", "phone")]


def test_only_what_is_due_and_awake(db) -> None:
    ann = customer("Ann")
    opp(ann, due=DAY + days(1))
    opp(customer("Bob"), status="snoozed", snoozed_until=DAY + days(1))
    opp(customer("Cid"), status="snoozed", snoozed_until=DAY)
    opp(customer("Dee"), status="dismissed")
    opp(customer("Eve"), status="won")
    assert names(build_queue(DAY)) == ["Cid"]
    assert sorted(names(build_queue(DAY + days(1)))) == ["Ann", "Bob", "Cid"]


@pytest.mark.parametrize(
    ("window", "now", "suggested"),
    [
        (("", ""), None, "09:00"),
        (("", ""), "17:29", "17:29"),
        (("", ""), "17:30", "19:30"),  # nobody is called at dinner time
        (("", ""), "20:30", None),
        (("17:00", "19:30"), None, "17:00"),
        (("17:00", "19:30"), "17:29", "17:29"),
        (("17:00", "19:30"), "17:30", None),
        (("09:00", "11:00"), "11:00", None),
    ],
)
def test_call_times_respect_quiet_hours_and_the_customer_window(
    db, window: tuple[str, str], now: str | None, suggested: str | None
) -> None:
    opp(customer("Ann", call_window_start=window[0], call_window_end=window[1]))
    queue = build_queue(DAY, now=t(now) if now else None)
    assert [entry.suggested_time for entry in queue] == ([t(suggested)] if suggested else [])


def test_quiet_hours_come_from_the_settings(db) -> None:
    save_settings(BusinessSettings(quiet_hours=(("00:00", "10:00"),)))
    opp(customer("Ann"))
    assert build_queue(DAY)[0].suggested_time == t("10:00")


@pytest.mark.parametrize(("last_marketing_days_ago", "in_queue"), [(29, False), (30, True)])
def test_at_most_one_marketing_contact_per_30_days(db, last_marketing_days_ago: int, in_queue: bool) -> None:
    ann = customer("Ann")
    opp(ann, "replacement")
    marketing_touch(ann, DAY - days(last_marketing_days_ago))
    assert names(build_queue(DAY)) == (["Ann"] if in_queue else [])


def test_the_marketing_gap_holds_back_the_sale_but_not_the_service(db) -> None:
    ann = customer("Ann")
    opp(ann, "replacement", cents=500_000)
    opp(ann, "renewal", cents=18_900)
    marketing_touch(ann, DAY - days(5))
    (entry,) = build_queue(DAY)
    assert [reason.kind for reason in entry.reasons] == ["renewal"]
    assert entry.value == Decimal("189.00")


def test_the_order_due_date_then_value_with_an_old_backlog_ranked_by_value(db) -> None:
    opp(customer("Soon small"), due=DAY - days(3), cents=10_000)
    opp(customer("Soon big"), due=DAY - days(3), cents=500_000)
    opp(customer("Today"), due=DAY, cents=900_000)
    opp(customer("Ancient small"), due=DAY - days(800), cents=5_000)
    opp(customer("Old big"), due=DAY - days(40), cents=20_000)
    assert names(build_queue(DAY)) == ["Old big", "Ancient small", "Soon big", "Soon small", "Today"]
    assert names(build_queue(DAY, limit=2)) == ["Old big", "Ancient small"]


def test_an_entry_carries_what_the_call_needs(db) -> None:
    segment = Segment.create(
        name="Retiree", pitch="No surprises", talking_points="Safety first\nSenior discount"
    )
    ann = customer("Núñez, José", phone_mobile="+14435550188", segment=segment, call_window_start="09:00",
                   call_window_end="11:00")  # fmt: skip
    home = Site.create(customer=ann, label="Home", street="12 Oak St", city="Towson", is_billing=True)
    Equipment.create(
        site=home, kind="Furnace", brand="Carrier", model="58SB0B080", installed_on=datetime.date(2009, 3, 15)
    )
    Equipment.create(site=home, kind="Boiler", installed_on=None)
    at = datetime.datetime(2026, 3, 2, 9, 30)
    Touch.create(
        customer=ann,
        channel="call",
        happened_at=at,
        outcome="talked",
        reason="Asked about a tune-up",
        by_whom="Donna",
    )
    first = opp(ann, "replacement", due=DAY - days(10), cents=380_000)
    second = opp(ann, "maintenance_due", due=DAY, cents=9_450)
    (entry,) = build_queue(DAY, now=t("08:15"))
    assert entry.phones == (("Phone", "(410) 555-0123"), ("Mobile", "(443) 555-0188"))
    assert entry.address == "12 Oak St, Towson"
    assert (entry.segment, entry.pitch, entry.talking_points) == (
        "Retiree",
        "No surprises",
        ("Safety first", "Senior discount"),
    )
    assert [e.describe() for e in entry.equipment] == [
        "Furnace, Carrier 58SB0B080, installed 2009 (17 years)",
        "Boiler, install date unknown",
    ]
    # The year is said only when it is not this year (the tests' clock stands in 2026).
    assert entry.last_contact.describe() == "Mar 2, call (talked): Asked about a tune-up, by Donna"
    later = entry.last_contact.describe(today=datetime.date(2027, 1, 4))
    assert later == "Mar 2, 2026, call (talked): Asked about a tune-up, by Donna"
    assert entry.opportunity_ids == (first, second)
    assert (entry.due, entry.value, entry.call_window) == (
        DAY - days(10),
        Decimal("3894.50"),
        "9:00–11:00 AM",
    )
    assert (entry.suggested_time, entry.call_times) == (t("09:00"), "9:00–11:00 AM")


# ---------------------------------------------------------------- a day's capacity

TODAY = datetime.date(2026, 12, 2)  # the tests' clock


def five_due_today() -> None:
    """C0 to C4, all due today, C0 the most valuable; and one more who is due tomorrow."""
    for i in range(5):
        opp(customer(f"C{i}"), due=TODAY, cents=(10 - i) * 10_000)
    opp(customer("Tomorrow"), due=TODAY + days(1), cents=900_000)


def test_a_day_holds_its_calls_per_day_and_the_rest_roll_to_the_next_days(db) -> None:
    save_settings(BusinessSettings(calls_per_day=2))
    five_due_today()
    plan = plan_day(TODAY)
    assert names(plan.entries) == ["C0", "C1"]
    assert (plan.room, plan.called, plan.waiting, plan.due) == (2, 0, 3, 5)
    # The next day starts with what today had no room for, before what only comes due then.
    week = [names(build_queue(TODAY + days(n))) for n in range(4)]
    assert week == [["C0", "C1"], ["C2", "C3"], ["C4", "Tomorrow"], []]
    assert [names(build_queue(TODAY + days(n))) for n in range(4)] == week  # the same every time
    assert names(build_queue(TODAY, limit=4)) == ["C0", "C1", "C2", "C3"]  # a limit instead of the setting


def test_calls_logged_use_up_the_day_so_the_list_does_not_refill(db) -> None:
    save_settings(BusinessSettings(calls_per_day=2))
    five_due_today()
    log_outcome(build_queue(TODAY)[0], "no_answer", when=clock.now())
    plan = plan_day(TODAY)
    assert names(plan.entries) == ["C1"] and (plan.called, plan.waiting) == (1, 3)
    assert names(build_queue(TODAY + days(1))) == ["C2", "C3"]
    assert names(build_queue(TODAY + days(2))) == ["C0", "C4"]  # no answer: tried again two days later


def test_todays_calls_are_the_sheets_list_less_the_windows_gone_by(db) -> None:
    save_settings(BusinessSettings(calls_per_day=3))
    opp(customer("Morning", call_window_start="09:00", call_window_end="10:00"), due=TODAY, cents=900_000)
    opp(customer("Any time"), due=TODAY, cents=500_000)
    opp(customer("Evening", call_window_start="19:00", call_window_end="21:00"), due=TODAY, cents=400_000)
    opp(customer("Fourth"), due=TODAY, cents=100)
    sheet = build_queue(TODAY)
    assert [(e.name, e.suggested_time) for e in sheet] == [
        ("Morning", t("09:00")),
        ("Any time", t("09:00")),
        ("Evening", t("19:30")),  # the first time in their window after the dinner-time quiet hours
    ]
    assert sheet[2].call_times == "7:30–8:30 PM" and sheet[2].call_window == "7:00–9:00 PM"
    # At 10:00 the morning call can no longer be made; nobody takes its place on the day's list.
    page = build_queue(TODAY, now=t("10:00"))
    assert [(e.name, e.suggested_time) for e in page] == [("Any time", t("10:00")), ("Evening", t("19:30"))]
    assert names(build_queue(TODAY + days(1))) == ["Fourth"]


# ---------------------------------------------------------------- logging a call


def test_no_answer_tries_again_in_two_days(db) -> None:
    ann = customer("Ann")
    opp(ann)
    (entry,) = build_queue(DAY)
    logged = log_outcome(entry, "no_answer", when=datetime.datetime(2026, 4, 1, 10, 5), by_whom="Donna")
    assert (logged.status, logged.next_try) == ("contacted", DAY + days(2))
    touch = Touch.get_by_id(logged.touch_id)
    assert (touch.outcome, touch.channel, touch.by_whom, touch.is_marketing) == (
        "no answer",
        "call",
        "Donna",
        False,
    )
    assert names(build_queue(DAY + days(1))) == []
    assert names(build_queue(DAY + days(2))) == ["Ann"]


def test_a_left_message_waits_three_days_and_does_not_use_up_the_marketing_gap(db) -> None:
    ann = customer("Ann")
    opp(ann, "replacement")
    logged = log_outcome(build_queue(DAY)[0], "left_message", when=datetime.datetime(2026, 4, 1, 11))
    assert logged.next_try == DAY + days(3)
    assert names(build_queue(DAY + days(2))) == []
    assert names(build_queue(DAY + days(3))) == ["Ann"]


def test_a_pitch_they_heard_counts_as_the_marketing_contact(db) -> None:
    ann = customer("Ann")
    first = opp(ann, "replacement")
    later = opp(ann, "add_on", due=DAY + days(1))
    logged = log_outcome(first, "not_interested", when=datetime.datetime(2026, 4, 1, 11))
    assert Opportunity.get_by_id(first).status == "lost" and logged.next_try is None
    assert Touch.get_by_id(logged.touch_id).is_marketing
    assert names(build_queue(DAY + days(29))) == []  # the add-on waits for the marketing gap
    assert names(build_queue(DAY + days(30))) == ["Ann"]
    assert Opportunity.get_by_id(later).status == "open"


def test_booked_wins_what_the_call_was_about_and_leaves_the_rest_to_come_back(db) -> None:
    ann = customer("Ann")
    # A customer with many reasons at once: the call leads with the earliest due, then the biggest.
    lead = opp(ann, "replacement", due=DAY - days(3), cents=1_200_000)
    rest = [opp(ann, "renewal", cents=30_000), opp(ann, "add_on", cents=45_000)]
    rest += [opp(ann, "maintenance_due", due=DAY - days(1), cents=20_000) for _ in range(10)]
    (entry,) = build_queue(DAY)
    assert entry.reasons[0].opportunity_id == lead and len(entry.reasons) == 13
    logged = log_outcome(entry, "booked", when=datetime.datetime(2026, 4, 1, 11))
    assert (logged.opportunity_ids, logged.status) == ((lead,), "won")
    assert (sorted(logged.other_ids), logged.others_status) == (sorted(rest), "contacted")
    assert logged.others_next_try == DAY + days(30)
    assert Opportunity.get_by_id(lead).status == "won"
    assert {Opportunity.get_by_id(i).status for i in rest} == {"contacted"}  # not won, not lost
    assert {Opportunity.get_by_id(i).snoozed_until for i in rest} == {DAY + days(30)}
    touch = Touch.get_by_id(logged.touch_id)
    assert (touch.outcome, touch.opportunity_id) == ("booked", lead)
    assert build_queue(DAY) == [] and build_queue(DAY + days(29)) == []
    (later,) = build_queue(DAY + days(30))  # the other reasons come back, the booked one does not
    assert sorted(r.opportunity_id for r in later.reasons) == sorted(rest)


def test_not_interested_loses_the_pitch_and_rests_the_other_reasons_for_a_season(db) -> None:
    """Not interested in a new furnace is not "never call about the plan renewal": that one rests 90 days."""
    ann = customer("Ann")
    lead = opp(ann, "replacement", due=DAY - days(3), cents=1_200_000)
    rest = [opp(ann, "renewal", cents=30_000), opp(ann, "add_on", cents=45_000)]
    (entry,) = build_queue(DAY)
    logged = log_outcome(entry, "not_interested", when=datetime.datetime(2026, 4, 1, 11))
    assert (logged.opportunity_ids, logged.status) == ((lead,), "lost")
    assert {Opportunity.get_by_id(i).status for i in rest} == {"contacted"}
    assert build_queue(DAY + days(89)) == []
    (later,) = build_queue(DAY + days(90))
    assert sorted(r.opportunity_id for r in later.reasons) == sorted(rest)


def test_the_owner_may_say_which_reason_was_booked(db) -> None:
    ann = customer("Ann")
    first, second = opp(ann, "replacement", due=DAY - days(1)), opp(ann, "renewal")
    logged = log_outcome(
        build_queue(DAY)[0], "booked", when=datetime.datetime(2026, 4, 1, 11), booked_opportunity_id=second
    )
    assert (logged.opportunity_ids, logged.other_ids) == ((second,), (first,))
    assert [Opportunity.get_by_id(i).status for i in (first, second)] == ["contacted", "won"]
    assert Touch.get_by_id(logged.touch_id).opportunity_id == second


def test_booking_by_opportunity_wins_that_one_only(db) -> None:
    ann = customer("Ann")
    booked, other = opp(ann, "renewal"), opp(ann, "maintenance_due")
    logged = log_outcome(booked, "booked", when=datetime.datetime(2026, 4, 1, 11))
    assert (logged.opportunity_ids, logged.other_ids) == ((booked,), ())
    assert [Opportunity.get_by_id(i).status for i in (booked, other)] == ["won", "open"]


def test_do_not_call_again_is_respected_from_then_on(db) -> None:
    ann = customer("Ann")
    opp(ann, "renewal")
    version = ann.version
    logged = log_outcome(build_queue(DAY)[0], "do_not_call_again", when=datetime.datetime(2026, 4, 1, 11))
    refreshed = Customer.get_by_id(ann.id)
    assert logged.do_not_call and refreshed.do_not_call and refreshed.version == version + 1
    opp(ann, "check_in")
    assert build_queue(DAY + days(60)) == []


def test_bad_outcomes_are_refused(db) -> None:
    ann = customer("Ann")
    first = opp(ann)
    with pytest.raises(UserError) as error:
        log_outcome(first, "maybe later")
    assert error.value.field == "outcome"
    with pytest.raises(UserError):
        log_outcome(99_999, "booked")
    with pytest.raises(UserError):
        log_outcome(first, "booked", when=clock.now() + datetime.timedelta(days=1))
    assert Touch.select().count() == 0


# ---------------------------------------------------------------- the demo business


def test_a_believable_queue_on_the_demo_business(db) -> None:
    build_demo(customers=300, seed=3, today=DAY)
    summary = recompute_opportunities(today=DAY)
    assert summary.total_raised > 100
    queue = build_queue(DAY, now=t("10:00"))
    assert len(queue) >= 20
    flags = {
        c.id: c for c in Customer.select().where(Customer.id.in_([entry.customer_id for entry in queue]))
    }
    marketed = {
        touch.customer_id
        for touch in Touch.select().where(
            Touch.is_marketing & (Touch.happened_at >= datetime.datetime(2026, 3, 4))
        )
    }
    assert len({entry.customer_id for entry in queue}) == len(queue)
    for entry in queue:
        who = flags[entry.customer_id]
        assert not (who.do_not_call or who.do_not_service)
        assert entry.phones and entry.reasons and all(reason.reason for reason in entry.reasons)
        assert may_call_at(
            entry.suggested_time, DEFAULT_QUIET_HOURS, who.call_window_start, who.call_window_end
        )
        assert entry.suggested_time >= t("10:00")
        if entry.customer_id in marketed:
            assert not any(is_marketing(reason.kind) for reason in entry.reasons)
    whole_day = build_queue(DAY, limit=10_000)
    assert len(build_queue(DAY)) == 40 < len(whole_day)  # a day's capacity, the setting's default
    assert not any(t("17:30") <= entry.suggested_time < t("19:30") for entry in whole_day)
    assert len(build_queue(DAY, limit=10)) == 10
    assert {kind for entry in whole_day for kind in (r.kind for r in entry.reasons)} >= {
        "replacement",
        "check_in",
        "renewal",
    }
