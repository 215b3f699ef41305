"""Mouse gestures on the network canvas, as a user makes them (shared by GUI tests)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

LEFT, RIGHT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, \
    Qt.MouseButton.MiddleButton
NONE, SHIFT, CTRL = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier, \
    Qt.KeyboardModifier.ControlModifier


def at(view, x: float, y: float) -> QPoint:
    return view.mapFromScene(QPointF(x, y))


def drag(view, start, end, button=LEFT, modifiers=NONE, steps=4) -> None:
    vp = view.viewport()
    QTest.mousePress(vp, button, modifiers, at(view, *start))
    for k in range(1, steps + 1):
        t = k / steps
        QTest.mouseMove(vp, at(view, start[0] + t * (end[0] - start[0]),
                               start[1] + t * (end[1] - start[1])))
    QTest.mouseRelease(vp, button, modifiers, at(view, *end))


def dclick(view, x, y) -> None:
    # QTest.mouseDClick leaves the button down (PySide6 6.11, 6.12): later moves would drag.
    QTest.mouseDClick(view.viewport(), LEFT, NONE, at(view, x, y))
    QTest.mouseRelease(view.viewport(), LEFT, NONE, at(view, x, y))


def wheel(view, x, y, notches=1, modifiers=NONE) -> None:
    pos = QPointF(at(view, x, y))
    event = QWheelEvent(pos, QPointF(view.viewport().mapToGlobal(pos.toPoint())), QPoint(),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def choose(view, x, y, *path: str) -> None:
    """Trigger a context-menu entry, e.g. choose(view, 0, 0, "Role", "Input")."""
    menu = view.context_menu(QPointF(x, y))
    for name in path:
        action = next(a for a in menu.actions() if a.text() == name)
        if action.menu() is not None:
            menu = action.menu()
        else:
            action.trigger()
