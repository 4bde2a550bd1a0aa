"""Referral partners and their referrals: the directory, recording a referral, and its commission.

Recording a referral checks the customer's dated consent before their details go to a partner
(each disclosure is logged); moving a referral to won works out the commission from the
partner's terms (app.domain.partners). Each write is one transaction, so a refused step leaves
nothing half done. The Partners page and the CLI call these through app.services.partners,
which adds the payments, the ledger, the reports and what gets printed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.domain import clock, formatting
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import format_money, from_cents, to_cents
from app.domain.partner_ledger import PartnerRow, ReferralOutcome, ReferralRow
from app.domain.partners import (
    EARNED,
    SHARED_DETAILS,
    Basis,
    PartnerDraft,
    ReferralDraft,
    check_status,
    commission_for,
    consent_to_share,
    due_date,
    money_field,
    parse_job_money,
    stored_money,
    terms_for,
)
from app.domain.values import clean_text
from app.persistence import partners as repository

_TO, _FROM = ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value
_WON, _PAID = ReferralStatus.WON.value, ReferralStatus.PAID.value
_ZERO = Decimal("0.00")


def _today(today: datetime.date | None) -> datetime.date:
    return today or clock.today()


# ---------------------------------------------------------------- partners


def list_partners(include_inactive: bool = False, *, today: datetime.date | None = None) -> list[PartnerRow]:
    """Partners by name, each with what they owe us, what we owe them and what of it is overdue."""
    return repository.partner_rows(include_inactive, _today(today))


def get_partner(partner_id: int) -> PartnerDraft:
    """A partner as the edit form shows them."""
    draft = repository.read_partner(partner_id)
    if draft is None:
        raise UserError("This partner no longer exists; someone deleted it.")
    return draft


def save_partner(draft: PartnerDraft) -> int:
    """Validate and store a partner (new when draft.id is None); returns the id."""
    cleaned = draft.validated()
    if cleaned.id is not None and repository.read_partner(cleaned.id) is None:
        raise UserError("This partner no longer exists; someone deleted it.")
    if repository.business_taken(cleaned.business, cleaned.id):
        raise UserError(f"Business: there is already a partner called “{cleaned.business}”.", "business")
    return repository.save_partner(cleaned)


def delete_partner(partner_id: int) -> str:
    """Delete a partner with no history; keep (as inactive) one with referrals or disclosures.

    Returns "deleted" or "deactivated". Refused while money is owed either way.
    """
    with repository.transaction():
        draft = get_partner(partner_id)
        referrals, disclosures, owed_to_us, we_owe = repository.partner_usage(partner_id)
        if owed_to_us or we_owe:
            # Each direction said apart: what they owe us and what we owe them are two debts.
            owing = [
                f"{draft.business} owes you {format_money(from_cents(owed_to_us))}" if owed_to_us else "",
                f"you owe {draft.business} {format_money(from_cents(we_owe))}" if we_owe else "",
            ]
            raise UserError(
                f"{draft.business} cannot be removed while commission is still owed: "
                f"{' and '.join(part for part in owing if part)}. Settle it first."
            )
        if referrals or disclosures:
            # Their referrals and the log of what was shared with them are history worth keeping.
            repository.set_partner_active(partner_id, False)
            return "deactivated"
        repository.delete_partner(partner_id)
        return "deleted"


def resolve_partner(text: str) -> int:
    """A partner from an id or (a unique part of) their business name, as the CLI takes it."""
    text = clean_text(text)
    if text.isdigit() and repository.read_partner(int(text)) is not None:
        return int(text)
    matches = repository.partners_named(text) if text else []
    if matches and (len(matches) == 1 or matches[0][1].casefold() == text.casefold()):
        return matches[0][0]
    if not matches:
        raise UserError(f"No partner is called “{text}”. Give the partner's id or business name.")
    names = ", ".join(name for _, name in matches[:5])
    raise UserError(f"“{text}” matches several partners ({names}); give more of the name or the id.")


# ---------------------------------------------------------------- referrals


def record_referral(draft: ReferralDraft, *, today: datetime.date | None = None) -> ReferralOutcome:
    """Record a referral either way. A customer's details go to a partner only with their dated
    consent (each time logged as a disclosure); otherwise the outcome asks for an introduction letter.
    A referral from a partner makes that partner the customer's referrer."""
    draft = draft.validated(_today(today))
    with repository.transaction():
        partner = get_partner(draft.partner_id)
        if not partner.active:
            raise UserError(f"Partner: {partner.business} is inactive; make them active first.", "partner_id")
        customer = None
        if draft.customer_id is not None:
            customer = repository.customer_facts(draft.customer_id)
            if customer is None:
                raise UserError("Customer: this customer no longer exists.", "customer_id")
        warnings = []
        if terms_for(partner.terms, partner.job_terms, draft.job_type, draft.direction) is None:
            unagreed = (
                "No commission is agreed with {partner} on referrals they send us."
                if draft.direction == _FROM
                else "No commission is agreed with {partner} on referrals we send them."
            )
            warnings.append(t(unagreed, partner=partner.business))
        referral_id = repository.insert_referral(
            partner=draft.partner_id, customer=draft.customer_id, direction=draft.direction,
            referred_on=draft.referred_on, job_type=draft.job_type, status=ReferralStatus.REFERRED.value,
            notes=draft.notes,
        )  # fmt: skip
        if draft.direction == _FROM:
            return _from_partner(referral_id, partner, customer, warnings)
        assert customer is not None  # validated: a referral to a partner names the customer
        share, consent_on = customer.share_with_partners, customer.share_consent_on
        if draft.consent_given_on is not None and not (
            share and consent_on and consent_on <= draft.referred_on
        ):
            share, consent_on = True, draft.consent_given_on
            repository.update_customer(customer.id, share_with_partners=True, share_consent_on=consent_on)
        allowed, why = consent_to_share(share, consent_on, draft.referred_on)
        if not allowed:
            message = t(
                "{customer} {why}, so nothing was shared with {partner}. "
                "Print {customer} a letter introducing {partner} instead.",
                customer=customer.name, why=why, partner=partner.business,
            )  # fmt: skip
            return ReferralOutcome(referral_id, False, True, message, tuple(warnings))
        repository.insert_disclosure(customer.id, draft.partner_id, referral_id, SHARED_DETAILS)
        message = t(
            "{customer} {why}, so their {details} go to {partner}. The disclosure is logged.",
            customer=customer.name, why=why, details=t(SHARED_DETAILS).lower(), partner=partner.business,
        )  # fmt: skip
        return ReferralOutcome(referral_id, True, False, message, tuple(warnings))


def _from_partner(
    referral_id: int, partner: PartnerDraft, customer: repository.CustomerFacts | None, warnings: list[str]
) -> ReferralOutcome:
    if customer is None:
        message = t("Lead from {partner} recorded.", partner=partner.business)
        return ReferralOutcome(referral_id, False, False, message, tuple(warnings))
    columns: dict[str, object] = {}
    if customer.referred_by is None:
        columns["referred_by"] = partner.id
    elif customer.referred_by != partner.id:
        warnings.append(
            t(
                "{customer} was first referred by another partner; that stays their referrer.",
                customer=customer.name,
            )
        )
    source = f"Referral: {partner.business}"
    if not customer.source:
        columns["source"] = source
    elif customer.source != source and customer.referred_by is None:
        warnings.append(
            t("{customer}'s source stays “{source}”.", customer=customer.name, source=customer.source)
        )
    if columns:
        repository.update_customer(customer.id, **columns)
    message = t(
        "Referral from {partner} recorded for {customer}.", partner=partner.business, customer=customer.name
    )
    return ReferralOutcome(referral_id, False, False, message, tuple(warnings))


def get_referral(referral_id: int) -> ReferralRow:
    """A referral as the lists show it; refused when someone deleted it."""
    rows = repository.referral_rows(referral_id=referral_id)
    if not rows:
        raise UserError("This referral no longer exists; someone deleted it.")
    return rows[0]


def list_referrals(*, partner_id: int | None = None, customer_id: int | None = None) -> list[ReferralRow]:
    return repository.referral_rows(partner_id=partner_id, customer_id=customer_id)


def update_referral_status(
    referral_id: int,
    status: str,
    job_value: Decimal | str | None = None,
    profit: Decimal | str | None = None,
    *,
    today: datetime.date | None = None,
) -> ReferralRow:
    """Move a referral along referred → contacted → won/lost → paid. Winning works out the commission
    from the partner's terms (unless it was set by hand); it falls due 30 days later."""
    check_status(status)
    value, gain = parse_job_money(job_value, profit)
    with repository.transaction():
        ref = get_referral(referral_id)
        value = ref.job_value if value is None else value
        gain = ref.profit if gain is None else gain
        if gain is not None and gain > value:
            raise UserError("Profit cannot be more than the job value.", "profit")
        columns: dict[str, object] = {"job_value_cents": to_cents(value), "profit_cents": _cents(gain)}
        if status in EARNED:
            commission, note = (
                (ref.commission, ref.commission_note) if ref.overridden else _earned(ref, value, gain)
            )
            columns |= _settled(ref, commission, status, _today(today), "job_value")
            columns["commission_note"] = note
        elif ref.paid > 0:
            raise UserError(
                f"Status: {format_money(ref.paid)} has been paid on this referral; "
                f"remove the payments before marking it {status}.",
                "status",
            )
        else:
            columns |= {"status": status, "commission_cents": 0, "commission_note": "", "won_on": None,
                        "due_on": None, "commission_overridden": False}  # fmt: skip
        repository.update_referral(referral_id, **columns)
        return get_referral(referral_id)


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else to_cents(amount)


def _earned(ref: ReferralRow, value: Decimal, profit: Decimal | None) -> tuple[Decimal, str]:
    """The commission the partner's terms give this referral's job."""
    partner = get_partner(ref.partner_id)
    terms = terms_for(partner.terms, partner.job_terms, ref.job_type, ref.direction)
    if terms is None:
        return _ZERO, "No commission agreed for referrals this way"
    if terms.basis == Basis.JOB_VALUE.value and value == 0:
        raise UserError("Job value: give the value of the job won, to work out the commission.", "job_value")
    return commission_for(terms, value, profit)


def _settled(ref: ReferralRow, commission: Decimal, status: str, today: datetime.date, field: str) -> dict:
    """The columns of a won referral with this commission; refused if it is less than already paid."""
    if commission < ref.paid:
        raise UserError(
            f"{field.replace('_', ' ').capitalize()}: that makes the commission {format_money(commission)}, "
            f"less than the {format_money(ref.paid)} already paid on this referral.",
            field,
        )
    owed = commission - ref.paid
    if status == _PAID and owed > 0:
        raise UserError(
            f"Status: {format_money(owed)} is still owed on this referral; record the payment and it is "
            "marked paid.",
            "status",
        )
    won_on = ref.won_on or today
    paid_up = owed == 0 and (ref.paid > 0 or status == _PAID)
    return {
        "status": _PAID if paid_up else _WON,
        "commission_cents": to_cents(commission),
        "won_on": won_on,
        "due_on": ref.due_on or due_date(won_on),
    }


def override_commission(
    referral_id: int, amount: Decimal | str | None, reason: str, *, today: datetime.date | None = None
) -> ReferralRow:
    """Set a won referral's commission by hand, with the reason (shown on the statement); `amount`
    None goes back to what the partner's terms give."""
    today = _today(today)
    with repository.transaction():
        ref = get_referral(referral_id)
        if ref.status not in EARNED:
            raise UserError(
                "Commission: mark the job won first; a commission is earned on a won job.", "commission"
            )
        if amount is None:
            commission, note = _earned(ref, ref.job_value, ref.profit)
            columns = _settled(ref, commission, _WON, today, "commission")
            columns |= {"commission_note": note, "commission_overridden": False}
        else:
            reason = clean_text(reason)
            if not reason:
                raise UserError("Reason: say why the commission changes; it goes on the statement.", "reason")
            commission = money_field(amount, "commission", "commission")
            columns = _settled(ref, commission, _WON, today, "commission")
            # Kept with the referral in English, read back in the owner's language when shown.
            changed = formatting.short_date(today, formatting.ENGLISH)
            was = f"was {stored_money(ref.commission)}, changed {changed}"
            columns |= {"commission_overridden": True, "commission_reason": f"{reason} ({was})"}
        repository.update_referral(referral_id, **columns)
        return get_referral(referral_id)
