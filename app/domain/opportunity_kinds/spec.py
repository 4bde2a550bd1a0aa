"""What every kind of opportunity declares: how it judges its candidates, whether a new event
updates one still being worked, and how one closes itself.

The declarations are data the engine runs on: the persistence binds the kinds a resolution
applies to as SQL parameters (no kind name is spelled inside SQL), and the services loop over
the registry (app/domain/opportunity_kinds/__init__.py) instead of naming kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, due_when_raised

# A kind's candidate rows (its own NamedTuple) judged against today's rules: what to raise.
Judge = Callable[[Iterable[Any], Rules], list[Raised]]


class Resolution(StrEnum):
    """How an opportunity still being worked resolves itself, in the order the engine checks them:
    one closed by an earlier resolution is no longer being worked when the next is checked."""

    # Its unit was removed: won when we installed a unit of its kind at that site since, else lost.
    UNIT_REMOVED = "unit_removed"
    # A maintenance or inspection visit for its plan after the day it counted from (its event ends
    # with that day: the last visit, or the plan's start): won.
    VISIT_MADE = "visit_made"
    # The customer bought its catalog item since it was raised: won.
    ITEM_BOUGHT = "item_bought"
    # Its site had a job, or took out a plan, since it was raised: won.
    SITE_BOUGHT = "site_bought"
    # Only while open: someone spoke with the customer (call, visit, talk) since it was raised: contacted.
    SPOKEN_WITH = "spoken_with"
    # Its plan now runs past the term it was raised for (its event ends with that term's end): won;
    # a plan no longer active: lost.
    TERM_RENEWED = "term_renewed"


def each(rule: Callable[[Any, Rules], Raised | None]) -> Judge:
    """The judge of a kind whose rule decides one candidate row at a time."""

    def judge(rows: Iterable[Any], rules: Rules) -> list[Raised]:
        return [raised for row in rows if (raised := rule(row, rules)) is not None]

    return judge


@dataclass(frozen=True)
class KindSpec:
    """One kind of opportunity, as the engine runs it.

    refreshed: a new event for a subject still being worked (open, snoozed, contacted) updates
    that opportunity in place; otherwise the subject waits until the one being worked is done.
    closes_when: the resolutions that close one of this kind by themselves.
    key_of: for a kind judged a row at a time, the trigger key a row raises, told without judging
    it (the rule builds its key with it too): rows whose key was raised already are skipped before
    their reasons are written. Worth it where a day's candidates are mostly raised already.
    """

    kind: OpportunityKind
    judge: Judge
    refreshed: bool = False
    closes_when: tuple[Resolution, ...] = ()
    key_of: Callable[[Any], str] | None = None

    def raise_from(
        self, candidates: Iterable[Any], rules: Rules, taken: Container[str] = frozenset()
    ) -> list[Raised]:
        """What today's candidate rows of this kind raise, each due no earlier than today
        (app.domain.opportunities.due_when_raised: the one place that rule is applied).

        `taken`: the trigger keys raised already, never raised again (the caller drops them anyway;
        with `key_of` they are not even judged)."""
        if self.key_of is not None:
            key_of = self.key_of
            candidates = [row for row in candidates if key_of(row) not in taken]
        return [
            raised._replace(due=due_when_raised(raised.due, rules.today))
            for raised in self.judge(candidates, rules)
        ]
