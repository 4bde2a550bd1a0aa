"""`python -m ui.screenshots OUT_DIR`: every page and main dialog of the app, on a demo database, as PNGs.

Runs offscreen in a throw-away data folder, so anyone can see the app without a
display and the owner's own data and window state are never touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from app.domain import clock
from app.domain.i18n import LANGUAGES
from ui.palettes import THEMES, apply_theme

SIZES = ((1366, 768), (1920, 1080))
PAGES = ["customers", "queue", "campaigns", "dashboard", "partners", "catalog", "letters", "data", "settings"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--customers", type=int, default=400)
    parser.add_argument("--theme", choices=THEMES, default="light")
    parser.add_argument("--scale", type=float, default=1.0, help="display scaling, e.g. 1.5 for 150 %%")
    parser.add_argument(
        "--language", choices=[code for code, _name in LANGUAGES], default="en", help="the Language setting"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="every language and theme at 100 %% and 150 %%, each in its own folder",
    )
    args = parser.parse_args(argv)
    if args.all:
        return _shoot_every_variant(args.out_dir, args.customers)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Scaling is fixed when the application starts: one process per scale (see --all).
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cfl-screens-") as scratch:
        written = take_screenshots(args.out_dir, Path(scratch), args.customers, args.theme, args.language)
    for path in written:
        print(path)
    return 0


def _shoot_every_variant(out_dir: Path, customers: int) -> int:
    """Every language, theme and scale, each in its own folder (one process each: scaling is fixed
    when the application starts)."""
    for language, _name in LANGUAGES:
        for theme in THEMES:
            for scale in (1.0, 1.5):
                folder = out_dir / f"{language}-{theme}-{round(scale * 100)}"
                command = [sys.executable, "-m", "ui.screenshots", str(folder), "--customers", str(customers)]
                command += ["--theme", theme, "--scale", str(scale), "--language", language]
                done = subprocess.run(command, check=False)
                if done.returncode != 0:
                    return done.returncode
    return 0


def take_screenshots(
    out_dir: Path, scratch: Path, customers: int, theme: str = "light", language: str = "en"
) -> list[Path]:
    from PySide6.QtCore import QSettings

    from app.services.database import close_app_database, open_app_database
    from app.services.demo import build_demo
    from app.services.opportunities import recompute_opportunities
    from app.services.settings import update_settings
    from ui.application import create_application
    from ui.translation import install_language

    # Ten in the morning today: the call list and its suggested times are as an owner starts the day
    # (run in the evening, Today's calls would be empty, with every call waiting for tomorrow).
    morning = clock.now().replace(hour=10, minute=0, second=0)
    clock.set_clock(clock.FixedClock(morning))
    app = create_application([sys.argv[0]])
    apply_theme(app, theme)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
    written: list[Path] = []

    open_app_database(str(scratch / "empty.sqlite3"), scratch)
    update_settings({"language": language})
    install_language(language)  # as the app does once the database is open
    written += _shoot_pages(app, out_dir, ["welcome"], prefix="empty-", database=scratch / "empty.sqlite3")
    close_app_database()

    open_app_database(str(scratch / "demo.sqlite3"), scratch)
    build_demo(customers=customers, seed=7)
    update_settings({"language": language})
    install_language(language)
    recompute_opportunities()
    written += _shoot_pages(app, out_dir, PAGES, prefix="", dialogs=True, database=scratch / "demo.sqlite3")
    written += _shoot_import_wizard(app, out_dir, scratch)
    close_app_database()
    return written


def _shoot_pages(
    app, out_dir: Path, pages: list[str], prefix: str, *, database: Path, dialogs: bool = False
) -> list[Path]:
    from ui.main_window import MainWindow

    written = []
    for width, height in SIZES:
        window = MainWindow(str(database), demo=True)
        window.resize(width, height)
        window.show()
        for key in pages:
            if key not in window._page_keys:
                continue
            window.show_page(key)
            _settle(app, window)
            if key == "customers":
                _select_a_rich_customer(window)
            app.processEvents()
            path = out_dir / f"{prefix}{key}-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
        if dialogs and width == SIZES[0][0]:
            written += _shoot_dialogs(app, window, out_dir)
        window.close()
        window.deleteLater()
        app.processEvents()
    return written


def _settle(app, window) -> None:
    """Let a page's loading job finish and its results arrive, as a person would wait for them."""
    for _ in range(3):
        window.runner.wait_for_idle(60_000)
        app.processEvents()


def _select_a_rich_customer(window) -> None:
    """A customer with equipment and history makes the detail worth looking at."""
    page = window.customers_page
    for row in range(min(page.model.rowCount(), 200)):
        page.table.selectRow(row)
        detail = page.detail
        if detail.equipment.rowCount() >= 2 and detail.touches.rowCount() >= 2:
            page.detail.tabs.setCurrentIndex(1)
            return


def _shoot_dialogs(app, window, out_dir: Path) -> list[Path]:
    from app.services import customers as customer_service
    from ui.dialogs import forms
    from ui.dialogs.customer_picker import CustomerPickerDialog
    from ui.dialogs.form_dialog import FormDialog
    from ui.pages.customer_actions import customer_form_values, merge_picker

    page = window.customers_page
    detail = customer_service.customer_detail(page.selected_customer_id())
    values = customer_form_values(detail)
    values["phone"] = "410-555-01"  # show what a mistake looks like
    shots = {
        "dialog-edit-customer": FormDialog(
            "Edit customer", *forms.customer_form(customer_service.list_segments()), values, window
        ),
        "dialog-log-call": FormDialog(
            "Log a call", *forms.touch_form(detail.id), {"channel": "call"}, window
        ),
        "dialog-merge": merge_picker(detail.id, detail.name, window),
    }
    written = []
    for name, dialog in shots.items():
        dialog.show()
        app.processEvents()
        if isinstance(dialog, CustomerPickerDialog):
            dialog.find_now()
        app.processEvents()
        path = out_dir / f"{name}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    return written


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


def _shoot_import_wizard(app, out_dir: Path, scratch: Path) -> list[Path]:
    """Each step of importing MESSY_LIST, as a new owner sees it."""
    import csv

    from ui.main_window import MainWindow

    source = scratch / "customer list.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(MESSY_LIST)
    window = MainWindow(str(scratch / "demo.sqlite3"), demo=True)
    window.resize(*SIZES[0])
    window.show()
    wizard = window.import_spreadsheet(str(source))
    wizard.resize(1000, 680)
    written = []
    pages = [
        wizard.file_page,
        wizard.sheet_page,
        wizard.mapping_page,
        wizard.preview_page,
        wizard.report_page,
    ]
    for number, page in enumerate(pages, 1):
        if number > 1:
            wizard.next()
        _settle(app, window)
        if wizard.currentPage() is not page:
            break  # a step refused to go on: the shot of that step shows why
        path = out_dir / f"import-{number}-{type(page).__name__.removesuffix('Page').lower()}.png"
        wizard.grab().save(str(path))
        written.append(path)
    wizard.close()  # the import stays in the throw-away database
    window.close()
    window.deleteLater()
    app.processEvents()
    return written


if __name__ == "__main__":
    sys.exit(main())
