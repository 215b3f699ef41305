"""The computational-graph mode: the reversed graph, its numbers, and path sums on click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nnviz.app.backward.graph import on_paths
from nnviz.app.backward.panel import visible_text
from nnviz.core.paths import path_sum
from nnviz.core.stepper import Notation, fmt
from tests.app.gestures import LEFT, NONE, at


@pytest.fixture
def window(main_window, qtbot):
    main_window.files.open_example("xnor", ask=False)
    main_window.controller.select_sample(0)  # (0, 0): every input gradient is non-zero
    main_window.actions_["backward"].setChecked(True)  # (B, as a key, is tested elsewhere)
    qtbot.waitUntil(lambda: bool(main_window.backward.overlay.texts))
    return main_window


def labels(w) -> list[tuple]:
    return [(box, [text for text, _ in lines]) for box, lines, *_ in w.backward.overlay.texts]


def test_graph_mode_writes_g_prime_on_each_link_and_w_on_each_edge(window, qtbot):
    w = window
    QTest.keyClick(w.view, Qt.Key.Key_G)
    scene, t = w.view.canvas, w.backward.trace
    qtbot.waitUntil(lambda: any(text.startswith("g′ ") for _, ts in labels(w) for text in ts))
    shown = labels(w)
    for n in t.neurons:
        if n.z is None:
            continue
        centre = scene.neurons[n.id].pos()
        # on the link: inside the capsule, between the Σ node and the activation node
        on_link = [ts for box, ts in shown if abs(box.center().x() - centre.x()) < 1
                   and centre.y() - 24 < box.center().y() < centre.y()]
        assert on_link == [[f"g′ {fmt(n.g_prime, 3)}"]], n.id
    texts = [text for _, ts in shown for text in ts]
    for e in t.edges:
        assert fmt(e.weight, 3) in texts  # every edge's factor
    assert texts.count(fmt(4.0, 3)) == 2 and texts.count(fmt(-4.0, 3)) == 2
    boxes = [box for box, _ in shown]
    for i, a in enumerate(boxes):  # no two labels overlap
        assert not any(a.intersects(b) for b in boxes[i + 1:])
    for item in scene.neurons.values():  # nor does a label cover a node of a capsule
        if item.role != "input":
            for dx in (-38, 38):
                node = item.pos().x() + dx
                assert not any(b.contains(node, item.pos().y()) for b in boxes)
    assert "reversed graph" in w.backward.legend.text()
    assert w.backward.dock.isVisible()


def test_clicking_an_input_shows_its_path_sum(window, qtbot):
    w = window
    QTest.keyClick(w.view, Qt.Key.Key_G)
    panel, scene = w.backward.panel, w.view.canvas
    x1 = scene.neurons["x1"].pos()
    QTest.mouseClick(w.view.viewport(), LEFT, NONE, at(w.view, x1.x(), x1.y()))
    qtbot.waitUntil(lambda: "∂L/∂x1 =" in visible_text(panel.formula))
    t = w.backward.trace
    shown = visible_text(panel.formula).splitlines()
    assert shown[0] == ("∂L/∂x1 = ∂L/∂ŷ · g′(z_ŷ) · w_ŷ,a1 · g′(z_a1) · w_a1,x1"
                        " + ∂L/∂ŷ · g′(z_ŷ) · w_ŷ,a2 · g′(z_a2) · w_a2,x1")
    num = Notation().num
    first = "·".join(f"({v})" if v.startswith("−") else v for v in [
        num(t.neuron("y_hat").dl_da), num(t.neuron("y_hat").g_prime),
        num(t.edge("a1", "y_hat").weight), num(t.neuron("a1").g_prime),
        num(t.edge("x1", "a1").weight)])
    assert shown[1].startswith(f"= {first} + ")
    assert shown[2] == f"= {num(t.neuron('x1').dl_da)}" and t.neuron("x1").dl_da != 0
    assert "∂L/∂x1" in visible_text(panel.title)
    assert visible_text(panel.note).startswith("2 paths back from the loss")
    assert w.backward.focus == "x1"  # its paths are lit on the canvas
    lit = w.backward.overlay.focus
    assert lit.nodes == {"x1", "a1", "a2", "y_hat"} and ("x2", "a1") not in lit.edges
    assert lit.edges == {("x1", "a1"), ("x1", "a2"), ("a1", "y_hat"), ("a2", "y_hat")}
    assert on_paths(scene, "a1") == ({"a1", "y_hat"}, {("a1", "y_hat")})


def test_hovering_shows_the_hovered_value_then_the_selection_again(window, qtbot):
    w = window
    QTest.keyClick(w.view, Qt.Key.Key_G)
    scene, panel, vp = w.view.canvas, w.backward.panel, w.view.viewport()
    x2 = scene.neurons["x2"].pos()
    QTest.mouseClick(vp, LEFT, NONE, at(w.view, x2.x(), x2.y()))
    qtbot.waitUntil(lambda: "∂L/∂x2 =" in visible_text(panel.formula))
    a2 = scene.neurons["a2"].pos()
    QTest.mouseMove(vp, at(w.view, a2.x() + 60, a2.y() + 60))  # Qt drops repeated spots
    with qtbot.waitSignal(w.view.neuronHovered):
        QTest.mouseMove(vp, at(w.view, a2.x(), a2.y()))
    qtbot.waitUntil(lambda: "∂L/∂a_a2 =" in visible_text(panel.formula))
    ps = path_sum(w.backward.trace, w.model.document.network, "a2")
    assert visible_text(panel.formula).splitlines() == ps.lines(Notation())
    with qtbot.waitSignal(w.view.neuronHovered):
        QTest.mouseMove(vp, at(w.view, a2.x() + 60, a2.y() + 90))
    qtbot.waitUntil(lambda: "∂L/∂x2 =" in visible_text(panel.formula))


def test_graph_mode_off_leaves_the_backward_view_as_it_was(window, qtbot):
    w = window
    before = labels(w)
    QTest.keyClick(w.view, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: labels(w) != before)
    QTest.keyClick(w.view, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: labels(w) == before)
    assert "← δ travelling back" in w.backward.legend.text()
    assert w.backward.focus is None and not w.backward.overlay.focus.edges


def test_significant_digits_from_the_menu_are_saved_and_reloaded(window, qtbot, tmp_path):
    w = window
    menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    notation = next(a.menu() for a in menu.actions()
                    if a.menu() and "Notation" in a.text())
    next(a for a in notation.actions() if a.text() == "3 significant digits").trigger()
    qtbot.waitUntil(lambda: w.backward.notation.significant)
    t = w.backward.trace
    texts = [text for _, ts in labels(w) for text in ts]
    a1 = t.neuron("a1")
    assert f"δ = {fmt(a1.delta, 3, significant=True)}" in texts
    assert fmt(a1.delta, 3, significant=True) != fmt(a1.delta, 3)  # a different text
    assert "3 significant digits" in w.backward.legend.text()
    path = tmp_path / "sig.nnviz"
    assert w.files._save_to(str(path))
    w.files.open_example("xor", ask=False)
    assert not w.backward.notation.significant
    w.files.open_path(str(path), ask=False)
    assert w.backward.notation == Notation(digits=3, significant=True)
    w.actions_["backward"].setChecked(False)
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    texts = [text for _, ts in labels(w) for text in ts]
    assert any(text.startswith("δ = ") and text == f"δ = {fmt(n.delta, 3, True)}"
               for n in w.backward.trace.neurons if n.delta is not None for text in texts)


def test_a_dense_net_in_graph_mode_keeps_its_labels_apart(window, qtbot):
    from nnviz.core.builders import build_shape

    w = window
    w.model.push(build_shape("2-3-2-1"))
    QTest.keyClick(w.view, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: w.backward.trace is not None
                    and len(w.backward.trace.neurons) == 8 and bool(w.backward.overlay.texts))
    shown = labels(w)
    boxes = [box for box, _ in shown]
    for i, a in enumerate(boxes):
        assert not any(a.intersects(b) for b in boxes[i + 1:])
    texts = [text for _, ts in shown for text in ts]
    for n in w.backward.trace.neurons:  # g′ of every neuron is written, however crowded
        assert n.z is None or f"g′ {fmt(n.g_prime, 3)}" in texts
    assert sum(1 for t in texts if t.startswith("∂L/∂x = ")) == 2


def test_reversed_arrowheads_are_made_once_and_follow_a_moved_neuron(window, qtbot):
    from nnviz.app.backward.graph import reversed_head
    from nnviz.core.commands import SetNeurons

    w = window
    QTest.keyClick(w.view, Qt.Key.Key_G)
    scene = w.view.canvas
    edge = next(iter(scene.edges.values()))
    source = scene.neurons[edge.key[0]]
    first = reversed_head(edge, source)
    assert first is not None
    # Painting again (every step, every zoom) reuses it rather than building it anew.
    assert reversed_head(edge, source) is first
    w.view.viewport().repaint()
    assert reversed_head(edge, source) is first
    # Moving the source moves its head.
    w.model.push(SetNeurons({source.id: {"y": source.y() + 40}}, "Move"))
    moved = reversed_head(edge, source)
    assert moved is not first
    assert moved.boundingRect().center().y() > first.boundingRect().center().y() + 10
