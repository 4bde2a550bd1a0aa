"""Preview a PDF the app made, then print it as it is or save a copy.

Printing keeps the document's own paper, orientation and 100 % scale (ui/print_output.py):
whatever paper the printer defaults to, a Letter page prints on Letter at its true size.
The print job runs in the TaskRunner, so the preview stays usable while it runs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from app.domain.errors import UserError
from ui.messages import show_error
from ui.print_output import make_printer, print_dialog, start_printing
from ui.tasks import TaskRunner
from ui.text import count_text
from ui.widgets.basics import fit_to_screen
from ui.window_state import last_folder, remember_folder


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf_path: Path, title: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_path = Path(pdf_path)
        self.runner = runner
        self.document = QPdfDocument(self)
        status = self.document.load(str(self.pdf_path))
        if status != QPdfDocument.Error.None_:
            raise UserError(f"The document {self.pdf_path.name} could not be opened for preview.")
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.page_label = QLabel(count_text(self.document.pageCount(), self.tr("page")))
        self.page_label.setObjectName("pageCount")
        self.print_status = QLabel()
        self.print_status.setObjectName("printStatus")
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
        bar.addWidget(self.print_status)
        for widget in (save, self.print_button, close):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        fit_to_screen(self, 900, 1000)

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

    def print_document(self) -> None:
        printer = make_printer(self.document, self.pdf_path.stem)
        dialog = print_dialog(printer, self.document.pageCount(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_status.clear()
        start_printing(
            self.runner, printer, self.document, self.pdf_path, self.windowTitle(), self._show_print_status
        )

    def _show_print_status(self, message: str) -> None:
        if Shiboken.isValid(self.print_status):  # the preview may have been closed while it printed
            self.print_status.setText(message)


def show_pdf(parent: QWidget, pdf_path: Path, title: str, runner: TaskRunner) -> None:
    try:
        dialog = PdfPreviewDialog(pdf_path, title, runner, parent)
    except UserError as error:
        show_error(parent, error)
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
