"""Recording a referral and the payment that settles it, as the owner does on the Partners page."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from app.domain.customers import CustomerDraft
from app.domain.partners import PartnerDraft, ReferralDraft, Terms
from app.services import customers as customer_service
from app.services import partners as partner_service
from tests.ui.helpers import click_save, when_dialog_opens


def _setup() -> tuple[int, int]:
    partner_id = partner_service.save_partner(
        PartnerDraft(business="Bayside Remodeling", trade="Remodeler", terms=Terms(rate=Decimal("10")))
    )
    customer_id = customer_service.add_customer(
        CustomerDraft(
            first_name="Ann",
            last_name="Smith",
            share_with_partners=True,
            share_consent_on=datetime.date(2025, 1, 2),
        )
    )
    return partner_id, customer_id


def test_record_a_referral_then_a_payment(qtbot, window, monkeypatch) -> None:
    partner_id, customer_id = _setup()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _title, text: told.append(text))
    window.show_page("partners")
    page = window.partners_page
    assert page.partners.rowCount() == 1
    page.partner_view.selectRow(0)

    def pick_customer(picker: QWidget) -> None:
        picker.search.setText("Smith")
        picker.find_now()
        picker.matches.setCurrentRow(0)
        when_dialog_opens(click_save)  # the referral form: "we send this customer" is the default
        picker.choose_button.click()

    when_dialog_opens(pick_customer)
    page.record_referral()
    referrals = partner_service.list_referrals(partner_id=partner_id)
    assert [(r.customer_id, r.direction, r.status) for r in referrals] == [
        (customer_id, "to_partner", "referred")
    ]
    assert "disclosure is logged" in told[0]
    assert len(partner_service.list_disclosures(customer_id=customer_id)) == 1

    page.referral_view.selectRow(0)

    def won(dialog: QWidget) -> None:
        dialog.editors["status"].setCurrentIndex(dialog.editors["status"].findData("won"))
        dialog.editors["job_value"].setText("24,000.00")
        click_save(dialog)

    when_dialog_opens(won)
    page.update_status()
    assert partner_service.list_referrals(partner_id=partner_id)[0].commission == Decimal("2400.00")
    assert "Partners owe us $2,400.00" in page.summary.text()

    page.referral_view.selectRow(0)

    def part_payment(dialog: QWidget) -> None:
        dialog.editors["amount"].setText("900")
        dialog.editors["method"].setText("Check 1042")
        click_save(dialog)

    when_dialog_opens(part_payment)
    page.record_payment()
    referral = partner_service.list_referrals(partner_id=partner_id)[0]
    assert referral.paid == Decimal("900.00") and referral.status == "won"
    assert "Partners owe us $1,500.00" in page.summary.text()


def test_a_payment_larger_than_owed_is_refused_and_nothing_changes(qtbot, window, monkeypatch) -> None:
    partner_id, customer_id = _setup()
    referral = partner_service.record_referral(
        ReferralDraft(
            partner_id=partner_id,
            direction="to_partner",
            referred_on=datetime.date(2025, 3, 1),
            customer_id=customer_id,
        )
    )
    partner_service.update_referral_status(referral.referral_id, "won", "1000")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: warnings.append(text))
    window.show_page("partners")
    page = window.partners_page
    page.partner_view.selectRow(0)
    page.referral_view.selectRow(0)

    def too_much(dialog: QWidget) -> None:
        dialog.editors["amount"].setText("150")
        click_save(dialog)

    when_dialog_opens(too_much)
    page.record_payment()
    assert warnings and "more than" in warnings[0].lower()
    assert partner_service.list_referrals(partner_id=partner_id)[0].paid == Decimal("0.00")


def test_referral_report_shows_income_cost_and_loyalty(qtbot, window) -> None:
    from app.services.demo import build_demo

    build_demo(customers=200, seed=4)
    window.show_page("partners")
    page = window.partners_page
    with qtbot.waitSignal(window.runner.job_ended, timeout=20_000):
        page.show_report()
    text = page.report_dialog.findChild(QWidget, "referralReport").toPlainText()
    assert "By partner" in text and "By trade" in text and "By year" in text
    assert "stay and buy again" in text
    assert any(p.business[:33] in text for p in partner_service.list_partners())
    close = page.report_dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    close.click()  # a window of its own, with its Close button
    assert not page.report_dialog.isVisible()
