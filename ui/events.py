"""The one announcement of changed data: pages refresh only what changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataEvents(QObject):
    """`data_changed(changes, initiator)`: `changes` is a set of table names such as {"customer"}."""

    data_changed = Signal(object, object)

    def announce(self, changes: set[str], initiator: object = None) -> None:
        self.data_changed.emit(frozenset(changes), initiator)


_events: DataEvents | None = None


def data_events() -> DataEvents:
    global _events
    if _events is None:
        _events = DataEvents()
    return _events
