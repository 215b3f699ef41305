"""The whole window as a new user meets it: build XOR by clicking, train, save, reopen.

Gestures go through the real widgets (mouse events on the canvas, menu actions,
dialog answers patched in where a modal dialog would wait for a person).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnviz.app.mainwindow import MainWindow
from nnviz.core.commands import SetWeights
from nnviz.core.document import blank_document, load
from tests.app.gestures import CTRL, LEFT, NONE, RIGHT, at, drag, wheel
from tests.app.test_recovery import crash


@pytest.fixture
def window(main_window):
    main_window.start(None)
    return main_window


def build_xor_by_clicking(window) -> None:
    """New (XOR's inputs and output, wired directly), then two hidden neurons by clicks,
    the direct edges deleted and six edges drawn by drags."""
    window.actions_["new"].trigger()
    view = window.view
    view.resetTransform()  # one scene unit per pixel: clicks land where the test says
    view.centerOn(QPointF(160, 0))
    x1, x2, out = list(window.model.network.neurons)
    view.select([], [(x1, out), (x2, out)])
    window.actions_["delete"].trigger()
    for x, y in [(160, -40), (160, 40)]:
        window.actions_["tool_add"].trigger()  # one placement, then back to Select
        QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, x, y))
        assert view.tool == "select"
    for start, end in [((0, -40), (160, -40)), ((0, -40), (160, 40)), ((0, 40), (160, -40)),
                       ((0, 40), (160, 40)), ((160, -40), (320, 0)), ((160, 40), (320, 0))]:
        drag(view, start, end, RIGHT)


def test_new_user_builds_xor_trains_it_saves_and_reopens(qtbot, window, tmp_path, monkeypatch):
    build_xor_by_clicking(window)
    net = window.model.network
    assert [n.role for n in net] == ["input", "input", "output", "hidden", "hidden"]
    assert len(net.edges) == 6 and window.model.document.problems() == []
    window.actions_["reset"].trigger()  # uniform ±0.5 weights from the document's seed
    qtbot.waitUntil(lambda: window.controller.trainable)
    window.actions_["play"].trigger()
    qtbot.waitUntil(lambda: window.model.document.history.last().get("train_accuracy") == 1.0,
                    timeout=60_000)
    window.actions_["play"].trigger()  # pause
    qtbot.waitUntil(lambda: not window.controller.playing)
    assert "Pause" not in window.actions_["play"].text()
    assert window.isWindowModified()

    path = str(tmp_path / "xor.nnviz")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (path, ""))
    qtbot.waitUntil(lambda: window.controller.latest is not None
                    and not window.controller.latest.playing)
    window.actions_["save"].trigger()
    assert not window.isWindowModified()
    assert "xor.nnviz" in window.windowTitle()
    saved = window.model.document.copy()
    assert load(path) == saved

    window.actions_["new"].trigger()
    assert len(window.model.network.neurons) == 3  # XOR's two inputs and its output
    assert window.files.open_path(path)
    assert window.model.document == saved
    assert window.model.document.history.last()["train_accuracy"] == 1.0
    window.grab().save(str(tmp_path / "xor-window.png"))


def test_undo_all_returns_the_blank_document_and_redo_all_rebuilds(window):
    build_xor_by_clicking(window)
    built = [(k, n.role, n.label) for k, n in window.model.network.neurons.items()]
    edges = list(window.model.network.edges)
    stack = window.model.undo_stack
    while stack.canUndo():
        stack.undo()
    blank = blank_document().network
    assert list(window.model.network.neurons) == list(blank.neurons)
    assert list(window.model.network.edges) == list(blank.edges)
    while stack.canRedo():
        stack.redo()
    assert [(k, n.role, n.label) for k, n in window.model.network.neurons.items()] == built
    assert list(window.model.network.edges) == edges


def test_a_cycle_is_refused_in_the_status_bar(window):
    build_xor_by_clicking(window)
    before = set(window.model.network.edges)
    window.view.add_neuron_at(QPointF(480, 0))  # a hidden neuron after the output column
    drag(window.view, (160, -40), (480, 0), RIGHT)
    hidden = [n.id for n in window.model.network if n.x == 480][0]
    h1 = [n.id for n in window.model.network if (n.x, n.y) == (160, -40)][0]
    window.model.network.neuron(hidden)  # exists
    drag(window.view, (480, 0), (160, -40), RIGHT)  # back into h1: a cycle
    assert (hidden, h1) not in window.model.network.edges
    assert "cycle" in window.statusBar().currentMessage()
    assert before < set(window.model.network.edges)


def test_the_network_stays_in_sight_as_the_window_resizes_until_the_user_zooms(qtbot, window):
    view = window.view

    def shown():
        return view.mapToScene(view.viewport().rect()).boundingRect()

    window.resize(1000, 700)
    qtbot.waitUntil(lambda: view.viewport().width() < 500)
    small = view.transform().m11()
    assert shown().contains(view.network_rect())  # neurons, names, values
    window.resize(1600, 1000)  # a projector's screen, or presentation mode
    qtbot.waitUntil(lambda: view.transform().m11() > 1.2 * small)
    assert shown().contains(view.network_rect())  # neurons, names, values
    wheel(view, 0, 0, notches=2, modifiers=CTRL)  # the user zooms: the view is theirs now
    zoomed = view.transform().m11()
    assert zoomed != small
    width = view.viewport().width()
    window.resize(1100, 800)
    qtbot.waitUntil(lambda: view.viewport().width() < width)
    assert view.transform().m11() == zoomed
    window.actions_["fit"].trigger()  # fit (Ctrl+0) follows the window again
    fitted = view.transform().m11()
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: view.transform().m11() > fitted)


def test_a_reopened_window_keeps_the_plots_split_the_user_chose(qtbot, main_window):
    main_window.plots.setSizes([600, 200])
    chosen = main_window.plots.sizes()
    main_window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1400, 860)
    again.show()
    qtbot.waitExposed(again)
    try:
        qtbot.waitUntil(lambda: again.plots.sizes()[0] > 0)
        sizes = again.plots.sizes()
        assert abs(sizes[0] / sum(sizes) - chosen[0] / sum(chosen)) < 0.05
    finally:
        again.close()


def test_a_weight_edited_during_training_persists(qtbot, window):
    qtbot.waitUntil(lambda: window.controller.trainable)
    window.controller.set_speed(30.0)
    window.actions_["play"].trigger()
    qtbot.waitUntil(lambda: window.model.document.epoch >= 2, timeout=10_000)
    key = next(iter(window.model.network.edges))
    assert window.model.push(SetWeights({key: 5.0}))
    qtbot.waitUntil(lambda: window.model.document.epoch >= 6, timeout=10_000)
    window.actions_["play"].trigger()
    # Training moved on from the edit, never back to the weight before it.
    assert abs(window.model.network.edges[key].weight - 5.0) < 0.5
    window.model.undo_stack.undo()
    assert window.model.network.edges[key].weight != 5.0


def test_a_malformed_file_shows_the_loader_message_and_keeps_the_document(
        window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    before = window.model.document.copy()
    bad = tmp_path / "bad.nnviz"
    good = window.model.document
    from nnviz.core.document import to_json

    bad.write_text(to_json(good).replace('"activation": "tanh"', '"activation": "tanhh"', 1))
    assert not window.files.open_path(str(bad))
    assert "activation" in shown[0] and "tanhh" in shown[0]
    assert window.model.document == before
    assert "Could not open bad.nnviz" in window.statusBar().currentMessage()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, monkeypatch):
    window.actions_["new"].trigger()
    window.view.add_neuron_at(QPointF(160, 0))
    assert window.isWindowModified()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Cancel)
    window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)


CRASHING_SESSION = r"""
import sys, time
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from nnviz.app.mainwindow import MainWindow

app = QApplication(sys.argv[:1])
window = MainWindow()
window.start(None)
window.actions_["new"].trigger()
window.view.add_neuron_at(QPointF(160, 0))
assert window.recovery.write_now()
print("ready", flush=True)
time.sleep(600)
"""


def test_work_is_offered_back_after_a_crash(qtbot, tmp_path, monkeypatch):
    recovery = tmp_path / "recovery"
    crash(CRASHING_SESSION, recovery)
    monkeypatch.setenv("NNVIZ_RECOVERY_DIR", str(recovery))
    asked = []
    monkeypatch.setattr("nnviz.app.files.ask",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    window = MainWindow()
    qtbot.addWidget(window)
    window.start(None)
    assert "Restore" in asked[0]
    assert [n.role for n in window.model.network] == ["input", "input", "output", "hidden"]
    assert window.isWindowModified()
    assert not list(recovery.glob("session-*.nnviz"))  # offered once, then removed
    window.close()


def test_a_late_training_apply_never_overwrites_a_newer_snapshot(qtbot, window):
    """While playing, weights reach the document a moment after their snapshot (so no
    frame waits for the canvas); a pause's snapshot in that moment must win."""
    import dataclasses

    from nnviz.core.session import TrainingSession

    qtbot.waitUntil(lambda: window.controller.trainable)
    c, doc = window.controller, window.model.document
    session = TrainingSession(doc.network.copy(), doc.build_dataset(), doc.settings)
    session.step("epoch")
    c._generation += 1  # the window's own engine's snapshots are older now: dropped
    playing = dataclasses.replace(session.snapshot(playing=True), generation=c._generation)
    for _ in range(5):
        session.step("epoch")
    paused = dataclasses.replace(session.snapshot(playing=False), generation=c._generation)
    late = []
    apply_later = c._apply_later
    c._apply_later = lambda *args: (late.append(args), apply_later(*args))
    applied = []
    c.snapshotApplied.connect(applied.append)
    c._applied_at = 0.0  # the playing snapshot is due to be applied
    c._on_snapshot(playing)
    c._on_snapshot(paused)  # arrives before the deferred apply has run
    key = next(iter(paused.weights))
    assert doc.network.edges[key].weight == paused.weights[key]
    qtbot.waitUntil(lambda: bool(late))  # the deferred apply ran, and must have stood back
    assert doc.network.edges[key].weight == paused.weights[key]
    assert doc.epoch == paused.epoch and playing not in applied


@pytest.fixture
def no_snapshots(monkeypatch):
    """The engine's snapshots never reach the window (as before its first one arrives)."""
    monkeypatch.setattr(MainWindow, "_on_snapshot", lambda self, snap: None)


def test_the_status_bar_shows_the_epoch_before_the_first_snapshot(no_snapshots, main_window):
    assert main_window.epoch_label.text() == "Epoch 0"
