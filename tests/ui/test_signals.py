"""A long session's signals must not abort Python (PySide6 6.12.0 loses a reference to True per emit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SESSION = """
import gc, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from ui.application import create_application

class Sender(QObject):
    progress = Signal(object, int, int)

app = create_application([sys.argv[0]])
sender = Sender()
received = []
sender.progress.connect(lambda job, done, total: received.append(done))
for done in range(100_000):  # months of progress reports, far more than True's own count
    sender.progress.emit(None, done, 100_000)
del sender
gc.collect()
print("emitted", len(received))
"""


def test_a_hundred_thousand_emits_do_not_abort_python() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SESSION], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "emitted 100000" in done.stdout
