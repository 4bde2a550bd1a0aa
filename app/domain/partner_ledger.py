"""What the Partners page, the statements and the referral reports show, and the statement arithmetic.

Plain frozen dataclasses the services return (rows, outcomes, the statement, the slip and the
letter, the ledger summary, the report), and `build_statement`, which turns the ledger entries
read from the database into a statement with opening and running balances. The rules that
decide the amounts (terms, commission, consent) are in app.domain.partners.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.errors import UserError
from app.domain.kinds import ReferralDirection
from app.domain.money import CENT

DIRECTION_LABELS = {
    ReferralDirection.TO_PARTNER.value: "Referrals we sent: they owe us",
    ReferralDirection.FROM_PARTNER.value: "Referrals they sent: we owe them",
}


@dataclass(frozen=True)
class PartnerRow:
    """One partner in the list, with what is owed each way as of today.

    The two directions are two balances, never added up nor set against each other: a payment
    settles referrals of one direction only (app.services.partners.record_payment).
    """

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


def payment_basis(method: str, note: str) -> str:
    """A payment's line in words: "Payment by Check #4417", "Payment by ACH; invoice 12", "Payment".

    A note that starts with the method ("Check #4417" paid by "Check") already says it: the word is
    not printed twice ("Payment by Check Check #4417").
    """
    method, note = " ".join(method.split()), " ".join(note.split())
    if method and note.casefold().startswith(method.casefold()):
        return f"Payment by {note}"
    said = f"Payment by {method}" if method else "Payment"
    return f"{said}; {note}" if note else said


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
    """Who owes whom what, at a glance, as of `today`: each direction on its own."""

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
