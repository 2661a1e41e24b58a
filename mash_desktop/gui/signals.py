"""Emit Qt signals from Python safely: ``emit(self.changed)`` instead of ``self.changed.emit()``.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a reference to
it, so every emit from Python takes one reference away from ``True``. After a few hundred
emits (a PT typing in the outcome entry form or editing doses, the patient search) the
count reaches zero and the interpreter aborts with "Fatal Python error: bool_dealloc",
mid-session or at exit. Signals emitted by Qt itself are not affected.

:func:`emit` adds the missing reference when this PySide6 has the fault (checked once,
by emitting a probe signal), so the count stays right for the whole run, interpreter
shutdown included; with a fixed PySide6 it is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def _give_back(obj: object) -> None:
    """Add the reference PySide6 did not take; never released, like the one it dropped."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


_LEAKS = _emit_drops_a_reference()
if _LEAKS:
    for _ in range(4):  # what the probe took
        _give_back(True)


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, compensating PySide6 6.12.0's lost reference to True."""
    result = signal.emit(*args)
    if _LEAKS:
        _give_back(result)
