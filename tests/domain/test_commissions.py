"""Commission maths at the edges, the terms a referral falls under, consent, and statement arithmetic."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain.errors import UserError
from app.domain.partner_ledger import LedgerEntry, PartnerDetails, build_statement
from app.domain.partners import (
    PartnerDraft,
    ReferralDraft,
    Terms,
    allocate,
    commission_for,
    consent_to_share,
    parse_job_money,
    terms_for,
)

D = Decimal
TODAY = datetime.date(2025, 6, 15)


def pct(rate: str, cap: str | None = None, basis: str = "job_value", **more: object) -> Terms:
    return Terms(basis=basis, rate=D(rate), cap=None if cap is None else D(cap), **more).validated()


@pytest.mark.parametrize(
    ("rate", "value", "expected"),
    [
        ("15", "333.33", "50.00"),  # 49.9995 rounds half up to the cent
        ("10", "0.25", "0.03"),  # 0.025: half up, not to even (which would give 0.02)
        ("12.5", "0.20", "0.03"),  # 0.025 again, from a fractional rate
        ("15", "0.03", "0.00"),  # 0.0045 rounds down
        ("0", "5000.00", "0.00"),
        ("100", "123.45", "123.45"),
        ("13", "5390.00", "700.70"),
        ("33.33", "100.00", "33.33"),
    ],
)
def test_a_percentage_of_the_job_value_is_rounded_half_up_to_the_cent(
    rate: str, value: str, expected: str
) -> None:
    amount, _ = commission_for(pct(rate), D(value), None)
    assert amount == D(expected)
    assert amount.as_tuple().exponent == -2


def test_a_cap_limits_the_commission_after_rounding_and_says_so() -> None:
    amount, note = commission_for(pct("15", cap="2500"), D("20000.00"), None)
    assert amount == D("2500.00")
    assert note == "15% of $20,000.00, capped at $2,500.00"


def test_a_commission_exactly_at_the_cap_is_not_called_capped() -> None:
    amount, note = commission_for(pct("10", cap="1500"), D("15000.00"), None)
    assert amount == D("1500.00")
    assert "capped" not in note


def test_just_over_the_cap_by_rounding_is_capped() -> None:
    # 10 % of 15,000.05 is 1,500.005, which rounds to 1,500.01: one cent over the cap.
    amount, note = commission_for(pct("10", cap="1500"), D("15000.05"), None)
    assert amount == D("1500.00")
    assert "capped" in note


def test_a_share_of_the_profit_uses_the_profit_and_a_loss_earns_nothing() -> None:
    terms = pct("20", basis="profit")
    assert commission_for(terms, D("10000.00"), D("2500.00"))[0] == D("500.00")
    assert commission_for(terms, D("10000.00"), D("-300.00"))[0] == D("0.00")
    with pytest.raises(UserError) as refused:
        commission_for(terms, D("10000.00"), None)
    assert refused.value.field == "profit"


def test_a_fixed_fee_ignores_the_job_value_but_not_the_cap() -> None:
    fee = Terms(basis="fixed", fixed_fee=D("150"), cap=D("100")).validated()
    assert commission_for(Terms(basis="fixed", fixed_fee=D("150")).validated(), D("99999"), None)[0] == D(
        "150.00"
    )
    assert commission_for(fee, D("0"), None) == (D("100.00"), "Fixed fee $150.00, capped at $100.00")


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("100.01", "over 100%"),
        ("150", "over 100%"),
        ("-1", "cannot be negative"),
        ("12.345", "two decimals"),
        ("ten", "not a percentage"),
        ("NaN", "not a percentage"),
    ],
)
def test_a_bad_rate_is_refused_naming_the_field(rate: str, message: str) -> None:
    with pytest.raises(UserError) as refused:
        PartnerDraft("Summit Roofing", terms=Terms(rate=rate)).validated()  # type: ignore[arg-type]
    assert refused.value.field == "rate"
    assert message in refused.value.message


def test_a_rate_is_read_as_people_write_it() -> None:
    draft = PartnerDraft(" Summit  Roofing ", terms=Terms(rate="12.5 %")).validated()  # type: ignore[arg-type]
    assert draft.business == "Summit Roofing"
    assert draft.terms.rate == D("12.50")
    assert draft.terms.rate_bp == 1250
    assert draft.terms.describe() == "12.5% of the job value"
    from_a_spin_box = PartnerDraft("Summit Roofing", terms=Terms(rate=0.1)).validated()  # type: ignore[arg-type]
    assert from_a_spin_box.terms.rate == D("0.10")


def test_bad_terms_by_job_type_name_their_field() -> None:
    twice = (Terms(job_type="Roof repair"), Terms(job_type="roof REPAIR"))
    with pytest.raises(UserError, match="twice"):
        PartnerDraft("Summit Roofing", job_terms=twice).validated()
    with pytest.raises(UserError) as refused:
        PartnerDraft("Summit Roofing", job_terms=(Terms(job_type="Roof repair", rate=D("101")),)).validated()
    assert refused.value.field == "job_terms.rate"
    assert "Roof repair" in refused.value.message
    with pytest.raises(UserError) as refused:
        PartnerDraft("Summit Roofing", terms=Terms(cap=D("0"))).validated()
    assert refused.value.field == "cap"
    with pytest.raises(UserError) as refused:
        PartnerDraft("  ").validated()
    assert refused.value.field == "business"


def test_a_negative_job_value_is_refused_and_a_loss_is_not() -> None:
    with pytest.raises(UserError) as refused:
        parse_job_money("-10", None)
    assert refused.value.field == "job_value"
    assert refused.value.message == "Job value cannot be negative."
    assert parse_job_money("1,000.00", "(200)") == (D("1000.00"), D("-200.00"))
    with pytest.raises(UserError) as refused:
        parse_job_money("1000", "1000.01")
    assert refused.value.field == "profit"


def test_terms_for_a_job_type_beat_the_default_in_their_direction_only() -> None:
    default = pct("15", cap="2500")
    bathroom = pct("10", cap="1500", job_type="Bathroom remodel")
    inspections = pct("5", job_type="Inspection", direction="from_partner")
    job_terms = (bathroom, inspections)
    assert terms_for(default, job_terms, "bathroom REMODEL", "to_partner") == bathroom
    assert terms_for(default, job_terms, "Kitchen remodel", "to_partner") == default
    assert terms_for(default, job_terms, "Inspection", "to_partner") == default
    assert terms_for(default, job_terms, "Inspection", "from_partner") == inspections
    one_way = pct("15", direction="from_partner")
    assert terms_for(one_way, (), "Anything", "to_partner") is None


def test_a_payment_is_shared_oldest_first_and_may_stop_part_way() -> None:
    owed = [(1, D("100.00")), (2, D("50.00")), (3, D("25.00"))]
    assert allocate(D("120.00"), owed) == [(1, D("100.00")), (2, D("20.00"))]
    assert allocate(D("175.00"), owed) == [(1, D("100.00")), (2, D("50.00")), (3, D("25.00"))]
    assert allocate(D("0.01"), owed) == [(1, D("0.01"))]


@pytest.mark.parametrize(
    ("share", "on", "allowed", "words"),
    [
        (False, None, False, "has not agreed"),
        (False, datetime.date(2025, 1, 1), False, "has not agreed"),
        (True, None, False, "never recorded"),
        (True, datetime.date(2025, 6, 2), False, "after this referral"),
        (True, datetime.date(2025, 6, 1), True, "on Jun 1, 2025"),
        (True, datetime.date(2020, 1, 1), True, "agreed"),
    ],
)
def test_details_go_to_a_partner_only_with_dated_consent_given_before(
    share: bool, on: datetime.date | None, allowed: bool, words: str
) -> None:
    granted, why = consent_to_share(share, on, datetime.date(2025, 6, 1))
    assert granted is allowed
    assert words in why


def test_a_referral_draft_refuses_what_cannot_be() -> None:
    day = datetime.date(2025, 6, 1)
    with pytest.raises(UserError) as refused:
        ReferralDraft(1, "to_partner", day).validated(TODAY)
    assert refused.value.field == "customer_id"
    with pytest.raises(UserError) as refused:
        ReferralDraft(1, "from_partner", TODAY + datetime.timedelta(days=1)).validated(TODAY)
    assert refused.value.field == "referred_on"
    with pytest.raises(UserError) as refused:
        ReferralDraft(1, "to_partner", day, customer_id=5, consent_given_on=TODAY).validated(TODAY)
    assert refused.value.field == "consent_given_on"
    with pytest.raises(UserError) as refused:
        ReferralDraft(1, "sideways", day).validated(TODAY)
    assert refused.value.field == "direction"
    assert (
        ReferralDraft(1, "from_partner", day, job_type="  Roof   repair ").validated(TODAY).job_type
        == "Roof repair"
    )


PARTNER = PartnerDetails(1, "Summit Roofing", "Roofer", "Bill", "", "", "", "10% of the job value")


def entry(on: str, direction: str, referral: int, commission: str = "0", payment: str = "0") -> LedgerEntry:
    value = None if payment != "0" else D("1000.00")
    return LedgerEntry(
        datetime.date.fromisoformat(on),
        direction,
        referral,
        "Customer",
        "Job",
        value,
        "",
        D(commission),
        D(payment),
    )


def test_a_statement_carries_the_opening_balance_and_adds_up_line_by_line() -> None:
    entries = [
        entry("2025-01-10", "to_partner", 1, commission="100.00"),
        entry("2025-02-01", "to_partner", 1, payment="40.00"),  # before the period: opening 60
        entry("2025-03-05", "to_partner", 2, commission="250.00"),
        entry("2025-03-05", "to_partner", 1, payment="60.00"),  # same day: the commission comes first
        entry("2025-03-20", "from_partner", 3, commission="75.50"),
        entry("2025-04-02", "to_partner", 2, payment="100.00"),  # after the period: left out
    ]
    statement = build_statement(
        PARTNER, entries, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), TODAY
    )
    ours = statement.owed_to_us
    assert ours.opening_balance == D("60.00")
    assert [(line.commission, line.payment, line.balance) for line in ours.lines] == [
        (D("250.00"), D("0"), D("310.00")),
        (D("0"), D("60.00"), D("250.00")),
    ]
    assert (ours.total_commission, ours.total_payments, ours.closing_balance) == (
        D("250.00"),
        D("60.00"),
        D("250.00"),
    )
    assert ours.opening_balance + ours.total_commission - ours.total_payments == ours.closing_balance
    theirs = statement.we_owe
    assert (theirs.opening_balance, theirs.closing_balance, len(theirs.lines)) == (D("0"), D("75.50"), 1)
    # Two balances, each settled on its own: the statement never sets one against the other.
    assert [section.closing_balance for section in statement.sections] == [D("250.00"), D("75.50")]


def test_a_statement_without_a_start_has_every_line_and_no_opening_balance() -> None:
    entries = [
        entry("2020-01-01", "to_partner", 1, commission="10.00"),
        entry("2021-01-01", "to_partner", 1, payment="10.00"),
    ]
    statement = build_statement(PARTNER, entries, None, TODAY, TODAY)
    assert statement.owed_to_us.opening_balance == 0
    assert len(statement.owed_to_us.lines) == 2
    assert statement.owed_to_us.closing_balance == 0
    with pytest.raises(UserError):
        build_statement(PARTNER, entries, TODAY, datetime.date(2025, 1, 1), TODAY)
