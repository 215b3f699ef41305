"""The compiled kernel against the NumPy engine: update by update, on every feature.

The kernel does NumPy's arithmetic in NumPy's order except inside a matrix product
and tanh, where BLAS (fused multiply-adds, blocking) and NumPy's vectorised tanh may
round the last bit differently. So each test here starts the two engines from the same
state at every update ("shadowing") and checks the three places where they can part
(see ``shadow``): the gradient to 1e-12 of its largest element, the optimiser's update
bit for bit, the history row to 1e-12. Why the gradient is compared normwise: a sum in
another order is exact to a few units in the last place of its largest terms, not of
its result, so an element made by cancellation among large ones differs relatively by
far more (a random search found 9.5e-8 on a weight of 15 beside weights of 5e6: 2.7e-13
of the largest). A chaotic run, where such a difference grows to 0.3 in 50 epochs for
NumPy against itself on another BLAS just as much, is still checked at each of its
1,250 updates. test_training.py and test_gradients.py run their references both ways.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz.core import accel, optimizers
from nnviz.core.data import Dataset
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import Trainer
from tests.core.strategies import networks, targets_for
from tests.core.test_training import toy_dataset

pytest.importorskip("numba", reason="the compiled kernel needs numba: pip install 'nnviz[fast]'")
ROOT = Path(__file__).resolve().parents[2]


def close(got: np.ndarray, want: np.ndarray, tol: float = 1e-12) -> None:
    """Agree within ``tol`` of the largest finite value (at least 1), and overflow (inf or
    NaN) in the same places: a sum reordered is exact to a few units in the last place of
    its largest terms, not of its result, and which of inf − inf or inf it overflows to
    depends on the order too."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    ok = np.isfinite(want)
    np.testing.assert_array_equal(np.isfinite(got), ok)
    scale = max(1.0, float(np.abs(want[ok]).max(initial=0.0)))
    np.testing.assert_allclose(got[ok], want[ok], rtol=0, atol=tol * scale)


def shadow(make: callable, steps: int, unit: str = "batch") -> tuple[Trainer, Trainer]:
    """Step a NumPy and a kernel trainer side by side, checking every update where the two
    can part, then putting the kernel's trainer back onto NumPy's state:

    - the gradient (BLAS sums a product in its own order): ``close`` to NumPy's;
    - the update: NumPy's optimiser applied to the kernel's gradient gives the kernel's
      parameters and optimiser state bit for bit. (Parameters are not compared directly:
      an adaptive optimiser's first steps are η g / (|g| + ε), which turns a last-bit
      difference in a gradient near 0 into up to η/ε times as much, 3e-9 on a weight of
      0.7 for Adam at η 0.5, ε 1e-7);
    - a history row: NumPy's loss and accuracy of the kernel's parameters, to 1e-12.
    """
    with accel.forced(False):
        ref = make()
    with accel.forced(True):
        fast = make()
        assert fast.kernel_plan() is not None
    for _ in range(steps):
        theta, state, rate, rows = ref.theta.copy(), ref.optimizer.state.copy(), ref.rate, len(
            ref.history)
        with accel.forced(False):
            ref.step(unit)
        with accel.forced(True):
            fast.step(unit)
        assert (fast.epoch, fast.cursor, fast.diverged) == (ref.epoch, ref.cursor, ref.diverged)
        if ref.diverged:  # both kept their last finite parameters
            np.testing.assert_array_equal(fast.theta, theta)
            break
        close(fast.grad.flat, ref.grad.flat)
        numpy_opt = optimizers.make(state.name, len(theta), ref.plan.n_weights)
        numpy_opt.load(state)
        proposed = np.empty_like(theta)
        with np.errstate(all="ignore"):
            numpy_opt.propose(theta, fast.grad.flat.copy(), rate, fast.settings, proposed)
        np.testing.assert_array_equal(fast.theta, proposed)
        assert fast.optimizer.state.step == numpy_opt.state.step
        for name, slot in numpy_opt.state.slots.items():
            np.testing.assert_array_equal(fast.optimizer.state.slots[name], slot)
        if len(ref.history) > rows:
            ref.theta[:], theta = fast.theta, ref.theta.copy()
            with accel.forced(False):
                expected = ref.evaluate()
            ref.theta[:] = theta
            for key, value in expected.items():
                np.testing.assert_allclose(fast.history.rows[key][-1], value, rtol=1e-12,
                                           atol=1e-12)
        fast.theta[:] = ref.theta
        fast.optimizer.load(ref.optimizer.state)
    return ref, fast


# Each optimiser with hyper-parameters far from its defaults, so a swapped β or ρ shows.
OPTIMISERS = {"sgd": {}, "nesterov": {"momentum": 0.7},
              "adagrad": {"eps": 1e-6}, "rmsprop": {"rho": 0.8, "eps": 1e-7},
              "adam": {"beta1": 0.8, "beta2": 0.95, "eps": 1e-7},
              "adamw": {"beta1": 0.85, "beta2": 0.99, "weight_decay": 0.05}}


def test_chaotic_momentum_case_agrees_at_every_update():
    settings = TrainingSettings(learning_rate=0.03, batch_size=10, momentum=0.9, seed=7)
    net = initialized(layered([2, 8, 8, 8, 8, 8, 8, 1], "tanh"), "uniform", seed=3)
    ref, _ = shadow(lambda: Trainer(net, toy_dataset(), settings), 50 * 25)
    assert ref.epoch == 50


def random_dataset(kind: str, n_in: int, n_out: int, rng: np.random.Generator) -> Dataset:
    n = int(rng.integers(5, 40))
    x = rng.normal(size=(n, n_in))
    y = targets_for(kind, n_out, n, rng)
    task = "multiclass" if kind == "softmax_ce" else "binary" if kind == "bce" else "regression"
    if task == "binary":
        y = y[:, :1]
    split = max(1, n * 3 // 4)
    return Dataset(x, y, task, [f"f{k}" for k in range(n_in)],
                   [f"y{k}" for k in range(y.shape[1])], np.arange(split), np.arange(split, n),
                   **({"label_values": (0.0, 1.0)} if task == "binary" else {}))


@pytest.mark.parametrize("kind", ["squared", "bce", "softmax_ce"])
# Derandomized, so that CI runs the same 30 examples every time; 1,200 random ones (400
# per loss, every optimiser) passed these checks when they were written.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True, database=None)
@given(data=st.data())
def test_every_feature_agrees_update_by_update(kind, data):
    """Random graphs (skips, missing edges, every activation, softmax groups) under
    random settings (batch modes, momentum, L1/L2, ½ or not, mean or sum)."""
    net = data.draw(networks(kind))
    n_out = len(net.outputs)
    if kind == "bce" and n_out > 1:
        return  # binary data has one target column
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    for n in net.inputs:
        n.feature = None
    dataset = random_dataset(kind, len(net.inputs), n_out, rng)
    for n, name in zip(net.inputs, dataset.feature_names):
        n.feature = name
    settings = TrainingSettings(**{
        "learning_rate": data.draw(st.sampled_from([0.01, 0.1, 0.5])),
        "batch_mode": data.draw(st.sampled_from(["full", "mini", "online"])),
        "batch_size": data.draw(st.integers(1, 12)),
        "momentum": data.draw(st.sampled_from([0.0, 0.5, 0.9])),
        "regularization": (reg := data.draw(st.sampled_from(["none", "l1", "l2"]))),
        "reg_rate": 0.0 if reg == "none" else 0.01,
        "loss": kind, "half_squared": data.draw(st.booleans()),
        "reduction": data.draw(st.sampled_from(["mean", "sum"])), "seed": 3,
        **optimiser_settings(data.draw(st.sampled_from(list(OPTIMISERS)))),
    })
    unit = data.draw(st.sampled_from(["batch", "sample"]))
    shadow(lambda: Trainer(net, dataset, settings), 12, unit)
    # Many updates per call (an epoch, as the engine trains) are the same arithmetic as
    # one per call, bit for bit. (Against NumPy, an epoch of up to 40 updates at rate 0.5
    # between two comparisons lets last-bit differences grow past 1e-9.)
    with accel.forced(True):
        by_epoch, by_batch = Trainer(net, dataset, settings), Trainer(net, dataset, settings)
        by_epoch.run_epochs(3)
        while by_batch.epoch < 3 and not by_batch.diverged:
            by_batch.step("batch")
    np.testing.assert_array_equal(by_epoch.theta, by_batch.theta)
    for key, column in by_batch.history.rows.items():  # NaN accuracy for regression
        np.testing.assert_array_equal(by_epoch.history.rows[key], column)
    assert by_epoch.diverged == by_batch.diverged


@pytest.mark.parametrize(("shape", "activation", "loss", "scale", "rate"), [
    ([2, 8, 1], "identity", "squared", 300.0, 1e-7), ([2, 8, 8, 8, 1], "tanh", "bce", 3.0, 0.1)])
def test_big_weights_agree_within_the_largest_values_precision(shape, activation, loss, scale,
                                                               rate):
    """Identity units with weights of 10²–10³, and a summed cross-entropy at rate 0.1: where
    values computed by cancellation were seen to differ relatively by up to 1e-8."""
    net = initialized(layered(shape, activation), "uniform", seed=5)
    net.outputs[0].activation = "sigmoid" if loss == "bce" else activation
    for edge in net.edges.values():
        edge.weight *= scale
    data = toy_dataset()
    if loss == "bce":
        data = Dataset(data.x, (data.y > 0).astype(float), "binary", data.feature_names, ["y"],
                       data.train, data.test)
    settings = TrainingSettings(learning_rate=rate, batch_size=10, loss=loss, reduction="sum",
                                seed=4)
    ref, _ = shadow(lambda: Trainer(net, data, settings), 3 * 25)
    assert ref.epoch == 3 and not ref.diverged


def optimiser_settings(name: str) -> dict:
    """The settings fields of optimiser ``name`` (SGD keeps the drawn momentum)."""
    return {"optimizer": name, **OPTIMISERS[name]} if name != "sgd" else {}


@pytest.mark.parametrize("name", list(OPTIMISERS))
@pytest.mark.parametrize("schedule", ["constant", "step", "cosine"])
def test_every_optimiser_and_schedule_agrees_update_by_update(name, schedule):
    settings = TrainingSettings(learning_rate=0.05, batch_size=10, seed=7, schedule=schedule,
                                decay_rate=0.5, decay_epochs=2, regularization="l2",
                                reg_rate=0.01, optimizer=name, **OPTIMISERS[name])
    net = initialized(layered([2, 8, 8, 1], "tanh"), "uniform", seed=3)
    ref, fast = shadow(lambda: Trainer(net, toy_dataset(), settings), 5 * 25)
    assert ref.epoch == 5 and fast.rate == ref.rate


@pytest.mark.parametrize("name", list(OPTIMISERS))
def test_state_carried_across_calls_is_the_state_of_one_run(name):
    """Slices of any length (the engine's), a trainer rebuilt from the saved state, and
    one call per epoch all give the same parameters and state, bit for bit."""
    settings = TrainingSettings(learning_rate=0.02, batch_size=7, seed=2, optimizer=name,
                                **OPTIMISERS[name])
    net = initialized(layered([2, 6, 3, 1], "tanh"), "uniform", seed=4)
    with accel.forced(True):
        straight = Trainer(net, toy_dataset(), settings)
        straight.run_epochs(4)
        sliced = Trainer(net, toy_dataset(), settings)
        for size in (1, 3, 40, 2, 100):
            sliced.advance(size)
        resumed = Trainer(sliced.network(), toy_dataset(), settings, epoch=sliced.epoch,
                          optimizer_state=sliced.optimizer.state.copy())
        resumed.cursor = sliced.cursor
        for other, size in ((resumed, 5), (sliced, 9)):
            while other.epoch < 4:
                other.advance(size)
    for other in (sliced, resumed):
        np.testing.assert_array_equal(other.theta, straight.theta)
        assert other.optimizer.state.step == straight.optimizer.state.step
        for key, slot in straight.optimizer.state.slots.items():
            np.testing.assert_array_equal(other.optimizer.state.slots[key], slot)


def test_divergence_is_caught_at_the_same_update_with_the_same_message():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1000.0, 1000.0, (40, 2))
    idx = np.arange(40)
    data = Dataset(x, x.sum(axis=1), "regression", ["x1", "x2"], ["y"], idx, idx)
    net = initialized(layered([2, 1], "identity"), "uniform", seed=1)
    settings = TrainingSettings(learning_rate=10.0, batch_size=4)
    ref, fast = shadow(lambda: Trainer(net, data, settings), 10_000)
    assert ref.diverged and fast.diverged == ref.diverged
    assert np.isfinite(fast.theta).all()


def test_a_trainer_switches_to_the_kernel_mid_run_without_a_seam():
    """As in the engine, where the kernel becomes ready while NumPy is training."""
    settings = TrainingSettings(learning_rate=0.03, batch_size=10, seed=7)
    net = initialized(layered([2, 4, 2, 1], "tanh"), "uniform", seed=3)
    with accel.forced(False):
        ref = Trainer(net, toy_dataset(), settings)
        ref.run_epochs(10)
        switching = Trainer(net, toy_dataset(), settings)
        switching.run_epochs(3)
        switching.step("batch")
        assert switching.kernel_plan() is None
    with accel.forced(True):
        assert switching.kernel_plan() is not None
        switching.run_epochs(7)  # the rest of the fourth epoch begun in NumPy, then six
    assert switching.epoch == ref.epoch == 10 and switching.cursor == 0
    np.testing.assert_allclose(switching.theta, ref.theta, rtol=0, atol=1e-12)
    assert switching.history.to_dict()["epoch"] == ref.history.to_dict()["epoch"]


def test_large_products_train_in_numpy_small_ones_in_the_kernel():
    """Past the crossover measured in bench_kernel.py, BLAS's products win."""
    net = initialized(layered([2, 8, 8, 1], "tanh"))  # 88 weights
    data = toy_dataset()
    with accel.forced(True):
        small = Trainer(net, data, TrainingSettings(batch_size=10))
        large = Trainer(net, data, TrainingSettings(batch_size=250))
        assert 88 * 10 <= accel.BLAS_CROSSOVER < 88 * 250
        assert small.kernel_plan() is not None
        assert large.kernel_plan() is None
        small.update_settings(TrainingSettings(batch_mode="full"))
        assert small.kernel_plan() is None  # the choice follows the batch size


def test_perceptron_rule_stays_in_numpy():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    idx = np.arange(4)
    data = Dataset(x, np.array([0, 0, 0, 1.0]), "binary", ["x1", "x2"], ["y"], idx, idx)
    settings = TrainingSettings(rule="perceptron", learning_rate=0.1, batch_mode="online")
    with accel.forced(True):
        assert Trainer(layered([2, 1], "step"), data, settings).kernel_plan() is None


def test_kernel_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(accel.MODE_ENV, "off")
    assert not accel.wanted()
    assert accel.status().startswith("NumPy")


def test_compiled_kernel_is_cached_in_the_user_cache_directory(tmp_path):
    """A fresh process compiles into XDG_CACHE_HOME/nnviz/numba, not beside the module."""
    env = {k: v for k, v in os.environ.items() if k not in ("NUMBA_CACHE_DIR", accel.MODE_ENV)}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    code = ("from nnviz.core import accel; assert accel.use_now() is not None, accel.status(); "
            "print(accel.status())")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "compiled kernel (numba)"
    cached = list((tmp_path / "nnviz" / "numba").rglob("*.nbi"))
    assert any("kernel" in p.name for p in cached), cached
