"""Building a network by mouse, as a student does: placements land where clicked, clear of
the others and in sight; Playground's + / − and "+ layer"; tools that return to Select;
roles by place and by key; connecting whole columns; a draft status that is always now."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolTip

from nnviz.app.canvas import NetworkView
from nnviz.app.canvas.controls import ControlItem
from nnviz.app.canvas.style import ACCENT
from nnviz.app.docmodel import DocumentModel
from nnviz.core.builders import COLUMN
from nnviz.core.document import blank_document
from nnviz.core.layering import columns
from tests.app.gestures import LEFT, NONE, SHIFT, at, drag


@pytest.fixture
def student(qtbot):
    """File → New's document (XOR: two inputs, one output) in a canvas as a user sees it:
    fitted to its view, not at a test-friendly scale."""
    models = []

    def make(width: int = 800, height: int = 500):
        model = DocumentModel(blank_document())
        models.append(model)
        view = NetworkView()
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        view.set_document_model(model)
        view.fit()
        view.setFocus()
        return view, model
    yield make
    for model in models:
        model.undo_stack.setClean()


def click(view, x, y, modifiers=NONE) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifiers, at(view, x, y))


def control(view, text: str, column_x: float | None = None) -> ControlItem:
    """The layer control with that text (over the column at column_x, if given)."""
    found = [i for i in view.controls.items if i.text == text and i.action is not None
             and (column_x is None or i.pos().x() == column_x)]
    assert len(found) == 1, [i.text for i in view.controls.items]
    return found[0]


def press(view, item: ControlItem) -> None:
    """Click the middle of a control, as the pointer would."""
    centre = item.deviceTransform(view.viewportTransform()).map(item.rect.center())
    QTest.mouseClick(view.viewport(), LEFT, NONE, centre.toPoint())


def body(view, nid: str) -> QRectF:
    """A neuron's outline box in viewport pixels."""
    item = view.canvas.neurons[nid]
    return QRectF(view.mapFromScene(item.mapToScene(item.shape())).boundingRect())


def assert_disjoint_and_visible(view, ids=None) -> None:
    items = list(view.canvas.neurons.values())
    shapes = [i.mapToScene(i.shape()) for i in items]
    for k, a in enumerate(shapes):
        for b in shapes[k + 1:]:
            assert not a.intersects(b)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in items if ids is None else [view.canvas.neurons[i] for i in ids]:
        assert shown.contains(item.sceneBoundingRect().center())
        assert shown.contains(item.mapToScene(item.body().boundingRect()).boundingRect())


def test_a_click_puts_the_neuron_at_the_click_clear_of_others_and_in_view(student):
    view, model = student()
    net = model.network
    for x, y, where in [(150, -30, "at"), (170, 10, "below"), (4, -72, "just above x1"),
                        (300, 20, "off the output"), (250, None, "at the top edge"),
                        (None, 0, "at the right edge")]:
        view.set_tool("add", "hidden")
        corner = view.mapToScene(view.viewport().rect().topRight())
        if y is None:  # the top edge: the neuron may not stick out of the view
            y = corner.y() + 3 / view.transform().m11()
        if x is None:  # the right edge: it snaps to a column beyond it
            x = corner.x() - 3 / view.transform().m11()
        count = len(net.neurons)
        click(view, x, y)
        assert len(net.neurons) == count + 1
        added = list(net.neurons.values())[-1]
        assert added.x == round(x / COLUMN) * COLUMN  # snapped to its column, no further
        if where == "at":
            assert added.y == pytest.approx(y, abs=1)  # exactly where clicked
        else:
            assert abs(added.y - y) <= 64 + 1  # moved at most one gap to stay clear
        assert_disjoint_and_visible(view)


def test_the_add_tool_returns_to_select_unless_shift_or_sticky(student, qtbot):
    view, model = student()
    view.set_tool("add")
    assert "click where it goes" in view.hint.plain()
    assert view.viewport().cursor().shape() == Qt.CursorShape.CrossCursor
    click(view, 160, -40)
    assert view.tool == "select" and "Select" in view.hint.plain()
    assert view.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor
    click(view, 160, 100)  # meant as a selection: no stray neuron
    assert len(model.network.neurons) == 4
    view.set_tool("add")
    click(view, 160, 40, SHIFT)
    click(view, 160, 120, SHIFT)
    assert view.tool == "add" and len(model.network.neurons) == 6
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.tool == "select"
    view.set_sticky(True)
    view.set_tool("add")
    assert "sticky" in view.hint.plain()
    click(view, 160, 200)
    assert view.tool == "add"


@pytest.mark.parametrize("key,role", [("I", "input"), ("H", "hidden"), ("O", "output")])
def test_keys_i_h_o_make_that_role(student, key, role):
    view, model = student()
    QTest.keyClicks(view, key.lower())
    assert view.tool == "add" and view.add_role == role
    click(view, 160, -40)  # the free middle column: the key decides, not the place
    added = list(model.network.neurons.values())[-1]
    assert added.role == role and view.tool == "select"


def test_the_column_picks_the_role_and_an_output_follows_the_task(student):
    view, model = student()
    net = model.network
    out = net.outputs[0].id
    view.set_tool("add")
    click(view, 320, 90)  # in the output column
    added = list(net.neurons.values())[-1]
    assert added.role == "output" and added.activation == "sigmoid"
    view.set_tool("add")
    click(view, 0, 100)
    assert list(net.neurons.values())[-1].role == "input"
    assert net.outputs[0].id == out


def test_plus_and_minus_add_and_remove_one_connected_neuron_and_undo_restores(student):
    view, model = student()
    press(view, control(view, "+ layer"))
    assert [len(c.ids) for c in columns(model.network)] == [2, 3, 1]
    before = model.document.copy()
    steps = model.undo_stack.count()
    x = columns(model.network)[1].x
    press(view, control(view, "+", x))
    net = model.network
    assert [len(c.ids) for c in columns(net)] == [2, 4, 1]
    new = columns(net)[1].ids[-1]
    assert {e.source for e in net.incoming(new)} == {n.id for n in net.inputs}
    assert {e.target for e in net.outgoing(new)} == {net.outputs[0].id}
    assert model.undo_stack.count() == steps + 1
    assert control(view, "4 neurons" if False else "+", x)  # the controls follow
    assert any(i.text == "4 neurons" for i in view.controls.items)
    assert_disjoint_and_visible(view)
    model.undo_stack.undo()
    assert model.document == before
    press(view, control(view, "−", x))
    assert [len(c.ids) for c in columns(net)] == [2, 2, 1]
    assert model.undo_stack.count() == steps + 1
    model.undo_stack.undo()
    assert model.document == before


def test_feature_toggles_add_an_input_and_undo_removes_it(student):
    view, model = student()
    before = model.document.copy()
    press(view, control(view, "x1·x2"))
    net = model.network
    assert [n.feature for n in net.inputs] == ["x1", "x2", "x1*x2"]
    assert {e.target for e in net.outgoing(net.inputs[2].id)} == {net.outputs[0].id}
    assert control(view, "x1·x2").checked
    model.undo_stack.undo()
    assert model.document == before
    assert not control(view, "x1·x2").checked


def test_controls_are_legible_clear_of_neurons_and_absent_from_exports(student):
    view, model = student()
    press(view, control(view, "+ layer"))
    view.fit()
    bodies = [body(view, nid) for nid in model.network.neurons]
    shown = view.viewport().rect().toRectF()
    for item in view.controls.items:
        box = item.deviceTransform(view.viewportTransform()).mapRect(item.rect)
        assert shown.contains(box), item.text  # fit leaves them room
        assert not any(box.intersects(b) for b in bodies), item.text
        assert box.height() >= 18
    image = QImage(900, 600, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.canvas.render_to(painter, QRectF(0, 0, 900, 600),
                          view.canvas.overlay_rect().united(view._controls_rect()))
    painter.end()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(600, 900, 4)[..., :3]
    accent = np.array([ACCENT.blue(), ACCENT.green(), ACCENT.red()])  # BGRA in memory
    assert not (np.abs(pixels.astype(int) - accent).sum(axis=2) < 40).any()
    assert all(item.isVisible() for item in view.controls.items)  # back on screen


def test_the_select_hint_names_the_drags_that_move_and_that_connect(student):
    """A student does what the line under the canvas says: a left drag moves a neuron,
    a right drag connects it."""
    view, model = student()
    net = model.network
    view.set_tool("add", "hidden")
    click(view, 160, -40)
    h1 = next(n.id for n in net.neurons.values() if n.role == "hidden")
    x1 = net.inputs[0]
    hint = view.hint.plain()
    assert view.tool == "select"
    assert "drag a neuron: move" in hint and "right-drag from a neuron" in hint
    edges, y0 = set(net.edges), x1.y
    drag(view, (x1.x, y0), (x1.x, y0 - 60))  # the left button: a move
    assert set(net.edges) == edges and net.neurons[x1.id].y == pytest.approx(y0 - 60, abs=1)
    x1 = net.neurons[x1.id]
    drag(view, (x1.x, x1.y), (160, -40), Qt.MouseButton.RightButton)
    assert (x1.id, h1) in net.edges


def test_dragging_onto_a_column_connects_the_whole_column(student, qtbot):
    view, model = student()
    net = model.network
    view.set_tool("add", "hidden")
    click(view, 160, -40, SHIFT)
    click(view, 160, 40, SHIFT)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    h1, h2 = [n.id for n in net.neurons.values() if n.role == "hidden"]
    x1 = net.inputs[0].id
    steps = model.undo_stack.count()
    drag(view, (0, -40), (160, 0), Qt.MouseButton.RightButton)  # between h1 and h2
    assert (x1, h1) in net.edges and (x1, h2) in net.edges
    assert model.undo_stack.count() == steps + 1
    # A refused drop says why at the pointer: an output feeds nothing.
    out = net.outputs[0]
    QTest.mousePress(view.viewport(), Qt.MouseButton.RightButton, NONE, at(view, out.x, out.y))
    for t in (0.3, 0.6, 1.0):
        QTest.mouseMove(view.viewport(), at(view, out.x - t * 160, 0))
    qtbot.waitUntil(lambda: "outputs do not feed" in QToolTip.text())
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.RightButton, NONE, at(view, 160, 0))
    assert model.undo_stack.count() == steps + 1


def test_selected_columns_connect_all_to_all_with_one_key(student):
    view, model = student()
    net = model.network
    view.set_tool("add", "hidden")
    for y in (-80, 0, 80):
        click(view, 160, y, SHIFT)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    hidden = [n.id for n in net.neurons.values() if n.role == "hidden"]
    view.select([n.id for n in net.inputs] + hidden)
    steps = model.undo_stack.count()
    QTest.keyClicks(view, "j")
    assert {(i.id, h) for i in net.inputs for h in hidden} <= set(net.edges)
    assert model.undo_stack.count() == steps + 1


def test_a_drag_near_the_edge_scrolls_the_view(student, qtbot):
    view, model = student()
    item = view.canvas.neurons[model.network.outputs[0].id]
    start = view.mapFromScene(item.pos())
    edge = QPointF(view.viewport().width() - 4, start.y()).toPoint()
    centre = view.mapToScene(view.viewport().rect().center())
    QTest.mousePress(view.viewport(), LEFT, NONE, start)
    for k in range(1, 6):
        QTest.mouseMove(view.viewport(), start + (edge - start) * (k / 5))
    qtbot.waitUntil(lambda: view.mapToScene(view.viewport().rect().center()).x()
                    > centre.x() + 60)
    QTest.mouseRelease(view.viewport(), LEFT, NONE, edge)
    moved = model.network.outputs[0]
    assert moved.x >= 320 + COLUMN  # it went along with the scroll, beyond the first view
    assert_disjoint_and_visible(view, [moved.id])


def test_the_draft_status_is_always_the_network_now(student):
    view, model = student()
    assert "Draft" not in view.hint.plain()  # New's XOR net can train
    out = model.network.outputs[0].id
    view.select([out])
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "no output neuron" in view.hint.plain()
    QTest.keyClicks(view, "o")
    click(view, 320, 0)
    assert "no output neuron" not in view.hint.plain()
    assert "Draft" in view.hint.plain()  # the new output has no incoming edge yet
    new = model.network.outputs[0].id
    view.select([n.id for n in model.network.inputs] + [new])
    QTest.keyClicks(view, "j")
    assert "Draft" not in view.hint.plain()


def test_tool_keys_work_from_a_combo_box_but_not_from_a_text_field(main_window, qtbot):
    w = main_window
    combo = w.training_panel.findChild(QComboBox)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    QTest.keyClick(combo, Qt.Key.Key_H)
    assert w.view.tool == "add" and w.view.add_role == "hidden"
    assert w.actions_["tool_add_hidden"].isChecked()
    QTest.keyClick(combo, Qt.Key.Key_V)
    assert w.view.tool == "select" and w.actions_["tool_select"].isChecked()
    field = next(f for f in w.findChildren(QLineEdit) if f.isVisible() and not f.isReadOnly())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.clear()
    QTest.keyClicks(field, "nv")
    assert w.view.tool == "select" and "nv" in field.text()


def test_plus_layer_on_xor_trains_to_100_percent_in_the_window(main_window, qtbot):
    w = main_window
    w.actions_["new"].trigger()
    assert [len(c.ids) for c in columns(w.model.network)] == [2, 1]
    qtbot.waitUntil(lambda: bool(w.view.controls.items))
    press(w.view, control(w.view, "+ layer"))
    assert [len(c.ids) for c in columns(w.model.network)] == [2, 3, 1]
    assert "2-3-1" in w.statusBar().currentMessage()
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.history.last().get("train_accuracy") == 1.0,
                    timeout=60_000)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: not w.controller.playing)


def test_every_message_and_readout_describes_the_network_now(main_window, qtbot):
    w = main_window
    w.actions_["new"].trigger()
    view, bar, panel = w.view, w.statusBar(), w.training_panel
    view.resetTransform()
    view.centerOn(QPointF(160, 0))
    view.select([w.model.network.outputs[0].id])
    w.actions_["delete"].trigger()
    assert "no output neuron" in bar.currentMessage()
    assert "no output neuron" in panel.problem.text()
    assert not w.actions_["play"].isEnabled()
    assert "no output neuron" in view.hint.plain()
    w.actions_["tool_add_output"].trigger()
    click(view, 320, 0)
    # The draft's next problem, everywhere at once; nothing says what was true before.
    for text in (bar.currentMessage(), panel.problem.text(), view.hint.plain()):
        assert "no output neuron" not in text
    assert "no path from any input" in panel.problem.text()
    assert "no path from any input" in view.hint.plain()
    drag(view, (0, -40), (320, 0), Qt.MouseButton.RightButton)
    assert bar.currentMessage().startswith("Connected x1 → ŷ")
    qtbot.waitUntil(lambda: w.actions_["play"].isEnabled())
    assert not panel.problem.isVisible() and "Draft" not in view.hint.plain()
    w.model.undo_stack.undo()  # the edge goes again: so does its message
    assert "Connected" not in bar.currentMessage()
    assert "no path from any input" in panel.problem.text()


def test_a_neuron_dropped_on_another_slides_clear_in_one_step(student):
    view, model = student()
    press(view, control(view, "+ layer"))
    h1, h2, _ = columns(model.network)[1].ids
    target = model.network.neurons[h2]
    steps = model.undo_stack.count()
    start = model.network.neurons[h1]
    drag(view, (start.x, start.y), (target.x + 5, target.y + 3), steps=6)
    moved = model.network.neurons[h1]
    assert moved.x == target.x  # snapped into the column, not stacked on h2
    assert abs(moved.y - target.y) >= 64 - 1e-6
    assert_disjoint_and_visible(view)
    assert model.undo_stack.count() == steps + 1


def test_a_double_click_on_plus_layer_adds_one_layer_and_nothing_else(student):
    view, model = student()
    item = control(view, "+ layer")
    centre = item.deviceTransform(view.viewportTransform()).map(item.rect.center()).toPoint()
    QTest.mouseClick(view.viewport(), LEFT, NONE, centre)  # a double-click's first click,
    QTest.mouseDClick(view.viewport(), LEFT, NONE, centre)  # then its second press
    QTest.mouseRelease(view.viewport(), LEFT, NONE, centre)
    assert [len(c.ids) for c in columns(model.network)] == [2, 3, 1]
    assert model.undo_stack.count() == 1
