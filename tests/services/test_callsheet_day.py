"""A day's call sheet for a 2,000-customer business: a day's work, not the whole backlog.

Before: every one of the 1,549 customers due, on 358 pages, most saying "Best time: any time".
Now: the day's calls per day (40), each with the time to call outside the quiet hours, the quiet
hours in the header, the pitch, a callback and lines to write on; the rest roll to the next days.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pdfplumber

from app.domain.respect import may_call_at
from app.persistence.tables import Customer
from app.services.callsheet import print_callsheet
from app.services.demo import build_demo
from app.services.freshness import ensure_opportunities_fresh
from app.services.queue import build_queue, plan_day, plan_from_now
from app.services.settings import load_settings

CALL_AT = re.compile(r"Call at (\d{1,2}):(\d{2}) (AM|PM)")


def _clock_time(hours: str, minutes: str, half: str) -> datetime.time:
    return datetime.time(int(hours) % 12 + (12 if half == "PM" else 0), int(minutes))


def test_a_2000_customer_business_gets_a_days_work(db, clock, tmp_path: Path) -> None:
    build_demo(customers=2000, seed=1)
    ensure_opportunities_fresh()
    today = clock.today()
    settings = load_settings()
    whole_day = plan_day(today)
    assert settings.calls_per_day == 40
    assert len(whole_day.entries) == 40 and whole_day.waiting > 1000
    assert whole_day.due == 40 + whole_day.waiting
    # Printed at ten in the morning: the day's list from now on, as Today's calls shows it.
    plan = plan_from_now(today)
    assert plan.missed > 0 and len(plan.entries) + plan.missed == 40

    out = tmp_path / "calls.pdf"
    result = print_callsheet(out)
    assert result.printed == len(plan.entries) and result.pages <= 12  # about 4 calls a page; it was 358
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    text = "\n".join(pages)
    assert all("Quiet hours, no calls: before 9:00 AM, 5:30–7:30 PM, after 8:30 PM." in p for p in pages)
    assert f"{len(plan.entries)} calls of the {plan.due:,} due" in text
    assert f"{plan.missed} calls left out: their calling hours are over for today" in text
    assert f"the other {plan.waiting:,} wait" in text
    assert "any time" not in text and "Best time" not in text
    assert text.count("Pitch (") == len(plan.entries) == text.count("Callback on")
    assert not re.search(r"\b(0\d|1[3-9]|2\d):\d{2}\b", text), "a 24-hour time is printed"

    # Each entry's time is its first allowed one: inside its window, never in the quiet hours.
    printed = [_clock_time(*found) for found in CALL_AT.findall(text)]
    assert printed == [entry.suggested_time for entry in plan.entries]
    windows = {
        c.id: (c.call_window_start, c.call_window_end)
        for c in Customer.select().where(Customer.id.in_([e.customer_id for e in plan.entries]))
    }
    for entry in plan.entries:
        assert may_call_at(entry.suggested_time, settings.quiet_hours, *windows[entry.customer_id])
    assert any(window != ("", "") for window in windows.values())

    # The sheet and Today's calls are one list, in one order.
    names = [name for page in pages for name in re.findall(r"^\d+\. (.+?) Call at", page, re.MULTILINE)]
    assert names == [entry.name for entry in build_queue(today, now=clock.now().time())]

    # Tomorrow's list starts with today's leftovers, in the order they were waiting.
    everyone = [entry.customer_id for entry in build_queue(today, limit=10_000)]
    tomorrow = [entry.customer_id for entry in build_queue(today + datetime.timedelta(days=1))]
    assert tomorrow == everyone[40:80]
