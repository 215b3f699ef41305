"""One factor for every text drawn at a fixed size: presentation mode sets it.

Widgets that follow the application font grow with it by themselves; text sized in
pixels or points of its own (style sheets, pyqtgraph axes and legends, the formula
dock) reads ``factor()``; plain widgets listen to ``notifier.changed`` to be redrawn
larger, the window restyles its plots itself (see ``presentation``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class _Notifier(QObject):
    changed = Signal(float)


notifier = _Notifier()
_factor = 1.0


def factor() -> float:
    return _factor


def set_factor(value: float) -> None:
    """Scale fixed-size text by value (1: normal) and tell every listening view."""
    global _factor
    if value != _factor:
        _factor = value
        notifier.changed.emit(value)


def px(pixels: float) -> int:
    """A size in pixels at the current factor."""
    return round(pixels * _factor)
