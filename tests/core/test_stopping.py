"""Stopping rules and the best epoch, in the engine's session as the window uses it."""

from __future__ import annotations

import math

from nnviz.core.document import new_document
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings
from nnviz.core.stopping import best_row, stop_reason
from nnviz.core.training import History


def history(test_losses, train_acc=0.5):
    h = History()
    for i, v in enumerate(test_losses):
        h.append(epoch=i + 1, train_loss=v + 0.1, test_loss=v, train_accuracy=train_acc,
                 test_accuracy=train_acc)
    return h


def test_each_rule_says_why_it_stops():
    h = history([0.5, 0.4, 0.3, 0.35, 0.36, 0.37], train_acc=0.9)
    assert stop_reason(TrainingSettings(), h) is None
    assert stop_reason(TrainingSettings(stop_epochs=6), h) == \
        "stopped after 6 epochs (the limit is 6)"
    assert stop_reason(TrainingSettings(stop_epochs=7), h) is None
    assert "training loss 0.47 reached the target 0.5" in stop_reason(
        TrainingSettings(stop_loss=0.5), h)
    assert "training accuracy 90.0% reached the target 90%" in stop_reason(
        TrainingSettings(stop_accuracy=0.9), h)
    assert stop_reason(TrainingSettings(patience=3), h) == (
        "stopped early at epoch 6: no better test loss for 3 epochs (best 0.3 at epoch 3)")
    assert stop_reason(TrainingSettings(patience=4), h) is None


def test_the_best_epoch_ignores_nan_and_falls_back_to_the_training_loss():
    assert best_row(history([0.5, float("nan"), 0.2, 0.2])) == 2
    h = history([math.nan] * 3)
    h.rows["train_loss"] = [0.3, 0.1, 0.2]
    assert best_row(h) == 1


def test_the_best_epoch_is_found_as_rows_come_in_and_after_a_new_history():
    """Asked after every epoch, as the engine does; each answer as if searched afresh."""
    import random

    rng = random.Random(3)
    h = History()
    for i in range(300):
        v = rng.choice([rng.random(), math.nan, 0.25])
        h.append(epoch=i + 1, train_loss=1.0, test_loss=v, train_accuracy=0.5,
                 test_accuracy=0.5)
        assert best_row(h) == best_row(History.from_dict(h.to_dict()))
    h.rows["test_loss"] = [0.9, 0.1, 0.5]  # a new column, as a rewind or a loaded file has
    assert best_row(h) == 1


def test_the_session_stops_early_and_keeps_the_best_weights():
    doc = new_document()
    s = TrainingSettings(optimizer="adam", learning_rate=0.3, patience=3, seed=2)
    session = TrainingSession(doc.network, doc.build_dataset(), s)
    for _ in range(400):
        session.step("epoch")
        if session.stopped:
            break
    assert session.stopped and session.stopped.startswith("stopped early at epoch")
    h = session.trainer.history
    best = int(h.rows["epoch"][best_row(h)])
    assert session.best[0] == best and session.trainer.epoch == best + 3
    snap = session.snapshot()
    assert snap.stopped == session.stopped and snap.new_best[0] == best
    assert session.snapshot().new_best is None  # sent once
