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
from app.domain.formatting import number
from app.domain.i18n import counted, t, translated

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
        sys.stderr.write(
            "\r" + t("{label}: {done} of {total}", label=t(label), done=number(done), total=number(total))
        )
        finished = done >= total
        sys.stderr.write("\n" if finished else "")
        sys.stderr.flush()

    return report


def _cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import build_demo

    if not 1 <= args.customers <= 1_000_000:
        raise UserError("--customers must be between 1 and 1,000,000.")
    summary = build_demo(customers=args.customers, seed=args.seed, progress=progress_printer("Customers"))
    counts = ", ".join(
        t(f"{{count}} {name.replace('_', ' ')}", count=number(value)) for name, value in vars(summary).items()
    )
    sys.stderr.write(t("Demo business created: {counts}.", counts=counts) + "\n")
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
        sys.stderr.write(t("{count} found", count=number(len(found))) + "\n")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from app.domain.said import shown
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
    for key in IMPORT_SUMMARY:
        sys.stdout.write(f"{t(key.replace('_', ' ')):<20} {values[key]}\n")
    if isinstance(report, RestoreReport):  # our own whole export: every table came back, not just customers
        sys.stdout.write("".join(f"{translated(line)}\n" for line in report.lines()))
    for rejected in report.rejected[:LISTED_LINES]:
        sys.stdout.write(
            t("row {row}: {reason}", row=rejected["row"], reason=shown(rejected["reason"])) + "\n"
        )
    _warnings(report.warnings[:LISTED_LINES])
    more_rows, more_warnings = len(report.rejected) - LISTED_LINES, len(report.warnings) - LISTED_LINES
    more = [t("{count} more rows not imported", count=number(more_rows))] if more_rows > 0 else []
    more += [t("{count} more warnings", count=number(more_warnings))] if more_warnings > 0 else []
    if more:  # thousands of lines bury the counts above; the JSON report has every one of them
        joined = t("{first} and {second}", first=more[0], second=more[1]) if len(more) == 2 else more[0]
        sys.stdout.write(t("… and {more}: `import --json` lists them all.", more=joined) + "\n")
    return EXIT_OK


# The import's counts, as the human summary lists them (their JSON keys, in words).
IMPORT_SUMMARY = (
    "file",
    "sheet",
    "rows_read",
    "customers_created",
    "customers_updated",
    "duplicates_merged",
    "sites_created",
    "equipment_created",
    "batch",
)


def _warnings(warnings: list[str]) -> None:
    """ "warning: …" lines, each in the owner's language (the importer's words keep their message id)."""
    from app.domain.said import shown

    for warning in warnings:
        sys.stdout.write(t("warning: {warning}", warning=shown(warning)) + "\n")


def _cmd_undo_import(args: argparse.Namespace) -> int:
    from app.services.importing import undo_import

    undone = undo_import(args.batch)
    removed, restored = number(undone.customers_removed), number(undone.customers_restored)
    sys.stdout.write(
        t("Import {batch} undone: {removed} customers removed, {restored} restored.", batch=args.batch,
          removed=removed, restored=restored) + "\n"
    )  # fmt: skip
    _warnings(undone.warnings)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from app.services.exporting import export_database

    summary = export_database(args.out, progress=progress_printer("Rows"))
    rows, tables = number(summary.total_rows), number(len(summary.rows))
    sys.stderr.write(
        t("Exported {rows} rows of {tables} tables to {out}.", rows=rows, tables=tables, out=args.out) + "\n"
    )
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
        reason = translated(o.reason)
        sys.stdout.write(f"{o.id:>8}  {o.kind:<16} {due:<10} {o.value:>10}  {o.customer}: {reason}\n")
    sys.stderr.write(t("{count} open", count=number(len(found))) + "\n")
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
    pages = counted(result.pages, "page")  # type: ignore[attr-defined]
    printed = number(result.printed)  # type: ignore[attr-defined]
    sys.stderr.write(
        t("{path}: {pages}, {printed} printed", path=result.path, pages=pages, printed=printed) + "\n"
    )  # type: ignore[attr-defined]
    for issue in result.exceptions:  # type: ignore[attr-defined]
        sys.stderr.write(
            t("left out: {key}: {reason}", key=issue.key, reason=translated(issue.reason)) + "\n"
        )
    for issue in getattr(result, "warnings", []):
        sys.stderr.write(t("warning: {key}: {reason}", key=issue.key, reason=translated(issue.reason)) + "\n")
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
    customers = number(info.customers)
    sys.stderr.write(
        t("Backup written to {path}: {customers} customers, verified.", path=info.path, customers=customers)
        + "\n"
    )
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from app.services.backups import restore_backup

    result = restore_backup(args.file)
    safety = (
        t(" The data it replaced is in {path}.", path=result.safety_backup.path)
        if result.safety_backup
        else ""
    )
    kept = (
        t(" The damaged database was kept as {path}.", path=result.damaged_kept)
        if result.damaged_kept
        else ""
    )
    restored_line(args.file, result.customers, safety + kept)
    return EXIT_OK


def restored_line(backup: object, customers: int, more: str = "") -> None:
    """ "Restored FILE: N customers." and what else the owner should know, on stderr."""
    customers_text = number(customers)
    sys.stderr.write(
        t("Restored {file}: {customers} customers.", file=backup, customers=customers_text) + more + "\n"
    )


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
