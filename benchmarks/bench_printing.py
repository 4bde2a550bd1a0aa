"""Print-path benchmark (issue 15): a 100-page letters PDF sent to a printer, the old way and the new.

    eval "$(bash .ci/cups-test-printer start DIR)"   # a cups-pdf queue with A4 paper, as in CI
    python benchmarks/bench_printing.py [--pages 100] [--skip-old]

For each path: how long the GUI thread is blocked (the longest gap between 10 ms timer ticks),
how long until the job is in the queue, how many bytes it spooled, and, with a CUPS queue, how
long CUPS took to finish it and the page size it came out on.
- old: each page rendered at 300 dpi on the GUI thread and scaled to fit the printer's paper
  (the code before issue 15, kept here to compare against);
- direct: the PDF itself through lp (ui/print_output.py, app/services/printing.py);
- raster: the Windows path, pages rendered in the TaskRunner and drawn at 100 %.
Without CFL_TEST_CUPS_QUEUE the raster path prints to a PDF file and the others are skipped.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QPointF, QSize, QTimer  # noqa: E402
from PySide6.QtGui import QPageSize, QPainter  # noqa: E402
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.domain.postal import MailingAddress  # noqa: E402
from app.domain.settings import BusinessSettings  # noqa: E402
from app.services.documents.letter_templates import shipped_templates  # noqa: E402
from app.services.documents.letters import LetterData, render_letters  # noqa: E402
from ui.print_output import make_printer, rasterise, start_printing  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402

SETTINGS = BusinessSettings(
    company_name="Chesapeake Comfort Heating & Air",
    address="1200 York Rd\nTowson, MD 21204",
    phone="+14105550100",
    signature_name="Rick Calloway",
)


def _letters(out: Path, pages: int) -> None:
    records = [
        LetterData(
            f"c{i}",
            MailingAddress(f"Jane Smith {i}", "", f"{i} Loch Raven Blvd", "", "Baltimore", "MD", "21239"),
            {"first_name": "Jane", "plan_name": "Comfort Club", "plan_end_date": datetime.date(2026, 4, 30)},
        )
        for i in range(pages)
    ]
    render_letters(records, out, SETTINGS, shipped_templates()["renewal"], day=datetime.date(2026, 3, 3))


def _old_print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """The print path before issue 15, as it was: 300 dpi images scaled to the printer's paper."""
    painter = QPainter()
    painter.begin(printer)
    for index in range(document.pageCount()):
        if index:
            printer.newPage()
        points = document.pagePointSize(index)
        pixels = QSize(int(points.width() / 72 * 300), int(points.height() / 72 * 300))
        image = document.render(index, pixels, QPdfDocumentRenderOptions())
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        scale = min(target.width() / image.width(), target.height() / image.height())
        painter.save()
        painter.scale(scale, scale)
        painter.drawImage(QPointF(0, 0), image)
        painter.restore()
    painter.end()


class _GuiWatch:
    """The longest the GUI thread went without serving a 10 ms timer."""

    def __init__(self) -> None:
        self.longest_ms = 0
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self._clock.restart())

    def stop(self) -> int:
        self._tick()
        self._timer.stop()
        return self.longest_ms


def _finished_in(queue: str, out: Path, title: str, started: float) -> tuple[float, str]:
    while True:
        found = sorted(out.glob(f"{title}*.pdf"))
        pending = subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout.strip()
        if found and not pending:
            page = PdfReader(found[-1]).pages[0]
            size = f"{float(page.mediabox.width):.0f}×{float(page.mediabox.height):.0f} pt"
            return time.perf_counter() - started, size
        time.sleep(0.2)


def _spooled_bytes(queue: str) -> int:
    """The size CUPS lists for the queue's latest job."""
    listed = subprocess.run(["lpstat", "-W", "completed", "-o", queue], capture_output=True, text=True).stdout
    jobs = [line.split() for line in listed.splitlines() if line.strip()]
    latest = max(jobs, key=lambda parts: int(parts[0].rsplit("-", 1)[1]))
    return int(latest[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--skip-old", action="store_true", help="the old path takes minutes in CUPS")
    args = parser.parse_args()
    queue, out = os.environ.get("CFL_TEST_CUPS_QUEUE", ""), Path(os.environ.get("CFL_TEST_CUPS_OUT", "."))
    app = QApplication([])
    host = QWidget()
    runner = TaskRunner(host)
    folder = Path(tempfile.mkdtemp(prefix="cfl-bench-print-"))
    started = time.perf_counter()
    source = folder / "letters.pdf"
    _letters(source, args.pages)
    print(
        f"{args.pages} letters rendered in {time.perf_counter() - started:.2f} s, {source.stat().st_size:,} B"
    )
    document = QPdfDocument()
    document.load(str(source))

    paths = (
        ["raster"] if not queue else (["direct", "raster"] if args.skip_old else ["old", "direct", "raster"])
    )
    for path in paths:
        title = f"bench-{path}-{os.getpid()}"
        printer = make_printer(document, title)
        if queue:
            printer.setPrinterName(queue)
        else:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(folder / f"{title}.pdf"))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # what the print dialog did
        watch = _GuiWatch()
        started = time.perf_counter()
        if path == "old":
            _old_print_pdf(document, printer)  # blocks: the watch sees the whole time as one gap
            said = "done"
        else:
            result: list[str] = []
            if path == "raster":  # the Windows path, on this machine: the TaskRunner rasterises
                runner.run(
                    "raster",
                    lambda progress, cancel, printer=printer: rasterise(
                        source, printer, progress=progress, cancel=cancel
                    ),
                    on_done=lambda pages, result=result: result.append(f"{pages} pages"),
                )
            else:
                start_printing(runner, printer, document, source, title, result.append)
            while not result:
                app.processEvents()
                time.sleep(0.002)
            said = result[0]
        queued = time.perf_counter() - started
        blocked = watch.stop()
        line = f"{path:>6}: queued in {queued:6.2f} s, GUI blocked at most {blocked:,} ms ({said})"
        if queue:
            total, size = _finished_in(queue, out, title, started)
            line += f"; spooled {_spooled_bytes(queue):,} B; done in CUPS at {total:.1f} s, page {size}"
        else:
            line += f"; file {(folder / f'{title}.pdf').stat().st_size:,} B"
        print(line, flush=True)
    runner.wait_for_idle(60_000)
    document.close()
    del app


if __name__ == "__main__":
    main()
