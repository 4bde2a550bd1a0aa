"""Nothing depends on the calendar: the demo and the rules, run on dates across a year (and a leap day).

Each date gets its own database, the clock set to that morning; what an owner relies on every day
must hold on all of them: someone is due, nobody is due before today, every reason is written out,
the call sheet prints, and the day after brings the opportunities up to date again.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.services.callsheet import print_callsheet
from app.services.demo import build_demo
from app.services.freshness import ensure_opportunities_fresh, opportunities_are_stale
from app.services.opportunities import list_open_opportunities

DATES = [
    datetime.date(2026, 1, 1),
    datetime.date(2026, 2, 28),
    datetime.date(2026, 4, 30),
    datetime.date(2026, 6, 15),
    datetime.date(2026, 8, 31),
    datetime.date(2026, 10, 1),
    datetime.date(2026, 12, 2),
    datetime.date(2026, 12, 31),
    datetime.date(2028, 2, 29),
]


@pytest.mark.parametrize("day", DATES, ids=str)
def test_the_demo_and_the_rules_on_any_day(db, clock, day: datetime.date, tmp_path: Path) -> None:
    clock.set(datetime.datetime.combine(day, datetime.time(8, 30)))
    build_demo(customers=80, seed=11)
    ensure_opportunities_fresh()

    due = list_open_opportunities()
    assert due, f"nobody is due on {day}"
    assert all(o.reason.strip() for o in due)
    assert min(o.due for o in due if o.due) >= day, "a backlog is due now, not years ago"

    result = print_callsheet(tmp_path / "calls.pdf", day=day, limit=40)
    assert result.printed > 0
    assert PdfReader(str(tmp_path / "calls.pdf")).pages[0].extract_text().strip()

    clock.advance(days=1)
    assert opportunities_are_stale()
    ensure_opportunities_fresh()
    assert not opportunities_are_stale()
