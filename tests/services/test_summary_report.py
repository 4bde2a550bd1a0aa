"""The one-page summary PDF: every figure on it, on the paper of the settings, written safely."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import dashboard as figures
from app.domain import dashboard_text, formatting
from app.domain.dashboard import DashboardData, YearTotals
from app.domain.errors import UserError
from app.domain.settings import BusinessSettings
from app.domain.stats import HeadlineStats, ProjectionBase
from app.persistence.tables import Customer, Sale, Touch
from app.services.dashboard import dashboard_data
from app.services.summary_report import render_summary

TODAY = datetime.date(2025, 6, 15)
SETTINGS = BusinessSettings(company_name="Chesapeake Comfort <b>Heating</b> & Cooling")


RETENTION = Decimal("0.4321")
# 567 recent buyers with 30,000 of sales in 3 years and 1,000 of plans a year: 11,000 a year today.
BASE = ProjectionBase(567, 3_000_000, 100_000)
# Two furnaces overdue since 2020 (life 10, 5,000 each): replaced in 2025, and again in 2035.
EQUIPMENT = [figures.ReplacementGroup(life=10, price_cents=500_000, installed_year=2010, units=2)]
PROJECTIONS = figures.projections(BASE, RETENTION, TODAY.year, EQUIPMENT)


def hand_built() -> DashboardData:
    """A dashboard with round, recognisable numbers (no database)."""
    stats = HeadlineStats(
        customers=1234,
        bought_last_3_years=567,
        spoken_to_last_30_days=89,
        not_contacted_12_months=321,
        lifetime_value_total=Decimal("987654.32"),
        average_lifetime_value=Decimal("800.37"),
        projected_value_10_years=PROJECTIONS[0].total,
        retention_rate=RETENTION,
        repeat_revenue_share=Decimal("0.6543"),
        top_customer_share=Decimal("0.2468"),
        open_opportunities=42,
        open_opportunity_value=Decimal("13579.00"),
        commission_owed_to_us=Decimal("246.80"),
        commission_we_owe=Decimal("135.79"),
    )
    years = [
        YearTotals(2023, 5_000_000, 1_000_000, 300, 100, 120),
        YearTotals(2024, 6_000_000, 1_500_000, 320, 110, 0),
        YearTotals(2025, 2_500_000, 500_000, 150, 40, 0),
    ]
    top = [figures.TopCustomer(7, "Wang Wei 王伟 <i>&amp;</i>", 300_000)]
    return DashboardData(
        today=TODAY,
        stats=stats,
        revenue_by_year=figures.revenue_by_year(TODAY, years),
        retention_by_year=figures.retention_by_year(TODAY, years),
        pipeline=figures.pipeline([("replacement", 12, 9_000_000), ("renewal", 30, 456_700)]),
        ltv_buckets=figures.ltv_buckets(1234, [(1, 400, 8_000_000), (4, 100, 70_000_000)]),
        projections=PROJECTIONS,
        warnings=(
            *figures.concentration_warnings(top, 1_000_000, 0.2),
            *figures.plans_lapsing_warning([1, 2], 2, 38_000),
        ),
    )


def pdf_text(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, " ".join((page.extract_text() or "") for page in reader.pages)


def test_the_summary_shows_every_figure_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"

    render_summary(hand_built(), out, SETTINGS)

    reader, words = pdf_text(out)
    assert len(reader.pages) == 1
    assert f"summary as of {formatting.long_date(TODAY)}" in words  # "December 2, 2026", month first
    assert " %" not in words  # a share is written "15.7%"
    for expected in (
        "1,234",  # customers
        "567",  # bought in the last 3 years
        "89",  # spoken to
        "15.7%",  # 89 of 567
        "321",  # not contacted
        "$987,654.32",
        "$800.37",
        "43.2%",  # retention
        "65.4%",
        "24.7%",
        "$13,579.00",
        "$246.80",
        "$135.79",
    ):
        assert expected in words, expected
    for label, line in zip(
        dashboard_text.HEADLINE_LABELS.values(), dashboard_text.HEADLINE_ONE_LINERS.values(), strict=True
    ):
        assert label in words and line in words, label
    # The projection: 11,000 a year × (1 + r + … + r⁹) = × 1.760474: 17,604.74 of spend + 1,760.47 of
    # plans = 19,365.21, the headline's own: in the headline, in the table and in the sum written out
    # under it; per customer / 567 = 34.15. Over 15 years (× 1.760867) only 19,369.54; without
    # retention it would be 110,000.
    assert words.count("$19,365.21") == 3
    assert "$34.15" in words and "$19,369.54" in words and "$110,000.00" in words
    # Replacements apart: 2 furnaces × 5,000 this year; in 15 years again in 2035 at × r¹⁰.
    assert "$10,000.00" in words and "$10,002.27" in words
    assert "How it is worked out" in words and "× (1 + r + r² + … + r⁹)" in words
    # The warnings, with the customer's name drawn as text, in its own script.
    assert "Wang Wei 王伟 <i>&amp;</i> brought in 30% of the last 12 months' sales" in words
    assert "2 service plans ($380.00 a year) run out this month" in words
    # The charts: their titles, years, pairs of years, kinds and buckets.
    for expected in (
        "Revenue by year",
        "Retention",
        "23",
        "24",
        "25*",
        "23→24",
        "replacement (12)",
        "$5k–10k",
    ):
        assert expected in words, expected


def test_company_text_is_printed_as_written_not_as_markup(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"

    render_summary(hand_built(), out, SETTINGS)

    _, words = pdf_text(out)
    assert "Chesapeake Comfort <b>Heating</b> & Cooling" in words


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_the_page_is_the_paper_of_the_settings(tmp_path: Path, paper: str, size: tuple[int, int]) -> None:
    out = tmp_path / "summary.pdf"

    render_summary(hand_built(), out, BusinessSettings(paper_size=paper))

    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_the_file_appears_only_when_complete(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"the previous summary")

    render_summary(hand_built(), out, SETTINGS)

    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary file left behind
    with pytest.raises(UserError, match="does not exist"):
        render_summary(hand_built(), tmp_path / "missing" / "summary.pdf", SETTINGS)


def test_a_new_business_with_nothing_yet_still_prints(tmp_path: Path, db: object) -> None:
    out = tmp_path / "summary.pdf"

    render_summary(dashboard_data(TODAY, settings=SETTINGS), out, SETTINGS)

    reader, words = pdf_text(out)
    assert len(reader.pages) == 1
    assert "No open opportunities yet." in words
    assert "Nothing needs attention right now." in words


def test_the_summary_of_a_database_matches_its_dashboard(tmp_path: Path, db: object) -> None:
    big = Customer.create(display_name="Ольга Петрова")
    small = Customer.create(display_name="Bob Baker")
    Sale.create(customer=big, sold_on=datetime.date(2025, 3, 1), total_cents=900_000)
    Sale.create(customer=small, sold_on=datetime.date(2024, 3, 1), total_cents=50_000)
    Sale.create(customer=small, sold_on=datetime.date(2025, 3, 1), total_cents=100_000)
    Touch.create(customer=small, channel="call", happened_at=datetime.datetime(2025, 6, 1, 9))
    out = tmp_path / "summary.pdf"
    data = dashboard_data(TODAY, settings=SETTINGS)

    render_summary(data, out, SETTINGS)

    _, words = pdf_text(out)
    assert "Ольга Петрова brought in 90% of the last 12 months' sales" in words  # 9,000 of 10,000
    assert "$10,500.00" in words  # lifetime value: 9,000 + 500 + 1,000
    assert "50%" in words  # Bob of the 2 recent buyers was spoken to
