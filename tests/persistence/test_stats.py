"""The headline numbers on a small business whose every number is worked out by hand below."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from app.domain.stats import EXPLANATIONS, HeadlineStats, StatsPeriods, years_before
from app.persistence.stats import customer_lifetime_value, headline_stats
from app.persistence.tables import (
    Customer,
    Opportunity,
    Partner,
    Referral,
    ReferralPayment,
    Sale,
    ServicePlan,
    Touch,
)

TODAY = datetime.date(2025, 6, 15)
# The periods as of TODAY: 3 years back = 2022-06-15, 30 days back = 2025-05-16,
# 365 days back = 2024-06-15; retention compares the 2023 buyers with 2024.


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def customer(name: str, **fields: object) -> Customer:
    return Customer.create(display_name=name, **fields)


def sale(who: Customer, on: str, cents: int) -> None:
    Sale.create(customer=who, sold_on=d(on), total_cents=cents)


def touch(who: Customer, channel: str, at: str) -> None:
    Touch.create(customer=who, channel=channel, happened_at=datetime.datetime.fromisoformat(at))


def plan(who: Customer, cents: int, status: str) -> None:
    ServicePlan.create(
        customer=who,
        name="Comfort club",
        started_on=d("2025-01-01"),
        ends_on=d("2026-01-01"),
        price_cents=cents,
        status=status,
    )


def referral(
    partner: Partner, who: Customer | None, direction: str, status: str, cents: int, *paid: int
) -> None:
    made = Referral.create(
        partner=partner,
        customer=who,
        direction=direction,
        referred_on=d("2025-01-01"),
        status=status,
        commission_cents=cents,
    )
    for amount in paid:
        ReferralPayment.create(referral=made, paid_on=d("2025-02-01"), amount_cents=amount)


def opportunity(who: Customer, status: str, cents: int) -> None:
    key = f"test:{Opportunity.select().count()}"
    Opportunity.create(
        customer=who, kind="check_in", reason="test", value_cents=cents, status=status, trigger_key=key
    )


def build_business() -> None:
    """Eleven customers, A to K; the comments give what each one adds to each number."""
    a, b, c, d_ = (customer(name) for name in "ABCD")
    customer("E", do_not_service=True)
    f, g, h, i, j, k = (customer(name) for name in "FGHIJK")

    # A: recent buyer (its first sale is exactly 3 years ago), bought in 2023 and 2024, repeat revenue.
    sale(a, "2022-06-15", 10_000)
    sale(a, "2023-03-01", 30_000)
    sale(a, "2024-07-01", 60_000)
    touch(a, "call", "2025-05-16 09:00:00")  # exactly 30 days ago: spoken to
    plan(a, 20_000, "active")  # in the projection and the lifetime value
    # B: recent buyer through its 2023 sale; the 2022-06-14 sale is one day too old to be "recent".
    sale(b, "2022-06-14", 100_000)
    sale(b, "2023-05-01", 40_000)
    touch(b, "visit", "2025-05-15 23:59:59")  # 31 days ago: not spoken to, but contacted this year
    plan(b, 15_000, "lapsed")  # lifetime value only
    # C: a new customer this year, the biggest buyer of the last 365 days.
    sale(c, "2025-01-10", 200_000)
    touch(c, "email", "2025-06-01 10:00:00")  # contact, but not spoken
    # D: never bought, last contact 366 days ago: not contacted; an active plan, but not a recent buyer.
    touch(d_, "mail", "2024-06-14 23:00:00")
    plan(d_, 9_000, "active")
    # E: never contacted, but marked do-not-service, so not counted as "not contacted".
    # F: contacted exactly 365 days ago (midnight).
    touch(f, "mail", "2024-06-15 00:00:00")
    # G: bought just before the 365-day window (so a repeat customer) and today.
    sale(g, "2024-06-14", 5_000)
    sale(g, "2025-06-15", 10_000)
    touch(g, "call", "2025-06-15 14:00:00")  # later today: spoken to
    # H: bought on the last day of 2023 and the first day of 2024: retained.
    sale(h, "2023-12-31", 7_000)
    sale(h, "2024-01-01", 3_000)
    touch(h, "in_person", "2025-06-01 12:00:00")
    # I: spoken to recently but never bought: not in spoken_to_last_30_days.
    touch(i, "call", "2025-06-10 11:00:00")
    # J: only sale exactly 3 years ago: a recent buyer. K: only sale 3 years and a day ago: not.
    sale(j, "2022-06-15", 2_000)
    sale(k, "2022-06-14", 3_000)
    touch(j, "mail", "2025-01-01 08:00:00")
    touch(k, "mail", "2025-01-01 08:00:00")

    partner = Partner.create(business="Bright Spark Electric")
    referral(partner, a, "to_partner", "won", 5_000, 1_500, 500)  # owed 3,000; A's value +5,000
    referral(partner, c, "to_partner", "paid", 10_000, 6_000)  # paid, partly: owed 4,000; C +10,000
    referral(partner, c, "to_partner", "paid", 3_000, 5_000)  # overpaid: owed 0, not -2,000; C +3,000
    referral(partner, None, "to_partner", "won", 1_000)  # owed 1,000; no customer's value
    referral(partner, i, "to_partner", "lost", 70_000)  # nothing
    referral(partner, f, "from_partner", "won", 8_000, 3_000)  # we owe 5,000; not F's value
    referral(partner, f, "from_partner", "referred", 99_900)  # not won yet: nothing

    opportunity(a, "open", 12_345)
    opportunity(b, "open", 55)
    opportunity(c, "won", 99_999)
    opportunity(d_, "snoozed", 1_000)


@pytest.mark.usefixtures("db")
def test_every_number_of_a_small_business() -> None:
    build_business()

    stats = headline_stats(TODAY)

    assert stats == HeadlineStats(
        customers=11,
        bought_last_3_years=6,  # A B C G H J
        spoken_to_last_30_days=3,  # A G H
        not_contacted_12_months=1,  # D
        # A 1,250 + B 1,550 + C 2,130 + D 90 + G 150 + H 100 + J 20 + K 30
        lifetime_value_total=Decimal("5320.00"),
        average_lifetime_value=Decimal("665.00"),  # over the 8 customers above
        # (3,670 of sales in 3 years (A 1,000 B 400 C 2,000 G 150 H 100 J 20) / 3 + A's plan 200) a year,
        # shrinking by the retention rate r below: × (1 + r + … + r⁹) = × 2.948244, so
        # 1,223.33 × 2.948244 = 3,606.69 plus 200 × 2.948244 = 589.65 (not 10 × 1,423.33 = 14,233.33).
        projected_value_10_years=Decimal("4196.34"),
        retention_rate=Decimal("0.6667"),  # A B H bought in 2023; A H again in 2024
        repeat_revenue_share=Decimal("0.2593"),  # (A 600 + G 100) / (A 600 + C 2,000 + G 100)
        top_customer_share=Decimal("0.7407"),  # C 2,000 / 2,700
        open_opportunities=2,
        open_opportunity_value=Decimal("124.00"),
        commission_owed_to_us=Decimal("80.00"),  # 30 + 40 + 0 + 10
        commission_we_owe=Decimal("50.00"),
    )


@pytest.mark.usefixtures("db")
def test_each_customers_lifetime_value_adds_up_to_the_headline_total() -> None:
    """The customer screen's figure is the headline's sum for one customer (the same SQL, narrowed)."""
    build_business()
    ids = {row.display_name: row.id for row in Customer.select(Customer.id, Customer.display_name)}
    values = {name: customer_lifetime_value(customer_id) for name, customer_id in ids.items()}
    # A: sales 1,000 + plan 200 + a won referral's 50; C: 2,000 of sales + two paid referrals' 130.
    assert values["A"] == Decimal("1250.00") and values["C"] == Decimal("2130.00")
    assert values["E"] == values["F"] == values["I"] == Decimal("0")  # lost, or their partner's referral
    assert sum(values.values()) == headline_stats(TODAY).lifetime_value_total


@pytest.mark.usefixtures("db")
def test_an_empty_database_is_all_zeros() -> None:
    stats = headline_stats(TODAY)

    assert stats.as_json_dict() == {
        "customers": 0,
        "bought_last_3_years": 0,
        "spoken_to_last_30_days": 0,
        "not_contacted_12_months": 0,
        "lifetime_value_total": "0.00",
        "average_lifetime_value": "0.00",
        "projected_value_10_years": "0.00",
        "retention_rate": 0.0,
        "repeat_revenue_share": 0.0,
        "top_customer_share": 0.0,
        "open_opportunities": 0,
        "open_opportunity_value": "0.00",
        "commission_owed_to_us": "0.00",
        "commission_we_owe": "0.00",
    }


@pytest.mark.usefixtures("db")
def test_three_years_before_a_leap_day_is_the_28th_of_february() -> None:
    assert years_before(d("2024-02-29"), 3) == d("2021-02-28")
    sale(customer("On the day"), "2021-02-28", 100)
    sale(customer("A day early"), "2021-02-27", 100)

    assert headline_stats(d("2024-02-29")).bought_last_3_years == 1


@pytest.mark.usefixtures("db")
def test_later_rows_do_not_count_for_an_earlier_day() -> None:
    late = customer("Late")
    sale(late, "2025-06-16", 50_000)
    touch(late, "call", "2025-06-16 00:00:00")

    stats = headline_stats(TODAY)

    assert (stats.bought_last_3_years, stats.spoken_to_last_30_days, stats.not_contacted_12_months) == (
        0,
        0,
        1,
    )
    assert stats.top_customer_share == 0


@pytest.mark.usefixtures("db")
def test_json_has_the_cli_keys_with_money_as_text_and_rates_as_numbers() -> None:
    build_business()

    document = headline_stats(TODAY).as_json_dict()

    assert list(document) == list(EXPLANATIONS)
    assert document["lifetime_value_total"] == "5320.00"
    assert document["projected_value_10_years"] == "4196.34"
    assert document["retention_rate"] == 0.6667
    assert document["top_customer_share"] == 0.7407
    assert document["customers"] == 11
    rates = {"retention_rate", "repeat_revenue_share", "top_customer_share"}
    counts = {"customers", "bought_last_3_years", "spoken_to_last_30_days", "not_contacted_12_months"}
    counts.add("open_opportunities")
    for key, value in document.items():
        expected = float if key in rates else int if key in counts else str
        assert type(value) is expected, key
    assert json.loads(json.dumps(document)) == document


def test_every_number_is_explained_in_one_sentence() -> None:
    assert set(EXPLANATIONS) == set(HeadlineStats.__dataclass_fields__)
    for key, sentence in EXPLANATIONS.items():
        assert sentence.endswith(".") and sentence.count(". ") == 0, key


def test_the_shorter_periods_lie_inside_the_three_years_read_for_them() -> None:
    day = d("2019-12-25")
    while day < d("2025-01-10"):
        periods = StatsPeriods.ending(day)
        assert periods.recent_buyers_from <= periods.last_year_from <= periods.spoken_from <= day
        assert periods.recent_buyers_from < datetime.date(periods.retention_base_year, 1, 1)
        assert periods.retention_next_year < day.year
        day += datetime.timedelta(days=1)
