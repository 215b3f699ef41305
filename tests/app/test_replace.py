"""Replacing the document (New, Open, Open Example) starts every view from a clean state.

Trained in front of a class, then File → New: nothing of the old run may survive — no
epoch, no loss curve, no decision map, no formula, no status message, and the engine
trains the new network from epoch 0.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from nnviz.core import numfmt
from nnviz.core.builders import build_shape
from nnviz.core.document import load, save
from nnviz.core.training import Trainer
from tests.app.conftest import engine_idle


def train_playground(qtbot, window, epochs: int = 30) -> None:
    window.start(None)  # the playground example
    qtbot.waitUntil(lambda: window.controller.trainable)
    window.controller.set_speed(None)
    window.actions_["play"].trigger()
    qtbot.waitUntil(lambda: window.model.document.epoch >= epochs, timeout=20_000)


def shows_nothing_of_the_old_run(qtbot, window, old_epoch: int) -> None:
    engine_idle(qtbot, window)  # every snapshot the engine made before New has arrived
    assert window.model.document.epoch == 0
    assert len(window.model.document.history) == 0
    assert window.run_bar.counter.text() == "Epoch 000,000"
    # No loss of the old run: none at all, or the new network's own, measured untrained.
    doc = window.model.document
    expected = "—"
    if window.controller.trainable:
        fresh = Trainer(doc.network, doc.build_dataset(), doc.settings).evaluate()
        expected = numfmt.loss(fresh["train_loss"])
    qtbot.waitUntil(lambda: window.training_panel.train_loss.text() == expected)
    assert re.match(r"Epoch 0\b", window.epoch_label.text())  # not the old run's epoch
    assert window.loss_plot.history.n == 0
    xs, _ = window.loss_plot.curves[0].getData()
    assert xs is None or len(xs) == 0
    grid = window.decision_plot.grid  # none yet, or the new network's own untrained map
    assert grid is None or set(grid.neuron_ids) == set(window.model.network.neurons)
    assert window.decision_plot.image.image is None or grid is not None
    assert window.decision_plot.highlighted is None
    panel = window.backward.panel
    assert panel.formula.text() == ""  # no numbers: at most how to get some
    assert "Highlighted" not in window.statusBar().currentMessage()
    assert window.controller.latest is None or window.controller.latest.epoch == 0


def test_new_after_training_starts_from_a_clean_state(qtbot, main_window, tmp_path,
                                                     monkeypatch):
    w = main_window
    train_playground(qtbot, w)
    w.actions_["graph"].setChecked(True)  # the formula dock writes path sums
    w.view.canvas.hover("n1")  # the pointer rests on input x1 (New keeps an x1, as n1)
    qtbot.waitUntil(lambda: w.backward.panel.formula.text() != "")
    w._select_sample(3)
    assert "Highlighted" in w.statusBar().currentMessage()
    old = w.model.document.epoch

    w.actions_["new"].trigger()  # while training
    shows_nothing_of_the_old_run(qtbot, w, old)
    # The backward view's card: no loss and no example of the old network.
    # New's XOR net can train at once, so its card may describe that network: XOR's
    # first row, never the old run's highlighted example 3.
    legend = w.backward.legend.text()
    assert "row 3" not in legend
    assert "cannot run" in legend or "row 0 (none highlighted" in legend and \
        "x = (0.000, 0.000)" in legend

    w.model.push(build_shape("2-2-1", "tanh"))
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.epoch >= 3, timeout=20_000)
    w.actions_["play"].trigger()
    engine_idle(qtbot, w)
    epoch = w.model.document.epoch
    history = w.model.document.history
    assert history.rows["epoch"][0] == 1  # trained from 0, not on from the old run's epoch
    assert len(history) == epoch
    assert w.run_bar.counter.epoch == epoch

    path = tmp_path / "new.nnviz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    w.actions_["save"].trigger()
    saved = load(str(path))
    assert saved.epoch == epoch and len(saved.history) == epoch


def test_open_and_open_example_start_from_a_clean_state(qtbot, main_window, tmp_path):
    w = main_window
    train_playground(qtbot, w)
    w.actions_["play"].trigger()
    engine_idle(qtbot, w)
    # A file saved untrained: opening it must not show the run on screen now.
    blank = w.model.document.copy()
    blank.epoch = 0
    blank.history = type(blank.history)()
    blank.network.edges.clear()  # not trainable: the engine keeps its old session
    path = tmp_path / "untrained.nnviz"
    save(blank, str(path))
    old = w.model.document.epoch
    w.actions_["play"].trigger()
    assert w.files.open_path(str(path), ask=False)
    shows_nothing_of_the_old_run(qtbot, w, old)
    assert "Opened untrained.nnviz" in w.statusBar().currentMessage()

    assert w.files.open_example("xnor", ask=False)
    engine_idle(qtbot, w)
    assert w.model.path is None  # an untitled copy: Save asks where
    assert w.loss_plot.history.n == len(w.model.document.history)


def test_the_loss_plot_axes_follow_the_new_document(qtbot, main_window):
    w = main_window
    train_playground(qtbot, w, epochs=200)
    w.actions_["play"].trigger()
    engine_idle(qtbot, w)
    qtbot.waitUntil(lambda: w.loss_plot.plot_item.getViewBox().viewRange()[0][1] > 150)
    w.actions_["new"].trigger()
    engine_idle(qtbot, w)
    (x0, x1), _ = w.loss_plot.plot_item.getViewBox().viewRange()
    assert x1 < 150, (x0, x1)
    # Not an empty axis: the plot says the new network is not trained yet, and only that.
    plot = w.loss_plot
    assert plot.untrained.isVisible() and plot.untrained.toPlainText() == "Not trained yet"
    assert not plot.legend.isVisible()
    assert not plot.plot_item.getAxis("bottom").style["showValues"]
    # No axis titles either: XOR's accuracy brought the "loss" title back once.
    assert not plot.plot_item.getAxis("left").label.isVisible()
    assert not plot.plot_item.getAxis("bottom").label.isVisible()



def test_a_hand_edited_weight_is_measured_at_once_without_training(qtbot, main_window):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.controller.set_speed(None)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.history.last().get("train_accuracy", 0) > 0.9,
                    timeout=30_000)
    w.actions_["play"].trigger()
    engine_idle(qtbot, w)
    epoch, rows = w.model.document.epoch, len(w.model.document.history)
    panel, summary = w.training_panel, w.loss_plot.summary
    before = panel.train_loss.text(), summary.text(), w.epoch_label.text()

    net = w.model.network
    output = net.outputs[0].id
    key = max((k for k in net.edges if k[1] == output), key=lambda k: abs(net.edges[k].weight))
    w.view.edit_weight(key)  # as a double click on the weight does
    editor = w.view._editor
    editor.selectAll()
    qtbot.keyClicks(editor, f"{-3 * net.edges[key].weight:.3f}")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.train_loss.text() != before[0], timeout=10_000)
    engine_idle(qtbot, w)
    assert w.model.document.epoch == epoch and len(w.model.document.history) == rows
    accuracy = re.compile(r"test accuracy ([0-9.]+)\s%")
    assert float(accuracy.search(summary.text())[1]) < float(accuracy.search(before[1])[1])
    assert w.epoch_label.text() != before[2]
    # One formatter: the training panel, the status bar and the plot write the same loss.
    loss = panel.train_loss.text()
    assert f"train loss {loss}" in w.epoch_label.text() and f"train loss {loss}" in \
        summary.text().replace("</span>", "")


FULL = re.compile(r"accuracy 100\s%")


def test_data_the_network_cannot_read_leaves_no_loss_of_the_old_data_on_screen(
        qtbot, main_window):
    """XNOR's one-output net, then Blobs (three classes): no snapshot can come, so the
    readouts that held XNOR's loss and 100 % accuracy say nothing rather than that."""
    w = main_window
    w.files.open_example("xnor", ask=False)  # its hand-set weights: 100 % at epoch 0
    panel, summary = w.training_panel, w.loss_plot.summary
    qtbot.waitUntil(lambda: bool(FULL.search(summary.text())) and panel.train_loss.text() != "—")
    blobs = next(b for b in w.dataset_panel.buttons.buttons()
                 if b.objectName() == "dataset_blobs")
    qtbot.mouseClick(blobs, Qt.MouseButton.LeftButton)
    assert not w.controller.trainable
    assert (panel.train_loss.text(), panel.test_loss.text()) == ("—", "—")
    assert w.epoch_label.text() == "Epoch 0"
    assert "loss" not in summary.text() and not FULL.search(summary.text())
    w.model.undo_stack.undo()  # back to XNOR's points: measured again
    qtbot.waitUntil(lambda: bool(FULL.search(summary.text())) and panel.train_loss.text() != "—")
    assert "train loss" in w.epoch_label.text()
