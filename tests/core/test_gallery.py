"""The gallery's order and labels, and the snapshots that carry its outputs."""

from __future__ import annotations

import numpy as np

from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.examples import load_example
from nnviz.core.gallery import rank
from nnviz.core.session import TrainingSession, maps_apply


def three_classes() -> Dataset:
    x = np.arange(18.0).reshape(6, 3)
    labels = [0, 1, 2, 0, 1, 2]
    return Dataset(x, np.eye(3)[labels], "multiclass", ["a", "b", "c"], ["0", "1", "2"],
                   [0], [1, 2, 3, 4, 5], class_names=["0", "1", "2"])


def test_mistakes_first_surest_first_then_the_right_ones_least_sure_first():
    ds = three_classes()
    out = np.zeros((6, 3))
    out[1] = [0.1, 0.8, 0.1]  # right, sure
    out[2] = [0.9, 0.05, 0.05]  # wrong (true 2), sure
    out[3] = [0.4, 0.35, 0.25]  # right, unsure
    out[4] = [0.5, 0.2, 0.3]  # wrong (true 1), unsure
    out[5] = [0.2, 0.2, 0.6]  # right
    r = rank(ds, out)
    assert r.rows.tolist() == [2, 4, 3, 5, 1]
    assert r.wrong.tolist() == [True, True, False, False, False] and r.mistakes == 2
    assert r.predicted.tolist() == [0, 0, 0, 2, 1] and r.true.tolist() == [2, 1, 0, 2, 1]


def test_chosen_rows_come_first_even_from_the_training_split():
    ds = three_classes()
    out = np.tile([0.8, 0.1, 0.1], (6, 1))
    r = rank(ds, out, first=np.array([0, 3]))
    assert r.rows[:2].tolist() == [0, 3] and r.chosen.tolist() == [True, True] + [False] * 4


def test_before_any_output_the_rows_keep_their_order_and_nothing_is_wrong():
    ds = three_classes()
    r = rank(ds, None)
    assert r.rows.tolist() == [1, 2, 3, 4, 5] and not r.wrong.any()
    assert np.isnan(r.predicted).all()


def test_small_changes_of_confidence_do_not_reorder_the_tiles():
    ds = three_classes()
    out = np.tile([0.1, 0.1, 0.8], (6, 1))
    a = rank(ds, out)
    out[[3, 4], 2] += [0.01, -0.01]
    assert rank(ds, out).rows.tolist() == a.rows.tolist()


def test_regression_puts_the_largest_errors_first():
    x = np.zeros((4, 3))
    ds = Dataset(x, [[0.0], [1.0], [2.0], [3.0]], "regression", ["a", "b", "c"], ["y"],
                 [], [0, 1, 2, 3])
    r = rank(ds, np.array([[0.5], [1.0], [0.0], [3.1]]))
    assert r.rows.tolist() == [2, 0, 3, 1] and not r.wrong.any()


def test_binary_labels_follow_the_threshold():
    x = np.zeros((3, 3))
    ds = Dataset(x, [[-1.0], [1.0], [1.0]], "binary", ["a", "b", "c"], ["y"], [], [0, 1, 2],
                 label_values=(-1.0, 1.0))
    r = rank(ds, np.array([[0.9], [0.2], [-0.5]]))
    assert r.rows.tolist() == [0, 2, 1] and r.wrong.tolist() == [True, True, False]


def test_digit_snapshots_carry_outputs_of_every_row_instead_of_maps():
    doc = load_example("digits")
    data = doc.build_dataset()
    assert not maps_apply(data) and maps_apply(make_dataset(DatasetSpec("circle")))
    session = TrainingSession(doc.network, data, doc.settings)
    session.step("epoch")
    snap = session.snapshot()
    assert snap.grid.neuron_ids == () and snap.grid.values.shape == (0, 0, 0)
    assert snap.outputs.shape == (1797, 10) and snap.outputs.dtype == np.float32
    expected = session.trainer.plan.predict(session.trainer.params,
                                            data.inputs(session.trainer.plan.features))
    np.testing.assert_allclose(snap.outputs, expected, rtol=1e-5, atol=1e-6)
    assert session.snapshot(with_grid=False).outputs is None


def test_two_input_snapshots_carry_maps_and_no_outputs():
    doc = load_example("softmax3")
    session = TrainingSession(doc.network, doc.build_dataset(), doc.settings)
    snap = session.snapshot()
    assert snap.outputs is None and len(snap.grid.neuron_ids) == len(doc.network.neurons)
