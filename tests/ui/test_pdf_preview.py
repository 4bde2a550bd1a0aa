"""The in-app PDF preview, and printing at 100 % on the document's own paper and orientation.

These run without a printer: "Print to File (PDF)" and the raster path that Windows uses. The
same print path against a real CUPS queue is tests/ui/test_print_cups.py.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen import canvas

from app.services.cancel import Cancelled
from tests.ui.helpers import when_dialog_opens
from ui import print_output
from ui.dialogs.pdf_preview import PdfPreviewDialog
from ui.print_output import cups_job, make_printer, page_layout, rasterise, start_printing
from ui.tasks import TaskRunner

CARD_6X9 = (9 * 72.0, 6 * 72.0)


def _pdf(path: Path, pages: int, size: tuple[float, float]) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=size)
    for number in range(pages):
        drawing.drawString(72, size[1] - 72, f"Page {number + 1}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.fixture
def runner(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    task_runner = TaskRunner(host)
    yield task_runner
    task_runner.wait_for_idle(30_000)


def _preview(qtbot, runner: TaskRunner, source: Path) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(source, "Letters", runner)
    qtbot.addWidget(dialog)
    return dialog


def _to_file(printer: QPrinter, out: Path) -> None:
    """What the print dialog leaves when the owner picks Print to File on a printer with A4 paper."""
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def image_cover(page) -> tuple[float, float, float, float]:
    """Where a rasterised page's images sit together (x0, top, x1, bottom); its bands meet edge to edge."""
    bands = sorted(page.images, key=lambda image: image["top"])
    assert bands, "no image on the page"
    for above, below in itertools.pairwise(bands):
        assert below["top"] == pytest.approx(above["bottom"], abs=0.01)  # no gap, no overlap
        assert (below["x0"], below["x1"]) == pytest.approx((above["x0"], above["x1"]), abs=0.01)
    return bands[0]["x0"], bands[0]["top"], bands[0]["x1"], bands[-1]["bottom"]


def _print(qtbot, dialog: PdfPreviewDialog, printer: QPrinter) -> str:
    said: list[str] = []
    start_printing(dialog.runner, printer, dialog.document, dialog.pdf_path, "Letters", said.append)
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    return said[0]


@pytest.mark.parametrize(
    ("size", "paper", "orientation"),
    [
        (letter, QPageSize.PageSizeId.Letter, QPageLayout.Orientation.Portrait),
        (A4, QPageSize.PageSizeId.A4, QPageLayout.Orientation.Portrait),
        (landscape(letter), QPageSize.PageSizeId.Letter, QPageLayout.Orientation.Landscape),
        (CARD_6X9, QPageSize.PageSizeId.Custom, QPageLayout.Orientation.Landscape),
    ],
)
def test_the_printer_takes_the_documents_paper_and_orientation(
    qtbot, runner, tmp_path: Path, size, paper, orientation
) -> None:
    dialog = _preview(qtbot, runner, _pdf(tmp_path / "doc.pdf", 3, size))
    assert dialog.page_label.text() == "3 pages"
    printer = make_printer(dialog.document, "doc")
    layout = printer.pageLayout()
    assert layout.pageSize().id() == paper and layout.orientation() == orientation
    assert printer.fullPage() and printer.docName() == "doc"
    drawn = layout.fullRect(QPageLayout.Unit.Point)
    assert (drawn.width(), drawn.height()) == pytest.approx(size, abs=0.5)
    assert page_layout(dialog.document, 2).isEquivalentTo(layout)


def test_the_print_dialogs_button_says_print_for_every_printer(qtbot, runner, tmp_path: Path) -> None:
    dialog = _preview(qtbot, runner, _pdf(tmp_path / "doc.pdf", 1, letter))
    texts: list[str] = []

    def look(printing: QPrintDialog) -> None:
        button = printing.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        printers = printing.findChild(QComboBox, "printers")
        for index in range(printers.count()):
            if printers.itemText(index):  # the separator above Print to File has none
                printers.setCurrentIndex(index)
                texts.append(button.text())
        printing.reject()

    when_dialog_opens(look, QPrintDialog)
    dialog.print_document()
    assert texts and set(texts) == {"&Print"}
    assert dialog.print_status.text() == ""  # cancelled: nothing printed, nothing said


def test_print_to_file_is_the_pdf_itself_whatever_the_printer_said(qtbot, runner, tmp_path: Path) -> None:
    source = _pdf(tmp_path / "letters.pdf", 3, letter)
    dialog = _preview(qtbot, runner, source)
    printer = make_printer(dialog.document, "letters")
    out = tmp_path / "printed.pdf"
    _to_file(printer, out)
    assert _print(qtbot, dialog, printer) == f"Saved to {out}."
    assert out.read_bytes() == source.read_bytes()


@pytest.mark.parametrize("size", [letter, landscape(letter), CARD_6X9])
def test_rasterised_pages_keep_their_paper_and_100_percent(qtbot, runner, tmp_path: Path, size) -> None:
    """The Windows path, here to a file: two of three pages, each image exactly the page, on its paper."""
    dialog = _preview(qtbot, runner, _pdf(tmp_path / "letters.pdf", 3, size))
    printer = make_printer(dialog.document, "letters")
    out = tmp_path / "printed.pdf"
    _to_file(printer, out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert _print(qtbot, dialog, printer) == f"2 pages sent to {out}."
    pages = PdfReader(out).pages
    assert len(pages) == 2
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size, abs=1)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            assert image_cover(page) == pytest.approx((0, 0, size[0], size[1]), abs=1)


def test_cancelling_stops_the_raster_job_between_pages(qtbot, runner, tmp_path: Path) -> None:
    dialog = _preview(qtbot, runner, _pdf(tmp_path / "letters.pdf", 4, letter))
    printer = make_printer(dialog.document, "letters")
    out = tmp_path / "printed.pdf"
    _to_file(printer, out)
    reports: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        rasterise(
            dialog.pdf_path,
            printer,
            progress=lambda done, total: reports.append((done, total)),
            cancel=lambda: bool(reports),
        )
    assert reports == [(1, 4)]
    assert not out.exists()  # nothing half-printed is left behind


def test_the_cups_job_says_what_the_dialog_chose(qtbot, runner, tmp_path: Path, monkeypatch) -> None:
    dialog = _preview(qtbot, runner, _pdf(tmp_path / "cards.pdf", 6, landscape(letter)))
    printer = make_printer(dialog.document, "cards")
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    job = cups_job(printer, dialog.document, dialog.pdf_path)
    assert (job.page_width, job.page_height) == pytest.approx((792, 612))
    assert (job.copies, job.collate, job.page_ranges) == (2, False, ((2, 4),))
    assert job.sides == "one-sided" and job.monochrome and job.title == "cards"

    # A CUPS printer gets that job, sent from the TaskRunner's worker.
    sent: list[object] = []
    monkeypatch.setattr(print_output, "sends_pdf_directly", lambda _printer: True)
    monkeypatch.setattr(print_output, "cups_job", lambda *_args: job)
    monkeypatch.setattr(
        print_output.printing, "send_to_cups", lambda job, **_kw: sent.append(job) or "Office-7"
    )
    assert _print(qtbot, dialog, printer).startswith("Sent to") and sent == [job]


class _Duplexing:
    """A printer that can print on both sides (the PDF printer of these tests cannot)."""

    def __init__(self, mode: QPrinter.DuplexMode) -> None:
        self.mode = mode

    def duplex(self) -> QPrinter.DuplexMode:
        return self.mode


@pytest.mark.parametrize(
    ("mode", "orientation", "sides"),
    [
        (QPrinter.DuplexMode.DuplexNone, QPageLayout.Orientation.Portrait, "one-sided"),
        (QPrinter.DuplexMode.DuplexLongSide, QPageLayout.Orientation.Landscape, "two-sided-long-edge"),
        (QPrinter.DuplexMode.DuplexShortSide, QPageLayout.Orientation.Portrait, "two-sided-short-edge"),
        (QPrinter.DuplexMode.DuplexAuto, QPageLayout.Orientation.Portrait, "two-sided-long-edge"),
        (QPrinter.DuplexMode.DuplexAuto, QPageLayout.Orientation.Landscape, "two-sided-short-edge"),
    ],
)
def test_both_sides_bind_like_a_book(mode, orientation, sides) -> None:
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), orientation, QMarginsF())
    assert print_output._sides(_Duplexing(mode), layout) == sides


def test_a_file_that_is_not_a_pdf_is_refused_with_a_sentence(qtbot, runner, tmp_path: Path) -> None:
    from app.domain.errors import UserError

    bad = tmp_path / "broken.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserError, match="could not be opened"):
        PdfPreviewDialog(bad, "Broken", runner)
