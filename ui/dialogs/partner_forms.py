"""The forms of the Partners page: a partner and their terms, a referral, its status, a payment."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.i18n import t
from app.domain.kinds import ReferralDirection, ReferralStatus
from app.domain.money import parse_money
from app.domain.partners import Basis, PartnerDraft, ReferralDraft, Terms, TermsDirection
from ui.dialogs.form_dialog import Field
from ui.dialogs.forms import Form


@dataclass(frozen=True)
class Checked:
    """Form values that validate themselves through `check` (for drafts whose check needs arguments)."""

    values: Any
    check: Any

    def validated(self) -> Any:
        return self.check(self.values)


def status_text(status: str) -> str:
    """A referral's status as the Partners page shows it: "won" / "ganado" (a referral's words, not
    an opportunity's "ganada": Qt's, in the page's context, rather than the app catalog's)."""
    words = {
        ReferralStatus.REFERRED.value: QCoreApplication.translate("PartnersPage", "referred"),
        ReferralStatus.CONTACTED.value: QCoreApplication.translate("PartnersPage", "contacted"),
        ReferralStatus.WON.value: QCoreApplication.translate("PartnersPage", "won"),
        ReferralStatus.LOST.value: QCoreApplication.translate("PartnersPage", "lost"),
        ReferralStatus.PAID.value: QCoreApplication.translate("PartnersPage", "paid"),
    }
    return words.get(status, status)


def partner_form() -> Form:
    fields = [
        Field("business", "Business"),
        Field("trade", "Trade", placeholder="e.g. Remodeler, Carpet cleaner"),
        Field("contact_name", "Contact"),
        Field("phone", "Phone"),
        Field("email", "E-mail"),
        Field("address", "Address", "multiline"),
        Field(
            "basis",
            "Commission on",
            "choice",
            (
                ("The job value", Basis.JOB_VALUE.value),
                ("The profit", Basis.PROFIT.value),
                ("A fixed fee", Basis.FIXED.value),
            ),
        ),
        Field("rate", "Rate (%)", placeholder="e.g. 15"),
        Field("fixed_fee", "Fixed fee", placeholder="e.g. 150.00"),
        Field("cap", "At most (optional)", placeholder="e.g. 1,500.00"),
        Field(
            "direction",
            "These terms apply to",
            "choice",
            (
                ("Referrals both ways", TermsDirection.BOTH.value),
                ("Customers we send them", TermsDirection.TO_PARTNER.value),
                ("Customers they send us", TermsDirection.FROM_PARTNER.value),
            ),
        ),
        Field("notes", "Notes", "multiline"),
        Field("active", "Active", "bool"),
    ]

    def build(values: dict[str, Any]) -> PartnerDraft:
        terms = Terms(
            basis=values.pop("basis"),
            rate=values.pop("rate") or "0",
            fixed_fee=values.pop("fixed_fee") or "0",
            cap=values.pop("cap") or None,
            direction=values.pop("direction"),
        )
        return PartnerDraft(terms=terms, **values)

    return fields, build


def partner_values(draft: PartnerDraft) -> dict[str, Any]:
    terms = draft.terms
    return {
        "business": draft.business,
        "trade": draft.trade,
        "contact_name": draft.contact_name,
        "phone": draft.phone,
        "email": draft.email,
        "address": draft.address,
        "notes": draft.notes,
        "active": draft.active,
        "basis": terms.basis,
        "rate": str(terms.rate),
        "fixed_fee": str(terms.fixed_fee),
        "cap": "" if terms.cap is None else str(terms.cap),
        "direction": terms.direction,
    }


def referral_form(partner_id: int, customer_id: int | None, *, today: datetime.date) -> Form:
    fields = [
        Field(
            "direction",
            "Direction",
            "choice",
            (
                ("We send this customer to the partner (they owe us)", ReferralDirection.TO_PARTNER.value),
                ("The partner sent us this customer (we owe them)", ReferralDirection.FROM_PARTNER.value),
            ),
        ),
        Field("referred_on", "Referred on", "date"),
        Field("job_type", "Job", placeholder="e.g. Kitchen remodel"),
        Field("consent_given_on", "Customer agreed to share details on (optional)", "optional_date"),
        Field("notes", "Notes", "multiline"),
    ]

    def build(values: dict[str, Any]) -> Checked:
        draft = ReferralDraft(partner_id=partner_id, customer_id=customer_id, **values)
        return Checked(draft, lambda d: d.validated(today))

    return fields, build


def status_form() -> Form:
    fields = [
        Field(
            "status",
            "Status",
            "choice",
            [(status_text(s.value).capitalize(), s.value) for s in ReferralStatus],
            data_choices=True,  # already in the owner's language (status_text)
        ),
        Field("job_value", "Job value", placeholder="e.g. 24,000.00"),
        Field("profit", "Profit (when the commission is on profit)"),
    ]
    return fields, lambda values: Checked(values, _money_values("job_value", "profit"))


def payment_form(owed: Decimal) -> Form:
    fields = [
        Field("amount", "Amount", placeholder=t("{amount} is owed", amount=f"{owed:,.2f}")),
        Field("paid_on", "Paid on", "date"),
        Field("method", "Method", placeholder="e.g. Check 1042"),
        Field("note", "Note"),
    ]
    return fields, lambda values: Checked(values, _money_values("amount"))


def override_form() -> Form:
    fields = [
        Field("amount", "Commission", placeholder="leave empty to go back to the agreed terms"),
        Field("reason", "Why", placeholder="e.g. Agreed a lower fee for a repeat customer"),
    ]
    return fields, lambda values: Checked(values, _money_values("amount"))


def _money_values(*names: str) -> Any:
    """Check money fields as the form is typed; empty stays None."""

    def check(values: dict[str, Any]) -> dict[str, Any]:
        checked = dict(values)
        for name in names:
            text = (values.get(name) or "").strip()
            checked[name] = parse_money(text, name.replace("_", " ")) if text else None
        return checked

    return check
