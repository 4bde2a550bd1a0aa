"""The Settings page: the business's letterhead, paper, call window, contact limits and thresholds."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.domain.settings import BusinessSettings, format_quiet_hours, parse_quiet_hours
from app.services.settings import load_settings, save_settings
from ui.dialogs.form_dialog import Field, FormWidget
from ui.events import data_events
from ui.messages import show_error
from ui.window_state import last_folder, remember_folder

LOGO_MAX_SIZE = 600  # pixels on the longer side: plenty for a letterhead, small in the database

FIELDS = [
    Field("company_name", "Company name"),
    Field("address", "Address", "multiline"),
    Field("phone", "Phone"),
    Field("email", "E-mail"),
    Field("licence_number", "Licence number"),
    Field("signature_name", "Letters signed by"),
    Field("paper_size", "Paper size", "choice", (("US Letter", "letter"), ("A4", "a4"))),
    Field("quiet_hours", "No calls", placeholder="before 9:00, 17:30-19:30, after 20:30"),
    Field("marketing_gap_days", "Days between marketing contacts", "int", maximum=365),
    Field("check_in_after_days", "Check in with recent buyers after (days)", "int", maximum=3650),
    Field("follow_up_after_days", "Follow up after a sale after (days)", "int", maximum=365),
    Field("renewal_notice_days", "Plan renewal notice (days before)", "int", maximum=365),
    Field("replacement_warning_years", "Replacement notice (years before end of life)", "int", maximum=10),
    Field("recent_buyer_years", "A recent buyer bought within (years)", "int", minimum=1, maximum=20),
    Field(
        "top_customer_share_percent", "Warn when one customer brings over (%)", "int", minimum=1, maximum=100
    ),
]


class SettingsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = BusinessSettings()
        self.form = FormWidget(FIELDS, self._build)
        self.logo = QLabel(self.tr("No logo"))
        self.logo.setObjectName("logoPreview")
        self.logo.setFixedHeight(80)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        choose_logo = QPushButton(self.tr("Choose logo…"))
        choose_logo.clicked.connect(self.choose_logo)
        remove_logo = QPushButton(self.tr("Remove logo"))
        remove_logo.clicked.connect(lambda: self._set_logo(b""))
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.form.validity_changed.connect(self.save_button.setEnabled)
        self.saved_label = QLabel()

        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose_logo)
        logo_row.addWidget(remove_logo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(QLabel(self.tr("<h2>Your business</h2>")))
        column.addLayout(logo_row)
        column.addWidget(self.form)
        column.addLayout(buttons)
        column.addStretch(1)
        inner.setMaximumWidth(760)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.form.editors["company_name"].textChanged.connect(lambda _t: self.saved_label.clear())

    def _build(self, values: dict[str, Any]) -> BusinessSettings:
        values = dict(values)
        values["quiet_hours"] = parse_quiet_hours(values["quiet_hours"])
        values["top_customer_share_warning"] = values.pop("top_customer_share_percent") / 100
        return dataclasses.replace(self._settings, **values)

    def load(self) -> None:
        self._settings = load_settings()
        values = {f.name: getattr(self._settings, f.name, None) for f in FIELDS}
        values["quiet_hours"] = format_quiet_hours(self._settings.quiet_hours)
        values["top_customer_share_percent"] = round(self._settings.top_customer_share_warning * 100)
        self.form.set_values(values)
        self._show_logo(self._settings.logo_png)
        self.saved_label.clear()

    def save(self) -> None:
        if not self.form.check_all():
            return
        try:
            self._settings = save_settings(self.form.result_draft)
        except Exception as error:
            show_error(self, error)
            return
        self.saved_label.setText(self.tr("Saved."))
        data_events().announce({"setting"}, self)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose your logo"),
            last_folder(),
            self.tr("Pictures (*.png *.jpg *.jpeg *.bmp *.gif)"),
        )
        if not path:
            return
        remember_folder(str(Path(path).parent))
        try:
            self._set_logo(logo_png_from_file(path))
        except UserError as error:
            show_error(self, error)

    def _set_logo(self, png: bytes) -> None:
        self._settings = dataclasses.replace(self._settings, logo_png=png)
        self.form.validate()
        self._show_logo(png)
        self.saved_label.setText(self.tr("Save to keep the new logo."))

    def _show_logo(self, png: bytes) -> None:
        pixmap = QPixmap()
        if png and pixmap.loadFromData(png):
            self.logo.setPixmap(pixmap.scaledToHeight(72, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.setText(self.tr("No logo"))


def logo_png_from_file(path: str) -> bytes:
    """Any common picture as a PNG no larger than the letterhead needs."""
    image = QImage(path)
    if image.isNull():
        raise UserError(f"{Path(path).name} is not a picture this app can read (use PNG or JPEG).")
    if max(image.width(), image.height()) > LOGO_MAX_SIZE:
        image = image.scaled(
            LOGO_MAX_SIZE,
            LOGO_MAX_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())
