"""What printing says about the records it left out, in the owner's language: the record, the reason and
how many more there are."""

from __future__ import annotations

from pathlib import Path

from app.domain.campaigns import customer_key
from app.services.documents.common import BatchIssue, BatchResult
from ui.printing import print_to_preview


def _left_out(count: int) -> BatchResult:
    names = ["", *["Ann Smith"] * (count - 1)]  # the first without a name
    issues = [
        BatchIssue(customer_key(number, name), "sin dirección postal") for number, name in enumerate(names)
    ]
    return BatchResult(Path("none.pdf"), exceptions=issues)


def test_the_records_left_out_are_listed_in_spanish(qtbot, window, spanish, message_boxes) -> None:
    print_to_preview(window.runner, window, "Cartas", "cartas", lambda _out, _p, _c: _left_out(17))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    _kind, title, text = message_boxes[0]
    lines = text.splitlines()
    assert title == "Algunos registros quedaron fuera"
    assert lines[0] == "• Cliente 0 (sin nombre): sin dirección postal"
    assert lines[1] == "• Cliente 1 (Ann Smith): sin dirección postal"
    assert lines[-1] == "… y 2 más" and len(lines) == 16
