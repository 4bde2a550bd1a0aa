"""Partners, referrals, payments and disclosures in the database; rows come back as plain dataclasses.

What is owed (OWED) and the ledger and report queries are in app/persistence/partner_ledger.py.
Dates go into SQL as ISO text (see app/persistence/raw_sql.py for why that is portable).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from app.domain import clock
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import from_cents, to_cents
from app.domain.partner_ledger import DisclosureRow, PartnerDetails, PartnerRow, PaymentRow, ReferralRow
from app.domain.partners import PartnerDraft, Terms
from app.persistence.partner_ledger import CUSTOMER_NAME, EARNED_PARAMS, OWED, PAID, as_cents
from app.persistence.raw_sql import as_date, run_sql
from app.persistence.tables import (
    Customer,
    Disclosure,
    Partner,
    PartnerTerm,
    Referral,
    ReferralPayment,
    database_proxy,
)

_TO, _FROM = ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value


@contextmanager
def transaction() -> Iterator[None]:
    """One transaction around a use case's reads and writes."""
    with database_proxy.atomic():
        yield


# ---------------------------------------------------------------- partners


def _terms(row: dict, job_type: str = "") -> Terms:
    cap = row["cap_cents"]
    return Terms(
        basis=row["basis"],
        rate=(Decimal(row["rate_bp"]) / 100).quantize(Decimal("0.01")),
        fixed_fee=from_cents(row["fixed_fee_cents"]),
        cap=None if cap is None else from_cents(cap),
        direction=row["direction"],
        job_type=job_type,
    )


def _terms_columns(terms: Terms) -> dict:
    return {
        "basis": terms.basis,
        "rate_bp": terms.rate_bp,
        "fixed_fee_cents": to_cents(terms.fixed_fee),
        "cap_cents": None if terms.cap is None else to_cents(terms.cap),
        "direction": terms.direction,
    }


def read_partner(partner_id: int) -> PartnerDraft | None:
    row = Partner.select().where(Partner.id == partner_id).dicts().first()
    if row is None:
        return None
    terms = PartnerTerm.select().where(PartnerTerm.partner == partner_id).order_by(PartnerTerm.id).dicts()
    return PartnerDraft(
        business=row["business"],
        trade=row["trade"],
        contact_name=row["contact_name"],
        phone=row["phone"],
        email=row["email"],
        address=row["address"],
        terms=_terms(row),
        job_terms=tuple(_terms(t, t["job_type"]) for t in terms),
        notes=row["notes"],
        active=bool(row["active"]),
        id=row["id"],
    )


def partner_details(partner_id: int) -> PartnerDetails | None:
    draft = read_partner(partner_id)
    if draft is None or draft.id is None:
        return None
    return PartnerDetails(
        draft.id, draft.business, draft.trade, draft.contact_name, draft.phone, draft.email, draft.address,
        draft.terms.describe(),
    )  # fmt: skip


def partners_named(text: str) -> list[tuple[int, str]]:
    """Partners whose business name contains the text (any case), exact matches first."""
    wanted = text.strip().casefold()
    rows = Partner.select(Partner.id, Partner.business).order_by(Partner.business).tuples()
    matches = [(pid, name) for pid, name in rows if wanted in name.casefold()]
    return sorted(matches, key=lambda m: m[1].casefold() != wanted)


def business_taken(business: str, except_id: int | None) -> bool:
    query = Partner.select(Partner.id, Partner.business).tuples()
    return any(name.casefold() == business.casefold() and pid != except_id for pid, name in query)


def save_partner(draft: PartnerDraft) -> int:
    """Insert or update a validated partner and replace their job-type terms, in one transaction."""
    columns = {
        "business": draft.business,
        "trade": draft.trade,
        "contact_name": draft.contact_name,
        "phone": draft.phone,
        "email": draft.email,
        "address": draft.address,
        "notes": draft.notes,
        "active": draft.active,
        **_terms_columns(draft.terms),
    }
    with database_proxy.atomic():
        if draft.id is None:
            partner_id = Partner.insert(**columns).execute()
        else:
            partner_id = draft.id
            Partner.update(**columns).where(Partner.id == partner_id).execute()
            PartnerTerm.delete().where(PartnerTerm.partner == partner_id).execute()
        for terms in draft.job_terms:
            PartnerTerm.insert(partner=partner_id, job_type=terms.job_type, **_terms_columns(terms)).execute()
    return partner_id


def partner_usage(partner_id: int) -> tuple[int, int, int, int]:
    """(referrals, disclosures, cents the partner owes us, cents we owe them) of a partner."""
    referrals = Referral.select().where(Referral.partner == partner_id).count()
    disclosures = Disclosure.select().where(Disclosure.partner == partner_id).count()
    owed_to_us, we_owe = run_sql(
        f"""SELECT sum(CASE WHEN o.direction = :to THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :frm THEN o.owed ELSE 0 END)
            FROM {OWED} o WHERE o.partner_id = :pid""",
        pid=partner_id, to=_TO, frm=_FROM, **EARNED_PARAMS,
    )[0]  # fmt: skip
    return referrals, disclosures, as_cents(owed_to_us), as_cents(we_owe)


def delete_partner(partner_id: int) -> None:
    with database_proxy.atomic():
        Partner.delete().where(Partner.id == partner_id).execute()


def set_partner_active(partner_id: int, active: bool) -> None:
    Partner.update(active=active).where(Partner.id == partner_id).execute()


def partner_rows(include_inactive: bool, today: datetime.date, only_owing: bool = False) -> list[PartnerRow]:
    """Partners with their balances each way, in one query: all of them, the active ones and those
    still owing or owed (money never drops out of sight), or only those owing or owed. Each
    direction is summed on its own; "owing or owed" is either of the two above zero."""
    owing = "coalesce(sum(o.owed), 0) > 0"
    having = (
        f"HAVING {owing}" if only_owing else "" if include_inactive else f"HAVING pa.active = :yes OR {owing}"
    )
    rows = run_sql(
        f"""SELECT pa.id, pa.business, pa.trade, pa.contact_name, pa.phone, pa.email, pa.active,
                   pa.basis, pa.rate_bp, pa.fixed_fee_cents, pa.cap_cents, pa.direction,
                   sum(CASE WHEN o.direction = :to THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :frm THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :to AND o.due_on < :today THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :frm AND o.due_on < :today THEN o.owed ELSE 0 END),
                   (SELECT count(*) FROM referral x WHERE x.partner_id = pa.id AND x.status IN (:ref, :con))
            FROM partner pa LEFT JOIN {OWED} o ON o.partner_id = pa.id
            GROUP BY pa.id {having} ORDER BY lower(pa.business), pa.id""",
        yes=True, to=_TO, frm=_FROM, today=today.isoformat(), ref=ReferralStatus.REFERRED.value,
        con=ReferralStatus.CONTACTED.value, **EARNED_PARAMS,
    )  # fmt: skip
    return [_partner_row(row) for row in rows]


def _partner_row(r: tuple) -> PartnerRow:
    terms = _terms(
        dict(zip(("basis", "rate_bp", "fixed_fee_cents", "cap_cents", "direction"), r[7:12], strict=True))
    )
    balances = (from_cents(as_cents(cents)) for cents in r[12:16])
    return PartnerRow(*r[:6], bool(r[6]), terms.describe(), *balances, as_cents(r[16]))


# ---------------------------------------------------------------- customers, as referrals see them


@dataclass(frozen=True)
class CustomerFacts:
    id: int
    name: str
    share_with_partners: bool
    share_consent_on: datetime.date | None
    source: str
    referred_by: int | None
    phone: str
    address: tuple[str, ...]  # the billing (else first) site's lines


def customer_facts(customer_id: int) -> CustomerFacts | None:
    row = Customer.select().where(Customer.id == customer_id).dicts().first()
    if row is None:
        return None
    site = run_sql(
        """SELECT street, street2, city, region, postal_code FROM site WHERE customer_id = :cid
           ORDER BY is_billing DESC, id LIMIT 1""",
        cid=customer_id,
    )
    address: tuple[str, ...] = ()
    if site:
        street, street2, city, region, postal = site[0]
        last = " ".join(part for part in (f"{city}," if city else "", region, postal) if part).strip(" ,")
        address = tuple(line for line in (street, street2, last) if line)
    return CustomerFacts(
        row["id"], row["display_name"], bool(row["share_with_partners"]), as_date(row["share_consent_on"]),
        row["source"], row["referred_by"], row["phone"] or row["phone_mobile"], address,
    )  # fmt: skip


def update_customer(customer_id: int, **columns: object) -> None:
    """Change a customer's consent or source, bumping their version so an open editor notices."""
    now = clock.now()
    Customer.update(**columns, version=Customer.version + 1, updated_at=now).where(
        Customer.id == customer_id
    ).execute()


# ---------------------------------------------------------------- referrals and payments


def insert_referral(**columns: object) -> int:
    return Referral.insert(**columns).execute()


def update_referral(referral_id: int, **columns: object) -> None:
    Referral.update(**columns).where(Referral.id == referral_id).execute()


def insert_disclosure(customer_id: int, partner_id: int, referral_id: int | None, what: str) -> int:
    return Disclosure.insert(
        customer=customer_id, partner=partner_id, referral=referral_id, what=what
    ).execute()


def insert_payment(referral_id: int, paid_on: datetime.date, cents: int, method: str, note: str) -> int:
    return ReferralPayment.insert(
        referral=referral_id, paid_on=paid_on, amount_cents=cents, method=method, note=note
    ).execute()


def delete_payment(payment_id: int) -> int | None:
    """Remove a payment; returns the referral it was on (None if there was no such payment)."""
    referral_id = (
        ReferralPayment.select(ReferralPayment.referral).where(ReferralPayment.id == payment_id).scalar()
    )
    ReferralPayment.delete().where(ReferralPayment.id == payment_id).execute()
    return referral_id


_REFERRAL_SQL = f"""
SELECT r.id, r.partner_id, pa.business, r.customer_id, {CUSTOMER_NAME.format("r.customer_id")}, r.direction,
       r.referred_on, r.job_type, r.status, r.job_value_cents, r.profit_cents, r.commission_cents,
       coalesce(p.paid, 0), r.won_on, r.due_on, r.commission_note, r.commission_overridden,
       r.commission_reason,
       CASE WHEN EXISTS (SELECT 1 FROM disclosure d WHERE d.referral_id = r.id) THEN 1 ELSE 0 END, r.notes
FROM referral r JOIN partner pa ON pa.id = r.partner_id LEFT JOIN {PAID} p ON p.referral_id = r.id
"""


def _referral_row(r: tuple) -> ReferralRow:
    return ReferralRow(
        r[0], r[1], r[2], r[3], r[4], r[5], as_date(r[6]), r[7], r[8], from_cents(r[9]),
        None if r[10] is None else from_cents(r[10]), from_cents(r[11]), from_cents(as_cents(r[12])),
        as_date(r[13]), as_date(r[14]), r[15], bool(r[16]), r[17], bool(r[18]), r[19],
    )  # fmt: skip


def referral_rows(
    *, referral_id: int | None = None, partner_id: int | None = None, customer_id: int | None = None
) -> list[ReferralRow]:
    """Referrals, newest first: one, a partner's, a customer's, or all of them."""
    where, values = [], {}
    for column, value in (
        ("r.id", referral_id),
        ("r.partner_id", partner_id),
        ("r.customer_id", customer_id),
    ):
        if value is not None:
            name = column.split(".")[1]
            where.append(f"{column} = :{name}")
            values[name] = value
    sql = (
        _REFERRAL_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.referred_on DESC, r.id DESC"
    )
    return [_referral_row(r) for r in run_sql(sql, **values)]


def payment_rows(*, referral_id: int | None = None, partner_id: int | None = None) -> list[PaymentRow]:
    query = ReferralPayment.select(
        ReferralPayment.id, ReferralPayment.referral, ReferralPayment.paid_on, ReferralPayment.amount_cents,
        ReferralPayment.method, ReferralPayment.note,
    ).join(Referral)  # fmt: skip
    if referral_id is not None:
        query = query.where(ReferralPayment.referral == referral_id)
    if partner_id is not None:
        query = query.where(Referral.partner == partner_id)
    return [
        PaymentRow(pid, rid, as_date(on), from_cents(cents), method, note)
        for pid, rid, on, cents, method, note in query.order_by(
            ReferralPayment.paid_on, ReferralPayment.id
        ).tuples()
    ]


def disclosure_rows(*, customer_id: int | None = None, partner_id: int | None = None) -> list[DisclosureRow]:
    query = (
        Disclosure.select(Disclosure.id, Disclosure.customer, Disclosure.partner, Partner.business,
                          Disclosure.referral, Disclosure.disclosed_at, Disclosure.what)
        .join(Partner)
        .order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc())
    )  # fmt: skip
    if customer_id is not None:
        query = query.where(Disclosure.customer == customer_id)
    if partner_id is not None:
        query = query.where(Disclosure.partner == partner_id)
    return [DisclosureRow(*row) for row in query.tuples()]
