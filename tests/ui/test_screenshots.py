"""`python -m ui.screenshots DIR` shoots every page and main dialog: the tool the done-when of the window
is checked with keeps working (each dialog opened by its page's own action)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["customers", "queue", "campaigns", "dashboard", "partners", "catalog", "letters", "data", "settings"]
DIALOGS = [
    "new-customer", "edit-customer", "log-call", "add-site", "add-equipment", "merge", "delete-customer",
    "call-sheet", "print", "figure-customers", "how-worked-out", "summary", "new-campaign", "print-campaign",
    "mark-sent", "new-partner", "record-referral", "referral-report", "statement", "catalog-item", "segment",
    "restore-backup",
]  # fmt: skip


def test_every_page_and_dialog_is_shot_in_spanish_at_150_percent(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the laptop screen
    command = [sys.executable, "-m", "ui.screenshots", str(tmp_path), "--customers", "60"]
    command += ["--language", "es", "--scale", "1.5", "--theme", "dark"]
    subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True, timeout=300)
    shot = {path.stem for path in tmp_path.glob("*.png")}
    assert {f"{page}-1280x720" for page in PAGES} <= shot  # 1920×1080 at 150 %: the window fits
    assert {f"dialog-{name}" for name in DIALOGS} <= shot
    assert {"import-5-report", "restore-3-restored", "empty-welcome-1280x720"} <= shot
    preview = QImage(str(tmp_path / "dialog-summary.png"))
    assert preview.height() <= 1080 * 0.9 + 1  # sized from the screen, in device pixels
