"""The Settings form, built from the declared settings: one editor per setting type.

Each editor is the Qt input itself (a QLineEdit, QSpinBox, QComboBox…) with an `edited` signal and
four methods: `setting_value()` (the value as the settings hold it; a UserError when the text can't
be read), `set_setting_value(value)`, `shown()` (what the owner sees, to tell their edit from a
reload) and `set_shown(shown)`. A setting of a new type needs an editor here; a new setting of a
known type needs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.i18n import t, translated
from app.domain.settings import (
    BusinessSettings,
    SettingSpec,
    SettingType,
    business_region,
    format_periods,
    parse_periods,
)
from app.domain.values import DEFAULT_REGION
from ui.messages import show_error
from ui.widgets.basics import show_as_error, text_label
from ui.window_state import last_folder, remember_folder


class SettingEditor(Protocol):
    edited: Any  # a Signal()

    def setting_value(self) -> object: ...
    def set_setting_value(self, value: object) -> None: ...
    def shown(self) -> object: ...
    def set_shown(self, shown: Any) -> None: ...


class TextEditor(QLineEdit):
    """One line of text; also phones, e-mail addresses and country codes (the domain cleans them)."""

    edited = Signal()

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        self.setPlaceholderText(t(spec.placeholder))
        self.setMaxLength(spec.max_length)
        self.textChanged.connect(lambda _text: self.edited.emit())

    def setting_value(self) -> object:
        return self.text()

    def set_setting_value(self, value: object) -> None:
        self.setText("" if value is None else str(value))

    def shown(self) -> object:
        return self.text()

    def set_shown(self, shown: Any) -> None:
        self.setText(shown)


class PhoneEditor(TextEditor):
    """A phone number as people write it in the business's country ("(410) 296-4820"), not as it is
    stored (+14102964820); what the owner types is read by the domain as before."""

    region = DEFAULT_REGION  # the business's country, set by the form before it fills the editors

    def set_setting_value(self, value: object) -> None:
        self.setText(formatting.phone(str(value), self.region) if value else "")


class MultilineEditor(QPlainTextEdit):
    edited = Signal()

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        self.setPlaceholderText(t(spec.placeholder))
        self.setTabChangesFocus(True)
        self.setFixedHeight(70)
        self.textChanged.connect(self.edited.emit)

    def setting_value(self) -> object:
        return self.toPlainText()

    def set_setting_value(self, value: object) -> None:
        self.setPlainText("" if value is None else str(value))

    def shown(self) -> object:
        return self.toPlainText()

    def set_shown(self, shown: Any) -> None:
        self.setPlainText(shown)


class IntEditor(QSpinBox):
    """A whole number within the setting's range (the spin box cannot leave it)."""

    edited = Signal()
    scale = 1

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        self.setRange(spec.minimum, spec.maximum)
        self.setMinimumWidth(100)
        self.valueChanged.connect(lambda _value: self.edited.emit())

    def setting_value(self) -> object:
        return self.value()

    def set_setting_value(self, value: object) -> None:
        self.setValue(int(value or 0))  # type: ignore[call-overload]

    def shown(self) -> object:
        return self.value()

    def set_shown(self, shown: Any) -> None:
        self.setValue(shown)


class PercentEditor(IntEditor):
    """A share in whole per cent; the settings hold it as a fraction (20% is 0.20)."""

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__(spec)
        self.setSuffix("%")  # "20%", as the US writes it

    def setting_value(self) -> object:
        return self.value() / 100

    def set_setting_value(self, value: object) -> None:
        self.setValue(round(float(value or 0) * 100))  # type: ignore[arg-type]


class ChoiceEditor(QComboBox):
    edited = Signal()

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        for stored, text in spec.choices:
            self.addItem(t(text), stored)
        self.currentIndexChanged.connect(lambda _index: self.edited.emit())

    def setting_value(self) -> object:
        return self.currentData()

    def set_setting_value(self, value: object) -> None:
        self.setCurrentIndex(max(self.findData(value), 0))

    def shown(self) -> object:
        return self.currentIndex()

    def set_shown(self, shown: Any) -> None:
        self.setCurrentIndex(shown)


class PeriodsEditor(QLineEdit):
    """Times of day as the owner writes them: "before 9:00, 17:30-19:30, after 20:30"."""

    edited = Signal()

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        self._spec = spec
        self.setPlaceholderText(t(spec.placeholder))
        self.textChanged.connect(lambda _text: self.edited.emit())

    def setting_value(self) -> object:
        return parse_periods(self.text(), self._spec)

    def set_setting_value(self, value: object) -> None:
        self.setText(format_periods(value))  # type: ignore[arg-type]

    def shown(self) -> object:
        return self.text()

    def set_shown(self, shown: Any) -> None:
        self.setText(shown)


class ImageEditor(QWidget):
    """A picture (the logo): a preview, Choose… and Remove; kept as a PNG no larger than needed."""

    edited = Signal()

    def __init__(self, spec: SettingSpec) -> None:
        super().__init__()
        self._spec = spec
        self._png = b""
        self.preview = QLabel(self.tr("No picture"))
        self.preview.setObjectName(f"{spec.name}_preview")
        self.preview.setFixedHeight(80)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(lambda _checked=False: self.choose())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda _checked=False: self._take(b""))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a picture"),
            last_folder(),
            self.tr("Pictures (*.png *.jpg *.jpeg *.bmp *.gif)"),
        )
        if not path:
            return
        remember_folder(str(Path(path).parent))
        self.use_file(path)

    def use_file(self, path: str) -> None:
        try:
            self._take(png_from_file(path, self._spec.max_pixels))
        except UserError as error:
            show_error(self, error)

    def _take(self, png: bytes) -> None:
        self.set_setting_value(png)
        self.edited.emit()

    def setting_value(self) -> object:
        return self._png

    def set_setting_value(self, value: object) -> None:
        self._png = bytes(value or b"")  # type: ignore[arg-type]
        pixmap = QPixmap()
        if self._png and pixmap.loadFromData(self._png):
            self.preview.setPixmap(pixmap.scaledToHeight(72, Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setText(self.tr("No picture"))
        self.remove_button.setEnabled(bool(self._png))

    def shown(self) -> object:
        return self._png

    def set_shown(self, shown: Any) -> None:
        self.set_setting_value(shown)


def png_from_file(path: str, max_pixels: int) -> bytes:
    """Any common picture as a PNG whose longer side is at most `max_pixels`."""
    image = QImage(path)
    if image.isNull():
        raise UserError(f"{Path(path).name} is not a picture this app can read (use PNG or JPEG).")
    if max(image.width(), image.height()) > max_pixels:
        image = image.scaled(
            max_pixels,
            max_pixels,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


EDITORS: dict[SettingType, Callable[[SettingSpec], QWidget]] = {
    SettingType.TEXT: TextEditor,
    SettingType.MULTILINE: MultilineEditor,
    SettingType.PHONE: PhoneEditor,
    SettingType.EMAIL: TextEditor,
    SettingType.COUNTRY: TextEditor,
    SettingType.INT: IntEditor,
    SettingType.PERCENT: PercentEditor,
    SettingType.CHOICE: ChoiceEditor,
    SettingType.PERIODS: PeriodsEditor,
    SettingType.IMAGE: ImageEditor,
}


class SettingsForm(QWidget):
    """A box per group, a row per setting: its label, editor, help text and (when wrong) its error."""

    edited = Signal()

    def __init__(self, groups: Iterable[tuple[str, list[SettingSpec]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.editors: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self.help: dict[str, QLabel] = {}
        labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group, specs in groups:
            box = QGroupBox(t(group))
            form = QFormLayout(box)
            for spec in specs:
                label, holder = self._row(spec)
                labels.append(label)
                form.addRow(label, holder)
            layout.addWidget(box)
        self.general_error = self._error_label("general_error")
        layout.addWidget(self.general_error)
        # Each group lays out its own labels; one width for all keeps the editors in one column.
        widest = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(widest)

    def _row(self, spec: SettingSpec) -> tuple[QLabel, QWidget]:
        editor = EDITORS[spec.type](spec)
        editor.setObjectName(spec.name)
        editor.setToolTip(t(spec.help))
        editor.edited.connect(self.edited.emit)  # type: ignore[attr-defined]
        self.editors[spec.name] = editor
        self.help[spec.name] = text_label(t(spec.help), f"{spec.name}_help", note=True)
        self.errors[spec.name] = self._error_label(f"{spec.name}_error")
        holder = QWidget()
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        # A number or a choice keeps its natural width; the help and the error take the whole row.
        narrow = editor.sizePolicy().horizontalPolicy() != QSizePolicy.Policy.Expanding
        column.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag(0))
        column.addWidget(self.help[spec.name])
        column.addWidget(self.errors[spec.name])
        label = QLabel(t(spec.label))
        label.setBuddy(editor)
        return label, holder

    @staticmethod
    def _error_label(name: str) -> QLabel:
        label = text_label("", name)
        show_as_error(label)
        label.hide()
        return label

    def values(self, names: Iterable[str] | None = None) -> dict[str, object]:
        """The settings as the form holds them; a UserError when one can't be read."""
        chosen = self.editors if names is None else names
        return {name: self.editors[name].setting_value() for name in chosen}

    def set_values(self, settings: BusinessSettings) -> None:
        region = business_region(settings)
        for name, editor in self.editors.items():
            if isinstance(editor, PhoneEditor):
                editor.region = region
            editor.blockSignals(True)  # a reload is not the owner's edit
            try:
                editor.set_setting_value(getattr(settings, name))
            finally:
                editor.blockSignals(False)

    def shown(self) -> dict[str, object]:
        return {name: editor.shown() for name, editor in self.editors.items()}

    def set_shown(self, shown: dict[str, object]) -> None:
        for name, value in shown.items():
            editor = self.editors[name]
            editor.blockSignals(True)
            try:
                editor.set_shown(value)
            finally:
                editor.blockSignals(False)

    def show_error(self, error: UserError | None) -> None:
        """The error under the setting it names (or under the form); None hides every error."""
        for label in (*self.errors.values(), self.general_error):
            label.hide()
        if error is None:
            return
        target = self.errors.get(error.field or "", self.general_error)
        target.setText(translated(error.message))
        target.show()
        QTimer.singleShot(0, target, lambda: _fit(target))  # dropped if the form closes


def _fit(label: QLabel) -> None:
    """A wrapped label learns its width only once laid out; give it the height its lines need."""
    width = label.parentWidget().width() if label.parentWidget() else label.width()
    label.setMinimumHeight(label.heightForWidth(max(width, 200)))
