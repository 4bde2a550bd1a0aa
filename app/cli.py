"""`python -m app`: the app's services, scriptable (see shared/CLI.md for the contract).

Exit codes: 0 done; 2 the user's input can't be used (one sentence on stderr,
nothing changed); 1 a bug (one sentence and the log's path; the traceback goes
to the log, or to stderr with --debug).
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from app.domain.errors import UserError
from app.logs import setup_logging
from app.paths import data_dir_for, resolve_database

log = logging.getLogger(__name__)

EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2


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
    return parser


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


def _run_command(args: argparse.Namespace, database: str, data_dir: Path, log_path: Path) -> int:
    from app.services.database import close_app_database, open_app_database

    log.info("command %s started", args.command)
    try:
        open_app_database(database, data_dir)
        try:
            return COMMANDS[args.command](args)
        finally:
            close_app_database()
    except UserError as error:
        sys.stderr.write(f"{error.message}\n")
        return EXIT_USER
    except KeyboardInterrupt:
        sys.stderr.write("Stopped; nothing was changed.\n")
        return EXIT_USER
    except Exception:
        log.exception("command %s failed", args.command)
        if args.debug:
            traceback.print_exc()
        sys.stderr.write(f"Something went wrong; the details are in {log_path}.\n")
        return EXIT_BUG


def _progress_printer(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label}: {done:,} of {total:,}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import build_demo

    if not 1 <= args.customers <= 1_000_000:
        raise UserError("--customers must be between 1 and 1,000,000.")
    summary = build_demo(customers=args.customers, seed=args.seed, progress=_progress_printer("Customers"))
    sys.stderr.write(f"Demo business created: {summary}\n")
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    from app.domain.stats import EXPLANATIONS
    from app.services.stats import headline_stats

    stats = headline_stats(datetime.date.today())
    values = stats.as_json_dict()
    if args.json:
        json.dump(values, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    width = max(len(key) for key in values)
    for key, value in values.items():
        shown = (
            f"{value:.1%}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
        )
        sys.stdout.write(f"{key:<{width}}  {shown:>16}   {EXPLANATIONS.get(key, '')}\n")
    return EXIT_OK


def _cmd_find(args: argparse.Namespace) -> int:
    from app.services.customers import find_customers

    if not args.text.strip():
        raise UserError("Give some text to look for, such as part of a name or phone number.")
    found = find_customers(args.text, limit=max(1, args.limit))
    if args.json:
        json.dump([f.as_json_dict() for f in found], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for f in found:
            sys.stdout.write(f"{f.id:>8}  {f.name:<40} {f.phone:<16} {f.city}\n")
        sys.stderr.write(f"{len(found)} found\n")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "stats": _cmd_stats,
    "find": _cmd_find,
}
