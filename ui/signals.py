"""A guard against PySide6 6.12.0's lost reference on every signal emitted from Python.

PySide6 6.12.0's `SignalInstance.emit` (and `.disconnect`) hand back their bool result
with one reference too few: each call lowers the reference count of `True` by one
(measured; 6.11.3 does not). On Python 3.11 a session of a few thousand emits (a job's
progress reports send about a hundred, the dashboard's pyqtgraph charts about sixty per
visit) brings the count to zero and the interpreter aborts ("bool_dealloc: deallocating
True or False"). Python 3.12 made `True` and `False` immortal, which makes the bug
harmless; `install` does the same for 3.11 when the running PySide6 has the leak: it
raises both counts by 2**40, more than any session can lose. Wrapping `emit` instead
would break `signal.connect(other.emit)`, which PySide6 and pyqtgraph rely on, and
PySide6 6.12 is the first release with the PySide6-Pdf package the app uses.
"""

from __future__ import annotations

import ctypes
import sys

_CALLS = 64
_MARGIN = 1 << 40
_checked = False


def install() -> bool:
    """Guard True and False if this PySide6 loses references to them; whether it was needed (once)."""
    global _checked
    if _checked or sys.version_info >= (3, 12):
        return False
    _checked = True
    if not _emit_loses_a_reference():
        return False
    for value in (True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(value)).value += _MARGIN
    return True


def _emit_loses_a_reference() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(_CALLS)]
    lost = before + _CALLS - sys.getrefcount(True)  # the list holds one reference per emit
    return results[0] is True and lost > _CALLS // 2
