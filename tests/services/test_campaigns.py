"""Campaigns: the audience and who it leaves out, printing it together, marking it sent, the results."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from app.domain.campaigns import ATTRIBUTION_DAYS, AudienceCriteria
from app.domain.errors import UserError
from app.persistence import campaigns as repository
from app.persistence.tables import CampaignRecipient, Customer, Opportunity, Sale, ServicePlan, Site, Touch
from app.services import campaigns
from app.services.demo import build_demo
from app.services.documents.letters import DEFAULT_WINDOWS
from app.services.opportunities import recompute_opportunities
from tests.services.test_mailings import DAY, TODAY, Shop, assert_greetings_sound, page_texts, window_texts

RENEWALS = AudienceCriteria(kind="renewal", due_from=TODAY, due_to=TODAY + 60 * DAY)


@pytest.fixture
def shop(db) -> Shop:
    return Shop()


def _renewal_customers(shop: Shop, *names: str) -> dict[str, int]:
    ids = {}
    for number, name in enumerate(names):
        ids[name] = shop.customer(name, "Hill", postal=f"2120{number}")
        shop.plan(ids[name], TODAY + (20 + number) * DAY)
    return ids


# ---------------------------------------------------------------- the audience


def test_the_preview_counts_who_is_left_out_and_why(shop: Shop) -> None:
    people = _renewal_customers(shop, "Ann", "Bob", "Carol", "Dan", "Eve")
    Customer.update(do_not_mail=True).where(Customer.id == people["Bob"]).execute()
    Customer.update(do_not_service=True).where(Customer.id == people["Carol"]).execute()
    Site.delete().where(Site.customer == people["Dan"]).execute()
    preview = campaigns.preview_audience(RENEWALS, TODAY)
    assert (preview.included, preview.excluded) == (2, 3)
    assert preview.by_reason == {"asked not to be mailed": 1, "do not service": 1, "no mailing address": 1}
    assert [r.name for r in preview.sample] == ["Ann Hill", "Eve Hill"]


def test_the_marketing_gap_is_worded_with_the_days_and_the_limit(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.opportunity(ann, "upgrade", equipment=shop.furnace(shop.billing_site(ann)))
    shop.touch(ann, TODAY - 12 * DAY)
    preview = campaigns.preview_audience(AudienceCriteria(kind="upgrade"), TODAY)
    assert preview.included == 0
    assert [e.reason for e in preview.excluded_sample] == [
        "contacted for marketing 12 days ago (limit: one every 30 days)"
    ]
    assert preview.by_reason == {"contacted for marketing too recently": 1}


def test_the_criteria_narrow_the_audience(shop: Shop) -> None:
    towson = shop.customer("Ann", "Smith", segment=shop.retiree)
    shop.furnace(shop.billing_site(towson))
    shop.touch(towson, TODAY - 400 * DAY, marketing=False)
    baltimore = shop.customer("Bob", "Jones", city="Baltimore", postal="21230")
    shop.touch(baltimore, TODAY - 5 * DAY, marketing=False)
    callers_only = shop.customer("Carol", "Baker", do_not_mail=True, postal="21231")

    def who(**criteria: object) -> list[int]:
        preview = campaigns.preview_audience(AudienceCriteria(**criteria), TODAY)
        return sorted(r.customer_id for r in preview.sample)

    assert who() == [towson, baltimore]
    assert who(segment="retiree") == [towson]
    assert who(equipment_kind="furnace") == [towson]
    assert who(city="baltimore") == [baltimore]
    assert who(postal_prefix="2123") == [baltimore]
    assert who(last_contact_before=TODAY - 30 * DAY) == [towson]
    assert who(last_contact_after=TODAY - 30 * DAY) == [baltimore]
    assert who(channel="call") == [towson, baltimore, callers_only]
    with pytest.raises(UserError, match="Channel"):
        who(channel="fax")
    with pytest.raises(UserError, match="before the start"):
        who(due_from=TODAY, due_to=TODAY - DAY)


# ---------------------------------------------------------------- printing and sending


def test_a_customer_who_refuses_mail_after_the_campaign_was_made_gets_nothing(
    shop: Shop, tmp_path: Path
) -> None:
    people = _renewal_customers(shop, "Ann", "Bob")
    campaign = campaigns.create_campaign("March renewals", RENEWALS, today=TODAY)
    Customer.update(do_not_mail=True).where(Customer.id == people["Bob"]).execute()
    results = campaigns.print_campaign(campaign, tmp_path, today=TODAY)
    assert set(results) == {"letters", "labels"}
    assert results["letters"].path == tmp_path / "March-renewals-letters.pdf"
    assert [lines[0] for lines in window_texts(results["letters"].path)] == ["Ann Hill"]
    assert "Bob" not in page_texts(results["labels"].path)[0]
    assert campaigns.mark_campaign_sent(campaign, TODAY) == 1
    assert Touch.select().where(Touch.customer == people["Bob"]).count() == 0
    summary = campaigns.get_campaign(campaign)
    assert (summary.recipients, summary.excluded, summary.status) == (1, 1, "sent")


def test_what_was_printed_is_recorded_as_mailed_even_if_a_refusal_comes_in_between(
    shop: Shop, tmp_path: Path
) -> None:
    people = _renewal_customers(shop, "Ann", "Bob")
    campaign = campaigns.create_campaign("March renewals", RENEWALS, today=TODAY)
    campaigns.print_campaign(campaign, tmp_path, labels=False, today=TODAY)
    Customer.update(do_not_mail=True).where(
        Customer.id == people["Bob"]
    ).execute()  # the letter is in the post
    assert campaigns.mark_campaign_sent(campaign, TODAY) == 2
    assert Touch.select().where(Touch.customer == people["Bob"], Touch.campaign == campaign).count() == 1
    assert campaigns.preview_audience(RENEWALS, TODAY).by_reason == {"asked not to be mailed": 1}


def test_an_address_that_cannot_be_printed_is_not_recorded_as_mailed(shop: Shop, tmp_path: Path) -> None:
    people = _renewal_customers(shop, "Ann", "Bob")
    Site.update(region="Atlantis").where(Site.customer == people["Bob"]).execute()
    campaign = campaigns.create_campaign("Renewals", RENEWALS, today=TODAY)
    results = campaigns.print_campaign(campaign, tmp_path, today=TODAY)
    assert results["letters"].printed == 1 and "not a US state" in results["letters"].exceptions[0].reason
    campaigns.mark_campaign_sent(campaign, TODAY)
    excluded = CampaignRecipient.get(CampaignRecipient.customer == people["Bob"])
    assert not excluded.included and excluded.exclusion_reason.startswith("could not be printed: ")
    assert campaigns.campaign_results(campaign).excluded_by_reason == {"could not be printed": 1}


def test_marking_sent_records_one_touch_per_recipient_once(shop: Shop) -> None:
    people = _renewal_customers(shop, "Ann", "Bob")
    campaign = campaigns.create_campaign("Renewals", RENEWALS, today=TODAY)
    assert campaigns.mark_campaign_sent(campaign, TODAY) == 2
    touches = list(Touch.select().where(Touch.campaign == campaign).order_by(Touch.customer))
    assert [t.customer_id for t in touches] == [people["Ann"], people["Bob"]]
    assert {(t.channel, t.is_marketing, t.outcome, t.happened_at.date()) for t in touches} == {
        ("mail", False, "sent", TODAY)  # a renewal looks after what they have: not marketing
    }
    assert touches[0].reason == "Renewals: Comfort Club ends March 23, 2026"
    with pytest.raises(UserError, match="already"):
        campaigns.mark_campaign_sent(campaign, TODAY)
    assert Touch.select().where(Touch.campaign == campaign).count() == 2


def test_marking_sent_is_all_or_nothing(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    _renewal_customers(shop, "Ann", "Bob")
    campaign = campaigns.create_campaign("Renewals", RENEWALS, today=TODAY)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(CampaignRecipient, "update", broken)  # fails after the touches were written
    with pytest.raises(RuntimeError):
        campaigns.mark_campaign_sent(campaign, TODAY)
    assert Touch.select().count() == 0 and campaigns.get_campaign(campaign).sent_on is None


def test_a_marketing_campaign_counts_against_the_gap_afterwards(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.opportunity(ann, "upgrade", equipment=shop.furnace(shop.billing_site(ann)))
    campaign = campaigns.create_campaign("Upgrades", AudienceCriteria(kind="upgrade"), today=TODAY)
    campaigns.mark_campaign_sent(campaign, TODAY)
    assert Touch.get(Touch.campaign == campaign).is_marketing
    assert Opportunity.get(Opportunity.customer == ann).campaign_id == campaign
    later = campaigns.preview_audience(AudienceCriteria(kind="upgrade"), TODAY + 29 * DAY)
    assert (
        later.included == 0
        and campaigns.preview_audience(AudienceCriteria(kind="upgrade"), TODAY + 30 * DAY).included == 1
    )


def test_a_call_campaign_prints_a_call_sheet_without_those_who_refuse_calls(
    shop: Shop, tmp_path: Path
) -> None:
    ann = shop.customer("Ann", "Smith")
    shop.opportunity(ann, "upgrade", equipment=shop.furnace(shop.billing_site(ann)))
    bob = shop.customer("Bob", "Jones", do_not_call=True)
    shop.opportunity(bob, "upgrade", equipment=shop.furnace(shop.billing_site(bob)))
    campaign = campaigns.create_campaign(
        "Upgrade calls", AudienceCriteria(kind="upgrade"), "call", today=TODAY
    )
    results = campaigns.print_campaign(
        campaign, tmp_path, letters=False, labels=False, callsheet=True, today=TODAY
    )
    text = page_texts(results["callsheet"].path)[0]
    assert "Ann Smith" in text and "(410) 555-0101" in text and "Bob" not in text
    assert "Furnace installed May 2006" in text
    # Calls are logged one by one as they are made: marking the campaign sent invents none.
    assert campaigns.mark_campaign_sent(campaign, TODAY) == 0 and Touch.select().count() == 0
    assert campaigns.get_campaign(campaign).sent_on == TODAY


# ---------------------------------------------------------------- results


def test_sales_and_wins_are_attributed_by_the_stated_rule(shop: Shop) -> None:
    people = _renewal_customers(shop, "Ann", "Bob", "Carol", "Dan")
    outsider = shop.customer("Eve", "Stone")
    campaign = campaigns.create_campaign("Renewals", RENEWALS, today=TODAY)
    campaigns.mark_campaign_sent(campaign, TODAY)
    shop.sale(people["Ann"], TODAY + 10 * DAY, 50_000)  # counted: a recipient, within the window
    shop.sale(people["Bob"], TODAY - DAY, 99_000)  # before the letter went out
    shop.sale(people["Carol"], TODAY + (ATTRIBUTION_DAYS + 1) * DAY, 99_000)  # too late
    shop.sale(outsider, TODAY + 5 * DAY, 99_000)  # not a recipient
    shop.sale(outsider, TODAY + 6 * DAY, 20_000, campaign=campaign)  # names the campaign: counted
    won = shop.opportunity(people["Dan"], "renewal", value=17_900, status="won")
    Opportunity.update(status_changed_on=TODAY + 20 * DAY).where(Opportunity.id == won).execute()
    results = campaigns.campaign_results(campaign)
    assert (results.recipients, results.sales, results.won_opportunities, results.responses) == (4, 2, 1, 3)
    assert results.sales_total == Decimal("700.00") and results.revenue == Decimal("879.00")
    assert results.response_rate == pytest.approx(3 / 4)


def test_a_won_opportunity_recorded_by_its_sale_is_counted_once(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    opportunity = shop.opportunity(
        ann, "upgrade", equipment=shop.furnace(shop.billing_site(ann)), value=700_000
    )
    campaign = campaigns.create_campaign("Upgrades", AudienceCriteria(kind="upgrade"), today=TODAY)
    campaigns.mark_campaign_sent(campaign, TODAY)
    Opportunity.update(status="won", status_changed_on=TODAY + 9 * DAY).where(
        Opportunity.id == opportunity
    ).execute()
    shop.sale(ann, TODAY + 9 * DAY, 650_000, opportunity=opportunity)
    results = campaigns.campaign_results(campaign)
    assert (results.sales, results.won_opportunities, results.responses) == (1, 1, 1)
    assert results.revenue == Decimal("6500.00")  # the sale, not the sale plus the estimate


def test_the_latest_campaign_before_a_sale_gets_it(shop: Shop) -> None:
    ann = shop.customer("Ann", "Smith")
    first = campaigns.create_campaign("Winter", AudienceCriteria(), today=TODAY)
    campaigns.mark_campaign_sent(first, TODAY)
    second = campaigns.create_campaign("Spring", AudienceCriteria(), today=TODAY + 40 * DAY)
    campaigns.mark_campaign_sent(second, TODAY + 40 * DAY)
    shop.sale(ann, TODAY + 50 * DAY, 30_000)
    assert campaigns.campaign_results(first).sales == 0 and campaigns.campaign_results(second).sales == 1
    assert [c.name for c in campaigns.list_campaigns()] == ["Spring", "Winter"]


def test_a_campaign_with_nobody_to_reach_is_refused(shop: Shop) -> None:
    shop.customer("Bob", "Jones", do_not_mail=True)
    with pytest.raises(UserError, match="Nobody"):
        campaigns.create_campaign("Everyone", AudienceCriteria(), today=TODAY)
    with pytest.raises(UserError, match="name"):
        campaigns.create_campaign("  ", AudienceCriteria(), today=TODAY)


# ---------------------------------------------------------------- the demo business, end to end


def _assert_ink_in_the_window_only(path: Path) -> None:
    """Look at the first letter as a picture: the address shows in the window, and the strip of paper
    between the letterhead's rule and the window is blank (nothing was drawn out of place)."""
    scale = 2.0  # pixels per point
    with pdfplumber.open(path) as pdf:
        image = pdf.pages[0].to_image(resolution=72 * scale).original.convert("L")
    window = DEFAULT_WINDOWS["letter"]

    def dark_pixels(left: float, top: float, right: float, bottom: float) -> int:
        crop = image.crop(tuple(round(v * scale) for v in (left, top, right, bottom)))
        return sum(crop.histogram()[:128])

    right = window.left + window.width
    assert dark_pixels(window.left, window.top, right, window.top + window.height) > 200
    assert dark_pixels(window.left, window.top - 0.3 * 72, right, window.top - 2) == 0


def test_the_renewal_campaign_on_the_demo_business_end_to_end(db, tmp_path: Path) -> None:
    build_demo(customers=600, seed=3, today=TODAY)
    recompute_opportunities(today=TODAY)
    next_month = AudienceCriteria(
        kind="renewal", due_from=datetime.date(2026, 4, 1), due_to=datetime.date(2026, 4, 30)
    )
    preview = campaigns.preview_audience(next_month, TODAY)
    due = (
        ServicePlan.select(ServicePlan.customer)
        .where(ServicePlan.status == "active", ServicePlan.auto_renew == False,  # noqa: E712
               ServicePlan.ends_on.between(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)))
        .distinct().count()
    )  # fmt: skip
    assert preview.included > 0 and preview.included + preview.excluded == due
    campaign = campaigns.create_campaign("April renewals", next_month, today=TODAY)
    progress: list[tuple[int, int]] = []
    results = campaigns.print_campaign(
        campaign, tmp_path, today=TODAY, progress=lambda d, t: progress.append((d, t))
    )
    assert progress[-1][0] == progress[-1][1]
    letters, labels = results["letters"], results["labels"]
    assert letters.printed == labels.printed == preview.included and not letters.exceptions
    # Every name exact, as a person writes it, inside the envelope window; and on a label.
    recipients = CampaignRecipient.select().where(
        CampaignRecipient.campaign == campaign, CampaignRecipient.included
    )
    expected = []
    for recipient in recipients:
        customer = Customer.get_by_id(recipient.customer_id)
        expected.append(
            " ".join(p for p in (customer.first_name, customer.last_name) if p) or customer.company
        )
    windows = window_texts(letters.path)
    assert sorted(lines[0] for lines in windows) == sorted(expected)
    assert all(len(lines) >= 3 for lines in windows)  # name, street, city line: all inside the window
    assert_greetings_sound(page_texts(letters.path))
    _assert_ink_in_the_window_only(letters.path)
    with pdfplumber.open(labels.path) as pdf:
        label_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert all(name in label_text for name in expected)
    # Sent: a touch each. Later a recipient buys: the campaign shows it.
    assert campaigns.mark_campaign_sent(campaign, TODAY) == len(expected)
    assert Touch.select().where(Touch.campaign == campaign, Touch.channel == "mail").count() == len(expected)
    buyer = recipients[0].customer_id
    Sale.create(customer=buyer, sold_on=TODAY + 21 * DAY, total_cents=21_900, description="Plan renewal")
    results_now = campaigns.campaign_results(campaign)
    assert results_now.sales == 1 and results_now.revenue >= Decimal("219.00")
    assert results_now.response_rate == pytest.approx(results_now.responses / len(expected))
    assert repository.exclusion_counts(campaign) == [] or results_now.excluded_by_reason


def test_no_campaign_goes_by_e_mail_the_app_cannot_send(db) -> None:
    """An e-mail campaign once recorded 31 contacts that nobody received: the channel is not offered."""
    from app.domain.campaigns import CAMPAIGN_CHANNELS, AudienceCriteria
    from app.domain.errors import UserError
    from app.services.campaigns import create_campaign

    assert "email" not in CAMPAIGN_CHANNELS
    with pytest.raises(UserError) as refused:
        create_campaign("News", AudienceCriteria(), "email")
    assert refused.value.field == "channel" and "no e-mail" in refused.value.message
