"""The Partners page shows what a partner owes us and what we owe them apart, overdue included."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.domain.customers import CustomerDraft
from app.domain.partners import PartnerDraft, ReferralDraft, Terms
from app.services import customers as customer_service
from app.services import partners as partner_service

WON_ON = datetime.date(2026, 9, 1)  # the tests' today is 2 December 2026: due 1 October, so overdue


def _both_ways() -> int:
    partner = partner_service.save_partner(
        PartnerDraft(business="Bayside Remodeling", trade="Remodeler", terms=Terms(rate=Decimal("10")))
    )
    for direction, value, name in (("to_partner", "1500", "Ann"), ("from_partner", "600", "Bob")):
        customer = customer_service.add_customer(CustomerDraft(first_name=name, last_name="Smith"))
        outcome = partner_service.record_referral(
            ReferralDraft(partner, direction, WON_ON, customer, "Kitchen remodel"), today=WON_ON
        )
        partner_service.update_referral_status(outcome.referral_id, "won", job_value=value, today=WON_ON)
    return partner


def _cells(page) -> dict[str, str]:
    model = page.partners
    return {
        model.headerData(c, Qt.Orientation.Horizontal): model.data(model.index(0, c))
        for c in range(model.columnCount())
    }


def test_each_direction_has_its_own_balance_and_overdue_column(qtbot, window) -> None:
    _both_ways()  # they owe us 150, we owe them 60, both overdue
    window.show_page("partners")
    page = window.partners_page
    page.load()

    cells = _cells(page)
    assert cells["Owes us"] == "$150.00" and cells["Owes us, overdue"] == "$150.00"
    assert cells["We owe"] == "$60.00" and cells["We owe, overdue"] == "$60.00"
    assert "$210.00" not in cells.values() and "$90.00" not in cells.values()  # never added nor netted
    summary = page.summary.text()
    assert "Partners owe us $150.00 ($150.00 overdue)" in summary
    assert "We owe partners $60.00 ($60.00 overdue)" in summary
    assert [b.objectName() for b in page.findChildren(QPushButton)].count("delete_partner") == 1
    # The ledger's dates leave out the year only when it is this one (the tests' clock: 2026).
    page.partner_view.selectRow(0)
    referrals = page.referrals
    columns = {referrals.headerData(c, Qt.Orientation.Horizontal): c for c in range(referrals.columnCount())}
    row = [
        (
            referrals.data(referrals.index(r, columns["Referred"])),
            referrals.data(referrals.index(r, columns["Due"])),
        )
        for r in range(referrals.rowCount())
    ]
    assert row == [("Sep 1", "Oct 1"), ("Sep 1", "Oct 1")]
