"""One form dialog for every record: fields from a spec, checked by the domain as you type.

A form is a list of `Field`s and a `build(values) -> draft` function; the
draft's own `validated()` decides what is wrong, and its UserError is shown
under the field it names. Save stays disabled while anything is wrong.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import clock
from app.domain.errors import UserError
from app.domain.i18n import DEFAULT_LANGUAGE, language, t, translated
from app.domain.values import parse_date_text
from ui.widgets.basics import fit_to_screen, show_as_error

KEPT = "kept"
# How a date and a moment read in their editors, as the language writes a short date
# (app.domain.formatting: "Dec 2, 2026" / "2 dic 2026"); the same words as the app's, from Qt's locale.
_DATE_FORMATS = {
    "en": ("MMM d, yyyy", "MMM d, yyyy h:mm AP"),
    "es": ("d MMM yyyy", "d MMM yyyy h:mm ap"),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    # text | multiline | bool | choice | date | optional_date | datetime | money | int, or "kept": a value
    # the app sets (a consent's date, a contact's direction), not shown, carried back as it was given.
    kind: str = "text"
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    placeholder: str = ""
    minimum: int = 0
    maximum: int = 999
    # The choices are the owner's data (segments, sites, equipment): shown as typed, not translated.
    data_choices: bool = False


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_formats() -> tuple[str, str]:
    return _DATE_FORMATS.get(language(), _DATE_FORMATS[DEFAULT_LANGUAGE])


class FormWidget(QWidget):
    """The fields, their error labels and the checking; `validity_changed` drives a Save button."""

    validity_changed = Signal(bool)

    def __init__(
        self,
        fields: Sequence[Field],
        build: Callable[[dict[str, Any]], Any],
        values: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fields = [spec for spec in fields if spec.kind != KEPT]
        self._kept_names = [spec.name for spec in fields if spec.kind == KEPT]
        self._kept: dict[str, Any] = {}  # the stored values of the kept fields, so a save keeps them
        self._build = build
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.result_draft: Any = None
        # Until the owner changes something (or presses Save), only a value that is there and wrong is
        # pointed out: a new record's empty name is not a mistake yet.
        self._show_errors = False

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in self._fields:
            editor = self._make_editor(spec)
            editor.setObjectName(spec.name)
            self.editors[spec.name] = editor
            error = QLabel()
            error.setObjectName(f"{spec.name}_error")
            show_as_error(error)
            error.setWordWrap(True)
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.hide()
            self.errors[spec.name] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            holder = QWidget()
            holder.setLayout(column)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel(t(spec.label))  # a declared field's label is the app's word (app_<language>.toml)
            label.setBuddy(editor)
            form.addRow(label, holder)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        show_as_error(self.general_error)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        if values:
            self.set_values(values)  # checks them
        else:
            self.validate()

    # --- editors -----------------------------------------------------------------------
    def _make_editor(self, spec: Field) -> QWidget:
        kind = spec.kind
        if kind == "multiline":
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(70)
            editor.textChanged.connect(self._changed)
        elif kind == "bool":
            editor = QCheckBox()
            editor.toggled.connect(self._changed)
        elif kind == "choice":
            editor = QComboBox()
            for text, value in spec.choices:
                editor.addItem(text if spec.data_choices else t(text), value)
            editor.currentIndexChanged.connect(self._changed)
        elif kind == "date":
            editor = QDateEdit(_qdate(clock.today()))  # the app's one clock, not the wall's
            editor.setCalendarPopup(True)
            editor.setDisplayFormat(_date_formats()[0])
            editor.dateChanged.connect(self._changed)
        elif kind == "datetime":
            now = clock.now()
            editor = QDateTimeEdit(QDateTime(_qdate(now.date()), QTime(now.hour, now.minute)))
            editor.setCalendarPopup(True)
            editor.setDisplayFormat(_date_formats()[1])
            editor.dateTimeChanged.connect(self._changed)
        elif kind == "int":
            editor = QSpinBox()
            editor.setRange(spec.minimum, spec.maximum)
            editor.valueChanged.connect(self._changed)
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(
                t(spec.placeholder or ("e.g. 3/15/2009" if kind == "optional_date" else ""))
            )
            editor.textChanged.connect(self._changed)
        return editor

    def set_values(self, values: dict[str, Any]) -> None:
        showing = self._show_errors  # values put in are not the owner's changes
        self._fill(values)
        self._show_errors = showing
        self.validate()

    def _fill(self, values: dict[str, Any]) -> None:
        self._kept.update({name: values[name] for name in self._kept_names if name in values})
        for spec in self._fields:
            if spec.name not in values:
                continue
            value, editor = values[spec.name], self.editors[spec.name]
            if spec.kind == "multiline":
                editor.setPlainText(value or "")
            elif spec.kind == "bool":
                editor.setChecked(bool(value))
            elif spec.kind == "choice":
                index = editor.findData(value)
                editor.setCurrentIndex(max(index, 0))
            elif spec.kind == "date" and value:
                editor.setDate(_qdate(value))
            elif spec.kind == "datetime" and value:
                editor.setDateTime(QDateTime(_qdate(value), QTime(value.hour, value.minute)))
            elif spec.kind == "int":
                editor.setValue(int(value or 0))
            elif spec.kind == "optional_date":
                editor.setText(value.strftime("%m/%d/%Y") if value else "")
            else:
                editor.setText("" if value is None else str(value))

    def values(self) -> dict[str, Any]:
        """What the form holds, as Python values (the kept ones as given); a date that can't be read
        raises a UserError."""
        result: dict[str, Any] = dict(self._kept)
        for spec in self._fields:
            editor = self.editors[spec.name]
            if spec.kind == "multiline":
                result[spec.name] = editor.toPlainText()
            elif spec.kind == "bool":
                result[spec.name] = editor.isChecked()
            elif spec.kind == "choice":
                result[spec.name] = editor.currentData()
            elif spec.kind == "date":
                result[spec.name] = editor.date().toPython()
            elif spec.kind == "datetime":
                result[spec.name] = editor.dateTime().toPython().replace(second=0, microsecond=0)
            elif spec.kind == "int":
                result[spec.name] = editor.value()
            elif spec.kind == "optional_date":
                result[spec.name] = parse_date_text(editor.text(), spec.name, spec.label)
            else:
                result[spec.name] = editor.text()
        return result

    def first_text_editor(self) -> QWidget | None:
        """The first field one types into (a choice or a checkbox before it is passed over)."""
        return next(
            (
                editor
                for editor in self.editors.values()
                if isinstance(editor, QLineEdit | QPlainTextEdit) and editor.isEnabled()
            ),
            None,
        )

    # --- checking ----------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self._show_errors = True
        self.validate()

    def validate(self) -> bool:
        for label in self.errors.values():
            label.hide()
        self.general_error.hide()
        try:
            draft = self._build(self.values())
            self.result_draft = draft.validated()
        except UserError as error:
            self.result_draft = None
            target = self.errors.get(error.field or "", self.general_error)
            target.setText(translated(error.message))
            shown = self._show_errors or self._holds_a_value(error.field)
            target.setVisible(shown)
            if shown:
                QTimer.singleShot(0, target, lambda: self._fit(target))  # dropped if the form closes
        self.validity_changed.emit(self.result_draft is not None)
        return self.result_draft is not None

    def _holds_a_value(self, name: str | None) -> bool:
        editor = self.editors.get(name or "")
        if isinstance(editor, QLineEdit):
            return bool(editor.text().strip())
        if isinstance(editor, QPlainTextEdit):
            return bool(editor.toPlainText().strip())
        return False

    @staticmethod
    def _fit(label: QLabel) -> None:
        """A wrapped label learns its width only once laid out; give it the height its lines need."""
        width = label.parentWidget().width() if label.parentWidget() else label.width()
        label.setMinimumHeight(label.heightForWidth(max(width, 200)))

    def error_text(self) -> str:
        shown = [
            label.text() for label in [*self.errors.values(), self.general_error] if not label.isHidden()
        ]
        return " ".join(shown)

    def check_all(self) -> bool:
        """Validate and show whatever is wrong (on Save, even in untouched fields)."""
        self._show_errors = True
        return self.validate()


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        build: Callable[[dict[str, Any]], Any],
        values: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        action: str = "",
    ) -> None:
        """`action`: what the OK button says when the form does not save a record ("Preview")."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if action:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(action)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.form = FormWidget(fields, build, None, self)
        self.form.validity_changed.connect(
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled
        )
        if values:
            self.form.set_values(values)  # checks them, and so sets the button
        else:
            self.form.validate()  # once the button listens
        # A long form (the customer's) scrolls where the screen is short (150 % on a laptop), its
        # buttons always in sight below it.
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        wanted = self.form.sizeHint().height() + self.buttons.sizeHint().height() + 3 * layout.spacing() + 24
        fit_to_screen(self, 560, wanted)
        first = self.form.first_text_editor()
        if first is not None:
            first.setFocus()  # given once the dialog shows: typing starts in the name, not in "Kind"

    @property
    def result_draft(self) -> Any:
        return self.form.result_draft

    @property
    def editors(self) -> dict[str, QWidget]:
        return self.form.editors

    def error_text(self) -> str:
        return self.form.error_text()

    def _save(self) -> None:
        if self.form.check_all():
            self.accept()
