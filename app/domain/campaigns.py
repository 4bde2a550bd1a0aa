"""Campaigns and mail merges: who a mailing goes to, who is left out and why, and what it brought in.

The audience is chosen by criteria (what they are due for, segment, equipment, area, last
contact, the channel); the respect rules of app.domain.respect then apply on their own,
and everyone they leave out is counted with the reason in the owner's words. A customer
gets one letter per mailing, about their most pressing subject (soonest due, then the most
valuable), however many opportunities of the kind they have. Someone erased on request is
gone with all their rows (recipients included), so they can be in no audience, and no reason
is needed for them.

Attribution (campaign results), over ATTRIBUTION_DAYS after the day the campaign was sent:
- a sale counts when it names the campaign (sale.campaign_id), or when a recipient made it
  on or after the sent day and within the window and it names no campaign and no later
  campaign reached that customer before the sale (the last mailing before a sale gets it);
- a won opportunity counts when it was won within the window and it is the one the letter
  was about (opportunity.campaign_id, set when the campaign is marked sent), or it is of the
  campaign's kind for a recipient (a renewal raised after the letter went out, say);
- revenue is the attributed sales plus the value of the attributed won opportunities that
  no attributed sale records (sale.opportunity_id), so nothing is counted twice;
- a response is a recipient with an attributed sale or won opportunity; the response rate
  is responses over the recipients the campaign was sent to.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from app.domain import formatting, i18n
from app.domain.errors import UserError
from app.domain.kinds import Channel, OpportunityKind
from app.domain.money import from_cents
from app.domain.opportunities import KIND_LABELS, long_date, plural
from app.domain.postal import MailingAddress
from app.domain.respect import ContactFlags, is_marketing, marketing_allowed
from app.domain.templates import is_blank
from app.domain.values import clean_text, years_between

ATTRIBUTION_DAYS = 180
# No e-mail: the app sends none (it has no mail account to send from), and a campaign must never
# record contacts that nobody received.
CAMPAIGN_CHANNELS = (Channel.MAIL.value, Channel.CALL.value)
SAMPLE_SIZE = 20

# Why a customer is left out, in the owner's words (the marketing gap is worded by gap_text).
DO_NOT_SERVICE = "do not service"
REFUSED = {
    "mail": "asked not to be mailed",
    "call": "asked not to be called",
}
MISSING = {"mail": "no mailing address", "call": "no phone number"}
NO_NAME = "no name to address it to"
UNPRINTABLE = "could not be printed: "
CLOSED_STATUSES = {
    "won": "opportunity already won",
    "lost": "opportunity marked lost",
    "dismissed": "opportunity dismissed",
}
ACCEPTS = {"mail": "who accept mail", "call": "who accept calls"}


@dataclass(frozen=True)
class AudienceCriteria:
    """Who a mailing is for. Empty criteria: every customer who accepts the channel.

    due_from/due_to: the day the plan ends for renewals (so "everyone due next month" reaches
    plans whose renewal the engine has not raised yet), the opportunity's due date otherwise.
    postal_prefix: the start of the ZIP or postal code ("212" for 21204 and 21286).
    last_contact_before: last contact of any kind before that day, or never; _after: on or after it.
    """

    kind: str | None = None
    segment: str = ""
    equipment_kind: str = ""
    city: str = ""
    postal_prefix: str = ""
    last_contact_before: datetime.date | None = None
    last_contact_after: datetime.date | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None
    channel: str = "mail"

    def validated(self) -> AudienceCriteria:
        kind = self.kind or None
        if kind is not None and kind not in tuple(OpportunityKind):
            raise UserError(
                f"“{kind}” is not a kind of opportunity; use one of {', '.join(OpportunityKind)}."
            )
        if self.channel not in CAMPAIGN_CHANNELS:
            raise UserError("Channel: choose mail or phone; the app sends no e-mail.", "channel")
        for start, end, label in (
            (self.due_from, self.due_to, "Due"),
            (self.last_contact_after, self.last_contact_before, "Last contact"),
        ):
            if start and end and end < start:
                raise UserError(f"{label}: the end comes before the start.")
        postal = "".join(ch for ch in clean_text(self.postal_prefix) if ch not in "%_")
        return dataclasses.replace(
            self,
            kind=kind,
            segment=clean_text(self.segment),
            equipment_kind=clean_text(self.equipment_kind),
            city=clean_text(self.city),
            postal_prefix=postal.upper(),
        )

    @property
    def is_marketing(self) -> bool:
        """Selling something new is marketing; so is a mailing to everyone. Looking after what
        they have (renewal, maintenance, follow-up, check-in, warranty) is not."""
        return self.kind is None or is_marketing(self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            f.name: v.isoformat() if isinstance(v := getattr(self, f.name), datetime.date) else v
            for f in dataclasses.fields(self)
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AudienceCriteria:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("last_contact_before", "last_contact_after", "due_from", "due_to"):
            if values.get(name):
                values[name] = datetime.date.fromisoformat(str(values[name]))
        return cls(**values)

    def describe(self) -> str:
        """ "Renewal, due April 1, 2026 to April 30, 2026, in Towson, who accept mail", in the owner's
        language (written when shown; the kind and the dates too)."""
        t = i18n.t
        kind = KIND_LABELS.get(self.kind, self.kind) if self.kind else "Every customer"  # type: ignore[call-overload]
        parts = [t(kind)]
        if self.due_from or self.due_to:
            parts.append(_span(self.due_from, self.due_to))
        if self.segment:
            parts.append(t("segment {segment}", segment=self.segment))
        if self.equipment_kind:
            parts.append(t("with a {kind}", kind=self.equipment_kind.lower()))
        zip_code = self.postal_prefix and t("ZIP {prefix}…", prefix=self.postal_prefix)
        place = " ".join(p for p in (self.city, zip_code) if p)
        if place:
            parts.append(t("in {place}", place=place))
        if self.last_contact_before:
            parts.append(t("not contacted since {day}", day=formatting.long_date(self.last_contact_before)))
        if self.last_contact_after:
            parts.append(t("contacted since {day}", day=formatting.long_date(self.last_contact_after)))
        parts.append(t(ACCEPTS.get(self.channel, f"who accept {self.channel}")))
        return ", ".join(parts)


def _span(start: datetime.date | None, end: datetime.date | None) -> str:
    """ "due April 1, 2026 to April 30, 2026", "due from …", "due by …"."""
    if start and end:
        return i18n.t(
            "due {start} to {end}", start=formatting.long_date(start), end=formatting.long_date(end)
        )
    if start:
        return i18n.t("due from {start}", start=formatting.long_date(start))
    return i18n.t("due by {end}", end=formatting.long_date(end))  # type: ignore[arg-type]


@dataclass
class Recipient:
    """One customer of an audience with what their letter is about, as the audience query reads it.

    Not frozen, only because a frozen dataclass of this size takes three times as long to build,
    and a mailing to everyone builds 100,000 of them; nothing changes one once it is read.
    """

    customer_id: int
    first_name: str
    last_name: str
    company: str
    address: MailingAddress | None  # the billing site, else their first site; None: no site
    flags: ContactFlags = field(default_factory=ContactFlags)
    phones: tuple[tuple[str, str], ...] = ()  # ("Home" | "Mobile" | "Work", E.164)
    has_email: bool = False
    last_marketing_on: datetime.date | None = None  # within the marketing gap only
    opportunity_id: int | None = None
    plan_id: int | None = None
    reason: str = ""
    value_cents: int = 0
    due: datetime.date | None = None
    site: MailingAddress | None = None  # the site the letter is about, when not the mailing address
    equipment_kind: str = ""
    equipment_brand: str = ""
    equipment_model: str = ""
    installed_on: datetime.date | None = None
    life_min: int | None = None
    life_max: int | None = None
    plan_name: str = ""
    plan_ends: datetime.date | None = None
    product_name: str = ""
    segment: str = ""
    segment_pitch: str = ""
    last_job: str = ""
    status: str = "open"  # of the opportunity the letter is about
    snoozed_until: datetime.date | None = None
    call_window: tuple[str, str] = ("", "")  # "HH:MM" each; empty: any time
    talking_points: str = ""
    # What a letter may tell the customer (never the reason, pitch or talking points above).
    customer_kind: str = "household"  # household | business
    last_visit: datetime.date | None = None  # the last visit or job, up to today; None: never
    active_plan: str = ""  # the name of an active service plan they hold, "" when none
    warranty_until: datetime.date | None = None  # of the unit the letter is about
    job_date: datetime.date | None = None  # their latest job
    job_installed: str = ""  # the kind of equipment that job installed, "" for a repair or service
    product_kind: str = ""  # the kind of equipment the product offered is (an upgrade's next step)

    @property
    def has_phone(self) -> bool:
        return bool(self.phones)

    @cached_property
    def person(self) -> str:
        """The name as a person writes it on an envelope: "Ann Smith", never the list's "Smith, Ann"."""
        return " ".join(p for p in (_name(self.first_name), _name(self.last_name)) if p)

    @cached_property
    def name(self) -> str:
        return self.person or _name(self.company)

    @property
    def key(self) -> str:
        return customer_key(self.customer_id, self.name)

    def mailing_address(self) -> MailingAddress:
        base = self.address or MailingAddress()
        company = _name(self.company)
        return dataclasses.replace(base, name=self.person, company=company if company != self.person else "")


def _name(text: str) -> str:
    """A name part as typed, without what spreadsheets write for "nothing" ("None", "N/A")."""
    cleaned = _clean(text)
    return "" if is_blank(cleaned) else cleaned


def _clean(value: str) -> str:
    """clean_text, with a shortcut for plain ASCII (an audience can be 100,000 customers)."""
    if value.isascii() and value.isprintable():
        return " ".join(value.split())
    return clean_text(value)


@dataclass(frozen=True)
class Excluded:
    customer_id: int
    name: str
    reason: str


def gap_text(last_marketing_on: datetime.date, today: datetime.date, gap_days: int) -> str:
    """ "contacted for marketing 12 days ago (limit: one every 30 days)"."""
    days = (today - last_marketing_on).days
    when = "today" if days == 0 else f"{plural(days, 'day')} ago"
    return f"contacted for marketing {when} (limit: one every {plural(gap_days, 'day')})"


def exclusion_reason(
    recipient: Recipient, *, channel: str, today: datetime.date, gap_days: int, marketing: bool
) -> str:
    """Why this customer gets nothing from this mailing ("" when they may have it).

    The first reason that applies, in this order: do not service, the channel refused, no
    way to reach them on it, the marketing gap (for marketing only), the opportunity closed
    or snoozed by the owner (a renewal reached through its plan), no name.
    """
    flags = recipient.flags
    if flags.do_not_service:
        return DO_NOT_SERVICE
    refused = {"mail": flags.do_not_mail, "call": flags.do_not_call}
    if refused.get(channel):
        return REFUSED[channel]
    reachable = {
        "mail": _deliverable(recipient.address),
        "call": recipient.has_phone,
    }
    if not reachable.get(channel, False):
        return MISSING.get(channel, f"no way to reach them by {channel}")
    last = recipient.last_marketing_on
    if marketing and last is not None and not marketing_allowed(last, today, gap_days):
        return gap_text(last, today, gap_days)
    if recipient.status in CLOSED_STATUSES:
        return CLOSED_STATUSES[recipient.status]
    if recipient.snoozed_until is not None and recipient.snoozed_until > today:
        return f"snoozed until {long_date(recipient.snoozed_until)}"
    if not recipient.name:
        return NO_NAME
    return ""


def _deliverable(address: MailingAddress | None) -> bool:
    """A street (or PO box) and a city; the full postal check runs when the address is printed."""
    return (
        address is not None
        and bool(_clean(address.street) or _clean(address.street2))
        and bool(_clean(address.city))
    )


def equipment_words(kind: str) -> str:
    """A kind as it reads inside a sentence: "Furnace" → "furnace", "Central AC" → "central AC"."""
    return " ".join(w[:1].lower() + w[1:] if w[1:2].islower() else w for w in clean_text(kind).split())


def lifespan_text(life_min: int | None, life_max: int | None) -> str:
    if not life_min or not life_max:
        return ""
    said = f"about {life_min} years" if life_min == life_max else f"{life_min}–{life_max} years"
    return i18n.translated(said)  # a letter's words: in the reader's language


def sentence_words(name: str) -> str:
    """A catalog name as it reads inside a sentence: "Whole-home humidifier" → "whole-home humidifier".

    Only a name in sentence case loses its capital: "UV air purifier" (an acronym) and "Carrier
    Infinity 24" (a brand, capitals further on) are printed as the catalog spells them.
    """
    text = clean_text(name)
    first, _, rest = text.partition(" ")
    if first[1:2].islower() and first[1:] == first[1:].lower() and rest == rest.lower():
        return first[:1].lower() + first[1:] + (" " + rest if rest else "")
    return text


def letter_fields(
    recipient: Recipient, today: datetime.date, offer: str = "", offer_ends: Any = None
) -> dict:
    """The template fields (app.domain.templates.FIELDS) of one recipient's letter, with the
    conditions only the database can tell (household or business, an active plan); the others
    follow from the fields (app.domain.templates.with_conditions).

    Only what the customer may read: the opportunity's reason, the segment's pitch and talking
    points and the job's description are the owner's notes and are never among them.
    """
    site = recipient.site or recipient.address or MailingAddress()
    installed = recipient.installed_on
    business = recipient.customer_kind == "business"
    active_plan = clean_text(recipient.active_plan)
    return {
        "first_name": _name(recipient.first_name),
        "last_name": _name(recipient.last_name),
        "full_name": recipient.person,
        "display_name": recipient.name,
        "company": _name(recipient.company),
        "street": site.street,
        "city": site.city,
        "site_address": _one_line(site),
        "equipment_kind": equipment_words(recipient.equipment_kind),
        "equipment_brand": clean_text(recipient.equipment_brand),
        "equipment_model": clean_text(recipient.equipment_model),
        "equipment_age": years_between(installed, today) if installed else None,
        "installed_year": installed.year if installed else None,
        "lifespan": lifespan_text(recipient.life_min, recipient.life_max),
        "warranty_end_date": recipient.warranty_until,
        "plan_name": clean_text(recipient.plan_name) or active_plan,
        "plan_end_date": recipient.plan_ends,
        "product_name": sentence_words(recipient.product_name),
        "offer": clean_text(offer),
        "offer_ends": offer_ends,
        "last_visit": recipient.last_visit,
        "job_date": recipient.job_date,
        "new_equipment": equipment_words(recipient.job_installed),
        "household": not business,
        "business": business,
        "has_plan": bool(active_plan),
    }


def _one_line(address: MailingAddress) -> str:
    """ "12 Oak Ave, Towson" as a letter mentions a house (the postal lines are on the envelope)."""
    parts = [clean_text(address.street), clean_text(address.street2), clean_text(address.city)]
    return ", ".join(p for p in parts if p)


# ---------------------------------------------------------------- what the pages show


@dataclass(frozen=True)
class AudiencePreview:
    criteria: AudienceCriteria
    included: int
    excluded: int
    by_reason: dict[str, int]  # excluded per reason, most frequent first
    sample: tuple[Recipient, ...]  # the first included recipients
    excluded_sample: tuple[Excluded, ...]


def count_reasons(reasons: Iterable[tuple[str, int]]) -> dict[str, int]:
    """(reason, count) pairs tallied per reason, most frequent first; the marketing-gap reasons (one
    per number of days) count under one heading, and so do the printing problems."""
    counts: dict[str, int] = {}
    for reason, count in reasons:
        if reason.startswith("contacted for marketing"):
            reason = "contacted for marketing too recently"
        elif reason.startswith(UNPRINTABLE):
            reason = "could not be printed"
        counts[reason] = counts.get(reason, 0) + count
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def customer_key(customer_id: int, name: str) -> str:
    """How a printed piece names a customer it could not print for: "Customer 12 (Ann Smith)"."""
    return f"Customer {customer_id} ({name or 'no name'})"


@dataclass(frozen=True)
class CampaignSummary:
    id: int
    name: str
    kind: str | None
    channel: str
    status: str  # draft | sent | closed
    created_at: datetime.datetime
    sent_on: datetime.date | None
    recipients: int  # included
    excluded: int
    criteria: AudienceCriteria = field(default_factory=AudienceCriteria)
    offer: str = ""
    offer_ends: datetime.date | None = None
    template: str = ""


@dataclass(frozen=True)
class CampaignResults:
    campaign: CampaignSummary
    recipients: int  # the customers it was sent to
    excluded_by_reason: dict[str, int]
    responses: int  # recipients with an attributed sale or won opportunity
    won_opportunities: int
    won_value: Decimal  # of the won opportunities no attributed sale records
    sales: int
    sales_total: Decimal
    attribution_days: int = ATTRIBUTION_DAYS
    window_ends: datetime.date | None = None

    @property
    def revenue(self) -> Decimal:
        return self.sales_total + self.won_value

    @property
    def response_rate(self) -> float:
        """Responses over recipients, 0..1 (0 before anything was sent)."""
        return self.responses / self.recipients if self.recipients else 0.0


def money_of(cents: int | None) -> Decimal:
    return from_cents(cents or 0)
