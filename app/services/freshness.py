"""What changed, and keeping what is derived from it current.

The database counts its own writes (app/persistence/change_counters.py). The GUI compares two
readings to announce what changed (ui/events.py); the CLI and the GUI both call
`ensure_opportunities_fresh` so nobody reads opportunities that an edit, an import, a settings
change or the turn of the day has made stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from app.domain import clock
from app.domain.opportunities import RecomputeSummary
from app.persistence import change_counters
from app.services.opportunities import recompute_opportunities

Progress = Callable[[int, int], None] | None


def change_counts() -> dict[str, int]:
    return change_counters.counts()


def changed_between(before: Mapping[str, int], after: Mapping[str, int]) -> frozenset[str]:
    return change_counters.changed_between(before, after)


def affects_opportunities(changes: Iterable[str]) -> bool:
    return change_counters.affects_opportunities(changes)


def opportunities_are_stale() -> bool:
    return change_counters.opportunities_are_stale(clock.today())


def ensure_opportunities_fresh(
    *, progress: Progress = None, cancel: Callable[[], bool] | None = None
) -> RecomputeSummary | None:
    """Work out who is due for what when anything they depend on changed; None when already current."""
    if not opportunities_are_stale():
        return None
    return recompute_opportunities(progress=progress, cancel=cancel)
