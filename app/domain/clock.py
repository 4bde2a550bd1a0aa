"""The one Clock: every layer asks it for "today" and "now", so nothing depends on the calendar.

The app runs on the system clock. Tests (and a support session reproducing a problem) put a
`FixedClock` in its place with `use_clock`; a test of the rules moves it with `advance`.
Direct wall-clock calls (`date.today()`, `datetime.now()`) anywhere else in app/ and ui/ are
refused by tests/test_architecture.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime.datetime: ...


class SystemClock:
    """The wall clock, local time, to the second (what is stored and shown never needs more)."""

    def now(self) -> datetime.datetime:
        return datetime.datetime.now().replace(microsecond=0)  # the one wall-clock call


class FixedClock:
    """A clock that stands still until told to move: for tests and for reproducing a day."""

    def __init__(self, moment: datetime.datetime | datetime.date) -> None:
        self.moment = _as_datetime(moment)

    def now(self) -> datetime.datetime:
        return self.moment

    def today(self) -> datetime.date:
        return self.moment.date()

    def set(self, moment: datetime.datetime | datetime.date) -> None:
        self.moment = _as_datetime(moment)

    def advance(self, **delta: float) -> None:
        """Move forward by `timedelta(**delta)`, e.g. `advance(days=1)`."""
        self.moment += datetime.timedelta(**delta)


_current: Clock = SystemClock()


def current() -> Clock:
    return _current


def set_clock(clock: Clock) -> Clock:
    """Put `clock` in charge; returns the one it replaced."""
    global _current
    previous, _current = _current, clock
    return previous


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def now() -> datetime.datetime:
    return _current.now()


def today() -> datetime.date:
    return _current.now().date()


def _as_datetime(moment: datetime.datetime | datetime.date) -> datetime.datetime:
    if isinstance(moment, datetime.datetime):
        return moment.replace(microsecond=0)
    return datetime.datetime.combine(moment, datetime.time(9, 0))
