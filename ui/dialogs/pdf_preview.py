"""Preview a PDF the app made, then print it at the right paper size or save a copy.

Qt prints on A4 unless told otherwise, so the printer's paper is set from the
business settings (Letter or A4) before the print dialog opens.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from ui.messages import show_error
from ui.window_state import last_folder, remember_folder

PRINT_DPI = 300


def page_size_for(paper: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.A4 if paper == "a4" else QPageSize.PageSizeId.Letter)


class PdfPreviewDialog(QDialog):
    def __init__(
        self, pdf_path: Path, title: str, paper: str = "letter", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_path = Path(pdf_path)
        self.paper = paper
        self.document = QPdfDocument(self)
        status = self.document.load(str(self.pdf_path))
        if status != QPdfDocument.Error.None_:
            raise UserError(f"The document {self.pdf_path.name} could not be opened for preview.")
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.page_label = QLabel(self.tr("%1 pages").replace("%1", str(self.document.pageCount())))
        self.page_label.setObjectName("pageCount")
        zoom_in = QPushButton(self.tr("Zoom in"))
        zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        zoom_out = QPushButton(self.tr("Zoom out"))
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_out.clicked.connect(lambda: self._zoom(0.8))
        fit = QPushButton(self.tr("Fit width"))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        save = QPushButton(self.tr("Save a copy…"))
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.clicked.connect(self.save_copy)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        for widget in (self.page_label, zoom_out, zoom_in, fit):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (save, self.print_button, close):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(900, 1000)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, self.view.zoomFactor() * factor)))

    def save_copy(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a copy"),
            str(Path(last_folder()) / self.pdf_path.name),
            self.tr("PDF (*.pdf)"),
        )
        if not target:
            return
        remember_folder(str(Path(target).parent))
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as error:
            show_error(self, UserError(f"Could not save the copy: {error.strerror}."))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(page_size_for(self.paper))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)  # the PDF carries its own margins
        printer.setDocName(self.pdf_path.stem)
        return printer

    def print_document(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_pdf(self.document, printer)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Each PDF page rendered at print resolution onto one printer page, at its true size."""
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("The printer could not be started; check that it is on and connected.")
    try:
        first, last = printer.fromPage() or 1, printer.toPage() or document.pageCount()
        for index in range(first - 1, last):
            if index > first - 1:
                printer.newPage()
            points = document.pagePointSize(index)
            pixels = QSize(int(points.width() / 72 * PRINT_DPI), int(points.height() / 72 * PRINT_DPI))
            image = document.render(index, pixels, QPdfDocumentRenderOptions())
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.save()
            painter.scale(scale, scale)
            painter.drawImage(QPointF(0, 0), image)
            painter.restore()
    finally:
        painter.end()


def show_pdf(parent: QWidget, pdf_path: Path, title: str, paper: str) -> None:
    try:
        dialog = PdfPreviewDialog(pdf_path, title, paper, parent)
    except UserError as error:
        show_error(parent, error)
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
