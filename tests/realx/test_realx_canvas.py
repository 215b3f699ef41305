"""On a real screen the network fills its canvas, maximised at 1080p and on a projector."""

from __future__ import annotations

from pathlib import Path

import pytest

XNOR = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "xnor.nnviz")

# In the app: how much of the canvas the neurons' bodies take along its limiting side, and
# whether their names are drawn at 10 px or more on screen.
CANVAS_CHECK = """
from nnviz.app.canvas.items import NAME_GROWTH
from nnviz.app.canvas.style import LABEL_FONT, R, legible

def canvas_fill():
    view = window.view
    bodies = QtCore.QRectF()
    for item in view.canvas.neurons.values():
        bodies = bodies.united(QtCore.QRectF(item.x() - R, item.y() - R, 2 * R, 2 * R))
    shown = view.mapFromScene(bodies).boundingRect()
    port = view.free_rect().toAlignedRect()  # beside the cards drawn over the canvas
    if not port.adjusted(-1, -1, 1, 1).contains(shown):
        return 0.0
    return max(shown.width() / port.width(), shown.height() / port.height())

def names_readable():
    return legible(LABEL_FONT, window.view.transform().m11(), NAME_GROWTH) is not None
"""


def test_maximised_at_1080p_the_xnor_network_fills_the_canvas(real_app):
    nnviz = real_app(1920, 1080, XNOR)
    nnviz.exec(CANVAS_CHECK)
    nnviz.wait("len(window.view.canvas.neurons) == 5")
    nnviz.exec("window.showMaximized()")
    nnviz.wait("window.isMaximized() and window.view.viewport().width() > 900")
    nnviz.wait("canvas_fill() > 0.8")  # of the room the hint line leaves
    assert nnviz.eval("names_readable()")


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_on_a_projector_the_playground_network_fills_the_canvas_readably(real_app, size):
    nnviz = real_app(*size)
    nnviz.exec(CANVAS_CHECK)
    nnviz.wait("len(window.view.canvas.neurons) == 9")  # the playground's 2-4-2-1
    nnviz.wait("canvas_fill() > 0.75")  # the layer controls (+ / −) take their pixels too
    assert nnviz.eval("names_readable()")
