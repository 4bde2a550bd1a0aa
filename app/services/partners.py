"""Referral partners and the commission ledger: the use cases the Partners page and the CLI call.

The partners and their referrals (the directory, recording a referral with consent, moving it to
won and its commission) are in app.services.partner_referrals and offered here too, so that
callers find every partner use case in one place. This module adds the payments, the ledger
(statements and who owes whom), the referral report and what gets printed. The rules (terms,
rounding, consent, what a statement adds up) live in app.domain.partners and
app.domain.partner_ledger; each write is one transaction, so a refused step leaves nothing half
done.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from app.domain import clock, formatting
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import format_money, from_cents, to_cents
from app.domain.partner_ledger import (
    DisclosureRow,
    IntroductionLetter,
    LedgerSummary,
    Loyalty,
    PartnerStatement,
    PaymentOutcome,
    PaymentRow,
    ReferralReport,
    ReferralSlip,
    ReferralTotals,
    build_statement,
)
from app.domain.partners import EARNED, allocate, money_field, stored_money, terms_for
from app.domain.stats import StatsPeriods
from app.domain.values import clean_text
from app.persistence import partner_ledger as ledger_repository
from app.persistence import partners as repository
from app.services.cancel import Cancelled
from app.services.partner_referrals import (
    delete_partner,
    get_partner,
    get_referral,
    list_partners,
    list_referrals,
    override_commission,
    record_referral,
    resolve_partner,
    save_partner,
    update_referral_status,
)

# The Partners page, the CLI and the tests call every partner use case through this module.
__all__ = [
    "commission_totals",
    "delete_partner",
    "delete_payment",
    "get_partner",
    "introduction_letter",
    "ledger_summary",
    "list_disclosures",
    "list_partners",
    "list_payments",
    "list_referrals",
    "override_commission",
    "partner_ledger",
    "record_payment",
    "record_referral",
    "referral_report",
    "referral_slip",
    "resolve_partner",
    "save_partner",
    "update_referral_status",
]

_TO, _FROM = ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value
_WON, _PAID = ReferralStatus.WON.value, ReferralStatus.PAID.value
_ZERO = Decimal("0.00")


# ---------------------------------------------------------------- payments


def record_payment(
    *,
    amount: Decimal | str,
    paid_on: datetime.date,
    referral_id: int | None = None,
    partner_id: int | None = None,
    direction: str | None = None,
    method: str = "",
    note: str = "",
    today: datetime.date | None = None,
) -> PaymentOutcome:
    """A payment received (to_partner) or made (from_partner): on one referral, or on a partner's
    balance in one direction, shared across what they owe oldest first. Partial payments are fine;
    more than is owed is refused."""
    value = money_field(amount, "amount", "amount")
    if value <= 0:
        raise UserError("Amount: give an amount above zero.", "amount")
    if paid_on > (today or clock.today()):
        raise UserError(f"Paid on: {formatting.short_date(paid_on)} is in the future.", "paid_on")
    method, note = clean_text(method), note.strip()
    with repository.transaction():
        balances = _balances(referral_id, partner_id, direction, value)
        allocations = allocate(value, balances)
        owed = dict(balances)
        ids, settled = [], []
        for rid, part in allocations:
            # Kept in English with the payment, read back in the owner's language on a statement.
            detail = note if len(allocations) == 1 else f"{note} (part of {stored_money(value)})".strip()
            ids.append(repository.insert_payment(rid, paid_on, to_cents(part), method, detail))
            if part == owed[rid]:
                repository.update_referral(rid, status=_PAID)
                settled.append(rid)
        return PaymentOutcome(tuple(ids), tuple(allocations), tuple(settled))


def _balances(
    referral_id: int | None, partner_id: int | None, direction: str | None, amount: Decimal
) -> list[tuple[int, Decimal]]:
    if (referral_id is None) == (partner_id is None):
        raise ValueError("give either a referral or a partner")
    if referral_id is not None:
        ref = get_referral(referral_id)
        if ref.status not in EARNED:
            raise UserError("Amount: nothing is owed on this referral yet; the job is not won.", "amount")
        balances, whose = [(referral_id, ref.owed)], "on this referral"
    else:
        if direction not in (_TO, _FROM):
            raise UserError(
                "Direction: say whether the partner is paying us or we are paying them.", "direction"
            )
        partner = get_partner(partner_id)
        balances = [(rid, from_cents(c)) for rid, c in ledger_repository.open_balances(partner_id, direction)]
        whose = f"by {partner.business}" if direction == _TO else f"to {partner.business}"
    total = sum((owed for _, owed in balances), _ZERO)
    if total == 0:
        raise UserError(f"Amount: nothing is owed {whose}.", "amount")
    if amount > total:
        raise UserError(
            f"Amount: {format_money(amount)} is more than the {format_money(total)} still owed {whose}.",
            "amount",
        )
    return balances


def delete_payment(payment_id: int) -> None:
    """Take back a payment entered by mistake; its referral is owed again."""
    with repository.transaction():
        referral_id = repository.delete_payment(payment_id)
        if referral_id is None:
            raise UserError("This payment no longer exists.")
        ref = get_referral(referral_id)
        if ref.status == _PAID and ref.owed > 0:
            repository.update_referral(referral_id, status=_WON)


def list_payments(*, referral_id: int | None = None, partner_id: int | None = None) -> list[PaymentRow]:
    return repository.payment_rows(referral_id=referral_id, partner_id=partner_id)


def list_disclosures(*, customer_id: int | None = None, partner_id: int | None = None) -> list[DisclosureRow]:
    """The log of every time a customer's details went to a partner, newest first."""
    return repository.disclosure_rows(customer_id=customer_id, partner_id=partner_id)


# ---------------------------------------------------------------- the ledger and reports


def partner_ledger(
    partner_id: int,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> PartnerStatement:
    """A partner's statement for a period (both directions), line by line with running balances."""
    today = today or clock.today()
    with repository.transaction():
        details = repository.partner_details(partner_id)
        if details is None:
            raise UserError("This partner no longer exists; someone deleted it.")
        entries = ledger_repository.ledger_entries(partner_id)
    return build_statement(details, entries, start, end or today, today)


def ledger_summary(today: datetime.date) -> LedgerSummary:
    """Who owes whom what, at a glance: partners with money outstanding, and what is overdue."""
    with repository.transaction():
        rows = repository.partner_rows(True, today, only_owing=True)
        overdue = ledger_repository.overdue_items(today)
    rows.sort(key=lambda r: (-max(r.owed_to_us, r.we_owe), r.business.casefold()))

    def total(name: str) -> Decimal:
        return sum((getattr(r, name) for r in rows), _ZERO)

    return LedgerSummary(
        today, total("owed_to_us"), total("we_owe"), total("overdue_to_us"), total("overdue_we_owe"),
        tuple(rows), tuple(overdue),
    )  # fmt: skip


def commission_totals() -> tuple[Decimal, Decimal]:
    """(owed to us, we owe): the same two numbers as `stats` shows."""
    owed_to_us, we_owe = ledger_repository.commission_totals()
    return from_cents(owed_to_us), from_cents(we_owe)


def referral_report(
    today: datetime.date,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ReferralReport:
    """Referral income and cost by partner, trade and year, and whether partners' customers stay."""
    totals = ledger_repository.referral_totals()
    if cancel and cancel():
        raise Cancelled()
    if progress:
        progress(1, 2)
    loyalty = ledger_repository.loyalty_rows(StatsPeriods.ending(today).recent_buyers_from)
    if progress:
        progress(2, 2)
    groups: dict[str, dict] = {
        "partner": defaultdict(list),
        "trade": defaultdict(list),
        "year": defaultdict(list),
    }
    for row in totals:
        _, business, trade, _, year, *_ = row
        groups["partner"][business].append(row)
        groups["trade"][trade or t("(no trade given)")].append(row)
        groups["year"][str(year)].append(row)
    by = {
        key: tuple(_totals(label, g[label]) for label in sorted(g, key=str.casefold))
        for key, g in groups.items()
    }
    everyone, *partners = sorted(
        (Loyalty(name or t("All customers"), pid, n, again, recent, from_cents(cents))
         for pid, name, n, again, recent, cents in loyalty),
        key=lambda line: (line.partner_id is not None, -line.repeat_rate, line.label),
    )  # fmt: skip
    return ReferralReport(today, by["partner"], by["trade"], by["year"][::-1], tuple(partners), everyone)


def _totals(label: str, rows: list[tuple]) -> ReferralTotals:
    sent = sum(n for _, _, _, d, _, n, _, _ in rows if d == _TO)
    received = sum(n for _, _, _, d, _, n, _, _ in rows if d == _FROM)
    won = sum(w for *_, w, _ in rows)
    income = sum(c for _, _, _, d, _, _, _, c in rows if d == _TO)
    cost = sum(c for _, _, _, d, _, _, _, c in rows if d == _FROM)
    return ReferralTotals(label, sent, received, won, from_cents(income), from_cents(cost))


# ---------------------------------------------------------------- what gets printed


def referral_slip(referral_id: int) -> ReferralSlip:
    """The slip for a customer we send to a partner; their contact details only if they were shared."""
    ref = get_referral(referral_id)
    if ref.direction != _TO:
        raise UserError("A referral slip goes with a customer we send to a partner; this one came from them.")
    partner = get_partner(ref.partner_id)
    details = repository.partner_details(ref.partner_id)
    assert details is not None
    terms = terms_for(partner.terms, partner.job_terms, ref.job_type, ref.direction)
    customer = repository.customer_facts(ref.customer_id) if ref.customer_id is not None else None
    shared = ref.disclosed and customer is not None
    return ReferralSlip(
        referral_id=ref.id, referred_on=ref.referred_on, partner=details, job_type=ref.job_type,
        customer_name=customer.name if customer else ref.customer, details_shared=shared,
        customer_phone=customer.phone if shared and customer else "",
        customer_address=customer.address if shared and customer else (),
        terms=terms.describe() if terms else t("No commission agreed"), notes=ref.notes,
    )  # fmt: skip


def introduction_letter(referral_id: int) -> IntroductionLetter:
    """The letter that introduces the partner to a customer whose details may not be shared."""
    ref = get_referral(referral_id)
    customer = repository.customer_facts(ref.customer_id) if ref.customer_id is not None else None
    if ref.direction != _TO or customer is None:
        raise UserError("An introduction letter goes to a customer we send to a partner.")
    if not customer.address:
        raise UserError(f"{customer.name} has no address on file; add one to print the letter.")
    details = repository.partner_details(ref.partner_id)
    assert details is not None
    return IntroductionLetter(
        ref.id, customer.id, customer.name, customer.address, details, ref.job_type, ref.referred_on
    )
