"""The demo business: deterministic, believable, all-or-nothing, and searchable."""

from __future__ import annotations

import datetime
import sqlite3
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from app.domain.customers import display_name
from app.domain.errors import UserError
from app.domain.kinds import Channel
from app.domain.records import TOUCH_OUTCOMES, VISIT_KINDS
from app.persistence import bulk
from app.persistence.customers import count_customers, list_customers
from app.persistence.db import OpenedDatabase, close_database, open_database
from app.services.cancel import Cancelled
from app.services.demo import CHUNK, DemoSummary, build_demo
from app.services.demo.rows import TABLES

TODAY = datetime.date(2025, 6, 16)
DUMPED = ("customer", "site", "equipment", "sale", "sale_line", "service_plan", "touch", "referral")


def _rows(db: OpenedDatabase, sql: str, params: tuple = ()) -> list[tuple]:
    return db.database.execute_sql(sql, params).fetchall()


def _one(db: OpenedDatabase, sql: str, params: tuple = ()) -> object:
    return _rows(db, sql, params)[0][0]


def _build_and_dump(path: Path, seed: int) -> dict[str, list[tuple]]:
    open_database(path)
    try:
        build_demo(customers=150, seed=seed, today=TODAY)
    finally:
        close_database()
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in DUMPED
        }
    finally:
        connection.close()


def test_same_seed_and_day_give_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    first = _build_and_dump(tmp_path / "a.db", seed=3)
    again = _build_and_dump(tmp_path / "b.db", seed=3)
    other = _build_and_dump(tmp_path / "c.db", seed=4)
    for table in DUMPED:
        assert first[table], table
        assert first[table] == again[table], table
    assert first["customer"] != other["customer"]
    assert first["equipment"] != other["equipment"]


@pytest.fixture
def demo(db: OpenedDatabase) -> DemoSummary:
    return build_demo(customers=600, seed=7, today=TODAY)


def test_the_summary_counts_what_was_written(db: OpenedDatabase, demo: DemoSummary) -> None:
    assert demo.customers == 600
    for table, field in (
        ("customer", "customers"),
        ("site", "sites"),
        ("equipment", "equipment"),
        ("sale", "sales"),
        ("sale_line", "sale_lines"),
        ("visit", "visits"),
        ("touch", "touches"),
        ("referral", "referrals"),
        ("service_plan", "service_plans"),
        ("partner", "partners"),
        ("catalog_item", "catalog_items"),
    ):
        assert _one(db, f"SELECT count(*) FROM {table}") == getattr(demo, field), table
    assert demo.partners == 12
    assert demo.segments == 5


def test_every_reference_holds_and_the_check_is_back_on(db: OpenedDatabase, demo: DemoSummary) -> None:
    assert _rows(db, "PRAGMA foreign_key_check") == []
    assert _one(db, "PRAGMA foreign_keys") == 1


def test_customers_look_like_a_real_customer_base(db: OpenedDatabase, demo: DemoSummary) -> None:
    customers = _rows(db, "SELECT first_name, last_name, company, display_name, kind, email FROM customer")
    for first, last, company, shown, kind, _ in customers:
        assert shown == display_name(first, last, company)
        assert (kind == "business") == bool(company)
    kinds = Counter(row[4] for row in customers)
    assert 0.08 < kinds["business"] / len(customers) < 0.25
    assert any(not row[3].isascii() for row in customers), "some names with accents or other scripts"
    emails = [row[5] for row in customers if row[5]]
    assert 0.55 < len(emails) / len(customers) < 0.85
    assert len(set(emails)) == len(emails)
    assert all(email.isascii() and email == email.lower() and "@" in email for email in emails)
    flags = _rows(
        db,
        "SELECT sum(do_not_call), sum(do_not_mail), sum(do_not_email), sum(share_with_partners) "
        "FROM customer",
    )[0]
    assert all(flag > 0 for flag in flags)
    assert flags[0] < 0.1 * len(customers)
    # Consent to share comes with its date, and only then.
    consent_without_date = (
        "SELECT count(*) FROM customer WHERE share_with_partners != (share_consent_on IS NOT NULL)"
    )
    assert _one(db, consent_without_date) == 0
    windows = _rows(
        db, "SELECT call_window_start, call_window_end FROM customer WHERE call_window_start != ''"
    )
    assert windows and all(start < end and len(start) == 5 for start, end in windows)


def test_every_phone_is_a_valid_us_number_in_e164(db: OpenedDatabase, demo: DemoSummary) -> None:
    numbers = [
        number
        for row in _rows(
            db,
            "SELECT phone, phone_mobile, phone_work FROM customer UNION ALL "
            "SELECT phone, '', '' FROM partner",
        )
        for number in row
        if number
    ]
    assert len(numbers) > 600
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


def test_every_customer_has_one_billing_site_and_a_first_sale(db: OpenedDatabase, demo: DemoSummary) -> None:
    not_one_billing_site = """SELECT count(*) FROM customer c
        WHERE (SELECT count(*) FROM site s WHERE s.customer_id = c.id AND s.is_billing) != 1"""
    assert _one(db, not_one_billing_site) == 0
    billing_site_not_first = """SELECT count(*) FROM site s WHERE s.is_billing
        AND s.id != (SELECT min(id) FROM site t WHERE t.customer_id = s.customer_id)"""
    assert _one(db, billing_site_not_first) == 0
    since_is_not_first_sale = """SELECT count(*) FROM customer c WHERE c.customer_since IS NULL
        OR c.customer_since IS NOT (SELECT min(sold_on) FROM sale s WHERE s.customer_id = c.id)"""
    assert _one(db, since_is_not_first_sale) == 0
    total_is_not_the_lines = """SELECT count(*) FROM sale s
        WHERE total_cents != (SELECT sum(total_cents) FROM sale_line l WHERE l.sale_id = s.id)"""
    assert _one(db, total_is_not_the_lines) == 0
    zips = [row[0] for row in _rows(db, "SELECT postal_code FROM site")]
    assert all(len(code) == 5 and code.isdigit() for code in zips)


def test_nothing_is_dated_after_today(db: OpenedDatabase, demo: DemoSummary) -> None:
    day = TODAY.isoformat()
    for table, column in (
        ("sale", "sold_on"),
        ("visit", "visited_on"),
        ("equipment", "installed_on"),
        ("equipment", "removed_on"),
        ("customer", "customer_since"),
        ("referral", "referred_on"),
        ("referral_payment", "paid_on"),
    ):
        assert _one(db, f"SELECT count(*) FROM {table} WHERE {column} > ?", (day,)) == 0, column
    assert _one(db, "SELECT count(*) FROM touch WHERE happened_at > ?", (f"{day} 23:59:59",)) == 0
    # Datetimes in business hours, stored the way peewee stores them.
    times = [row[0] for row in _rows(db, "SELECT happened_at FROM touch")]
    assert all(len(t) == 19 and "08:00:00" <= t[11:] <= "17:00:00" for t in times)


def test_equipment_ages_spread_over_decades(db: OpenedDatabase, demo: DemoSummary) -> None:
    years = [
        int(row[0][:4])
        for row in _rows(db, "SELECT installed_on FROM equipment WHERE installed_on IS NOT NULL")
    ]
    assert min(years) <= TODAY.year - 20
    assert max(years) >= TODAY.year - 1
    assert len({year // 10 for year in years}) >= 3
    assert _one(db, "SELECT count(*) FROM equipment WHERE installed_on IS NULL") > 0
    ours = _rows(db, "SELECT installed_on, warranty_until FROM equipment WHERE installed_by_us")
    assert ours and all(warranty[:4] == str(int(on[:4]) + 10) for on, warranty in ours)
    running = _rows(db, "SELECT avg(installed_by_us) FROM equipment WHERE removed_on IS NULL")[0][0]
    assert running > 0.5, "most equipment in service was installed by us"
    assert _one(db, "SELECT count(DISTINCT brand) FROM equipment") >= 10


def test_plans_are_active_lapsed_and_some_due_for_renewal(db: OpenedDatabase, demo: DemoSummary) -> None:
    statuses = dict(_rows(db, "SELECT status, count(*) FROM service_plan GROUP BY status"))
    assert statuses.get("active", 0) > 0
    assert statuses.get("lapsed", 0) > 0
    due = _one(
        db,
        "SELECT count(*) FROM service_plan WHERE status = 'active' AND ends_on <= ?",
        ((TODAY + datetime.timedelta(days=60)).isoformat(),),
    )
    assert due > 0
    assert _one(db, "SELECT count(*) FROM visit WHERE plan_id IS NOT NULL") > 0


def test_touches_and_visits_use_the_app_vocabulary(db: OpenedDatabase, demo: DemoSummary) -> None:
    outcomes = {row[0] for row in _rows(db, "SELECT DISTINCT outcome FROM touch")}
    assert outcomes <= set(TOUCH_OUTCOMES)
    channels = {row[0] for row in _rows(db, "SELECT DISTINCT channel FROM touch")}
    assert channels <= {channel.value for channel in Channel}
    assert {"call", "mail", "email", "visit"} <= channels
    assert {row[0] for row in _rows(db, "SELECT DISTINCT kind FROM visit")} <= set(VISIT_KINDS)
    # Nobody gets a call, a letter or an e-mail from us on a channel they refused.
    refused = _one(
        db,
        """SELECT count(*) FROM touch t JOIN customer c ON c.id = t.customer_id
           WHERE t.direction = 'out' AND ((c.do_not_call AND t.channel = 'call')
              OR (c.do_not_mail AND t.channel = 'mail') OR (c.do_not_email AND t.channel = 'email'))""",
    )
    assert refused == 0


def test_partners_and_referrals_both_ways_with_commissions(db: OpenedDatabase, demo: DemoSummary) -> None:
    partners = _rows(db, "SELECT id, rate_bp, cap_cents FROM partner")
    assert len(partners) == 12
    assert all(1000 <= rate <= 2000 for _, rate, _ in partners)
    directions = Counter(row[0] for row in _rows(db, "SELECT direction FROM referral"))
    assert directions["to_partner"] > 0 and directions["from_partner"] > 0
    terms = {
        (pid, job): (rate, cap)
        for pid, job, rate, cap in _rows(
            db, "SELECT partner_id, job_type, rate_bp, cap_cents FROM partner_term"
        )
    }
    defaults = {pid: (rate, cap) for pid, rate, cap in partners}
    settled = _rows(
        db,
        """SELECT partner_id, job_type, job_value_cents, commission_cents FROM referral
           WHERE status IN ('won', 'paid')""",
    )
    assert settled
    for partner_id, job_type, value, commission in settled:
        rate, cap = terms.get((partner_id, job_type), defaults[partner_id])
        expected = (value * rate + 5000) // 10000
        assert commission == (min(expected, cap) if cap is not None else expected)
    paid_but_not_in_full = """SELECT count(*) FROM referral r WHERE status = 'paid' AND commission_cents !=
        (SELECT sum(amount_cents) FROM referral_payment p WHERE p.referral_id = r.id)"""
    assert _one(db, paid_but_not_in_full) == 0
    referred = _rows(
        db, "SELECT c.source, p.business FROM customer c JOIN partner p ON p.id = c.referred_by_id"
    )
    assert referred and all(source == f"Referral: {business}" for source, business in referred)
    # We only gave a partner the details of customers who agreed to it.
    shared_without_consent = """SELECT count(*) FROM disclosure d JOIN customer c ON c.id = d.customer_id
        WHERE NOT c.share_with_partners OR d.disclosed_at < c.share_consent_on"""
    assert _one(db, shared_without_consent) == 0


def test_the_catalog_has_ladders_plans_add_ons_a_bundle_and_a_new_product(
    db: OpenedDatabase, demo: DemoSummary
) -> None:
    kinds = Counter(row[0] for row in _rows(db, "SELECT kind FROM catalog_item"))
    assert {"equipment", "plan", "add_on", "bundle", "product", "service"} <= set(kinds)
    furnace = _rows(db, "SELECT tier FROM catalog_item WHERE ladder = 'Furnace' ORDER BY tier")
    assert [row[0] for row in furnace] == [1, 2, 3]
    lines_without_lifespan = (
        "SELECT count(*) FROM catalog_item WHERE kind = 'equipment' AND lifespan_min_years IS NULL"
    )
    assert _one(db, lines_without_lifespan) == 0
    assert _one(db, "SELECT count(*) FROM bundle_item") >= 2
    new = _rows(db, "SELECT launched_on, quantity_available FROM catalog_item WHERE launched_on IS NOT NULL")
    assert new and all(on > (TODAY - datetime.timedelta(days=90)).isoformat() and qty for on, qty in new)


def test_the_search_index_finds_names_and_phone_fragments(db: OpenedDatabase, demo: DemoSummary) -> None:
    customer_id, last_name, phone = _rows(
        db,
        "SELECT id, last_name, phone FROM customer WHERE kind = 'household' AND length(last_name) > 3 "
        "ORDER BY id LIMIT 1",
    )[0]
    assert count_customers(last_name) > 0
    digits = phone[2:]  # "+1410..." → "410..."
    fragment = f"{digits[3:6]}-{digits[6:]}"
    assert customer_id in {row.id for row in list_customers(fragment, limit=1000)}
    assert count_customers("zzqqxx-not-a-name") == 0


def test_it_refuses_a_database_that_has_customers_and_changes_nothing(db: OpenedDatabase) -> None:
    build_demo(customers=20, seed=1, today=TODAY)
    before = {table: _one(db, f"SELECT count(*) FROM {table}") for table in TABLES}
    with pytest.raises(UserError, match="already has customers"):
        build_demo(customers=20, seed=2, today=TODAY)
    assert {table: _one(db, f"SELECT count(*) FROM {table}") for table in TABLES} == before


def test_it_refuses_a_database_that_has_a_catalog(db: OpenedDatabase) -> None:
    with bulk.transaction():
        bulk.insert_rows("segment", ["name", "pitch", "talking_points"], [("Mine", "", "")])
    with pytest.raises(UserError, match="empty database"):
        build_demo(customers=20, today=TODAY)
    assert _one(db, "SELECT count(*) FROM customer") == 0


def test_it_wants_a_sensible_number_of_customers(db: OpenedDatabase) -> None:
    with pytest.raises(UserError):
        build_demo(customers=0, today=TODAY)


def test_cancelling_midway_leaves_the_database_empty(db: OpenedDatabase) -> None:
    reports: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        build_demo(
            customers=3 * CHUNK,
            today=TODAY,
            progress=lambda done, total: reports.append((done, total)),
            cancel=lambda: len(reports) >= 2,
        )
    assert reports[:2] == [(CHUNK, reports[0][1]), (2 * CHUNK, reports[0][1])]
    for table in (*TABLES, "customer_search"):
        assert _one(db, f"SELECT count(*) FROM {table}") == 0, table
    assert _one(db, "PRAGMA foreign_keys") == 1


def test_progress_ends_at_the_total(db: OpenedDatabase) -> None:
    reports: list[tuple[int, int]] = []
    build_demo(customers=CHUNK + 10, today=TODAY, progress=lambda done, total: reports.append((done, total)))
    done = [d for d, _ in reports]
    assert done == sorted(done)
    assert reports[-1][0] == reports[-1][1]


def test_bulk_writes_only_known_tables_and_columns(db: OpenedDatabase) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        bulk.insert_rows('customer"; DROP TABLE customer; --', ["id"], [(1,)])
    with pytest.raises(ValueError, match="unknown columns"):
        bulk.insert_rows("segment", ["name", "pitch) VALUES ('x', 'y'); --"], [("a", "b")])
    with pytest.raises(ValueError, match="unknown table"):
        bulk.is_empty(["sqlite_master"])
    assert bulk.is_empty()


def test_bulk_fills_the_columns_left_out_with_the_model_defaults(db: OpenedDatabase) -> None:
    with bulk.transaction():
        bulk.insert_rows("partner", ["id", "business"], [(5, "Acme Roofing")])
    row = _rows(
        db, "SELECT business, rate_bp, active, cap_cents, length(created_at) FROM partner WHERE id = 5"
    )
    assert row == [("Acme Roofing", 1000, 1, None, 19)]
