"""The network editor driven as a user drives it: clicks, drags, keys and the wheel."""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from nnviz.app.canvas import EdgeItem, NetworkView, NeuronItem
from nnviz.app.canvas.controls import ControlItem
from nnviz.app.canvas.edgelayer import EdgeLayer
from nnviz.app.canvas.items import Thumbnail
from nnviz.app.docmodel import DocumentModel
from nnviz.core.commands import SetWeights
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.document import Document
from nnviz.core.network import Network, layered
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings
from tests.app.gestures import (
    CTRL,
    LEFT,
    MIDDLE,
    NONE,
    RIGHT,
    SHIFT,
    at,
    choose,
    dclick,
    drag,
    wheel,
)


def state(net: Network) -> tuple:
    """Everything about a network, order included."""
    return ([(k, vars(n).copy()) for k, n in net.neurons.items()],
            [(k, asdict(e)) for k, e in net.edges.items()],
            [vars(g).copy() for g in net.groups])


@pytest.fixture
def editor(qtbot):
    models: list[DocumentModel] = []

    def make(net: Network | None = None) -> tuple[NetworkView, DocumentModel]:
        model = DocumentModel(Document(net if net is not None else Network(),
                                       DatasetSpec("xor")))
        models.append(model)
        view = NetworkView()
        qtbot.addWidget(view)
        view.resize(800, 500)
        view.show()
        qtbot.waitExposed(view)
        view.set_document_model(model)
        # One scene unit per pixel, (160, 0) in the middle: clicks land where the test says.
        view.resetTransform()
        view.centerOn(QPointF(160, 0))
        view.setFocus()
        return view, model
    yield make
    for model in models:  # a stack deleted while modified signals into a dead model
        model.undo_stack.setClean()


def xor_net() -> Network:
    net = layered([2, 2, 1], "tanh")  # x at column 0, h at 160, ŷ at 320; rows ±40
    for k, e in enumerate(net.edges.values()):
        e.weight = 0.5 + 0.1 * k
    return net


def test_build_xor_by_clicks_and_drags(editor) -> None:
    view, model = editor()
    view.set_tool("add")
    for x, y in [(0, -40), (3, 42), (150, -40), (170, 40), (330, 0)]:
        QTest.mouseClick(view.viewport(), LEFT, SHIFT, at(view, x, y))  # Shift keeps the tool
    net = model.network
    assert [(n.x, n.y) for n in net.neurons.values()] == [
        (0, -40), (0, 42), (160, -40), (160, 40), (320, 0)]  # x snaps to the columns
    x1, x2, h1, h2, out = list(net.neurons)
    choose(view, 0, -40, "Role", "Input")
    choose(view, 0, 42, "Role", "Input")
    choose(view, 320, 0, "Role", "Output")
    view.set_tool("select")
    drag(view, (0, -40), (160, -40), RIGHT)  # right-drag connects
    drag(view, (0, -40), (160, 40), LEFT, SHIFT)  # so does Shift-drag
    drag(view, (28, 42), (160, -40))  # and a drag from the ● port
    view.set_tool("connect")
    drag(view, (0, 42), (160, 40))  # the connect tool drags with the left button
    drag(view, (160, -40), (320, 0))
    drag(view, (160, 40), (320, 0))
    assert set(net.edges) == {(x1, h1), (x1, h2), (x2, h1), (x2, h2), (h1, out), (h2, out)}
    assert [n.role for n in net.neurons.values()] == ["input", "input", "hidden", "hidden",
                                                      "output"]
    assert [n.label for n in net.neurons.values()] == ["x1", "x2", "h3", "h4", "ŷ1"]
    assert net.problems() == []
    assert set(view.canvas.edges) == set(net.edges)  # the scene mirrors the document
    kinds = (NeuronItem, Thumbnail, EdgeItem, EdgeLayer, ControlItem)
    assert all(isinstance(i, kinds) for i in view.canvas.items())


def test_a_cycle_is_refused_with_a_message(editor, qtbot) -> None:
    net = xor_net()
    h1, h2 = "n3", "n4"
    net.add_edge(h1, h2, 0.1)
    view, model = editor(net)
    before = state(model.network)
    with qtbot.waitSignal(model.message) as blocker:
        drag(view, (160, 40), (160, -40), RIGHT)
    assert "cycle" in blocker.args[0]
    assert state(model.network) == before
    assert model.undo_stack.count() == 0


def test_delete_is_one_step_and_undo_restores(editor) -> None:
    view, model = editor(xor_net())
    before = state(model.network)
    QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, 0, -40))
    QTest.mouseClick(view.viewport(), LEFT, CTRL, at(view, 80, 40))  # plus the edge x2 → h2
    assert view.canvas.selection() == (["n1"], [("n2", "n4")])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "n1" not in model.network.neurons and ("n2", "n4") not in model.network.edges
    assert len(model.network.edges) == 3
    assert model.undo_stack.count() == 1
    model.undo_stack.undo()
    assert state(model.network) == before
    assert set(view.canvas.neurons) == set(model.network.neurons)
    assert set(view.canvas.edges) == set(model.network.edges)


def test_a_drag_snaps_and_is_one_undo_step(editor) -> None:
    view, model = editor(xor_net())
    drag(view, (160, -40), (290, -95), steps=8)  # (clear of ŷ at (320, 0))
    moved = model.network.neurons["n3"]
    assert (moved.x, moved.y) == (320, -95)  # x snapped to the nearest column
    assert model.undo_stack.count() == 1
    item = view.canvas.neurons["n3"]
    assert (item.x(), item.y()) == (320, -95)
    edge = view.canvas.edges[("n1", "n3")]
    assert edge.line.p2().x() > 280  # the edges followed
    model.undo_stack.undo()
    assert (item.x(), item.y()) == (160, -40)
    view.set_snap(False)
    drag(view, (160, -40), (190, -40))
    assert model.network.neurons["n3"].x == 190


def test_wheel_over_an_edge_steps_its_weight_in_one_undo_step(editor) -> None:
    view, model = editor(xor_net())
    key = ("n1", "n3")  # horizontal from (0, -40) to (160, -40)
    w0 = model.network.edges[key].weight
    for _ in range(3):
        wheel(view, 100, -40)
    assert model.network.edges[key].weight == pytest.approx(w0 + 0.3)
    wheel(view, 100, -40, -1, SHIFT)
    assert model.network.edges[key].weight == pytest.approx(w0 + 0.29)
    assert model.undo_stack.count() == 1  # the whole run merged
    model.undo_stack.undo()
    assert model.network.edges[key].weight == w0
    wheel(view, 100, -100)  # over nothing: no edit
    assert model.undo_stack.count() == 1 and model.undo_stack.index() == 0


def test_double_click_edits_a_weight_inline(editor, qtbot) -> None:
    view, model = editor(xor_net())
    key = ("n1", "n3")
    w0 = model.network.edges[key].weight
    dclick(view, 100, -40)
    field = view.viewport().findChild(QLineEdit)
    assert field is not None and float(field.text()) == pytest.approx(w0)
    field.selectAll()
    QTest.keyClicks(field, "abc")
    with qtbot.waitSignal(view.message) as blocker:
        QTest.keyClick(field, Qt.Key.Key_Return)
    assert "not a number" in blocker.args[0]
    assert model.network.edges[key].weight == w0 and field.isVisible()
    field.selectAll()
    QTest.keyClicks(field, "-1,5")  # a decimal comma works too
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert model.network.edges[key].weight == -1.5
    assert not field.isVisible()
    dclick(view, 100, -40)
    field = next(f for f in view.viewport().findChildren(QLineEdit) if f.isVisible())
    QTest.keyClicks(field, "7")
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert model.network.edges[key].weight == -1.5
    assert model.undo_stack.count() == 1


def test_double_click_renames_a_neuron_and_adds_on_empty_space(editor) -> None:
    view, model = editor(xor_net())
    dclick(view, 160, 40)
    field = view.viewport().findChild(QLineEdit)
    field.selectAll()
    QTest.keyClicks(field, "edge detector")
    QTest.keyClick(field, Qt.Key.Key_Enter)
    assert model.network.neurons["n4"].label == "edge detector"
    dclick(view, 250, 120)
    added = list(model.network.neurons.values())[-1]
    assert (added.role, added.x, added.y) == ("output", 320, 120)  # the output column's role
    assert view.canvas.selection() == ([added.id], [])


def test_copy_and_paste_a_selection(editor) -> None:
    view, model = editor(xor_net())
    view.select(["n1", "n3"])
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    assert json.loads(QApplication.clipboard().text())["edges"][0]["source"] == "n1"
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    net = model.network
    assert len(net.neurons) == 7 and len(net.edges) == 7
    new_ids, _ = view.canvas.selection()
    assert len(new_ids) == 2 and not {"n1", "n3"} & set(new_ids)
    assert (new_ids[0], new_ids[1]) in net.edges
    assert net.neurons[new_ids[0]].x == 40.0  # pasted beside the original
    model.undo_stack.undo()
    assert len(net.neurons) == 5 and len(net.edges) == 6
    QApplication.clipboard().setText("not json")
    messages = []
    view.message.connect(messages.append)
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)
    assert "clipboard" in messages[-1] and len(net.neurons) == 5


def test_select_all_hover_zoom_and_pan(editor, qtbot) -> None:
    view, model = editor(xor_net())
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        QTest.keyClick(view, Qt.Key.Key_A, CTRL)
    assert len(blocker.args[0]) == 5 and len(blocker.args[1]) == 6
    QTest.mouseMove(view.viewport(), at(view, 240, 140))  # Qt drops moves to the same spot
    with qtbot.waitSignal(view.neuronHovered) as hovered:
        QTest.mouseMove(view.viewport(), at(view, 160, 40))
    assert hovered.args == ["n4"]
    scale = view.transform().m11()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() == pytest.approx(1.25 * scale)
    wheel(view, 250, 150, 2, CTRL)
    zoomed = view.transform().m11()
    assert zoomed > 1.25 * scale
    QTest.keyClick(view, Qt.Key.Key_0)  # fit: the whole network, as large as the view allows
    fitted = view.mapFromScene(view.network_rect()).boundingRect()
    assert view.transform().m11() != zoomed
    assert view.viewport().rect().adjusted(-2, -2, 2, 2).contains(fitted)
    centre = view.mapToScene(view.viewport().rect().center())
    drag(view, (250, 150), (150, 150), MIDDLE)
    assert view.mapToScene(view.viewport().rect().center()).x() > centre.x() + 50
    centre = view.mapToScene(view.viewport().rect().center())
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, (160, -40), (160, -140))  # Space-drag pans, even starting on a neuron
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapToScene(view.viewport().rect().center()).y() > centre.y() + 50
    assert model.undo_stack.count() == 0


def test_rubber_band_selects_neurons_and_the_edges_between_them(editor, qtbot) -> None:
    view, model = editor(xor_net())
    with qtbot.waitSignal(view.selectionChanged):
        drag(view, (-20, -90), (205, -10))  # (left of x=-32 are the feature toggles)
    assert view.canvas.selection() == (["n1", "n3"], [("n1", "n3")])
    QTest.keyClick(view, Qt.Key.Key_Backspace)
    assert list(model.network.neurons) == ["n2", "n4", "n5"]
    assert model.undo_stack.count() == 1


def test_training_and_snapshots_restyle_the_items(editor) -> None:
    net = layered([2, 2, 1], "tanh", "sigmoid")
    view, model = editor(net)
    edge = view.canvas.edges[("n1", "n3")]
    assert edge.pen.widthF() < 1.0  # zero weight: a thin line
    weights = {k: 2.0 for k in model.network.edges}
    model.apply_training(weights, {}, {}, 1, model.document.history)
    assert edge.weight == 2.0 and edge.pen.widthF() > 2.5
    dataset = make_dataset(DatasetSpec("xnor"))
    session = TrainingSession(model.network, dataset, TrainingSettings())
    session.sample = 0
    view.show_snapshot(session.snapshot())
    items = view.canvas.neurons
    assert all(item.value is not None and item.image is not None for item in items.values())
    view.set_thumbnails(False)
    assert all(item.image is None for item in items.values())
    image = view.grab().toImage()
    pixels = np.array([image.pixelColor(x, y).rgb() for x in range(0, 800, 8)
                       for y in range(0, 500, 8)])
    assert len(np.unique(pixels)) > 10  # something was drawn


def test_role_menu_refuses_what_the_edges_forbid(editor) -> None:
    view, model = editor(xor_net())
    messages = []
    view.message.connect(messages.append)
    choose(view, 160, -40, "Role", "Input")  # h1 has incoming edges
    assert "incoming" in messages[-1]
    assert model.network.neurons["n3"].role == "hidden"
    choose(view, 300, 200, "Tidy up (auto layout)")
    assert model.undo_stack.count() == 0  # already tidy: nothing moved, nothing recorded


def test_a_big_network_restyles_in_bulk_and_drags_over_a_cache(editor, qtbot) -> None:
    from nnviz.app.canvas.style import edge_style

    view, model = editor(layered([10, 20, 10, 1], "tanh"))  # 410 edges
    canvas = view.canvas
    assert canvas.expand("n11")  # a layer of 20 is a block: drawn as circles on request
    key = ("n1", "n11")
    view.model.push(SetWeights({key: 3.0}, "w"))  # one edge by hand...
    rng = np.random.default_rng(0)
    weights = {k: float(w) for k, w in zip(model.network.edges,
                                           rng.normal(0, 2, len(model.network.edges)))}
    model.apply_training(weights, {}, {}, 1, model.document.history)  # ...then all of them

    def styled() -> bool:
        return all(item.style == edge_style(model.network.edges[k].weight)
                   for k, item in canvas.edges.items())
    qtbot.waitUntil(styled)  # a slow-painting big scene may defer the restyle a little
    view.fit()
    item = canvas.neurons["n15"]
    start = (item.x(), item.y())
    drag(view, start, (start[0] + 100, start[1] - 30), steps=5)  # a free spot in its column
    assert item.x() == 320.0 and item.y() == pytest.approx(start[1] - 30, abs=4)  # whole pixels
    assert model.undo_stack.count() == 2
    assert all(e.opacity() == 1.0 for e in canvas.edges.values())
    kinds = (NeuronItem, Thumbnail, EdgeItem, EdgeLayer, ControlItem)
    assert all(isinstance(i, kinds) for i in canvas.items())
    # The dragged edges painted themselves; now the layer draws every edge again, each in
    # the group of its current style.
    layer = canvas.edge_layer
    assert all(layer.bucket.get(e) == (e.style, 1.0) for e in canvas.edges.values())
    edge = canvas.edges[("n1", "n15")]
    assert edge.line.p2().x() > 290


def test_render_to_an_svg_draws_vectors(editor, tmp_path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    view, _ = editor(xor_net())
    path = tmp_path / "net.svg"
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    rect = view.canvas.content_rect()
    generator.setSize(QSize(int(rect.width()), int(rect.height())))
    painter = QPainter(generator)
    view.canvas.render_to(painter)
    painter.end()
    svg = path.read_text()
    assert "<image" not in svg  # neurons as shapes, not cached pixmaps
    assert svg.count("<path") >= 5 and ">ŷ<" in svg.replace("\n", "").replace(" ", "")


def colour(view, x: float, y: float):
    """The pixel at scene point (x, y) as the viewport paints it (item caches included)."""
    return view.viewport().grab().toImage().pixelColor(at(view, x, y))


def test_edges_repaint_in_their_new_colour_with_halo_and_dimming(editor, qtbot) -> None:
    view, model = editor(xor_net())
    key = ("n1", "n3")  # horizontal from (0, -40) to (160, -40)
    model.push(SetWeights({key: 3.0}, "w"))  # a thick blue line, drawn by the edge layer
    qtbot.waitUntil(lambda: colour(view, 100, -40).blue() > colour(view, 100, -40).red() + 60)
    canvas = colour(view, 100, -44)  # beside the line: the canvas
    model.push(SetWeights({key: -3.0}, "w"))  # the sign flips: orange, not a stale blue
    qtbot.waitUntil(lambda: colour(view, 100, -40).red() > colour(view, 100, -40).blue() + 60)
    assert view.canvas.edge_layer.drawn(view.canvas.edges[key])
    QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, 100, -40))
    assert view.canvas.selection() == ([], [key])
    assert not view.canvas.edge_layer.drawn(view.canvas.edges[key])  # it paints its halo
    halo = colour(view, 100, -44)
    assert halo.blue() > halo.green() + 15 and halo != canvas  # the accent's violet
    QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, 250, 150))  # empty space
    assert colour(view, 100, -44) == canvas  # halo gone, the layer draws the edge again
    strong = colour(view, 100, -40)
    view.canvas.edges[key].setOpacity(0.25)  # as the step-through dims what is not known
    faint = colour(view, 100, -40)
    # Dimmed: much nearer the canvas colour, still orange.
    assert faint.blue() - strong.blue() > 60 and faint.red() > faint.blue()
    view.canvas.edges[key].setOpacity(1.0)
    assert colour(view, 100, -40) == strong
