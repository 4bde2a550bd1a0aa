"""The in-app PDF preview, and printing at the paper size the business uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from ui.dialogs.pdf_preview import PdfPreviewDialog, print_pdf


def _pdf(path: Path, pages: int, size: tuple[float, float]) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=size)
    for number in range(pages):
        drawing.drawString(72, 720, f"Page {number + 1}")
        drawing.showPage()
    drawing.save()
    return path


@pytest.mark.parametrize(("paper", "size"), [("letter", letter), ("a4", A4)])
def test_preview_then_print_on_the_business_paper(qtbot, tmp_path: Path, paper: str, size) -> None:
    source = _pdf(tmp_path / "letters.pdf", 3, size)
    dialog = PdfPreviewDialog(source, "Letters", paper)
    qtbot.addWidget(dialog)
    assert dialog.page_label.text() == "3 pages"
    printer = dialog.make_printer()
    printed = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    print_pdf(dialog.document, printer)
    pages = PdfReader(printed).pages
    assert len(pages) == 3
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width - size[0]) < 2 and abs(height - size[1]) < 2


def test_a_file_that_is_not_a_pdf_is_refused_with_a_sentence(qtbot, tmp_path: Path) -> None:
    from app.domain.errors import UserError

    bad = tmp_path / "broken.pdf"
    bad.write_text("not a pdf")
    with pytest.raises(UserError, match="could not be opened"):
        PdfPreviewDialog(bad, "Broken", "letter")
