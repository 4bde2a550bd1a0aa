"""The one TaskRunner: long jobs run off the GUI thread, with progress and a Cancel that rolls back.

A job is a plain function `fn(progress, cancel)` from app/services. It runs on
the runner's single worker thread (so database writes never race each other),
reports progress through a signal owned by a GUI-thread object, and closes its
database connection when it ends. The progress dialog appears only when a job
takes longer than about half a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.domain.errors import UserError
from app.services.cancel import Cancelled
from app.services.database import release_thread_connection
from ui.events import data_events
from ui.messages import show_error

log = logging.getLogger(__name__)

JobFunction = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
DIALOG_DELAY_MS = 500


@dataclass
class _Job:
    label: str
    fn: JobFunction
    on_done: Callable[[Any], None] | None
    on_cancelled: Callable[[], None] | None
    on_failed: Callable[[UserError], None] | None = None
    quiet: bool = False
    cancel_on_close: bool = False
    cancel_event: threading.Event = field(default_factory=threading.Event)


class _Signals(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the calls over."""

    progress = Signal(object, int, int)
    finished = Signal(object, object)
    failed = Signal(object, object)
    cancelled = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: _Job, signals: _Signals) -> None:
        super().__init__()
        self.job, self.signals = job, signals

    def run(self) -> None:
        job = self.job
        try:
            result = job.fn(
                lambda done, total: self.signals.progress.emit(job, done, total), job.cancel_event.is_set
            )
        except Cancelled:
            self.signals.cancelled.emit(job)
        except BaseException as error:
            self.signals.failed.emit(job, error)
        else:
            self.signals.finished.emit(job, result)
        finally:
            release_thread_connection()


class TaskRunner(QObject):
    """Run jobs one at a time on a worker thread; announce what they changed when they succeed."""

    job_started = Signal(str)
    job_ended = Signal(str, str)  # label, outcome: "done" | "cancelled" | "failed"

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._dialogs: dict[int, QProgressDialog] = {}
        self._jobs: dict[int, _Job] = {}
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    @property
    def busy_visibly(self) -> bool:
        """A job the owner started (and can cancel) is running; quiet jobs don't count."""
        return any(not job.quiet for job in self._jobs.values())

    def run(
        self,
        label: str,
        fn: JobFunction,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_failed: Callable[[UserError], None] | None = None,
        quiet: bool = False,
        cancel_on_close: bool = False,
    ) -> None:
        """`on_failed` takes a refusal (UserError) to show in place; a bug always gets the apology.

        Nobody says what a job writes: when it ends, ui.events asks the database what changed.

        A `quiet` job (the start-up backup) shows no progress dialog: only the status bar says it runs.
        A `cancel_on_close` job is given up when the window closes (it rolls back; it runs again later).
        """
        job = _Job(label, fn, on_done, on_cancelled, on_failed, quiet, cancel_on_close)
        self._running += 1
        self._jobs[id(job)] = job
        log.info("job started: %s", label)
        self.job_started.emit(label)
        if not quiet:
            self._open_dialog(job)
        self._pool.start(_Runnable(job, self._signals))

    def _open_dialog(self, job: _Job) -> None:
        label = job.label
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._parent_widget)
        dialog.setWindowTitle(self.tr("Working…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(DIALOG_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel_event.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling…")))
        self._dialogs[id(job)] = dialog
        dialog.setValue(0)
        # QProgressDialog shows itself only from a setValue() after the delay; a job that reports
        # rarely must still show its dialog (and its Cancel) on time.
        QTimer.singleShot(DIALOG_DELAY_MS, lambda: self._show_dialog(job))

    def cancel_on_close(self) -> None:
        for job in self._jobs.values():
            if job.cancel_on_close:
                job.cancel_event.set()

    def wait_for_idle(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _show_dialog(self, job: _Job) -> None:
        dialog = self._dialogs.get(id(job))
        if dialog is not None and not dialog.isVisible():
            dialog.show()

    def _on_progress(self, job: _Job, done: int, total: int) -> None:
        dialog = self._dialogs.get(id(job))
        if dialog is None or job.cancel_event.is_set():
            return
        if dialog.maximum() != max(total, 0):
            dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def _end(self, job: _Job, outcome: str) -> None:
        dialog = self._dialogs.pop(id(job), None)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        self._running -= 1
        self._jobs.pop(id(job), None)
        log.info("job %s: %s", outcome, job.label)
        data_events().changed(self)  # a cancelled or failed job rolled back: then nothing is announced
        self.job_ended.emit(job.label, outcome)

    def _on_finished(self, job: _Job, result: Any) -> None:
        self._end(job, "done")
        if job.on_done:
            job.on_done(result)

    def _on_failed(self, job: _Job, error: BaseException) -> None:
        self._end(job, "failed")
        if job.on_failed is not None and isinstance(error, UserError):
            job.on_failed(error)
        else:
            show_error(self._parent_widget, error)

    def _on_cancelled(self, job: _Job) -> None:
        self._end(job, "cancelled")
        if job.on_cancelled:
            job.on_cancelled()
