"""The layer controls of a deep network at a projector's 1280×720: each layer's caption,
its + and − and its neighbours' stay apart, whatever the zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from nnviz.core.builders import build_shape


def on_screen(view) -> list[tuple[str, QRectF]]:
    """Each visible control's text and its rect in viewport pixels (they ignore the zoom)."""
    out = []
    for item in view.controls.items:
        if item.isVisible():
            corner = view.mapFromScene(item.pos()).toPointF() + item.rect.topLeft()
            out.append((item.text, QRectF(corner, item.rect.size())))
    return out


def overlaps(view) -> list:
    shown = on_screen(view)
    return [(a, b) for i, (a, ra) in enumerate(shown) for b, rb in shown[i + 1:]
            if ra.intersects(rb)]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_deep_networks_captions_keep_clear_of_each_other_and_the_buttons(main_window,
                                                                            qtbot, size):
    w = main_window
    w.resize(*size)
    w.files.open_example("playground", ask=False)
    w.model.push(build_shape("2-8-8-8-8-8-8-1", "tanh"))
    view = w.view
    qtbot.waitUntil(lambda: len(view.controls.captions) == 6)
    view.fit()
    assert overlaps(view) == []
    captions = view.controls.captions
    assert all(c.text in ("8", "8 neurons") for c in captions)
    for c in captions:  # shortened: the tooltip says it in full
        assert c.text == "8 neurons" or c.toolTip() == "8 neurons"
    for _ in range(3):  # zoomed in by hand: room for the words again
        view.zoom_in()
    assert overlaps(view) == []
    assert all(c.text == "8 neurons" for c in captions)
