"""A customer's history as the owner reads it: the lines of the detail's tabs (visits, sales, plans,
contacts, opportunities) and the "last contact" of a call, in the owner's language.

They are written when the customer is read to be shown (`t()`, as any message of the moment); what
the owner typed (a technician, findings, a sale's description, what a contact was about, who made
it) stays as typed, and an opportunity's reason, stored in English, is read back (`translated()`).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from app.domain import formatting
from app.domain.customers import HistoryRow
from app.domain.i18n import t, translated
from app.domain.kinds import OPPORTUNITY_KIND_LABELS
from app.domain.money import format_money

PARTS = " · "  # between the parts of a history line's detail
# What a call logged from Today's calls says it was about: "Replacement: <reason>; Upgrade: <reason>"
# (a reason may hold "; " itself, so each part is found by the kind's label that opens it).
_KIND_LABELS = frozenset(OPPORTUNITY_KIND_LABELS.values())
_NEXT_KIND = re.compile("; (?=(?:{}): )".format("|".join(re.escape(k) for k in _KIND_LABELS)))


def channel_word(channel: str) -> str:
    """ "call", "in person": how a line names the way a contact was made (the stored channel)."""
    return t(channel.replace("_", " "))


def outcome_word(outcome: str) -> str:
    """ "left message", "booked": a contact's stored outcome in the owner's language ("" stays "")."""
    return t(outcome) if outcome else ""


def contact_reason(reason: str) -> str:
    """What a contact was about: the owner's words as typed, or, for a call logged from Today's calls,
    the opportunities it was about ("Replacement: Furnace installed …"), read back."""
    parts = _NEXT_KIND.split(reason)
    if not reason or not all(part.partition(": ")[0] in _KIND_LABELS for part in parts):
        return reason
    return "; ".join(_reason_part(part) for part in parts)


def _reason_part(part: str) -> str:
    label, _colon, reason = part.partition(": ")
    return f"{t(label)}: {translated(reason)}"


def last_contact_text(on: str, channel: str, outcome: str, reason: str, by_whom: str) -> str:
    """ "Mar 3, 2025, call (left message): Spring tune-up reminder, by Donna Reyes"."""
    text = f"{on}, {channel_word(channel)}"
    if outcome:
        text += f" ({outcome_word(outcome)})"
    if reason:
        text += f": {contact_reason(reason)}"
    return text + (t(", by {name}", name=by_whom) if by_whom else "")


def _sentence(word: str) -> str:
    return word[:1].upper() + word[1:]


def _kind_title(kind: str) -> str:
    """ "Maintenance", "Add on": a stored kind (of visit, of opportunity) as a line's title."""
    return t(kind.replace("_", " ").capitalize())


def visit_row(id_: int, on: datetime.date | None, kind: str, technician: str, findings: str) -> HistoryRow:
    return HistoryRow(id_, on, _kind_title(kind), PARTS.join(p for p in (technician, findings) if p))


def sale_row(
    id_: int, on: datetime.date | None, description: str, total: Decimal, job_number: str
) -> HistoryRow:
    detail = PARTS.join(p for p in (format_money(total), job_number) if p)
    return HistoryRow(id_, on, description or t("Sale"), detail)


def plan_row(
    id_: int,
    ends_on: datetime.date,
    name: str,
    status: str,
    started_on: datetime.date,
    price: Decimal,
) -> HistoryRow:
    term = t(
        "from {start} to {end}",
        start=formatting.short_date(started_on),
        end=formatting.short_date(ends_on),
    )
    price_text = t("{price} a term", price=format_money(price))
    return HistoryRow(id_, ends_on, name, PARTS.join((t(status.capitalize()), term, price_text)))


def touch_row(
    id_: int, on: datetime.date | None, channel: str, outcome: str, reason: str, by_whom: str
) -> HistoryRow:
    detail = PARTS.join(p for p in (outcome_word(outcome), contact_reason(reason), by_whom) if p)
    return HistoryRow(id_, on, _sentence(channel_word(channel)), detail)


def opportunity_row(
    id_: int, due: datetime.date | None, kind: str, reason: str, value: Decimal, status: str
) -> HistoryRow:
    detail = PARTS.join((translated(reason), format_money(value), t(status)))
    return HistoryRow(id_, due, _kind_title(kind), detail)
