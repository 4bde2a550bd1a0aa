"""Making a PDF off the GUI thread, then opening it in the preview, with any records left out listed."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.dialogs.pdf_preview import show_pdf
from ui.messages import show_info
from ui.tasks import TaskRunner

MAX_LISTED = 15


# pyside6-lupdate reads translate("context", …) calls; the name is short enough for one line.
translate = QCoreApplication.translate


def print_to_preview(
    runner: TaskRunner,
    parent: QWidget,
    title: str,
    file_stem: str,
    render: Callable[[Path, Any, Any], Any],
) -> None:
    """`render(out, progress, cancel)` writes the PDF and returns its batch result (or None)."""
    out = Path(tempfile.mkdtemp(prefix="cfl-print-")) / f"{file_stem}.pdf"

    def done(result: Any) -> None:
        exceptions = list(getattr(result, "exceptions", []) or [])
        if exceptions:
            lines = [f"• {issue.key}: {issue.reason}" for issue in exceptions[:MAX_LISTED]]
            if len(exceptions) > MAX_LISTED:
                lines.append(f"… and {len(exceptions) - MAX_LISTED} more")
            show_info(parent, translate("printing", "Some records were left out"), "\n".join(lines))
        warnings = list(getattr(result, "warnings", []) or [])
        if warnings:  # printed, but worth a look: an empty letterhead, an unreadable logo, a missing glyph
            lines = [f"• {issue.key}: {issue.reason}" for issue in warnings[:MAX_LISTED]]
            if len(warnings) > MAX_LISTED:
                lines.append(f"… and {len(warnings) - MAX_LISTED} more")
            show_info(parent, translate("printing", "Printed, with warnings"), "\n".join(lines))
        if out.exists():
            show_pdf(parent, out, title, runner)

    preparing = translate("printing", "Preparing %1…").replace("%1", title)
    runner.run(preparing, lambda p, c: render(out, p, c), on_done=done)
