"""A renewal campaign from the Campaigns page: audience with exclusions counted, create, mark as sent."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services import campaigns as campaign_service
from app.services.demo import build_demo
from app.services.opportunities import recompute_opportunities
from tests.ui.test_daily_work import click_button, click_save, when_dialog_opens


def test_create_a_renewal_campaign_then_mark_it_sent(qtbot, window, message_boxes) -> None:
    build_demo(customers=300, seed=2)
    recompute_opportunities()
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
        when_dialog_opens(confirm_create)  # the preview's confirmation comes after the audience is found
        click_save(dialog)

    when_dialog_opens(fill)
    page.new_campaign()
    qtbot.waitUntil(lambda: "preview" in seen and not window.runner.busy, timeout=20_000)
    qtbot.waitUntil(lambda: page.campaigns.rowCount() == 1, timeout=10_000)
    campaign = page.campaigns.row_object(0)
    assert "will get it" in seen["preview"]
    assert campaign.recipients > 0
    assert campaign.name.startswith("Renewals due")

    page.view.selectRow(0)
    when_dialog_opens(lambda box: click_button(box, "Mark as sent"))
    page.mark_sent()
    assert message_boxes[-1][1] == "Sent"
    assert campaign_service.get_campaign(campaign.id).sent_on is not None
    assert "recipient" in page.results.text()
