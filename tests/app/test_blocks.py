"""Wide layers drawn as blocks, as a user sees them: the digit in the input block, a hidden
unit's weights as an 8×8 picture on hover, expanding and collapsing, the slides' big
network in a handful of items, the backward view's δ strip, and the export."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from nnviz.app.canvas.blocks import BlockItem, BundleItem
from nnviz.app.canvas.items import NeuronItem
from nnviz.app.canvas.weightcard import WeightSheet
from nnviz.app.export.figures import NetworkFigure
from nnviz.app.export.writers import render_image
from nnviz.core.plan import Plan
from nnviz.core.stepper import parse
from tests.app.gestures import LEFT, NONE, at, dclick

ROW = 5  # the highlighted example


@pytest.fixture
def digits(main_window, qtbot):
    w = main_window
    assert w.files.open_example("digits", ask=False)
    w.controller.select_sample(ROW)
    blocks = w.view.canvas.blocks
    qtbot.waitUntil(lambda: all(np.isfinite(b.values).any() for b in blocks.items.values()
                                if b.values is not None) and len(blocks.items) == 2
                    and all(b.values is not None for b in blocks.items.values()),
                    timeout=15_000)
    return w


def block_of(w, role: str) -> BlockItem:
    return next(b for b in w.view.canvas.blocks.items.values() if b.block.role == role)


def example(w) -> np.ndarray:
    doc = w.model.document
    data = doc.build_dataset()
    return data.inputs(Plan(doc.network).features)[ROW]


def hover(view, point: QPointF) -> None:
    QTest.mouseMove(view.viewport(), at(view, point.x() + 30, point.y() + 400))
    QTest.mouseMove(view.viewport(), at(view, point.x(), point.y()))


def test_the_input_block_is_the_highlighted_digit(digits, qtbot):
    w = digits
    view = w.view
    block = block_of(w, "input")
    assert block.block.image and (block.block.rows, block.block.cols) == (8, 8)
    x = example(w)
    features = Plan(w.model.document.network).features
    net = w.model.document.network
    frame = view.viewport().grab().toImage()
    hi = float(x.max())
    for k in (2, 3, 10, 20, 27, 36, 60):
        nid = block.block.ids[k]
        value = x[features.index(net.neurons[nid].feature)]
        point = at(view, block.cell_centre(k).x(), block.cell_centre(k).y())
        grey = frame.pixelColor(point)
        expected = round(255 * (1 - value / hi))
        assert abs(grey.red() - expected) <= 3 and grey.red() == grey.green() == grey.blue()
    # Hovering a pixel says whose and what it is.
    hover(view, block.cell_centre(10))
    assert block.toolTip() == f"{net.neurons[block.block.ids[10]].label}: x = " \
        f"{w.view.canvas.blocks.fmt(x[features.index(net.neurons[block.block.ids[10]].feature)])}"


def test_hovering_a_hidden_unit_shows_its_weights_as_an_8x8_picture(digits, qtbot):
    w = digits
    view, net = w.view, w.model.document.network
    hidden, inputs = block_of(w, "hidden"), block_of(w, "input")
    hover(view, hidden.cell_centre(4))
    card = view.canvas.blocks.card
    qtbot.waitUntil(card.isVisible)
    unit = hidden.block.ids[4]
    assert card.weights.unit == net.neurons[unit].label
    assert card.weights.values.shape == (8, 8)
    expected = [net.edges[(s, unit)].weight for s in inputs.block.ids]
    assert np.array_equal(card.weights.values.ravel(), expected)
    a = hidden.values[4]
    assert card.header == f"{net.neurons[unit].label}: a = {view.canvas.blocks.fmt(a)}"
    assert hidden.toolTip() == ""  # the card says it: no tooltip over the picture
    # The card's own pixels give each weight.
    rect = card.picture_rect()
    # The card keeps its pixel size at any zoom: its own pixels map to the viewport's.
    pixel = card.deviceTransform(view.viewportTransform()).map(
        QPointF(rect.left() + rect.width() * 2.5 / 8, rect.top() + rect.height() * 1.5 / 8))
    src = inputs.block.ids[1 * 8 + 2]
    QTest.mouseMove(view.viewport(), pixel.toPoint())
    qtbot.waitUntil(lambda: card.toolTip() != "")
    assert card.toolTip().startswith(f"w({net.neurons[src].label} → {net.neurons[unit].label})")
    assert parse(card.toolTip().split("= ")[1]) == pytest.approx(net.edges[(src, unit)].weight,
                                                                 rel=1e-3)


def test_every_units_weight_picture_from_the_blocks_menu(digits, qtbot):
    w = digits
    hidden = block_of(w, "hidden")
    menu = w.view.context_menu(hidden.cell_centre(0))
    action = next(a for a in menu.actions() if a.text().startswith("Weight Pictures"))
    action.trigger()
    sheet = next(c for c in w.view.children() if isinstance(c, WeightSheet))
    qtbot.addWidget(sheet)
    assert len(sheet.cells) == 32 and sheet.cells[0].pixmap().width() > 8


def test_expand_shows_the_neurons_and_collapse_brings_the_block_back(digits, qtbot):
    w = digits
    view, canvas = w.view, w.view.canvas
    undo = w.model.undo_stack.count()
    before = len(canvas.items())
    block = block_of(w, "input")
    centre = block.cell_centre(27)
    dclick(view, centre.x(), centre.y())
    qtbot.waitUntil(lambda: not any(b.block.role == "input" for b in canvas.blocks.items.values()))
    inputs = [i for i in canvas.neurons.values() if i.role == "input"]
    assert len(inputs) == 64 and all(isinstance(i, NeuronItem) for i in inputs)
    assert w.model.undo_stack.count() == undo  # a view choice, not an edit
    # Collapse from the control under the expanded column.
    control = next(i for i in view.controls.items if i.text == "collapse")
    QTest.mouseClick(view.viewport(), LEFT, NONE, view.mapFromScene(control.scenePos()
                                                                   + QPointF(0, 12)))
    qtbot.waitUntil(lambda: any(b.block.role == "input" for b in canvas.blocks.items.values()))
    assert not [i for i in canvas.neurons.values() if i.role == "input"]
    assert len(canvas.items()) == before
    # And the key: E over the block expands it again.
    hover(view, block_of(w, "hidden").cell_centre(3))
    QTest.keyClick(view, Qt.Key.Key_E)
    assert len([i for i in canvas.neurons.values() if i.role == "hidden"]) == 32


def test_edits_elsewhere_undo_and_selection_work_beside_blocks(digits, qtbot):
    w = digits
    canvas = w.view.canvas
    out = next(i for i in canvas.neurons.values() if i.role == "output")
    QTest.mouseClick(w.view.viewport(), LEFT, NONE, at(w.view, out.x(), out.y()))
    assert canvas.selection()[0] == [out.id]
    bundles = len([i for i in canvas.items() if isinstance(i, BundleItem)])
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert out.id not in canvas.neurons
    assert len([i for i in canvas.items() if isinstance(i, BundleItem)]) == bundles - 1
    w.model.undo_stack.undo()
    assert out.id in canvas.neurons
    assert len([i for i in canvas.items() if isinstance(i, BundleItem)]) == bundles


def test_the_slides_network_draws_as_blocks_in_a_few_items(main_window, qtbot, monkeypatch):
    w = main_window
    answers = iter([("2-1024-512-3", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("tanh", True))
    w.actions_["build"].trigger()
    canvas = w.view.canvas
    qtbot.waitUntil(lambda: len(w.model.document.network.edges) == 527_872, timeout=30_000)
    sizes = sorted(len(b.block.ids) for b in canvas.blocks.items.values())
    assert sizes == [512, 1024]
    assert len(canvas.items()) < 50
    assert len(canvas.neurons) == 5 and not canvas.edges
    # Expanding the 1,024 would be thousands of items: refused, and said.
    messages = []
    canvas.message.connect(messages.append)
    big = next(b for b in canvas.blocks.items.values() if len(b.block.ids) == 1024)
    assert not canvas.expand(big.key)
    assert "Not expanded" in messages[-1] and "1,024" in messages[-1]
    # The network fits the view: the blocks are on screen.
    shown = w.view.mapFromScene(big.sceneBoundingRect()).boundingRect()
    assert w.view.viewport().rect().intersects(shown)


def test_the_backward_view_shows_delta_as_a_strip_equal_to_the_stepper(digits, qtbot):
    w = digits
    hidden = block_of(w, "hidden")
    w.actions_["backward"].trigger()
    qtbot.waitUntil(lambda: hidden.kind == "delta")
    trace = w.backward.trace
    unit = hidden.block.ids[7]
    assert hidden.values[7] == trace.neuron(unit).delta
    hover(w.view, hidden.cell_centre(7))
    card = w.view.canvas.blocks.card
    qtbot.waitUntil(card.isVisible)
    assert card.header.endswith(f"δ = {w.backward.notation.num(trace.neuron(unit).delta)}")
    # Its weights card shows ∂L/∂w = ∂L/∂z · a of each input, the trace's own numbers.
    assert card.weights.symbol == "∂L/∂w"
    inputs = block_of(w, "input").block.ids
    grads = {(e.source, e.target): e.grad for e in trace.edges if e.target == unit}
    assert np.allclose(card.weights.values.ravel(), [grads[(s, unit)] for s in inputs])
    # Stepping: the δ of a unit appears once the stepper has reached it.
    w.actions_["stepping"].trigger()
    assert np.isnan(hidden.values).all() or hidden.kind == "a"
    seq = w.backward.seq
    at_delta = next(i for i, s in enumerate(seq) if s.phase == "hidden_delta"
                    and unit in s.neurons)
    w.backward.go(at_delta)
    assert hidden.kind == "delta" and hidden.values[7] == trace.neuron(unit).delta
    assert hidden.focus == 7
    line = seq[at_delta].lines[-1]
    assert line.endswith(w.backward.notation.num(trace.neuron(unit).delta))


def test_the_export_draws_the_blocks(digits):
    w = digits
    image = render_image(NetworkFigure(w.view.canvas))
    block = block_of(w, "input")
    source = NetworkFigure(w.view.canvas).source()
    x = example(w)
    features = Plan(w.model.document.network).features
    net = w.model.document.network
    k = int(np.argmax([x[features.index(net.neurons[i].feature)] for i in block.block.ids]))
    centre = block.cell_centre(k) - source.topLeft()
    scale = image.width() / source.width()
    pixel = image.pixelColor(int(centre.x() * scale), int(centre.y() * scale))
    assert pixel.red() < 20 and pixel.green() < 20  # the darkest ink of the digit


def test_the_picture_module_imports_first_on_its_own():
    """The gallery and the exports import arrayimage before the canvas: no import cycle."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import nnviz.app.arrayimage"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
