"""The opportunity engine's SQL: set-based queries that find the candidates of each kind, and the writes.

Each `*_candidates` function returns the rows (app.domain.opportunities NamedTuples) whose
eligibility the domain rules then decide; the SQL applies the same cut-offs, so what comes
back is (nearly) exactly what will be raised, read in one query per kind instead of one
per customer. Nobody marked "do not service" is ever a candidate.

The SQL is portable between SQLite and PostgreSQL: dates go in as ISO text (which compares
correctly with SQLite's text dates and which PostgreSQL casts), `:name` parameters become
the driver's placeholders, and the one non-portable expression (a date as a YYYYMMDD
number, for ages in whole years) is written per dialect.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable

from peewee import SqliteDatabase

from app.domain import opportunities as rules_
from app.domain.kinds import SPOKEN_CHANNELS, PlanStatus
from app.domain.opportunities import Raised, Rules
from app.persistence.tables import database_proxy

_NAMED = re.compile(r"(?<!:):(\w+)")
_ACTIVE = rules_.ACTIVE_STATUSES


def run_sql(sql: str, **values: object) -> list[tuple]:
    """Run SQL written with :name parameters (a tuple value expands to a list), in the driver's style.

    A colon followed by a word is always a parameter: pass text that holds one as a parameter too.
    """
    return database_proxy.obj.execute_sql(*_bind(sql, **values)).fetchall()


def _expand(sql: str) -> str:
    """{ymd:column} → the column's date as a YYYYMMDD integer, in this database's dialect.

    {scan} after a table reads the whole table in order on SQLite. Its planner would otherwise
    fetch most of the equipment through the install-date index a row at a time: measured at
    100,000 customers (520,000 units), 2.0 s instead of 0.4 s.
    """
    scan = "NOT INDEXED" if isinstance(database_proxy.obj, SqliteDatabase) else ""
    return re.sub(r"\{ymd:([\w.]+)\}", lambda m: yyyymmdd(m.group(1)), sql.replace("{scan}", scan))


def yyyymmdd(column: str) -> str:
    """A date column as the number YYYYMMDD: (today - born) // 10000 is an age in whole years."""
    if isinstance(database_proxy.obj, SqliteDatabase):
        return f"CAST(replace(substr({column}, 1, 10), '-', '') AS INTEGER)"
    return f"CAST(to_char({column}, 'YYYYMMDD') AS INTEGER)"


def as_date(value: object) -> datetime.date | None:
    """A date read by raw SQL: text from SQLite, a date (or datetime) from PostgreSQL."""
    if type(value) is str:
        return _parsed_date(value) if value else None
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


@functools.lru_cache(maxsize=65536)
def _parsed_date(text: str) -> datetime.date:
    """Dates repeat a lot (a few thousand days for hundreds of thousands of rows): parse each once."""
    return datetime.date.fromisoformat(text[:10])


# Customers no longer served, as a subquery: a short list, cheaper than joining every row to its customer.
_UNSERVED = "SELECT id FROM customer WHERE do_not_service = :yes"


def _common(rules: Rules) -> dict[str, object]:
    return {"no": False, "yes": True, "today": rules.today.isoformat(), "active": PlanStatus.ACTIVE.value}


_KIND_LIFE = """
kind_life AS (
    SELECT lower(equipment_kind) AS kind, min(lifespan_min_years) AS lmin, max(lifespan_max_years) AS lmax
    FROM catalog_item
    WHERE kind = 'equipment' AND equipment_kind <> ''
      AND lifespan_min_years IS NOT NULL AND lifespan_max_years IS NOT NULL
    GROUP BY lower(equipment_kind))"""


# ---------------------------------------------------------------- equipment


def replacement_candidates(rules: Rules) -> list[rules_.EquipmentAge]:
    """Units in service whose age (whole years) has reached their lifespan less the warning years,
    unless the age threshold they crossed was raised already (the stage is worked out as in
    app.domain.opportunities.replacement_stage, so that a second run reads next to nothing).

    A unit's lifespan is its own catalog item's when that item has one, else its kind's (the
    widest range of the catalog's items of that kind); the price is today's price of its
    own item, else of the cheapest active item of its kind.
    """
    step = rules_.REPLACEMENT_STEP_YEARS
    rows = run_sql(
        f"""WITH {_KIND_LIFE},
        kind_price AS (
            SELECT lower(equipment_kind) AS kind, min(price_cents) AS cents FROM catalog_item
            WHERE kind = 'equipment' AND active = :yes AND price_cents > 0 AND equipment_kind <> ''
            GROUP BY lower(equipment_kind)),
        unit AS (
            SELECT e.id, s.customer_id, e.site_id, e.kind, e.installed_on,
                   CASE WHEN ci.id IS NULL THEN kl.lmin ELSE ci.lifespan_min_years END AS lmin,
                   CASE WHEN ci.id IS NULL THEN kl.lmax ELSE ci.lifespan_max_years END AS lmax,
                   CASE WHEN own.active = :yes AND own.price_cents > 0 THEN own.price_cents
                        ELSE coalesce(kp.cents, 0) END AS cents,
                   CASE WHEN ci.id IS NULL THEN 0 ELSE 1 END AS from_item,
                   (:today_ymd - {{ymd:e.installed_on}}) / 10000 AS age
            FROM equipment e
            JOIN site s ON s.id = e.site_id
            LEFT JOIN catalog_item own ON own.id = e.catalog_item_id
            LEFT JOIN catalog_item ci ON ci.id = e.catalog_item_id
                 AND ci.lifespan_min_years IS NOT NULL AND ci.lifespan_max_years IS NOT NULL
            LEFT JOIN kind_life kl ON kl.kind = lower(e.kind)
            LEFT JOIN kind_price kp ON kp.kind = lower(e.kind)
            WHERE e.removed_on IS NULL AND e.installed_on IS NOT NULL AND s.customer_id NOT IN ({_UNSERVED}))
        SELECT id, customer_id, site_id, kind, installed_on, lmin, lmax, cents, from_item
        FROM (SELECT u.*, CASE WHEN age >= lmax THEN lmax + (age - lmax) / {step} * {step}
                               WHEN age >= lmin THEN lmin
                               WHEN lmin - :warning > 1 THEN lmin - :warning ELSE 1 END AS stage
              FROM unit u WHERE lmin IS NOT NULL AND age >= lmin - :warning AND age >= 1) AS staged
        WHERE NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.trigger_key = CAST(:subject AS VARCHAR)
                          || staged.id || CAST(:event AS VARCHAR) || staged.stage)""",
        subject="replacement:equipment",
        event=":age",
        **_common(rules),
        today_ymd=int(rules.today.strftime("%Y%m%d")),
        warning=rules.replacement_warning_years,
    )
    return [
        rules_.EquipmentAge(id_, cid, site, kind, as_date(on), lmin, lmax, cents, bool(own))
        for id_, cid, site, kind, on, lmin, lmax, cents, own in rows
    ]


def upgrade_candidates(rules: Rules) -> list[rules_.LadderStep]:
    """Units from a ladder with an active higher tier, old enough for an upgrade: the next tier up each."""
    rows = run_sql(
        f"""WITH {_KIND_LIFE}
        SELECT e.id, s.customer_id, e.site_id, e.installed_on, ci.name,
               coalesce(ci.lifespan_min_years, kl.lmin), nx.id, nx.name, nx.price_cents
        FROM equipment e {{scan}}
        JOIN catalog_item ci ON ci.id = e.catalog_item_id
        JOIN catalog_item nx ON nx.ladder = ci.ladder AND nx.kind = ci.kind AND nx.tier > ci.tier
             AND nx.active = :yes
        JOIN site s ON s.id = e.site_id
        LEFT JOIN kind_life kl ON kl.kind = lower(e.kind)
        WHERE ci.ladder <> '' AND ci.tier IS NOT NULL AND e.removed_on IS NULL
          AND e.installed_on IS NOT NULL AND e.installed_on <= :old_enough
          AND s.customer_id NOT IN ({_UNSERVED})
        ORDER BY e.id, nx.tier, nx.id""",
        **_common(rules),
        old_enough=rules_.add_years(rules.today, -rules.upgrade_after_years).isoformat(),
    )
    steps: dict[int, rules_.LadderStep] = {}
    for id_, cid, site, on, name, life_min, next_id, next_name, cents in rows:
        if id_ not in steps:  # the lowest tier above theirs comes first
            steps[id_] = rules_.LadderStep(
                id_, cid, site, as_date(on), name, life_min, next_id, next_name, cents
            )
    return list(steps.values())


def add_on_candidates(rules: Rules) -> list[rules_.AddOnFit]:
    """(site, add-on) pairs for what a site we visited lately has: add-ons the customer never bought,
    never offered at that site, at sites with no add-on offer being worked.

    The add-ons (a handful) are matched to the units in Python: a join on lower(kind) made SQLite
    compare every unit with every add-on, and checking each pair against the sales took seconds.
    """
    add_ons: dict[str, list[tuple[int, str, int]]] = {}
    for item, name, cents, kind in run_sql(
        """SELECT id, name, price_cents, lower(goes_with_kind) FROM catalog_item
        WHERE kind = 'add_on' AND active = :yes AND goes_with_kind <> '' ORDER BY id""",
        yes=True,
    ):
        add_ons.setdefault(kind, []).append((item, name, cents))
    if not add_ons:
        return []
    items = tuple(item for offers in add_ons.values() for item, _, _ in offers)
    bought = set(
        run_sql(
            """SELECT DISTINCT x.customer_id, sl.catalog_item_id
            FROM sale_line sl JOIN sale x ON x.id = sl.sale_id WHERE sl.catalog_item_id IN (:items)""",
            items=items,
        )
    )
    offered = set(run_sql("SELECT site_id, catalog_item_id FROM opportunity WHERE kind = 'add_on'"))
    busy = {site for (site,) in run_sql(
        "SELECT site_id FROM opportunity WHERE kind = 'add_on' AND status IN (:working)", working=_ACTIVE
    )}  # fmt: skip
    rows = run_sql(
        f"""SELECT s.customer_id, e.site_id, lower(e.kind), min(e.id), min(e.kind), min(e.installed_on),
               sv.last
        FROM (SELECT site_id, max(visited_on) AS last FROM visit
              WHERE site_id IS NOT NULL AND visited_on >= :seen_from AND visited_on <= :today
              GROUP BY site_id) AS sv
        JOIN equipment e ON e.site_id = sv.site_id
        JOIN site s ON s.id = e.site_id
        WHERE e.removed_on IS NULL AND lower(e.kind) IN (:kinds) AND s.customer_id NOT IN ({_UNSERVED})
        GROUP BY s.customer_id, e.site_id, lower(e.kind), sv.last""",
        **_common(rules),
        kinds=tuple(add_ons),
        seen_from=rules.days_ago(rules.add_on_seen_days).isoformat(),
    )
    fits = []
    for cid, site, lowered, eq, kind, on, last in rows:
        if site in busy:
            continue
        for item, name, cents in add_ons[lowered]:
            if (cid, item) not in bought and (site, item) not in offered:
                fits.append(
                    rules_.AddOnFit(cid, site, eq, kind, as_date(on), item, name, cents, as_date(last))
                )
    return fits


def warranty_candidates(rules: Rules) -> list[rules_.Warranty]:
    """Units in service whose warranty ends from today through the notice period."""
    offer = run_sql(
        """SELECT ci.name, ci.price_cents FROM catalog_item ci
        LEFT JOIN service_plan p ON p.catalog_item_id = ci.id AND p.status = :active
        WHERE ci.kind = 'plan' AND ci.active = :yes
        GROUP BY ci.id, ci.name, ci.price_cents ORDER BY count(p.id) DESC, ci.price_cents, ci.id LIMIT 1""",
        **_common(rules),
    )
    offer_name, offer_cents = offer[0] if offer else ("", 0)
    rows = run_sql(
        f"""SELECT e.id, s.customer_id, e.site_id, e.kind, e.installed_on, e.warranty_until,
               (SELECT max(p.name) FROM service_plan p WHERE p.customer_id = s.customer_id
                AND p.status = :active AND p.ends_on >= :today)
        FROM equipment e
        JOIN site s ON s.id = e.site_id
        WHERE e.removed_on IS NULL AND e.warranty_until >= :today AND e.warranty_until <= :horizon
          AND s.customer_id NOT IN ({_UNSERVED})""",
        **_common(rules),
        horizon=rules.days_ahead(rules.warranty_notice_days).isoformat(),
    )
    return [
        rules_.Warranty(
            id_, cid, site, kind, as_date(on), as_date(until), plan or "", offer_name, offer_cents
        )
        for id_, cid, site, kind, on, until, plan in rows
    ]


# ---------------------------------------------------------------- plans


def renewal_candidates(rules: Rules) -> list[rules_.PlanTerm]:
    rows = run_sql(
        """SELECT p.id, p.customer_id, p.site_id, p.name, p.ends_on, p.price_cents, p.auto_renew
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = :active AND p.auto_renew = :no AND p.ends_on <= :horizon AND p.ends_on >= :grace
          AND c.do_not_service = :no""",
        **_common(rules),
        horizon=rules.days_ahead(rules.renewal_notice_days).isoformat(),
        grace=rules.days_ago(rules_.RENEWAL_GRACE_DAYS).isoformat(),
    )
    return [
        rules_.PlanTerm(id_, cid, site, name, as_date(ends), cents, bool(auto))
        for id_, cid, site, name, ends, cents, auto in rows
    ]


def maintenance_candidates(rules: Rules) -> list[rules_.PlanVisits]:
    """Active plans with visits, each with its last maintenance or inspection visit."""
    rows = run_sql(
        """SELECT p.id, p.customer_id, p.site_id, p.name, p.started_on, p.ends_on, p.visits_per_year,
               p.price_cents,
               (SELECT max(v.visited_on) FROM visit v WHERE v.plan_id = p.id
                AND v.kind IN ('maintenance', 'inspection') AND v.visited_on <= :today)
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = :active AND p.visits_per_year > 0 AND p.started_on <= :today
          AND c.do_not_service = :no""",
        **_common(rules),
    )
    return [
        rules_.PlanVisits(id_, cid, site, name, as_date(start), as_date(end), vpy, cents, as_date(last))
        for id_, cid, site, name, start, end, vpy, cents, last in rows
    ]


# ---------------------------------------------------------------- keeping in touch

_SPOKEN = tuple(channel.value for channel in SPOKEN_CHANNELS)
# A call nobody answered, or a message left, is not having spoken with someone.
_UNANSWERED = ("no answer", "left message")


def follow_up_candidates(rules: Rules) -> list[rules_.SaleDone]:
    """Sales from the follow-up window, with each customer's latest call, visit or talk since."""
    window_from = rules.days_ago(rules.follow_up_after_days + rules.follow_up_window_days).isoformat()
    rows = run_sql(
        """SELECT x.id, x.customer_id, x.site_id, x.sold_on, x.description,
               (SELECT max(t.happened_at) FROM touch t WHERE t.customer_id = x.customer_id
                AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)
                AND t.happened_at >= :window_from),
               (SELECT max(v.visited_on) FROM visit v WHERE v.customer_id = x.customer_id
                AND v.visited_on >= :window_from)
        FROM sale x JOIN customer c ON c.id = x.customer_id
        WHERE x.sold_on >= :window_from AND x.sold_on <= :due_by AND c.do_not_service = :no""",
        **_common(rules),
        spoken=_SPOKEN,
        unanswered=_UNANSWERED,
        window_from=window_from,
        due_by=rules.days_ago(rules.follow_up_after_days).isoformat(),
    )
    return [
        rules_.SaleDone(id_, cid, site, as_date(on), text, _latest(as_date(spoken), as_date(visited)))
        for id_, cid, site, on, text, spoken, visited in rows
    ]


def _latest(*days: datetime.date | None) -> datetime.date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None


def check_in_candidates(rules: Rules) -> list[rules_.RecentBuyer]:
    """Recent buyers with no sale, call, visit or talk since the check-in cut-off."""
    cutoff = rules.days_ago(rules.check_in_after_days)
    rows = run_sql(
        """SELECT customer_id, last_sale, last_spoken, last_visit FROM (
            SELECT r.customer_id, r.last_sale,
                   (SELECT max(t.happened_at) FROM touch t WHERE t.customer_id = r.customer_id
                    AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)) AS last_spoken,
                   (SELECT max(v.visited_on) FROM visit v WHERE v.customer_id = r.customer_id) AS last_visit
            FROM (SELECT customer_id, max(sold_on) AS last_sale FROM sale
                  WHERE sold_on >= :recent_from GROUP BY customer_id) AS r
            JOIN customer c ON c.id = r.customer_id
            WHERE r.last_sale <= :cutoff AND c.do_not_service = :no) AS q
        WHERE (last_spoken IS NULL OR last_spoken < :after_cutoff)
          AND (last_visit IS NULL OR last_visit <= :cutoff)""",
        **_common(rules),
        spoken=_SPOKEN,
        unanswered=_UNANSWERED,
        recent_from=rules.recent_from.isoformat(),
        cutoff=cutoff.isoformat(),
        after_cutoff=(cutoff + datetime.timedelta(days=1)).isoformat(),
    )
    return [
        rules_.RecentBuyer(cid, as_date(sale), as_date(spoken), as_date(visit))
        for cid, sale, spoken, visit in rows
    ]


# ---------------------------------------------------------------- new products and other sites


def new_products(rules: Rules) -> list[tuple[int, str, int, datetime.date, int | None, str]]:
    """Active products launched within the "new" period: (id, name, price, launched, slots left, kind).

    Slots left: the quantity available less the offers still standing or won (None: no limit).
    """
    rows = run_sql(
        """SELECT ci.id, ci.name, ci.price_cents, ci.launched_on, ci.quantity_available, ci.equipment_kind,
               (SELECT count(*) FROM opportunity o WHERE o.catalog_item_id = ci.id AND o.kind = 'new_product'
                AND o.status NOT IN ('lost', 'dismissed'))
        FROM catalog_item ci
        WHERE ci.kind = 'product' AND ci.active = :yes AND ci.launched_on IS NOT NULL
          AND ci.launched_on >= :new_from AND ci.launched_on <= :today
        ORDER BY ci.launched_on, ci.id""",
        **_common(rules),
        new_from=rules.days_ago(rules.new_product_days).isoformat(),
    )
    return [
        (id_, name, cents, as_date(on), None if qty is None else max(0, qty - taken), kind)
        for id_, name, cents, on, qty, kind, taken in rows
    ]


def best_customers(rules: Rules) -> list[tuple[int, int, datetime.date | None]]:
    """Every customer who can be reached on some channel, best first: lifetime value, then loyalty.

    The lifetime value is the one of the headline numbers (sales, plans, and commissions won on
    their referrals); loyalty is how long they have been a customer.
    """
    rows = run_sql(
        """SELECT c.id, coalesce(v.cents, 0) AS ltv, c.customer_since
        FROM customer c
        LEFT JOIN (SELECT customer_id, sum(amount) AS cents FROM (
                       SELECT customer_id, total_cents AS amount FROM sale
                       UNION ALL SELECT customer_id, price_cents FROM service_plan
                       UNION ALL SELECT customer_id, commission_cents FROM referral
                           WHERE customer_id IS NOT NULL AND direction = 'to_partner'
                             AND status IN ('won', 'paid')) AS parts
                   GROUP BY customer_id) AS v ON v.customer_id = c.id
        WHERE c.do_not_service = :no AND NOT (c.do_not_call = :yes AND c.do_not_mail = :yes
                                              AND c.do_not_email = :yes)
        ORDER BY ltv DESC, CASE WHEN c.customer_since IS NULL THEN 1 ELSE 0 END, c.customer_since, c.id""",
        **_common(rules),
    )
    return [(cid, int(ltv or 0), as_date(since)) for cid, ltv, since in rows]


def customers_with(rules: Rules, equipment_kind: str = "", bought_item: int | None = None) -> set[int]:
    """Customers with a unit of this kind in service, or who ever bought this catalog item."""
    if equipment_kind:
        rows = run_sql(
            """SELECT DISTINCT s.customer_id FROM equipment e JOIN site s ON s.id = e.site_id
            WHERE e.removed_on IS NULL AND lower(e.kind) = :kind""",
            kind=equipment_kind.lower(),
        )
    else:
        rows = run_sql(
            """SELECT DISTINCT x.customer_id FROM sale_line sl JOIN sale x ON x.id = sl.sale_id
            WHERE sl.catalog_item_id = :item""",
            item=bought_item,
        )
    return {cid for (cid,) in rows}


def offered(item_id: int) -> set[int]:
    rows = run_sql(
        "SELECT customer_id FROM opportunity WHERE kind = 'new_product' AND catalog_item_id = :item",
        item=item_id,
    )
    return {cid for (cid,) in rows}


def site_spend(rules: Rules) -> list[rules_.SiteSpend]:
    """Every site of customers with more than one, with what it bought lately and its active plan."""
    rows = run_sql(
        f"""SELECT s.customer_id, s.id, s.label, s.street,
               CASE WHEN EXISTS (SELECT 1 FROM equipment e WHERE e.site_id = s.id AND e.removed_on IS NULL)
                    THEN 1 ELSE 0 END,
               (SELECT coalesce(sum(x.total_cents), 0) FROM sale x WHERE x.site_id = s.id
                AND x.sold_on >= :recent_from),
               (SELECT count(*) FROM sale x WHERE x.site_id = s.id AND x.sold_on >= :recent_from),
               (SELECT max(x.sold_on) FROM sale x WHERE x.site_id = s.id),
               (SELECT p.name FROM service_plan p WHERE p.site_id = s.id AND p.status = :active
                ORDER BY p.price_cents DESC, p.id LIMIT 1),
               (SELECT max(p.price_cents) FROM service_plan p WHERE p.site_id = s.id AND p.status = :active)
        FROM site s
        JOIN (SELECT customer_id FROM site GROUP BY customer_id HAVING count(*) > 1) AS m
             ON m.customer_id = s.customer_id
        WHERE s.customer_id NOT IN ({_UNSERVED})
        ORDER BY s.customer_id, s.id""",
        **_common(rules),
        recent_from=rules.recent_from.isoformat(),
    )
    return [
        rules_.SiteSpend(
            cid,
            sid,
            ", ".join(p for p in (label, street) if p) or f"site {sid}",
            bool(equipment),
            int(cents or 0),
            int(jobs or 0),
            as_date(last),
            plan or "",
            int(plan_cents or 0),
        )
        for cid, sid, label, street, equipment, cents, jobs, last, plan, plan_cents in rows
    ]


# ---------------------------------------------------------------- writing


def existing_keys(kind: str) -> set[str]:
    return {key for (key,) in run_sql("SELECT trigger_key FROM opportunity WHERE kind = :kind", kind=kind)}


def active_subjects(kind: str) -> dict[str, int]:
    """Subject → id of the opportunities of this kind still being worked (open, snoozed, contacted)."""
    rows = run_sql(
        "SELECT id, trigger_key FROM opportunity WHERE kind = :kind AND status IN (:active)",
        kind=kind,
        active=_ACTIVE,
    )
    return {rules_.subject_of(key): id_ for id_, key in rows}


def insert_raised(raised: Iterable[Raised], today: datetime.date) -> int:
    database = database_proxy.obj
    marks = ", ".join([database.param] * 13)
    day = today.isoformat()
    # In key order: the unique key's index then grows at its end (a third faster at 250,000 rows).
    keyed = sorted(((r.trigger_key, r) for r in raised), key=lambda pair: pair[0])
    rows = [
        (r.customer_id, r.site_id, r.equipment_id, r.plan_id, r.catalog_item_id, r.kind, r.reason,
         r.value_cents, r.due.isoformat(), "open", day, key, day)
        for key, r in keyed
    ]  # fmt: skip
    if rows:
        cursor = database.cursor()
        cursor.executemany(
            "INSERT INTO opportunity (customer_id, site_id, equipment_id, plan_id, catalog_item_id, kind, "
            "reason, value_cents, due_on, status, status_changed_on, trigger_key, created_on) "
            f"VALUES ({marks})",
            rows,
        )
        cursor.close()
    return len(rows)


def refresh(updates: Iterable[tuple[int, Raised]], today: datetime.date) -> int:
    """A new event for a subject still being worked: the same row, brought up to date and open again."""
    database = database_proxy.obj
    p = database.param
    rows = [
        (r.trigger_key, r.reason, r.value_cents, r.due.isoformat(), today.isoformat(), r.site_id,
         r.equipment_id, r.plan_id, r.catalog_item_id, id_)
        for id_, r in updates
    ]  # fmt: skip
    if rows:
        cursor = database.cursor()
        cursor.executemany(
            f"UPDATE opportunity SET trigger_key = {p}, reason = {p}, value_cents = {p}, due_on = {p}, "
            f"status = 'open', status_changed_on = {p}, snoozed_until = NULL, site_id = {p}, "
            f"equipment_id = {p}, plan_id = {p}, catalog_item_id = {p} WHERE id = {p}",
            rows,
        )
        cursor.close()
    return len(rows)


# ---------------------------------------------------------------- closing what resolved itself


def close_resolved(rules: Rules) -> int:
    """Opportunities still being worked whose subject resolved itself since they were raised.

    A unit that was removed: won when we installed a unit of its kind at that site since, else lost.
    A renewal whose plan now runs past the term it was raised for: won; a plan lapsed or cancelled: lost.
    A maintenance visit made for the plan: won. An item bought (add-on, upgrade, new product): won.
    A site that bought since (other site): won. A call, visit or talk since a check-in or follow-up
    was raised: contacted.
    """
    common = {**_common(rules), "working": _ACTIVE}
    closed = 0
    statements = (
        """UPDATE opportunity SET status = CASE WHEN EXISTS (
                SELECT 1 FROM equipment old JOIN equipment n ON n.site_id = old.site_id AND n.id <> old.id
                WHERE old.id = opportunity.equipment_id AND lower(n.kind) = lower(old.kind)
                  AND n.installed_by_us = :yes AND n.installed_on >= opportunity.created_on)
            THEN 'won' ELSE 'lost' END, status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('replacement', 'upgrade', 'warranty_ending') AND status IN (:working)
          AND EXISTS (SELECT 1 FROM equipment r WHERE r.id = opportunity.equipment_id
                      AND r.removed_on IS NOT NULL)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind = 'maintenance_due' AND status IN (:working) AND EXISTS (
            SELECT 1 FROM visit v WHERE v.plan_id = opportunity.plan_id
            AND v.kind IN ('maintenance', 'inspection') AND v.visited_on >= opportunity.due_on)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('add_on', 'upgrade', 'new_product') AND status IN (:working) AND EXISTS (
            SELECT 1 FROM sale x JOIN sale_line sl ON sl.sale_id = x.id
            WHERE x.customer_id = opportunity.customer_id
              AND +sl.catalog_item_id = opportunity.catalog_item_id
              AND x.sold_on >= opportunity.created_on)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind = 'other_site' AND status IN (:working) AND (
            EXISTS (SELECT 1 FROM sale x WHERE x.site_id = opportunity.site_id
                    AND x.sold_on >= opportunity.created_on)
            OR EXISTS (SELECT 1 FROM service_plan p WHERE p.site_id = opportunity.site_id
                       AND p.status = :active AND p.started_on >= opportunity.created_on))""",
        """UPDATE opportunity SET status = 'contacted', status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('check_in', 'follow_up') AND status = 'open' AND (
            EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = opportunity.customer_id
                    AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)
                    AND t.happened_at >= opportunity.created_on)
            OR EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = opportunity.customer_id
                       AND v.visited_on >= opportunity.created_on))""",
    )
    database = database_proxy.obj
    for sql in statements:
        cursor = database.execute_sql(*_bind(sql, spoken=_SPOKEN, unanswered=_UNANSWERED, **common))
        closed += max(cursor.rowcount, 0)
    return closed + _close_renewals(rules)


def _close_renewals(rules: Rules) -> int:
    rows = run_sql(
        """SELECT o.id, o.trigger_key, p.ends_on, p.status FROM opportunity o
        JOIN service_plan p ON p.id = o.plan_id
        WHERE o.kind = 'renewal' AND o.status IN (:working)""",
        working=_ACTIVE,
    )
    changes = []
    for id_, key, ends_on, status in rows:
        term_end = datetime.date.fromisoformat(key.rpartition(":")[2])
        if as_date(ends_on) > term_end:
            changes.append(("won", id_))
        elif status != PlanStatus.ACTIVE:
            changes.append(("lost", id_))
    if changes:
        p = database_proxy.obj.param
        cursor = database_proxy.obj.cursor()
        cursor.executemany(
            f"UPDATE opportunity SET status = {p}, status_changed_on = '{rules.today.isoformat()}', "
            f"snoozed_until = NULL WHERE id = {p}",
            changes,
        )
        cursor.close()
    return len(changes)


def _bind(sql: str, **values: object) -> tuple[str, list[object]]:
    database = database_proxy.obj
    params: list[object] = []

    def placeholder(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        if isinstance(value, tuple):
            params.extend(value)
            return ", ".join([database.param] * len(value))
        params.append(value)
        return database.param

    return _NAMED.sub(placeholder, _expand(sql)), params
