"""Making a PDF off the GUI thread, then opening it in the preview, with any records left out listed."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.formatting import number
from app.domain.i18n import translated
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
            show_info(parent, translate("printing", "Some records were left out"), issue_lines(exceptions))
        warnings = list(getattr(result, "warnings", []) or [])
        if warnings:  # printed, but worth a look: an empty letterhead, an unreadable logo, a missing glyph
            show_info(parent, translate("printing", "Printed, with warnings"), issue_lines(warnings))
        if out.exists():
            show_pdf(parent, out, title, runner)

    preparing = translate("printing", "Preparing %1…").replace("%1", title)
    runner.run(preparing, lambda p, c: render(out, p, c), on_done=done)


def issue_lines(issues: list[Any]) -> str:
    """ "• Customer 12 (Ann Smith): no mailing address", one per record, the first fifteen: the record
    as the documents name it in English ("Customer 12 …") in the owner's language, the reason already is."""
    lines = [f"• {translated(issue.key)}: {issue.reason}" for issue in issues[:MAX_LISTED]]
    if len(issues) > MAX_LISTED:
        lines.append(translate("printing", "… and %1 more").replace("%1", number(len(issues) - MAX_LISTED)))
    return "\n".join(lines)
