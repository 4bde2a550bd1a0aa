"""Respect rules at their edges: refused channels, quiet hours, call windows, the marketing gap."""

from __future__ import annotations

import datetime

import pytest

from app.domain.kinds import Channel, OpportunityKind
from app.domain.respect import (
    CALL_OUTCOMES,
    ContactFlags,
    allowed_channels,
    callable_periods,
    is_marketing,
    marketing_allowed,
    marketing_blocked_since,
    may_call_at,
    may_contact,
    next_call_time,
    refusal_text,
)
from app.domain.settings import DEFAULT_QUIET_HOURS

QUIET = DEFAULT_QUIET_HOURS  # before 9:00, 17:30-19:30, after 20:30
DAY = datetime.date(2026, 3, 31)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


@pytest.mark.parametrize(
    ("flag", "closed"),
    [
        ("do_not_call", {Channel.CALL, Channel.TEXT}),
        ("do_not_mail", {Channel.MAIL}),
        ("do_not_email", {Channel.EMAIL}),
        ("do_not_service", set(Channel)),
    ],
)
def test_a_refusal_closes_exactly_its_channels(flag: str, closed: set[Channel]) -> None:
    flags = ContactFlags(**{flag: True})
    assert allowed_channels(flags) == frozenset(set(Channel) - closed)
    for channel in closed:
        assert not may_contact(flags, channel)
        assert refusal_text(flags, channel)
    assert allowed_channels(ContactFlags()) == frozenset(Channel)


def test_quiet_hours_leave_the_working_day() -> None:
    assert callable_periods(QUIET) == [(9 * 60, 17 * 60 + 30), (19 * 60 + 30, 20 * 60 + 30)]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("08:59", "09:00"),
        ("09:00", "09:00"),
        ("17:29", "17:29"),  # the last minute before dinner
        ("17:30", "19:30"),  # dinner: the next call waits until it is over
        ("19:29", "19:30"),
        ("19:30", "19:30"),
        ("20:29", "20:29"),
        ("20:30", None),  # nothing left today
    ],
)
def test_the_next_call_time_skips_quiet_hours(now: str, expected: str | None) -> None:
    found = next_call_time(t(now), QUIET)
    assert found == (t(expected) if expected else None)


@pytest.mark.parametrize(
    ("window", "now", "expected"),
    [
        (("09:00", "11:00"), "08:00", "09:00"),
        (("09:00", "11:00"), "10:59", "10:59"),
        (("09:00", "11:00"), "11:00", None),  # the window's end is not part of it
        (("17:00", "19:30"), "16:00", "17:00"),
        (("17:00", "19:30"), "17:29", "17:29"),
        (("17:00", "19:30"), "17:30", None),  # the rest of their window is dinner time
        (("19:00", "21:00"), "17:00", "19:30"),
        (("19:00", "21:00"), "20:30", None),
    ],
)
def test_the_customer_window_and_the_quiet_hours_both_hold(
    window: tuple[str, str], now: str, expected: str | None
) -> None:
    found = next_call_time(t(now), QUIET, *window)
    assert found == (t(expected) if expected else None)


def test_a_window_inside_the_quiet_hours_never_opens() -> None:
    assert callable_periods(QUIET, "17:30", "19:30") == []
    assert next_call_time(t("00:00"), QUIET, "17:30", "19:30") is None


def test_may_call_at_the_edges() -> None:
    assert may_call_at(t("17:29"), QUIET)
    assert not may_call_at(t("17:30"), QUIET)
    assert may_call_at(t("19:30"), QUIET)
    assert not may_call_at(t("10:00"), QUIET, "13:00", "16:00")


@pytest.mark.parametrize(("days_ago", "allowed"), [(1, False), (29, False), (30, True), (31, True)])
def test_one_marketing_contact_per_30_days(days_ago: int, allowed: bool) -> None:
    last = DAY - datetime.timedelta(days=days_ago)
    assert marketing_allowed(last, DAY, 30) is allowed
    # The queue asks SQL for marketing contacts on or after this day: the same boundary.
    assert (last >= marketing_blocked_since(DAY, 30)) is not allowed


def test_the_marketing_gap_is_a_setting() -> None:
    assert marketing_allowed(None, DAY, 30)
    assert not marketing_allowed(DAY - datetime.timedelta(days=6), DAY, 7)
    assert marketing_allowed(DAY - datetime.timedelta(days=7), DAY, 7)
    assert marketing_allowed(DAY, DAY, 0)


def test_selling_is_marketing_and_looking_after_is_not() -> None:
    assert is_marketing(OpportunityKind.REPLACEMENT)
    assert is_marketing(OpportunityKind.NEW_PRODUCT)
    assert not is_marketing(OpportunityKind.RENEWAL)
    assert not is_marketing(OpportunityKind.CHECK_IN)


def test_call_outcomes_schedule_the_next_step() -> None:
    assert CALL_OUTCOMES["no_answer"].retry_days == 2
    assert CALL_OUTCOMES["left_message"].retry_days == 3
    assert not CALL_OUTCOMES["no_answer"].reached  # nobody heard the pitch: no marketing contact
    assert CALL_OUTCOMES["booked"].status == "won"
    assert CALL_OUTCOMES["not_interested"].status == "lost"
    assert CALL_OUTCOMES["do_not_call_again"].refuses_calls


def test_the_first_time_to_call_and_the_times_in_words() -> None:
    from app.domain.respect import call_times_text, callable_periods, first_call_time, window_text

    quiet = (("00:00", "09:00"), ("17:30", "19:30"), ("20:30", "24:00"))
    assert first_call_time(quiet) == datetime.time(9, 0)
    assert first_call_time(quiet, "17:00", "20:00") == datetime.time(17, 0)
    assert first_call_time(quiet, "18:00", "21:00") == datetime.time(19, 30)  # after dinner, not during
    assert first_call_time(quiet, "17:45", "19:15") is None
    assert window_text("17:00", "20:00") == "5:00–8:00 PM" and window_text("", "") == ""
    assert call_times_text(callable_periods(quiet)) == "9:00 AM–5:30 PM, 7:30–8:30 PM"
    assert call_times_text(callable_periods(quiet, "17:00", "20:00")) == "5:00–5:30 PM, 7:30–8:00 PM"
