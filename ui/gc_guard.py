"""Python's cyclic garbage collection, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is the TaskRunner's worker while unreachable Qt widgets are
waiting to be collected, Qt objects get destroyed off the GUI thread, which
crashes the process. So automatic collection is switched off and a timer on the
GUI thread does the same work (the approach pyqtgraph's GarbageCollector takes).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as automatic GC would."""
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            generation = 0
            if counts[1] > self._thresholds[1]:
                generation = 1
                if counts[2] > self._thresholds[2]:
                    generation = 2
            gc.collect(generation)


def install(app: QObject) -> GuiThreadGarbageCollector:
    existing = app.findChild(GuiThreadGarbageCollector)
    return existing or GuiThreadGarbageCollector(app)
