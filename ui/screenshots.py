"""`python -m ui.screenshots OUT_DIR`: every page and main dialog of the app, on a demo database, as PNGs.

Runs offscreen in a throw-away data folder, so anyone can see the app without a
display and the owner's own data and window state are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from app.domain import clock
from app.domain.i18n import LANGUAGES
from ui.palettes import THEMES, apply_theme
from ui.screenshot_dialogs import (
    select_a_rich_customer,
    settle,
    shoot_dialogs,
    shoot_import_wizard,
    shoot_restore_wizard,
)

SIZES = ((1366, 768), (1920, 1080))  # the window, in logical pixels, as far as the screen has room
# The screen an owner's laptop has, in device pixels: at 150 % it gives 1280×720 logical pixels, and
# every window and dialog sizes itself from that, as on the real thing.
SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}
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
    # Scaling is fixed when the application starts: one process per scale (see --all).
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cfl-screens-") as scratch:
        if "QT_QPA_PLATFORM" not in os.environ:  # under Xvfb (xcb) the X screen's size holds
            screen = Path(scratch) / "screen.json"
            screen.write_text(json.dumps({"screens": [SCREEN]}))
            os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
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
    from app.services.exporting import export_database
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
    # The owner's own first start: their (empty) database, not a demo's.
    empty = scratch / "empty.sqlite3"
    written += _shoot_pages(app, out_dir, ["welcome"], prefix="empty-", database=empty, demo=False)
    close_app_database()

    open_app_database(str(scratch / "demo.sqlite3"), scratch)
    update_settings({"language": language})  # first, as `--demo --language` does: the demo is written in it
    install_language(language)
    build_demo(customers=customers, seed=7)
    recompute_opportunities()
    _a_few_weeks_on()
    written += _shoot_pages(app, out_dir, PAGES, prefix="", dialogs=True, database=scratch / "demo.sqlite3")
    written += shoot_import_wizard(app, out_dir, scratch / "demo.sqlite3", scratch / "customer list.csv")
    export_database(scratch / "everything.xlsx")
    close_app_database()

    open_app_database(str(scratch / "restored.sqlite3"), scratch)
    update_settings({"language": language})
    written += shoot_restore_wizard(app, out_dir, scratch / "restored.sqlite3", scratch / "everything.xlsx")
    close_app_database()
    return written


def _a_few_weeks_on() -> None:
    """What an owner has after a few weeks: this month's renewal letters sent, next month's drafted
    (the Campaigns page and its dialogs have something to show), and a backup to restore from. A small
    demo may have no renewal due: a check-in to everyone then."""
    import datetime

    from app.domain import formatting
    from app.domain.campaigns import AudienceCriteria
    from app.domain.errors import UserError
    from app.domain.i18n import t
    from app.domain.opportunities import KIND_LABELS
    from app.services import campaigns
    from app.services.backups import make_backup

    first = clock.today().replace(day=1)
    wanted = []
    for month in (first, (first + datetime.timedelta(days=32)).replace(day=1)):
        end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        name = t("Renewals due {month}", month=formatting.month_year(month))
        wanted.append((name, AudienceCriteria(kind="renewal", due_from=month, due_to=end)))
    wanted.append((t(KIND_LABELS["check_in"]), AudienceCriteria(kind="check_in")))
    made = []
    for name, criteria in wanted:
        try:
            made.append(campaigns.create_campaign(name, criteria))
        except UserError:  # nobody due
            continue
    campaigns.mark_campaign_sent(made[0], clock.today())
    make_backup()


def _shoot_pages(
    app,
    out_dir: Path,
    pages: list[str],
    prefix: str,
    *,
    database: Path,
    dialogs: bool = False,
    demo: bool = True,
) -> list[Path]:
    from ui.main_window import MainWindow

    written = []
    free = app.primaryScreen().availableGeometry()
    sizes = list(
        dict.fromkeys((min(width, free.width()), min(height, free.height())) for width, height in SIZES)
    )
    for width, height in sizes:
        window = MainWindow(str(database), demo=demo)
        window.resize(width, height)
        window.show()
        for key in pages:
            if key not in window._page_keys:
                continue
            window.show_page(key)
            settle(window)
            if key == "customers":
                select_a_rich_customer(window)
            app.processEvents()
            path = out_dir / f"{prefix}{key}-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
        if dialogs and (width, height) == sizes[0]:
            written += shoot_dialogs(app, window, out_dir)
        window.close()
        window.deleteLater()
        app.processEvents()
    return written


if __name__ == "__main__":
    sys.exit(main())
