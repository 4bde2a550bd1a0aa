"""The selected customer: who they are, how to reach them, and everything they own and did."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock
from app.domain.customers import CustomerDetail, EquipmentRow
from app.domain.values import format_phone
from ui.models.rows_model import RowsModel


def _date(value: datetime.date | None) -> str:
    return value.strftime("%b %d, %Y") if value else ""


def _history_columns(title: str, detail: str) -> list[tuple[str, Any]]:
    return [
        ("Date", lambda r: _date(r.on)),
        (title, lambda r: r.title),
        (detail, lambda r: r.detail),
    ]


class CustomerDetailView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = clock.today()
        self.heading = QLabel()
        self.heading.setObjectName("customerHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact = QLabel()
        self.contact.setWordWrap(True)
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flags = QLabel()
        self.flags.setObjectName("consentFlags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.PlainText)

        self.tabs = QTabWidget()
        self.views: list[QTableView] = []
        self.sites = self._add_tab(
            "Sites",
            [
                ("Site", lambda s: s.label or ("Billing" if s.is_billing else "")),
                ("Address", lambda s: s.one_line),
            ],
        )
        self.equipment = self._add_tab(
            "Equipment",
            [
                ("Kind", lambda e: e.kind),
                ("Brand", lambda e: e.brand),
                ("Model", lambda e: e.model),
                ("Installed", lambda e: e.installed_on.strftime("%b %Y") if e.installed_on else "unknown"),
                ("Age", self._age),
                ("Warranty until", lambda e: _date(e.warranty_until)),
                ("By us", lambda e: "yes" if e.installed_by_us else "no"),
            ],
        )
        self.visits = self._add_tab("Visits", _history_columns("Visit", "Technician · findings"))
        self.sales = self._add_tab("Sales", _history_columns("Description", "Total · job"))
        self.plans = self._add_tab("Plans", _history_columns("Plan", "Status · term"))
        self.touches = self._add_tab("Contacts", _history_columns("Channel", "Outcome · reason · by"))
        self.opportunities = self._add_tab(
            "Opportunities", _history_columns("Kind", "Reason · value · status")
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.contact)
        layout.addWidget(self.flags)
        layout.addWidget(self.tabs, 1)
        self.show_customer(None)

    def _add_tab(self, title: str, columns: list[tuple[str, Any]]) -> RowsModel:
        model = RowsModel(columns, self)
        view = QTableView()
        view.setModel(model)
        view.setObjectName(f"detail{title}")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(view, title)
        self.views.append(view)
        model.setProperty("tab_title", title)
        return model

    def _age(self, equipment: EquipmentRow) -> str:
        age = equipment.age_years(self._today)
        if age is None:
            return ""
        return "under a year" if age < 1 else f"{age} year{'s' if age != 1 else ''}"

    def show_customer(self, detail: CustomerDetail | None) -> None:
        self._today = clock.today()
        self.setEnabled(detail is not None)
        if detail is None:
            self.heading.setText(self.tr("No customer selected"))
            self.contact.setText(
                self.tr("Pick a customer in the list to see their sites, equipment and history.")
            )
            self.flags.setText("")
            for model in self._models():
                model.set_rows([])
            self._retitle_tabs()
            return
        self.heading.setText(f"<h2>{_escape(detail.name)}</h2>")
        self.contact.setText(_contact_text(detail))
        self.flags.setText(_flags_text(detail))
        self.sites.set_rows(detail.sites)
        self.equipment.set_rows(detail.equipment)
        self.visits.set_rows(detail.visits)
        self.sales.set_rows(detail.sales)
        self.plans.set_rows(detail.plans)
        self.touches.set_rows(detail.touches)
        self.opportunities.set_rows(detail.opportunities)
        self._retitle_tabs()

    def _models(self) -> list[RowsModel]:
        return [
            self.sites,
            self.equipment,
            self.visits,
            self.sales,
            self.plans,
            self.touches,
            self.opportunities,
        ]

    def _retitle_tabs(self) -> None:
        for number, model in enumerate(self._models()):
            count = model.rowCount()
            title = model.property("tab_title")
            self.tabs.setTabText(number, f"{title} ({count})" if count else title)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _contact_text(detail: CustomerDetail) -> str:
    draft = detail.draft
    phones = [
        f"{label} {format_phone(number)}"
        for label, number in (
            ("Phone", draft.phone),
            ("Mobile", draft.phone_mobile),
            ("Work", draft.phone_work),
        )
        if number
    ]
    lines = [
        " · ".join(p for p in (draft.company if draft.company != detail.name else "", detail.segment) if p)
    ]
    lines.append("   ".join(phones) or "No phone on file")
    emails = ", ".join(e for e in (draft.email, draft.email2) if e)
    lines.append(emails or "No e-mail on file")
    if draft.call_window_start:
        lines.append(f"Best time to call: {draft.call_window_start}–{draft.call_window_end}")
    if draft.customer_since:
        lines.append(f"Customer since {draft.customer_since:%B %Y}")
    return "\n".join(line for line in lines if line)


def _flags_text(detail: CustomerDetail) -> str:
    draft = detail.draft
    refused = [
        label
        for flag, label in (
            (draft.do_not_service, "Do not service"),
            (draft.do_not_call, "Do not call"),
            (draft.do_not_mail, "Do not mail"),
            (draft.do_not_email, "Do not e-mail"),
        )
        if flag
    ]
    sharing = (
        f"May share details with partners (since {draft.share_consent_on:%b %d, %Y})"
        if draft.share_with_partners and draft.share_consent_on
        else "Do not share with partners"
    )
    return "   ".join([*(f"⛔ {r}" for r in refused), sharing])
