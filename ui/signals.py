"""Emitting a Qt signal from Python: every `.emit(...)` of the app goes through `emit` here.

PySide6 6.12.0's `SignalInstance.emit` hands back its bool result with one reference too
few: each emit from Python lowers the reference count of `True` by one (measured, and
gone in 6.11.3). On Python 3.11, where `True` is an ordinary object, a session of a few
thousand emits (progress reports alone send about a hundred per job) brings the count to
zero and the interpreter aborts ("bool_dealloc: deallocating True or False"). PySide6 6.12
is the first with the separate PySide6-Pdf package the app uses, so rather than pin an
older one, `emit` gives the reference back when the running PySide6 has the leak; on a
release without it, it does nothing more than emit.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from typing import Any

_PROBE_EMITS = 64
_leak_checked = threading.Lock()
_leaks: bool | None = None


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, without losing a reference to the result."""
    result = signal.emit(*args)
    if emit_leaks_a_reference():
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


def emit_leaks_a_reference() -> bool:
    """Whether this PySide6 loses a reference per emit (checked once, on first use)."""
    global _leaks
    if _leaks is None:
        with _leak_checked:
            if _leaks is None:
                _leaks = _probe()
    return _leaks


def _probe() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(_PROBE_EMITS)]
    lost = before + _PROBE_EMITS - sys.getrefcount(True)  # the list holds one reference per emit
    if results and results[0] is True and lost > _PROBE_EMITS // 2:
        for _ in range(lost):  # give back what the probe itself took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        return True
    return False
