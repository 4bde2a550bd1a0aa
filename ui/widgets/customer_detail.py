"""The selected customer: who they are, how to reach them, what they are worth, and everything they own
and did. Their notes are on screen too: an import puts there whatever had no field of its own (a phone's
extension, a third e-mail), and the owner writes there what matters ("likes mornings")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock, formatting
from app.domain.customers import CustomerDetail, EquipmentRow, SiteRow
from app.domain.i18n import t
from app.domain.values import format_phone
from ui.models.rows_model import RowsModel
from ui.text import count_text, date_text

NOTES_LINES_SHOWN = 4  # more than this and the tabs would be pushed out of sight; the rest is in the tooltip


def _history_columns(widget: QWidget, title: str, detail: str) -> list[tuple[str, Any]]:
    # The lines come written in the owner's language, the owner's own words as typed (app.domain.history).
    return [
        (QCoreApplication.translate("CustomerDetailView", "Date"), lambda r: date_text(r.on)),
        (title, lambda r: r.title),
        (detail, lambda r: r.detail),
    ]


def one_line(text: str) -> str:
    """Notes as a table cell shows them: their lines joined, so none is cut off unseen."""
    return " · ".join(line.strip() for line in text.splitlines() if line.strip())


def site_name(site: SiteRow) -> str:
    """How a site is named in the equipment list: its name, else its street, else its town."""
    return site.label or site.street or site.street2 or site.city or "—"


class CustomerDetailView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = clock.today()
        self._sites: dict[int, SiteRow] = {}
        self.heading = QLabel()
        self.heading.setObjectName("customerHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lifetime_value = QLabel()
        self.lifetime_value.setObjectName("lifetimeValue")
        self.lifetime_value.setTextFormat(Qt.TextFormat.PlainText)
        self.lifetime_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.lifetime_value.setStyleSheet("QLabel#lifetimeValue { font-size: 11pt; font-weight: 600; }")
        self.lifetime_value.setToolTip(
            self.tr(
                "Every sale, the price of every service plan and the commission on their referrals to "
                "partners once won: the Dashboard's lifetime value, for this customer alone."
            )
        )
        self.contact = QLabel()
        self.contact.setWordWrap(True)
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("customerNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setStyleSheet(
            "QLabel#customerNotes { background: #fff8dc; color: #3d2e00; padding: 4px; }"
        )
        self.flags = QLabel()
        self.flags.setObjectName("consentFlags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.PlainText)

        self.tabs = QTabWidget()
        self.views: list[QTableView] = []
        self.sites = self._add_tab(
            "Sites",
            self.tr("Sites"),
            [
                # The site's own name ("Home", "Rental 2"): in Spanish not "Dirección", the next column.
                (self.tr("Site", "the name of a site"), self._site_label),
                (self.tr("Address"), lambda s: s.one_line),
                (self.tr("Mail"), self._mail_text),
                (self.tr("Notes"), lambda s: one_line(s.notes)),
            ],
        )
        self.equipment = self._add_tab(
            "Equipment",
            self.tr("Equipment"),
            [
                # With two sites their equipment would mix without it.
                (
                    self.tr("Site"),
                    lambda e: site_name(self._sites[e.site_id]) if e.site_id in self._sites else "",
                ),
                (self.tr("Kind"), lambda e: e.kind),
                (self.tr("Brand"), lambda e: e.brand),
                (self.tr("Model"), lambda e: e.model),
                (self.tr("Installed"), self._installed),
                (self.tr("Age"), self._age),
                (self.tr("Warranty until"), lambda e: date_text(e.warranty_until)),
                (self.tr("By us"), lambda e: self.tr("yes") if e.installed_by_us else self.tr("no")),
                (self.tr("Notes"), lambda e: one_line(e.notes)),
            ],
        )
        self.visits = self._add_tab(
            "Visits",
            self.tr("Visits"),
            _history_columns(self, self.tr("Visit"), self.tr("Technician · findings")),
        )
        self.sales = self._add_tab(
            "Sales", self.tr("Sales"), _history_columns(self, self.tr("Description"), self.tr("Total · job"))
        )
        self.plans = self._add_tab(
            "Plans", self.tr("Plans"), _history_columns(self, self.tr("Plan"), self.tr("Status · term"))
        )
        self.touches = self._add_tab(
            "Contacts",
            self.tr("Contacts"),
            _history_columns(self, self.tr("Channel"), self.tr("Outcome · reason · by")),
        )
        self.opportunities = self._add_tab(
            "Opportunities",
            self.tr("Opportunities"),
            _history_columns(self, self.tr("Kind"), self.tr("Reason · value · status")),
        )

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.lifetime_value)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.contact)
        layout.addWidget(self.notes)
        layout.addWidget(self.flags)
        layout.addWidget(self.tabs, 1)
        self.show_customer(None)

    def _add_tab(self, key: str, title: str, columns: list[tuple[str, Any]]) -> RowsModel:
        model = RowsModel(columns, self)
        view = QTableView()
        view.setModel(model)
        view.setObjectName(f"detail{key}")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table, as in any desktop app
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

    def _site_label(self, site: SiteRow) -> str:
        if site.is_billing:
            return self.tr("%1 (billing)").replace("%1", site.label) if site.label else self.tr("Billing")
        return site.label

    def _mail_text(self, site: SiteRow) -> str:
        """Said where it matters: a site without a street or a town gets no letter or postcard."""
        gap = site.mailing_gap
        return self.tr("Can't be mailed: %1").replace("%1", gap) if gap else ""

    def _installed(self, equipment: EquipmentRow) -> str:
        return formatting.month_year(equipment.installed_on) if equipment.installed_on else self.tr("unknown")

    def _age(self, equipment: EquipmentRow) -> str:
        age = equipment.age_years(self._today)
        if age is None:
            return ""
        return self.tr("under a year") if age < 1 else count_text(age, self.tr("year"))

    def show_customer(self, detail: CustomerDetail | None, lifetime_value: Decimal | None = None) -> None:
        self._today = clock.today()
        self.setEnabled(detail is not None)
        if detail is None:
            self.heading.setText(self.tr("No customer selected"))
            self.lifetime_value.setText("")
            self.contact.setText(
                self.tr("Pick a customer in the list to see their sites, equipment and history.")
            )
            self.notes.hide()
            self.flags.setText("")
            self._sites = {}
            for model in self._models():
                model.set_rows([])
            self._retitle_tabs()
            return
        self.heading.setText(f"<h2>{_escape(detail.name)}</h2>")
        self.lifetime_value.setText(
            ""
            if lifetime_value is None
            else self.tr("Lifetime value: %1").replace("%1", formatting.money(lifetime_value))
        )
        self.contact.setText(_contact_text(detail))
        self._show_notes(detail.draft.notes)
        self.flags.setText(_flags_text(detail))
        self._sites = {site.id: site for site in detail.sites}
        self.sites.set_rows(detail.sites)
        # Equipment site by site (in the Sites tab's order), then as installed.
        order = {site.id: number for number, site in enumerate(detail.sites)}
        self.equipment.set_rows(sorted(detail.equipment, key=lambda e: order.get(e.site_id, len(order))))
        self.visits.set_rows(detail.visits)
        self.sales.set_rows(detail.sales)
        self.plans.set_rows(detail.plans)
        self.touches.set_rows(detail.touches)
        self.opportunities.set_rows(detail.opportunities)
        self._retitle_tabs()

    def _show_notes(self, notes: str) -> None:
        lines = [line for line in notes.strip().splitlines() if line.strip()]
        if not lines:
            self.notes.hide()
            self.notes.setToolTip("")
            return
        shown = lines[:NOTES_LINES_SHOWN]
        if len(lines) > NOTES_LINES_SHOWN:
            shown.append(
                self.tr("… and %1 (all of them in Edit customer)").replace(
                    "%1", count_text(len(lines) - NOTES_LINES_SHOWN, self.tr("more line"))
                )
            )
        self.notes.setText(self.tr("Notes: %1").replace("%1", "\n".join(shown)))
        self.notes.setToolTip(notes.strip())
        self.notes.show()

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
        f"{t(label)} {format_phone(number)}"
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
    lines.append("   ".join(phones) or t("No phone on file"))
    emails = ", ".join(e for e in (draft.email, draft.email2) if e)
    lines.append(emails or t("No e-mail on file"))
    if draft.call_window_start:
        lines.append(
            t(
                "Best time to call: {times}",
                times=formatting.time_range(draft.call_window_start, draft.call_window_end),
            )
        )
    if draft.customer_since:
        lines.append(t("Customer since {month}", month=formatting.month_year(draft.customer_since)))
    return "\n".join(line for line in lines if line)


def _flags_text(detail: CustomerDetail) -> str:
    draft = detail.draft
    refused = [
        label
        for flag, label in (
            (draft.do_not_service, t("Do not service")),
            (draft.do_not_call, t("Do not call")),
            (draft.do_not_mail, t("Do not mail")),
            (draft.do_not_email, t("Do not e-mail")),
        )
        if flag
    ]
    sharing = (
        t("May share details with partners (since {day})", day=date_text(draft.share_consent_on))
        if draft.share_with_partners and draft.share_consent_on
        else t("Do not share with partners")
    )
    return "   ".join([*(f"⛔ {r}" for r in refused), sharing])
