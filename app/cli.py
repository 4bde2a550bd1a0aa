"""`python -m app`: the app's services, scriptable (see shared/CLI.md for the contract).

Exit codes: 0 done; 2 the user's input can't be used (one sentence on stderr,
nothing changed); 1 a bug (one sentence and the log's path; the traceback goes
to the log, or to stderr with --debug). The commands themselves are in
app.cli_commands; this module parses, opens the database and handles errors.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from app import cli_work
from app.cli_commands import (
    COMMANDS,
    EXIT_BUG,
    EXIT_OK,
    EXIT_USER,
    READS_DERIVED,
    progress_printer,
    restored_line,
)
from app.domain.errors import UserError
from app.domain.i18n import t
from app.domain.kinds import OpportunityKind
from app.logs import setup_logging
from app.paths import data_dir_for, resolve_database

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse, but its complaints are one sentence and exit code 2, as the contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{message}\n")
        raise SystemExit(EXIT_USER)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m app", description="Customers for Life, from the command line.")
    parser.add_argument(
        "--db", help="a SQLite file path or a postgresql:// URL (default: the app's database)"
    )
    parser.add_argument("--data-dir", type=Path, help="the folder for logs and backups")
    parser.add_argument("--debug", action="store_true", help="print tracebacks of unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="fill an empty database with a believable demo business")
    demo.add_argument("--customers", type=int, default=500, help="how many customers (default 500)")
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same business")

    stats = commands.add_parser("stats", help="headline numbers")
    stats.add_argument("--json", action="store_true", help="one JSON document on stdout")

    find = commands.add_parser(
        "find", help="customers matching a fragment of name, phone, street, city or e-mail"
    )
    find.add_argument("text")
    find.add_argument("--json", action="store_true", help="one JSON document on stdout")
    find.add_argument("--limit", type=int, default=50)

    imp = commands.add_parser("import", help="import customers from .xlsx/.xlsm/.xls/.csv")
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen; change nothing")
    imp.add_argument("--json", action="store_true")

    undo = commands.add_parser("undo-import", help="undo one import batch")
    undo.add_argument("batch", type=int)

    export = commands.add_parser("export", help="the whole database as a workbook, one sheet per table")
    export.add_argument("out", type=Path)

    opportunities = commands.add_parser("opportunities", help="open opportunities with their reasons")
    opportunities.add_argument("--kind", choices=[k.value for k in OpportunityKind])
    opportunities.add_argument("--json", action="store_true")
    opportunities.add_argument("--recompute", action="store_true", help="work them out again first")

    callsheet = commands.add_parser("callsheet", help="the follow-up call sheet for a day")
    callsheet.add_argument("out", type=Path)
    callsheet.add_argument("--date", type=_date)
    callsheet.add_argument(
        "--limit", type=int, help="this many calls instead of the day's share (the Calls per day setting)"
    )

    statement = commands.add_parser("statement", help="a partner's commission statement")
    statement.add_argument("partner", help="the partner's id or (part of) their name")
    statement.add_argument("out", type=Path)
    statement.add_argument("--from", dest="start", type=_date)
    statement.add_argument("--to", dest="end", type=_date)

    kinds = [k.value for k in OpportunityKind]
    letters = commands.add_parser("letters", help="personalised letters for open opportunities of a kind")
    letters.add_argument("out", type=Path)
    letters.add_argument("--kind", choices=kinds)
    letters.add_argument("--limit", type=int)
    postcards = commands.add_parser("postcards", help="postcards, address side and message side")
    postcards.add_argument("out", type=Path)
    postcards.add_argument("--kind", choices=kinds)
    postcards.add_argument("--size", choices=["4x6", "6x9"], default="4x6")
    labels = commands.add_parser("labels", help="address labels")
    labels.add_argument("out", type=Path)
    labels.add_argument("--kind", choices=kinds)
    labels.add_argument(
        "--sheet", choices=["avery5160", "avery5163", "avery5167", "averyl7160"], default="avery5160"
    )
    labels.add_argument(
        "--start", type=int, default=1, help="the first free label on the sheet (1 = top left)"
    )

    backup = commands.add_parser("backup", help="a consistent, verified copy of the database")
    backup.add_argument("out", type=Path)
    restore = commands.add_parser("restore", help="put a backup back (the current data is backed up first)")
    restore.add_argument("file", type=Path)
    cli_work.add_parsers(commands, _date)
    return parser


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        sys.stderr.write("Name a command; `python -m app --help` lists them.\n")
        return EXIT_USER
    database = resolve_database(args.db, args.data_dir)
    data_dir = data_dir_for(database, args.data_dir)
    try:
        log_path = setup_logging(data_dir)
    except OSError as error:
        sys.stderr.write(f"Cannot write to the data folder {data_dir}: {error.strerror}.\n")
        return EXIT_USER
    return _run_command(args, database, data_dir, log_path)


def _bring_derived_up_to_date(args: argparse.Namespace) -> None:
    """Nobody reads opportunities (or figures made of them) that a change or the new day made stale."""
    if args.command not in READS_DERIVED | cli_work.READS_DERIVED or getattr(args, "recompute", False):
        return
    from app.services.freshness import ensure_opportunities_fresh

    ensure_opportunities_fresh(progress=progress_printer("Working out who is due"))


def _run_command(args: argparse.Namespace, database: str, data_dir: Path, log_path: Path) -> int:
    from app.services.database import close_app_database, open_app_database

    log.info("command %s started", args.command)
    try:
        live = _restore_target(args, database)
        if live is not None and not live.exists():
            return _restore_unopened(args, live, database, data_dir)  # a new laptop, a backup on a stick
        try:
            open_app_database(database, data_dir)
        except Exception:
            # The moment a backup is needed most: the database no longer opens. Restore into the
            # file itself (it is kept aside), but only when SQLite can't read it at all; another
            # program's database, a locked one or a newer version keeps its own message.
            from app.services.backups import cannot_be_opened

            close_app_database()
            if live is None or not cannot_be_opened(live):
                raise
            log.warning("the database does not open; restoring into the file", exc_info=True)
            return _restore_unopened(args, live, database, data_dir)
        try:
            _bring_derived_up_to_date(args)
            return {**COMMANDS, **cli_work.WORK_COMMANDS}[args.command](args)
        finally:
            close_app_database()
    except UserError as error:
        sys.stderr.write(f"{error.in_owners_language()}\n")
        return EXIT_USER
    except KeyboardInterrupt:
        sys.stderr.write(t("Stopped; nothing was changed.") + "\n")
        return EXIT_USER
    except BrokenPipeError:
        # The reader stopped reading (`... | head -1`): not a bug. Point stdout at nothing, so the
        # interpreter's last flush on exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        log.exception("command %s failed", args.command)
        if args.debug:
            traceback.print_exc()
        sys.stderr.write(t("Something went wrong; the details are in {path}.", path=log_path) + "\n")
        return EXIT_BUG


def _restore_target(args: argparse.Namespace, database: str) -> Path | None:
    """The SQLite file a `restore` writes into, or None (another command, or PostgreSQL)."""
    if args.command != "restore" or "://" in database:
        return None
    return Path(database).expanduser()


def _restore_unopened(args: argparse.Namespace, live: Path, database: str, data_dir: Path) -> int:
    """Restore into a database file that is missing or beyond reading, then open it once.

    restore_backup checks the backup fully before it touches anything, and renames an
    unreadable live file aside rather than deleting it; opening afterwards migrates a backup
    from an older version and makes the files private, as any start would.
    """
    from app.services.backups import restore_backup
    from app.services.database import close_app_database, open_app_database

    created = not live.exists()
    result = restore_backup(args.file, live=live, folder=data_dir / "backups")
    try:
        open_app_database(database, data_dir)  # the restored data's language is known from here
        close_app_database()
    finally:
        if result.damaged_kept:
            where = t(" The damaged database was kept as {path}.", path=result.damaged_kept)
        else:
            where = t(" The database {path} was created.", path=live) if created else ""
        restored_line(args.file, result.customers, where)
    return EXIT_OK
