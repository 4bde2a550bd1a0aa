"""The Partners page: who owes whom what at a glance, each partner's referrals, payments and statement."""

from __future__ import annotations

import dataclasses
import datetime
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock
from app.domain.i18n import t, translated
from app.domain.kinds import ReferralDirection
from app.domain.money import format_money
from app.services import partners as partner_service
from app.services.documents import render_referral_slip, render_statement
from app.services.mailings import print_introduction
from app.services.settings import load_settings
from ui.dialogs import partner_forms
from ui.dialogs.customer_picker import CustomerPickerDialog
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.pdf_preview import show_pdf
from ui.events import data_events
from ui.messages import confirm, show_error, show_info
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.text import date_text
from ui.widgets.basics import close_buttons, fit_to_screen

CHANGES = {"partner", "referral"}


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_money(value)


def _date(value: datetime.date | None) -> str:
    return date_text(value)  # the year only when it is not this year


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _aligned(label: str, cells: list[object], widths: list[int]) -> str:
    """A line of the report: the label, then each cell right-aligned in its column."""
    return f"{label[:33]:<34}" + "".join(
        f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True)
    )


def _widths(headings: list[str], least: tuple[int, ...]) -> list[int]:
    """Each column as wide as its heading needs (a Spanish heading is longer), never narrower than `least`."""
    return [max(width, len(heading) + 1) for heading, width in zip(headings, least, strict=True)]


class ReferralReportDialog(QDialog):
    """The referral report, as aligned plain text in a window of its own."""

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Referral income and cost"))
        content = self.report_text(report)
        text = QPlainTextEdit(content)
        text.setObjectName("referralReport")
        text.setReadOnly(True)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # Columns line up only unwrapped: the window is as wide as the longest line (Spanish's are longer).
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        longest = max(
            (text.fontMetrics().horizontalAdvance(line) for line in content.splitlines()), default=0
        )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(close_buttons(self))
        fit_to_screen(self, max(760, longest + 80), 560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def report_text(self, report: Any) -> str:
        """Income and cost by partner, trade and year, and whether the customers partners send stay."""
        headings = [self.tr("sent"), self.tr("got"), self.tr("won"), self.tr("income"), self.tr("cost"),
                    self.tr("net")]  # fmt: skip
        widths = _widths(headings, (6, 6, 6, 14, 14, 14))
        lines = []
        for title, rows in (
            (self.tr("By partner"), report.by_partner),
            (self.tr("By trade"), report.by_trade),
            (self.tr("By year"), report.by_year),
        ):
            lines += [title, _aligned("", headings, widths)]
            for r in rows:
                money = [format_money(r.income), format_money(r.cost), format_money(r.net)]
                lines.append(_aligned(r.label, [r.sent, r.received, r.won, *money], widths))
            lines.append("")
        headings = [self.tr("customers"), self.tr("bought again"), self.tr("rate"), self.tr("sales")]
        widths = _widths(headings, (10, 14, 8, 16))
        lines += [
            self.tr("Do the customers they send us stay and buy again?"),
            _aligned("", headings, widths),
        ]
        for loyalty in (*report.loyalty, report.everyone):
            rate = f"{float(loyalty.repeat_rate):.0%}"
            cells = [loyalty.customers, loyalty.bought_again, rate, format_money(loyalty.sales)]
            lines.append(_aligned(loyalty.label, cells, widths))
        return "\n".join(lines)


class PartnersPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.summary = QLabel()
        self.summary.setObjectName("ledgerSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.partners = RowsModel(
            [
                ("Partner", lambda p: self._partner_name(p)),
                ("Trade", lambda p: p.trade),
                ("Terms", lambda p: p.terms),
                # Each direction apart: what a partner owes us and what we owe them are two debts,
                # paid separately, so they are never added up nor set against each other.
                ("Owes us", lambda p: _money(p.owed_to_us)),
                ("Owes us, overdue", lambda p: _money(p.overdue_to_us) if p.overdue_to_us else ""),
                ("We owe", lambda p: _money(p.we_owe)),
                ("We owe, overdue", lambda p: _money(p.overdue_we_owe) if p.overdue_we_owe else ""),
                ("Open referrals", lambda p: p.open_referrals or ""),
            ],
            self,
        )
        self.referrals = RowsModel(
            [
                ("Referred", lambda r: _date(r.referred_on)),
                ("Customer", lambda r: r.customer),
                ("Way", lambda r: self._way(r)),
                ("Job", lambda r: r.job_type),
                ("Status", lambda r: partner_forms.status_text(r.status)),
                ("Job value", lambda r: _money(r.job_value) if r.job_value else ""),
                ("Commission", lambda r: _money(r.commission) if r.commission else ""),
                ("Paid", lambda r: _money(r.paid) if r.paid else ""),
                ("Due", lambda r: _date(r.due_on)),
                # Stored in English with the referral (partners.commission_for), shown in the owner's words.
                ("How", lambda r: translated(r.override_reason or r.commission_note)),
            ],
            self,
        )
        self.partner_view = _table(self.partners, "partnerTable")
        self.referral_view = _table(self.referrals, "referralTable")
        self.partner_view.selectionModel().selectionChanged.connect(lambda *_: self._show_referrals())
        self.partner_view.doubleClicked.connect(lambda _i: self.edit_partner())

        partner_buttons = self._buttons([
            ("New partner…", self.new_partner), ("Edit partner…", self.edit_partner),
            ("Delete partner…", self.delete_partner), ("Print statement…", self.print_statement),
            ("Referral report…", self.show_report),
        ])  # fmt: skip
        referral_buttons = self._buttons([
            ("Record a referral…", self.record_referral), ("Update status…", self.update_status),
            ("Record a payment…", self.record_payment), ("Change commission…", self.override_commission),
            ("Print referral slip…", self.print_slip),
        ])  # fmt: skip
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(partner_buttons)
        top_layout.addWidget(self.partner_view)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(referral_buttons)
        bottom_layout.addWidget(self.referral_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        data_events().data_changed.connect(self._on_data_changed)

    def _partner_name(self, partner: Any) -> str:
        return (
            partner.business if partner.active else self.tr("%1 (inactive)").replace("%1", partner.business)
        )

    def _way(self, referral: Any) -> str:
        return (
            self.tr("we sent") if referral.direction == ReferralDirection.TO_PARTNER else self.tr("they sent")
        )

    def _buttons(self, specs: list[tuple[str, Any]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in specs:
            button = QPushButton(t(text))  # the buttons' words (app_<language>.toml)
            button.setObjectName(text.rstrip("…").lower().replace(" ", "_"))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        selected = self.selected_partner()
        today = clock.today()
        summary = partner_service.ledger_summary(today)
        self.summary.setText(
            self.tr("Partners owe us %1 (%2 overdue)  ·  We owe partners %3 (%4 overdue)")
            .replace("%1", format_money(summary.owed_to_us))
            .replace("%2", format_money(summary.overdue_to_us))
            .replace("%3", format_money(summary.we_owe))
            .replace("%4", format_money(summary.overdue_we_owe))
        )
        self.partners.set_rows(partner_service.list_partners(include_inactive=True, today=today))
        self._select_partner(selected.id if selected else None)

    def _select_partner(self, partner_id: int | None) -> None:
        for row in range(self.partners.rowCount()):
            if self.partners.row_object(row).id == partner_id:
                self.partner_view.selectRow(row)
                return
        if self.partners.rowCount():
            self.partner_view.selectRow(0)
        else:
            self.referrals.set_rows([])

    def _show_referrals(self) -> None:
        partner = self.selected_partner()
        self.referrals.set_rows(partner_service.list_referrals(partner_id=partner.id) if partner else [])

    def selected_partner(self) -> Any:
        rows = self.partner_view.selectionModel().selectedRows()
        return self.partners.row_object(rows[0].row()) if rows else None

    def selected_referral(self) -> Any:
        rows = self.referral_view.selectionModel().selectedRows()
        return self.referrals.row_object(rows[0].row()) if rows else None

    def _on_data_changed(self, changes: frozenset[str], _initiator: object) -> None:
        if changes & (CHANGES | {"customer"}) and self.isVisible():
            self.load()

    def _changed(self) -> None:
        data_events().changed(self)
        self.load()

    # --- actions ---------------------------------------------------------------------------
    def _form(self, title: str, form: Any, values: dict[str, Any] | None = None) -> Any:
        dialog = FormDialog(title, *form, values, self)
        return dialog.result_draft if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _attempt(self, action: Any) -> Any:
        try:
            result = action()
        except Exception as error:
            show_error(self, error)
            return None
        self._changed()
        return result

    def new_partner(self) -> None:
        draft = self._form(
            self.tr("New partner"), partner_forms.partner_form(), {"active": True, "rate": "10"}
        )
        if draft is not None:
            self._attempt(lambda: partner_service.save_partner(draft))

    def edit_partner(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            return
        current = partner_service.get_partner(partner.id)
        draft = self._form(
            self.tr("Edit %1").replace("%1", partner.business),
            partner_forms.partner_form(),
            partner_forms.partner_values(current),
        )
        if draft is not None:
            self._attempt(
                lambda: partner_service.save_partner(
                    dataclasses.replace(draft, id=partner.id, job_terms=current.job_terms)
                )
            )

    def delete_partner(self) -> None:
        partner = self.selected_partner()
        if partner is None or not confirm(
            self,
            self.tr("Delete partner"),
            self.tr("Delete %1? A partner with referrals on record is made inactive instead.").replace(
                "%1", partner.business
            ),
            self.tr("Delete"),
        ):
            return
        outcome = self._attempt(lambda: partner_service.delete_partner(partner.id))
        if outcome == "deactivated":
            show_info(
                self,
                self.tr("Partner kept"),
                self.tr(
                    "%1 has referrals on record, so they were made inactive rather than deleted."
                ).replace("%1", partner.business),
            )

    def record_referral(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            return
        picker = CustomerPickerDialog(
            self.tr("Which customer?"),
            self.tr("Find the customer of this referral with %1.").replace("%1", partner.business),
            self.tr("Next"),
            parent=self,
        )
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        today = clock.today()
        draft = self._form(
            self.tr("Referral with %1").replace("%1", partner.business),
            partner_forms.referral_form(partner.id, picker.chosen_id, today=today),
            {"referred_on": today},
        )
        if draft is None:
            return
        outcome = self._attempt(lambda: partner_service.record_referral(draft, today=today))
        if outcome is not None:
            text = "\n\n".join([outcome.message, *outcome.warnings])
            show_info(self, self.tr("Referral recorded"), text)
            if outcome.introduction_letter:
                self._print_introduction(outcome.referral_id)

    def update_status(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        values = {
            "status": referral.status,
            "job_value": f"{referral.job_value:.2f}" if referral.job_value else "",
            "profit": f"{referral.profit:.2f}" if referral.profit is not None else "",
        }
        checked = self._form(self.tr("Referral status"), partner_forms.status_form(), values)
        if checked is not None:
            self._attempt(
                lambda: partner_service.update_referral_status(
                    referral.id, checked["status"], checked["job_value"], checked["profit"]
                )
            )

    def record_payment(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            show_info(self, self.tr("Record a payment"), self.tr("Select the referral the payment is for."))
            return
        owed = referral.commission - referral.paid
        checked = self._form(
            self.tr("Payment"),
            partner_forms.payment_form(owed),
            {"paid_on": clock.today(), "amount": f"{owed:.2f}"},
        )
        if checked is not None:
            self._attempt(
                lambda: partner_service.record_payment(
                    amount=checked["amount"] or Decimal("0"),
                    paid_on=checked["paid_on"],
                    referral_id=referral.id,
                    method=checked["method"],
                    note=checked["note"],
                )
            )

    def override_commission(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        checked = self._form(
            self.tr("Change the commission"),
            partner_forms.override_form(),
            {"amount": f"{referral.commission:.2f}"},
        )
        if checked is not None:
            self._attempt(
                lambda: partner_service.override_commission(referral.id, checked["amount"], checked["reason"])
            )

    def show_report(self) -> None:
        today = clock.today()
        self.runner.run(
            self.tr("Adding up referrals…"),
            lambda progress, cancel: partner_service.referral_report(today, progress=progress, cancel=cancel),
            on_done=self._show_report,
        )

    def _show_report(self, report: Any) -> None:
        self.report_dialog = ReferralReportDialog(report, self)
        self.report_dialog.show()

    # --- printing --------------------------------------------------------------------------
    def _pdf_path(self, stem: str) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="cfl-print-"))
        return folder / f"{stem}.pdf"

    def print_statement(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            return
        settings = load_settings()
        out = self._pdf_path(f"statement-{partner.business}")
        try:
            render_statement(partner_service.partner_ledger(partner.id), out, settings)
        except Exception as error:
            show_error(self, error)
            return
        show_pdf(self, out, self.tr("Statement for %1").replace("%1", partner.business), self.runner)

    def print_slip(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        settings = load_settings()
        out = self._pdf_path("referral-slip")
        try:
            render_referral_slip(partner_service.referral_slip(referral.id), out, settings)
        except Exception as error:
            show_error(self, error)
            return
        show_pdf(self, out, self.tr("Referral slip"), self.runner)

    def _print_introduction(self, referral_id: int) -> None:
        out = self._pdf_path("introduction-letter")
        try:
            print_introduction(referral_id, out)
        except Exception as error:
            show_error(self, error)
            return
        show_pdf(self, out, self.tr("Introduction letter"), self.runner)
