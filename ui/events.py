"""The one announcement of changed data: pages refresh only what changed.

Nobody says what a write touched. After any write (a job, an edit, an undo) or when the window
comes back to the front, `changed()` asks the database, which counts its own writes per table,
and announces the tables whose counts moved since the last look: the import that also wrote
settings, another office PC's edit, all of it (the Anki OpChanges pattern, with the database
keeping the books).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.services import freshness

log = logging.getLogger(__name__)


class DataEvents(QObject):
    """`data_changed(changes, initiator)`: `changes` is a frozenset of table names such as {"customer"}."""

    data_changed = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[str, int] = {}

    def watch(self) -> None:
        """Start from what the database holds now (a newly opened database has nothing to announce)."""
        self._seen = freshness.change_counts()

    def changed(self, initiator: object = None) -> frozenset[str]:
        """Something may have been written: announce what did change since the last look."""
        try:
            now = freshness.change_counts()
        except Exception:  # the database closed under us (shutting down): nothing to announce
            log.debug("change counts unavailable", exc_info=True)
            return frozenset()
        changes = freshness.changed_between(self._seen, now)
        self._seen = now
        if changes:
            self.data_changed.emit(changes, initiator)
        return changes


_events: DataEvents | None = None


def data_events() -> DataEvents:
    global _events
    if _events is None:
        _events = DataEvents()
    return _events
