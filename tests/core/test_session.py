"""The training session and the snapshots the GUI draws from."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.optimstate import from_portable
from nnviz.core.session import GRID_SIZE, TrainingSession, grid_points
from nnviz.core.settings import TrainingSettings


@pytest.fixture
def session() -> TrainingSession:
    net = initialized(layered([2, 4, 2, 1], "tanh"), "uniform", 3)
    data = make_dataset(DatasetSpec("circle", seed=2))
    return TrainingSession(net, data, TrainingSettings())


def test_snapshot_sends_each_history_row_once(session):
    session.step("epoch")
    session.step("epoch")
    first = session.snapshot()
    assert first.history_from == 0
    assert list(first.history_rows["epoch"]) == [1.0, 2.0]
    session.step("epoch")
    second = session.snapshot()
    assert second.history_from == 2
    assert list(second.history_rows["epoch"]) == [3.0]
    assert second.last["epoch"] == 3.0


def test_snapshot_is_a_copy_the_session_never_touches_again(session):
    snap = session.snapshot()
    grid_before = snap.grid.values.copy()
    weights_before = dict(snap.weights)
    session.step("epoch")
    assert snap.weights == weights_before
    np.testing.assert_array_equal(snap.grid.values, grid_before)


def test_a_snapshot_while_playing_carries_the_optimiser_state_of_its_weights():
    """What the window saves with those weights; a copy, the training never touches."""
    net = initialized(layered([2, 4, 2, 1], "tanh"), "uniform", 3)
    data = make_dataset(DatasetSpec("circle", seed=2))
    session = TrainingSession(net, data, TrainingSettings(optimizer="adam"))
    session.advance(7)
    snap = session.snapshot(playing=True)
    session.advance(5)
    state = from_portable(snap.optimizer_state, session.trainer.plan, net)
    assert state.step == snap.updates == 7
    again = TrainingSession(net, data, TrainingSettings(optimizer="adam"))
    again.advance(7)
    for name, slot in again.trainer.optimizer.state.slots.items():
        np.testing.assert_array_equal(state.slots[name], slot)


def test_grid_holds_every_neuron_and_matches_a_forward_pass(session):
    snap = session.snapshot()
    grid = snap.grid
    assert grid.values.shape == (9, GRID_SIZE, GRID_SIZE)
    plan = session.trainer.plan
    points = grid_points(session.dataset)
    # Row r, column c of the map is the point at y index r, x index c.
    r, c = 17, 63
    x = session.dataset.inputs(plan.features, points[r * GRID_SIZE + c][None, :])
    expected = plan.predict(session.trainer.params, x)[0, 0]
    assert grid.outputs()[0, r, c] == pytest.approx(expected, rel=1e-6)
    x0, x1, y0, y1 = grid.extent
    assert x0 < session.dataset.x[:, 0].min() and x1 > session.dataset.x[:, 0].max()


def test_trace_of_the_selected_sample_uses_current_weights(session):
    assert session.snapshot().trace is None
    session.sample = 5
    session.step("epoch")
    snap = session.snapshot()
    assert snap.sample == 5
    out_id = session.trainer.plan.output_ids[0]
    expected = session.trainer.plan.predict(
        session.trainer.params, session.trainer.dataset.inputs(["x1", "x2"])[5:6])[0, 0]
    assert snap.trace.neuron(out_id).a == pytest.approx(expected)


def test_structure_change_keeps_history_and_epoch(session):
    session.step("epoch")
    net = session.trainer.network()
    hidden = [n.id for n in net if n.role == "hidden"][0]
    net.remove_neuron(hidden)
    session.set_network(net)
    assert session.trainer.epoch == 1
    assert len(session.trainer.history) == 1
    assert all(hidden not in key for key in session.snapshot().weights)
