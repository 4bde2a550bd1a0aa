"""The import wizard's path for our own whole export: see what will be restored, restore it, read the report.

A file that is a complete Customers for Life export (File ▸ Export) brings every table back,
not just customers (app/services/importing/restoring.py). After the file step the wizard comes
here instead of the sheet step: the whole file is read and checked on the worker (nothing is
written), and the page says what will come back, or why it cannot (a database that already holds
something, a file that was changed). From there the owner restores, or imports only the
customers, sites and equipment on the usual steps.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QListWidget, QVBoxLayout, QWizard

from app.domain.said import shown
from app.services.backups import backup_before
from app.services.importing.engine import restores_everything
from app.services.importing.restoring import restore_export
from ui.dialogs.import_step import ImportStep, error_label
from ui.widgets.basics import action_button, button_row, text_label

PAGE_RESTORE, PAGE_RESTORED = 100, 101  # page ids well past the wizard's own pages


class RestorePage(ImportStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("This is a complete Customers for Life export"))
        self.setSubTitle(
            self.tr(
                "Importing it brings back everything it holds: customers, sites and equipment, visits, "
                "sales, plans, contacts, partners and referrals, campaigns, the catalog, your settings and "
                "letters, and the opportunities with what you decided about them."
            )
        )
        self.summary = text_label(name="restoreSummary")
        self.error = error_label()
        self.error.setObjectName("restoreRefused")
        self.tables = QListWidget()
        self.tables.setObjectName("restoreTables")
        only_customers = self.tr("Import only its customers, sites and equipment instead")
        self.customers_button = action_button(only_customers, "customersOnly", self._customers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.tables, 1)
        layout.addLayout(button_row(self.customers_button))
        self.preview: Any = None
        self.customers_only = False

    def initializePage(self) -> None:
        self.preview, self.customers_only = None, False
        self.error.clear()
        self.tables.clear()
        self.summary.setText(self.tr("Reading and checking every sheet…"))
        path = self.state.info.path
        self.state.runner.run(
            self.tr("Checking %1…").replace("%1", path.name),
            lambda progress, cancel: restore_export(path, dry_run=True, progress=progress, cancel=cancel),
            on_done=self._show,
            on_failed=self._refused,
            on_cancelled=lambda: self.summary.setText(self.tr("Cancelled: go back and pick the file again.")),
        )

    def _show(self, preview: Any) -> None:
        self.preview = preview
        self.summary.setText(self.tr("This is what will be restored, into this empty database:"))
        self.tables.addItems(preview.counts())
        self.tables.addItems([shown(warning) for warning in preview.warnings])
        self.completeChanged.emit()

    def _refused(self, error: Any) -> None:
        self.summary.clear()
        self.error.setText(error.in_owners_language())
        self.completeChanged.emit()

    def _customers(self) -> None:
        self.customers_only = True
        self.wizard().next()

    def isComplete(self) -> bool:
        return self.preview is not None and not self.state.runner.busy

    def validatePage(self) -> bool:
        state = self.state
        if self.customers_only or state.report is not None:
            return True
        path = state.info.path
        state.runner.run(
            self.tr("Restoring %1…").replace("%1", path.name),
            lambda progress, cancel: restore_export(
                path, progress=progress, cancel=cancel, before_write=lambda: backup_before("import")
            ),
            on_done=self._restored,
            on_failed=self._refused,
        )
        return False

    def _restored(self, report: Any) -> None:
        self.state.report = report
        self.state.next()


class RestoredPage(ImportStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Restored"))
        self.summary = text_label(name="restoredSummary")
        self.tables = QListWidget()
        self.tables.setObjectName("restoredTables")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tables, 1)

    def initializePage(self) -> None:
        report = self.state.report
        self.summary.setText(
            self.tr("Everything in %1 is back, as it was when it was exported:").replace("%1", report.file)
        )
        self.tables.clear()
        self.tables.addItems(report.counts())
        self.tables.addItems([shown(warning) for warning in report.warnings])


def is_restore(info: Any) -> bool:
    """The file the file step found is our own whole export: the wizard takes the restore's path."""
    return restores_everything(info)


def add_restore_pages(wizard: QWizard) -> tuple[RestorePage, RestoredPage]:
    restore, restored = RestorePage(), RestoredPage()
    wizard.setPage(PAGE_RESTORE, restore)
    wizard.setPage(PAGE_RESTORED, restored)
    return restore, restored


def restore_next_id(wizard: Any) -> int | None:
    """Where Next goes around the restore's pages, which come after the report in id order; None: the
    wizard's usual order. Our export goes from the file step to the restore, the restore to its report
    (or, for its customers only, to the sheet step), and both reports end the wizard."""
    current = wizard.currentPage()
    if current is wizard.file_page:
        return PAGE_RESTORE if wizard.restores_everything else None
    if current is wizard.restore_page:
        if not wizard.restore_page.customers_only:
            return PAGE_RESTORED
        return next(i for i in wizard.pageIds() if wizard.page(i) is wizard.sheet_page)
    if current is wizard.report_page or current is wizard.restored_page:
        return -1
    return None
