"""Guard against a PySide6 build whose signal emit corrupts Python's reference counts.

PySide6 6.12.0 returns True from SignalInstance.emit without taking a reference; after a
few hundred emits the interpreter aborts (bool_dealloc). pyproject.toml excludes it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_emitting_signals_keeps_reference_counts() -> None:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(50):
        probe.ping.emit()
    assert sys.getrefcount(True) >= before - 5, "this PySide6 build leaks references on emit"
