"""The backward view in the window: the building controls make way for its cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nnviz.app.canvas.controls import ControlItem


@pytest.fixture
def window(main_window):
    main_window.files.open_example("playground", ask=False)
    return main_window


def plus_button(w) -> ControlItem:
    return next(i for i in w.view.controls.items if i.text == "+")


def viewport_point(w, item: ControlItem):
    """Where a user clicks to press item, in viewport pixels."""
    return w.view.mapFromScene(item.pos()) + item.rect.center().toPoint()


def click(w, point) -> None:
    QTest.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, point)


def test_backward_view_hides_the_building_controls_and_brings_them_back(window, qtbot):
    w = window
    controls = w.view.controls.items
    assert controls and all(item.isVisible() for item in controls)
    kinds = {item.text for item in controls}
    assert {"+", "−", "+ layer", "features"} <= kinds
    assert any(text.endswith("neurons") for text in kinds)  # the caption

    QTest.keyClick(w.view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    assert not any(item.isVisible() for item in w.view.controls.items)
    count = len(w.model.network.neurons)
    click(w, viewport_point(w, plus_button(w)))  # where "+" is, under a card now
    assert len(w.model.network.neurons) == count  # no neuron added behind the cards

    QTest.keyClick(w.view, Qt.Key.Key_B)
    assert all(item.isVisible() for item in w.view.controls.items)
    click(w, viewport_point(w, plus_button(w)))
    assert len(w.model.network.neurons) == count + 1  # the button works again


def test_the_controls_stay_hidden_through_a_step_through_and_come_back(window, qtbot):
    w = window
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: w.backward.index == 0)
    assert not any(item.isVisible() for item in w.view.controls.items)
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.backward.index < 0)
    assert all(item.isVisible() for item in w.view.controls.items)
