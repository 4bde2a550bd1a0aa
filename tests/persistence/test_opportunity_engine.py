"""The opportunity engine on small hand-built businesses: what is raised, once, and what closes itself."""

from __future__ import annotations

import ast
import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from app.domain.catalog import CatalogItemDraft, SegmentDraft
from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import BY_KIND, KINDS
from app.domain.opportunity_kinds.spec import Resolution
from app.domain.records import EquipmentDraft, SiteDraft
from app.persistence import change_counters
from app.persistence import opportunities as opportunity_sql
from app.persistence.opportunity_kinds import CANDIDATES, replacement
from app.persistence.tables import (
    CatalogItem,
    Customer,
    Equipment,
    Opportunity,
    Sale,
    SaleLine,
    Segment,
    ServicePlan,
    Site,
    Touch,
    Visit,
    database_proxy,
)
from app.services import catalog as catalog_service
from app.services import customers, records
from app.services.cancel import Cancelled
from app.services.opportunities import (
    list_open_opportunities,
    missing_information,
    recompute_opportunities,
    set_opportunity_status,
)

TODAY = datetime.date(2026, 4, 1)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def years_later(years: int) -> datetime.date:
    return TODAY.replace(year=TODAY.year + years)


@pytest.fixture
def catalog(db) -> dict[str, int]:
    furnace_line = dict(
        kind="equipment", equipment_kind="Furnace", lifespan_min_years=15, lifespan_max_years=20
    )
    items = {
        "basic": furnace_line | dict(name="80% gas furnace", price_cents=380_000, ladder="Furnace", tier=1),
        "better": furnace_line | dict(name="96% furnace", price_cents=540_000, ladder="Furnace", tier=2),
        "club": dict(kind="plan", name="Club", renewal_months=12, visits_per_year=2, price_cents=18_900),
        "uv": dict(kind="add_on", name="UV air purifier", goes_with_kind="Furnace", price_cents=65_000),
        "humidifier": dict(kind="add_on", name="Humidifier", goes_with_kind="Furnace", price_cents=85_000),
        "product": dict(kind="product", name="Hybrid water heater", price_cents=390_000,
                        launched_on=TODAY - datetime.timedelta(days=20), quantity_available=2),
    }  # fmt: skip
    return {key: CatalogItem.create(**values).id for key, values in items.items()}


def customer(name: str, **fields: object) -> Customer:
    return Customer.create(display_name=name, phone="+14105550123", **fields)


def site(who: Customer, label: str = "Home") -> Site:
    return Site.create(customer=who, label=label, street="12 Oak St", city="Towson")


def furnace(
    at: Site, installed: datetime.date | None, item: int | None = None, **fields: object
) -> Equipment:
    return Equipment.create(site=at, kind="Furnace", installed_on=installed, catalog_item=item, **fields)


def sale(
    who: Customer, on: datetime.date, cents: int, at: Site | None = None, item: int | None = None
) -> Sale:
    made = Sale.create(customer=who, site=at, sold_on=on, total_cents=cents, description="Repair")
    SaleLine.create(sale=made, catalog_item=item, total_cents=cents)
    return made


def plan(who: Customer, at: Site | None, ends_on: datetime.date, **fields: object) -> ServicePlan:
    values = dict(name="Comfort Club", started_on=ends_on - datetime.timedelta(days=365), price_cents=18_900)
    return ServicePlan.create(customer=who, site=at, ends_on=ends_on, **(values | fields))


def opportunities(kind: str | None = None) -> list[Opportunity]:
    query = Opportunity.select().order_by(Opportunity.id)
    return list(query.where(Opportunity.kind == kind) if kind else query)


def raised(summary, kind: str) -> int:
    return summary.raised[kind]


# ---------------------------------------------------------------- replacement, once per threshold


def test_replacement_is_raised_once_with_its_reason_value_and_due(catalog) -> None:
    home = site(customer("Smith, Ann"))
    unit = furnace(home, d("2009-03-15"), catalog["basic"])
    first = recompute_opportunities(today=TODAY)
    assert raised(first, "replacement") == 1
    (row,) = opportunities("replacement")
    assert row.reason == "Furnace installed March 2009, 17 years old; this model lasts 15–20 years"
    # 15 (its shortest life) on 2024-03-15, but the engine only learns of it today: due today.
    assert (row.value_cents, row.due_on, row.status) == (380_000, TODAY, "open")
    assert (row.equipment_id, row.site_id, row.trigger_key) == (
        unit.id,
        home.id,
        f"replacement:equipment{unit.id}:age15",
    )
    again = recompute_opportunities(today=TODAY)
    assert again.total_raised == 0 and len(opportunities()) == len(opportunities())


def test_a_dismissed_replacement_comes_back_only_at_the_next_threshold(catalog) -> None:
    unit = furnace(site(customer("Smith, Ann")), d("2012-01-10"), catalog["basic"])  # 14: nearing its life
    recompute_opportunities(today=TODAY)
    (first,) = opportunities("replacement")
    set_opportunity_status(first.id, "dismissed", today=TODAY)
    for later in (TODAY + datetime.timedelta(days=200), d("2027-01-09")):  # still 14
        assert raised(recompute_opportunities(today=later), "replacement") == 0
    assert raised(recompute_opportunities(today=d("2027-01-10")), "replacement") == 1  # 15 today
    dismissed, new = opportunities("replacement")
    assert dismissed.status == "dismissed" and new.status == "open"
    assert new.trigger_key == f"replacement:equipment{unit.id}:age15"


def test_an_open_replacement_is_brought_up_to_date_by_the_next_threshold(catalog) -> None:
    unit = furnace(site(customer("Smith, Ann")), d("2012-01-10"), catalog["basic"])
    recompute_opportunities(today=TODAY)
    (before,) = opportunities("replacement")
    summary = recompute_opportunities(today=d("2032-01-10"))  # 20: past its longest life
    assert summary.refreshed == 1 and raised(summary, "replacement") == 0
    (after,) = opportunities("replacement")
    assert after.id == before.id
    assert after.trigger_key == f"replacement:equipment{unit.id}:age20"
    assert "20 years old" in after.reason


def test_the_sql_works_out_the_same_threshold_as_the_rules(catalog) -> None:
    """After each yearly run the candidate query finds nothing left: SQL and Python agree on the key."""
    furnace(site(customer("Smith, Ann")), d("2000-02-29"), catalog["basic"])
    keys = set()
    for year in range(2013, 2033):
        day = d(f"{year}-03-01")
        recompute_opportunities(today=day)
        keys |= {o.trigger_key for o in opportunities("replacement")}
        assert replacement.candidates(Rules(day)) == []
    assert sorted(int(k.rpartition("age")[2]) for k in keys) == [14, 15, 20, 25, 30]


def test_nothing_is_raised_for_removed_unknown_or_unserved_equipment(catalog) -> None:
    home = site(customer("Smith, Ann"))
    furnace(home, d("2001-05-01"), catalog["basic"], removed_on=d("2020-01-01"))
    unknown = furnace(home, None)
    furnace(site(customer("Jones, Bob", do_not_service=True)), d("2001-05-01"))
    Equipment.create(site=home, kind="Swamp cooler", installed_on=d("1990-01-01"))
    summary = recompute_opportunities(today=TODAY)
    assert summary.raised["replacement"] == 0
    assert summary.missing_information == len(missing_information(TODAY)) == 2
    missing = {(m.category, m.record_id or m.name): m for m in missing_information(TODAY)}
    assert missing["equipment", unknown.id].field == "installed_on"
    assert "Smith, Ann: Furnace" in missing["equipment", unknown.id].name
    assert "never checked for replacement" in missing["equipment_kind", "Swamp cooler"].problem


def test_a_replaced_unit_closes_its_replacement(catalog) -> None:
    home = site(customer("Smith, Ann"))
    old = furnace(home, d("2006-03-15"), catalog["basic"])
    recompute_opportunities(today=TODAY)
    Equipment.update(removed_on=TODAY).where(Equipment.id == old.id).execute()
    furnace(home, TODAY, catalog["better"], installed_by_us=True)
    summary = recompute_opportunities(today=TODAY + datetime.timedelta(days=1))
    assert summary.closed >= 1
    (row,) = opportunities("replacement")
    assert row.status == "won"


# ---------------------------------------------------------------- plans


def test_renewal_from_45_days_before_and_won_when_renewed(catalog) -> None:
    ann = customer("Smith, Ann")
    club = plan(ann, None, TODAY + datetime.timedelta(days=46))
    assert raised(recompute_opportunities(today=TODAY), "renewal") == 0
    assert raised(recompute_opportunities(today=TODAY + datetime.timedelta(days=1)), "renewal") == 1
    (row,) = opportunities("renewal")
    assert row.reason == "Comfort Club ends May 17, 2026 (in 45 days); renewal $189.00"
    ServicePlan.update(ends_on=d("2027-05-17")).where(ServicePlan.id == club.id).execute()
    recompute_opportunities(today=TODAY + datetime.timedelta(days=2))
    assert opportunities("renewal")[0].status == "won"


def test_maintenance_due_and_won_when_the_visit_is_made(catalog) -> None:
    ann = customer("Smith, Ann")
    home = site(ann)
    club = plan(ann, home, d("2026-09-01"), visits_per_year=2)
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY - datetime.timedelta(days=200))
    recompute_opportunities(today=TODAY)
    (row,) = opportunities("maintenance_due")
    assert row.reason.endswith("18 days overdue") and row.value_cents == 9_450
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY + datetime.timedelta(days=3))
    recompute_opportunities(today=TODAY + datetime.timedelta(days=3))
    assert opportunities("maintenance_due")[0].status == "won"


# ---------------------------------------------------------------- keeping in touch


def test_check_in_and_follow_up_close_when_someone_talks_with_them(catalog) -> None:
    ann = customer("Smith, Ann")
    sale(ann, TODAY - datetime.timedelta(days=400), 30_000)
    Touch.create(
        customer=ann, channel="call", happened_at=datetime.datetime(2025, 9, 1, 10), outcome="talked"
    )
    Touch.create(
        customer=ann, channel="call", happened_at=datetime.datetime(2026, 2, 1, 10), outcome="no answer"
    )
    bob = customer("Jones, Bob")
    sale(bob, TODAY - datetime.timedelta(days=14), 45_000)
    summary = recompute_opportunities(today=TODAY)
    assert (raised(summary, "check_in"), raised(summary, "follow_up")) == (1, 1)
    (check_in,) = opportunities("check_in")
    assert check_in.customer_id == ann.id  # the unanswered call is not "having spoken"
    assert "last spoken with September 1, 2025" in check_in.reason
    for who in (ann, bob):
        Touch.create(
            customer=who, channel="call", happened_at=datetime.datetime(2026, 4, 2, 11), outcome="talked"
        )
    recompute_opportunities(today=TODAY + datetime.timedelta(days=1))
    assert {o.status for kind in ("check_in", "follow_up") for o in opportunities(kind)} == {"contacted"}


# ---------------------------------------------------------------- offers


def test_a_new_product_goes_to_the_best_customers_first_as_far_as_it_lasts(catalog) -> None:
    best = customer("Best", customer_since=d("2015-01-01"))
    loyal = customer("Loyal", customer_since=d("2008-01-01"))
    newer = customer("Newer", customer_since=d("2019-01-01"))
    unreachable = customer("Silent", do_not_call=True, do_not_mail=True, do_not_email=True)
    for who, cents in ((best, 900_000), (loyal, 200_000), (newer, 200_000), (unreachable, 5_000_000)):
        sale(who, d("2024-01-01"), cents)
    assert raised(recompute_opportunities(today=TODAY), "new_product") == 2  # quantity available: 2
    offers = opportunities("new_product")
    assert [o.customer_id for o in offers] == [best.id, loyal.id]  # equal value: the longer customer first
    assert offers[0].reason.endswith("$9,000.00 with us since 2015")
    set_opportunity_status(offers[0].id, "lost", today=TODAY)
    assert raised(recompute_opportunities(today=TODAY), "new_product") == 1
    assert opportunities("new_product")[-1].customer_id == newer.id


def test_one_add_on_at_a_time_the_next_after_a_no(catalog) -> None:
    ann = customer("Smith, Ann")
    home = site(ann)
    furnace(home, d("2020-05-01"), catalog["better"])
    Visit.create(customer=ann, site=home, visited_on=TODAY - datetime.timedelta(days=30))
    assert raised(recompute_opportunities(today=TODAY), "add_on") == 1
    (first,) = opportunities("add_on")
    assert first.catalog_item_id == catalog["humidifier"] and first.value_cents == 85_000
    assert raised(recompute_opportunities(today=TODAY), "add_on") == 0  # one being worked at that site
    set_opportunity_status(first.id, "dismissed", today=TODAY)
    assert raised(recompute_opportunities(today=TODAY), "add_on") == 1
    assert opportunities("add_on")[-1].catalog_item_id == catalog["uv"]
    set_opportunity_status(opportunities("add_on")[-1].id, "lost", today=TODAY)
    assert raised(recompute_opportunities(today=TODAY), "add_on") == 0  # none left to offer


def test_other_sites_of_a_customer_who_buys_at_one(catalog) -> None:
    group = customer("Harbor Property Management")
    main, other, empty = site(group, "Canton building"), site(group, "Essex building"), site(group, "Office")
    furnace(main, d("2018-01-01"))
    furnace(other, d("2018-01-01"))
    plan(group, main, d("2026-12-01"))
    assert raised(recompute_opportunities(today=TODAY), "other_site") == 1
    (row,) = opportunities("other_site")
    assert row.site_id == other.id and row.value_cents == 18_900
    assert "nothing for Essex building, 12 Oak St" in row.reason
    assert empty.id != row.site_id


def test_upgrade_and_warranty(catalog) -> None:
    ann = customer("Smith, Ann")
    home = site(ann)
    unit = furnace(home, d("2016-05-20"), catalog["basic"], warranty_until=d("2026-05-20"))
    summary = recompute_opportunities(today=TODAY)
    assert (raised(summary, "upgrade"), raised(summary, "warranty_ending")) == (1, 1)
    (upgrade,) = opportunities("upgrade")
    assert upgrade.catalog_item_id == catalog["better"] and upgrade.equipment_id == unit.id
    (warranty,) = opportunities("warranty_ending")
    assert "no service plan: offer Club ($189.00)" in warranty.reason


# ---------------------------------------------------------------- what is due when


def test_a_17_year_old_furnace_typed_in_today_is_a_replacement_due_today(db, clock) -> None:
    """Through the services, on the default catalog and the test clock, as the owner would see it."""
    clock.set(datetime.datetime(2026, 12, 2, 9, 0))
    who = customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith", phone="410 555 0123"))
    home = records.add_record(SiteDraft(customer_id=who, label="Home", street="12 Oak St", city="Towson"))
    unit = records.add_record(EquipmentDraft(site_id=home, kind="furnace", installed_on=d("2009-10-20")))
    summary = recompute_opportunities()
    assert summary.raised["replacement"] == 1
    (row,) = list_open_opportunities("replacement")
    assert row.customer_id == who and row.due == clock.today() == d("2026-12-02")  # not 2024-10-20
    assert row.reason == "furnace installed October 2009, 17 years old; a furnace usually lasts 15–20 years"
    assert row.value == Decimal("3800.00")  # the cheapest furnace of the catalog
    # Raised again at the next threshold (20, past its longest life): brought up to date, due that day.
    clock.set(datetime.datetime(2029, 10, 20, 9, 0))
    assert recompute_opportunities().refreshed == 1
    (again,) = list_open_opportunities("replacement")
    assert (again.id, again.due) == (row.id, d("2029-10-20")) and "20 years old" in again.reason
    assert Opportunity.get_by_id(row.id).equipment_id == unit


def test_what_falls_due_on_a_day_the_engine_runs_keeps_that_day(catalog, clock) -> None:
    """Run daily, the rule changes nothing: each is raised on the day it falls due."""
    ann = customer("Smith, Ann")
    club = plan(ann, None, TODAY + datetime.timedelta(days=50))
    clock.set(TODAY)
    for _ in range(6):
        recompute_opportunities()
        clock.advance(days=1)
    (row,) = opportunities("renewal")
    notice_opens = club.ends_on - datetime.timedelta(days=45)
    assert row.due_on == row.created_on == notice_opens == TODAY + datetime.timedelta(days=5)


def test_a_maintenance_visit_raised_late_is_won_by_a_visit_typed_in_with_its_real_date(catalog) -> None:
    ann = customer("Smith, Ann")
    home = site(ann)
    club = plan(ann, home, d("2026-09-01"), visits_per_year=2)
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY - datetime.timedelta(days=200))
    recompute_opportunities(today=TODAY)
    (row,) = opportunities("maintenance_due")
    assert row.due_on == TODAY and row.reason.endswith("18 days overdue")
    # The technician went 10 days ago (after it fell due, before it was raised); the visit is typed in now.
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY - datetime.timedelta(days=10))
    assert recompute_opportunities(today=TODAY + datetime.timedelta(days=1)).closed == 1
    assert opportunities("maintenance_due")[0].status == "won"


# ---------------------------------------------------------------- running it


def test_recompute_is_all_or_nothing_when_cancelled(catalog) -> None:
    furnace(site(customer("Smith, Ann")), d("2001-01-01"), catalog["basic"])
    reports: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        recompute_opportunities(today=TODAY, progress=lambda done, total: reports.append((done, total)),
                                cancel=lambda: len(reports) >= 8)  # fmt: skip
    assert opportunities() == []
    done = recompute_opportunities(today=TODAY, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1][0] == reports[-1][1] and done.total_raised == len(opportunities())
    assert set(done.raised) == {kind.value for kind in OpportunityKind}


def _a_bit_of_everything(catalog: dict[str, int]) -> None:
    """Customers who raise most kinds: replacement, upgrade, warranty, renewal, maintenance, add-on,
    check-in, follow-up, new product, other site."""
    ann = customer("Smith, Ann", customer_since=d("2012-01-01"))
    home, cabin = site(ann), site(ann, "Cabin")
    furnace(home, d("2009-03-15"), catalog["basic"])
    furnace(home, d("2016-05-20"), catalog["basic"], warranty_until=d("2026-05-20"))
    furnace(cabin, d("2018-01-01"))
    club = plan(ann, home, d("2026-05-01"), visits_per_year=2)
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY - datetime.timedelta(days=200))
    sale(ann, TODAY - datetime.timedelta(days=400), 30_000, home)
    bob = customer("Jones, Bob")
    sale(bob, TODAY - datetime.timedelta(days=14), 45_000)


def _writes_while(job: Callable[[], object]) -> list[str]:
    """The statements that write, run by `job` on this connection, triggers' included (SQLite; on
    PostgreSQL the job just runs, and the write counters, counted per statement there, tell)."""
    writes: list[str] = []
    if not isinstance(database_proxy.obj, SqliteDatabase):
        job()
        return writes

    def seen(sql: str) -> None:
        if sql.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            writes.append(sql)

    connection = database_proxy.obj.connection()
    connection.set_trace_callback(seen)
    try:
        job()
    finally:
        connection.set_trace_callback(None)
    return writes


def test_a_recompute_with_nothing_new_writes_nothing(catalog) -> None:
    """What the staleness check may run at any moment: reads only, when nothing changed."""
    _a_bit_of_everything(catalog)
    first = recompute_opportunities(today=TODAY)
    assert sum(1 for n in first.raised.values() if n) >= 9 and first.total_raised == len(opportunities())
    before = (change_counters.counts(), [o.__data__ for o in opportunities()])
    writes = _writes_while(lambda: recompute_opportunities(today=TODAY))
    assert writes == []
    assert (change_counters.counts(), [o.__data__ for o in opportunities()]) == before
    # A write the engine does need still happens: the new day is recorded (it is what "fresh" means).
    next_day = _writes_while(lambda: recompute_opportunities(today=TODAY + datetime.timedelta(days=1)))
    assert all("app_meta" in sql for sql in next_day)
    assert not change_counters.opportunities_are_stale(TODAY + datetime.timedelta(days=1))


def test_the_catalog_is_not_written_when_it_exists(catalog) -> None:
    customer("Smith, Ann")
    before = change_counters.counts()
    assert _writes_while(catalog_service.ensure_default_catalog) == []
    assert change_counters.counts() == before
    CatalogItem.delete().execute()  # an empty catalog and a customer: the default goes in, once
    assert catalog_service.ensure_default_catalog() > 0 and catalog_service.ensure_default_catalog() == 0


def test_after_write_runs_last_inside_the_transaction(catalog) -> None:
    _a_bit_of_everything(catalog)
    seen: list[tuple[bool, int]] = []
    summary = recompute_opportunities(
        today=TODAY,
        after_write=lambda: seen.append((database_proxy.obj.in_transaction(), len(opportunities()))),
    )
    assert seen == [(True, summary.total_raised)]  # everything written, not yet committed

    def refuse() -> None:
        raise RuntimeError("the caller's own write failed")

    Opportunity.delete().execute()
    with pytest.raises(RuntimeError):
        recompute_opportunities(today=TODAY, after_write=refuse)
    assert opportunities() == []  # nothing committed without it


def test_the_open_list_and_status_changes(catalog) -> None:
    CatalogItem.update(active=False).where(CatalogItem.id == catalog["product"]).execute()
    furnace(site(customer("Smith, Ann")), d("2001-01-01"), catalog["basic"])
    bob = customer("Jones, Bob")
    furnace(site(bob), d("2002-01-01"), catalog["basic"])
    plan(bob, None, TODAY + datetime.timedelta(days=10))
    recompute_opportunities(today=TODAY)
    rows = list_open_opportunities()
    # All raised today, so all due today (Bob's furnace passed 20 in 2022, Ann's 25 in January; the
    # renewal's notice opened 35 days ago): the most valuable first, then the first raised.
    assert [(r.kind, r.due) for r in rows] == [("replacement", TODAY)] * 2 + [("renewal", TODAY)]
    assert rows[0].value == Decimal("3800.00") and [r.customer for r in rows[:2]] == [
        "Smith, Ann",
        "Jones, Bob",
    ]
    assert [r.kind for r in list_open_opportunities("renewal")] == ["renewal"]
    assert len(list_open_opportunities(limit=1)) == 1
    Customer.update(do_not_service=True).where(Customer.id == bob.id).execute()
    assert [r.customer for r in list_open_opportunities()] == ["Smith, Ann"]
    rows = list_open_opportunities()
    with pytest.raises(UserError):
        list_open_opportunities("sale")
    with pytest.raises(UserError) as error:
        set_opportunity_status(rows[0].id, "snoozed", today=TODAY)
    assert error.value.field == "snooze_until"
    with pytest.raises(UserError):
        set_opportunity_status(rows[0].id, "snoozed", snooze_until=TODAY, today=TODAY)
    set_opportunity_status(
        rows[0].id, "snoozed", snooze_until=TODAY + datetime.timedelta(days=7), today=TODAY
    )
    assert Opportunity.get_by_id(rows[0].id).snoozed_until == TODAY + datetime.timedelta(days=7)
    with pytest.raises(UserError):
        set_opportunity_status(rows[0].id, "maybe", today=TODAY)
    with pytest.raises(UserError):
        set_opportunity_status(10_000, "won", today=TODAY)


# ---------------------------------------------------------------- the catalog


def test_the_default_catalog_only_goes_into_a_database_with_customers(db) -> None:
    assert catalog_service.list_catalog() == []  # an empty database stays empty (the demo needs it so)
    customer("Smith, Ann")
    items = catalog_service.list_catalog()
    names = {item.name for item in items}
    assert {"80% gas furnace", "Comfort Club", "UV air purifier", "Comfort Upgrade Package"} <= names
    bundle = next(item for item in items if item.kind == "bundle")
    assert len(bundle.bundle_item_ids) == 4 and bundle.discount_bp == 800
    assert Segment.select().count() == 5
    assert catalog_service.load_default_catalog() == 0  # never twice


def test_catalog_items_are_saved_validated_and_kept_while_in_use(catalog) -> None:
    item_id = catalog_service.save_catalog_item(
        CatalogItemDraft(
            "equipment",
            "Heat pump",
            equipment_kind="Heat pump",
            lifespan_min_years=10,
            lifespan_max_years=15,
            price="5,500",
        )
    )
    saved = next(row for row in catalog_service.list_catalog() if row.id == item_id)
    assert saved.price == Decimal("5500.00") and saved.lifespan_text == "10–15 years"
    with pytest.raises(UserError) as error:
        catalog_service.save_catalog_item(
            saved.as_draft().__class__(**{**saved.as_draft().__dict__, "tier": 0})
        )
    assert error.value.field == "tier"
    furnace(site(customer("Smith, Ann")), d("2010-01-01"), catalog["basic"])
    with pytest.raises(UserError) as in_use:
        catalog_service.delete_catalog_item(catalog["basic"])
    assert "1 unit" in str(in_use.value)
    catalog_service.delete_catalog_item(item_id)
    assert item_id not in {row.id for row in catalog_service.list_catalog()}


def test_segments_with_pitch_and_talking_points(db) -> None:
    segment_id = catalog_service.save_segment(
        SegmentDraft("Landlord", "Fewer tenant calls", "Bundle\nDurability")
    )
    Customer.create(display_name="Smith, Ann", segment=segment_id)
    (row,) = catalog_service.list_segments_full()
    assert (row.name, row.talking_points, row.customers) == ("Landlord", ("Bundle", "Durability"), 1)
    with pytest.raises(UserError) as duplicate:
        catalog_service.save_segment(SegmentDraft("Landlord"))
    assert duplicate.value.field == "name"


# ---------------------------------------------------------------- the registry of kinds

PERSISTENCE = Path(__file__).resolve().parents[2] / "app" / "persistence"
SQL_WORDS = re.compile(r"\b(SELECT|UPDATE|INSERT INTO|DELETE FROM)\b")
PARAMETER = re.compile(r"(?<!:):\w+")  # as app.persistence.raw_sql reads them


def _sql_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string that holds SQL; an f-string counts as one text, its fields blank."""
    tree = ast.parse(source)
    fstrings = [node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
    in_fstring = {id(part) for node in fstrings for part in node.values}
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
            text = node.value
        else:
            continue
        if SQL_WORDS.search(text):
            texts.append((node.lineno, text))
    return texts


def _kind_names_in_sql(source: str) -> list[tuple[int, str]]:
    """(line, kind) for every kind name spelled inside SQL (a :parameter's name is not SQL text)."""
    return [
        (line, kind.value)
        for line, text in _sql_texts(source)
        for kind in OpportunityKind
        if re.search(rf"\b{kind.value}\b", PARAMETER.sub("", text))
    ]


def test_every_kind_is_registered_in_the_domain_and_the_persistence() -> None:
    assert [spec.kind for spec in KINDS] and len(KINDS) == len(set(BY_KIND))
    assert set(BY_KIND) == set(CANDIDATES) == set(OpportunityKind)
    every_closing = {resolution for spec in KINDS for resolution in spec.closes_when}
    assert every_closing == set(Resolution)  # a resolution nobody declares is dead code
    for resolution in Resolution:  # and each one has its query
        assert resolution in opportunity_sql._RESOLVED or resolution in opportunity_sql._RESOLVERS


# Migrations are frozen history: they keep the SQL they once ran.
PERSISTENCE_SOURCES = sorted(p for p in PERSISTENCE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", PERSISTENCE_SOURCES, ids=lambda p: p.relative_to(PERSISTENCE).as_posix())
def test_no_sql_spells_a_kind_name(path: Path) -> None:
    """Kinds travel as parameters from their declarations, so renaming or adding one never hides in SQL."""
    assert _kind_names_in_sql(path.read_text(encoding="utf-8")) == []


def test_the_kind_name_check_bites() -> None:
    source = "SQL = \"UPDATE opportunity SET status = 1 WHERE kind IN ('upgrade', 'add_on')\"\n"
    assert _kind_names_in_sql(source) == [(1, "upgrade"), (1, "add_on")]
    assert _kind_names_in_sql("x = f\"SELECT id FROM opportunity WHERE kind = {k!r} AND 'renewal'\"") == [
        (1, "renewal")
    ]
    assert _kind_names_in_sql('NOTE = "a replacement, not SQL"\nQ = "SELECT renewal_months FROM x"') == []
    assert _kind_names_in_sql('Q = "SELECT 1 WHERE kind = :check_in"') == []  # a parameter's name
    assert _kind_names_in_sql("Q = \"SELECT 1 WHERE key LIKE 'follow_up:sale'\"") == [(1, "follow_up")]
