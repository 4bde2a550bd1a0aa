"""The main dialogs for `python -m ui.screenshots`: each opened the way the owner opens it (the page's own
action), shot once it shows and its loading job is done, then closed as Cancel would.

A modal dialog (`exec()`, a message box) is shot where it would wait for the owner; a window the
action leaves open (a PDF preview, a list of customers, a long text) is shot when the action is
done. A dialog is answered "OK" only where the next step is worth a shot (a new campaign's audience),
and then in the throw-away demo database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import Shiboken


class DialogCamera:
    """Shoots the dialogs an action opens, as `dialog-NAME.png` (`dialog-NAME-2.png` for a second one)."""

    def __init__(self, app: QApplication, window: Any, out_dir: Path) -> None:
        self.app, self.window, self.out_dir = app, window, out_dir
        self.written: list[Path] = []
        self._name, self._shots, self._accept = "", 0, 0

    def shoot(self, name: str, action: Callable[[], object], accept: int = 0) -> None:
        """Run the owner's action; `accept`: how many of its modal dialogs are answered OK."""
        self._name, self._shots, self._accept = name, 0, accept
        before = set(map(_address, self.app.topLevelWidgets()))
        with self._modal_dialogs_shot():
            action()
            self.settle()
        for widget in self.app.topLevelWidgets():
            if _address(widget) not in before and isinstance(widget, QDialog) and widget.isVisible():
                self._grab(widget)
                widget.close()
        self.settle()

    def settle(self) -> None:
        settle(self.window)

    def _grab(self, widget: QWidget) -> None:
        if type(widget).__name__ == "PdfPreviewDialog":
            _linger(600)  # the preview draws its pages on a thread of its own, after it shows
        self._shots += 1
        suffix = f"-{self._shots}" if self._shots > 1 else ""
        path = self.out_dir / f"dialog-{self._name}{suffix}.png"
        widget.grab().save(str(path))
        self.written.append(path)

    def _exec(self, dialog: QDialog) -> int:
        dialog.show()
        self.settle()
        self._grab(dialog)
        if self._accept > 0:
            self._accept -= 1
            dialog.accept()
            return dialog.result()
        dialog.reject()
        return QDialog.DialogCode.Rejected

    def _static_box(self, icon: QMessageBox.Icon) -> Callable[..., QMessageBox.StandardButton]:
        def box(parent: QWidget | None, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            self._exec(QMessageBox(icon, title, text, parent=parent))
            return QMessageBox.StandardButton.Ok

        return box

    @contextmanager
    def _modal_dialogs_shot(self) -> Iterator[None]:
        patched: list[tuple[type, str, Any]] = [
            (QDialog, "exec", lambda dialog: self._exec(dialog)),
            (QMessageBox, "exec", lambda dialog: self._exec(dialog)),
            (QPrintDialog, "exec", lambda dialog: self._exec(dialog)),
            (QMessageBox, "information", self._static_box(QMessageBox.Icon.Information)),
            (QMessageBox, "warning", self._static_box(QMessageBox.Icon.Warning)),
            (QMessageBox, "critical", self._static_box(QMessageBox.Icon.Critical)),
        ]
        saved = [(owner, name, getattr(owner, name)) for owner, name, _new in patched]
        for owner, name, new in patched:
            setattr(owner, name, new)
        try:
            yield
        finally:
            for owner, name, old in saved:
                setattr(owner, name, old)


def settle(window: Any) -> None:
    """Let the window's jobs finish and their results arrive (and the jobs those start), as a person
    would wait for them before looking."""
    for _ in range(3):
        window.runner.wait_for_idle(60_000)
        QApplication.processEvents()


def _linger(milliseconds: int) -> None:
    """Let the event loop run a while, as a person looks at a window before it is shot."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _address(widget: QWidget) -> int:
    """The widget itself, not its Python wrapper (whose id a later wrapper may take)."""
    return Shiboken.getCppPointer(widget)[0]


def shoot_dialogs(app: QApplication, window: Any, out_dir: Path) -> list[Path]:
    """Every main dialog of every page, in the order an owner meets them."""
    camera = DialogCamera(app, window, out_dir)
    for page, shots in _shots(window).items():
        window.show_page(page)
        camera.settle()
        if page == "customers":
            select_a_rich_customer(window)
        for name, action, accept in shots:
            camera.shoot(name, action, accept)
    return camera.written


def _shots(window: Any) -> dict[str, list[tuple[str, Callable[[], object], int]]]:
    actions = window.customers_page.actions
    dashboard, campaigns, partners = window.dashboard_page, window.campaigns_page, window.partners_page
    catalog, data = window.catalog_page, window.data_page
    return {
        "customers": [
            ("new-customer", actions.new_customer, 0),
            ("edit-customer", lambda: _edit_with_a_mistake(window), 0),
            ("log-call", actions.log_call_now, 0),
            ("add-site", lambda: actions.add("site"), 0),
            ("add-equipment", lambda: actions.add("equipment"), 0),
            ("merge", lambda: _merge_picker(window), 0),
            ("delete-customer", actions.delete_customer, 0),
        ],
        "queue": [
            ("call-sheet", window.queue_page.print_button.click, 0),
            ("print", lambda: _print_from_preview(window), 0),
        ],
        "dashboard": [
            ("figure-customers", lambda: dashboard.open_figure(next(iter(dashboard.cards))), 0),
            ("how-worked-out", dashboard.explain, 0),
            ("summary", dashboard.print_summary, 0),
        ],
        "campaigns": [
            ("new-campaign", campaigns.new_campaign, 1),
            ("print-campaign", campaigns.print_selected, 1),
            ("mark-sent", campaigns.mark_sent, 0),
        ],
        "partners": [
            ("new-partner", partners.new_partner, 0),
            ("record-referral", partners.record_referral, 0),
            ("referral-report", partners.show_report, 0),
            ("statement", partners.print_statement, 0),
        ],
        "catalog": [
            ("catalog-item", lambda: catalog.new("equipment"), 0),
            ("segment", lambda: catalog.new("segment"), 0),
        ],
        "data": [("restore-backup", data.backups.restore, 0)],
    }


def _edit_with_a_mistake(window: Any) -> None:
    """The customer's form as it shows a mistake: a phone number cut short."""
    from app.services import customers as customer_service
    from ui.dialogs import forms
    from ui.dialogs.form_dialog import FormDialog
    from ui.pages.customer_actions import customer_form_values

    detail = customer_service.customer_detail(window.customers_page.selected_customer_id())
    values = customer_form_values(detail)
    values["phone"] = "410-555-01"
    title = QApplication.translate("CustomerActions", "Edit %1").replace("%1", detail.name)
    FormDialog(title, *forms.customer_form(customer_service.list_segments()), values, window).exec()


def _merge_picker(window: Any) -> None:
    """Merging, with the duplicates the picker finds for the name listed."""
    from app.services import customers as customer_service
    from ui.pages.customer_actions import merge_picker

    detail = customer_service.customer_detail(window.customers_page.selected_customer_id())
    picker = merge_picker(detail.id, detail.name, window)
    picker.find_now()
    picker.exec()


def _print_from_preview(window: Any) -> None:
    """The preview's Print…: Qt's print dialog, over the day's call sheet."""
    from ui.dialogs.pdf_preview import PdfPreviewDialog

    window.queue_page.print_button.click()
    settle(window)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]
    shown[0].print_document()


def select_a_rich_customer(window: Any) -> None:
    """A customer with equipment and history makes the detail, and the forms about them, worth a look."""
    page = window.customers_page
    for row in range(min(page.model.rowCount(), 200)):
        page.table.selectRow(row)
        detail = page.detail
        if detail.equipment.rowCount() >= 2 and detail.touches.rowCount() >= 2:
            page.detail.tabs.setCurrentIndex(1)
            return


# A hand-made list as owners keep them: a title above the headings, "Last, First" and capitals,
# labelled numbers in one cell, a ZIP that lost its zero, a second row for the same customer,
# a QuickBooks "Customer:Job", an impossible date and a row that is not a customer.
MESSY_LIST = [
    ["Service customers - printed 3/1/2025"],
    [],
    ["Cust Name", "Phone", "E-mail", "Address", "Town", "St", "Zip", "Furnace Model #", "Installed"],
    ["SMITH, ANN", "Home:(410) 632-0571 Cell:(443) 555-0199", "ann@example.com", "12 Elm St", "Towson", "MD",
     "21204", "Carrier 58SB", "3/15/2012"],
    ["Smith, Ann", "410-632-0571", "", "40 Shore Rd", "Ocean City", "MD", "21842", "Rheem water heater",
     "2019"],
    ["O'BRIEN, PAT", "4105552368", "pat@obrien.net; pat.work@example.com", "9 Bay Rd", "Dundalk", "MD",
     "21222", "", "March 2015"],
    ["Harbor Dental LLC:Suite 200", "(410) 555-0142 x12", "", "200 Main St", "Boston", "MA", "2134",
     "Lennox XC21", "2016-07-01"],
    ["Lee, Kim", "555-01", "kim at example", "7 Oak Ave", "Dover", "DE", "19901", "Boiler", "31/31/2010"],
    ["Total: 5 customers"],
]  # fmt: skip


def shoot_import_wizard(app: QApplication, out_dir: Path, database: Path, source: Path) -> list[Path]:
    """Each step of importing MESSY_LIST, as a new owner sees it (into the throw-away database)."""
    import csv

    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(MESSY_LIST)
    return _shoot_wizard(
        app, out_dir, database, source, "import", ["file", "sheet", "mapping", "preview", "report"]
    )


def shoot_restore_wizard(app: QApplication, out_dir: Path, database: Path, export: Path) -> list[Path]:
    """Importing a whole export into an empty database: what will come back, then what came back."""
    return _shoot_wizard(app, out_dir, database, export, "restore", ["file", "restore", "restored"])


def _shoot_wizard(
    app: QApplication, out_dir: Path, database: Path, source: Path, prefix: str, steps: list[str]
) -> list[Path]:
    """`prefix-N-STEP.png` for each step the wizard goes through, until one refuses to go on (its shot
    shows why)."""
    from ui.main_window import MainWindow

    window = MainWindow(str(database), demo=True)
    window.resize(1366, 768)
    window.show()
    wizard = window.import_spreadsheet(str(source))
    written = []
    for number, step in enumerate(steps, 1):
        if number > 1:
            wizard.next()
        settle(window)
        if wizard.currentPage() is not getattr(wizard, f"{step}_page"):
            break
        path = out_dir / f"{prefix}-{number}-{step}.png"
        wizard.grab().save(str(path))
        written.append(path)
    wizard.close()
    window.close()
    window.deleteLater()
    app.processEvents()
    return written
