"""The optimiser, schedule and stopping rows of the training panel, through the window:
each change one undo step, hyper-parameters shown only where they apply, the rate now
shown, training stopping early, and Restore Best Weights undoable."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from nnviz.core.stopping import best_row


def choose(combo, key) -> None:
    combo.setCurrentIndex(combo.findData(key))
    combo.activated.emit(combo.currentIndex())  # as a choice in the menu does


def test_choosing_adam_shows_its_rows_and_is_one_undo_step(qtbot, main_window):
    w = main_window
    w.files.open_example("spiral", ask=False)
    box = w.training_panel.settings.optimizer_box
    visible = lambda name: box.layout_.isRowVisible(box.rows[name])  # noqa: E731
    assert visible("momentum") and not visible("beta1") and not visible("decay_rate")
    choose(box.optimizer, "adam")
    assert w.model.document.settings.optimizer == "adam"
    assert visible("beta1") and visible("beta2") and visible("eps") and not visible("momentum")
    assert not visible("weight_decay") and not visible("rho")
    assert w.model.undo_stack.undoText().endswith("Adam")
    box.beta1.setValue(0.8)
    assert w.model.document.settings.beta1 == 0.8
    choose(box.schedule, "cosine")
    assert visible("decay_epochs") and not visible("decay_rate")
    for _ in range(3):
        w.model.undo_stack.undo()
    assert w.model.document.settings.optimizer == "sgd" and visible("momentum")
    assert w.model.document.settings.beta1 == 0.9


def test_the_wheel_over_an_unfocused_hyper_parameter_changes_nothing(qtbot, main_window):
    w = main_window
    w.files.open_example("spiral", ask=False)
    box = w.training_panel.settings.optimizer_box
    choose(box.optimizer, "adam")
    spin = box.beta1
    spin.clearFocus()
    centre = QPointF(spin.rect().center())
    event = QWheelEvent(centre, QPointF(spin.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(spin, event)
    assert w.model.document.settings.beta1 == 0.9


def test_the_rate_now_follows_the_schedule(qtbot, main_window):
    w = main_window
    w.files.open_example("spiral", ask=False)
    form, panel = w.training_panel.settings, w.training_panel
    choose(form.optimizer_box.schedule, "step")
    form.optimizer_box.decay_epochs.setValue(2)
    start = w.model.document.settings.learning_rate
    for _ in range(2):
        w.controller.step("epoch")
    qtbot.waitUntil(lambda: w.model.document.epoch == 2, timeout=20_000)
    qtbot.waitUntil(lambda: panel.rate_now.text() == f"{start * 0.5:.4g}", timeout=20_000)


def test_early_stopping_pauses_and_restore_best_weights_is_undoable(qtbot, main_window):
    w = main_window
    w.files.open_example("spiral", ask=False)
    box = w.training_panel.settings.optimizer_box
    choose(box.optimizer, "adam")
    w.training_panel.settings.stopping_box.patience.setValue(5)
    w.controller.set_speed(None)
    messages = []
    w.controller.status.connect(messages.append)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: not w.controller.playing, timeout=120_000)
    assert any(m.startswith("Stopped early at epoch") for m in messages), messages
    doc = w.model.document
    best = int(doc.history.rows["epoch"][best_row(doc.history)])
    assert doc.epoch == best + 5 and w.controller.best[0] == best
    qtbot.waitUntil(lambda: w.loss_plot.best_epoch == best)  # the plot marks it
    assert w.loss_plot.best_line.isVisible() and w.loss_plot.best_line.value() == best
    before = {k: e.weight for k, e in doc.network.edges.items()}
    w.actions_["restore_best"].trigger()
    after = {k: e.weight for k, e in doc.network.edges.items()}
    assert after != before and after == w.controller.best[1]
    assert f"epoch {best}" in w.model.undo_stack.undoText()
    w.model.undo_stack.undo()
    assert {k: e.weight for k, e in doc.network.edges.items()} == before


def test_saving_while_adam_trains_writes_the_state_of_the_saved_weights(
        qtbot, main_window, monkeypatch, tmp_path):
    """Save during Play: the file's Adam moments and step are those of its weights, so the
    reopened run goes on from where those weights were."""
    import numpy as np
    from PySide6.QtWidgets import QFileDialog

    from nnviz.core.document import load

    w = main_window
    w.files.open_example("spiral", ask=False)
    choose(w.training_panel.settings.optimizer_box.optimizer, "adam")
    seen = []
    w.controller.snapshot.connect(seen.append)
    w.controller.set_speed(None)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.epoch >= 3, timeout=60_000)
    assert w.controller.playing
    path = tmp_path / "playing.nnviz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    w.actions_["save_as"].trigger()
    w.actions_["play"].trigger()  # pause
    saved = load(path)
    weights = {k: e.weight for k, e in saved.network.edges.items()}
    snap = next(s for s in seen if s.weights == weights)  # the snapshot the file holds
    state = saved.optimizer_state
    assert state is not None and state["step"] == snap.updates > 0
    for slot, parts in snap.optimizer_state["slots"].items():
        for part, values in parts.items():
            np.testing.assert_array_equal(state["slots"][slot][part], values)
