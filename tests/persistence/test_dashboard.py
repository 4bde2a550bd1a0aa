"""The dashboard on a small business whose every figure is worked out by hand in the comments."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from app.domain import dashboard as figures
from app.domain.dashboard_keys import HEADLINE_FIGURES, FigureKey, parse_figure_key
from app.domain.dashboard_text import FIGURE_EXPLANATIONS, HEADLINE_LABELS, HEADLINE_ONE_LINERS
from app.domain.errors import UserError
from app.domain.settings import BusinessSettings
from app.domain.stats import EXPLANATIONS
from app.persistence.stats import headline_stats
from app.persistence.tables import (
    CatalogItem,
    Customer,
    Equipment,
    Opportunity,
    Partner,
    Referral,
    Sale,
    ServicePlan,
    Site,
    Touch,
)
from app.services.cancel import Cancelled
from app.services.dashboard import customers_behind, dashboard_data, dashboard_json

TODAY = datetime.date(2025, 6, 15)
# As of TODAY: recent buyers from 2022-06-15; the last 365 days and "quiet" from 2024-06-15;
# spoken to from 2025-05-16; retention of 2023 into 2024 is the headline rate; this month is June 2025.
SETTINGS = BusinessSettings()
D = datetime.date.fromisoformat


class Business:
    """Eight customers A to H and a small catalog; attributes hold their ids."""

    def __init__(self) -> None:
        item = {
            name: CatalogItem.create(
                kind="equipment",
                name=name,
                equipment_kind=kind,
                lifespan_min_years=low,
                lifespan_max_years=high,
                price_cents=cents,
                active=active,
            )
            for name, kind, low, high, cents, active in (
                ("Furnace", "Furnace", 15, 20, 400_000, True),  # life 17
                ("Water heater 40", "Water heater", 8, 12, 140_000, True),  # the kind: life 10,
                ("Water heater 50", "Water heater", 8, 12, 210_000, True),  # price (1,400 + 2,100) / 2
                ("Old AC", "Central AC", 12, 17, 360_000, False),  # life 14; no longer sold
                ("New AC", "Central AC", 12, 17, 420_000, True),  # the kind's price: 4,200
            )
        }
        self.sites: dict[str, int] = {}  # each customer's home (billing) site
        self.a = self.customer("a", "Alice Able")
        self.b = self.customer("b", "Bob's Bakery", city="Towson")
        self.c = self.customer("c", "王伟 Wang Wei")
        self.d = self.customer("d", "Dora Dunn")
        self.e = self.customer("e", "Eve Evans", do_not_service=True)
        self.f = self.customer("f", "Finn Ford")
        self.g = self.customer("g", "Gus Grant")
        self.h = self.customer("h", "Hana Hill")
        b_second = Site.create(customer=self.b, label="Second shop", city="Essex").id
        g_second = Site.create(customer=self.g, label="Cabin", city="Essex").id
        a_site, b_site, c_site, d_site, g_site = (self.sites[x] for x in "abcdg")

        # A: first sale before the 3 years, then one a year; an active plan; a won commission.
        self.sale(self.a, "2022-03-01", 100_000)
        self.sale(self.a, "2023-05-01", 50_000)
        self.sale(self.a, "2024-07-01", 60_000)
        self.sale(self.a, "2025-02-01", 40_000)
        self.plan(self.a, 20_000, "2025-12-01")
        self.touch(self.a, "call", "2025-06-01 09:00:00")
        self.unit(a_site, "Furnace", "2010-05-01", item["Furnace"])  # due 2027: once in 10 and 15 years
        self.unit(a_site, "Central AC", "2008-06-01", item["Old AC"])  # due 2022: now, and 2039 in 15
        partner = Partner.create(business="Bright Spark Electric")
        Referral.create(
            partner=partner,
            customer=self.a,
            direction="to_partner",
            referred_on=D("2025-01-01"),
            status="won",
            commission_cents=5_000,
        )
        # B: two sites, buys for the first only; no sale in the last 365 days; an e-mail this year.
        self.sale(self.b, "2022-07-01", 30_000, b_site)
        self.sale(self.b, "2023-02-01", 200_000, b_site)
        self.touch(self.b, "email", "2025-03-01 10:00:00")
        self.unit(b_second, "water heater", "2012-01-01")  # the kind's terms: due 2022, now and 2035
        self.unit(b_site, "Generator", "2015-01-01")  # no lifespan in the catalog: left out
        self.unit(b_site, "Furnace", None, item["Furnace"])  # no install date: left out
        self.unit(b_site, "Furnace", "2000-01-01", item["Furnace"], removed="2023-02-01")  # gone
        # C: new this year, the biggest buyer; a plan that runs out this month.
        self.sale(self.c, "2025-01-10", 2_000_000, c_site)
        self.plan(self.c, 30_000, "2025-06-30")
        self.touch(self.c, "visit", "2025-06-10 14:00:00")
        self.unit(c_site, "Central AC", "2025-01-10", item["New AC"])  # due 2039: only in 15 years
        # D: the best customer, quiet since 2017; a lapsed plan ending this month does not count.
        self.sale(self.d, "2016-04-01", 2_500_000)
        self.sale(self.d, "2017-06-01", 500_000)
        self.plan(self.d, 10_000, "2025-06-10", status="lapsed")
        self.touch(self.d, "call", "2024-06-14 23:00:00")  # a day before the 365 days
        self.unit(d_site, "Furnace", "2000-01-01", item["Furnace"])  # not a recent buyer: not projected
        # E: do not service, nothing else.
        # F: bought on the last day of 2023 and the first of 2024; a self-renewing plan.
        self.sale(self.f, "2023-12-31", 7_000)
        self.sale(self.f, "2024-01-01", 3_000)
        self.plan(self.f, 15_000, "2025-06-20", auto_renew=True)
        # G: bought in 2016 and 2017, the day before the 365 days, and today; at both sites.
        self.sale(self.g, "2016-05-01", 1_000)
        self.sale(self.g, "2017-07-01", 2_000)
        self.sale(self.g, "2024-06-14", 5_000, g_site)
        self.sale(self.g, "2025-06-15", 10_000, g_second)
        self.touch(self.g, "call", "2025-06-15 10:00:00")
        # H: never bought; an active plan that ran out earlier this month.
        self.plan(self.h, 9_000, "2025-06-05")

        self.opportunity(self.a, "replacement", 12_345)
        self.opportunity(self.a, "replacement", 100)
        self.opportunity(self.b, "renewal", 55)
        self.opportunity(self.c, "upgrade", 99_999, status="won")

    def customer(self, key: str, name: str, city: str = "Baltimore", **fields: object) -> int:
        made = Customer.create(display_name=name, phone="+14105550100", **fields).id
        self.sites[key] = Site.create(customer=made, label="Home", city=city, is_billing=True).id
        return made

    @staticmethod
    def sale(customer: int, on: str, cents: int, site: int | None = None) -> None:
        Sale.create(customer=customer, site=site, sold_on=D(on), total_cents=cents)

    @staticmethod
    def plan(customer: int, cents: int, ends: str, status: str = "active", auto_renew: bool = False) -> None:
        ServicePlan.create(
            customer=customer,
            name="Comfort Club",
            started_on=D("2024-07-01"),
            ends_on=D(ends),
            price_cents=cents,
            status=status,
            auto_renew=auto_renew,
        )

    @staticmethod
    def touch(customer: int, channel: str, at: str) -> None:
        Touch.create(customer=customer, channel=channel, happened_at=datetime.datetime.fromisoformat(at))

    @staticmethod
    def unit(
        site: int,
        kind: str,
        installed: str | None,
        item: CatalogItem | None = None,
        removed: str | None = None,
    ) -> None:
        Equipment.create(
            site=site,
            kind=kind,
            catalog_item=item,
            installed_on=D(installed) if installed else None,
            removed_on=D(removed) if removed else None,
        )

    @staticmethod
    def opportunity(customer: int, kind: str, cents: int, status: str = "open") -> None:
        Opportunity.create(
            customer=customer,
            kind=kind,
            reason="test",
            value_cents=cents,
            status=status,
            trigger_key=f"test:{Opportunity.select().count()}",
        )


@pytest.fixture
def business(db: object) -> Business:
    return Business()


def money(text: str) -> Decimal:
    return Decimal(text)


def ids(key: str, today: datetime.date = TODAY) -> list[int]:
    return [row.id for row in customers_behind(key, today)]


def test_the_dashboard_and_stats_json_agree(business: Business) -> None:
    data = dashboard_data(TODAY, settings=SETTINGS)

    assert data.stats == headline_stats(TODAY)
    assert data.stats.as_json_dict() == headline_stats(TODAY).as_json_dict()
    assert data.stats.lifetime_value_total == sum(bucket.value for bucket in data.ltv_buckets)
    assert data.stats.customers == sum(bucket.customers for bucket in data.ltv_buckets) == 8
    assert data.retention_by_year[-1].rate == data.stats.retention_rate == Decimal("0.6667")
    ten = data.projection(10)
    # The headline's projection is the dashboard's 10 years, worked out with the headline retention.
    assert ten.total == data.stats.projected_value_10_years == money("25551.45")
    assert ten.value.retention == data.stats.retention_rate
    assert sum(kind.value for kind in data.pipeline) == data.stats.open_opportunity_value
    assert data.spoken_share == Decimal("0.6000")  # A C G of A B C F G


def test_revenue_by_year_splits_new_and_existing_customers(business: Business) -> None:
    bars = {bar.year: bar for bar in dashboard_data(TODAY, settings=SETTINGS).revenue_by_year}

    assert list(bars) == list(range(2016, 2026))  # from the first sale; 2015 had none
    assert (bars[2016].new, bars[2016].existing, bars[2016].new_customers) == (money("25010"), 0, 2)  # D G
    assert (bars[2017].new, bars[2017].existing, bars[2017].existing_customers) == (0, money("5020"), 2)
    assert bars[2019].total == 0
    assert (bars[2022].new, bars[2022].existing) == (money("1300"), 0)  # A 1,000 + B 300, both first
    assert (bars[2023].new, bars[2023].existing) == (money("70"), money("2500"))  # F new; A 500, B 2,000
    assert (bars[2024].new, bars[2024].existing, bars[2024].existing_customers) == (0, money("680"), 3)
    assert (bars[2025].new, bars[2025].existing, bars[2025].to_date) == (money("20000"), money("500"), True)
    assert not bars[2024].to_date


def test_retention_by_year_counts_who_bought_again_the_next_year(business: Business) -> None:
    points = {p.year: p for p in dashboard_data(TODAY, settings=SETTINGS).retention_by_year}

    assert list(points) == list(range(2016, 2024))  # pairs of whole years only: up to 2023 → 2024
    assert (points[2016].buyers, points[2016].retained, points[2016].rate) == (2, 2, 1)  # D G
    assert (points[2017].buyers, points[2017].retained, points[2017].rate) == (2, 0, 0)
    assert (points[2020].buyers, points[2020].rate) == (0, 0)
    assert (points[2022].buyers, points[2022].retained) == (2, 2)  # A B again in 2023
    assert (points[2023].buyers, points[2023].retained) == (3, 2)  # A B F; B did not come back
    assert ids("retention_year:2023:lost") == [business.b]
    assert ids("retention_year:2023:retained") == [business.a, business.f]
    assert sorted(ids("retention_rate")) == sorted([business.a, business.b, business.f])


def test_pipeline_by_kind_counts_open_opportunities_only(business: Business) -> None:
    pipeline = {p.kind: p for p in dashboard_data(TODAY, settings=SETTINGS).pipeline}

    assert list(pipeline)[:3] == ["replacement", "renewal", "maintenance_due"]
    assert (pipeline["replacement"].count, pipeline["replacement"].value) == (2, money("124.45"))
    assert (pipeline["renewal"].count, pipeline["renewal"].value) == (1, money("0.55"))
    assert pipeline["upgrade"].count == 0  # the won one is not in the pipeline
    behind = customers_behind("pipeline:replacement", TODAY)
    assert [(row.id, row.value) for row in behind] == [(business.a, money("124.45"))]


def test_lifetime_value_distribution(business: Business) -> None:
    buckets = dashboard_data(TODAY, settings=SETTINGS).ltv_buckets

    assert [b.label for b in buckets] == [
        "nothing yet",
        "under $500",
        "$500–$2,000",
        "$2,000–$5,000",
        "$5,000–$10,000",
        "$10,000–$25,000",
        "$25,000+",
    ]
    # E nothing; F 100 + plan 150, G 180, H plan 90; A 2,500 + plan 200 + commission 50, B 2,300;
    # C 20,000 + plan 300; D 30,000 + lapsed plan 100.
    assert [(b.customers, b.value) for b in buckets] == [
        (1, 0),
        (3, money("520")),
        (0, 0),
        (2, money("5050")),
        (0, 0),
        (1, money("20300")),
        (1, money("30100")),
    ]
    assert ids("ltv_bucket:0") == [business.e]
    assert ids("ltv_bucket:1") == [business.f, business.g, business.h]  # 250, 180, 90
    assert [row.value for row in customers_behind("ltv_bucket:3", TODAY)] == [money("2750"), money("2300")]


def test_the_projection_shrinks_by_retention_and_shows_replacements_apart(business: Business) -> None:
    data = dashboard_data(TODAY, settings=SETTINGS)
    ten, fifteen = data.projection(10), data.projection(15)

    # Recent buyers A B C F G: sales in 3 years 1,500 + 2,300 + 20,000 + 100 + 150 = 24,050, so a yearly
    # spend of 8,016.67; their active plans A 200 + C 300 + F 150 = 650 a year (H is not a recent buyer).
    # Retention r = 0.6667 (A B F bought in 2023, A F in 2024), so 10 years bring
    # 1 + r + … + r⁹ = (1 − r¹⁰) / (1 − r) = 2.948244 years of it, and 15 years 2.993443.
    assert ten.value.years_of_spend.quantize(Decimal("0.000001")) == Decimal("2.948244")
    assert (ten.customers, ten.from_spend, ten.from_plans) == (5, money("23635.09"), money("1916.36"))
    assert ten.total == money("25551.45") < ten.value.without_retention == money("86666.67")
    assert (fifteen.from_spend, fifteen.from_plans) == (money("23997.44"), money("1945.74"))
    assert (fifteen.total, fifteen.per_customer) == (money("25943.18"), money("5188.64"))
    # Replacements, each × r for every year from now (2025 = 0): A's furnace (2027, 4,000 × r²),
    # A's old AC (overdue: 2025, at the kind's 4,200 as the old model is not sold), B's water heater
    # (overdue: 2025, 1,750): 1,777.96 + 4,200 + 1,750. In 15 years also A's old AC again (2039, r¹⁴),
    # B's heater again (2035, r¹⁰) and C's new AC (2039, r¹⁴). They are not part of the total.
    assert (ten.from_replacements, ten.replacements) == (money("7727.96"), 3)
    assert (fifteen.from_replacements, fifteen.replacements) == (money("7787.11"), 6)
    assert "year it was installed plus its typical lifespan" in data.projection_method
    assert "(1 + r + r² + … + r⁹)" in data.projection_method
    assert "$8,666.67 a year today" in ten.working and "× 2.948" in ten.working
    assert "retention r = 66.7%" in ten.working and "$86,666.67" in ten.working

    # Each customer's own (sales / 3 + plans) × 2.948244: C 6,966.67, A 700, B 766.67, F 183.33, G 50.
    expected = [
        (business.c, money("20539.43")),
        (business.b, money("2260.32")),
        (business.a, money("2063.77")),
        (business.f, money("540.51")),
        (business.g, money("147.41")),
    ]
    assert [(row.id, row.value) for row in customers_behind("projection:10", TODAY)] == expected
    assert [(row.id, row.value) for row in customers_behind("projected_value_10_years", TODAY)] == expected
    assert abs(sum(value for _, value in expected) - ten.total) <= Decimal("0.05")


@pytest.mark.parametrize(
    ("installed", "life", "offsets"),
    [
        (2010, 17, [2]),  # due 2027
        (2008, 14, [0, 14]),  # overdue since 2022: this year, then every lifespan
        (2011, 14, [0, 14]),  # due this very year
        (2025, 14, [14]),  # new this year
        (2000, 30, [5]),  # due in 2030
        (2000, 40, []),  # due beyond the horizon
    ],
)
def test_when_a_unit_is_replaced(installed: int, life: int, offsets: list[int]) -> None:
    assert list(figures.replacement_offsets(installed, life, 2025, 15)) == offsets


def test_warnings_with_the_customers_behind_them(business: Business) -> None:
    warnings = {w.key: w for w in dashboard_data(TODAY, settings=SETTINGS).warnings}

    assert list(warnings) == list(figures.WARNING_KEYS)
    # The last 365 days: C 20,000, A 1,000, G 100 of 21,100.
    assert warnings["top_customer"].customer_ids == (business.c,)
    assert "王伟 Wang Wei brought in 94.8% of the last 12 months' sales" in warnings["top_customer"].sentence
    assert warnings["top_customers"].customer_ids == (business.c, business.a, business.g)
    assert "Your 3 biggest customers brought in 100%" in warnings["top_customers"].sentence
    assert warnings["one_site_buys"].customer_ids == (business.b,)
    assert warnings["quiet_best_customers"].customer_ids == (business.d,)  # the top tenth of 7 is 1
    assert "$30,100.00 or more" in warnings["quiet_best_customers"].sentence
    assert warnings["plans_lapsing"].customer_ids == (business.c, business.h)
    assert warnings["plans_lapsing"].sentence.startswith(
        "2 service plans ($390.00 a year) run out this month"
    )
    for key, warning in warnings.items():
        assert ids(key) == list(warning.customer_ids), key


@pytest.mark.usefixtures("db")
def test_the_best_customers_are_the_top_tenth_rounded_up_with_ties_at_the_edge() -> None:
    # 11 customers with a lifetime value (the top tenth rounded up is 2), all quiet since 2016;
    # the second and third tie, so both are in; one more has nothing and is not counted.
    values = [110_000, 100_000, 100_000, 90_000, 80_000, 70_000, 60_000, 50_000, 40_000, 30_000, 20_000]
    made = []
    for number, cents in enumerate(values):
        made.append(Customer.create(display_name=f"Customer {number}").id)
        Sale.create(customer=made[-1], sold_on=D("2016-05-01"), total_cents=cents)
    Customer.create(display_name="Nothing yet")

    (warning,) = dashboard_data(TODAY, settings=SETTINGS).warnings

    assert warning.key == "quiet_best_customers"
    assert warning.customer_ids == tuple(made[:3])
    assert "$1,000.00 or more" in warning.sentence
    assert ids("quiet_best_customers") == made[:3]


def test_the_warning_threshold_comes_from_the_settings(business: Business) -> None:
    strict = BusinessSettings(top_customer_share_warning=0.95)

    keys = [w.key for w in dashboard_data(TODAY, settings=strict).warnings]

    assert "top_customer" not in keys  # 94.8 % is under 95 %
    assert "top_customers" in keys


def test_the_lists_behind_the_headline_numbers_hold_what_they_count(business: Business) -> None:
    stats = headline_stats(TODAY)
    b = business

    assert len(ids("customers")) == stats.customers
    assert sorted(ids("bought_last_3_years")) == sorted([b.a, b.b, b.c, b.f, b.g])
    assert sorted(ids("spoken_to_last_30_days")) == sorted([b.a, b.c, b.g])
    assert len(ids("spoken_to_last_30_days")) == stats.spoken_to_last_30_days
    assert ids("not_spoken_to_last_30_days") == [b.b, b.f]  # the ones a competitor could take
    assert ids("not_contacted_12_months") == [b.d, b.f, b.h]  # most valuable first
    assert len(ids("not_contacted_12_months")) == stats.not_contacted_12_months
    valued = customers_behind("lifetime_value_total", TODAY)
    assert sum(row.value for row in valued) == stats.lifetime_value_total
    assert ids("top_customer_share") == [b.c, b.a, b.g]
    assert ids("repeat_revenue_share") == [b.a, b.g]
    assert sum(r.value for r in customers_behind("open_opportunity_value", TODAY)) == money("125.00")
    assert [(r.id, r.value) for r in customers_behind("commission_owed_to_us", TODAY)] == [
        (b.a, money("50.00"))
    ]
    assert ids("commission_we_owe") == []
    assert ids("revenue_year:2023:new") == [b.f]
    assert ids("revenue_year:2023:existing") == [b.b, b.a]
    assert ids("revenue_year:2023") == [b.b, b.a, b.f]


def test_a_list_row_has_the_name_phone_city_and_value(business: Business) -> None:
    (row,) = customers_behind("one_site_buys", TODAY)

    assert (row.name, row.phone, row.city, row.value) == (
        "Bob's Bakery",
        "+14105550100",
        "Towson",
        money("2300"),
    )
    assert len(customers_behind("customers", TODAY, limit=3)) == 3


def test_every_figure_on_the_dashboard_opens_its_list(business: Business) -> None:
    data = dashboard_data(TODAY, settings=SETTINGS)
    keys = [*HEADLINE_FIGURES, *(w.key for w in data.warnings)]
    keys += [bar.key(part) for bar in data.revenue_by_year for part in ("", "new", "existing")]
    keys += [point.key(part) for point in data.retention_by_year for part in ("", "retained", "lost")]
    keys += [kind.key for kind in data.pipeline] + [b.key for b in data.ltv_buckets]
    keys += [p.key for p in data.projections]

    opened = {key: customers_behind(key, TODAY) for key in keys}

    for bar in data.revenue_by_year:
        assert sum(r.value for r in opened[bar.key("new")]) == bar.new, bar.year
        assert sum(r.value for r in opened[bar.key("existing")]) == bar.existing, bar.year
        assert len(opened[bar.key("new")]) == bar.new_customers, bar.year
    for point in data.retention_by_year:
        assert len(opened[point.key()]) == point.buyers, point.year
        assert len(opened[point.key("retained")]) == point.retained, point.year
        assert len(opened[point.key("lost")]) == point.buyers - point.retained, point.year
    for kind in data.pipeline:
        assert sum(r.value for r in opened[kind.key]) == kind.value, kind.kind
    for bucket in data.ltv_buckets:
        assert len(opened[bucket.key]) == bucket.customers, bucket.index
        assert sum(r.value for r in opened[bucket.key]) == bucket.value, bucket.index
    for projection in data.projections:
        assert len(opened[projection.key]) == projection.customers
        assert abs(sum(r.value for r in opened[projection.key]) - projection.total) < Decimal("0.05")


def test_the_dashboard_as_json_has_the_stats_json_keys_and_every_figure(business: Business) -> None:
    data = dashboard_data(TODAY, settings=SETTINGS)

    document = json.loads(json.dumps(dashboard_json(data)))

    assert document["stats"] == headline_stats(TODAY).as_json_dict()
    assert document["revenue_by_year"][-1] == {
        "year": 2025,
        "to_date": True,
        "new": "20000.00",
        "existing": "500.00",
        "new_customers": 1,
        "existing_customers": 2,
        "key": "revenue_year:2025",
    }
    assert document["retention_by_year"][-1]["rate"] == 0.6667
    assert [p["total"] for p in document["projections"]] == ["25551.45", "25943.18"]
    assert [p["without_retention"] for p in document["projections"]] == ["86666.67", "130000.00"]
    assert [w["key"] for w in document["warnings"]] == list(figures.WARNING_KEYS)


def test_the_words_cover_every_headline_number() -> None:
    assert list(HEADLINE_LABELS) == list(HEADLINE_ONE_LINERS) == list(EXPLANATIONS)
    assert set(HEADLINE_FIGURES) >= set(EXPLANATIONS)
    for sentence in (*HEADLINE_ONE_LINERS.values(), *FIGURE_EXPLANATIONS.values()):
        assert sentence.endswith("."), sentence


@pytest.mark.usefixtures("db")
def test_an_empty_database_has_an_empty_dashboard() -> None:
    data = dashboard_data(TODAY, settings=SETTINGS)

    assert [bar.year for bar in data.revenue_by_year] == [2025]
    assert [(p.year, p.buyers, p.rate) for p in data.retention_by_year] == [(2023, 0, 0)]
    assert all(bucket.customers == 0 for bucket in data.ltv_buckets)
    assert all(p.total == 0 and p.per_customer == 0 for p in data.projections)
    assert data.warnings == ()
    assert data.spoken_share == 0
    assert customers_behind("not_contacted_12_months", TODAY) == []


def test_progress_is_reported_and_cancel_stops_it(business: Business) -> None:
    seen: list[tuple[int, int]] = []
    dashboard_data(TODAY, settings=SETTINGS, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] and len(seen) > 3
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    with pytest.raises(Cancelled):
        dashboard_data(TODAY, settings=SETTINGS, cancel=lambda: True)


@pytest.mark.parametrize(
    ("key", "parsed"),
    [
        ("bought_last_3_years", FigureKey("bought_last_3_years")),
        ("revenue_year:2024:new", FigureKey("revenue_year", year=2024, part="new")),
        ("retention_year:2024", FigureKey("retention_year", year=2024)),
        ("pipeline:replacement", FigureKey("pipeline", part="replacement")),
        ("ltv_bucket:3", FigureKey("ltv_bucket", number=3)),
        ("projection:15", FigureKey("projection", number=15)),
        ("plans_lapsing", FigureKey("plans_lapsing")),
    ],
)
def test_figure_keys(key: str, parsed: FigureKey) -> None:
    assert parse_figure_key(key) == parsed


@pytest.mark.parametrize(
    "key",
    [
        "",
        "nonsense",
        "revenue_year",
        "revenue_year:x",
        "revenue_year:2024:old",
        "ltv_bucket:7",
        "projection:12",
    ],
)
def test_an_unknown_figure_key_is_refused_in_plain_words(key: str) -> None:
    with pytest.raises(UserError, match="There is no figure"):
        parse_figure_key(key)
