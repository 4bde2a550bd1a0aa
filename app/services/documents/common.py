"""What every printed document shares: page sizes, writing the PDF safely, and a batch that goes on.

A batch of a thousand letters must not stop at one bad record: each record is
prepared (formatted, measured, checked) before anything is drawn, and a record
that fails there is listed in the result with its reason while the rest print.
The PDF is written under a temporary name beside the target and renamed at the
end, so a cancelled or failed run never leaves half a file where the owner
expects a finished one.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from app.domain.errors import UserError
from app.domain.i18n import t, translated
from app.domain.settings import BusinessSettings
from app.services.cancel import Cancelled
from app.services.documents import fonts

log = logging.getLogger(__name__)

PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": LETTER, "a4": A4}
INCH = inch
MM = mm
PROGRESS_EVERY = 25  # records between two progress calls

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
Record = TypeVar("Record")
Prepared = TypeVar("Prepared")


@dataclass(frozen=True)
class BatchIssue:
    key: str  # which record: "Customer 12 (Jane Smith)"
    reason: str  # what is wrong, in words the owner can act on


@dataclass
class BatchResult:
    path: Path
    pages: int = 0
    printed: int = 0  # records that made it onto paper
    exceptions: list[BatchIssue] = field(default_factory=list)  # records left out, with the reason
    warnings: list[BatchIssue] = field(default_factory=list)  # printed, but worth a look


def page_size(settings: BusinessSettings) -> tuple[float, float]:
    return PAGE_SIZES.get(settings.paper_size, LETTER)


class Batch:
    """Runs records through `prepare`, listing the ones that fail, reporting progress, obeying cancel."""

    def __init__(self, result: BatchResult, *, progress: Progress = None, cancel: Cancel = None) -> None:
        self.result = result
        self.progress = progress
        self.cancel = cancel
        self.seen = 0  # records read so far, printed or not

    def each(
        self,
        records: Iterable[Record],
        prepare: Callable[[Record], Prepared],
        key: Callable[[Record], str],
    ) -> Iterator[Prepared]:
        total = len(records) if hasattr(records, "__len__") else 0  # type: ignore[arg-type]
        done = 0
        for done, record in enumerate(records, start=1):
            self.seen = done
            if self.cancel is not None and self.cancel():
                raise Cancelled()
            try:
                prepared = prepare(record)
            except UserError as error:
                # Listed for the owner to read now: in their language (the domain writes English).
                self.result.exceptions.append(BatchIssue(_safe_key(key, record), translated(error.message)))
                continue
            except Exception:  # a bug in one record must not cost the other 999 their letter
                log.exception("could not prepare %r", record)
                self.result.exceptions.append(
                    BatchIssue(
                        _safe_key(key, record), t("could not be printed (an unexpected error; see the log)")
                    )
                )
                continue
            yield prepared
            self.result.printed += 1
            if self.progress is not None and done % PROGRESS_EVERY == 0:
                self.progress(done, max(total, done))
        if self.progress is not None:
            self.progress(done, max(total, done))

    def warn(self, key: str, reason: str) -> None:
        self.result.warnings.append(BatchIssue(key, reason))


def _safe_key(key: Callable[[Record], str], record: Record) -> str:
    try:
        return key(record)
    except Exception:
        return repr(record)[:80]


@contextmanager
def pdf_canvas(out: Path, pagesize: tuple[float, float], *, title: str, author: str = "") -> Iterator[Canvas]:
    """A canvas writing to a temporary file that becomes `out` only when the block ends normally."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            t(
                "The folder {folder} does not exist; choose another place for {name}.",
                folder=folder,
                name=out.name,
            )
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.partial", dir=folder)
    except OSError as error:
        raise UserError(
            t("Cannot write in {folder}: {error}.", folder=folder, error=error.strerror)
        ) from error
    os.close(handle)
    try:
        # Start in the embedded font, so no page refers to Helvetica, which the PDF would not carry.
        canvas = Canvas(
            temporary, pagesize=pagesize, pageCompression=1, initialFontName=fonts.font(fonts.REGULAR)
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator("Customers for Life")
        yield canvas
        canvas.save()
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_if_empty(batch: Batch, what: str) -> None:
    """Refuse a document with nothing in it (call it before the canvas is saved): say why."""
    result, given = batch.result, batch.seen
    if result.printed:
        return
    if not given:
        raise UserError(t("Nothing to print: there were no {what}.", what=t(what)))
    # A record's key is written in English by whoever made it ("Customer 12 (Jane Smith)"): read back.
    reasons = "; ".join(
        f"{translated(issue.key)}: {issue.reason.rstrip('.')}" for issue in result.exceptions[:3]
    )
    raise UserError(
        t(
            "Nothing to print: none of the {given} {what} could be printed ({reasons}).",
            given=given,
            what=t(what),
            reasons=reasons,
        )
    )


def warn_missing_glyphs(batch: Batch, key: str, lines: Iterable[str]) -> None:
    """A character no font has prints as an empty box: the owner is told which, for which record."""
    missing = fonts.missing_glyphs(" ".join(lines))
    if missing:
        batch.warn(key, t("no font has “{characters}”; it prints as a box", characters=missing))
