"""The backward view, its honesty markers and the step-through, driven by real keys."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from nnviz import cli
from nnviz.app.canvas.style import CANVAS
from nnviz.core.commands import SETTINGS, SetAttribute, SetWeights
from nnviz.core.examples import example_path
from nnviz.core.stepper import fmt


@pytest.fixture
def window(main_window):
    main_window.files.open_example("xnor", ask=False)
    main_window.controller.select_sample(1)  # (0, 1)
    return main_window


def texts(w) -> str:
    return "\n".join(text for _, lines, *_ in w.backward.overlay.texts for text, _ in lines)


def cli_trace(capsys, convention: str) -> dict:
    capsys.readouterr()
    cli.main(["trace", str(example_path("xnor")), "--input", "0,1", "--json",
              "--convention", convention])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("convention", ["dl_dz", "mitchell"])
def test_annotations_equal_the_cli_trace(window, qtbot, capsys, convention):
    w = window
    settings = w.model.document.settings
    if settings.convention != convention:
        import copy

        s = copy.deepcopy(settings)
        s.convention = convention
        w.model.push(SetAttribute(SETTINGS, s, "convention"))
    QTest.keyClick(w.view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    shown, ref = texts(w), cli_trace(capsys, convention)
    for n in ref["neurons"]:
        if n["z"] is None:
            assert f"∂L/∂x = {fmt(n['dl_da'], 3)}" in shown
            continue
        for line in (f"z = {fmt(n['z'], 3)}", f"a = {fmt(n['a'], 3)}",
                     f"g′ = {fmt(n['g_prime'], 3)}", f"δ = {fmt(n['delta'], 3)}"):
            assert line in shown, line
        assert f"g′ {fmt(n['g_prime'], 3)}\n← δ {fmt(n['delta'], 3)}" in shown
    for needle in ("a = 0.119", "a = 0.435"):  # CURRICULUM's XNOR numbers
        assert needle in shown
    assert ("−∂E/∂net" if convention == "mitchell" else "∂L/∂z") in w.backward.legend.text()


def test_stale_after_a_weight_edit(window, qtbot):
    w = window
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    assert not w.backward.overlay.stale
    w.model.push(SetWeights({("x1", "a1"): 1.5}))
    assert w.backward.overlay.stale and "stale" in w.backward.legend.text()


def test_step_sequence_and_bit_exact_restore(window, qtbot):
    w = window
    net = w.model.document.network
    before = ({k: e.weight for k, e in net.edges.items()},
              {k: n.bias for k, n in net.neurons.items()})
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    mode = w.backward
    qtbot.waitUntil(lambda: mode.index == 0)
    assert not w.actions_["step"].isEnabled()  # → drives the stepper, not training
    seen = [mode.seq[0].phase]
    for _ in range(len(mode.seq) - 1):
        QTest.keyClick(w.view, Qt.Key.Key_Right)
        seen.append(mode.seq[mode.index].phase)
    assert list(dict.fromkeys(seen)) == ["forward", "loss", "output_delta", "hidden_delta",
                                         "gradient", "update"]
    assert "δ_a1 = g′(z_a1)" in mode.seq[5].lines[0]
    after = {k: e.weight for k, e in net.edges.items()}
    assert after[("x2", "a1")] == pytest.approx(4.0 - 0.0457, abs=1e-4)
    QTest.keyClick(w.view, Qt.Key.Key_Left)
    assert {k: e.weight for k, e in net.edges.items()} == before[0]
    assert {k: n.bias for k, n in net.neurons.items()} == before[1]
    QTest.keyClick(w.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert mode.seq[mode.index].phase == "gradient" and mode.index == 7
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
    assert mode.index == -1 and w.actions_["step"].isEnabled()
    assert all(i.opacity() == 1.0 for i in w.view.canvas.neurons.values())


def test_formula_panel_shows_real_primes_not_entities(window, qtbot):
    from nnviz.app.backward.panel import visible_text

    w = window
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    mode, panel = w.backward, w.backward.panel
    qtbot.waitUntil(lambda: mode.index == 0)
    seen = []
    for _ in range(len(mode.seq) - 1):
        QTest.keyClick(w.view, Qt.Key.Key_Right)
        shown = [visible_text(label) for label in
                 (panel.phases, panel.title, panel.formula, panel.note, panel.keys)]
        shown.append(visible_text(mode.legend))
        for text in shown:
            assert "&#" not in text and "&amp;" not in text and "&lt;" not in text, text
        seen.append(shown[2])
        if mode.seq[mode.index].phase == "hidden_delta":
            break
    formulas = "\n".join(seen)
    assert "g′(z_" in formulas and "g'(" not in formulas
    assert "δ_ŷ = ∂L/∂a · g′(z_ŷ) = " in formulas  # one line, still rendered as written
    QTest.keyClick(w.view, Qt.Key.Key_Escape)


def test_backward_mode_owns_the_edge_labels(window, qtbot):
    w = window
    scene, mode = w.view.canvas, w.backward
    assert scene.show_weight_labels
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(mode.overlay.texts))
    assert not scene.show_weight_labels  # no second set of boxes on the edges
    w.actions_["grads"].setChecked(True)
    shown = texts(w)
    for e in mode.trace.edges:  # the overlay writes w itself, with ∂L/∂w and Δw
        assert f"w {fmt(e.weight, 3)}" in shown
    boxes = [box for box, *_ in mode.overlay.texts]
    for i, a in enumerate(boxes):  # nothing stacks: no two labels overlap
        assert not any(a.intersects(b) for b in boxes[i + 1:])
    # what the view shows after the fit: every label, at a readable size
    w.actions_["backward"].setChecked(False)
    w.actions_["backward"].setChecked(True)
    visible = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(visible.contains(b) for b in [box for box, *_ in mode.overlay.texts])
    scale, vp = w.view.transform().m11(), w.view.viewport()
    rect = scene.overlay_rect(10)  # as large as fits: the labels fill the width or the height
    assert scale == pytest.approx(2.2) or rect.width() * scale > 0.85 * vp.width() or (
        rect.height() * scale > 0.6 * vp.height())
    assert mode.legend.width() <= vp.width() - 12  # the legend card is never cut off
    w.actions_["backward"].setChecked(False)
    assert scene.show_weight_labels and mode.overlay.scene() is None


def test_parallel_edge_labels_sit_at_different_fractions(window, qtbot):
    w = window
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    scene = w.view.canvas
    into: dict[str, list[float]] = {}
    for label in w.backward.overlay.texts:
        box, _lines, _, on_edge = label
        if not on_edge:
            continue
        # where the label is attached: its centre on the edge, or its leader's dot
        at = label.leader.p1() if label.leader is not None else box.center()
        edge = min(scene.edges.values(), key=lambda e: e.distance(at))
        assert edge.distance(at) < 1 or label.leader is None
        line = edge.line
        t = ((at - line.p1()).x() * line.dx()
             + (at - line.p1()).y() * line.dy()) / (line.length() ** 2)
        into.setdefault(edge.key[1], []).append(round(t, 2))
    assert all(len(set(ts)) == len(ts) for ts in into.values()), into


def test_labels_of_crossing_edges_keep_off_the_crossing(window, qtbot):
    """Where x1→a2 crosses x2→a1 a label would belong to either edge."""
    w = window
    w.actions_["backward"].setChecked(True)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    edges = list(w.view.canvas.edges.values())
    crossings = []
    for i, a in enumerate(edges):
        for b in edges[i + 1:]:
            kind, p = a.line.intersects(b.line)
            if not set(a.key) & set(b.key) and kind == QLineF.IntersectionType.BoundedIntersection:
                crossings.append(p)
    assert crossings  # the XNOR network's two diagonals
    for label in w.backward.overlay.texts:
        box, lines, _, on_edge = label
        if not on_edge:
            continue
        for p in crossings:
            assert not box.contains(p), (lines[0][0], box, p)
            if label.leader is not None:
                assert QLineF(label.leader.p1(), p).length() > box.height() / 2


def test_step_reuses_the_placement(window, qtbot):
    w = window
    QTest.keyClick(w.view, Qt.Key.Key_F6)
    mode = w.backward
    qtbot.waitUntil(lambda: mode.index == 0)
    layout = mode.overlay._layout
    for _ in range(4):
        QTest.keyClick(w.view, Qt.Key.Key_Right)
    assert mode.overlay._layout is layout  # placed once per trace, not once per step
    QTest.keyClick(w.view, Qt.Key.Key_Escape)


def test_a_step_repaints_its_new_labels_and_dims_the_unknown_edges(window, qtbot):
    w = window
    view, mode = w.view, w.backward
    QTest.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: mode.index == 0)
    vp = view.viewport()

    def image():
        return vp.grab().toImage()

    def inked(img, box) -> bool:  # some text pixels inside a label box
        r = view.mapFromScene(box).boundingRect()
        return any(img.pixelColor(x, y).lightness() < 140
                   for x in range(r.left() + 2, r.right() - 1) for y in range(r.top() + 2,
                                                                             r.bottom() - 1))
    image()  # the overlay's pixmap cache is filled for this step
    before = {id(label) for label in mode.overlay.texts}
    QTest.keyClick(view, Qt.Key.Key_Right)
    new = [label for label in mode.overlay.texts if id(label) not in before]
    assert new
    qtbot.waitUntil(lambda: all(inked(image(), label[0]) for label in new))
    # An edge whose weight is not revealed yet is faint in the picture, and strong after.
    scene = view.canvas
    dim = next(e for e in scene.edges.values() if e.opacity() < 1)
    # clear of every label: the overlay's now, the canvas's weight labels after leaving
    boxes = [label[0] for label in mode.overlay.texts] + [scene.label_box(k) for k in scene.edges]
    spot = next(p for p in (dim.line.pointAt(t / 20) for t in range(4, 17))
                if not any(b.adjusted(-6, -6, 6, 6).contains(p) for b in boxes)
                and all(n.distance(p) > 4 for n in scene.edges.values() if n is not dim)
                and all((n.pos() - p).manhattanLength() > 40 for n in scene.neurons.values()))
    canvas = QColor(CANVAS)

    def contrast() -> int:
        c = image().pixelColor(view.mapFromScene(spot))
        return sum(abs(a - b) for a, b in zip(c.getRgb()[:3], canvas.getRgb()[:3]))
    faint = contrast()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: contrast() > 2 * faint + 20)
