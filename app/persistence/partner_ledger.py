"""What is owed between us and the partners, in the database: balances, the ledger, the reports.

What is owed on a referral is defined once, in OWED, exactly as app/persistence/stats.py counts it
for the headline numbers: on a won or paid referral, the commission less its payments, never below
zero. Dates go into SQL as ISO text (see app/persistence/raw_sql.py for why that is portable). The
partners, referrals and payments themselves are read and written in app/persistence/partners.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.domain.kinds import ReferralDirection
from app.domain.money import from_cents
from app.domain.partner_ledger import LedgerEntry, OverdueItem, payment_basis
from app.domain.partners import EARNED
from app.persistence.raw_sql import as_date, run_sql
from app.persistence.tables import database_proxy

_TO, _FROM = ReferralDirection.TO_PARTNER.value, ReferralDirection.FROM_PARTNER.value
PAID = "(SELECT referral_id, sum(amount_cents) AS paid FROM referral_payment GROUP BY referral_id)"
# Every won or paid referral with what is still owed on it (the definition stats.py uses too).
OWED = f"""(SELECT r.id, r.partner_id, r.customer_id, r.direction, r.job_type, r.due_on,
        CASE WHEN r.commission_cents > coalesce(p.paid, 0) THEN r.commission_cents - coalesce(p.paid, 0)
             ELSE 0 END AS owed
   FROM referral r LEFT JOIN {PAID} p ON p.referral_id = r.id
   WHERE r.status IN (:won, :paid))"""
EARNED_PARAMS = {"won": EARNED[0], "paid": EARNED[1]}  # the parameters OWED needs
CUSTOMER_NAME = "coalesce((SELECT c.display_name FROM customer c WHERE c.id = {}), '')"


def as_cents(value: object) -> int:
    """A sum of cents as SQL returns it (NULL when there was nothing to add up)."""
    return int(value or 0)


def open_balances(partner_id: int, direction: str) -> list[tuple[int, int]]:
    """(referral id, cents owed) of a partner in one direction, the longest due first."""
    rows = run_sql(
        f"""SELECT o.id, o.owed FROM {OWED} o JOIN referral r ON r.id = o.id
            WHERE o.partner_id = :pid AND o.direction = :direction AND o.owed > 0
            ORDER BY CASE WHEN o.due_on IS NULL THEN 1 ELSE 0 END, o.due_on,
                     coalesce(r.won_on, r.referred_on), o.id""",
        pid=partner_id, direction=direction, **EARNED_PARAMS,
    )  # fmt: skip
    return [(rid, as_cents(owed)) for rid, owed in rows]


# ---------------------------------------------------------------- the ledger


def ledger_entries(partner_id: int) -> list[LedgerEntry]:
    """Every commission earned and every payment of one partner, both directions."""
    earned = run_sql(
        f"""SELECT coalesce(r.won_on, r.referred_on), r.direction, r.id,
                   {CUSTOMER_NAME.format("r.customer_id")}, r.job_type, r.job_value_cents, r.commission_note,
                   r.commission_overridden, r.commission_reason, r.commission_cents
            FROM referral r WHERE r.partner_id = :pid AND r.status IN (:won, :paid)""",
        pid=partner_id, **EARNED_PARAMS,
    )  # fmt: skip
    paid = run_sql(
        f"""SELECT p.paid_on, r.direction, r.id, {CUSTOMER_NAME.format("r.customer_id")}, r.job_type,
                   p.method, p.note, p.amount_cents
            FROM referral_payment p JOIN referral r ON r.id = p.referral_id WHERE r.partner_id = :pid""",
        pid=partner_id,
    )
    entries = []
    for on, direction, rid, customer, job, value, note, overridden, reason, cents in earned:
        basis = f"{note}; changed by hand: {reason}" if overridden and reason else note
        entries.append(LedgerEntry(as_date(on), direction, rid, customer, job, from_cents(value), basis,
                                   from_cents(cents), Decimal("0.00")))  # fmt: skip
    for on, direction, rid, customer, job, method, note, cents in paid:
        basis = payment_basis(method or "", note or "")
        entries.append(LedgerEntry(as_date(on), direction, rid, customer, job, None, basis, Decimal("0.00"),
                                   from_cents(cents)))  # fmt: skip
    return entries


def overdue_items(today: datetime.date) -> list[OverdueItem]:
    rows = run_sql(
        f"""SELECT o.id, o.partner_id, pa.business, {CUSTOMER_NAME.format("o.customer_id")}, o.direction,
                   o.job_type, o.due_on, o.owed
            FROM {OWED} o JOIN partner pa ON pa.id = o.partner_id
            WHERE o.owed > 0 AND o.due_on < :today ORDER BY o.due_on, o.id""",
        today=today.isoformat(), **EARNED_PARAMS,
    )  # fmt: skip
    return [_overdue_item(row, today) for row in rows]


def _overdue_item(r: tuple, today: datetime.date) -> OverdueItem:
    due = as_date(r[6])
    assert due is not None  # only referrals with a due date are overdue
    return OverdueItem(*r[:6], due, (today - due).days, from_cents(as_cents(r[7])))


def commission_totals() -> tuple[int, int]:
    """Cents still owed to us and by us, over every partner."""
    rows = run_sql(f"SELECT o.direction, sum(o.owed) FROM {OWED} o GROUP BY o.direction", **EARNED_PARAMS)
    totals = {direction: as_cents(cents) for direction, cents in rows}
    return totals.get(_TO, 0), totals.get(_FROM, 0)


# ---------------------------------------------------------------- reports


def _year(expression: str) -> str:
    if database_proxy.obj.param == "?":  # SQLite keeps dates as ISO text
        return f"CAST(substr({expression}, 1, 4) AS INTEGER)"
    return f"CAST(extract(year FROM {expression}) AS INTEGER)"


def referral_totals() -> list[tuple[int, str, str, str, int, int, int, int]]:
    """(partner id, business, trade, direction, year, referrals, won, commission cents) per group."""
    year = _year("coalesce(r.won_on, r.referred_on)")
    rows = run_sql(
        f"""SELECT r.partner_id, pa.business, pa.trade, r.direction, {year} AS y, count(*),
                   sum(CASE WHEN r.status IN (:won, :paid) THEN 1 ELSE 0 END),
                   sum(CASE WHEN r.status IN (:won, :paid) THEN r.commission_cents ELSE 0 END)
            FROM referral r JOIN partner pa ON pa.id = r.partner_id
            GROUP BY r.partner_id, pa.business, pa.trade, r.direction, {year}""",
        **EARNED_PARAMS,
    )
    return [(pid, b, t, d, int(y), int(n), as_cents(w), as_cents(c)) for pid, b, t, d, y, n, w, c in rows]


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
    partners = run_sql(
        f"""SELECT x.partner_id, pa.business, {measures}
            FROM ({referred}) x JOIN partner pa ON pa.id = x.partner_id
            LEFT JOIN ({per_customer.format(where=only_referred)})
                 s ON s.customer_id = x.customer_id
            GROUP BY x.partner_id, pa.business""",
        frm=_FROM, recent=recent_from.isoformat(),
    )  # fmt: skip
    everyone = run_sql(
        f"""SELECT NULL, '', {measures} FROM customer c
            LEFT JOIN ({per_customer.format(where="")}) s ON s.customer_id = c.id""",
        recent=recent_from.isoformat(),
    )
    return [
        (pid, name, int(n), as_cents(again), as_cents(recent), as_cents(total))
        for pid, name, n, again, recent, total in partners + everyone
    ]
