"""The installed PySide6 keeps its references to None and True.

PySide6 6.12.0 dropped one reference to None per void Qt call and one to True
per signal emit; on Python < 3.12 the interpreter aborts within seconds of
painting ("Fatal Python error: none_dealloc / bool_dealloc"). pyproject.toml
excludes that release there; this test catches any release that does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPointF, Signal


class _Probe(QObject):
    ping = Signal()
    carry = Signal(object)


def test_qt_calls_and_signal_emits_keep_their_references(qtbot):
    probe, point = _Probe(), QPointF()
    calls = {
        "void Qt call": (None, lambda: point.setX(1.0)),
        "signal emit": (True, probe.ping.emit),
        "signal emit with a value": (True, lambda: probe.carry.emit(3)),
    }
    for name, (obj, call) in calls.items():
        before = sys.getrefcount(obj)
        for _ in range(500):
            call()
        assert sys.getrefcount(obj) >= before - 10, f"{name} leaks references to {obj}"
