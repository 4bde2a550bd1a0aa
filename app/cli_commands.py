"""The commands of `python -m app`, one function each, and the table that names them.

app.cli parses the arguments, opens the database and turns errors into exit codes;
each command here only does its work and writes what it has to say: results on
stdout (JSON with --json), progress and summaries on stderr. A UserError raised
here is the user's to fix (exit code 2); see shared/CLI.md for the contract.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from app.domain import clock
from app.domain.errors import UserError
from app.domain.wording import count_text

# The contract's exit codes: done; a bug; the user's input can't be used.
EXIT_OK, EXIT_BUG, EXIT_USER = 0, 1, 2
LISTED_LINES = 50  # rejected rows (and warnings) an import prints before it sums up the rest


def progress_printer(label: str) -> Callable[[int, int], None] | None:
    """Progress on one line of a terminal; nothing when stderr is a file or a pipe (scripts)."""
    if not sys.stderr.isatty():
        return None
    finished = False

    def report(done: int, total: int) -> None:
        nonlocal finished
        if finished:
            return
        sys.stderr.write(f"\r{label}: {done:,} of {total:,}")
        finished = done >= total
        sys.stderr.write("\n" if finished else "")
        sys.stderr.flush()

    return report


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import build_demo

    if not 1 <= args.customers <= 1_000_000:
        raise UserError("--customers must be between 1 and 1,000,000.")
    summary = build_demo(customers=args.customers, seed=args.seed, progress=progress_printer("Customers"))
    counts = ", ".join(f"{value:,} {name.replace('_', ' ')}" for name, value in vars(summary).items())
    sys.stderr.write(f"Demo business created: {counts}.\n")
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    from app.domain.stats import EXPLANATIONS
    from app.services.stats import headline_stats

    stats = headline_stats(clock.today())
    values = stats.as_json_dict()
    if args.json:
        json.dump(values, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    width = max(len(key) for key in values)
    for key in values:
        # Each number as the dashboard and the printed summary show it, so the three read alike.
        sys.stdout.write(f"{key:<{width}}  {stats.text(key):>16}   {EXPLANATIONS.get(key, '')}\n")
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


def _cmd_import(args: argparse.Namespace) -> int:
    from app.services.backups import backup_before
    from app.services.importing import run_import
    from app.services.importing.restoring import RestoreReport

    report = run_import(
        args.file,
        sheet=args.sheet,
        dry_run=args.dry_run,
        progress=progress_printer("Steps"),
        before_write=lambda: backup_before("import"),  # only once the file is read and fits
    )
    if args.json:
        _json(report.as_json_dict())
        return EXIT_OK
    values = report.as_json_dict()
    for key in (
        "file",
        "sheet",
        "rows_read",
        "customers_created",
        "customers_updated",
        "duplicates_merged",
        "sites_created",
        "equipment_created",
        "batch",
    ):
        sys.stdout.write(f"{key.replace('_', ' '):<20} {values[key]}\n")
    if isinstance(report, RestoreReport):  # our own whole export: every table came back, not just customers
        sys.stdout.write("".join(f"{line}\n" for line in report.lines()))
    for rejected in report.rejected[:LISTED_LINES]:
        sys.stdout.write(f"row {rejected['row']}: {rejected['reason']}\n")
    for warning in report.warnings[:LISTED_LINES]:
        sys.stdout.write(f"warning: {warning}\n")
    more_rows, more_warnings = len(report.rejected) - LISTED_LINES, len(report.warnings) - LISTED_LINES
    more = [f"{more_rows:,} more rows not imported"] if more_rows > 0 else []
    more += [f"{more_warnings:,} more warnings"] if more_warnings > 0 else []
    if more:  # thousands of lines bury the counts above; the JSON report has every one of them
        sys.stdout.write(f"… and {' and '.join(more)}: `import --json` lists them all.\n")
    return EXIT_OK


def _cmd_undo_import(args: argparse.Namespace) -> int:
    from app.services.importing import undo_import

    undone = undo_import(args.batch)
    sys.stdout.write(
        f"Import {args.batch} undone: {undone.customers_removed:,} customers removed, "
        f"{undone.customers_restored:,} restored.\n"
    )
    for warning in undone.warnings:
        sys.stdout.write(f"warning: {warning}\n")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from app.services.exporting import export_database

    summary = export_database(args.out, progress=progress_printer("Rows"))
    sys.stderr.write(f"Exported {summary.total_rows:,} rows of {len(summary.rows)} tables to {args.out}.\n")
    return EXIT_OK


def _cmd_opportunities(args: argparse.Namespace) -> int:
    from app.services.opportunities import list_open_opportunities, recompute_opportunities

    if args.recompute:
        recompute_opportunities(progress=progress_printer("Rules"))
    found = list_open_opportunities(kind=args.kind)
    if args.json:
        _json([o.as_json_dict() for o in found])
        return EXIT_OK
    for o in found:
        due = o.due.isoformat() if o.due else ""
        sys.stdout.write(f"{o.id:>8}  {o.kind:<16} {due:<10} {o.value:>10}  {o.customer}: {o.reason}\n")
    sys.stderr.write(f"{len(found)} open\n")
    return EXIT_OK


def _cmd_callsheet(args: argparse.Namespace) -> int:
    from app.services.callsheet import print_callsheet

    result = print_callsheet(args.out, day=args.date, limit=args.limit, progress=progress_printer("Calls"))
    return _printed(result)


def _cmd_statement(args: argparse.Namespace) -> int:
    from app.services import partners
    from app.services.documents import render_statement
    from app.services.settings import load_settings

    partner_id = partners.resolve_partner(args.partner)
    ledger = partners.partner_ledger(partner_id, start=args.start, end=args.end)
    return _printed(render_statement(ledger, args.out, load_settings()))


def _printed(result: object) -> int:
    """A PDF job's outcome on stderr: pages written, each record left out with the reason, and
    every warning (printed, but worth a look: an empty letterhead, a logo that could not be read,
    a character no font has)."""
    pages = count_text(result.pages, "page")  # type: ignore[attr-defined]
    sys.stderr.write(f"{result.path}: {pages}, {result.printed:,} printed\n")  # type: ignore[attr-defined]
    for issue in result.exceptions:  # type: ignore[attr-defined]
        sys.stderr.write(f"left out: {issue.key}: {issue.reason}\n")
    for issue in getattr(result, "warnings", []):
        sys.stderr.write(f"warning: {issue.key}: {issue.reason}\n")
    return EXIT_OK


def _cmd_letters(args: argparse.Namespace) -> int:
    from app.services.mailings import print_letters

    return _printed(
        print_letters(args.out, kind=args.kind, limit=args.limit, progress=progress_printer("Letters"))
    )


def _cmd_postcards(args: argparse.Namespace) -> int:
    from app.services.mailings import print_postcards

    return _printed(
        print_postcards(args.out, kind=args.kind, size=args.size, progress=progress_printer("Cards"))
    )


def _cmd_labels(args: argparse.Namespace) -> int:
    from app.services.mailings import print_labels

    result = print_labels(
        args.out, kind=args.kind, sheet=args.sheet, start_at=args.start, progress=progress_printer("Labels")
    )
    return _printed(result)


def _cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backups import backup_to_file

    info = backup_to_file(args.out)
    sys.stderr.write(f"Backup written to {info.path}: {info.customers:,} customers, verified.\n")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from app.services.backups import restore_backup

    result = restore_backup(args.file)
    safety = f" The data it replaced is in {result.safety_backup.path}." if result.safety_backup else ""
    kept = f" The damaged database was kept as {result.damaged_kept}." if result.damaged_kept else ""
    sys.stderr.write(f"Restored {args.file}: {result.customers:,} customers.{safety}{kept}\n")
    return EXIT_OK


def _json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# Commands that show opportunities or figures made of them: brought up to date first (app.cli).
READS_DERIVED = {"stats", "opportunities", "callsheet", "letters", "postcards", "labels", "export"}

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "stats": _cmd_stats,
    "find": _cmd_find,
    "import": _cmd_import,
    "undo-import": _cmd_undo_import,
    "export": _cmd_export,
    "opportunities": _cmd_opportunities,
    "callsheet": _cmd_callsheet,
    "statement": _cmd_statement,
    "letters": _cmd_letters,
    "postcards": _cmd_postcards,
    "labels": _cmd_labels,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
}
