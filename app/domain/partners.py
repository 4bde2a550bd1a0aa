"""Referral partners: their terms, the commission a referral earns, and the shapes of the ledger.

A commission is worked out exactly in Decimal and rounded once, half up to the cent (15 % of $333.33
is $49.9995, so $50.00); a cap applies after rounding. Rates are percentages with at most two decimals
(stored as basis points). A commission is earned when the job is won and falls due PAYMENT_DUE_DAYS
later; what is still owed is the commission less the payments on that referral, never below zero.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from app.domain.errors import UserError
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import CENT, format_money, parse_money
from app.domain.values import clean_text, normalize_email, normalize_phone

PAYMENT_DUE_DAYS = 30
MAX_TEXT = 200
SHARED_DETAILS = "Name, phone number and service address"
EARNED = (ReferralStatus.WON.value, ReferralStatus.PAID.value)  # a commission exists once the job is won
DIRECTION_LABELS = {
    ReferralDirection.TO_PARTNER.value: "Referrals we sent: they owe us",
    ReferralDirection.FROM_PARTNER.value: "Referrals they sent: we owe them",
}


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
    """A percentage from 0 to 100 with at most two decimals ("12.5", "15 %")."""
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
        raise UserError(f"{label}: {percent_text(rate)} % is over 100 %; give a rate from 0 to 100 %.", field)
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
        """ "15 % of the job value, at most $1,500.00" """
        if self.basis == Basis.FIXED.value:
            text = f"a fixed fee of {format_money(self.fixed_fee)}"
        else:
            what = "the job value" if self.basis == Basis.JOB_VALUE.value else "the profit"
            text = f"{percent_text(self.rate)} % of {what}"
        if self.cap is not None:
            text += f", at most {format_money(self.cap)}"
        return text


def commission_for(terms: Terms, job_value: Decimal, profit: Decimal | None) -> tuple[Decimal, str]:
    """The commission a won job earns under these terms, and how it was worked out (in words)."""
    if terms.basis == Basis.FIXED.value:
        amount, note = terms.fixed_fee, f"Fixed fee {format_money(terms.fixed_fee)}"
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
        note = f"{percent_text(terms.rate)}% of {format_money(base)}{what}"
    if terms.cap is not None and amount > terms.cap:
        amount = terms.cap
        note += f", capped at {format_money(terms.cap)}"
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
            raise UserError(f"Referred on: {self.referred_on:%b %d, %Y} is in the future.", "referred_on")
        if self.direction == ReferralDirection.TO_PARTNER.value and self.customer_id is None:
            raise UserError("Customer: choose the customer we are sending to the partner.", "customer_id")
        consent = self.consent_given_on
        if consent is not None and consent > today:
            raise UserError(f"Consent: {consent:%b %d, %Y} is in the future.", "consent_given_on")
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
    """May this customer's details go to a partner on that day? And if not, why not (in words)."""
    if not share_with_partners:
        return False, "has not agreed to their details being shared with partners"
    if consent_on is None:
        return False, "agreed to sharing their details, but when they agreed was never recorded"
    if consent_on > referred_on:
        return False, f"agreed to sharing their details only on {consent_on:%b %d, %Y}, after this referral"
    return True, f"agreed to sharing their details on {consent_on:%b %d, %Y}"


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


# ---------------------------------------------------------------- what the screens and reports show


@dataclass(frozen=True)
class PartnerRow:
    """One partner in the list, with what is owed each way as of today."""

    id: int
    business: str
    trade: str
    contact_name: str
    phone: str
    email: str
    active: bool
    terms: str  # the default terms in words
    owed_to_us: Decimal
    we_owe: Decimal
    overdue_to_us: Decimal
    overdue_we_owe: Decimal
    open_referrals: int  # referred or contacted, not yet won or lost

    @property
    def net(self) -> Decimal:
        """Positive: the partner owes us on balance."""
        return self.owed_to_us - self.we_owe


@dataclass(frozen=True)
class ReferralRow:
    id: int
    partner_id: int
    partner: str
    customer_id: int | None
    customer: str
    direction: str
    referred_on: datetime.date
    job_type: str
    status: str
    job_value: Decimal
    profit: Decimal | None
    commission: Decimal
    paid: Decimal
    won_on: datetime.date | None
    due_on: datetime.date | None
    commission_note: str  # how the commission was worked out
    overridden: bool
    override_reason: str
    disclosed: bool  # the customer's details went to the partner (a disclosure is logged)
    notes: str

    @property
    def owed(self) -> Decimal:
        return max(self.commission - self.paid, Decimal("0.00"))

    def overdue(self, today: datetime.date) -> bool:
        return self.owed > 0 and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class PaymentRow:
    id: int
    referral_id: int
    paid_on: datetime.date
    amount: Decimal
    method: str
    note: str


@dataclass(frozen=True)
class DisclosureRow:
    id: int
    customer_id: int
    partner_id: int
    partner: str
    referral_id: int | None
    disclosed_at: datetime.datetime
    what: str


@dataclass(frozen=True)
class ReferralOutcome:
    """What recording a referral did. `introduction_letter`: no details went to the partner; print the
    customer a letter introducing the partner instead (services.partners.introduction_letter)."""

    referral_id: int
    disclosed: bool
    introduction_letter: bool
    message: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaymentOutcome:
    payment_ids: tuple[int, ...]
    allocations: tuple[tuple[int, Decimal], ...]  # (referral id, amount) in the order paid
    settled: tuple[int, ...]  # referrals now paid in full


@dataclass(frozen=True)
class PartnerDetails:
    """The partner as a statement, slip or letter names them."""

    id: int
    business: str
    trade: str = ""
    contact_name: str = ""
    phone: str = ""  # E.164; format with values.format_phone
    email: str = ""
    address: str = ""
    terms: str = ""  # the default terms in words


@dataclass(frozen=True)
class StatementLine:
    """A commission earned (commission > 0) or a payment (payment > 0), with the balance after it."""

    on: datetime.date
    referral_id: int
    customer: str
    job: str
    job_value: Decimal | None  # None on a payment line
    basis: str  # how the commission was worked out, or the payment's method and note
    commission: Decimal
    payment: Decimal
    balance: Decimal


@dataclass(frozen=True)
class StatementSection:
    """One direction: what the partner owes us (to_partner) or what we owe them (from_partner)."""

    direction: str
    title: str
    opening_balance: Decimal
    lines: tuple[StatementLine, ...]
    total_commission: Decimal
    total_payments: Decimal
    closing_balance: Decimal


@dataclass(frozen=True)
class PartnerStatement:
    partner: PartnerDetails
    start: datetime.date | None  # None: from the first referral
    end: datetime.date  # inclusive
    generated_on: datetime.date
    owed_to_us: StatementSection
    we_owe: StatementSection

    @property
    def sections(self) -> tuple[StatementSection, StatementSection]:
        return (self.owed_to_us, self.we_owe)

    @property
    def net_balance(self) -> Decimal:
        """Positive: the partner owes us on balance at the end of the period."""
        return self.owed_to_us.closing_balance - self.we_owe.closing_balance


@dataclass(frozen=True)
class LedgerEntry:
    """A commission earned or a payment, as read from the database, before it becomes a statement line."""

    on: datetime.date
    direction: str
    referral_id: int
    customer: str
    job: str
    job_value: Decimal | None
    basis: str
    commission: Decimal
    payment: Decimal


def build_statement(
    partner: PartnerDetails,
    entries: list[LedgerEntry],
    start: datetime.date | None,
    end: datetime.date,
    today: datetime.date,
) -> PartnerStatement:
    """Entries before `start` make the opening balance; those up to `end` (inclusive) are the lines."""
    if start is not None and start > end:
        raise UserError("Statement: the period must start on or before its end.", "start")
    ordered = sorted(entries, key=lambda e: (e.on, e.payment > 0, e.referral_id))
    sections = []
    for direction in (ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value):
        mine = [e for e in ordered if e.direction == direction and e.on <= end]
        opening = sum(
            (e.commission - e.payment for e in mine if start is not None and e.on < start), Decimal("0.00")
        )
        balance, lines = opening, []
        for e in mine:
            if start is not None and e.on < start:
                continue
            balance += e.commission - e.payment
            lines.append(StatementLine(e.on, e.referral_id, e.customer, e.job, e.job_value, e.basis,
                                       e.commission, e.payment, balance))  # fmt: skip
        sections.append(
            StatementSection(
                direction,
                DIRECTION_LABELS[direction],
                opening,
                tuple(lines),
                sum((line.commission for line in lines), Decimal("0.00")),
                sum((line.payment for line in lines), Decimal("0.00")),
                balance,
            )
        )
    return PartnerStatement(partner, start, end, today, sections[0], sections[1])


@dataclass(frozen=True)
class ReferralSlip:
    """Handed over with a customer we send to a partner. The customer's contact details are on it only
    when they agreed to them being shared (details_shared); otherwise it carries the partner's details
    for the customer to call them."""

    referral_id: int
    referred_on: datetime.date
    partner: PartnerDetails
    job_type: str
    customer_name: str
    details_shared: bool
    customer_phone: str = ""  # E.164
    customer_address: tuple[str, ...] = ()  # service address lines
    terms: str = ""  # the commission terms for this job, in words
    notes: str = ""


@dataclass(frozen=True)
class IntroductionLetter:
    """A letter to the customer introducing the partner, when their details may not be shared."""

    referral_id: int
    customer_id: int
    customer_name: str
    mailing_address: tuple[str, ...]
    partner: PartnerDetails
    job_type: str
    referred_on: datetime.date


@dataclass(frozen=True)
class OverdueItem:
    referral_id: int
    partner_id: int
    partner: str
    customer: str
    direction: str
    job_type: str
    due_on: datetime.date
    days_overdue: int
    owed: Decimal


@dataclass(frozen=True)
class LedgerSummary:
    """Who owes whom what, at a glance, as of `today`."""

    today: datetime.date
    owed_to_us: Decimal
    we_owe: Decimal
    overdue_to_us: Decimal
    overdue_we_owe: Decimal
    partners: tuple[PartnerRow, ...]  # those with money outstanding either way, largest first
    overdue: tuple[OverdueItem, ...]  # oldest first


@dataclass(frozen=True)
class ReferralTotals:
    """Referral income and cost for one partner, trade or year."""

    label: str
    sent: int  # referrals we sent
    received: int  # referrals they sent us
    won: int
    income: Decimal  # commission earned on referrals we sent
    cost: Decimal  # commission earned by partners on referrals they sent

    @property
    def net(self) -> Decimal:
        return self.income - self.cost


@dataclass(frozen=True)
class Loyalty:
    """Do the customers a partner sent us stay and buy again?"""

    label: str
    partner_id: int | None  # None: every customer, for comparison
    customers: int
    bought_again: int  # two sales or more
    bought_recently: int  # a sale in the last 3 years
    sales: Decimal

    @property
    def repeat_rate(self) -> Decimal:
        return (
            (Decimal(self.bought_again) / self.customers).quantize(Decimal("0.0001"))
            if self.customers
            else Decimal(0)
        )

    @property
    def average_sales(self) -> Decimal:
        return (
            (self.sales / self.customers).quantize(CENT, ROUND_HALF_UP) if self.customers else Decimal("0.00")
        )


@dataclass(frozen=True)
class ReferralReport:
    today: datetime.date
    by_partner: tuple[ReferralTotals, ...]
    by_trade: tuple[ReferralTotals, ...]
    by_year: tuple[ReferralTotals, ...]  # the year the job was won (or referred, when never won)
    loyalty: tuple[Loyalty, ...]  # per partner who sent us customers, best repeat rate first
    everyone: Loyalty  # the whole customer base, to compare with
