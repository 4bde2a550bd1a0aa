"""The Letters page: the owner edits the wording of each letter template and sees the letter as it prints.

The preview is page 1 of the letter rendered for one sample recipient: a real
customer the template serves (found once per template on the task runner, since
the audience query may take a moment on a large base), else a built-in sample.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock
from app.domain.errors import UserError
from app.domain.i18n import t, translated
from app.domain.opportunities import KIND_LABELS
from app.domain.postal import MailingAddress
from app.domain.templates import CONDITIONS, FIELDS, LetterTemplate, check_template
from app.services.documents import (
    LetterData,
    load_templates,
    render_letters,
    reset_template,
    save_template,
    shipped_templates,
)
from app.services.documents.letter_templates import equipment_wording
from app.services.mailings import letters_for
from app.services.settings import load_settings
from ui.messages import confirm, show_error
from ui.models.rows_model import RowsModel
from ui.tasks import TaskRunner
from ui.widgets.basics import show_as_error

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 400  # after the last keystroke
KINDS = {str(kind): label for kind, label in KIND_LABELS.items()}
PURPOSES = {**KINDS, "partner_intro": "Partner introduction"}  # English; shown through t()
SAMPLE_KIND = "furnace"  # the built-in sample's equipment, with the wording its letters use


def purpose_label(purpose: str) -> str:
    """What a template is for, in the owner's language ("Renovación")."""
    return t(PURPOSES[purpose]) if purpose in PURPOSES else ""


def _plain_editor(name: str, lines: int | None = None) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(name)
    if lines:
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 14)
    return editor


class LettersPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.current: LetterTemplate | None = None
        self.samples: dict[str, LetterData] = {}  # by purpose: the real customer found for it
        self._loading = False
        self._dirty = False  # edits not saved yet
        self._renders = 0
        self._folder = tempfile.TemporaryDirectory(prefix="cfl-letter-preview-")
        self.preview_path: Path | None = None

        self.model = RowsModel(
            [
                (self.tr("Letter"), lambda template: template.title),
                (self.tr("For"), lambda template: purpose_label(template.purpose)),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("templates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The titles and what they are for wrap within the pane rather than being cut ("Gracias /
        # seguimiento…", "Mantenimiento pendiente" are longer than the English): a short list, so
        # each row may take the lines it needs.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show(current.row()))

        self.field_list = QListWidget()
        self.field_list.setObjectName("fields")
        for name, meaning in FIELDS.items():
            item = QListWidgetItem("{" + name + "}")  # item text is never read as markup
            item.setToolTip(t(meaning))
            self.field_list.addItem(item)
        for name, meaning in CONDITIONS.items():  # a part printed only when this holds
            item = QListWidgetItem(f"[[when {name}: ]]")
            item.setToolTip(t(meaning))
            self.field_list.addItem(item)
        self.field_list.itemDoubleClicked.connect(self._insert_field)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 3)
        fields_help = QLabel(
            self.tr(
                "Fields you can use (double-click to add one to the letter; [[ ]] around a part "
                "prints it only when its fields have values):"
            )
        )
        fields_help.setWordWrap(True)
        left_layout.addWidget(fields_help)
        left_layout.addWidget(self.field_list, 2)

        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.greetings = _plain_editor("greetings", 3)
        self.body = _plain_editor("body")
        self.closing = QLineEdit()
        self.closing.setObjectName("closing")
        self.postcard = _plain_editor("postcard", 3)
        form = QFormLayout()
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Greetings\n(first that fits,\none a line)"), self.greetings)
        form.addRow(self.tr("Letter\n(blank line\nbetween\nparagraphs)"), self.body)
        form.addRow(self.tr("Closing"), self.closing)
        form.addRow(self.tr("Postcard"), self.postcard)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        show_as_error(self.message)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Back to the shipped wording"))
        self.reset_button.setObjectName("reset")
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(form, 1)
        middle_layout.addWidget(self.message)
        middle_layout.addLayout(buttons)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("preview")
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.sample_label = QLabel()
        self.sample_label.setObjectName("sample")
        self.sample_label.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.sample_label)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter()
        for widget in (left, middle, right):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([300, 560, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.render_preview)
        for editor in (self.subject, self.closing):
            editor.textChanged.connect(self._edited)
        for editor in (self.greetings, self.body, self.postcard):
            editor.textChanged.connect(self._edited)

    # ------------------------------------------------------------ loading and choosing

    def load(self) -> None:
        name = self.current.name if self.current else None
        try:
            templates = sorted(load_templates().values(), key=lambda t: t.title.casefold())
        except Exception as error:  # a broken file shows a message, never a traceback
            show_error(self, error)
            return
        self.model.set_rows(templates)
        names = [t.name for t in templates]
        row = names.index(name) if name in names else 0
        if self._dirty and name in names:
            self._select(name)  # the owner's unsaved edits stay in the editors
            return
        if templates:
            self.current = None  # reload the editors from what is stored
            self.table.selectRow(row)
            self._show(row)

    def _show(self, row: int) -> None:
        if row < 0 or row >= self.model.rowCount():
            return
        template: LetterTemplate = self.model.row_object(row)
        if self.current is not None and self.current.name == template.name:
            return
        if self._dirty and self.current is not None and not self._discard_edits():
            self._select(self.current.name)
            return
        self.current = template
        self._fill_editors(template)
        self._find_sample(template.purpose)

    def _fill_editors(self, template: LetterTemplate) -> None:
        self._loading = True
        try:
            self.subject.setText(template.subject)
            self.greetings.setPlainText("\n".join(template.greetings))
            self.body.setPlainText(template.body.strip())
            self.closing.setText(template.closing)
            self.postcard.setPlainText(template.postcard.strip())
        finally:
            self._loading = False
        self._dirty = False
        self.reset_button.setEnabled(template.name in shipped_templates())
        self.message.clear()
        self.render_preview()

    def _discard_edits(self) -> bool:
        question = self.tr("Your changes to “%1” are not saved. Leave them?")
        return confirm(
            self,
            self.tr("Unsaved changes"),
            question.replace("%1", self.current.title if self.current else ""),
            self.tr("Leave them"),
        )

    def _select(self, name: str) -> None:
        """Put the selection back on a template without treating it as a new choice."""
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).name == name:
                blocked = self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(blocked)
                return

    def _find_sample(self, purpose: str) -> None:
        if purpose not in KINDS or purpose in self.samples:
            return

        def found(letters: Any) -> None:
            if letters:
                self.samples[purpose] = letters[0]
                if self.current is not None and self.current.purpose == purpose:
                    self.render_preview()

        self.runner.run(
            self.tr("Finding a customer for the preview"),
            lambda _progress, _cancel: letters_for(purpose, limit=1).letters,
            on_done=found,
            on_failed=lambda _error: None,  # the built-in sample stays
            quiet=True,
        )

    def _insert_field(self, item: QListWidgetItem) -> None:
        self.body.insertPlainText(item.text())
        self.body.setFocus()

    # ------------------------------------------------------------ editing

    def _edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self.timer.start()  # restarts: the preview waits for a pause in typing

    def draft(self) -> LetterTemplate | None:
        if self.current is None:
            return None
        return dataclasses.replace(
            self.current,
            subject=self.subject.text(),
            greetings=tuple(
                line.strip() for line in self.greetings.toPlainText().splitlines() if line.strip()
            ),
            body=self.body.toPlainText(),
            closing=self.closing.text(),
            postcard=self.postcard.toPlainText(),
        )

    def save(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        try:
            saved = save_template(draft)
        except UserError as error:
            self.message.setText(translated(error.message))
            return
        self.current = saved
        self._dirty = False
        self.message.setText("")
        self.sample_label.setText(self.tr("Saved. ") + self._sample_text())

    def reset(self) -> None:
        if self.current is None or self.current.name not in shipped_templates():
            return
        question = self.tr("Forget your changes to “%1” and go back to the wording the app ships with?")
        if not confirm(
            self,
            self.tr("Back to the shipped wording"),
            question.replace("%1", self.current.title),
            self.tr("Go back"),
        ):
            return
        try:
            shipped = reset_template(self.current.name)
        except UserError as error:
            show_error(self, error)
            return
        if shipped is not None:
            self.current = shipped
            self._fill_editors(shipped)

    # ------------------------------------------------------------ preview

    def _sample(self) -> LetterData:
        found = self.samples.get(self.current.purpose) if self.current else None
        return found or self.built_in_sample()

    def built_in_sample(self) -> LetterData:
        """Ann Smith and her furnace, in the owner's language, for a template no customer is due for."""
        today = clock.today()
        name = "Ann Smith"
        wording = equipment_wording(SAMPLE_KIND)  # its benefit and risk, and its kind in Spanish
        kind = wording.get("equipment_kind", SAMPLE_KIND)
        return LetterData(
            self.tr("Sample (%1)").replace("%1", name),
            MailingAddress(name=name, street="12 Elm St", city="Towson", region="MD", postal_code="21204"),
            {
                "first_name": "Ann",
                "last_name": "Smith",
                "full_name": name,
                "display_name": name,
                "street": "12 Elm St",
                "city": "Towson",
                "site_address": "12 Elm St, Towson",
                **wording,
                "equipment_kind": kind,
                "equipment_brand": "Carrier",
                "equipment_model": "59SC5",
                "equipment_age": 16,
                "installed_year": today.year - 16,
                "lifespan": self.tr("15–20 years"),
                "plan_name": "Comfort Club",
                "plan_end_date": today + datetime.timedelta(days=30),
                "product_name": self.tr("smart thermostat"),
                "offer": self.tr("$100 off a new system"),
                "offer_ends": today + datetime.timedelta(days=45),
                "warranty_end_date": today + datetime.timedelta(days=40),
                "last_visit": today - datetime.timedelta(days=250),
                "job_date": today - datetime.timedelta(days=14),
                "new_equipment": kind,
                "partner_name": "Towson Electric",
                "partner_trade": self.tr("electrician"),
                "partner_contact": "Dan Miller",
                "partner_phone": "(410) 555-0134",
            },
        )

    def _sample_text(self) -> str:
        """ "Preview for Carol Turner": a real customer due for the letter, by name (the record's number
        is no business of the page), or the built-in "Sample (Ann Smith)"."""
        due = self.samples.get(self.current.purpose) if self.current else None
        who = (due.address.name or due.address.company) if due else ""
        return self.tr("Preview for %1").replace("%1", who or self._sample().key)

    def render_preview(self) -> None:
        """Rendered on the GUI thread: one page takes about 50 ms, less than a round trip to a worker."""
        self.timer.stop()
        draft = self.draft()
        if draft is None:
            return
        self.sample_label.setText(self._sample_text())
        self._renders += 1
        out = Path(self._folder.name) / f"preview-{self._renders}.pdf"
        try:
            template = check_template(draft)
            result = render_letters([self._sample()], out, load_settings(), template)
            if result.exceptions and not result.printed:
                raise UserError(result.exceptions[0].reason)
        except UserError as error:
            self.message.setText(translated(error.message))
            return
        except Exception:  # the owner is typing; a bug must not interrupt with a dialog
            log.exception("letter preview failed")
            self.message.setText(self.tr("The preview could not be drawn; the details are in the log."))
            return
        self.message.setText("")
        self.document.load(str(out))
        old, self.preview_path = self.preview_path, out
        if old is not None:
            old.unlink(missing_ok=True)
