"""Trying the demo: a second copy of the app, started on the demo's own database in the data folder.

The owner's window never writes demo data: it starts `--demo` (`python main.py --demo N --data-dir DIR`,
or the frozen build's own executable with the same arguments), and that copy builds the demo business
the first time it opens its file (app.paths.demo_database). Closing it leaves the owner's data as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess

# `python main.py` runs from the project folder; ui/ sits beside main.py there.
MAIN_SCRIPT = Path(__file__).resolve().parent.parent / "main.py"


def demo_command(
    customers: int,
    data_folder: Path,
    language: str = "en",
    *,
    frozen: bool | None = None,
    executable: str | None = None,
) -> tuple[str, list[str]]:
    """The program and arguments that open the demo: a frozen build is its own program, while from
    source the interpreter runs main.py (sys.executable alone would be a bare Python prompt)."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    program = executable or sys.executable
    arguments = ["--demo", str(customers), "--data-dir", str(data_folder), "--language", language]
    return (program, arguments) if frozen else (program, [str(MAIN_SCRIPT), *arguments])


def start_demo_copy(customers: int, data_folder: Path, language: str) -> bool:
    """Start the demo's copy of the app, detached (it outlives this window), in the owner's language;
    False if it could not start."""
    program, arguments = demo_command(customers, data_folder, language)
    folder = Path(program).parent if getattr(sys, "frozen", False) else MAIN_SCRIPT.parent
    started, _pid = QProcess.startDetached(program, arguments, str(folder))
    return bool(started)
