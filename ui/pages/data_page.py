"""The "Your data" page: backups and restore, a customer's data on request, and office mode.

The page only composes its three sections (ui/pages/backup_section.py,
privacy_section.py and office_section.py), tells them which database is open, and
announces what they changed as its own, so other pages know who changed it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.events import data_events
from ui.pages.backup_section import BackupSection
from ui.pages.office_section import OfficeSection, open_database_location
from ui.pages.privacy_section import PrivacySection
from ui.tasks import TaskRunner
from ui.widgets.basics import text_label


class DataPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.is_office = False
        heading = QLabel(self.tr("<h2>Your data</h2>"))
        intro = text_label(
            self.tr("Your customer list is the business: keep it backed up, and handle what it holds about "
                    "people the way they ask."), note=True
        )  # fmt: skip
        self.backups = BackupSection(runner)
        self.privacy = PrivacySection(runner)
        self.office = OfficeSection(runner)
        self.backups.changed.connect(self._announce)
        self.privacy.changed.connect(self._announce)
        self._name_controls()
        inner = QWidget()
        inner.setMaximumWidth(900)
        column = QVBoxLayout(inner)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addWidget(self.backups)
        column.addWidget(self.privacy)
        column.addWidget(self.office)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _name_controls(self) -> None:
        """The sections' controls, reachable from the page by the names they had before it was split."""
        self.location_warning = self.backups.location_warning
        self.folder_label = self.backups.folder_label
        self.change_folder_button = self.backups.change_folder_button
        self.open_folder_button = self.backups.open_folder_button
        self.last_backup = self.backups.last_backup
        self.backup_button = self.backups.backup_button
        self.restore_button = self.backups.restore_button
        self.backup_result = self.backups.backup_result
        self.export_button = self.privacy.export_button
        self.erase_button = self.privacy.erase_button
        self.privacy_result = self.privacy.privacy_result
        self.database_label = self.office.database_label
        self.url_field = self.office.url_field
        self.test_button = self.office.test_button
        self.test_result = self.office.test_result
        self.command = self.office.command

    def load(self) -> None:
        location = open_database_location(self.runner)
        self.is_office = "://" in location
        self.office.show_location(location)
        self.backups.load(self.is_office)

    def _announce(self) -> None:
        """What a section changed, announced as the page's doing (pages skip their own changes)."""
        data_events().changed(self)
