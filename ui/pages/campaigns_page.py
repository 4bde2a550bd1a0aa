"""Campaigns: choose an audience (the respect rules apply by themselves), print, mark as sent, see results."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock, formatting
from app.domain.campaigns import CAMPAIGN_CHANNELS, AudienceCriteria
from app.domain.errors import UserError
from app.domain.i18n import t, translated
from app.domain.kinds import OpportunityKind
from app.domain.opportunities import KIND_LABELS
from app.services import campaigns as campaign_service
from ui.dialogs.form_dialog import Field, FormDialog
from ui.dialogs.partner_forms import Checked
from ui.dialogs.pdf_preview import show_pdf
from ui.events import data_events
from ui.messages import confirm, show_error, show_info
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.text import count_text

KIND_CHOICES = (
    ("A check-in letter to everyone who accepts mail", None),
    *((KIND_LABELS[k], k.value) for k in OpportunityKind),
)
CHANNEL_LABELS = {"mail": "Mail", "call": "Phone"}
AUDIENCE_FIELDS = [
    Field("name", "Campaign name", placeholder="e.g. Spring renewals"),
    Field("kind", "For", "choice", KIND_CHOICES),
    Field("due_from", "Due from (optional)", "optional_date"),
    Field("due_to", "Due until (optional)", "optional_date"),
    Field("segment", "Segment (optional)"),
    Field("equipment_kind", "Equipment they own (optional)", placeholder="e.g. Furnace"),
    Field("city", "City (optional)"),
    Field("postal_prefix", "ZIP starts with (optional)"),
    Field("last_contact_before", "Not contacted since (optional)", "optional_date"),
    Field("channel", "By", "choice", tuple((CHANNEL_LABELS[c], c) for c in CAMPAIGN_CHANNELS)),
]
PRINT_FIELDS = [
    Field("letters", "Letters", "bool"),
    Field("labels", "Address labels", "bool"),
    Field("postcards", "Postcards", "bool"),
    Field("callsheet", "Call sheet", "bool"),
    Field(
        "sheet",
        "Label sheet",
        "choice",
        (
            ("Avery 5160 (30 per sheet)", "avery5160"),
            ("Avery 5163 (10 per sheet)", "avery5163"),
            ("Avery 5167 (80 per sheet)", "avery5167"),
            ("Avery L7160 (A4, 21 per sheet)", "averyl7160"),
        ),
    ),
    Field("start_at", "Start at label", "int", minimum=1, maximum=80),
]


def _audience(values: dict[str, Any]) -> Checked:
    def check(values: dict[str, Any]) -> tuple[str, AudienceCriteria]:
        name = values["name"].strip()
        if not name:
            raise UserError("Campaign name: give the campaign a name.", "name")
        criteria = AudienceCriteria(**{k: v for k, v in values.items() if k != "name"})
        return name, criteria.validated()

    return Checked(values, check)


def _printing(values: dict[str, Any]) -> Checked:
    def check(values: dict[str, Any]) -> dict[str, Any]:
        if not any(values[k] for k in ("letters", "labels", "postcards", "callsheet")):
            raise UserError("Choose at least one thing to print.", "letters")
        return values

    return Checked(values, check)


def _preview_counts(included: int, excluded: int) -> str:
    """ "3 customers will get it; 1 is left out:" (the reasons follow), in the owner's language."""
    if included == 1:
        will_get = t("1 customer will get it;")
    else:
        will_get = t("{customers} will get it;", customers=count_text(included, "customer"))
    if not excluded:
        return will_get + " " + t("nobody is left out.")
    if excluded == 1:
        return will_get + " " + t("1 is left out:")
    return will_get + " " + t("{count} are left out:", count=formatting.number(excluded))


def _reason_lines(by_reason: dict[str, int]) -> list[str]:
    """One line per reason for leaving customers out (stored in English), with how many."""
    return [f"  • {translated(reason)}: {formatting.number(count)}" for reason, count in by_reason.items()]


class CampaignsPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.campaigns = RowsModel(
            [
                ("Campaign", lambda c: c.name),
                ("For", lambda c: t(KIND_LABELS.get(c.kind, "Everyone") if c.kind else "Everyone")),
                ("Status", lambda c: self._status(c.status)),
                ("Created", lambda c: formatting.short_date(c.created_at)),
                ("Sent", lambda c: formatting.short_date(c.sent_on) if c.sent_on else ""),
                ("Recipients", lambda c: formatting.number(c.recipients)),
                ("Left out", lambda c: formatting.number(c.excluded)),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("campaignTable")
        self.view.setModel(self.campaigns)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_results())
        self.results = QLabel()
        self.results.setObjectName("campaignResults")
        self.results.setTextFormat(Qt.TextFormat.PlainText)
        self.results.setWordWrap(True)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QHBoxLayout()
        for text, slot in (
            ("New campaign…", self.new_campaign),
            ("Print…", self.print_selected),
            ("Mark as sent…", self.mark_sent),
        ):
            button = QPushButton(t(text))  # the buttons' words (app_<language>.toml)
            button.setObjectName(text.rstrip("…").lower().replace(" ", "_"))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.results)
        intro = QLabel(
            self.tr(
                "<h2>Campaigns</h2>Letters, postcards, labels and calls for a purpose. Customers who "
                "said no to a channel, who are not to be serviced, or who heard from you for marketing "
                "too recently are left out by themselves, and the reasons are counted."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        selected = self.selected()
        self.campaigns.set_rows(campaign_service.list_campaigns())
        for row in range(self.campaigns.rowCount()):
            if selected is not None and self.campaigns.row_object(row).id == selected.id:
                self.view.selectRow(row)
                return
        if self.campaigns.rowCount():
            self.view.selectRow(0)
        self._show_results()

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.campaigns.row_object(rows[0].row()) if rows else None

    def _status(self, status: str) -> str:
        """A campaign's stored status (draft, sent, closed) as the list shows it."""
        words = {"draft": self.tr("draft"), "sent": self.tr("sent"), "closed": self.tr("closed")}
        return words.get(status, status)

    def _show_results(self) -> None:
        campaign = self.selected()
        if campaign is None:
            self.results.setText(self.tr("Start a campaign with “New campaign…”."))
            return
        results = campaign_service.campaign_results(campaign.id)
        lines = [campaign.name, campaign.criteria.describe(), ""]
        if campaign.sent_on is None:
            # Its audience is counted already (the list's Recipients column): say so, not "No recipients".
            if campaign.recipients == 1:
                lines.append(self.tr("Not sent yet: 1 customer will get it."))
            else:
                lines.append(
                    self.tr("Not sent yet: %1 will get it.").replace(
                        "%1", count_text(campaign.recipients, self.tr("customer"))
                    )
                )
        elif results.recipients:
            rate = results.responses / results.recipients
            lines.append(
                t(
                    "{recipients}; {responses} responded ({rate})",
                    recipients=count_text(results.recipients, "recipient"),
                    responses=formatting.number(results.responses),
                    rate=f"{rate:.0%}",
                )
            )
        else:
            lines.append(self.tr("Sent to nobody."))
        if campaign.sent_on is not None:  # what it brought in, once it went out
            lines.append(
                t(
                    "Brought in {revenue}: {sales} ({sales_total}) and {won}.",
                    revenue=formatting.money(results.revenue),
                    sales=count_text(results.sales, "sale"),
                    sales_total=formatting.money(results.sales_total),
                    won=count_text(results.won_opportunities, "won opportunity", "won opportunities"),
                )
            )
        if results.excluded_by_reason:
            lines += ["", t("Left out:"), *_reason_lines(results.excluded_by_reason)]
        self.results.setText("\n".join(lines))

    def new_campaign(self) -> None:
        today = clock.today()
        next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        month_end = (next_month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        dialog = FormDialog(
            self.tr("New campaign"),
            AUDIENCE_FIELDS,
            _audience,
            {
                "kind": "renewal",
                "due_from": next_month,
                "due_to": month_end,
                "channel": "mail",
                "name": t("Renewals due {month}", month=formatting.month_year(next_month)),
            },
            self,
            action=self.tr("Find who gets it"),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, criteria = dialog.result_draft
        self.runner.run(
            self.tr("Finding the audience…"),
            lambda _p, _c: campaign_service.preview_audience(criteria),
            on_done=lambda preview: self._confirm_create(name, criteria, preview),
        )

    def _confirm_create(self, name: str, criteria: AudienceCriteria, preview: Any) -> None:
        lines = [criteria.describe() + ".", "", _preview_counts(preview.included, preview.excluded)]
        lines += _reason_lines(preview.by_reason)
        if not preview.included:
            show_info(self, self.tr("Nobody to send to"), "\n".join(lines))
            return
        if not confirm(self, self.tr("Create the campaign?"), "\n".join(lines), self.tr("Create")):
            return
        try:
            campaign_service.create_campaign(name, criteria, criteria.channel)
        except Exception as error:
            show_error(self, error)
            return
        data_events().changed(self)
        self.load()

    def print_selected(self) -> None:
        campaign = self.selected()
        if campaign is None:
            return
        is_mail = campaign.channel == "mail"
        dialog = FormDialog(
            self.tr("Print %1").replace("%1", campaign.name),
            PRINT_FIELDS,
            _printing,
            {"letters": is_mail, "labels": is_mail, "callsheet": not is_mail, "start_at": 1},
            self,
            action=self.tr("Preview"),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choice = dict(dialog.result_draft)
        folder = Path(tempfile.mkdtemp(prefix="cfl-campaign-"))
        self.runner.run(
            self.tr("Printing %1…").replace("%1", campaign.name),
            lambda p, c: campaign_service.print_campaign(campaign.id, folder, progress=p, cancel=c, **choice),
            on_done=self._printed,
        )

    def _printed(self, results: dict[str, Any]) -> None:
        problems = [
            f"{t(name)}: {translated(issue.key)}: {translated(issue.reason)}"
            for name, result in results.items()
            for issue in result.exceptions
        ]
        problems += [
            f"{t(name)}: "
            + t("warning: {key}: {reason}", key=translated(issue.key), reason=translated(issue.reason))
            for name, result in results.items()
            for issue in result.warnings
        ]
        if problems:
            show_info(self, self.tr("Some records were left out"), "\n".join(problems[:20]))
        for name, result in results.items():
            show_pdf(self, Path(result.path), t(name).capitalize(), self.runner)

    def mark_sent(self) -> None:
        campaign = self.selected()
        if campaign is None:
            return
        if campaign.sent_on is not None:
            show_info(
                self,
                self.tr("Already sent"),
                self.tr("This campaign was marked as sent on %1.").replace(
                    "%1", formatting.short_date(campaign.sent_on)
                ),
            )
            return
        text = (
            self.tr("Mark “%1” as sent today? A contact is recorded for every recipient (%2).")
            .replace("%1", campaign.name)
            .replace("%2", count_text(campaign.recipients, self.tr("recipient")))
        )
        if not confirm(self, self.tr("Mark as sent"), text, self.tr("Mark as sent")):
            return
        try:
            touches = campaign_service.mark_campaign_sent(campaign.id)
        except Exception as error:
            show_error(self, error)
            return
        data_events().changed(self)
        self.load()
        recorded = (
            self.tr("1 contact recorded.")
            if touches == 1
            else self.tr("%1 contacts recorded.").replace("%1", formatting.number(touches))
        )
        show_info(self, self.tr("Sent"), recorded)
