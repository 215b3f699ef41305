"""The backward view read from the back row: at a projector's 1280×720 and at 1080p every
number the canvas draws is at least MIN_PX tall on screen (smaller ones are dots, their
numbers on hover), and the network with its labels fills the room the legend leaves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from nnviz.app.backward.overlay import MIN_PX
from tests.app.test_backward_labels import check_clear, open_network

SIZES = [(1280, 720), (1920, 1080)]


def backward_at(w, qtbot, size, name: str) -> None:
    w.resize(*size)
    open_network(w, name)
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    qtbot.waitUntil(lambda: w.view.viewport().width() > 0)
    w.backward.fit()


def drawn_heights(w) -> dict[bool, float]:
    """On-screen pixel height of the text of cards (False) and edge labels (True) that
    the overlay draws as text at the view's zoom (a dotted kind is left out)."""
    ov, scale = w.backward.overlay, w.view.transform().m11()
    dotted = ov.dotted(scale)
    kinds = {on_edge for *_, on_edge in ov.texts}
    return {on_edge: ov.font(on_edge).pixelSize() * scale for on_edge in kinds
            if not dotted[on_edge]}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["xnor", "playground"])
def test_every_number_drawn_is_readable_from_the_back_row(main_window, qtbot, size, name):
    w = main_window
    backward_at(w, qtbot, size, name)
    heights = drawn_heights(w)
    assert False in heights, "the neurons' cards are drawn as text"
    assert all(h >= MIN_PX - 1e-6 for h in heights.values()), heights
    if size == (1920, 1080):  # room enough: the edges' numbers are written out too
        assert True in heights, heights
    check_clear(w)
    w.actions_["grads"].setChecked(True)  # larger edge boxes: sized again
    heights = drawn_heights(w)
    assert False in heights and all(h >= MIN_PX - 1e-6 for h in heights.values()), heights
    check_clear(w)


def test_an_edge_drawn_as_a_dot_gives_its_numbers_on_hover(main_window, qtbot):
    w = main_window
    backward_at(w, qtbot, (1280, 720), "playground")
    ov = w.backward.overlay
    assert ov.dotted(w.view.transform().m11())[True]  # too small at this room: dots
    box = next(label[0] for label in ov.texts if label[3])
    assert box.width() * w.view.transform().m11() < 20  # a dot, not a box of text
    tip = ov.tip_at(box.center())
    assert "δ of target" in tip and "w = " in tip


def test_zoomed_out_by_hand_the_numbers_become_dots(main_window, qtbot):
    w = main_window
    backward_at(w, qtbot, (1280, 720), "xnor")
    assert drawn_heights(w)
    for _ in range(4):
        w.view.zoom_out()
    assert all(h >= MIN_PX - 1e-6 for h in drawn_heights(w).values())
    assert not drawn_heights(w)  # far out: every label a dot


@pytest.mark.parametrize("size", SIZES)
def test_the_network_fills_the_room_the_legend_leaves(main_window, qtbot, size):
    w = main_window
    backward_at(w, qtbot, size, "playground")
    view, legend = w.view, w.backward.legend
    free = view.free_rect()
    shown = view.mapFromScene(w.backward._fit_rect()).boundingRect().toRectF()
    # the limiting side is filled, and nothing of the network is under the legend card
    assert max(shown.width() / free.width(), shown.height() / free.height()) > 0.9
    card = QRectF(view.viewport().mapFromGlobal(legend.mapToGlobal(legend.rect().topLeft())),
                  legend.size().toSizeF())
    network = view.mapFromScene(view.network_rect(0)).boundingRect().toRectF()
    assert not network.intersects(card), (network, card)


def test_presentation_mode_sizes_the_labels_for_its_room(main_window, qtbot):
    w = main_window
    backward_at(w, qtbot, (1280, 720), "xnor")
    w.presentation.enter()
    try:
        w.backward.fit()
        heights = drawn_heights(w)
        assert False in heights and all(h >= MIN_PX - 1e-6 for h in heights.values()), heights
        check_clear(w)
    finally:
        w.presentation.leave()
