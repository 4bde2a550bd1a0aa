"""A renewal campaign from the Campaigns page: audience with exclusions counted, create, mark as sent."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain import clock
from app.domain.campaigns import AudienceCriteria
from app.domain.customers import CustomerDraft
from app.domain.records import PlanDraft, SiteDraft
from app.services import campaigns as campaign_service
from app.services import customers as customer_service
from app.services import records as record_service
from app.services.opportunities import recompute_opportunities
from tests.ui.helpers import click_button, click_save, when_dialog_opens

DAY = datetime.timedelta(days=1)


def _plan_ending(first_name: str, ends_in_days: int, **consent: bool) -> int:
    """A customer whose yearly plan ends soon: a renewal is due (notice opens 45 days before the end)."""
    customer_id = customer_service.add_customer(
        CustomerDraft(first_name=first_name, last_name="Hill", **consent)
    )
    site_id = record_service.add_record(
        SiteDraft(customer_id, street="12 Elm St", city="Towson", postal_code="21204", is_billing=True)
    )
    ends_on = clock.today() + ends_in_days * DAY
    record_service.add_record(
        PlanDraft(customer_id, "Comfort Club", ends_on - 365 * DAY, ends_on, price="189", site_id=site_id)
    )
    return customer_id


def test_create_a_renewal_campaign_then_mark_it_sent(qtbot, window, message_boxes) -> None:
    # The premise, made here rather than hoped for from a demo built on today's date: four renewals
    # are due, and one of them asked not to be mailed.
    for number, name in enumerate(("Ann", "Bob", "Carol")):
        _plan_ending(name, 10 + number)
    _plan_ending("Dan", 20, do_not_mail=True)
    recompute_opportunities()
    premise = campaign_service.preview_audience(AudienceCriteria(kind="renewal", channel="mail"))
    assert (premise.included, premise.excluded) == (3, 1), "the renewals this test is about are not due"
    window.show_page("campaigns")
    page = window.campaigns_page
    seen: dict[str, str] = {}

    def confirm_create(box: QMessageBox) -> None:
        seen["preview"] = box.text()
        click_button(box, "Create")

    def fill(dialog: QWidget) -> None:
        dialog.form.editors["kind"].setCurrentIndex(dialog.form.editors["kind"].findData("renewal"))
        dialog.form.editors["due_from"].setText("")
        dialog.form.editors["due_to"].setText("")
        # The preview's confirmation comes after the audience is found.
        when_dialog_opens(confirm_create, QMessageBox)
        click_save(dialog)

    when_dialog_opens(fill)
    page.new_campaign()
    qtbot.waitUntil(lambda: "preview" in seen and not window.runner.busy, timeout=20_000)
    assert "3 customers will get it; 1 is left out" in seen["preview"]
    assert "asked not to be mailed: 1" in seen["preview"]
    qtbot.waitUntil(lambda: page.campaigns.rowCount() == 1, timeout=10_000)
    campaign = page.campaigns.row_object(0)
    assert (campaign.recipients, campaign.excluded) == (3, 1)
    assert campaign.name.startswith("Renewals due")

    page.view.selectRow(0)
    when_dialog_opens(lambda box: click_button(box, "Mark as sent"), QMessageBox)
    page.mark_sent()
    assert message_boxes[-1][1:] == ("Sent", "3 contacts recorded.")
    assert campaign_service.get_campaign(campaign.id).sent_on == clock.today()
    assert "3 recipients; 0 responded (0%)" in page.results.text()
