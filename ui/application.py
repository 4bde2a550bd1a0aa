"""Starting the app: QApplication, paths, logging, the error hook, the database and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain import i18n
from app.domain.errors import UserError
from app.logs import setup_logging
from app.paths import APP_NAME, data_dir_for, demo_data_dir, demo_database, resolve_database
from app.services import office
from app.services.database import open_app_database
from ui import gc_guard, signals
from ui.main_window import MainWindow
from ui.messages import set_log_path, show_error
from ui.pages.backup_section import startup_backup
from ui.pages.welcome_page import DEFAULT_DEMO_CUSTOMERS
from ui.single_instance import SingleInstance, ask_running_copy_to_show
from ui.translation import install_language

log = logging.getLogger(__name__)
STARTUP_BACKUP_DELAY_MS = 5000


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="Customers for Life")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="a SQLite file or a postgresql:// URL")
    where.add_argument(
        "--office", action="store_true", help="the office server saved on this computer (its password too)"
    )
    where.add_argument(
        "--demo",
        nargs="?",
        type=int,
        const=DEFAULT_DEMO_CUSTOMERS,
        metavar="CUSTOMERS",
        help="a demo business in a database of its own in the data folder (built the first time, with "
        f"CUSTOMERS customers, {DEFAULT_DEMO_CUSTOMERS} if not given); your own database is never touched",
    )
    parser.add_argument("--data-dir", type=Path, help="the folder for the database, logs and backups")
    parser.add_argument(
        "--language",
        choices=[code for code, _name in i18n.LANGUAGES],
        help="with --demo: the language a new demo business is written in (the owner's who opened it)",
    )
    args, _qt_args = parser.parse_known_args(list(argv)[1:])
    return args


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("")
    app.setApplicationDisplayName("Customers for Life")
    gc_guard.install(app)
    signals.install()  # before the first emit, on the GUI thread
    return app


def qt_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = logging.WARNING if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtInfoMsg) else logging.ERROR
    if mode == QtMsgType.QtDebugMsg:
        level = logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)


def _excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """An exception escaping a slot: logged with its traceback, shown as an apology, never on screen raw."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    error.__traceback__ = trace
    show_error(QApplication.activeWindow(), error)


def open_main_window(argv: Sequence[str]) -> MainWindow | int:
    """Everything up to a shown main window, or the exit code when there is none to show.

    0: another copy already has this database open (and came forward); 2: the database
    can't be opened (the owner was told why).
    """
    args = parse_arguments(argv)
    create_application(argv)
    try:
        chosen = office.saved_profile_address() if args.office else args.db
    except UserError as error:
        QMessageBox.critical(None, "Customers for Life", error.message)
        return 2
    data_folder = args.data_dir or qt_data_dir()
    demo = args.demo is not None
    if demo:
        # Its own file and folder, whatever --db or CFL_DATABASE say: the demo never lands in the owner's.
        data_dir = demo_data_dir(data_folder)
        data_dir.mkdir(parents=True, exist_ok=True)
        database = str(demo_database(data_folder))
    else:
        database = resolve_database(chosen, data_folder)
        data_dir = data_dir_for(database, args.data_dir)
    log_path = setup_logging(data_dir)
    set_log_path(log_path)
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook
    log.info("starting")
    # The same server is the same database whatever password was typed: the key never holds one.
    shown = office.shown_location(database)
    instance_key = shown if "://" in database else str(Path(database).expanduser().resolve())
    if ask_running_copy_to_show(instance_key):
        log.info("already running on this database; asked that copy to come forward")
        sys.stderr.write(
            "Customers for Life is already open on this database; its window was brought forward.\n"
        )
        return 0
    try:
        opened = open_app_database(database, data_dir)
    except UserError as error:
        QMessageBox.critical(None, "Customers for Life", error.message)
        return 2
    except Exception as error:
        show_error(None, error)
        return 2
    if demo and args.language:
        _demo_speaks(args.language)
    # The Language setting is in the database, read as it opened: every screen is built in it.
    install_language(i18n.language())
    # The status bar, Help ▸ About and the "Your data" page all show this: never a password.
    window = MainWindow(office.shown_location(opened.location), demo=demo, data_folder=data_folder)
    if not window.restored:
        window.size_to_screen()
    window.single_instance = SingleInstance(instance_key, window)
    window.single_instance.show_requested.connect(window.bring_forward)
    window.show()
    if demo:
        window.fill_demo_if_empty(args.demo)  # the first time: the demo business is built here
    else:
        # The daily backup reads the whole file: let the first screen come up before it starts. The demo
        # has nothing worth one (it is made again by deleting its folder).
        QTimer.singleShot(STARTUP_BACKUP_DELAY_MS, window, lambda: startup_backup(window.runner))
    return window


def _demo_speaks(language: str) -> None:
    """A new demo business reads in the language of the owner who asked for it (an English demo for
    an owner who reads Spanish would look untranslated); one already built keeps its own setting."""
    from app.services.customers import count_customers
    from app.services.language import apply_saved_language
    from app.services.settings import update_settings

    if count_customers() == 0:
        update_settings({"language": language})
        apply_saved_language()


def run(argv: Sequence[str]) -> int:
    window = open_main_window(argv)
    if isinstance(window, int):
        return window
    if os.environ.get("CFL_SMOKE_TEST"):
        # The frozen-build smoke test: start to the main window, then leave cleanly.
        QTimer.singleShot(1000, QApplication.instance().quit)
    return QApplication.instance().exec()
