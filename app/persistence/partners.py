"""Partners, referrals, payments and disclosures in the database; rows come back as plain dataclasses.

What is owed on a referral is defined once, in _OWED, exactly as app/persistence/stats.py counts it
for the headline numbers: on a won or paid referral, the commission less its payments, never below
zero. Dates go into SQL as ISO text (see stats.py for why that is portable).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import from_cents, to_cents
from app.domain.partners import (
    EARNED,
    DisclosureRow,
    LedgerEntry,
    OverdueItem,
    PartnerDetails,
    PartnerDraft,
    PartnerRow,
    PaymentRow,
    ReferralRow,
    Terms,
)
from app.persistence.tables import (
    Customer,
    Disclosure,
    Partner,
    PartnerTerm,
    Referral,
    ReferralPayment,
    database_proxy,
)

_NAMED = re.compile(r":(\w+)")
_TO, _FROM = ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value
_PAID = "(SELECT referral_id, sum(amount_cents) AS paid FROM referral_payment GROUP BY referral_id)"
# Every won or paid referral with what is still owed on it (the definition stats.py uses too).
_OWED = f"""(SELECT r.id, r.partner_id, r.customer_id, r.direction, r.job_type, r.due_on,
        CASE WHEN r.commission_cents > coalesce(p.paid, 0) THEN r.commission_cents - coalesce(p.paid, 0)
             ELSE 0 END AS owed
   FROM referral r LEFT JOIN {_PAID} p ON p.referral_id = r.id
   WHERE r.status IN (:won, :paid))"""
_EARNED = {"won": EARNED[0], "paid": EARNED[1]}
_CUSTOMER = "coalesce((SELECT c.display_name FROM customer c WHERE c.id = {}), '')"


def _rows(sql: str, **values: object) -> list[tuple]:
    """Run SQL written with :name parameters, in the database's own placeholder style."""
    database = database_proxy.obj
    params: list[object] = []

    def placeholder(match: re.Match[str]) -> str:
        params.append(values[match.group(1)])
        return database.param

    return database.execute_sql(_NAMED.sub(placeholder, sql), params).fetchall()


def _date(value: object) -> datetime.date | None:
    """SQLite hands dates back as text, PostgreSQL as dates."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _cents(value: object) -> int:
    return int(value or 0)


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


def partner_usage(partner_id: int) -> tuple[int, int, int]:
    """(referrals, disclosures, cents still owed either way) of a partner."""
    referrals = Referral.select().where(Referral.partner == partner_id).count()
    disclosures = Disclosure.select().where(Disclosure.partner == partner_id).count()
    (owed,) = _rows(
        f"SELECT sum(o.owed) FROM {_OWED} o WHERE o.partner_id = :pid", pid=partner_id, **_EARNED
    )[0]
    return referrals, disclosures, _cents(owed)


def delete_partner(partner_id: int) -> None:
    with database_proxy.atomic():
        Partner.delete().where(Partner.id == partner_id).execute()


def set_partner_active(partner_id: int, active: bool) -> None:
    Partner.update(active=active).where(Partner.id == partner_id).execute()


def partner_rows(include_inactive: bool, today: datetime.date, only_owing: bool = False) -> list[PartnerRow]:
    """Partners with their balances each way, in one query: all of them, the active ones and those
    still owing or owed (money never drops out of sight), or only those owing or owed."""
    owing = "coalesce(sum(o.owed), 0) > 0"
    having = (
        f"HAVING {owing}" if only_owing else "" if include_inactive else f"HAVING pa.active = :yes OR {owing}"
    )
    rows = _rows(
        f"""SELECT pa.id, pa.business, pa.trade, pa.contact_name, pa.phone, pa.email, pa.active,
                   pa.basis, pa.rate_bp, pa.fixed_fee_cents, pa.cap_cents, pa.direction,
                   sum(CASE WHEN o.direction = :to THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :frm THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :to AND o.due_on < :today THEN o.owed ELSE 0 END),
                   sum(CASE WHEN o.direction = :frm AND o.due_on < :today THEN o.owed ELSE 0 END),
                   (SELECT count(*) FROM referral x WHERE x.partner_id = pa.id AND x.status IN (:ref, :con))
            FROM partner pa LEFT JOIN {_OWED} o ON o.partner_id = pa.id
            GROUP BY pa.id {having} ORDER BY lower(pa.business), pa.id""",
        yes=True, to=_TO, frm=_FROM, today=today.isoformat(), ref=ReferralStatus.REFERRED.value,
        con=ReferralStatus.CONTACTED.value, **_EARNED,
    )  # fmt: skip
    return [_partner_row(row) for row in rows]


def _partner_row(r: tuple) -> PartnerRow:
    terms = _terms(
        dict(zip(("basis", "rate_bp", "fixed_fee_cents", "cap_cents", "direction"), r[7:12], strict=True))
    )
    balances = (from_cents(_cents(cents)) for cents in r[12:16])
    return PartnerRow(*r[:6], bool(r[6]), terms.describe(), *balances, _cents(r[16]))


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
    site = _rows(
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
        row["id"], row["display_name"], bool(row["share_with_partners"]), _date(row["share_consent_on"]),
        row["source"], row["referred_by"], row["phone"] or row["phone_mobile"], address,
    )  # fmt: skip


def update_customer(customer_id: int, **columns: object) -> None:
    """Change a customer's consent or source, bumping their version so an open editor notices."""
    now = datetime.datetime.now().replace(microsecond=0)
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
SELECT r.id, r.partner_id, pa.business, r.customer_id, {_CUSTOMER.format("r.customer_id")}, r.direction,
       r.referred_on, r.job_type, r.status, r.job_value_cents, r.profit_cents, r.commission_cents,
       coalesce(p.paid, 0), r.won_on, r.due_on, r.commission_note, r.commission_overridden,
       r.commission_reason,
       CASE WHEN EXISTS (SELECT 1 FROM disclosure d WHERE d.referral_id = r.id) THEN 1 ELSE 0 END, r.notes
FROM referral r JOIN partner pa ON pa.id = r.partner_id LEFT JOIN {_PAID} p ON p.referral_id = r.id
"""


def _referral_row(r: tuple) -> ReferralRow:
    return ReferralRow(
        r[0], r[1], r[2], r[3], r[4], r[5], _date(r[6]), r[7], r[8], from_cents(r[9]),
        None if r[10] is None else from_cents(r[10]), from_cents(r[11]), from_cents(_cents(r[12])),
        _date(r[13]), _date(r[14]), r[15], bool(r[16]), r[17], bool(r[18]), r[19],
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
    return [_referral_row(r) for r in _rows(sql, **values)]


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
        PaymentRow(pid, rid, _date(on), from_cents(cents), method, note)
        for pid, rid, on, cents, method, note in query.order_by(
            ReferralPayment.paid_on, ReferralPayment.id
        ).tuples()
    ]


def open_balances(partner_id: int, direction: str) -> list[tuple[int, int]]:
    """(referral id, cents owed) of a partner in one direction, the longest due first."""
    rows = _rows(
        f"""SELECT o.id, o.owed FROM {_OWED} o JOIN referral r ON r.id = o.id
            WHERE o.partner_id = :pid AND o.direction = :direction AND o.owed > 0
            ORDER BY CASE WHEN o.due_on IS NULL THEN 1 ELSE 0 END, o.due_on,
                     coalesce(r.won_on, r.referred_on), o.id""",
        pid=partner_id, direction=direction, **_EARNED,
    )  # fmt: skip
    return [(rid, _cents(owed)) for rid, owed in rows]


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


# ---------------------------------------------------------------- the ledger


def ledger_entries(partner_id: int) -> list[LedgerEntry]:
    """Every commission earned and every payment of one partner, both directions."""
    earned = _rows(
        f"""SELECT coalesce(r.won_on, r.referred_on), r.direction, r.id, {_CUSTOMER.format("r.customer_id")},
                   r.job_type, r.job_value_cents, r.commission_note, r.commission_overridden,
                   r.commission_reason, r.commission_cents
            FROM referral r WHERE r.partner_id = :pid AND r.status IN (:won, :paid)""",
        pid=partner_id, **_EARNED,
    )  # fmt: skip
    paid = _rows(
        f"""SELECT p.paid_on, r.direction, r.id, {_CUSTOMER.format("r.customer_id")}, r.job_type,
                   p.method, p.note, p.amount_cents
            FROM referral_payment p JOIN referral r ON r.id = p.referral_id WHERE r.partner_id = :pid""",
        pid=partner_id,
    )
    entries = []
    for on, direction, rid, customer, job, value, note, overridden, reason, cents in earned:
        basis = f"{note}; changed by hand: {reason}" if overridden and reason else note
        entries.append(LedgerEntry(_date(on), direction, rid, customer, job, from_cents(value), basis,
                                   from_cents(cents), Decimal("0.00")))  # fmt: skip
    for on, direction, rid, customer, job, method, note, cents in paid:
        basis = " ".join(part for part in (f"Payment{' by ' + method if method else ''}", note) if part)
        entries.append(LedgerEntry(_date(on), direction, rid, customer, job, None, basis, Decimal("0.00"),
                                   from_cents(cents)))  # fmt: skip
    return entries


def overdue_items(today: datetime.date) -> list[OverdueItem]:
    rows = _rows(
        f"""SELECT o.id, o.partner_id, pa.business, {_CUSTOMER.format("o.customer_id")}, o.direction,
                   o.job_type, o.due_on, o.owed
            FROM {_OWED} o JOIN partner pa ON pa.id = o.partner_id
            WHERE o.owed > 0 AND o.due_on < :today ORDER BY o.due_on, o.id""",
        today=today.isoformat(), **_EARNED,
    )  # fmt: skip
    return [_overdue_item(row, today) for row in rows]


def _overdue_item(r: tuple, today: datetime.date) -> OverdueItem:
    due = _date(r[6])
    assert due is not None  # only referrals with a due date are overdue
    return OverdueItem(*r[:6], due, (today - due).days, from_cents(_cents(r[7])))


def commission_totals() -> tuple[int, int]:
    """Cents still owed to us and by us, over every partner."""
    rows = _rows(f"SELECT o.direction, sum(o.owed) FROM {_OWED} o GROUP BY o.direction", **_EARNED)
    totals = {direction: _cents(cents) for direction, cents in rows}
    return totals.get(_TO, 0), totals.get(_FROM, 0)


# ---------------------------------------------------------------- reports


def _year(expression: str) -> str:
    if database_proxy.obj.param == "?":  # SQLite keeps dates as ISO text
        return f"CAST(substr({expression}, 1, 4) AS INTEGER)"
    return f"CAST(extract(year FROM {expression}) AS INTEGER)"


def referral_totals() -> list[tuple[int, str, str, str, int, int, int, int]]:
    """(partner id, business, trade, direction, year, referrals, won, commission cents) per group."""
    year = _year("coalesce(r.won_on, r.referred_on)")
    rows = _rows(
        f"""SELECT r.partner_id, pa.business, pa.trade, r.direction, {year} AS y, count(*),
                   sum(CASE WHEN r.status IN (:won, :paid) THEN 1 ELSE 0 END),
                   sum(CASE WHEN r.status IN (:won, :paid) THEN r.commission_cents ELSE 0 END)
            FROM referral r JOIN partner pa ON pa.id = r.partner_id
            GROUP BY r.partner_id, pa.business, pa.trade, r.direction, {year}""",
        **_EARNED,
    )
    return [(pid, b, t, d, int(y), int(n), _cents(w), _cents(c)) for pid, b, t, d, y, n, w, c in rows]


def loyalty_rows(recent_from: datetime.date) -> list[tuple[int | None, str, int, int, int, int]]:
    """Per partner who sent us customers (and once for everyone, partner None): customers, how many
    bought twice or more, how many bought since `recent_from`, and their sales in cents."""
    per_customer = """SELECT customer_id, count(*) AS sales, max(sold_on) AS last_sale,
                             sum(total_cents) AS total
                      FROM sale {where} GROUP BY customer_id"""
    referred = """SELECT referred_by_id AS partner_id, id AS customer_id FROM customer
                  WHERE referred_by_id IS NOT NULL
                  UNION SELECT partner_id, customer_id FROM referral
                        WHERE direction = :frm AND customer_id IS NOT NULL"""
    only_referred = f"WHERE customer_id IN (SELECT customer_id FROM ({referred}) y)"
    measures = """count(*), sum(CASE WHEN s.sales >= 2 THEN 1 ELSE 0 END),
                  sum(CASE WHEN s.last_sale >= :recent THEN 1 ELSE 0 END), sum(coalesce(s.total, 0))"""
    partners = _rows(
        f"""SELECT x.partner_id, pa.business, {measures}
            FROM ({referred}) x JOIN partner pa ON pa.id = x.partner_id
            LEFT JOIN ({per_customer.format(where=only_referred)})
                 s ON s.customer_id = x.customer_id
            GROUP BY x.partner_id, pa.business""",
        frm=_FROM, recent=recent_from.isoformat(),
    )  # fmt: skip
    everyone = _rows(
        f"""SELECT NULL, '', {measures} FROM customer c
            LEFT JOIN ({per_customer.format(where="")}) s ON s.customer_id = c.id""",
        recent=recent_from.isoformat(),
    )
    return [
        (pid, name, int(n), _cents(again), _cents(recent), _cents(total))
        for pid, name, n, again, recent, total in partners + everyone
    ]
