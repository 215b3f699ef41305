import numpy as np

from nnviz.core.metrics import (
    cell_rows,
    class_metrics,
    confusion_matrix,
    normalise_by_true,
    predicted_labels,
)


def direct_count(true, pred, k):
    m = np.zeros((k, k), dtype=int)
    for t, p in zip(true, pred, strict=True):
        m[t, p] += 1
    return m


def test_confusion_matches_a_direct_count():
    rng = np.random.default_rng(3)
    true = rng.integers(0, 4, 200)
    pred = rng.integers(0, 4, 200)
    np.testing.assert_array_equal(confusion_matrix(true, pred, 4), direct_count(true, pred, 4))
    assert confusion_matrix(true, pred, 4).sum() == 200


def test_normalised_rows_sum_to_one_and_empty_rows_are_nan():
    counts = np.array([[3, 1, 0], [0, 0, 0], [1, 1, 2]])
    norm = normalise_by_true(counts)
    np.testing.assert_allclose(norm[0], [0.75, 0.25, 0])
    assert np.isnan(norm[1]).all()
    np.testing.assert_allclose(norm[2].sum(), 1)


def test_precision_recall_f1_by_hand():
    counts = np.array([[8, 2], [4, 6]])  # class 0: tp 8, fn 2, fp 4
    m = class_metrics(counts)
    np.testing.assert_allclose(m.precision, [8 / 12, 6 / 8])
    np.testing.assert_allclose(m.recall, [0.8, 0.6])
    np.testing.assert_allclose(m.f1[0], 2 * (8 / 12) * 0.8 / (8 / 12 + 0.8))
    np.testing.assert_array_equal(m.support, [10, 10])


def test_labels_by_group_and_threshold_and_cells():
    out = np.array([[0.1, 0.9, 0.7, 0.3], [0.8, 0.2, 0.1, 0.9]])
    np.testing.assert_array_equal(predicted_labels(out, (0, 2)), [1, 0])
    np.testing.assert_array_equal(predicted_labels(out, (2, 4)), [0, 1])
    np.testing.assert_array_equal(predicted_labels(out, threshold=0.5), [0, 1])
    np.testing.assert_array_equal(cell_rows([0, 1, 1, 0], [1, 1, 0, 1], 0, 1), [0, 3])
