"""Referral partners: their terms, the commission a referral earns, consent, and paying what is owed.

A commission is worked out exactly in Decimal and rounded once, half up to the cent (15% of $333.33
is $49.9995, so $50.00); a cap applies after rounding. Rates are percentages with at most two decimals
(stored as basis points). A commission is earned when the job is won and falls due PAYMENT_DUE_DAYS
later; what is still owed is the commission less the payments on that referral, never below zero.

What the screens, statements and reports show (and the statement arithmetic) is in
app.domain.partner_ledger.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import CENT, format_money, parse_money
from app.domain.values import clean_text, normalize_email, normalize_phone

PAYMENT_DUE_DAYS = 30
MAX_TEXT = 200
SHARED_DETAILS = "Name, phone number and service address"
EARNED = (ReferralStatus.WON.value, ReferralStatus.PAID.value)  # a commission exists once the job is won


class Basis(StrEnum):
    JOB_VALUE = "job_value"
    PROFIT = "profit"
    FIXED = "fixed"


class TermsDirection(StrEnum):
    BOTH = "both"
    TO_PARTNER = "to_partner"
    FROM_PARTNER = "from_partner"


def money_field(
    value: Decimal | str | int, field: str, label: str, *, allow_negative: bool = False
) -> Decimal:
    """parse_money, with the message in words and the form field named."""
    try:
        return parse_money(value, label, allow_negative=allow_negative)
    except UserError as error:
        raise UserError(error.message, field) from None


def percent_text(rate: Decimal) -> str:
    """15 → "15", 12.50 → "12.5": a rate as people write it."""
    return format(rate.normalize(), "f")


def parse_rate(value: Decimal | str | float, field: str, label: str) -> Decimal:
    """A percentage from 0 to 100 with at most two decimals ("12.5", "15%", "15 %")."""
    # A spin box hands over a float: read it as the digits it shows, not its binary expansion.
    text = str(value) if isinstance(value, float) else value
    text = clean_text(text).replace("%", "").strip() if isinstance(text, str) else text
    try:
        rate = Decimal(text)
    except (InvalidOperation, TypeError):
        raise UserError(f"{label}: “{value}” is not a percentage.", field) from None
    if not rate.is_finite():
        raise UserError(f"{label}: “{value}” is not a percentage.", field)
    if rate < 0:
        raise UserError(f"{label} cannot be negative.", field)
    if rate > 100:
        raise UserError(f"{label}: {percent_text(rate)}% is over 100%; give a rate from 0 to 100%.", field)
    if rate != rate.quantize(CENT):
        raise UserError(f"{label}: give the rate with at most two decimals (like 12.5).", field)
    return rate.quantize(CENT)


@dataclass(frozen=True)
class Terms:
    """What a partner pays or is paid: a percentage of the job value or profit, or a fixed fee.

    `job_type` empty means the partner's default terms; otherwise these terms are for that
    trade or job type only. `direction` says which referrals they cover.
    """

    basis: str = Basis.JOB_VALUE.value
    rate: Decimal = Decimal("10")  # percent
    fixed_fee: Decimal = Decimal("0.00")
    cap: Decimal | None = None
    direction: str = TermsDirection.BOTH.value
    job_type: str = ""

    def validated(self, label: str = "Terms", field_prefix: str = "") -> Terms:
        if self.basis not in tuple(Basis):
            raise UserError(f"{label}: choose job value, profit or a fixed fee.", f"{field_prefix}basis")
        if self.direction not in tuple(TermsDirection):
            raise UserError(f"{label}: choose the direction the terms cover.", f"{field_prefix}direction")
        rate = parse_rate(self.rate, f"{field_prefix}rate", f"{label}: rate")
        fee = money_field(self.fixed_fee, f"{field_prefix}fixed_fee", f"{label}: fixed fee")
        cap = None
        if self.cap is not None and str(self.cap).strip() != "":
            cap = money_field(self.cap, f"{field_prefix}cap", f"{label}: cap")
            if cap == 0:
                raise UserError(f"{label}: give a cap above zero, or leave it empty.", f"{field_prefix}cap")
        job_type = clean_text(self.job_type)
        if len(job_type) > MAX_TEXT:
            raise UserError(f"{label}: the job type is too long.", f"{field_prefix}job_type")
        return Terms(self.basis, rate, fee, cap, self.direction, job_type)

    def covers(self, direction: str) -> bool:
        return self.direction in (TermsDirection.BOTH.value, direction)

    @property
    def rate_bp(self) -> int:
        return int(self.rate * 100)

    def describe(self) -> str:
        """ "15% of the job value, at most $1,500.00", in the owner's language (written when shown)."""
        rate = percent_text(self.rate)
        if self.basis == Basis.FIXED.value:
            text = t("a fixed fee of {fee}", fee=format_money(self.fixed_fee))
        elif self.basis == Basis.JOB_VALUE.value:
            text = t("{rate}% of the job value", rate=rate)
        else:
            text = t("{rate}% of the profit", rate=rate)
        if self.cap is not None:
            text = t("{terms}, at most {cap}", terms=text, cap=format_money(self.cap))
        return text


def stored_money(amount: Decimal) -> str:
    """ "$1,234.50" as English writes it: for words kept in the database, read back by
    app.domain.i18n.translated whatever language the owner reads."""
    return formatting.money(amount, formatting.ENGLISH)


def commission_for(terms: Terms, job_value: Decimal, profit: Decimal | None) -> tuple[Decimal, str]:
    """The commission a won job earns under these terms, and how it was worked out (in English words:
    the note is stored with the referral and put in the owner's language when shown)."""
    if terms.basis == Basis.FIXED.value:
        amount, note = terms.fixed_fee, f"Fixed fee {stored_money(terms.fixed_fee)}"
    else:
        if terms.basis == Basis.PROFIT.value:
            if profit is None:
                raise UserError(
                    "Profit: these terms pay a share of the profit; give the job's profit.", "profit"
                )
            base, what = max(profit, Decimal(0)), " profit"
        else:
            base, what = job_value, ""
        exact = base * terms.rate / 100
        amount = exact.quantize(CENT, rounding=ROUND_HALF_UP)
        note = f"{percent_text(terms.rate)}% of {stored_money(base)}{what}"
    if terms.cap is not None and amount > terms.cap:
        amount = terms.cap
        note += f", capped at {stored_money(terms.cap)}"
    return amount, note


def terms_for(default: Terms, job_terms: tuple[Terms, ...], job_type: str, direction: str) -> Terms | None:
    """The terms for this job type if there are some, else the partner's default; None if none apply."""
    wanted = clean_text(job_type).casefold()
    for terms in job_terms:
        if terms.job_type.casefold() == wanted and terms.covers(direction):
            return terms
    return default if default.covers(direction) else None


@dataclass(frozen=True)
class PartnerDraft:
    """A partner as the owner entered them; `validated()` cleans it or names the field at fault."""

    business: str
    trade: str = ""
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    terms: Terms = Terms()
    job_terms: tuple[Terms, ...] = ()
    notes: str = ""
    active: bool = True
    id: int | None = None

    def validated(self, region: str = "US") -> PartnerDraft:
        business = clean_text(self.business)
        if not business:
            raise UserError("Business: give the partner's business name.", "business")
        for field, value in (
            ("business", business),
            ("trade", self.trade),
            ("contact_name", self.contact_name),
        ):
            if len(clean_text(value)) > MAX_TEXT:
                label = field.replace("_", " ").capitalize()
                raise UserError(f"{label} is too long (at most {MAX_TEXT} characters).", field)
        job_terms = []
        seen: set[tuple[str, str]] = set()
        for terms in self.job_terms:
            label = f"Terms for “{clean_text(terms.job_type)}”"
            cleaned = terms.validated(label, "job_terms.")
            if not cleaned.job_type:
                raise UserError("Terms by job type: give the trade or job type they are for.", "job_terms")
            key = (cleaned.job_type.casefold(), cleaned.direction)
            if key in seen:
                raise UserError(f"{label} are given twice; keep one.", "job_terms")
            seen.add(key)
            job_terms.append(cleaned)
        return dataclasses.replace(
            self,
            business=business,
            trade=clean_text(self.trade),
            contact_name=clean_text(self.contact_name),
            phone=normalize_phone(self.phone, "phone", region),
            email=normalize_email(self.email),
            address=self.address.strip(),
            terms=dataclasses.replace(self.terms, job_type="").validated("Terms"),
            job_terms=tuple(job_terms),
            notes=self.notes.strip(),
        )


@dataclass(frozen=True)
class ReferralDraft:
    """A referral to record. `consent_given_on`: the customer agreed just now to sharing their details."""

    partner_id: int
    direction: str
    referred_on: datetime.date
    customer_id: int | None = None
    job_type: str = ""
    notes: str = ""
    consent_given_on: datetime.date | None = None

    def validated(self, today: datetime.date) -> ReferralDraft:
        if self.direction not in tuple(ReferralDirection):
            raise UserError(
                "Direction: say whether we send the customer or the partner sends them.", "direction"
            )
        if self.referred_on > today:
            raise UserError(
                f"Referred on: {formatting.short_date(self.referred_on)} is in the future.", "referred_on"
            )
        if self.direction == ReferralDirection.TO_PARTNER.value and self.customer_id is None:
            raise UserError("Customer: choose the customer we are sending to the partner.", "customer_id")
        consent = self.consent_given_on
        if consent is not None and consent > today:
            raise UserError(
                f"Consent: {formatting.short_date(consent)} is in the future.", "consent_given_on"
            )
        if consent is not None and consent > self.referred_on:
            raise UserError(
                "Consent: the customer must agree before their details are shared; date the referral "
                "on or after the day they agreed.",
                "consent_given_on",
            )
        job_type = clean_text(self.job_type)
        if len(job_type) > MAX_TEXT:
            raise UserError(f"Job: at most {MAX_TEXT} characters.", "job_type")
        return dataclasses.replace(self, job_type=job_type, notes=self.notes.strip())


def consent_to_share(
    share_with_partners: bool, consent_on: datetime.date | None, referred_on: datetime.date
) -> tuple[bool, str]:
    """May this customer's details go to a partner on that day? And if not, why not (in the owner's
    words, to follow the customer's name)."""
    if not share_with_partners:
        return False, t("has not agreed to their details being shared with partners")
    if consent_on is None:
        return False, t("agreed to sharing their details, but when they agreed was never recorded")
    day = formatting.short_date(consent_on)
    if consent_on > referred_on:
        return False, t("agreed to sharing their details only on {day}, after this referral", day=day)
    return True, t("agreed to sharing their details on {day}", day=day)


def check_status(status: str) -> str:
    if status not in tuple(ReferralStatus):
        raise UserError(f"Status: “{status}” is not one of referred, contacted, won, lost or paid.", "status")
    return status


def parse_job_money(
    job_value: Decimal | str | int | None, profit: Decimal | str | int | None
) -> tuple[Decimal | None, Decimal | None]:
    """A job value (never negative) and a profit (may be a loss, never more than the job value)."""
    value = None if job_value is None else money_field(job_value, "job_value", "job value")
    gain = None if profit is None else money_field(profit, "profit", "profit", allow_negative=True)
    if value is not None and gain is not None and gain > value:
        raise UserError("Profit cannot be more than the job value.", "profit")
    return value, gain


def due_date(won_on: datetime.date) -> datetime.date:
    return won_on + datetime.timedelta(days=PAYMENT_DUE_DAYS)


def allocate(amount: Decimal, balances: list[tuple[int, Decimal]]) -> list[tuple[int, Decimal]]:
    """Share a payment across what is owed, oldest first; the amount must not exceed the total."""
    allocations = []
    left = amount
    for referral_id, owed in balances:
        if left <= 0:
            break
        part = min(owed, left)
        if part > 0:
            allocations.append((referral_id, part))
            left -= part
    return allocations
