"""Driving dialogs from a test: act on the next modal dialog, click its buttons.

A modal dialog's exec() blocks the test until the dialog closes, so a test says beforehand what to
do with it: `when_dialog_opens(handle)` polls for the dialog from the event loop. Every poller has a
bounded life: it gives up after `timeout_ms`, and the teardown check of tests/ui/conftest.py
(`finish_dialog_waiters`) fails the test that left one pending, timed out or failing, and stops it,
so that it can never act on a dialog of the next test.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

DIALOG_TIMEOUT_MS = 15_000
POLL_MS = 20

_waiting: list[DialogWaiter] = []  # pollers still looking for their dialog
_problems: list[str] = []  # what went wrong with the pollers of the running test


class DialogWaiter:
    """One `when_dialog_opens`: looks for the next visible modal dialog of `kind`, for a bounded time."""

    def __init__(self, handle: Callable[[Any], None], kind: type[QWidget], timeout_ms: int) -> None:
        self.handle = handle
        self.kind = kind
        self.timeout_ms = timeout_ms
        self.deadline = time.monotonic() + timeout_ms / 1000
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def describe(self) -> str:
        name = getattr(self.handle, "__qualname__", repr(self.handle))
        return f"when_dialog_opens({name}, kind={self.kind.__name__})"

    def start(self) -> None:
        _waiting.append(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self in _waiting:
            _waiting.remove(self)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, self.kind) or not dialog.isVisible():
            if time.monotonic() >= self.deadline:
                self.stop()
                _problems.append(
                    f"{self.describe()} gave up: no such modal dialog opened within {self.timeout_ms:,} ms"
                )
            return
        self.stop()
        try:
            self.handle(dialog)
        except BaseException:
            _problems.append(
                f"{self.describe()} failed on {type(dialog).__name__}:\n{traceback.format_exc()}"
            )
            if dialog.isVisible() and isinstance(dialog, QDialog):
                dialog.reject()  # else its exec() would block the test for ever


def when_dialog_opens(
    handle: Callable[[Any], None], kind: type[QWidget] = QWidget, *, timeout_ms: int = DIALOG_TIMEOUT_MS
) -> DialogWaiter:
    """Act on the next visible modal dialog of `kind` (a chain of dialogs opens one after another)."""
    waiter = DialogWaiter(handle, kind, timeout_ms)
    waiter.start()
    return waiter


def finish_dialog_waiters() -> list[str]:
    """Stop every poller; what was still pending, gave up or failed since the last call, in words."""
    problems = [*_problems, *(f"{w.describe()} was still waiting when the test ended" for w in _waiting)]
    for waiter in list(_waiting):
        waiter.stop()
    _problems.clear()
    return problems


def close_leftover_windows(keep: object = None) -> list[str]:
    """Close every visible top-level window or dialog but `keep`; what was closed, in words."""
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not keep]
    for widget in left:
        widget.close()
    return [f"left a visible {type(w).__name__} “{w.windowTitle()}” open" for w in left]


def click_save(dialog: QWidget) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def click_button(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


def open_window(qtbot, database: Path, language: str = "en", page: str = "") -> Any:
    """The app's window on `database` as the owner opens it in `language` (the setting saved, so it
    stays chosen), once its start-up job is done; on `page` when one is named."""
    from app.services.settings import update_settings
    from ui.main_window import MainWindow
    from ui.translation import install_language

    if language != "en":
        update_settings({"language": language})
    install_language(language)
    window = MainWindow(str(database))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    if page:
        window.show_page(page)
    return window


def close_when_idle(window: Any, rounds: int = 10) -> None:
    """A test's window closed as the owner would, once every job is done, and the jobs their results
    start too (a logged call changes the data and the pages reload): a window busy with a job the
    owner can see refuses to close, and would be left open for the next test."""
    for _ in range(rounds):
        window.runner.wait_for_idle(30_000)
        QApplication.processEvents()
        if not window.runner.busy and window.close():
            return
