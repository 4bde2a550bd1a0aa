"""Printing a PDF the app made: at 100 %, on the document's own paper and orientation, off the GUI thread.

The paper and orientation come from the PDF's pages (QtPdf's pagePointSize), never from the
printer: Qt's print dialog puts the selected printer's default paper into the QPrinter (A4 on
many printers, which printed a Letter page at 97.2 %), so the document's layout is set again
once the dialog closes. Then, in the TaskRunner:

- a CUPS printer (Linux, macOS) gets the PDF file itself through `lp` (app/services/printing.py),
  with the document's paper and no scaling: nothing is rasterised, the printer gets vector pages;
- "Print to File (PDF)" gets a copy of the file when every page is asked for;
- otherwise (Windows, a page range to a file) each page is rendered at up to RASTER_DPI and drawn
  at its true size from the paper's corner, with progress and Cancel. On Linux every printer Qt
  lists is a CUPS queue, so Qt's own CUPS engine (which cannot abort a job once painting began)
  is not used for printing.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrintEngine, QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from shiboken6 import Shiboken

from app.domain.errors import UserError
from app.services import printing
from app.services.cancel import Cancelled
from ui.tasks import TaskRunner
from ui.text import count_text

# Enough for type and barcodes; a 600-dpi printer gets each pixel twice rather than four times the memory.
RASTER_DPI = 300
# A page is drawn in bands of this many rows: PySide6 holds Python's lock for the whole of each Qt
# call, and drawing a 300-dpi Letter page onto a printer at once kept the GUI thread's Python
# (every table model, every slot) waiting about 130 ms a page; a band is a thirteenth of that.
BAND_ROWS = 256
# Qt's key (QCUPSSupport's PPK_CupsOptions) for the CUPS options chosen in the print dialog, as
# [name, value, name, value, …]; other print engines answer None.
CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)

PrintDone = Callable[[str], None]


# pyside6-lupdate reads translate("context", …) calls; the name is short enough for one line.
translate = QCoreApplication.translate


def page_layout(document: QPdfDocument, index: int = 0) -> QPageLayout:
    """The layout of one page of the PDF: its paper (a standard size when it is one) and orientation."""
    points = document.pagePointSize(index)
    width, height = points.width(), points.height()
    if width <= 0 or height <= 0:
        raise UserError("The document has no page size to print on.")
    portrait = QSizeF(min(width, height), max(width, height))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def make_printer(document: QPdfDocument, doc_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(document))
    printer.setFullPage(True)  # the PDF carries its own margins: the page's corner is the paper's
    printer.setDocName(doc_name)
    return printer


def print_dialog(printer: QPrinter, page_count: int, parent: QWidget | None) -> QPrintDialog:
    """Qt's print dialog for the document, its button saying Print whichever printer is chosen."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(page_count, 1))
    dialog.setFromTo(1, max(page_count, 1))
    buttons = dialog.findChild(QDialogButtonBox)
    if buttons is not None and (button := buttons.button(QDialogButtonBox.StandardButton.Ok)) is not None:
        button.setText(translate("print_output", "&Print"))
    return dialog


def keep_document_layout(printer: QPrinter, document: QPdfDocument) -> None:
    """Undo what the print dialog did to the paper: the document's size and orientation, at 100 %."""
    printer.setPageLayout(page_layout(document))
    printer.setFullPage(True)  # after the layout, which resets it
    engine = printer.printEngine()
    options = engine.property(CUPS_OPTIONS)
    if options:
        kept = [
            item
            for name, value in zip(options[::2], options[1::2], strict=True)
            if name.lower() not in printing.DECIDED_BY_THE_JOB
            for item in (name, value)
        ]
        engine.setProperty(CUPS_OPTIONS, kept)


def selected_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the dialog asked for, in order."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges().toRangeList()
        pages = [page for r in ranges for page in range(r.from_, r.to + 1)]
        if not pages and printer.fromPage():
            pages = list(range(printer.fromPage(), (printer.toPage() or page_count) + 1))
        return [page - 1 for page in pages if 1 <= page <= page_count]
    return list(range(page_count))


def _page_ranges(pages: list[int], page_count: int) -> tuple[tuple[int, int], ...]:
    """1-based runs of the selected pages; empty when every page is selected."""
    if pages == list(range(page_count)):
        return ()
    runs: list[tuple[int, int]] = []
    for page in (p + 1 for p in pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return tuple(runs)


def _sides(printer: QPrinter, layout: QPageLayout) -> str:
    duplex = printer.duplex()
    if duplex == QPrinter.DuplexMode.DuplexNone:
        return "one-sided"
    if duplex == QPrinter.DuplexMode.DuplexLongSide:
        return "two-sided-long-edge"
    if duplex == QPrinter.DuplexMode.DuplexShortSide:
        return "two-sided-short-edge"
    # DuplexAuto: the binding edge that reads like a book in the page's own orientation
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    return "two-sided-short-edge" if landscape else "two-sided-long-edge"


def cups_job(printer: QPrinter, document: QPdfDocument, pdf_path: Path) -> printing.PrintJob:
    """What the dialog chose, as a job that sends the PDF itself to the printer's CUPS queue."""
    points = document.pagePointSize(0)
    options = printer.printEngine().property(CUPS_OPTIONS) or []
    return printing.PrintJob(
        queue=printer.printerName(),
        pdf=pdf_path,
        title=printer.docName() or pdf_path.stem,
        page_width=points.width(),
        page_height=points.height(),
        copies=max(printer.copyCount(), 1),
        collate=printer.collateCopies(),
        page_ranges=_page_ranges(selected_pages(printer, document.pageCount()), document.pageCount()),
        sides=_sides(printer, page_layout(document)),
        monochrome=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        options=tuple(zip(options[::2], options[1::2], strict=True)),
    )


def sends_pdf_directly(printer: QPrinter) -> bool:
    return (
        printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        and bool(printer.printerName())
        and printing.can_send_pdf_directly()
    )


def rasterise(
    pdf_path: Path, printer: QPrinter, *, progress: printing.Progress, cancel: printing.Cancel
) -> int:
    """Each selected page rendered and drawn at its true size; runs on the TaskRunner's worker.

    The worker opens the PDF itself: the preview's QPdfDocument belongs to the GUI thread.
    """
    document = QPdfDocument()
    try:
        if document.load(str(pdf_path)) != QPdfDocument.Error.None_:
            raise UserError(f"The document {pdf_path.name} could not be opened for printing.")
        pages = selected_pages(printer, document.pageCount())
        if not pages:
            raise UserError("None of the pages asked for are in the document.")
        return _paint_pages(document, pages, printer, progress, cancel)
    finally:
        document.close()
        Shiboken.delete(document)  # here, on the thread it lives on; never by a GUI-thread collection


def _paint_pages(
    document: QPdfDocument,
    pages: list[int],
    printer: QPrinter,
    progress: printing.Progress,
    cancel: printing.Cancel,
) -> int:
    printer.setPageLayout(page_layout(document, pages[0]))
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started; check that it is on and connected.")
    render_options = QPdfDocumentRenderOptions()
    # A whole number of printer pixels to each image pixel, so bands meet exactly: 1,200 dpi → 300.
    step = max(1, math.ceil(printer.resolution() / RASTER_DPI))
    dpi = printer.resolution() / step
    cancelled = aborted = False
    try:
        for done, index in enumerate(pages):
            if cancel is not None and cancel():
                cancelled = True
                # Windows drops the spooled pages; Qt's PDF engines cannot abort (they answer False).
                aborted = printer.abort()
                break
            if done:
                layout = page_layout(document, index)
                if not layout.isEquivalentTo(printer.pageLayout()):
                    printer.setPageLayout(layout)  # takes effect on the new page
                printer.newPage()
            points = document.pagePointSize(index)
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, pixels, render_options)
            # 100 %: each image pixel is `step` printer pixels, from the paper's corner; never
            # stretched to whatever paper the printer reports.
            for top in range(0, image.height(), BAND_ROWS):
                rows = min(BAND_ROWS, image.height() - top)
                band = QRectF(0, top * step, image.width() * step, rows * step)
                painter.drawImage(band, image, QRectF(0, top, image.width(), rows))
            if progress is not None:
                progress(done + 1, len(pages))
    finally:
        if painter.isActive():
            painter.end()
    if cancelled:
        if not aborted and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            Path(printer.outputFileName()).unlink(missing_ok=True)  # no half-written file is left
        raise Cancelled
    return len(pages)


def start_printing(
    runner: TaskRunner,
    printer: QPrinter,
    document: QPdfDocument,
    pdf_path: Path,
    title: str,
    on_done: PrintDone | None = None,
) -> None:
    """Print what the dialog chose, in the TaskRunner; `on_done` gets a sentence of what happened."""
    keep_document_layout(printer, document)
    pages = selected_pages(printer, document.pageCount())
    target = printer.outputFileName()
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat

    def finished(said: tuple[str, str]) -> None:
        kind, detail = said
        if kind == "sent":
            message = translate("print_output", "Sent to %1 (job %2).").replace("%1", printer.printerName())
        elif kind == "saved":
            message = translate("print_output", "Saved to %1.").replace("%1", target)
        else:
            where = target if to_file else printer.printerName()
            message = translate("print_output", "%2 sent to %1.").replace("%1", where)
        if on_done is not None:
            on_done(message.replace("%2", detail))

    if sends_pdf_directly(printer):
        job = cups_job(printer, document, pdf_path)

        def send(progress: printing.Progress, cancel: printing.Cancel) -> tuple[str, str]:
            return "sent", printing.send_to_cups(job, progress=progress, cancel=cancel)

        work: Callable[[printing.Progress, printing.Cancel], tuple[str, str]] = send
    elif to_file and target and pages == list(range(document.pageCount())):

        def copy(_progress: printing.Progress, _cancel: printing.Cancel) -> tuple[str, str]:
            try:
                shutil.copyfile(pdf_path, target)
            except OSError as error:
                raise UserError(f"Could not write {target}: {error.strerror}.") from error
            return "saved", target

        work = copy
    else:

        def paint(progress: printing.Progress, cancel: printing.Cancel) -> tuple[str, str]:
            return "painted", count_text(
                rasterise(pdf_path, printer, progress=progress, cancel=cancel), "page"
            )

        work = paint
    runner.run(translate("print_output", "Printing %1…").replace("%1", title), work, on_done=finished)
