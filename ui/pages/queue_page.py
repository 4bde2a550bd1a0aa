"""The Follow-up queue: today's calls in order, everything each call needs, one click per outcome."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock, formatting
from app.domain.history import outcome_word
from app.domain.i18n import count_words, t, translated
from app.domain.money import format_money
from app.domain.opportunities import reason_with_value
from app.domain.respect import BOOKED_OTHERS_RETRY_DAYS
from app.services import queue as queue_service
from app.services.opportunities import recompute_opportunities
from ui.editing import Editor
from ui.events import data_events
from ui.messages import show_error
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.text import count_text, date_text

OUTCOME_BUTTONS = (
    ("no_answer", "No answer", "1"),
    ("left_message", "Left message", "2"),
    ("booked", "Booked", "3"),
    ("not_interested", "Not interested", "4"),
    ("do_not_call_again", "Do not call again", "5"),
)


def describe_entry(entry: queue_service.QueueEntry) -> str:
    """Everything the call needs, as plain text (customer text is never markup), in the owner's
    language: the call sheet's words (app.domain.i18n), the stored reasons read back."""
    lines = [entry.name]
    phones = "   ".join(f"{t(label)} {number}" for label, number in entry.phones)
    lines.append(phones or t("No phone on file"))
    if entry.address:
        lines.append(entry.address)
    if entry.call_window:
        window = t("their window {window}", window=entry.call_window)
    else:
        window = t("no preferred time")
    call_at = formatting.time_text(entry.suggested_time)
    times = entry.call_times or t("then")
    lines.append(t("Call at {time}; may call {times} ({window})", time=call_at, times=times, window=window))
    lines.append("")
    lines.append(t("Why now:"))
    lines += [f"  • {t(r.kind_label)}: {reason_with_value(r.reason, r.value)}" for r in entry.reasons]
    if len(entry.reasons) > 1:
        others = count_words(len(entry.reasons) - 1, t("other reason"))
        lines.append(
            t(
                "  “Booked” wins the first; {others} will be marked contacted and come back in {days} days.",
                others=others,
                days=BOOKED_OTHERS_RETRY_DAYS,
            )
        )
    if entry.equipment:
        lines.append("")
        lines.append(t("Owns:"))
        lines += [f"  • {translated(item.describe())}" for item in entry.equipment]
    lines.append("")
    last = entry.last_contact.describe() if entry.last_contact else t("none on record")
    lines.append(t("Last contact: {last}", last=last))
    if entry.segment:
        lines.append("")
        lines.append(t("Pitch ({segment}): {pitch}", segment=entry.segment, pitch=entry.pitch).strip(": "))
        lines += [f"  – {point}" for point in entry.talking_points]
    return "\n".join(lines)


class QueuePage(QWidget):
    print_requested = Signal(object)  # the day

    def __init__(
        self, runner: TaskRunner, editor: Editor | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.editor = editor  # a logged call goes on the window's one undo stack
        self.day = clock.today()
        self.waiting = 0  # due today but past the day's calls: they come first on the next days
        self.missed = 0  # on the day's list, but their calling hours are over by now
        self.heading = QLabel()
        self.heading.setObjectName("queueHeading")
        self.heading.setWordWrap(True)  # the day, how many wait and how many were missed: long in Spanish
        self.refresh_button = QPushButton(self.tr("Find who is due"))
        self.refresh_button.setToolTip(
            self.tr("Work out again who is due for what, from everything on record")
        )
        self.refresh_button.clicked.connect(self.recompute)
        self.print_button = QPushButton(self.tr("Print call sheet…"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.day))

        self.entries = RowsModel(
            [
                ("Time", lambda e: formatting.time_text(e.suggested_time)),
                ("Customer", lambda e: e.name),
                ("Phone", lambda e: e.phones[0][1] if e.phones else ""),
                (
                    "Why",
                    lambda e: "; ".join(dict.fromkeys(t(r.kind_label) for r in e.reasons)),
                ),  # each kind once
                ("Value", lambda e: format_money(e.value)),
                ("Due", lambda e: date_text(e.due)),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setObjectName("queueTable")
        self.view.setModel(self.entries)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())

        self.detail = QLabel()
        self.detail.setObjectName("queueDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[str, QPushButton] = {}
        for outcome, text, key in OUTCOME_BUTTONS:
            button = QPushButton(t(text))  # the outcomes are the domain's words (app_<language>.toml)
            button.setObjectName(f"outcome_{outcome}")
            button.setShortcut(f"Alt+{key}")
            button.setToolTip(self.tr("Alt+%1").replace("%1", key))
            button.clicked.connect(lambda _checked=False, o=outcome: self.log(o))
            self.outcome_buttons[outcome] = button
            outcome_row.addWidget(button)
        scroll = QScrollArea()  # a commercial customer with many units needs more than one screen
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(scroll, 1)
        right_layout.addLayout(outcome_row)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._show_selected()
        data_events().data_changed.connect(self._on_data_changed)

    # --- loading ------------------------------------------------------------------------
    def load(self) -> None:
        """Build today's list off the GUI thread: the call sheet's (the Calls per day setting), from now
        on (calls whose window has gone by are not offered, and nobody takes their place)."""
        self.day = clock.today()
        self.heading.setText(self.tr("Calls for %1 — working it out…").replace("%1", self._day_text()))
        self.runner.run(
            self.tr("Preparing today's calls…"),
            lambda _progress, _cancel: queue_service.plan_from_now(self.day),
            on_done=self.show_plan,
        )

    def show_plan(self, plan: queue_service.DayPlan) -> None:
        self.waiting, self.missed = plan.waiting, plan.missed
        self.show_entries(plan.entries)

    def show_entries(self, entries: list[Any]) -> None:
        self.entries.set_rows(entries)
        heading = (
            self.tr("Calls for %1: %2")
            .replace("%1", self._day_text())
            .replace(
                "%2", count_text(len(entries), "customer") if entries else self.tr("nobody is due right now")
            )
        )
        if self.waiting:
            waiting = count_text(self.waiting, self.tr("more waits"), self.tr("more wait"))
            heading += self.tr(" (%1 for the next days)").replace("%1", waiting)
        if self.missed:
            missed = count_text(self.missed, self.tr("call"))
            heading += self.tr("; %1 left out: their calling hours are over for today").replace("%1", missed)
        self.heading.setText(heading)
        if entries:
            self.view.selectRow(0)
        self._show_selected()

    def _day_text(self) -> str:
        """ "Wednesday, December 2": the year too should the day not be in the current one."""
        return formatting.weekday_date(self.day, year=False)

    def selected_entry(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.entries.row_object(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        entry = self.selected_entry()
        self.detail.setText(describe_entry(entry) if entry else self.tr("Pick a call in the list."))
        for button in self.outcome_buttons.values():
            button.setEnabled(entry is not None)
        # Say what one click on "Booked" wins: the call's first reason, not every reason of the customer.
        booked = self.outcome_buttons["booked"]
        tip = self.tr("Alt+%1").replace("%1", "3")
        if entry is not None and entry.reasons:
            lead = entry.reasons[0]
            tip = (
                self.tr("Marks “%1” won (%2); the customer's other reasons are marked contacted")
                .replace("%1", f"{t(lead.kind_label)}: {translated(lead.reason)}")
                .replace("%2", format_money(lead.value))
                + " · "
                + tip
            )
        booked.setToolTip(tip)

    # --- work --------------------------------------------------------------------------------
    def log(self, outcome: str) -> None:
        """One click: the touch is recorded, the opportunities move on, and the next call is selected."""
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.view.selectionModel().selectedRows()[0].row()
        try:
            logged = {"call": queue_service.log_outcome(entry, outcome)}
        except Exception as error:
            show_error(self, error)
            return
        remaining = [self.entries.row_object(r) for r in range(self.entries.rowCount()) if r != row]
        self.show_entries(remaining)
        if remaining:
            self.view.selectRow(min(row, len(remaining) - 1))
        if self.editor is None:
            data_events().changed(self)
            return

        def redo() -> None:
            logged["call"] = queue_service.log_outcome(entry, outcome)

        text = (
            self.tr("Log call with %1: %2")
            .replace("%1", entry.name)
            .replace("%2", outcome_word(outcome.replace("_", " ")))
        )
        self.editor.record_done(text, redo, lambda: queue_service.undo_call(logged["call"]), initiator=self)

    def recompute(self) -> None:
        # The announced change reloads this page (and any other that shows opportunities).
        self.runner.run(
            self.tr("Working out who is due for what…"),
            lambda progress, cancel: recompute_opportunities(progress=progress, cancel=cancel),
        )

    def _on_data_changed(self, changes: frozenset[str], initiator: object) -> None:
        if initiator is not self and changes & {"customer", "opportunity"} and self.isVisible():
            self.load()
