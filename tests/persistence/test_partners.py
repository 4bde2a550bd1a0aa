"""Partners, referrals both ways, consent, payments and the ledger, on a real database file."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain.errors import UserError
from app.domain.partners import PartnerDraft, ReferralDraft, Terms
from app.persistence.tables import Customer, Disclosure, Partner, Referral, ReferralPayment, Sale, Site
from app.services import partners as service
from app.services.demo import build_demo
from app.services.stats import headline_stats

D = Decimal
TODAY = datetime.date(2025, 6, 15)
DAY = datetime.date(2025, 5, 1)
pytestmark = pytest.mark.usefixtures("db")


def customer(name: str, *, consent: datetime.date | None = None, source: str = "") -> int:
    last, first = name.split(", ")
    made = Customer.create(
        first_name=first, last_name=last, display_name=name, phone="+14105550123", source=source,
        share_with_partners=consent is not None, share_consent_on=consent,
    )  # fmt: skip
    Site.create(
        customer=made, street="12 Elm St", city="Towson", region="MD", postal_code="21204", is_billing=True
    )
    return made.id


def keystone(**changes: object) -> int:
    draft = PartnerDraft(
        "Keystone Kitchen & Bath",
        trade="Remodeler",
        phone="410-555-0199",
        terms=Terms(rate=D("15"), cap=D("2500")),
        job_terms=(Terms(rate=D("10"), cap=D("1500"), job_type="Bathroom remodel"),),
    )
    return service.save_partner(PartnerDraft(**{**draft.__dict__, **changes}))


def refer(partner: int, who: int | None, direction: str = "to_partner", job: str = "Kitchen remodel") -> int:
    outcome = service.record_referral(ReferralDraft(partner, direction, DAY, who, job), today=TODAY)
    return outcome.referral_id


def won(partner: int, value: str, job: str = "Kitchen remodel", direction: str = "to_partner") -> int:
    referral = refer(partner, customer("Won, Wendy", consent=DAY), direction, job)
    service.update_referral_status(referral, "won", job_value=value, today=DAY)
    return referral


def state(referral: int) -> tuple[str, Decimal, Decimal]:
    row = service.list_referrals(partner_id=Referral.get_by_id(referral).partner_id)
    match = next(r for r in row if r.id == referral)
    return match.status, match.commission, match.owed


# ---------------------------------------------------------------- partners


def test_a_partner_is_saved_with_terms_and_listed_with_zero_balances() -> None:
    partner = keystone()
    draft = service.get_partner(partner)
    assert draft.phone == "+14105550199"
    assert draft.terms.cap == D("2500.00")
    assert [t.job_type for t in draft.job_terms] == ["Bathroom remodel"]
    (row,) = service.list_partners()
    assert (row.business, row.terms, row.owed_to_us, row.we_owe) == (
        "Keystone Kitchen & Bath",
        "15% of the job value, at most $2,500.00",
        D("0.00"),
        D("0.00"),
    )


def test_a_rate_over_100_percent_or_a_second_partner_of_the_same_name_stores_nothing() -> None:
    with pytest.raises(UserError) as refused:
        service.save_partner(PartnerDraft("Summit Roofing", terms=Terms(rate=D("120"))))
    assert refused.value.field == "rate"
    keystone()
    with pytest.raises(UserError) as refused:
        service.save_partner(PartnerDraft("keystone kitchen & BATH"))
    assert refused.value.field == "business"
    assert Partner.select().count() == 1


def test_changed_terms_replace_the_old_ones() -> None:
    partner = keystone()
    draft = service.get_partner(partner)
    service.save_partner(PartnerDraft(**{**draft.__dict__, "job_terms": ()}))
    assert service.get_partner(partner).job_terms == ()


def test_resolve_partner_takes_an_id_or_part_of_the_name() -> None:
    partner = keystone()
    service.save_partner(PartnerDraft("Keystone Plumbing"))
    assert service.resolve_partner(str(partner)) == partner
    assert service.resolve_partner("kitchen") == partner
    assert service.resolve_partner("Keystone Kitchen & Bath") == partner
    with pytest.raises(UserError, match="several"):
        service.resolve_partner("keystone")
    with pytest.raises(UserError, match="No partner"):
        service.resolve_partner("Nobody")


def test_a_partner_is_not_removed_while_money_is_owed_and_kept_inactive_with_history() -> None:
    partner = keystone()
    referral = won(partner, "1000")
    with pytest.raises(UserError, match=r"still owed: Keystone Kitchen & Bath owes you \$150.00\. Settle"):
        service.delete_partner(partner)
    assert Partner.get_by_id(partner).active
    service.save_partner(PartnerDraft(**{**service.get_partner(partner).__dict__, "active": False}))
    assert [r.owed_to_us for r in service.list_partners()] == [D("150.00")]  # inactive, but still owing
    service.record_payment(referral_id=referral, amount="150", paid_on=TODAY, today=TODAY)
    assert service.delete_partner(partner) == "deactivated"
    assert service.list_partners() == []
    assert [r.business for r in service.list_partners(include_inactive=True)] == ["Keystone Kitchen & Bath"]
    assert Referral.select().count() == 1 and Disclosure.select().count() == 1
    unused = service.save_partner(PartnerDraft("Summit Roofing"))
    assert service.delete_partner(unused) == "deleted"
    assert not Partner.select().where(Partner.id == unused).exists()


# ---------------------------------------------------------------- consent


def test_without_consent_nothing_is_disclosed_and_a_letter_is_asked_for() -> None:
    partner = keystone()
    who = customer("Shy, Sam")
    outcome = service.record_referral(
        ReferralDraft(partner, "to_partner", DAY, who, "Kitchen remodel"), today=TODAY
    )
    assert outcome.introduction_letter and not outcome.disclosed
    assert "has not agreed" in outcome.message
    assert Disclosure.select().count() == 0
    letter = service.introduction_letter(outcome.referral_id)
    assert letter.customer_name == "Shy, Sam"
    assert letter.mailing_address == ("12 Elm St", "Towson, MD 21204")
    assert letter.partner.business == "Keystone Kitchen & Bath"
    slip = service.referral_slip(outcome.referral_id)
    assert not slip.details_shared and slip.customer_phone == "" and slip.customer_address == ()


def test_with_dated_consent_the_disclosure_is_logged_and_the_slip_carries_the_details() -> None:
    partner = keystone()
    who = customer("Open, Olga", consent=datetime.date(2024, 1, 1))
    outcome = service.record_referral(
        ReferralDraft(partner, "to_partner", DAY, who, "Bathroom remodel"), today=TODAY
    )
    assert outcome.disclosed and not outcome.introduction_letter
    (logged,) = service.list_disclosures(customer_id=who)
    assert (logged.partner_id, logged.referral_id) == (partner, outcome.referral_id)
    assert logged.what == "Name, phone number and service address"
    slip = service.referral_slip(outcome.referral_id)
    assert slip.details_shared
    assert (slip.customer_phone, slip.customer_address) == ("+14105550123", ("12 Elm St", "Towson, MD 21204"))
    assert slip.terms == "10% of the job value, at most $1,500.00"


def test_consent_given_on_the_spot_is_recorded_on_the_customer_with_its_date() -> None:
    partner = keystone()
    who = customer("Shy, Sam")
    version = Customer.get_by_id(who).version
    draft = ReferralDraft(partner, "to_partner", DAY, who, consent_given_on=DAY)
    assert service.record_referral(draft, today=TODAY).disclosed
    after = Customer.get_by_id(who)
    assert (after.share_with_partners, after.share_consent_on, after.version) == (True, DAY, version + 1)


def test_consent_recorded_without_a_date_or_after_the_referral_is_not_consent() -> None:
    partner = keystone()
    undated = Customer.get_by_id(customer("Vague, Val"))
    undated.share_with_partners = True
    undated.save()
    later = customer("Late, Lou", consent=TODAY)
    for who in (undated.id, later):
        outcome = service.record_referral(ReferralDraft(partner, "to_partner", DAY, who), today=TODAY)
        assert outcome.introduction_letter
    assert Disclosure.select().count() == 0


def test_a_referral_from_a_partner_becomes_the_customers_source() -> None:
    partner = keystone()
    fresh, known = customer("New, Nina"), customer("Old, Otto", source="Yard sign")
    for who in (fresh, known):
        outcome = service.record_referral(ReferralDraft(partner, "from_partner", DAY, who), today=TODAY)
        assert not outcome.disclosed and not outcome.introduction_letter
    assert (Customer.get_by_id(fresh).source, Customer.get_by_id(fresh).referred_by_id) == (
        "Referral: Keystone Kitchen & Bath",
        partner,
    )
    assert (Customer.get_by_id(known).source, Customer.get_by_id(known).referred_by_id) == (
        "Yard sign",
        partner,
    )
    assert Disclosure.select().count() == 0


# ---------------------------------------------------------------- commission and payments


def test_winning_works_out_the_commission_from_the_job_type_terms_with_the_cap() -> None:
    partner = keystone()
    referral = won(partner, "20000", job="Bathroom remodel")
    row = service.list_referrals(partner_id=partner)[0]
    assert (row.status, row.commission, row.commission_note) == (
        "won",
        D("1500.00"),
        "10% of $20,000.00, capped at $1,500.00",
    )
    assert (row.won_on, row.due_on) == (DAY, DAY + datetime.timedelta(days=30))
    assert state(won(partner, "333.33"))[1] == D("50.00")  # 15 % of 333.33, rounded half up
    service.update_referral_status(referral, "won", job_value="9000", today=TODAY)
    assert state(referral)[1] == D("900.00")


def test_a_negative_job_value_or_profit_above_value_is_refused_and_nothing_changes() -> None:
    referral = refer(keystone(), customer("Kay, Kim", consent=DAY))
    for value, profit, field in (
        ("-1", None, "job_value"),
        ("100", "101", "profit"),
        ("0", None, "job_value"),
    ):
        with pytest.raises(UserError) as refused:
            service.update_referral_status(referral, "won", job_value=value, profit=profit, today=TODAY)
        assert refused.value.field == field
    assert state(referral) == ("referred", D("0.00"), D("0.00"))


def test_partial_payments_then_one_too_many_then_settled() -> None:
    referral = won(keystone(), "1000")  # 150.00
    outcome = service.record_payment(
        referral_id=referral, amount="100", paid_on=TODAY, method="Check", today=TODAY
    )
    assert outcome.settled == ()
    assert state(referral) == ("won", D("150.00"), D("50.00"))
    with pytest.raises(UserError) as refused:
        service.record_payment(referral_id=referral, amount="50.01", paid_on=TODAY, today=TODAY)
    assert refused.value.field == "amount"
    assert "more than the $50.00 still owed" in refused.value.message
    assert ReferralPayment.select().count() == 1
    assert service.record_payment(referral_id=referral, amount="50", paid_on=TODAY, today=TODAY).settled == (
        referral,
    )
    assert state(referral) == ("paid", D("150.00"), D("0.00"))
    with pytest.raises(UserError, match="nothing is owed"):
        service.record_payment(referral_id=referral, amount="1", paid_on=TODAY, today=TODAY)


def test_a_payment_on_an_open_referral_in_the_future_or_of_nothing_is_refused() -> None:
    referral = refer(keystone(), customer("Kay, Kim", consent=DAY))
    cases = (
        (referral, "10", TODAY, "amount"),
        (referral, "0", TODAY, "amount"),
        (referral, "x", TODAY, "amount"),
    )
    for rid, amount, on, field in (*cases, (referral, "10", TODAY + datetime.timedelta(days=1), "paid_on")):
        with pytest.raises(UserError) as refused:
            service.record_payment(referral_id=rid, amount=amount, paid_on=on, today=TODAY)
        assert refused.value.field == field
    assert ReferralPayment.select().count() == 0


def test_a_partner_level_payment_settles_the_oldest_first() -> None:
    partner = keystone()
    first, second = won(partner, "1000"), won(partner, "2000")  # 150 and 300, due the same day
    Referral.update(due_on=DAY).where(Referral.id == first).execute()
    with pytest.raises(UserError, match=r"more than the \$450.00 still owed by Keystone"):
        service.record_payment(
            partner_id=partner, direction="to_partner", amount="450.01", paid_on=TODAY, today=TODAY
        )
    outcome = service.record_payment(
        partner_id=partner, direction="to_partner", amount="200", paid_on=TODAY, note="Check #88", today=TODAY
    )
    assert outcome.allocations == ((first, D("150.00")), (second, D("50.00")))
    assert outcome.settled == (first,)
    assert [p.note for p in service.list_payments(partner_id=partner)] == ["Check #88 (part of $200.00)"] * 2
    with pytest.raises(UserError, match="nothing is owed to Keystone"):
        service.record_payment(
            partner_id=partner, direction="from_partner", amount="1", paid_on=TODAY, today=TODAY
        )


def test_edits_after_payment_keep_what_was_paid_and_reopen_what_is_owed() -> None:
    referral = won(keystone(), "1000")
    service.record_payment(referral_id=referral, amount="150", paid_on=TODAY, today=TODAY)
    with pytest.raises(UserError) as refused:
        service.update_referral_status(referral, "won", job_value="900", today=TODAY)  # 135 < 150 paid
    assert refused.value.field == "job_value"
    with pytest.raises(UserError) as refused:
        service.update_referral_status(referral, "lost", today=TODAY)
    assert refused.value.field == "status"
    assert state(referral) == ("paid", D("150.00"), D("0.00"))
    service.update_referral_status(referral, "won", job_value="1200", today=TODAY)
    assert state(referral) == ("won", D("180.00"), D("30.00"))
    with pytest.raises(UserError, match=r"\$30.00 is still owed"):
        service.update_referral_status(referral, "paid", today=TODAY)


def test_a_commission_changed_by_hand_needs_a_reason_survives_a_new_job_value_and_can_go_back() -> None:
    referral = won(keystone(), "1000")
    service.record_payment(referral_id=referral, amount="100", paid_on=TODAY, today=TODAY)
    with pytest.raises(UserError) as refused:
        service.override_commission(referral, "120", "  ", today=TODAY)
    assert refused.value.field == "reason"
    with pytest.raises(UserError) as refused:
        service.override_commission(referral, "99.99", "goodwill", today=TODAY)
    assert refused.value.field == "commission"
    row = service.override_commission(referral, "100", "Agreed discount on a repeat client", today=TODAY)
    assert (row.status, row.commission, row.overridden) == ("paid", D("100.00"), True)
    assert row.override_reason == "Agreed discount on a repeat client (was $150.00, changed Jun 15, 2025)"
    service.update_referral_status(referral, "won", job_value="5000", today=TODAY)
    assert state(referral) == ("paid", D("100.00"), D("0.00"))
    row = service.override_commission(referral, None, "", today=TODAY)
    assert (row.status, row.commission, row.overridden) == ("won", D("750.00"), False)


def test_a_payment_taken_back_is_owed_again() -> None:
    referral = won(keystone(), "1000")
    service.record_payment(referral_id=referral, amount="150", paid_on=TODAY, today=TODAY)
    (payment,) = service.list_payments(referral_id=referral)
    service.delete_payment(payment.id)
    assert state(referral) == ("won", D("150.00"), D("150.00"))


# ---------------------------------------------------------------- the ledger


def test_the_statement_totals_match_the_partner_list_and_the_headline_stats() -> None:
    partner = keystone()
    a, b = won(partner, "1000"), won(partner, "2000")  # 150 + 300 owed to us
    c = won(partner, "400", direction="from_partner")  # 60 we owe
    service.record_payment(referral_id=a, amount="150", paid_on=TODAY, today=TODAY)
    service.record_payment(referral_id=b, amount="120", paid_on=TODAY, today=TODAY)
    service.record_payment(referral_id=c, amount="10", paid_on=TODAY, today=TODAY)
    statement = service.partner_ledger(partner, today=TODAY)
    (row,) = service.list_partners(today=TODAY)
    assert (statement.owed_to_us.closing_balance, statement.we_owe.closing_balance) == (
        row.owed_to_us,
        row.we_owe,
    )
    assert (row.owed_to_us, row.we_owe) == (D("180.00"), D("50.00"))
    assert service.commission_totals() == (row.owed_to_us, row.we_owe)
    stats = headline_stats(TODAY)
    assert (stats.commission_owed_to_us, stats.commission_we_owe) == service.commission_totals()
    period = service.partner_ledger(partner, start=TODAY, end=TODAY, today=TODAY)
    assert period.owed_to_us.opening_balance == D("450.00")  # earned before the period, paid in it
    assert period.owed_to_us.total_payments == D("270.00")
    assert period.owed_to_us.closing_balance == statement.owed_to_us.closing_balance


def test_what_they_owe_us_and_what_we_owe_them_are_two_balances_never_added_up() -> None:
    partner = keystone()
    won(partner, "1000")  # they owe us 150, due 30 days after DAY: overdue by TODAY
    won(partner, "400", direction="from_partner")  # we owe them 60, overdue as well

    (row,) = service.list_partners(today=TODAY)
    assert (row.owed_to_us, row.overdue_to_us) == (D("150.00"), D("150.00"))
    assert (row.we_owe, row.overdue_we_owe) == (D("60.00"), D("60.00"))
    summary = service.ledger_summary(TODAY)
    assert (summary.owed_to_us, summary.overdue_to_us) == (D("150.00"), D("150.00"))
    assert (summary.we_owe, summary.overdue_we_owe) == (D("60.00"), D("60.00"))
    assert sorted((item.direction, item.owed) for item in summary.overdue) == [
        ("from_partner", D("60.00")),
        ("to_partner", D("150.00")),
    ]
    statement = service.partner_ledger(partner, today=TODAY)
    assert (statement.owed_to_us.closing_balance, statement.we_owe.closing_balance) == (
        D("150.00"),
        D("60.00"),
    )
    with pytest.raises(UserError) as refused:
        service.delete_partner(partner)
    message = str(refused.value)
    assert "Keystone Kitchen & Bath owes you $150.00 and you owe Keystone Kitchen & Bath $60.00" in message
    assert "$210.00" not in message and "$90.00" not in message  # neither added nor set off
    # Paying what we owe settles our side only; what they owe us is untouched.
    service.record_payment(
        partner_id=partner, direction="from_partner", amount="60", paid_on=TODAY, today=TODAY
    )
    (row,) = service.list_partners(today=TODAY)
    assert (row.owed_to_us, row.overdue_to_us, row.we_owe, row.overdue_we_owe) == (
        D("150.00"),
        D("150.00"),
        D("0.00"),
        D("0.00"),
    )


def test_the_summary_shows_overdue_items_oldest_first() -> None:
    partner = keystone()
    referral = won(partner, "1000")  # won DAY, due 30 days later
    summary = service.ledger_summary(DAY + datetime.timedelta(days=30))
    assert (summary.owed_to_us, summary.overdue_to_us, summary.overdue) == (D("150.00"), D("0.00"), ())
    summary = service.ledger_summary(DAY + datetime.timedelta(days=45))
    (item,) = summary.overdue
    assert (item.referral_id, item.days_overdue, item.owed) == (referral, 15, D("150.00"))
    assert [p.business for p in summary.partners] == ["Keystone Kitchen & Bath"]


def test_the_report_counts_income_cost_and_whether_referred_customers_buy_again() -> None:
    partner = keystone()
    won(partner, "1000")  # income 150 in 2025
    loyal, once = customer("Loyal, Lee"), customer("Once, Ona")
    for who in (loyal, once):
        service.record_referral(ReferralDraft(partner, "from_partner", DAY, who), today=TODAY)
    for day in ("2024-06-01", "2025-05-01"):
        Sale.create(customer=loyal, sold_on=datetime.date.fromisoformat(day), total_cents=50_000)
    Sale.create(customer=once, sold_on=datetime.date(2015, 1, 1), total_cents=20_000)
    report = service.referral_report(TODAY)
    (by_partner,) = report.by_partner
    assert (by_partner.sent, by_partner.received, by_partner.won, by_partner.income, by_partner.cost) == (
        1,
        2,
        1,
        D("150.00"),
        D("0.00"),
    )
    assert [t.label for t in report.by_trade] == ["Remodeler"]
    assert [t.label for t in report.by_year] == ["2025"]
    (loyalty,) = report.loyalty
    assert (loyalty.customers, loyalty.bought_again, loyalty.bought_recently, loyalty.sales) == (
        2,
        1,
        1,
        D("1200.00"),
    )
    assert report.everyone.customers == 3


def test_on_the_demo_business_the_ledger_agrees_with_stats_and_a_payment_settles_a_partner() -> None:
    build_demo(customers=500, today=TODAY)
    summary = service.ledger_summary(TODAY)
    stats = headline_stats(TODAY)
    assert (summary.owed_to_us, summary.we_owe) == (stats.commission_owed_to_us, stats.commission_we_owe)
    assert summary.owed_to_us > 0
    for row in service.list_partners(include_inactive=True, today=TODAY):
        statement = service.partner_ledger(row.id, today=TODAY)
        assert (statement.owed_to_us.closing_balance, statement.we_owe.closing_balance) == (
            row.owed_to_us,
            row.we_owe,
        )
    debtor = max(summary.partners, key=lambda r: r.owed_to_us)
    service.record_payment(
        partner_id=debtor.id, direction="to_partner", amount=debtor.owed_to_us, paid_on=TODAY, today=TODAY
    )
    after = next(r for r in service.list_partners(today=TODAY) if r.id == debtor.id)
    assert after.owed_to_us == 0
    assert headline_stats(TODAY).commission_owed_to_us == summary.owed_to_us - debtor.owed_to_us


def test_a_printed_statement_reads_the_us_way(tmp_path) -> None:
    from pypdf import PdfReader

    from app.domain.settings import BusinessSettings
    from app.services.documents.statements import render_statement

    partner = keystone()
    referral = won(partner, "1000")  # 15% of $1,000.00: $150.00
    service.record_payment(
        referral_id=referral, amount="100", paid_on=TODAY, method="Check", note="Check #4417", today=TODAY
    )
    service.record_payment(
        referral_id=referral, amount="50", paid_on=TODAY, method="ACH", note="invoice 12", today=TODAY
    )
    out = tmp_path / "statement.pdf"
    statement = service.partner_ledger(partner, start=datetime.date(2025, 1, 1), end=TODAY, today=TODAY)
    render_statement(statement, out, BusinessSettings(company_name="Comfort", licence_number="MD 84213"))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Payment by Check #4417" in text and "Check Check" not in text  # the method said once
    assert "Payment by ACH; invoice 12" in text
    assert "15% of $1,000.00" in text and " %" not in text
    assert "January 1, 2025 to June 15, 2025" in text and "05/01/2025" in text  # month first
    assert "License MD 84213" in text and "Licence" not in text
