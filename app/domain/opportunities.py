"""Who is due for what, and why now: the opportunity engine's shared vocabulary, as pure values.

The engine runs in three steps, kind by kind. app/persistence/opportunity_kinds/ find the
candidates with set-based SQL (cut-offs come from `Rules`); app/domain/opportunity_kinds/
decide, per candidate row, what to raise (or None); app/persistence/opportunities.py writes
the result.
This module holds what all of them share: the day and thresholds (`Rules`), what a raised
opportunity carries (`Raised`), the English words reasons are made of, and the shapes the
lists and the recompute report show.

A raised opportunity carries a reason in plain words, an estimated value (cents), a due date
(the queue works it from then on: see `due_when_raised`) and a trigger key "subject:event".
The key is unique, so the same eligibility is never raised twice: a dismissed or lost
opportunity comes back only with a new event (a new age threshold, a new term, a new visit, a
new contact, a new product on the ladder). While one for the same subject is still being
worked (open, snoozed or contacted), a new event updates it in place instead of adding a
second one (for the kinds whose declaration says `refreshed`, app.domain.opportunity_kinds).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from app.domain import formatting
from app.domain.i18n import translated
from app.domain.kinds import OPPORTUNITY_KIND_LABELS
from app.domain.money import format_money, from_cents
from app.domain.settings import BusinessSettings
from app.domain.stats import years_before
from app.domain.wording import count_text

KIND_LABELS = OPPORTUNITY_KIND_LABELS  # the name pages and services know them by
ACTIVE_STATUSES = ("open", "snoozed", "contacted")
RENEWAL_GRACE_DAYS = 90  # an "active" plan that ended longer ago is a record to fix, not a call


@dataclass(frozen=True)
class Rules:
    """The day and the thresholds (from the business settings) the rules are applied with."""

    today: datetime.date
    renewal_notice_days: int = 45
    check_in_after_days: int = 180
    follow_up_after_days: int = 14
    replacement_warning_years: int = 1
    recent_buyer_years: int = 3
    follow_up_window_days: int = 30  # sales older than the follow-up delay plus this are not followed up
    warranty_notice_days: int = 60
    upgrade_after_years: int = 5  # a unit is offered the next step up once it is this old
    new_product_days: int = 365  # a product is "new" for this long after its launch
    add_on_seen_days: int = 365  # add-ons are offered where we have been in this many days

    @classmethod
    def from_settings(cls, settings: BusinessSettings, today: datetime.date) -> Rules:
        names = ("renewal_notice_days", "check_in_after_days", "follow_up_after_days")
        names += ("replacement_warning_years", "recent_buyer_years")
        return cls(today=today, **{name: getattr(settings, name) for name in names})

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def days_ahead(self, days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=days)

    @property
    def recent_from(self) -> datetime.date:
        return years_before(self.today, self.recent_buyer_years)


class Raised(NamedTuple):
    kind: str
    customer_id: int
    subject: str
    event: str
    reason: str
    value_cents: int
    due: datetime.date
    site_id: int | None = None
    equipment_id: int | None = None
    plan_id: int | None = None
    catalog_item_id: int | None = None

    @property
    def trigger_key(self) -> str:
        return f"{self.subject}:{self.event}"


def due_when_raised(natural_due: datetime.date, raised_on: datetime.date) -> datetime.date:
    """The due date an opportunity is raised (or refreshed) with: its natural due date (the day
    its reason began to hold), but never before the day it is raised.

    The engine learns of most things the day they happen and raises them that day. What it learns
    late (a first run on an imported customer list, a 17-year-old furnace typed in today, a visit
    owed weeks ago) is due today, not on the day it would have been: nobody can act in the past,
    and a backlog dated years back would bury today's work. How overdue it is stays in the reason
    ("17 years old", "18 days overdue").
    """
    return max(natural_due, raised_on)


def event_day(trigger_key: str) -> datetime.date:
    """The day an event ends with: "renewal:plan11:2026-05-17", "maintenance_due:plan3:after2026-01-05"."""
    return datetime.date.fromisoformat(trigger_key[-10:])


def subject_of(trigger_key: str) -> str:
    """ "replacement:equipment12:age15" → "replacement:equipment12" (events never contain ':')."""
    return trigger_key.rpartition(":")[0]


# ---------------------------------------------------------------- words


def month_year(day: datetime.date) -> str:
    """ "March 2009" (app.domain.formatting: English, as every reason is, not the computer's locale).

    English whatever the owner reads: a reason is stored, and shown in Spanish by reading it back
    (app.domain.i18n.translated), which needs the English month names."""
    return formatting.month_year(day, formatting.ENGLISH)


def long_date(day: datetime.date) -> str:
    """ "March 3, 2009"."""
    return formatting.long_date(day, formatting.ENGLISH)


# The reasons' "3 years", "1 job" (the name their modules import): app.domain.wording builds them all.
plural = count_text


def relative_days(day: datetime.date, today: datetime.date) -> str:
    """ "today", "in 30 days", "3 days ago"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    return f"in {plural(delta, 'day')}" if delta > 0 else f"{plural(-delta, 'day')} ago"


def money(cents: int) -> str:
    return format_money(from_cents(cents))


def reason_with_value(reason: str, value: Decimal | None) -> str:
    """The stored reason in the owner's language, with what it is worth unless it says so already
    (an upgrade names the next step's price) or it is worth nothing in money (a check-in)."""
    said = translated(reason)
    worth = formatting.money(value) if value else ""
    return f"{said} ({worth})" if worth and worth not in said else said


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------- what the lists show


@dataclass(frozen=True)
class OpportunityRow:
    """One open opportunity, keyed as `opportunities --json` (CLI.md)."""

    id: int
    customer_id: int
    customer: str
    kind: str
    reason: str
    value: Decimal
    status: str
    due: datetime.date | None
    snoozed_until: datetime.date | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)  # type: ignore[call-overload]

    def as_json_dict(self) -> dict:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "kind": self.kind,
            "reason": self.reason,
            "value": str(self.value),
            "status": self.status,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class MissingInfo:
    """Something the owner can fill in so the engine can do its work; never guessed."""

    category: str  # catalog_item | equipment_kind | equipment | service_plan | customer
    record_id: int | None
    customer_id: int | None
    name: str  # what it is about, as the owner knows it
    problem: str  # in plain words
    field: str = ""  # the field to fill in, when there is one

    def as_json_dict(self) -> dict:
        return {
            "category": self.category,
            "record_id": self.record_id,
            "customer_id": self.customer_id,
            "name": self.name,
            "problem": self.problem,
            "field": self.field,
        }


@dataclass(frozen=True)
class RecomputeSummary:
    raised: dict[str, int] = field(default_factory=dict)  # new opportunities per kind (every kind listed)
    refreshed: int = 0  # still-open ones brought up to date by a new event
    closed: int = 0  # still-open ones whose subject resolved itself (plan renewed, unit replaced...)
    missing_information: int = 0
    seconds: float = 0.0

    @property
    def total_raised(self) -> int:
        return sum(self.raised.values())

    def as_json_dict(self) -> dict:
        return {
            "raised": dict(self.raised),
            "total_raised": self.total_raised,
            "refreshed": self.refreshed,
            "closed": self.closed,
            "missing_information": self.missing_information,
            "seconds": round(self.seconds, 3),
        }
