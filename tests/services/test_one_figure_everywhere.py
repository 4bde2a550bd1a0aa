"""Issue 13, money that agrees: a headline figure shown in several places is one figure, shown one way.

On a demo business: `python -m app stats --json`, the dashboard and the printed summary give the same
projected value (worked out with the measured retention, so below the 100 %-retention figure), and
the other headline numbers read the same wherever they are shown.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain import clock
from app.domain.money import format_money
from app.domain.settings import BusinessSettings
from app.domain.stats import MONEY_FIELDS, RATE_FIELDS
from app.persistence.db import close_database, open_database
from app.services import partners as partner_service
from app.services.dashboard import customers_behind, dashboard_data, dashboard_json
from app.services.demo import build_demo
from app.services.stats import headline_stats
from app.services.summary_report import render_summary

SETTINGS = BusinessSettings()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agree") / "demo.sqlite3"
    open_database(path)
    try:
        build_demo(customers=300, seed=3)
    finally:
        close_database()
    return path


@pytest.fixture
def opened(demo: Path):
    yield open_database(demo)
    close_database()


def cli_stats(demo: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["--db", str(demo), "stats", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def summary_words(tmp_path: Path) -> str:
    out = tmp_path / "summary.pdf"
    render_summary(dashboard_data(clock.today(), settings=SETTINGS), out, SETTINGS)
    return " ".join(page.extract_text() or "" for page in PdfReader(out).pages)


def test_stats_the_dashboard_and_the_summary_show_one_projected_value(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    printed = cli_stats(demo, capsys)["projected_value_10_years"]
    open_database(demo)
    try:
        today = clock.today()
        data = dashboard_data(today, settings=SETTINGS)
        ten = data.projection(10)
        words = summary_words(tmp_path)
        document = dashboard_json(data)
    finally:
        close_database()

    assert Decimal(printed) == data.stats.projected_value_10_years == ten.total
    assert document["stats"]["projected_value_10_years"] == document["projections"][0]["total"] == printed
    # In the summary's headline list, in its projection table and in the sum written out under it.
    assert words.count(format_money(ten.total)) == 3
    # Retention is counted: less than if every recent buyer kept buying, and by the measured rate.
    assert 0 < data.stats.retention_rate < 1
    assert ten.value.retention == data.stats.retention_rate
    assert ten.total < ten.value.without_retention
    assert abs(ten.value.without_retention - ten.value.yearly * 10) < Decimal("0.05")  # yearly is rounded
    # The replacements due are shown apart and never added into the projected value.
    assert ten.from_replacements > 0 and ten.total == ten.from_spend + ten.from_plans


def test_every_headline_number_reads_the_same_in_stats_and_on_the_summary(
    opened: object, tmp_path: Path
) -> None:
    stats = headline_stats(clock.today())
    words = summary_words(tmp_path)

    for key in (*MONEY_FIELDS, *RATE_FIELDS, "customers", "open_opportunities"):
        assert stats.text(key) in words, key


def test_figures_worked_out_in_two_places_agree(opened: object) -> None:
    today = clock.today()
    data = dashboard_data(today, settings=SETTINGS)
    stats = data.stats
    ledger = partner_service.ledger_summary(today)

    assert (ledger.owed_to_us, ledger.we_owe) == (stats.commission_owed_to_us, stats.commission_we_owe)
    assert partner_service.commission_totals() == (stats.commission_owed_to_us, stats.commission_we_owe)
    assert data.retention_by_year[-1].rate == stats.retention_rate
    assert sum(kind.value for kind in data.pipeline) == stats.open_opportunity_value
    assert sum(kind.count for kind in data.pipeline) == stats.open_opportunities
    assert sum(bucket.value for bucket in data.ltv_buckets) == stats.lifetime_value_total
    assert sum(row.value for row in customers_behind("lifetime_value_total", today)) == (
        stats.lifetime_value_total
    )
    owed = customers_behind("commission_owed_to_us", today)
    assert sum(row.value for row in owed) <= stats.commission_owed_to_us  # a referral may have no customer
    behind = customers_behind("projected_value_10_years", today)
    assert len(behind) == stats.bought_last_3_years
    # Each customer is rounded to the cent on their own: the list adds up to the figure within that.
    assert abs(sum(row.value for row in behind) - stats.projected_value_10_years) <= Decimal("0.01") * len(
        behind
    )
