"""The main window: a sidebar of pages, the pages, menus and the status bar."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.domain import clock, formatting, i18n
from app.domain.errors import UserError
from app.paths import default_data_dir
from app.services import customers as customer_service
from app.services.demo import build_demo
from app.services.freshness import affects_opportunities, ensure_opportunities_fresh
from app.services.settings import load_settings
from ui.demo_launch import start_demo_copy
from ui.editing import Editor
from ui.events import data_events
from ui.messages import show_error, show_info
from ui.pages.campaigns_page import CampaignsPage
from ui.pages.catalog_page import CatalogPage
from ui.pages.customers_page import CustomersPage
from ui.pages.dashboard_page import DashboardPage
from ui.pages.data_page import DataPage
from ui.pages.letters_page import LettersPage
from ui.pages.partners_page import PartnersPage
from ui.pages.queue_page import QueuePage
from ui.pages.settings_page import SettingsPage
from ui.pages.welcome_page import WelcomePage
from ui.printing import print_to_preview
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.translation import install_language, installed_language
from ui.window_state import last_folder, remember_folder, restore_window, save_window

WATCH_INTERVAL_MS = 60_000
PREFERRED_SIZE, MINIMUM_SIZE = QSize(1280, 800), QSize(960, 600)


def _window_title(location: str, demo: bool) -> str:
    """Whose data the window shows, in its title too: the demo's, or the owner's own database."""
    if demo:
        return QCoreApplication.translate("MainWindow", "Customers for Life — Demo data — not your customers")
    where = location if "://" in location else Path(location).name
    return QCoreApplication.translate("MainWindow", "Customers for Life — Your database: %1").replace(
        "%1", where
    )


class MainWindow(QMainWindow):
    def __init__(
        self,
        database_label: str,
        parent: QWidget | None = None,
        *,
        demo: bool = False,
        data_folder: Path | None = None,
    ) -> None:
        """`database_label` is where the database is (never a password); `demo` says it is the demo's
        own file (app.paths.demo_database), and `data_folder` is where "Try the demo" finds that file."""
        super().__init__(parent)
        self.demo = demo
        self.data_folder = data_folder or default_data_dir()
        self.setWindowTitle(_window_title(database_label, demo))
        self.setMinimumSize(MINIMUM_SIZE)
        data_events().watch()
        self.runner = TaskRunner(self)
        self.editor = Editor(self)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(170)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { border: none; font-size: 11pt; }"
            "QListWidget#sidebar::item { padding: 8px 12px; }"
        )
        self.sidebar.setIconSize(QSize(20, 20))
        self.pages = QStackedWidget()
        self._page_keys: list[str] = []
        self._build_pages()
        self._rebuild_when_idle = False
        self.sidebar.currentRowChanged.connect(self._on_page_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        # Whose data this is, always in sight: the owner's own, or the demo's made-up customers.
        self.whose_label = QLabel(self._whose_text())
        self.whose_label.setObjectName("whoseDatabase")
        if demo:
            self.whose_label.setStyleSheet(
                "QLabel#whoseDatabase { background: #ffd966; color: #3d2e00; font-weight: bold; "
                "padding: 1px 8px; }"
            )
        # The location alone: Help ▸ About and the Your data page read it from here.
        self.database_label = QLabel(database_label)
        self.database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.whose_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self._build_menus()

        data_events().data_changed.connect(self._on_data_changed)
        self.runner.job_started.connect(lambda label: self.statusBar().showMessage(label))
        self.runner.job_ended.connect(self._on_job_ended)
        self.refresh_start_page()
        self.restored = restore_window(self, *self._state_widgets())
        self._day = clock.today()
        self._refresh_queued = False
        # Another office PC's changes and the turn of the day show up without anyone pressing a button.
        self._closed = False
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._look_for_changes)
        self._watch_timer.start()
        self.refresh_opportunities()  # the day may have turned, or the CLI changed things, since last time

    def _build_pages(self) -> None:
        """The pages and their sidebar entries, in the language in use: built again when it changes,
        since Qt rewrites no widget's words (see change_language)."""
        self.welcome_page = WelcomePage(demo=self.demo)
        self.customers_page = CustomersPage(self.editor)
        self.queue_page = QueuePage(self.runner, self.editor)
        self.dashboard_page = DashboardPage(self.runner)
        self.campaigns_page = CampaignsPage(self.runner)
        self.catalog_page = CatalogPage(self.runner)
        self.letters_page = LettersPage(self.runner)
        self.data_page = DataPage(self.runner)
        self.partners_page = PartnersPage(self.runner)
        self.settings_page = SettingsPage(self.editor)
        for key, title in self._page_titles().items():  # in the sidebar's order
            self._add_page(key, title, getattr(self, f"{key}_page"))
        self.welcome_page.demo_requested.connect(self._demo_requested)
        self.welcome_page.first_customer_requested.connect(self._first_customer)
        self.welcome_page.import_requested.connect(lambda: self.import_spreadsheet())
        self.queue_page.print_requested.connect(self.print_callsheet)
        self.dashboard_page.open_customer.connect(self.go_to_customer)
        self.settings_page.load()

    def size_to_screen(self) -> None:
        """The first window: as large as is comfortable, never larger than the screen it opens on
        (at 150 % a 1600×1000 screen has about 1067×640 to give), centred in its free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        room = QSize(int(free.width() * 0.92), int(free.height() * 0.92)) - frame
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        self.resize(PREFERRED_SIZE.boundedTo(room))
        outer = self.size() + frame
        self.move(
            free.x() + (free.width() - outer.width()) // 2, free.y() + (free.height() - outer.height()) // 2
        )

    def _state_widgets(self) -> tuple[dict, dict]:
        page = self.customers_page
        return {"customers": page.splitter}, {"customers": page.table.horizontalHeader()}

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        self._page_keys.append(key)
        self.pages.addWidget(page)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.sidebar.addItem(item)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        import_action = QAction(self.tr("&Import customers…"), self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(lambda _checked=False: self.import_spreadsheet())
        export_action = QAction(self.tr("&Export everything…"), self)
        export_action.triggered.connect(self.export_everything)
        file_menu.addAction(import_action)
        file_menu.addAction(export_action)
        print_action = QAction(self.tr("&Print…"), self)
        print_action.setShortcut(QKeySequence.StandardKey.Print)
        print_action.triggered.connect(self.print_current_page)
        file_menu.addAction(print_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.editor.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.editor.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        actions = self.customers_page.actions
        customer_menu = self.menuBar().addMenu(self.tr("&Customer"))
        for action in (
            actions.new,
            actions.edit,
            actions.log_call,
            actions.log_visit,
            None,
            actions.add_site,
            actions.add_equipment,
            actions.add_sale,
            actions.add_plan,
            actions.add_touch,
            None,
            actions.merge,
            actions.delete,
        ):
            if action is None:
                customer_menu.addSeparator()
            else:
                customer_menu.addAction(action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for number, key in enumerate(self._page_keys):
            action = QAction(self.sidebar.item(number).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            go_menu.addAction(action)
        find_action = QAction(self.tr("&Find a customer"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._find_customer)
        go_menu.addAction(find_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Customers for Life"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def change_language(self, language: str) -> None:
        """The Language setting changed (saved, undone or redone, here or on another office PC): the
        translator goes in at once, and every page is built again in the new language. A page's job
        still running would answer a page that is gone, so the pages wait until the runner is idle."""
        install_language(language)
        if self.runner.busy:
            self._rebuild_when_idle = True
        else:
            self._rebuild_pages()

    def _rebuild_pages(self) -> None:
        self._rebuild_when_idle = False
        showing = self.current_page_key()
        save_window(self, *self._state_widgets())
        old_pages = [self.pages.widget(i) for i in range(self.pages.count())]
        self._stop_listening(old_pages)
        self.menuBar().clear()  # its customer actions belong to the old Customers page
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        self._page_keys.clear()
        for page in old_pages:
            self.pages.removeWidget(page)
            page.deleteLater()
        self._build_pages()
        self.sidebar.blockSignals(False)
        self._build_menus()
        self.setWindowTitle(_window_title(self.database_label.text(), self.demo))
        self.whose_label.setText(self._whose_text())
        restore_window(self, *self._state_widgets())
        self.refresh_start_page()
        if showing != "welcome":
            self.show_page(showing)
        done = self.tr("Every page, letter and call sheet is now in English.")
        self.settings_page.saved_label.setText(done)  # where the owner saved it, if it was there
        self.statusBar().showMessage(done, 10_000)

    def _whose_text(self) -> str:
        return self.tr("Demo data — not your customers") if self.demo else self.tr("Your database:")

    def _page_titles(self) -> dict[str, str]:
        """Each page's sidebar entry, by the key its attribute is named by (`customers_page`)."""
        return {
            "welcome": self.tr("Welcome"),
            "customers": self.tr("Customers"),
            "queue": self.tr("Today's calls"),
            "campaigns": self.tr("Campaigns"),
            "dashboard": self.tr("Dashboard"),
            "partners": self.tr("Partners"),
            "letters": self.tr("Letters"),
            "catalog": self.tr("Catalog"),
            "data": self.tr("Your data"),
            "settings": self.tr("Settings"),
        }

    # --- navigation ------------------------------------------------------------
    def show_page(self, key: str) -> None:
        row = self._page_keys.index(key)
        self.sidebar.item(row).setHidden(False)
        if key == "welcome" and self.sidebar.currentRow() == row:
            self.welcome_page.load()  # already showing: no page change to reload it, and its words may be old
        self.sidebar.setCurrentRow(row)

    def _on_page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        # Every page shows what the database holds now, not what it held when last shown (the welcome
        # page too: Go ▸ Welcome on a full database must not say it is empty).
        self.pages.widget(row).load()

    def current_page_key(self) -> str:
        return self._page_keys[self.pages.currentIndex()]

    def refresh_start_page(self) -> None:
        """An empty database opens on the welcome page; otherwise the welcome page is out of the way."""
        customers = customer_service.count_customers()
        empty = customers == 0
        self.welcome_page.show_state(customers)
        self.sidebar.item(self._page_keys.index("welcome")).setHidden(not empty)
        self.customers_page.load()
        self.show_page("welcome" if empty else "customers")

    def go_to_customer(self, customer_id: int) -> None:
        self.show_page("customers")
        self.customers_page.select_customer(customer_id)

    def _first_customer(self) -> None:
        self.show_page("customers")
        self.customers_page.actions.new.trigger()

    def _find_customer(self) -> None:
        self.show_page("customers")
        self.customers_page.focus_search()

    # --- the demo ----------------------------------------------------------------
    def _demo_requested(self, customers: int) -> None:
        """The welcome page's demo button: in the demo's window it builds the demo there; in the owner's
        it opens the demo in a copy of its own, so no demo row ever lands in the owner's database."""
        if self.demo:
            self.create_demo(customers)
        else:
            self.open_demo_copy(customers)

    def open_demo_copy(self, customers: int) -> None:
        if start_demo_copy(customers, self.data_folder, i18n.language()):
            self.statusBar().showMessage(
                self.tr("The demo opens in a window of its own; your database is not touched."), 10_000
            )
        else:
            show_error(
                self, UserError("The demo could not be started. Try again, or start the app with --demo.")
            )

    def fill_demo_if_empty(self, customers: int) -> None:
        """The demo's window, opened the first time: build the demo business in its file."""
        if customer_service.count_customers() == 0:
            self.create_demo(customers)

    def create_demo(self, customers: int) -> None:
        """Build the demo business in this window's database (the demo's own file: see fill_demo_if_empty)."""
        self.welcome_page.demo_button.setEnabled(False)
        self.runner.run(
            self.tr("Creating a demo business with %1…").replace("%1", count_text(customers, "customer")),
            lambda progress, cancel: build_demo(customers=customers, progress=progress, cancel=cancel),
            on_done=lambda _summary: self._after_demo(),
            on_cancelled=lambda: self.statusBar().showMessage(
                self.tr("Cancelled; nothing was changed."), 5000
            ),
        )

    # --- jobs ------------------------------------------------------------------

    def import_spreadsheet(self, path: str = "") -> QWidget:
        from ui.dialogs.import_wizard import ImportWizard  # the importer's libraries load on first use

        wizard = ImportWizard(self.runner, self, path, self.editor)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(lambda _result: self.refresh_start_page())
        wizard.open()
        return wizard

    def export_everything(self) -> None:
        from app.services.exporting import export_database  # openpyxl loads on first use

        default = str(Path(last_folder()) / f"customers-for-life-{clock.today()}.xlsx")
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Export everything"), default, "Excel (*.xlsx)")
        if not target:
            return
        remember_folder(str(Path(target).parent))
        self.runner.run(
            self.tr("Exporting to %1…").replace("%1", Path(target).name),
            lambda progress, cancel: export_database(Path(target), progress=progress, cancel=cancel),
            on_done=lambda _summary: self.statusBar().showMessage(
                self.tr("Exported to %1").replace("%1", target), 8000
            ),
        )

    def print_callsheet(self, day: datetime.date) -> None:
        from app.services.callsheet import print_callsheet  # reportlab loads on first use

        print_to_preview(
            self.runner,
            self,
            self.tr("Call sheet for %1").replace("%1", formatting.short_date(day)),
            f"calls-{day}",
            # The day's list, as Today's calls shows it (the Calls per day setting).
            lambda out, progress, cancel: print_callsheet(out, day=day, progress=progress, cancel=cancel),
        )

    def _after_demo(self) -> None:
        self.refresh_start_page()

    def _on_job_ended(self, label: str, _outcome: str) -> None:
        self.welcome_page.demo_button.setEnabled(True)
        if self._rebuild_when_idle:
            # After the job's own answer to its page (it comes after this signal), if none is left.
            QTimer.singleShot(0, self._rebuild_if_idle)
        # Done, cancelled or refused alike, "Creating a demo business…" must not outlive its job; a
        # message another job or its outcome put there since is left alone.
        if self.statusBar().currentMessage() == label:
            self.statusBar().clearMessage()

    def _rebuild_if_idle(self) -> None:
        if self._rebuild_when_idle and not self.runner.busy:
            self._rebuild_pages()

    def _on_data_changed(self, changes: frozenset[str], initiator: object) -> None:
        if "setting" in changes:
            if initiator is not self.settings_page:
                self.settings_page.load()
            saved_language = load_settings().language
            if saved_language != installed_language():
                self.change_language(saved_language)
        if affects_opportunities(changes):
            self.refresh_opportunities()

    def refresh_opportunities(self) -> None:
        """Bring who is due for what up to date in the background; the runner then announces it."""
        if self._refresh_queued:
            return
        self._refresh_queued = True

        def ended(*_args: object) -> None:
            self._refresh_queued = False

        self.runner.run(
            self.tr("Working out who is due…"),
            lambda progress, cancel: ensure_opportunities_fresh(progress=progress, cancel=cancel),
            on_done=ended,
            on_cancelled=ended,
            on_failed=ended,
            quiet=True,
            cancel_on_close=True,
        )

    def _look_for_changes(self) -> None:
        data_events().changed(self)
        if clock.today() != self._day:
            self._day = clock.today()
            self.refresh_opportunities()
            if self.current_page_key() != "welcome":
                self.pages.currentWidget().load()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._look_for_changes()
        super().changeEvent(event)

    def _about(self) -> None:
        show_info(
            self,
            self.tr("About Customers for Life"),
            self.tr(
                "Customers for Life keeps every customer of a trades business for life.\n\nDatabase: %1"
            ).replace("%1", self.database_label.text()),
        )

    def bring_forward(self) -> None:
        """Another start of the app on this database asked this window to come forward."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def print_current_page(self) -> None:
        """File ▸ Print (Ctrl+P): what the page on show prints (the call sheet, the summary), if anything."""
        button = getattr(self.pages.currentWidget(), "print_button", None)
        if button is not None and button.isEnabled():
            button.click()
        else:
            self.statusBar().showMessage(self.tr("Nothing to print on this page."), 5000)

    def _stop_listening(self, receivers: list[QWidget]) -> None:
        """A closed window or page no longer answers changes: until Qt deletes it, it would still
        reload pages and start jobs for a database it no longer shows."""
        events = data_events()
        for receiver in receivers:
            handler = getattr(receiver, "_on_data_changed", None)
            if handler is not None:
                events.data_changed.disconnect(handler)

    def closeEvent(self, event) -> None:
        if self.runner.busy_visibly:
            show_info(
                self,
                self.tr("Still working"),
                self.tr("A job is still running. Cancel it or let it finish, then close the window."),
            )
            event.ignore()
            return
        if self._closed:  # a second close() asks again: everything is stopped already
            super().closeEvent(event)
            return
        self._closed = True
        save_window(self, *self._state_widgets())
        self._watch_timer.stop()
        self._stop_listening([self, *(self.pages.widget(i) for i in range(self.pages.count()))])
        self.runner.cancel_on_close()
        if self.runner.busy:
            # Only a quiet job (the daily backup) is running: let it finish rather than cut it off.
            self.statusBar().showMessage(self.tr("Finishing today's backup…"))
            self.runner.wait_for_idle()
        super().closeEvent(event)
