"""The wheel over a scrolling panel scrolls it; values change only in the widget with focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QSpinBox

DOWN = -120  # one notch of a mouse wheel turned towards the user


def wheel(widget, notches: int = 1) -> None:
    """Turn the wheel over the middle of widget, as the window system would deliver it."""
    local = QPointF(widget.rect().center())
    for _ in range(notches):
        event = QWheelEvent(local, QPointF(widget.mapToGlobal(local)), QPoint(0, 0),
                            QPoint(0, DOWN), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                            False)
        QApplication.sendEvent(widget, event)


def scrolling_data_panel(qtbot, window):
    window.resize(1280, 720)
    dock = window.docks["data"]
    dock.raise_()
    area = dock.widget()
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: dock.isVisible() and bar.maximum() > 0)
    return window.dataset_panel, bar


def test_wheel_over_the_split_slider_scrolls_the_panel_and_keeps_the_split(qtbot, main_window):
    panel, bar = scrolling_data_panel(qtbot, main_window)
    split = panel.ratio
    before = split.value()
    ratio = main_window.model.document.dataset.train_ratio
    assert not split.hasFocus()
    wheel(split, 3)
    assert split.value() == before
    assert main_window.model.document.dataset.train_ratio == ratio
    assert bar.value() > 0  # the panel scrolled instead


def test_a_focused_slider_takes_the_wheel(qtbot, main_window):
    panel, bar = scrolling_data_panel(qtbot, main_window)
    split = panel.ratio
    assert split.focusPolicy() == Qt.StrongFocus  # a wheel alone never focuses it
    split.setFocus()
    qtbot.waitUntil(split.hasFocus)
    before = split.value()
    wheel(split)
    assert split.value() != before
    assert bar.value() == 0


def test_widgets_added_to_a_panel_later_are_guarded_too(qtbot, main_window):
    panel, bar = scrolling_data_panel(qtbot, main_window)
    late = QSpinBox(panel)
    late.setRange(0, 100)
    late.setValue(50)
    panel.layout().insertWidget(0, late)
    qtbot.waitUntil(late.isVisible)
    wheel(late, 2)
    assert late.value() == 50
    assert bar.value() > 0
    assert late.focusPolicy() == Qt.StrongFocus
