"""The checks that keep a test from leaking into the next must bite (a check that cannot fail is a defect)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.ui.helpers import close_leftover_windows, finish_dialog_waiters, when_dialog_opens


def test_a_poller_whose_dialog_never_opens_gives_up_and_says_so(qtbot) -> None:
    def never(_dialog: QDialog) -> None:
        raise AssertionError("not called: no dialog opens")

    waiter = when_dialog_opens(never, timeout_ms=100)
    qtbot.waitUntil(lambda: not waiter.timer.isActive(), timeout=5_000)
    problems = finish_dialog_waiters()
    assert len(problems) == 1
    assert "when_dialog_opens(" in problems[0] and "never" in problems[0]
    assert "no such modal dialog opened within 100 ms" in problems[0]


def test_a_poller_still_waiting_at_the_end_is_named_and_stopped() -> None:
    waiter = when_dialog_opens(lambda _dialog: None, QMessageBox)
    assert waiter.timer.isActive()
    problems = finish_dialog_waiters()
    assert problems == [f"{waiter.describe()} was still waiting when the test ended"]
    assert not waiter.timer.isActive()
    assert finish_dialog_waiters() == []


def test_a_failing_handler_is_reported_and_its_dialog_closed(qtbot) -> None:
    def broken(box: QMessageBox) -> None:
        raise AssertionError("the wrong button")

    when_dialog_opens(broken, QMessageBox)
    box = QMessageBox(QMessageBox.Icon.Question, "Sure?", "Really?")
    box.exec()  # returns only because the failed handler rejected the box
    problems = finish_dialog_waiters()
    assert len(problems) == 1
    assert "failed on QMessageBox" in problems[0] and "AssertionError: the wrong button" in problems[0]


def test_a_poller_acts_on_the_dialog_of_its_kind_only(qtbot) -> None:
    seen: list[str] = []

    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_dialog_opens(answer, QMessageBox)
    plain = QDialog()
    plain.setWindowTitle("Not a message box")
    qtbot.addWidget(plain)
    when_dialog_opens(lambda dialog: dialog.reject(), QDialog)  # this one closes the plain dialog
    plain.exec()
    QMessageBox(QMessageBox.Icon.Question, "Sure?", "Really?").exec()
    assert seen == ["Really?"]
    assert finish_dialog_waiters() == []


def test_a_window_left_open_is_named_and_closed(qtbot) -> None:
    keep = QDialog()
    keep.setWindowTitle("Kept")
    left = QDialog()
    left.setWindowTitle("Forgotten")
    for dialog in (keep, left):
        qtbot.addWidget(dialog)
        dialog.show()
    assert close_leftover_windows(keep=keep) == ["left a visible QDialog “Forgotten” open"]
    assert not left.isVisible() and keep.isVisible()
    keep.close()
    assert close_leftover_windows() == []


@pytest.mark.expect_error_log
def test_an_error_record_is_caught(no_unexpected_error_logs: list[logging.LogRecord]) -> None:
    logging.getLogger("app.somewhere").error("it broke")
    logging.getLogger("app.somewhere").warning("only a warning")
    assert [r.getMessage() for r in no_unexpected_error_logs] == ["it broke"]
