"""Parameter checkpoints: bounded, evenly thinned, and rewinding replays the run."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.checkpoints import Checkpoints
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.optimizers import OptimizerState
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings


def test_checkpoints_stay_bounded_and_span_the_whole_run():
    cps = Checkpoints(limit=20)
    theta = np.zeros(3)
    for epoch in range(0, 1001):
        cps.record(epoch, theta + epoch, OptimizerState("sgd"))
        assert len(cps) <= 20
    epochs = cps.epochs()
    assert epochs[0] == 0 and epochs[-1] >= 1000 - cps.stride
    steps = set(np.diff(epochs))
    assert steps == {cps.stride}  # evenly spaced at the current stride
    assert cps.at(epochs[3] + 1).epoch == epochs[3]
    assert cps.at(epochs[3]).theta[0] == epochs[3]


def test_since_returns_only_new_checkpoints():
    cps = Checkpoints(limit=4)
    for epoch in range(3):
        cps.record(epoch, np.zeros(1), OptimizerState("sgd"))
    last = cps.items[-1].serial
    cps.record(3, np.zeros(1), OptimizerState("sgd"))
    assert [c.epoch for c in cps.since(last)] == [3]
    cps.record(4, np.zeros(1), OptimizerState("sgd"))  # thinning: 0, 2, 4
    assert cps.epochs() == (0, 2, 4) and cps.stride == 2


@pytest.fixture
def session() -> TrainingSession:
    net = initialized(layered([2, 4, 2, 1], "tanh"), "uniform", 3)
    data = make_dataset(DatasetSpec("circle", seed=2))
    return TrainingSession(net, data, TrainingSettings(momentum=0.9))


def test_session_records_checkpoints_and_sends_new_ones(session):
    first = session.snapshot()
    assert first.checkpoint_epochs == (0,) and [c.epoch for c in first.new_checkpoints] == [0]
    for _ in range(3):
        session.step("epoch")
    snap = session.snapshot()
    assert snap.checkpoint_epochs == (0, 1, 2, 3)
    assert [c.epoch for c in snap.new_checkpoints] == [1, 2, 3]
    assert session.snapshot().new_checkpoints == ()


def test_rewind_restores_parameters_history_and_replays_exactly(session):
    for _ in range(6):
        session.step("epoch")
    theta6 = session.trainer.theta.copy()
    rows6 = session.trainer.history.to_dict()
    theta3 = session.checkpoints.at(3).theta.copy()
    session.snapshot()
    assert session.rewind(3) == 3
    t = session.trainer
    assert t.epoch == 3 and np.array_equal(t.theta, theta3)
    assert t.history.to_dict()["epoch"] == [1.0, 2.0, 3.0]
    snap = session.snapshot()
    assert snap.history_from == 0 and snap.epoch == 3
    assert snap.weights == t.plan.weight_of(theta3)
    # Forward again while paused: the cut-off future is still there.
    session.rewind(5)
    assert session.trainer.epoch == 5 and len(session.trainer.history) == 5
    session.rewind(3)
    # Resuming replays: three more epochs give exactly the weights of epoch 6.
    for _ in range(3):
        session.step("epoch")
    assert np.allclose(session.trainer.theta, theta6, rtol=0, atol=1e-12)
    assert session.trainer.history.to_dict()["train_loss"] == pytest.approx(rows6["train_loss"])
    assert session.checkpoints.epochs() == (0, 1, 2, 3, 4, 5, 6)


def test_training_after_a_rewind_forgets_the_old_future(session):
    for _ in range(5):
        session.step("epoch")
    session.rewind(2)
    session.step("batch")
    assert session.checkpoints.epochs() == (0, 1, 2)
    session.rewind(4)  # no longer recorded: the latest at or before is epoch 2
    assert session.trainer.epoch == 2


def test_a_view_keeps_exactly_the_checkpoints_the_session_still_has():
    import numpy as np

    from nnviz.core.checkpoints import Checkpoint, merge_checkpoints

    def cp(epoch):
        return Checkpoint(epoch, epoch, np.zeros(2), np.zeros(2))

    known = {0: cp(0), 1: cp(1), 2: cp(2)}
    merged = merge_checkpoints(known, (cp(4),), (0, 2, 4))
    assert sorted(merged) == [0, 2, 4]
    assert merge_checkpoints(merged, (), ()) == merged  # nothing new, nothing thinned
