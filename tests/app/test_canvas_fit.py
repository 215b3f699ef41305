"""Fit fills the canvas with the network, and no canvas text is drawn too small to read."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from nnviz.app.canvas import NetworkView
from nnviz.app.canvas.scene import WEIGHT_GROWTH
from nnviz.app.canvas.style import MIN_TEXT_PX, SMALL_FONT, R
from nnviz.app.docmodel import DocumentModel
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import Document
from nnviz.core.examples import load_example
from nnviz.core.network import Network, Neuron, layered


@pytest.fixture
def shown(qtbot):
    models = []

    def make(net: Network | Document, width: int, height: int) -> NetworkView:
        doc = net if isinstance(net, Document) else Document(net, DatasetSpec("xnor"))
        model = DocumentModel(doc)
        models.append(model)
        view = NetworkView()
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        view.set_document_model(model)
        view.fit()
        return view

    yield make
    for model in models:
        model.undo_stack.setClean()


def on_screen(view: NetworkView) -> QRectF:
    """Where the neurons' bodies are drawn, in viewport pixels."""
    bodies = QRectF()
    for item in view.canvas.neurons.values():
        bodies = bodies.united(QRectF(item.x() - R, item.y() - R, 2 * R, 2 * R))
    return view.mapFromScene(bodies).boundingRect().toRectF()


def xnor_net() -> Network:
    net = layered([2, 2, 1], "sigmoid")
    for k, e in enumerate(net.edges.values()):
        e.weight = (-1) ** k * 4.0
    return net


# The canvas of a maximised window at 1920×1080, and at 1280×720, where the layer
# controls (+ / − above the columns, drawn at their pixel size) take a larger share.
@pytest.mark.parametrize("size, share", [((1080, 990), 0.85), ((450, 430), 0.75)])
def test_fit_fills_the_view_with_the_xnor_example(shown, size, share):
    view = shown(load_example("xnor"), *size)
    rect = on_screen(view)
    width, height = view.viewport().width(), view.viewport().height()
    assert view.viewport().rect().toRectF().contains(rect)
    # The limiting side is filled but for the margin, the names under the neurons and the
    # layer controls (a fit to the items' wide bounding rects left 30 % of it empty).
    assert max(rect.width() / width, rect.height() / height) > share, (rect, width, height)


def test_a_lone_neuron_is_not_blown_up(shown):
    net = Network()
    net.add_neuron(Neuron("x1", "x1", role="input", activation="identity"))
    view = shown(net, 1090, 960)
    diameter = 2 * R * view.transform().m11()
    assert diameter < view.viewport().width() / 4


def render(view: NetworkView, scale: float) -> QImage:
    """The scene around the network as the canvas paints it at this zoom."""
    source = view.canvas.content_rect()
    image = QImage(int(source.width() * scale), int(source.height() * scale),
                   QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.canvas.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def test_weight_labels_below_a_readable_size_are_not_drawn(shown):
    view = shown(xnor_net(), 800, 500)
    # Below 0.75 even 13 px text (as large as the label boxes allow) is under 10 px on screen.
    small = MIN_TEXT_PX / SMALL_FONT.pixelSize() / WEIGHT_GROWTH * 0.95
    big = MIN_TEXT_PX / SMALL_FONT.pixelSize() * 1.5
    zoomed_out = 0.8  # the playground's canvas at 1280×720: 8 px text, drawn at 13 px
    scales = (small, zoomed_out, big)
    with_labels = {s: render(view, s) for s in scales}
    view.canvas.set_weight_labels_visible(False)
    without = {s: render(view, s) for s in scales}
    assert with_labels[small] == without[small]
    assert changed_height(with_labels[zoomed_out], without[zoomed_out]) >= 7
    assert with_labels[big] != without[big]


def changed_height(a: QImage, b: QImage) -> int:
    """Height in pixels of the region where two renders differ (0: identical)."""
    def pixels(image):
        return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)

    rows = np.flatnonzero((pixels(a) != pixels(b)).any(axis=1))
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


def test_neuron_names_grow_to_a_readable_size_then_go(shown):
    view = shown(xnor_net(), 800, 500)
    view.canvas.set_weight_labels_visible(False)
    neurons = list(view.canvas.neurons.values())[-1:]  # ŷ, alone in its column

    def rename(text):
        for item in neurons:
            item.label = text
            item.update()

    rename("")
    empty = {s: render(view, s) for s in (1.0, 0.7, 0.5)}
    rename("HH")
    named = {s: render(view, s) for s in (1.0, 0.7, 0.5)}
    # 12 px at 1:1; at 0.7 it would be 8.4 px, so it is drawn larger: capitals still ≥ 7 px.
    assert changed_height(empty[1.0], named[1.0]) >= 7
    assert changed_height(empty[0.7], named[0.7]) >= 7
    # At 0.5 even 1.5 times the size is below 10 px: no name at all (the tooltip has it).
    assert changed_height(empty[0.5], named[0.5]) == 0
