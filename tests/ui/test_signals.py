"""Signals emitted from Python must not cost a reference each (PySide6 6.12.0 loses one per emit)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.signals import emit

ROOT = Path(__file__).resolve().parents[2]


class _Sender(QObject):
    progress = Signal(object, int, int)


def test_thousands_of_emits_leave_true_as_it_was(qtbot) -> None:
    sender = _Sender()
    received = []
    sender.progress.connect(lambda job, done, total: received.append(done))
    before = sys.getrefcount(True)
    for done in range(5000):  # a long day's progress reports; a leak of one each would abort Python 3.11
        emit(sender.progress, None, done, 5000)
    assert len(received) == 5000
    assert abs(sys.getrefcount(True) - before) < 100


def test_every_emit_in_the_app_goes_through_ui_signals() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path.name != "signals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.(emit|disconnect)\(", line)
    ]
    assert offenders == []
