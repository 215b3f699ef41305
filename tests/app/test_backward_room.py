"""The backward view in the window: the building controls make way for its cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtTest import QTest

from nnviz.app.canvas.controls import ControlItem
from nnviz.app.canvas.style import R


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


def card_box(w, card) -> QRectF:
    """A card over the canvas, in viewport pixels."""
    vp = w.view.viewport()
    return QRectF(vp.mapFromGlobal(card.mapToGlobal(QPoint(0, 0))), card.size().toSizeF())


def on_screen(w, scene_rect: QRectF) -> QRectF:
    return w.view.mapFromScene(scene_rect).boundingRect().toRectF()


def drawn(w) -> list[QRectF]:
    """Neuron bodies and backward labels (boxes and leaders), in viewport pixels."""
    rects = [on_screen(w, QRectF(n.x() - R, n.y() - R, 2 * R, 2 * R))
             for n in w.view.canvas.neurons.values()]
    return rects + [on_screen(w, label.area()) for label in w.backward.overlay.texts]


@pytest.mark.parametrize("example", ["playground", "xnor"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_backward_view_fits_the_network_beside_the_legend_not_under_it(
        main_window, qtbot, example, size):
    w = main_window
    w.resize(*size)
    w.files.open_example(example, ask=False)
    QTest.keyClick(w.view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts) and w.backward.legend.isVisible())
    qtbot.wait(10)  # the legend's text, then the refit after its size
    legend = card_box(w, w.backward.legend)
    shapes = drawn(w)
    covered = [r for r in shapes if r.intersects(legend)]
    assert not covered, (legend, covered[:3])
    everything = shapes[0]
    for r in shapes:
        everything = everything.united(r)
    free = w.view.free_rect()
    assert free.adjusted(-1, -1, 1, 1).contains(everything)
    # The limiting side of the free area is filled (the network was a third of it).
    assert max(everything.width() / free.width(), everything.height() / free.height()) > 0.85

