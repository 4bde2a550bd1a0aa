"""Campaigns in the database: the audience query, campaigns and recipients, sending, and attribution.

The audience is read with one set-based query whatever its size (every customer of a
100,000-customer base included): a "subject" per row (a customer, a plan to renew, an open
opportunity, or a stored recipient), then everything a letter needs about it in joins: the
mailing address (the billing site, else the first site), the site the letter is about, the
equipment with its lifespan, the plan, the product, the segment's pitch, the last marketing
contact within the gap, and the refusals. The respect rules themselves are applied by
app.domain.campaigns to the rows; nothing here decides who is left out.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from app.domain.campaigns import AudienceCriteria, Recipient
from app.domain.opportunity_kinds import renewal
from app.domain.postal import MailingAddress
from app.domain.respect import ContactFlags
from app.persistence.raw_sql import as_date, run_sql
from app.persistence.tables import Campaign, CampaignRecipient, database_proxy

CHUNK = 500  # ids per IN (...) list

_CUSTOMERS = """subj AS (
    SELECT c.id AS customer_id, CAST(NULL AS INTEGER) AS opportunity_id, CAST(NULL AS INTEGER) AS plan_id,
           CAST(NULL AS INTEGER) AS equipment_id, CAST(NULL AS INTEGER) AS site_id,
           CAST(NULL AS INTEGER) AS item_id, '' AS reason, 0 AS value_cents, CAST(NULL AS DATE) AS due,
           'open' AS status, CAST(NULL AS DATE) AS snoozed_until
    FROM customer c {only})"""

# A plan to renew, with the renewal opportunity of this very term when the engine raised it.
_PLANS = """subj AS (
    SELECT p.customer_id, o.id AS opportunity_id, p.id AS plan_id, CAST(NULL AS INTEGER) AS equipment_id,
           p.site_id, p.catalog_item_id AS item_id, coalesce(o.reason, '') AS reason,
           p.price_cents AS value_cents, p.ends_on AS due, coalesce(o.status, 'open') AS status,
           o.snoozed_until
    FROM service_plan p
    LEFT JOIN opportunity o ON o.plan_id = p.id AND o.kind = :renewal_kind
         AND o.trigger_key = CAST(:renewal_key AS VARCHAR) || p.id || CAST(:colon AS VARCHAR)
                             || CAST(p.ends_on AS VARCHAR)
    WHERE p.status = :active AND p.auto_renew = :no AND p.ends_on >= :due_from AND p.ends_on <= :due_to)"""

_OPPORTUNITIES = """subj AS (
    SELECT o.customer_id, o.id AS opportunity_id, o.plan_id, o.equipment_id, o.site_id,
           o.catalog_item_id AS item_id, o.reason, o.value_cents, o.due_on AS due, o.status,
           o.snoozed_until
    FROM opportunity o
    WHERE o.kind = :kind AND o.status = 'open' {due})"""

_STORED = """subj AS (
    SELECT r.customer_id, r.opportunity_id, coalesce(r.plan_id, o.plan_id) AS plan_id, o.equipment_id,
           coalesce(o.site_id, p.site_id) AS site_id,
           coalesce(o.catalog_item_id, p.catalog_item_id) AS item_id,
           coalesce(o.reason, '') AS reason, coalesce(o.value_cents, p.price_cents, 0) AS value_cents,
           CASE WHEN r.plan_id IS NOT NULL THEN p.ends_on ELSE o.due_on END AS due,
           'open' AS status, CAST(NULL AS DATE) AS snoozed_until
    FROM campaign_recipient r
    LEFT JOIN opportunity o ON o.id = r.opportunity_id
    LEFT JOIN service_plan p ON p.id = coalesce(r.plan_id, o.plan_id)
    WHERE r.campaign_id = :campaign AND r.included = :yes)"""

_AUDIENCE = """WITH {subject},
kind_life AS (
    SELECT lower(equipment_kind) AS kind, min(lifespan_min_years) AS lmin, max(lifespan_max_years) AS lmax
    FROM catalog_item WHERE kind = 'equipment' AND equipment_kind <> ''
      AND lifespan_min_years IS NOT NULL AND lifespan_max_years IS NOT NULL
    GROUP BY lower(equipment_kind)),
mk AS (
    SELECT customer_id, max(happened_at) AS last FROM touch
    WHERE is_marketing = :yes AND happened_at >= :marketing_from AND happened_at < :day_after
    GROUP BY customer_id)
SELECT s.customer_id, c.first_name, c.last_name, c.company,
       ms.street, ms.street2, ms.city, ms.region, ms.postal_code, ms.country,
       c.do_not_call, c.do_not_mail, c.do_not_email, c.do_not_service, c.phone, c.phone_mobile, c.phone_work,
       CASE WHEN c.email <> '' OR c.email2 <> '' THEN 1 ELSE 0 END,
       mk.last, s.opportunity_id, s.plan_id, s.reason, s.value_cents, s.due,
       ss.street, ss.street2, ss.city, ss.region, ss.postal_code, ss.country,
       e.kind, e.brand, e.model, e.installed_on,
       coalesce(eci.lifespan_min_years, kl.lmin), coalesce(eci.lifespan_max_years, kl.lmax),
       pl.name, pl.ends_on, coalesce(ci.name, ''), coalesce(g.name, ''), coalesce(g.pitch, ''),
       {last_job}, s.status, s.snoozed_until, c.call_window_start, c.call_window_end,
       coalesce(g.talking_points, ''),
       c.kind,
       (SELECT max(v.visited_on) FROM visit v
          WHERE v.customer_id = s.customer_id AND v.visited_on < :day_after),
       (SELECT max(x.sold_on) FROM sale x WHERE x.customer_id = s.customer_id AND x.sold_on < :day_after),
       (SELECT min(ap.name) FROM service_plan ap WHERE ap.customer_id = s.customer_id AND ap.status = :active
          AND ap.ends_on >= :today),
       e.warranty_until, {job_installed},
       CASE WHEN ci.kind = 'equipment' THEN ci.equipment_kind ELSE '' END
FROM subj s
JOIN customer c ON c.id = s.customer_id
LEFT JOIN site ms ON ms.id = (SELECT x.id FROM site x WHERE x.customer_id = s.customer_id
                              ORDER BY x.is_billing DESC, x.id LIMIT 1)
LEFT JOIN equipment e ON e.id = s.equipment_id
LEFT JOIN site ss ON ss.id = coalesce(s.site_id, e.site_id) AND ss.id <> ms.id
LEFT JOIN catalog_item eci ON eci.id = e.catalog_item_id
LEFT JOIN kind_life kl ON kl.kind = lower(e.kind)
LEFT JOIN service_plan pl ON pl.id = s.plan_id
LEFT JOIN catalog_item ci ON ci.id = s.item_id
LEFT JOIN segment g ON g.id = c.segment_id
LEFT JOIN mk ON mk.customer_id = s.customer_id
WHERE 1 = 1 {filters}
ORDER BY CASE WHEN s.due IS NULL THEN 1 ELSE 0 END, s.due, s.value_cents DESC, s.opportunity_id,
         s.customer_id"""

_LAST_JOB = """(SELECT x.description FROM sale x WHERE x.customer_id = s.customer_id
                ORDER BY x.sold_on DESC, x.id DESC LIMIT 1)"""
# What kind of equipment the customer's latest job installed (none for a repair or a service): a
# thank-you letter thanks them for choosing their new furnace, or for having us out.
_JOB_INSTALLED = """(SELECT min(ji.equipment_kind) FROM sale_line jl
                JOIN catalog_item ji ON ji.id = jl.catalog_item_id AND ji.kind = 'equipment'
                WHERE jl.sale_id = (SELECT x.id FROM sale x WHERE x.customer_id = s.customer_id
                                    ORDER BY x.sold_on DESC, x.id DESC LIMIT 1))"""


def audience(
    criteria: AudienceCriteria,
    *,
    today: datetime.date,
    marketing_from: datetime.date,
    renewal_window: tuple[datetime.date, datetime.date],
    customer_ids: Sequence[int] | None = None,
    campaign_id: int | None = None,
) -> list[Recipient]:
    """Every row of the audience, most pressing first (a customer may appear once per subject).

    renewal_window: the plans' end days of a renewal audience without due dates of its own.
    customer_ids: only these customers (one letter for one customer). campaign_id: the stored
    recipients of that campaign (included ones), instead of the criteria's subjects.
    """
    values: dict[str, object] = {
        "yes": True,
        "no": False,
        "active": "active",
        "marketing_from": marketing_from.isoformat(),
        "day_after": (today + datetime.timedelta(days=1)).isoformat(),
        "today": today.isoformat(),
    }
    only = ""
    if customer_ids is not None:
        only = "WHERE c.id IN (:ids)"
        values["ids"] = tuple(customer_ids) or (0,)
    if campaign_id is not None:
        subject = _STORED
        values["campaign"] = campaign_id
    elif criteria.kind is None:
        subject = _CUSTOMERS.format(only=only)
        only = ""
    elif criteria.kind == renewal.KIND:
        subject = _PLANS
        start, end = criteria.due_from or renewal_window[0], criteria.due_to or renewal_window[1]
        values.update(
            renewal_kind=renewal.KIND.value,
            renewal_key=renewal.SUBJECT_PREFIX,
            colon=":",
            due_from=start.isoformat(),
            due_to=end.isoformat(),
        )
    else:
        due = ""
        if criteria.due_from:
            due += " AND o.due_on >= :due_from"
            values["due_from"] = criteria.due_from.isoformat()
        if criteria.due_to:
            due += " AND o.due_on <= :due_to"
            values["due_to"] = criteria.due_to.isoformat()
        subject = _OPPORTUNITIES.format(due=due)
        values["kind"] = criteria.kind
    filters = _filters(criteria, values) + (only.replace("WHERE", "AND") if only else "")
    last_job = _LAST_JOB if criteria.kind == "follow_up" else "''"
    sql = _AUDIENCE.format(subject=subject, filters=filters, last_job=last_job, job_installed=_JOB_INSTALLED)
    with _collector_paused():
        return [_recipient(row) for row in run_sql(sql, **values)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building 100,000 recipients sets Python's cycle collector off again and again for objects that
    form no cycles: measured, a third of the time of a mailing to everyone. It runs once they are built."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _filters(criteria: AudienceCriteria, values: dict[str, object]) -> str:
    where = ""
    if criteria.segment:
        where += " AND lower(g.name) = :segment"
        values["segment"] = criteria.segment.lower()
    if criteria.equipment_kind:
        # The unit the letter is about when there is one, else any unit they have in service.
        where += """ AND CASE
            WHEN e.id IS NOT NULL THEN CASE WHEN lower(e.kind) = :equipment THEN 1 ELSE 0 END
            WHEN EXISTS (SELECT 1 FROM equipment x JOIN site y ON y.id = x.site_id
                         WHERE y.customer_id = s.customer_id AND x.removed_on IS NULL
                           AND lower(x.kind) = :equipment) THEN 1 ELSE 0 END = 1"""
        values["equipment"] = criteria.equipment_kind.lower()
    if criteria.city:
        where += " AND lower(coalesce(ss.city, ms.city)) = :city"
        values["city"] = criteria.city.lower()
    if criteria.postal_prefix:
        where += " AND upper(coalesce(ss.postal_code, ms.postal_code)) LIKE :postal"
        values["postal"] = criteria.postal_prefix.upper() + "%"
    if criteria.last_contact_before:
        where += """ AND NOT EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = s.customer_id
                                     AND t.happened_at >= :contact_before)"""
        values["contact_before"] = criteria.last_contact_before.isoformat()
    if criteria.last_contact_after:
        where += """ AND EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = s.customer_id
                                 AND t.happened_at >= :contact_after)"""
        values["contact_after"] = criteria.last_contact_after.isoformat()
    return where


def _address(street, street2, city, region, postal, country) -> MailingAddress | None:
    if street is None and city is None:
        return None
    return MailingAddress(
        "", "", street or "", street2 or "", city or "", region or "", postal or "", country or ""
    )


def _recipient(row: tuple) -> Recipient:
    (cid, first, last, company, *mailing) = row[:10]
    dnc, dnm, dne, dns, phone, mobile, work, email, last_mk, opp, plan, reason, cents, due = row[10:24]
    kind, brand, model, installed, life_min, life_max, plan_name, plan_ends, product = row[30:39]
    segment, pitch, last_job, status, snoozed, window_start, window_end, points = row[39:47]
    customer_kind, visited, sold, active_plan, warranty, installed_kind, product_kind = row[47:54]
    seen = [day for day in (as_date(visited), as_date(sold)) if day is not None]
    phones = tuple((label, n) for label, n in (("Home", phone), ("Mobile", mobile), ("Work", work)) if n)
    return Recipient(
        customer_id=cid, first_name=first, last_name=last, company=company, address=_address(*mailing),
        flags=ContactFlags(bool(dnc), bool(dnm), bool(dne), bool(dns)), phones=phones, has_email=bool(email),
        last_marketing_on=as_date(last_mk), opportunity_id=opp, plan_id=plan, reason=reason or "",
        value_cents=int(cents or 0), due=as_date(due), site=_address(*row[24:30]), equipment_kind=kind or "",
        equipment_brand=brand or "", equipment_model=model or "", installed_on=as_date(installed),
        life_min=life_min, life_max=life_max, plan_name=plan_name or "", plan_ends=as_date(plan_ends),
        product_name=product or "", segment=segment or "", segment_pitch=pitch or "", last_job=last_job or "",
        status=status or "open", snoozed_until=as_date(snoozed), talking_points=points or "",
        call_window=(window_start or "", window_end or ""), customer_kind=customer_kind or "household",
        last_visit=max(seen) if seen else None, active_plan=active_plan or "",
        warranty_until=as_date(warranty), job_date=as_date(sold),
        job_installed=installed_kind or "", product_kind=product_kind or "",
    )  # fmt: skip


def call_details(customer_ids: Sequence[int], day: datetime.date) -> tuple[dict[int, list], dict[int, tuple]]:
    """For a call sheet: the units in service per customer (kind, brand, model, installed on), and
    their latest contact before `day` is over (happened at, channel, outcome, by whom)."""
    owned: dict[int, list] = {}
    latest: dict[int, tuple] = {}
    for start in range(0, len(customer_ids), CHUNK):
        ids = tuple(customer_ids[start : start + CHUNK])
        for cid, *unit in run_sql(
            """SELECT s.customer_id, e.kind, e.brand, e.model, e.installed_on
            FROM equipment e JOIN site s ON s.id = e.site_id
            WHERE s.customer_id IN (:ids) AND e.removed_on IS NULL
            ORDER BY s.customer_id, s.is_billing DESC, s.id, e.id""",
            ids=ids,
        ):
            owned.setdefault(cid, []).append((*unit[:3], as_date(unit[3])))
        for cid, *touch in run_sql(
            """SELECT t.customer_id, t.happened_at, t.channel, t.outcome, t.by_whom FROM touch t
            WHERE t.customer_id IN (:ids) AND t.happened_at < :day_after
            ORDER BY t.customer_id, t.happened_at DESC, t.id DESC""",
            ids=ids,
            day_after=(day + datetime.timedelta(days=1)).isoformat(),
        ):
            latest.setdefault(cid, (as_date(touch[0]), *touch[1:]))
    return owned, latest


# ---------------------------------------------------------------- campaigns and recipients

_SUMMARY = """SELECT c.id, c.name, c.purpose, c.channel, c.audience_json, c.created_at, c.sent_on, c.status,
       coalesce(sum(CASE WHEN r.included = :yes THEN 1 ELSE 0 END), 0),
       coalesce(sum(CASE WHEN r.included = :yes THEN 0 ELSE 1 END), 0)
FROM campaign c LEFT JOIN campaign_recipient r ON r.campaign_id = c.id
{where}
GROUP BY c.id, c.name, c.purpose, c.channel, c.audience_json, c.created_at, c.sent_on, c.status
ORDER BY c.created_at DESC, c.id DESC"""


def insert_campaign(
    *, name: str, purpose: str, channel: str, audience_json: str, recipients: Sequence[tuple]
) -> int:
    """The campaign and its recipients (customer, opportunity, plan, included, reason), in one transaction."""
    database = database_proxy.obj
    p = database.param
    with database_proxy.atomic():
        campaign_id = Campaign.insert(
            name=name, purpose=purpose, channel=channel, audience_json=audience_json
        ).execute()
        rows = [
            (campaign_id, cid, opp, plan, channel, bool(inc), why) for cid, opp, plan, inc, why in recipients
        ]
        if rows:
            cursor = database.cursor()
            cursor.executemany(
                "INSERT INTO campaign_recipient (campaign_id, customer_id, opportunity_id, plan_id, channel, "
                f"included, exclusion_reason) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
                rows,
            )
            cursor.close()
    return campaign_id


def campaign_rows(campaign_id: int | None = None) -> list[tuple]:
    """(id, name, purpose, channel, audience_json, created_at, sent_on, status, included, excluded)."""
    where = "WHERE c.id = :campaign" if campaign_id is not None else ""
    rows = run_sql(_SUMMARY.format(where=where), yes=True, campaign=campaign_id)
    return [(*row[:5], _datetime(row[5]), as_date(row[6]), *row[7:]) for row in rows]


def _datetime(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def exclusion_counts(campaign_id: int) -> list[tuple[str, int]]:
    return run_sql(
        """SELECT exclusion_reason, count(*) FROM campaign_recipient
        WHERE campaign_id = :campaign AND included = :no GROUP BY exclusion_reason""",
        campaign=campaign_id,
        no=False,
    )


def exclude_recipients(campaign_id: int, excluded: Sequence[tuple[int, str]]) -> None:
    """Leave these customers out of the campaign now (refused since, or their letter could not print)."""
    if not excluded:
        return
    p = database_proxy.obj.param
    with database_proxy.atomic():
        cursor = database_proxy.obj.cursor()
        cursor.executemany(
            f"UPDATE campaign_recipient SET included = {p}, exclusion_reason = {p} "
            f"WHERE campaign_id = {p} AND customer_id = {p}",
            [(False, reason, campaign_id, customer_id) for customer_id, reason in excluded],
        )
        cursor.close()


def mark_sent(
    campaign_id: int,
    *,
    sent_on: datetime.date,
    happened_at: datetime.datetime,
    channel: str,
    is_marketing: bool,
    touches: Sequence[tuple[int, int | None, str]],
) -> bool:
    """One touch per (customer, opportunity, reason), the recipients and the campaign marked sent, and
    the opportunities written to linked to the campaign: all in one transaction. False when the campaign
    was marked sent already (by someone else meanwhile): nothing is written then."""
    database = database_proxy.obj
    p = database.param
    with database_proxy.atomic():
        claimed = (
            Campaign.update(status="sent", sent_on=sent_on)
            .where((Campaign.id == campaign_id) & Campaign.sent_on.is_null())
            .execute()
        )
        if not claimed:
            return False
        at = happened_at.isoformat(sep=" ")
        cursor = database.cursor()
        cursor.executemany(
            "INSERT INTO touch (customer_id, campaign_id, opportunity_id, channel, happened_at, direction, "
            f"by_whom, outcome, reason, is_marketing, notes) VALUES ({p}, {p}, {p}, {p}, {p}, 'out', '', "
            f"'sent', {p}, {p}, '')",
            [(cid, campaign_id, opp, channel, at, reason, is_marketing) for cid, opp, reason in touches],
        )
        cursor.close()
        CampaignRecipient.update(sent_on=sent_on).where(
            (CampaignRecipient.campaign == campaign_id) & (CampaignRecipient.included == True)  # noqa: E712
        ).execute()
        database.execute_sql(
            f"UPDATE opportunity SET campaign_id = {p} WHERE id IN (SELECT opportunity_id FROM "
            f"campaign_recipient WHERE campaign_id = {p} AND included = {p} AND opportunity_id IS NOT NULL)",
            [campaign_id, campaign_id, True],
        )
    return True


# ---------------------------------------------------------------- attribution

_RECIPIENTS = "SELECT customer_id FROM campaign_recipient WHERE campaign_id = :campaign AND included = :yes"


def attributed_sales(campaign_id: int, sent_on: datetime.date | None, until: datetime.date) -> list[tuple]:
    """(sale id, customer id, total cents, opportunity id) of the sales the campaign brought in
    (the rule: app.domain.campaigns)."""
    window = ""
    if sent_on is not None:
        window = f"""OR (x.campaign_id IS NULL AND x.sold_on >= :sent AND x.sold_on <= :until
                AND x.customer_id IN ({_RECIPIENTS})
                AND NOT EXISTS (
                    SELECT 1 FROM campaign_recipient r2 JOIN campaign c2 ON c2.id = r2.campaign_id
                    WHERE r2.customer_id = x.customer_id AND r2.included = :yes AND c2.id <> :campaign
                      AND c2.sent_on IS NOT NULL AND c2.sent_on <= x.sold_on
                      AND (c2.sent_on > :sent OR (c2.sent_on = :sent AND c2.id > :campaign))))"""
    return run_sql(
        f"""SELECT x.id, x.customer_id, x.total_cents, x.opportunity_id FROM sale x
        WHERE x.campaign_id = :campaign {window}""",
        campaign=campaign_id,
        yes=True,
        sent=sent_on.isoformat() if sent_on else None,
        until=until.isoformat(),
    )


def won_opportunities(
    campaign_id: int, kind: str | None, sent_on: datetime.date, until: datetime.date
) -> list[tuple]:
    """(opportunity id, customer id, value cents) won within the window through the campaign."""
    same_kind = f"OR (o.kind = :kind AND o.customer_id IN ({_RECIPIENTS}))" if kind else ""
    return run_sql(
        f"""SELECT o.id, o.customer_id, o.value_cents FROM opportunity o
        WHERE o.status = 'won' AND o.status_changed_on >= :sent AND o.status_changed_on <= :until
          AND (o.campaign_id = :campaign {same_kind})""",
        campaign=campaign_id,
        kind=kind,
        yes=True,
        sent=sent_on.isoformat(),
        until=until.isoformat(),
    )
