"""Backward-view labels as a student sees them: attached to their edge, never over a neuron
or an arrowhead, sized to their text, repainted cleanly, and honest at the update step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnviz.app.backward.overlay import EDGE_FONT, FONT, text_rect
from nnviz.app.canvas.style import LABEL_FONT, R
from nnviz.core.builders import build_shape
from nnviz.core.stepper import fmt


def open_network(w, name: str, sample: int = 1) -> None:
    if name in ("xnor", "playground"):
        w.files.open_example(name, ask=False)
    else:  # a shape on the playground's data, e.g. "2-3-2-1"
        w.files.open_example("playground", ask=False)
        w.model.push(build_shape(name, "tanh"))
    w.controller.select_sample(sample)


def backward_on(w, qtbot, name: str, sample: int = 1) -> None:
    open_network(w, name, sample)
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))


def neuron_shapes(scene) -> list[QRectF]:
    """Each neuron's body and, where the canvas writes it there, its name below it."""
    out = []
    fm = QFontMetricsF(LABEL_FONT)
    for item in scene.neurons.values():
        x, y = item.x(), item.y()
        out.append(QRectF(x - R, y - R, 2 * R, 2 * R))
        if item.image is not None or len(item.label) > 4:
            w = fm.horizontalAdvance(item.label)
            out.append(QRectF(x - w / 2 - 3, y + R + 3, w + 6, 16))
    return out


def heads(scene) -> list[QPainterPath]:
    out = []
    for edge in scene.edges.values():
        path = QPainterPath()
        path.addPolygon(edge.head()[1])
        out.append(path)
    return out


def check_clear(w) -> int:
    """No label box over a neuron or an arrowhead, no leader through a neuron; returns how
    many labels were checked."""
    scene, texts = w.view.canvas, w.backward.overlay.texts
    shapes, arrows = neuron_shapes(scene), heads(scene)
    for label in texts:
        box = label[0]
        text = [t for t, _ in label[1]]
        for shape in shapes:
            assert not box.intersects(shape), (text, box, shape)
        for arrow in arrows:
            assert not arrow.intersects(box), (text, box, arrow.boundingRect())
        if label.leader is not None:
            line = label.leader
            for shape in shapes:  # a leader runs from its edge, never across a neuron
                if shape.adjusted(-3, -3, 3, 3).contains(line.p1()):
                    continue  # a card's leader starts on its own neuron's outline
                steps = [line.pointAt(k / 20) for k in range(21)]
                assert not any(shape.adjusted(2, 2, -2, -2).contains(p) for p in steps), text
    return len(texts)


@pytest.mark.parametrize("name", ["xnor", "playground", "2-3-2-1"])
def test_labels_never_cover_a_neuron_or_an_arrowhead(main_window, qtbot, name) -> None:
    w = main_window
    backward_on(w, qtbot, name)
    assert check_clear(w) > 0
    w.actions_["grads"].setChecked(True)  # ∂L/∂w and Δw too: the largest boxes
    assert check_clear(w) > 0
    w.actions_["grads"].setChecked(False)
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    mode = w.backward
    qtbot.waitUntil(lambda: mode.index == 0)
    for _ in range(len(mode.seq) - 1):  # every step of the step-through, update included
        QTest.keyClick(w.view, Qt.Key.Key_Right)
        check_clear(w)
    assert mode.seq[mode.index].phase == "update"
    QTest.keyClick(w.view, Qt.Key.Key_Escape)


def test_every_label_is_attached_to_what_it_labels(main_window, qtbot) -> None:
    w = main_window
    backward_on(w, qtbot, "playground")
    scene = w.view.canvas
    for label in w.backward.overlay.texts:
        box, lines, _, on_edge = label
        if label.leader is not None:
            # a moved box: its leader starts on an edge (or a neuron's outline) and ends on it
            start, end = label.leader.p1(), label.leader.p2()
            assert box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(end)
            if on_edge:
                assert min(e.distance(start) for e in scene.edges.values()) < 0.5
        elif on_edge:  # on its edge: the line runs under the box
            assert any(e.distance(box.center()) <= box.height() / 2 for e in scene.edges.values())
        else:  # a card beside its neuron
            assert min((QPointF(i.x(), i.y()) - box.center()).manhattanLength()
                       for i in scene.neurons.values()) < 2 * R + box.width() + box.height()


def test_every_box_holds_its_text_in_the_font_it_is_painted_with(main_window, qtbot) -> None:
    w = main_window
    backward_on(w, qtbot, "xnor", sample=0)  # (0, 0): a1 saturates, its δ is tiny
    w.backward.set_notation(digits=2)  # the saturated neuron's δ goes scientific
    w.actions_["grads"].setChecked(True)
    texts = w.backward.overlay.texts
    assert any("e−" in t for _, lines, *_ in texts for t, _ in lines), [
        t for _, lines, *_ in texts for t, _ in lines]
    for box, lines, _, on_edge in texts:
        font = EDGE_FONT if on_edge else FONT
        fm = QFontMetricsF(font)
        for k, (text, _) in enumerate(lines):
            r = text_rect(box, k, font, text)
            assert box.contains(r), (text, box, r)
            # the ink itself, measured by Qt at the line's baseline
            baseline = r.top() + (r.height() - fm.height()) / 2 + fm.ascent()
            ink = fm.boundingRect(text).translated(r.left(), baseline)
            assert box.contains(ink), (text, box, ink)


def painted_outside(item, rect: QRectF) -> int:
    """Paint ``item`` into an image much larger than ``rect``; count pixels outside it."""
    margin = 200
    image = QImage(int(rect.width()) + 2 * margin, int(rect.height()) + 2 * margin,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(margin - rect.left(), margin - rect.top())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = rect
    item.paint(p, option, None)
    p.end()
    inside = QRectF(margin, margin, rect.width(), rect.height()).toAlignedRect()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if not inside.contains(x, y) and QColor.fromRgba(image.pixel(x, y)).alpha():
                count += 1
    return count


def test_bounding_rect_holds_everything_painted(main_window, qtbot) -> None:
    w = main_window
    backward_on(w, qtbot, "playground")
    ov = w.backward.overlay
    assert any(label.leader is not None for label in ov.texts)  # leaders are painted too
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: w.backward.index == 0)
    for _ in range(3):
        QTest.keyClick(w.view, Qt.Key.Key_Right)
        assert painted_outside(ov, ov.boundingRect()) == 0
        assert painted_outside(ov.active, ov.active.boundingRect()) == 0
    ov.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # the export path paints the same
    try:
        assert painted_outside(ov, ov.boundingRect()) == 0
    finally:
        ov.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    QTest.keyClick(w.view, Qt.Key.Key_Escape)


def test_the_update_step_says_before_and_after(main_window, qtbot) -> None:
    from nnviz.app.backward.panel import visible_text

    w = main_window
    open_network(w, "xnor")
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    mode = w.backward
    qtbot.waitUntil(lambda: mode.index == 0)
    before = mode.trace
    while mode.seq[mode.index].phase != "update":
        QTest.keyClick(w.view, Qt.Key.Key_Right)
    shown = [t for _, lines, *_ in mode.overlay.texts for t, _ in lines]
    after = mode.compute()  # the document's forward pass now, after the update command
    for e in before.edges:
        new = w.model.document.network.edges[(e.source, e.target)].weight
        assert f"w {fmt(e.weight, 3)} → {fmt(new, 3)}" in shown
    for n in before.neurons:
        if n.z is None:
            continue
        assert f"a {fmt(n.a, 3)} → {fmt(after.neuron(n.id).a, 3)}" in shown
        assert f"z {fmt(n.z, 3)} → {fmt(after.neuron(n.id).z, 3)}" in shown
    assert not any(t.startswith(("a = ", "z = ")) for t in shown)  # nothing left unsaid
    legend = visible_text(mode.legend)
    assert "before → after" in legend
    assert f"{fmt(before.loss, 3)} → {fmt(after.loss, 3)}" in legend
    QTest.keyClick(w.view, Qt.Key.Key_Left)  # back before the update: plain values again
    shown = [t for _, lines, *_ in mode.overlay.texts for t, _ in lines]
    assert not any("→" in t for t in shown if not t.startswith("←"))
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
