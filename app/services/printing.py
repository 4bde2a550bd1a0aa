"""Sending a PDF the app made to a CUPS printer as it is: at 100 %, on the document's own paper.

CUPS (Linux, macOS) takes a PDF as it is and turns it into what the printer speaks, so the
pages never need rasterising here: `lp` (or CUPS's library, where `lp` is not installed)
spools the PDF itself (the 100-page letters PDF is
about 150 KB, where Qt's raster path spooled 37 MB of page images). Two things decide that the
letter comes out at its true size: the job names the document's paper (`media`), so the
queue's default paper (A4 on many printers) never replaces it, and it asks for no scaling
(`print-scaling=none`, and `fit-to-page=false` for older filters), so a page that does not
match the paper is never shrunk to fit. A landscape page is sent on its paper as the
printer feeds it (short side first); CUPS turns the page to fit, at 100 %.

Windows has no CUPS: the UI rasterises there (ui/print_output.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import UserError
from app.services.cancel import Cancelled

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

LP_TIMEOUT_S = 60

# Paper sizes by their short and long side in points, under the names every CUPS queue knows.
MEDIA_NAMES = {
    (612, 792): "Letter",
    (612, 1008): "Legal",
    (522, 756): "Executive",
    (792, 1224): "Tabloid",
    (595, 842): "A4",
    (420, 595): "A5",
    (842, 1191): "A3",
}

# Options of the print dialog that the job decides itself: the paper and the scale come from
# the document (never from the queue's defaults or a leftover choice), copies, sides and pages
# from the dialog's own fields.
DECIDED_BY_THE_JOB = {
    "media",
    "pagesize",
    "pageregion",
    "page-size",
    "fit-to-page",
    "fitplot",
    "fittopage",
    "print-scaling",
    "scaling",
    "natural-scaling",
    "ppi",
    "landscape",
    "orientation-requested",
    "copies",
    "collate",
    "sides",
    "page-ranges",
}

JOB_ID = re.compile(r"request id is (\S+)")


@dataclass(frozen=True)
class PrintJob:
    """One PDF for one queue; sizes in points, the page as drawn (landscape: wider than tall)."""

    queue: str
    pdf: Path
    title: str
    page_width: float
    page_height: float
    copies: int = 1
    collate: bool = True
    page_ranges: tuple[tuple[int, int], ...] = ()  # 1-based, inclusive; empty: every page
    sides: str = ""  # "one-sided", "two-sided-long-edge", "two-sided-short-edge"; "": the queue's
    monochrome: bool = False
    options: tuple[tuple[str, str], ...] = ()  # the rest of the dialog's choices (number-up, …)


def can_send_pdf_directly() -> bool:
    """CUPS takes the PDF itself where there is CUPS (Linux, macOS): through `lp`, or its library."""
    return sys.platform != "win32" and (shutil.which("lp") is not None or _libcups() is not None)


def cups_media(width: float, height: float) -> str:
    """The CUPS media name of a page, whichever way up it is drawn: "Letter", or "Custom.432x648"."""
    short, long = sorted((width, height))
    name = MEDIA_NAMES.get((round(short), round(long)))
    if name is not None:
        return name
    return f"Custom.{_points(short)}x{_points(long)}"  # points, CUPS's unit when none is given


def _points(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def job_options(job: PrintJob) -> list[tuple[str, str]]:
    """The job's CUPS options: the document's paper at 100 %, then what the dialog chose."""
    options = [
        ("media", cups_media(job.page_width, job.page_height)),
        ("print-scaling", "none"),
        ("fit-to-page", "false"),
    ]
    if job.copies > 1:
        options += [("copies", str(job.copies)), ("collate", "true" if job.collate else "false")]
    if job.page_ranges:
        runs = (f"{first}-{last}" if last != first else str(first) for first, last in job.page_ranges)
        options.append(("page-ranges", ",".join(runs)))
    if job.sides:
        options.append(("sides", job.sides))
    if job.monochrome:
        options.append(("print-color-mode", "monochrome"))
    options += [
        (name, value) for name, value in job.options if value and name.lower() not in DECIDED_BY_THE_JOB
    ]
    return options


def lp_command(job: PrintJob) -> list[str]:
    command = ["lp", "-d", job.queue, "-t", job.title or job.pdf.stem]
    for name, value in job_options(job):
        command += ["-o", f"{name}={value}"]
    command.append(str(Path(job.pdf).resolve()))  # absolute: never read as an option
    return command


def send_to_cups(job: PrintJob, *, progress: Progress = None, cancel: Cancel = None) -> str:
    """Spool the PDF on the queue; the job's id ("Office-42")."""
    if cancel is not None and cancel():
        raise Cancelled
    if progress is not None:
        progress(0, 1)
    job_id = _send_with_lp(job) if shutil.which("lp") is not None else _send_with_libcups(job)
    if progress is not None:
        progress(1, 1)
    return job_id


def _send_with_lp(job: PrintJob) -> str:
    try:
        finished = subprocess.run(
            lp_command(job), capture_output=True, text=True, timeout=LP_TIMEOUT_S, check=False
        )
    except FileNotFoundError as error:
        raise UserError("Printing needs CUPS's lp command, which is not installed here.") from error
    except subprocess.TimeoutExpired as error:
        raise UserError(
            f"The printer {job.queue} did not answer within {LP_TIMEOUT_S} seconds; "
            "check that the printing service is running."
        ) from error
    if finished.returncode != 0:
        reason = (finished.stderr or finished.stdout).strip().removeprefix("lp: ") or "no reason given"
        raise UserError(f"The printer {job.queue} did not take the document: {reason}")
    found = JOB_ID.search(finished.stdout)
    return found.group(1) if found else job.queue


# ---------------------------------------------------------------- CUPS's own library, where lp is missing
class _CupsOption(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


@functools.cache
def _libcups() -> ctypes.CDLL | None:
    """libcups, which Qt's printing on Linux and macOS needs anyway; None where it cannot be loaded."""
    if sys.platform == "win32":
        return None
    name = ctypes.util.find_library("cups")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    library.cupsPrintFile.argtypes = [
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(_CupsOption),
    ]
    library.cupsPrintFile.restype = ctypes.c_int
    library.cupsLastErrorString.argtypes = []
    library.cupsLastErrorString.restype = ctypes.c_char_p
    return library


def _send_with_libcups(job: PrintJob) -> str:
    library = _libcups()
    if library is None:
        raise UserError("Printing needs CUPS, which is not installed here.")
    options = job_options(job)
    array = (_CupsOption * len(options))(*(_CupsOption(n.encode(), v.encode()) for n, v in options))
    number = library.cupsPrintFile(
        job.queue.encode(),
        str(Path(job.pdf).resolve()).encode(),
        (job.title or job.pdf.stem).encode(),
        len(options),
        array,
    )
    if number == 0:
        reason = (library.cupsLastErrorString() or b"no reason given").decode(errors="replace")
        raise UserError(f"The printer {job.queue} did not take the document: {reason}")
    return f"{job.queue}-{number}"
