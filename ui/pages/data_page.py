"""The "Your data" page: backups and restore, a customer's data on request, and office mode.

Everything that reads or writes the database or a backup file runs through the
TaskRunner: a backup of 100,000 customers takes seconds, and so does counting the
customers in a folder of backups.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from app.services import backups, office, privacy
from app.services.customers import count_customers
from ui.dialogs.customer_picker import CustomerPickerDialog
from ui.dialogs.restore_dialog import RestoreDialog, customers_text, label_text, when_text
from ui.events import data_events
from ui.messages import confirm, show_error, show_info
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.window_state import last_folder, remember_folder

# A restore replaces everything, so every page reloads.
ALL_CHANGES = {
    "customer", "site", "equipment", "visit", "sale", "service_plan", "touch", "opportunity",
    "partner", "referral", "setting", "catalog_item", "segment", "campaign",
}  # fmt: skip
ERASE_CHANGES = {
    "customer", "site", "equipment", "visit", "sale", "service_plan", "touch", "opportunity",
    "referral", "campaign",
}  # fmt: skip
WARNING_STYLE = "background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"
NOTE_STYLE = "color: #555;"


class _Outcome(QLabel):
    """The outcome of the last action: takes no room until there is something to say."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def _label(text: str = "", name: str = "", *, note: bool = False, outcome: bool = False) -> QLabel:
    """Plain text (paths and names are never markup), wrapped, selectable for copying."""
    label = _Outcome(text) if outcome else QLabel(text)
    label.setVisible(bool(text) or not outcome)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if note:
        label.setStyleSheet(NOTE_STYLE)
    return label


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def hide_password(location: str) -> str:
    """A postgresql:// address as it may be shown on screen: without its password."""
    if "://" not in location:
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, ""))


def open_database_location(runner: TaskRunner) -> str:
    """The database this window has open (what the main window shows in its status bar)."""
    label = getattr(runner.parent(), "database_label", None)
    return label.text() if isinstance(label, QLabel) else ""


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-.") or "customer"


class DataPage(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.is_office = False
        heading = QLabel(self.tr("<h2>Your data</h2>"))
        intro = _label(
            self.tr("Your customer list is the business: keep it backed up, and handle what it holds about "
                    "people the way they ask."), note=True
        )  # fmt: skip
        inner = QWidget()
        inner.setMaximumWidth(900)
        column = QVBoxLayout(inner)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addWidget(self._backup_section())
        column.addWidget(self._privacy_section())
        column.addWidget(self._office_section())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # --- building ----------------------------------------------------------------------------
    def _backup_section(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"))
        self.folder_label = _label(name="backupFolder")
        self.change_folder_button = _button(self.tr("Change folder…"), "changeFolder", self.change_folder)
        self.open_folder_button = _button(self.tr("Open folder"), "openFolder", self.open_folder)
        tip = _label(
            self.tr("A USB stick or a synced folder (OneDrive, Dropbox, Google Drive) is a good place for "
                    "backups: they survive when this computer doesn't."), note=True
        )  # fmt: skip
        self.location_warning = _label(name="locationWarning")
        self.location_warning.setStyleSheet(WARNING_STYLE)
        self.location_warning.hide()
        self.last_backup = _label(name="lastBackup")
        self.backup_button = _button(self.tr("Back up now"), "backUpNow", self.back_up_now)
        self.restore_button = _button(self.tr("Restore a backup…"), "restoreBackup", self.restore)
        self.backup_result = _label(name="backupResult", outcome=True)
        rotation = _label(
            self.tr("A backup is taken every day when the app starts, and before every import, upgrade and "
                    "restore. The app keeps all of the last two days, then one a day for a week, one a "
                    "week for a month and one a month for a year."), note=True
        )  # fmt: skip
        layout = QVBoxLayout(box)
        layout.addWidget(self.location_warning)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder_button)
        folder_row.addWidget(self.open_folder_button)
        layout.addLayout(folder_row)
        layout.addWidget(tip)
        layout.addWidget(self.last_backup)
        layout.addLayout(_row(self.backup_button, self.restore_button))
        layout.addWidget(self.backup_result)
        layout.addWidget(rotation)
        return box

    def _privacy_section(self) -> QGroupBox:
        box = QGroupBox(self.tr("Privacy"))
        text = _label(
            self.tr("When a customer asks what you keep about them, give them everything in one workbook. "
                    "When they ask to be forgotten, erase them: their history goes, and they are never "
                    "imported again or sent a letter."), note=True
        )  # fmt: skip
        self.export_button = _button(
            self.tr("Export everything about one customer…"), "exportCustomer", self.export_customer
        )
        self.erase_button = _button(
            self.tr("Erase a customer on request…"), "eraseCustomer", self.erase_customer
        )
        self.privacy_result = _label(name="privacyResult", outcome=True)
        layout = QVBoxLayout(box)
        layout.addWidget(text)
        layout.addLayout(_row(self.export_button, self.erase_button))
        layout.addWidget(self.privacy_result)
        return box

    def _office_section(self) -> QGroupBox:
        box = QGroupBox(self.tr("Office mode"))
        self.database_label = _label(name="openDatabase")
        text = _label(
            self.tr("In office mode several people share one database on a PostgreSQL server, and when two "
                    "of them change the same customer the second is told instead of overwriting the first. "
                    "Ask whoever runs the server for its address and test it here."), note=True
        )  # fmt: skip
        self.url_field = QLineEdit()
        self.url_field.setObjectName("serverUrl")
        self.url_field.setPlaceholderText(office.EXAMPLE_URL)
        self.url_field.setClearButtonEnabled(True)
        self.url_field.returnPressed.connect(self.test_connection)
        self.url_field.textChanged.connect(self._show_command)
        self.test_button = _button(self.tr("Test connection"), "testConnection", self.test_connection)
        self.test_result = _label(name="connectionResult", outcome=True)
        self.command = QLineEdit()
        self.command.setObjectName("startCommand")
        self.command.setReadOnly(True)
        how = _label(
            self.tr("To work on the server, close Customers for Life and start it again with the address "
                    "(copy this line into a command prompt in the app's folder). Start it without --db to "
                    "come back to the database on this computer."), note=True
        )  # fmt: skip
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_field, 1)
        url_row.addWidget(self.test_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.database_label)
        layout.addWidget(text)
        layout.addLayout(url_row)
        layout.addWidget(self.test_result)
        layout.addWidget(how)
        layout.addWidget(self.command)
        self._show_command("")
        return box

    # --- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        location = open_database_location(self.runner)
        self.is_office = "://" in location
        if self.is_office:
            self.database_label.setText(
                self.tr("Open now: the office database %1 (PostgreSQL).").replace(
                    "%1", hide_password(location)
                )
            )
        else:
            where = location or self.tr("(unknown)")
            self.database_label.setText(
                self.tr("Open now: the database file %1 on this computer.").replace("%1", where)
            )
        warning = backups.live_location_warning()
        self.location_warning.setText(warning or "")
        self.location_warning.setVisible(bool(warning))
        for button in (
            self.backup_button,
            self.restore_button,
            self.change_folder_button,
            self.open_folder_button,
        ):
            button.setEnabled(not self.is_office)
        if self.is_office:
            self.folder_label.setText(
                self.tr("The office database is backed up on its server (pg_dump); ask whoever runs it.")
            )
            self.last_backup.clear()
            return
        self.folder_label.setText(self.tr("Backups go to %1").replace("%1", str(backups.backup_folder())))
        self.last_backup.setText(self.tr("Looking at the backups…"))
        self._list_backups(self._show_last_backup)

    def _list_backups(self, then: Any) -> None:
        """Counting the customers in each backup opens every file: a job, not the GUI thread's work."""
        folder = backups.backup_folder()
        self.runner.run(
            self.tr("Looking at the backups…"),
            lambda _progress, _cancel: backups.list_backups(folder),
            on_done=then,
        )

    def _show_last_backup(self, found: list[Any]) -> None:
        if not found:
            self.last_backup.setText(self.tr("No backup yet: use “Back up now”."))
            return
        newest = found[0]
        self.last_backup.setText(
            self.tr("Last backup: %1 (%2, %3 customers).")
            .replace("%1", when_text(newest.taken_at))
            .replace("%2", label_text(newest.label).lower())
            .replace("%3", customers_text(newest.customers))
        )

    # --- backups -----------------------------------------------------------------------------
    def change_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where should backups go?"), str(backups.backup_folder())
        )
        if not chosen:
            return
        try:
            warning = backups.set_backup_folder(chosen)
        except Exception as error:
            show_error(self, error)
            return
        data_events().announce({"setting"}, self)
        if warning:
            show_info(self, self.tr("Backup folder"), warning)
        self.load()

    def open_folder(self) -> None:
        folder = backups.backup_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def back_up_now(self) -> None:
        self.backup_result.clear()
        self.runner.run(
            self.tr("Backing up…"),
            lambda progress, cancel: backups.make_backup(progress=progress, cancel=cancel),
            on_done=self._backed_up,
            on_cancelled=lambda: self.backup_result.setText(self.tr("Cancelled; no backup was written.")),
        )

    def _backed_up(self, info: Any) -> None:
        self.backup_result.setText(
            self.tr("Backed up %1 to %2.").replace("%1", count_text(info.customers or 0, "customer"))
            .replace("%2", str(info.path))
        )  # fmt: skip
        self.load()

    def restore(self) -> None:
        folder = backups.backup_folder()
        self._list_backups(lambda found: self._choose_backup(found, folder))

    def _choose_backup(self, found: list[Any], folder: Path) -> None:
        self._show_last_backup(found)
        chooser = RestoreDialog(found, folder, self)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen_path is None:
            return
        path = chooser.chosen_path
        known = next((b for b in found if Path(b.path) == path), None)
        what = (
            self.tr("the backup of %1 (%2 customers)")
            .replace("%1", when_text(known.taken_at))
            .replace("%2", customers_text(known.customers))
            if known
            else self.tr("the backup file %1").replace("%1", str(path))
        )
        text = (
            self.tr("Replace all your data (%1 customers now) with %2?\n\nYour data as it is now is backed "
                    "up first, so the restore itself can be undone: restore the backup marked “Before a "
                    "restore”.")
            .replace("%1", f"{count_customers():,}").replace("%2", what)
        )  # fmt: skip
        if confirm(self, self.tr("Restore a backup"), text, self.tr("Restore")):
            self._restore(path)

    def _restore(self, path: Path) -> None:
        folder = backups.backup_folder()
        self.runner.run(
            self.tr("Restoring %1…").replace("%1", path.name),
            lambda progress, _cancel: backups.restore_backup(path, folder=folder, progress=progress),
            on_done=self._restored,
        )

    def _restored(self, result: Any) -> None:
        data_events().announce(set(ALL_CHANGES), self)
        safety = result.safety_backup
        undo = (
            self.tr("\n\nYour data as it was is kept in %1.").replace("%1", str(safety.path))
            if safety
            else ""
        )
        show_info(
            self,
            self.tr("Backup restored"),
            self.tr("Restored %1 from the backup of %2.")
            .replace("%1", count_text(result.customers, "customer"))
            .replace("%2", when_text(result.restored.taken_at))
            + undo,
        )
        self.load()

    # --- privacy -----------------------------------------------------------------------------
    def _pick_customer(self, title: str, text: str, action: str) -> tuple[int, str] | None:
        picker = CustomerPickerDialog(title, text, action, parent=self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen_id is None:
            return None
        return picker.chosen_id, picker.chosen_name

    def export_customer(self) -> None:
        picked = self._pick_customer(
            self.tr("Export a customer's data"),
            self.tr("Whose data? Everything stored about them goes into one workbook."),
            self.tr("Next"),
        )
        if picked is None:
            return
        customer_id, name = picked
        default = Path(last_folder()) / f"{_file_stem(name)}-{datetime.date.today()}.xlsx"
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save %1's data").replace("%1", name), str(default), "Excel (*.xlsx)"
        )
        if not target:
            return
        remember_folder(str(Path(target).parent))
        self.runner.run(
            self.tr("Exporting…"),
            lambda _progress, _cancel: privacy.export_customer(customer_id, Path(target)),
            on_done=lambda out: self.privacy_result.setText(
                self.tr("Everything about %1 was saved to %2.").replace("%1", name).replace("%2", str(out))
            ),
        )

    def erase_customer(self) -> None:
        picked = self._pick_customer(
            self.tr("Erase a customer"),
            self.tr("Who asked to be erased? If they also asked for their data, export it first."),
            self.tr("Next"),
        )
        if picked is None:
            return
        customer_id, name = picked
        text = self.tr(
            "Erase %1 and everything about them: sites, equipment, visits, sales, plans, contacts and "
            "opportunities. This can't be undone.\n\nWhat stays is a one-way fingerprint of their phone "
            "numbers, e-mail addresses and name with postal code. It can't be turned back into their "
            "details; it only lets a later import recognise them and leave them out, so they are never "
            "brought back and no letter is ever sent to them.\n\nBackups taken before today still hold "
            "them until they are rotated away (within a year)."
        ).replace("%1", name)
        if not confirm(self, self.tr("Erase %1").replace("%1", name), text, self.tr("Erase for good")):
            return
        self.runner.run(
            self.tr("Erasing…"),
            lambda _progress, _cancel: privacy.erase_customer(customer_id),
            on_done=lambda _erasure: self._erased(name),
        )

    def _erased(self, name: str) -> None:
        data_events().announce(set(ERASE_CHANGES), self)
        self.privacy_result.setText(
            self.tr("%1 was erased; a later import will leave them out.").replace("%1", name)
        )

    # --- office mode -------------------------------------------------------------------------
    def _show_command(self, url: str) -> None:
        address = url.strip() or "postgresql://…"
        quoted = f'"{address}"' if any(ch in address for ch in " &|<>^") else address
        self.command.setText(f"python main.py --db {quoted}")

    def test_connection(self) -> None:
        url = self.url_field.text().strip()
        if not url:
            self.test_result.setText(self.tr("Type the server's address first, like %1.").replace(
                "%1", office.EXAMPLE_URL))  # fmt: skip
            return
        self.test_result.setText(self.tr("Testing…"))
        self.runner.run(
            self.tr("Testing the connection…"),
            lambda _progress, _cancel: office.test_connection(url),
            on_done=self.test_result.setText,
        )


def startup_backup(runner: TaskRunner) -> None:
    """Today's backup when the app starts (if none was taken today), then the location warning, once.

    Quiet: only a failure shows a message; the outcome goes to the main window's status bar.
    """
    window = runner.parent()
    status = window.statusBar() if isinstance(window, QMainWindow) else None
    warning = backups.live_location_warning()

    def finished(info: Any) -> None:
        # After the runner cleared its own status message: the warning matters more than the backup.
        if status is None:
            return
        if warning:
            status.showMessage(warning)
        elif info is not None:
            status.showMessage(
                runner.tr("Today's backup is taken (%1).").replace(
                    "%1", count_text(info.customers, "customer")
                ),
                8000,
            )

    def failed(error: UserError) -> None:
        show_error(window if isinstance(window, QWidget) else None, error, runner.tr("Today's backup failed"))
        finished(None)

    runner.run(
        runner.tr("Taking today's backup…"),
        lambda _progress, cancel: backups.backup_if_due(),
        on_done=finished,
        on_failed=failed,
        quiet=True,
        on_cancelled=lambda: finished(None),
    )
