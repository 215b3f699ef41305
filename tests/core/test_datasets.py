"""Built-in datasets: exact truth tables, Playground-faithful generators, spec validation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.data import DataError
from nnviz.core.datasets import BUILTIN_DATASETS, DatasetSpec, make_dataset

PLAYGROUND_BINARY = ["circle", "quadrants", "gauss", "spiral"]
REGRESSION = ["plane", "multigauss"]
CORNERS = [[0, 0], [0, 1], [1, 0], [1, 1]]
GATES = ("and", "or", "not", "xor", "xnor")


@pytest.mark.parametrize(
    ("name", "targets"),
    [("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("xor", [0, 1, 1, 0]), ("xnor", [1, 0, 0, 1])],
)
def test_two_input_gates_are_exact_truth_tables(name: str, targets: list[int]) -> None:
    d = make_dataset(DatasetSpec(name, noise=30, train_ratio=0.25, n_points=100))
    assert d.x.tolist() == CORNERS
    assert d.y[:, 0].tolist() == targets
    assert (d.task, d.label_values, d.name) == ("binary", (0, 1), name)
    assert d.feature_names == ["x1", "x2"]
    assert sorted(d.train) == sorted(d.test) == [0, 1, 2, 3]


def test_not_gate_has_one_input() -> None:
    d = make_dataset(DatasetSpec("not"))
    assert d.x.tolist() == [[0], [1]] and d.y[:, 0].tolist() == [1, 0]
    assert d.feature_names == ["x1"] and d.train.tolist() == d.test.tolist() == [0, 1]


@pytest.mark.parametrize("name", PLAYGROUND_BINARY)
def test_playground_classification_shape_and_labels(name: str) -> None:
    d = make_dataset(DatasetSpec(name, noise=0))
    assert d.x.shape == (500, 2) and d.y.shape == (500, 1)
    assert (d.task, d.label_values, d.feature_names) == ("binary", (-1.0, 1.0), ["x1", "x2"])
    assert set(np.unique(d.y)) == {-1.0, 1.0}
    assert np.abs(d.x).max() <= 6.0
    assert len(d.train) == len(d.test) == 250
    assert sorted(np.concatenate([d.train, d.test])) == list(range(500))
    if name != "quadrants":  # circle, gauss and spiral draw exactly n/2 points per class
        assert (d.y == 1).sum() == 250


def test_quadrants_labels_follow_the_sign_of_the_product_and_are_balanced() -> None:
    d = make_dataset(DatasetSpec("quadrants", noise=0))
    prod = d.x[:, 0] * d.x[:, 1]
    assert np.array_equal(d.y[:, 0], np.where(prod >= 0, 1.0, -1.0))
    assert np.abs(d.x).min() >= 0.3  # Playground's padding keeps points off the axes
    assert 200 < (d.y == 1).sum() < 300


def test_noise_free_circle_is_separable_by_radius() -> None:
    d = make_dataset(DatasetSpec("circle", noise=0, seed=5))
    r = np.hypot(d.x[:, 0], d.x[:, 1])
    assert r[d.y[:, 0] == 1].max() < 2.5 <= 3.5 <= r[d.y[:, 0] == -1].min()
    assert r.max() <= 5.0


def test_noisy_circle_mislabels_some_points_like_playground() -> None:
    d = make_dataset(DatasetSpec("circle", noise=50))
    r = np.hypot(d.x[:, 0], d.x[:, 1])
    wrong = ((r < 2.5) & (d.y[:, 0] == -1)) | ((r > 2.5) & (d.y[:, 0] == 1))
    assert 0 < wrong.sum() < 250


def test_spiral_without_noise_lies_on_two_opposite_arms() -> None:
    d = make_dataset(DatasetSpec("spiral", noise=0))
    pos, neg = d.x[d.y[:, 0] == 1], d.x[d.y[:, 0] == -1]
    assert np.allclose(pos, -neg)  # the second arm is the first turned by pi
    assert np.allclose(pos[0], [0, 0]) and np.hypot(*pos[-1]) == pytest.approx(5 * 249 / 250)


def test_gauss_noise_widens_the_clouds_as_playground_maps_it() -> None:
    quiet = make_dataset(DatasetSpec("gauss", noise=0, n_points=4000))
    loud = make_dataset(DatasetSpec("gauss", noise=50, n_points=4000))
    pos = quiet.x[quiet.y[:, 0] == 1]
    assert pos.mean(axis=0) == pytest.approx([2, 2], abs=0.05)
    assert pos.var(axis=0) == pytest.approx([0.5, 0.5], rel=0.1)  # variance 0.5 at noise 0
    assert loud.x[loud.y[:, 0] == -1].var(axis=0) == pytest.approx([4, 4], rel=0.1)


def test_plane_target_is_the_scaled_sum() -> None:
    d = make_dataset(DatasetSpec("plane", noise=0))
    assert d.x.shape == (1200, 2) and d.task == "regression"
    assert np.allclose(d.y[:, 0], (d.x[:, 0] + d.x[:, 1]) / 10)
    assert np.abs(d.x).max() <= 6 and np.abs(d.y).max() <= 1.2  # Playground does not clamp


def test_multigauss_targets_peak_at_the_six_centres() -> None:
    d = make_dataset(DatasetSpec("multigauss", noise=0, n_points=3000))
    assert d.task == "regression" and np.abs(d.y).max() <= 1.0
    near = np.hypot(d.x[:, 0] - 4, d.x[:, 1] - 2.5) < 0.3
    assert near.any() and (d.y[near, 0] > 0.85).all()
    near = np.hypot(d.x[:, 0], d.x[:, 1] - 2.5) < 0.3
    assert near.any() and (d.y[near, 0] < -0.85).all()
    far = np.abs(d.x[:, 1]) < 0.4  # more than 2 from every centre
    assert (d.y[far, 0] == 0).all()


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_noise_changes_targets_not_positions(name: str) -> None:
    a = make_dataset(DatasetSpec(name, noise=0))
    b = make_dataset(DatasetSpec(name, noise=40))
    assert np.array_equal(a.x, b.x) and not np.allclose(a.y, b.y)


@pytest.mark.parametrize("name", list(BUILTIN_DATASETS))
def test_same_spec_same_data_and_seeds_differ(name: str) -> None:
    spec = DatasetSpec(name, noise=20, seed=7)
    a, b = make_dataset(spec), make_dataset(DatasetSpec.from_dict(spec.to_dict()))
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    assert np.array_equal(a.train, b.train) and a.name == name
    c = make_dataset(DatasetSpec(name, noise=20, seed=8))
    if name == "digits":  # real pictures: the seed only draws another split
        assert np.array_equal(a.x, c.x) and not np.array_equal(a.train, c.train)
    elif name not in GATES:
        assert not np.array_equal(a.x, c.x)
    assert BUILTIN_DATASETS[name][1] == a.task


@pytest.mark.parametrize("k", [3, 4, 5])
@pytest.mark.parametrize("name", ["blobs", "spiral_arms"])
def test_multiclass_sets_are_one_hot_and_balanced(name: str, k: int) -> None:
    d = make_dataset(DatasetSpec(name, classes=k, noise=10))
    assert d.x.shape == (300, 2) and d.y.shape == (300, k) and d.task == "multiclass"
    assert np.array_equal(d.y.sum(axis=1), np.ones(300))
    counts = d.y.sum(axis=0)
    assert counts.max() - counts.min() <= 1
    assert d.class_names == [f"class {i + 1}" for i in range(k)]


def test_blob_centres_lie_on_a_circle() -> None:
    d = make_dataset(DatasetSpec("blobs", classes=4, n_points=4000))
    centres = np.array([d.x[d.classes == c].mean(axis=0) for c in range(4)])
    assert np.hypot(*centres.T) == pytest.approx([3.5] * 4, abs=0.1)


@pytest.mark.parametrize(("n", "ratio", "train"), [(500, 0.5, 250), (301, 0.7, 211), (10, 0.01, 1)])
def test_split_sizes(n: int, ratio: float, train: int) -> None:
    d = make_dataset(DatasetSpec("spiral", n_points=n, train_ratio=ratio))
    assert len(d.train) == train and len(d.test) == n - train
    assert not set(d.train) & set(d.test)


def test_alias_and_default_sizes() -> None:
    assert DatasetSpec("xor_playground").name == "quadrants"
    assert DatasetSpec.from_dict({"name": "xor_playground"}).name == "quadrants"
    assert make_dataset(DatasetSpec("plane", n_points=None)).n == 1200
    assert make_dataset(DatasetSpec("gauss", n_points=101)).n == 101


def test_titles_name_every_set() -> None:
    titles = {name: title for name, (title, _) in BUILTIN_DATASETS.items()}
    assert titles["quadrants"] == "XOR (quadrants)" and titles["gauss"] == "Two Gaussians"
    assert titles["and"] == "AND" and titles["multigauss"] == "Regression: Gaussians"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("noise", "abc", "dataset.noise: must be a number between 0 and 50, got 'abc'"),
        ("noise", 51, "dataset.noise"),
        ("noise", float("nan"), "dataset.noise"),
        ("n_points", 3, "dataset.n_points"),
        ("n_points", True, "dataset.n_points"),
        ("seed", -1, "dataset.seed"),
        ("seed", 1.5, "dataset.seed"),
        ("train_ratio", 1.0, "dataset.train_ratio"),
        ("classes", 6, "dataset.classes"),
        ("name", "moons", "dataset.name: must be one of circle"),
        ("name", ["circle"], "dataset.name"),
        ("colour", "red", "dataset.colour: unknown field"),
    ],
)
def test_from_dict_names_the_bad_field(field: str, value: object, reason: str) -> None:
    with pytest.raises(DataError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        DatasetSpec.from_dict({"name": "circle", field: value})


def test_from_dict_reports_every_problem_and_rejects_non_objects() -> None:
    with pytest.raises(DataError) as info:
        DatasetSpec.from_dict({"noise": -1, "seed": "x"})
    assert all(f"dataset.{f}" in str(info.value) for f in ("name", "noise", "seed"))
    with pytest.raises(DataError, match="dataset: must be an object"):
        DatasetSpec.from_dict(["circle"])


def test_edited_spec_is_checked_again_and_numpy_numbers_become_plain() -> None:
    spec = DatasetSpec("circle", n_points=np.int64(50), seed=np.int64(3))
    assert type(spec.to_dict()["n_points"]) is int and type(spec.to_dict()["seed"]) is int
    spec.noise = 80
    with pytest.raises(DataError, match="dataset.noise"):
        make_dataset(spec)


def test_round_trip_keeps_values_and_accepts_integral_floats() -> None:
    spec = DatasetSpec("blobs", n_points=200, noise=12.5, seed=3, train_ratio=0.6, classes=5)
    assert DatasetSpec.from_dict(spec.to_dict()) == spec
    assert DatasetSpec.from_dict({"name": "spiral", "n_points": 200.0}).n_points == 200


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(list(BUILTIN_DATASETS)),
    st.integers(4, 60),
    st.floats(0, 50),
    st.integers(0, 2**32),
    st.floats(0.05, 0.95),
    st.integers(3, 5),
)
def test_any_valid_spec_makes_a_consistent_dataset(name, n, noise, seed, ratio, k) -> None:
    d = make_dataset(DatasetSpec(name, n, noise, seed, ratio, k))
    assert np.isfinite(d.x).all() and np.isfinite(d.y).all()
    assert len(d.train) >= 1 and len(d.test) >= 1
    if name not in GATES:  # gates train and test on all rows; everything else splits them
        assert sorted(np.concatenate([d.train, d.test]).tolist()) == list(range(d.n))


def test_a_picture_shape_must_match_the_inputs_and_says_so():
    from nnviz.core.data import Dataset

    x = np.zeros((3, 64))
    y = np.zeros((3, 1))
    names = [f"p{i}" for i in range(64)]
    ok = Dataset(x, y, "binary", names, ["t"], [0, 1], [2], image_shape=(8, 8))
    assert ok.image_shape == (8, 8)
    with pytest.raises(DataError, match="8×7 picture has 56 pixels, but each row has 64"):
        Dataset(x, y, "binary", names, ["t"], [0, 1], [2], image_shape=(8, 7))


# The first line of UCI's optdigits.tes: a zero, as 64 pixel counts and then its class.
OPTDIGITS_FIRST = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8,
                   0, 0, 4, 12, 0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0,
                   0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0]


def test_digits_are_the_uci_test_set_scaled_to_one():
    d = make_dataset(DatasetSpec("digits"))
    assert (d.n, d.x.shape, d.y.shape, d.task) == (1797, (1797, 64), (1797, 10), "multiclass")
    assert d.x[0].tolist() == [v / 16 for v in OPTDIGITS_FIRST[:64]]
    assert d.classes[0] == OPTDIGITS_FIRST[64] == 0
    assert d.x.min() == 0.0 and d.x.max() == 1.0
    assert np.bincount(d.classes).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert d.class_names == d.target_names == [str(k) for k in range(10)]
    assert d.image_shape == (8, 8) and d.name == "digits"
    assert d.feature_names[:2] == ["px 0,0", "px 0,1"] and d.feature_names[29] == "px 3,5"
    assert d.feature_names[-1] == "px 7,7"


def test_digits_split_by_seed_and_share_and_ignore_the_point_count():
    a = make_dataset(DatasetSpec("digits", seed=4, train_ratio=0.7, n_points=50, noise=30))
    b = make_dataset(DatasetSpec.from_dict(DatasetSpec("digits", seed=4,
                                                       train_ratio=0.7).to_dict()))
    assert a.n == 1797 and DatasetSpec("digits", n_points=50).size == 1797
    assert len(a.train) == round(0.7 * 1797) and len(a.test) == 1797 - len(a.train)
    assert np.array_equal(a.train, b.train) and np.array_equal(a.test, b.test)
    assert sorted(np.concatenate([a.train, a.test]).tolist()) == list(range(1797))
    assert np.array_equal(a.x, make_dataset(DatasetSpec("digits")).x)  # noise changes nothing
