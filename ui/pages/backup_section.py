"""The backups of the "Your data" page: where they go, back up now, restore one; and today's backup.

Everything that reads or writes the database or a backup file runs through the
TaskRunner: a backup of 100,000 customers takes seconds, and so does counting the
customers in a folder of backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QGroupBox, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.services import backups
from app.services.customers import count_customers
from ui.dialogs.restore_dialog import RestoreDialog, label_text, when_text
from ui.messages import confirm, show_error, show_info
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.widgets.basics import WARNING_STYLE, action_button, button_row, text_label

# pyside6-lupdate reads translate("context", …) calls; the name is short enough for one line.
translate = QCoreApplication.translate


class BackupSection(QGroupBox):
    """`changed()` after a restore or a new backup folder: the page announces it as its own."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backups"))
        self.runner = runner
        self.is_office = False
        self.folder_label = text_label(name="backupFolder")
        self.change_folder_button = action_button(
            self.tr("Change folder…"), "changeFolder", self.change_folder
        )
        self.open_folder_button = action_button(self.tr("Open folder"), "openFolder", self.open_folder)
        tip = text_label(
            self.tr("A USB stick or a synced folder (OneDrive, Dropbox, Google Drive) is a good place for "
                    "backups: they survive when this computer doesn't."), note=True
        )  # fmt: skip
        self.location_warning = text_label(name="locationWarning")
        self.location_warning.setStyleSheet(WARNING_STYLE)
        self.location_warning.hide()
        self.last_backup = text_label(name="lastBackup")
        self.backup_button = action_button(self.tr("Back up now"), "backUpNow", self.back_up_now)
        self.restore_button = action_button(self.tr("Restore a backup…"), "restoreBackup", self.restore)
        self.backup_result = text_label(name="backupResult", outcome=True)
        rotation = text_label(
            self.tr("A backup is taken every day when the app starts, and before every import, upgrade and "
                    "restore. The app keeps all of the last two days, then one a day for a week, one a "
                    "week for a month and one a month for a year."), note=True
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.location_warning)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder_button)
        folder_row.addWidget(self.open_folder_button)
        layout.addLayout(folder_row)
        layout.addWidget(tip)
        layout.addWidget(self.last_backup)
        layout.addLayout(button_row(self.backup_button, self.restore_button))
        layout.addWidget(self.backup_result)
        layout.addWidget(rotation)

    # --- loading -----------------------------------------------------------------------------
    def load(self, is_office: bool) -> None:
        """Show the backups of the open database; an office database is backed up on its server."""
        self.is_office = is_office
        warning = backups.live_location_warning()
        self.location_warning.setText(warning or "")
        self.location_warning.setVisible(bool(warning))
        for button in (
            self.backup_button,
            self.restore_button,
            self.change_folder_button,
            self.open_folder_button,
        ):
            button.setEnabled(not is_office)
        if is_office:
            self.folder_label.setText(
                self.tr("The office database is backed up on its server (pg_dump); ask whoever runs it.")
            )
            self.last_backup.clear()
            return
        self.folder_label.setText(self.tr("Backups go to %1").replace("%1", str(backups.backup_folder())))
        self.last_backup.setText(self.tr("Looking at the backups…"))
        self._list_backups(self._show_last_backup)

    def _reload(self) -> None:
        self.load(self.is_office)

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
            self.tr("Last backup: %1 (%2, %3).")
            .replace("%1", when_text(newest.taken_at))
            .replace("%2", label_text(newest.label).lower())
            .replace("%3", self._customers(newest.customers))
        )

    # --- backups -----------------------------------------------------------------------------
    def _customers(self, customers: int | None) -> str:
        """ "1 customer", "240 customers", or that a damaged backup's count could not be read."""
        if customers is None:
            return self.tr("its customers can't be counted")
        return count_text(customers, self.tr("customer"))

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
        self.changed.emit()
        if warning:
            show_info(self, self.tr("Backup folder"), warning)
        self._reload()

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
        self._reload()

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
            self.tr("the backup of %1 (%2)")
            .replace("%1", when_text(known.taken_at))
            .replace("%2", self._customers(known.customers))
            if known
            else self.tr("the backup file %1").replace("%1", str(path))
        )
        text = (
            self.tr("Replace all your data (%1 now) with %2?\n\nYour data as it is now is backed "
                    "up first, so the restore itself can be undone: restore the backup marked “Before a "
                    "restore”.")
            .replace("%1", count_text(count_customers(), self.tr("customer"))).replace("%2", what)
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
        self.changed.emit()
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
        self._reload()


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
                translate("BackupSection", "Today's backup is taken (%1).").replace(
                    "%1", count_text(info.customers, "customer")
                ),
                8000,
            )

    def failed(error: UserError) -> None:
        title = translate("BackupSection", "Today's backup failed")
        show_error(window if isinstance(window, QWidget) else None, error, title)
        finished(None)

    runner.run(
        translate("BackupSection", "Taking today's backup…"),
        lambda _progress, cancel: backups.backup_if_due(),
        on_done=finished,
        on_failed=failed,
        quiet=True,
        on_cancelled=lambda: finished(None),
    )
