"""Every optimiser and schedule against a straightforward NumPy loop, step for step.

The reference is written per layer in matrix notation, as a student would, with
each optimiser's textbook formulas (below); the engine keeps one flat parameter
vector. Both must agree to 1e-12 after several epochs, full batch and mini-batch,
with and without L2, so a wrong bias correction, a missing ε or a decay applied to
the biases shows at once.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nnviz.core import accel, schedules
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.settings import OPTIMIZERS, SCHEDULES, SettingsError, TrainingSettings
from nnviz.core.training import Trainer
from tests.core.test_training import layer_ids, toy_dataset, trained_matrices

SHAPE = [2, 4, 2, 1]
EPOCHS = 6


def reference_update(name: str, p: np.ndarray, g: np.ndarray, st: dict, lr: float,
                     s: TrainingSettings, t: int, is_weight: bool) -> np.ndarray:
    """One optimiser step on one array ``p`` with gradient ``g`` (state ``st`` updated)."""
    if name == "sgd":
        if s.momentum:
            st["v"] = s.momentum * st["v"] - lr * g
            return p + st["v"]
        return p - lr * g
    if name == "nesterov":
        st["v"] = s.momentum * st["v"] - lr * g
        return p + (s.momentum * st["v"] - lr * g)
    if name == "adagrad":
        st["G"] = st["G"] + g**2
        return p - lr * g / (np.sqrt(st["G"]) + s.eps)
    if name == "rmsprop":
        st["s"] = s.rho * st["s"] + (1 - s.rho) * g**2
        return p - lr * g / (np.sqrt(st["s"]) + s.eps)
    st["m"] = s.beta1 * st["m"] + (1 - s.beta1) * g
    st["v"] = s.beta2 * st["v"] + (1 - s.beta2) * g**2
    m_hat = st["m"] / (1 - s.beta1**t)
    v_hat = st["v"] / (1 - s.beta2**t)
    new = p - lr * m_hat / (np.sqrt(v_hat) + s.eps)
    if name == "adamw" and is_weight:
        new = new - lr * s.weight_decay * p
    return new


def reference_train(net, data, s: TrainingSettings, epochs: int):
    """tanh layers, ½(y − a)² averaged over the batch, L2 on the weights only."""
    layers = layer_ids(net, SHAPE)
    W = [np.array([[net.edges[(a, b)].weight for a in src] for b in dst])
         for src, dst in zip(layers, layers[1:])]
    b = [np.array([[net.neurons[t].bias] for t in dst]) for dst in layers[1:]]
    zeros = lambda arr: {k: np.zeros_like(arr) for k in ("v", "G", "s", "m")}  # noqa: E731
    sW, sb = [zeros(w) for w in W], [zeros(v) for v in b]
    x_all, y_all = data.x[data.train], data.y[data.train]
    rng = np.random.default_rng(s.seed)
    batch = len(x_all) if s.batch_mode == "full" else s.batch_size
    t = 0
    for epoch in range(epochs):
        lr = {"constant": s.learning_rate,
              "step": s.learning_rate * s.decay_rate ** (epoch // s.decay_epochs),
              "exponential": s.learning_rate * s.decay_rate ** (epoch / s.decay_epochs),
              "cosine": s.learning_rate * 0.5 * (1 + math.cos(
                  math.pi * min(epoch, s.decay_epochs) / s.decay_epochs))}[s.schedule]
        order = rng.permutation(len(x_all))
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            x, y = np.ascontiguousarray(x_all[idx].T), y_all[idx].T
            acts = [x]
            for w, bias in zip(W, b):
                acts.append(np.tanh(w @ acts[-1] + bias))
            delta = (acts[-1] - y) * (1.0 / len(idx)) * (1.0 - acts[-1] ** 2)
            t += 1
            grads = []
            for li in range(len(W) - 1, -1, -1):
                gW = delta @ acts[li].T
                if s.regularization == "l2":
                    gW = gW + s.reg_rate * W[li]
                gb = delta.sum(axis=1, keepdims=True)
                if li:
                    delta = (W[li].T @ delta) * (1.0 - acts[li] ** 2)
                grads.append((li, gW, gb))
            for li, gW, gb in grads:
                W[li] = reference_update(s.optimizer, W[li], gW, sW[li], lr, s, t, True)
                b[li] = reference_update(s.optimizer, b[li], gb, sb[li], lr, s, t, False)
    return W, [v[:, 0] for v in b]


HYPER = {"sgd": {"momentum": 0.9}, "nesterov": {"momentum": 0.8},
         "adagrad": {"eps": 1e-6}, "rmsprop": {"rho": 0.8, "eps": 1e-7},
         "adam": {"beta1": 0.85, "beta2": 0.99, "eps": 1e-7},
         "adamw": {"beta1": 0.9, "beta2": 0.995, "weight_decay": 0.05}}


def cases():
    for name in OPTIMIZERS:
        for batch in ("full", "mini"):
            for reg in ("none", "l2"):
                yield pytest.param(name, batch, reg, id=f"{name}-{batch}-{reg}")


def compare(settings: TrainingSettings, epochs: int = EPOCHS) -> float:
    """Train both ways; assert they agree to 1e-12 and return how far the weights moved."""
    data = toy_dataset()
    net = initialized(layered(SHAPE, "tanh"), "uniform", seed=3)
    trainer = Trainer(net, data, settings)
    trainer.run_epochs(epochs)
    assert trainer.diverged is None
    assert (trainer.kernel_plan() is not None) == (accel.kernel() is not None)
    W_ref, b_ref = reference_train(net, data, settings, epochs)
    W, b = trained_matrices(trainer, SHAPE)
    for got, want in zip(W + b, W_ref + b_ref):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    W0, _ = trained_matrices(Trainer(net, data, settings), SHAPE)
    return max(np.abs(w - w0).max() for w, w0 in zip(W, W0))


@pytest.mark.parametrize(("name", "batch", "reg"), list(cases()))
def test_every_optimiser_matches_its_textbook_formulas(engine, name, batch, reg):
    lr = 0.3 if batch == "full" and name in ("sgd", "nesterov") else 0.03
    settings = TrainingSettings(optimizer=name, learning_rate=lr, batch_mode=batch,
                                batch_size=10, regularization=reg,
                                reg_rate=0.01 if reg == "l2" else 0.0, seed=7, **HYPER[name])
    assert compare(settings) > 0.02  # the weights really moved


@pytest.mark.parametrize("schedule", list(SCHEDULES))
@pytest.mark.parametrize("name", ["sgd", "adam"])
def test_every_schedule_sets_each_epochs_rate(engine, schedule, name):
    settings = TrainingSettings(optimizer=name, learning_rate=0.05, schedule=schedule,
                                decay_rate=0.3, decay_epochs=2, seed=5, momentum=0.5)
    assert compare(settings, epochs=5) > 0.02


def test_the_schedules_rates():
    s = TrainingSettings(learning_rate=0.1, decay_rate=0.5, decay_epochs=10)
    rates = {k: [schedules.rate(TrainingSettings(**{**s.__dict__, "schedule": k}), e)
                 for e in (0, 9, 10, 25, 40)] for k in SCHEDULES}
    assert rates["constant"] == [0.1] * 5
    assert rates["step"] == [0.1, 0.1, 0.05, 0.025, 0.1 / 16]
    assert rates["exponential"][2] == pytest.approx(0.05) and rates["exponential"][1] < 0.1
    assert rates["cosine"][0] == 0.1 and rates["cosine"][2:] == [pytest.approx(0)] * 3
    assert schedules.rate(TrainingSettings(**{**s.__dict__, "schedule": "cosine"}), 5) == \
        pytest.approx(0.05)


def test_the_trainer_reports_the_scheduled_rate():
    data = toy_dataset()
    net = initialized(layered(SHAPE, "tanh"), "uniform", seed=3)
    trainer = Trainer(net, data, TrainingSettings(schedule="step", decay_epochs=2,
                                                  learning_rate=0.2))
    seen = []
    for _ in range(5):
        seen.append(trainer.rate)
        trainer.step("epoch")
    assert seen == [0.2, 0.2, 0.1, 0.1, 0.05]


@pytest.mark.parametrize("schedule", list(SCHEDULES))
def test_every_optimiser_and_schedule_trains_in_the_kernel(schedule):
    pytest.importorskip("numba")
    data = toy_dataset()
    net = initialized(layered(SHAPE, "tanh"), "uniform", seed=3)
    with accel.forced(True):
        for name in OPTIMIZERS:
            s = TrainingSettings(optimizer=name, schedule=schedule, **HYPER[name])
            assert Trainer(net, data, s).kernel_plan() is not None, name


def test_switching_optimiser_mid_run_starts_its_state_afresh_and_keeps_it_otherwise():
    data = toy_dataset()
    net = initialized(layered(SHAPE, "tanh"), "uniform", seed=3)
    s = TrainingSettings(optimizer="adam")
    trainer = Trainer(net, data, s)
    trainer.step("epoch")
    assert trainer.optimizer.state.step == 25 and trainer.optimizer.state.slots["m"].any()
    trainer.update_settings(TrainingSettings(optimizer="adam", beta1=0.5))
    assert trainer.optimizer.state.step == 25  # a hyper-parameter: the moments stay
    trainer.update_settings(TrainingSettings(optimizer="rmsprop"))
    assert trainer.optimizer.state.step == 0 and not trainer.optimizer.state.slots["s"].any()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("optimizer", "adamax", "optimizer: must be one of sgd, nesterov"),
    ("beta1", 1.0, "beta1: must be a number from 0 to 0.9999"),
    ("eps", 0.0, "eps: must be greater than 0"),
    ("schedule", "linear", "schedule: must be one of constant, step, exponential, cosine"),
    ("decay_epochs", 0, "decay_epochs: must be a whole number from 1 to"),
])
def test_bad_hyper_parameters_are_refused_by_name(field, value, message):
    with pytest.raises(SettingsError, match=message):
        TrainingSettings.from_dict({field: value})


def test_default_settings_write_no_new_keys():
    assert set(TrainingSettings().to_dict()) == {
        "learning_rate", "batch_mode", "batch_size", "momentum", "regularization",
        "reg_rate", "loss", "half_squared", "reduction", "convention", "init", "seed",
        "rule", "shuffle"}
    assert TrainingSettings(optimizer="adam").to_dict()["optimizer"] == "adam"


@pytest.mark.parametrize("name", ["sgd", "nesterov", "adagrad", "adam"])
def test_a_saved_and_reopened_document_trains_on_exactly_like_one_run(tmp_path, name):
    from nnviz.core.document import load, new_document, save
    from nnviz.core.headless import train_document
    doc = new_document()
    doc.settings = TrainingSettings(optimizer=name, momentum=0.9 if name != "adagrad" else 0.0,
                                    learning_rate=0.01)
    straight, _ = train_document(doc, 6)
    half, _ = train_document(doc, 3)
    assert half.optimizer_state is not None and half.optimizer_state["optimizer"] == name
    save(half, tmp_path / "half.nnviz")
    again, _ = train_document(load(tmp_path / "half.nnviz"), 3)
    w = lambda d: [e.weight for e in d.network.edges.values()]  # noqa: E731
    assert w(again) == w(straight)  # bit for bit


def test_plain_sgd_writes_no_optimizer_state(tmp_path):
    from nnviz.core.document import new_document, to_dict
    from nnviz.core.headless import train_document
    trained, _ = train_document(new_document(), 2)
    assert "optimizer_state" not in to_dict(trained)


def test_a_state_that_does_not_fit_is_refused_by_name():
    from nnviz.core.document import DocumentError, from_dict, new_document, to_dict
    from nnviz.core.headless import train_document
    doc = new_document()
    doc.settings = TrainingSettings(optimizer="adam")
    data = to_dict(train_document(doc, 1)[0])
    data["optimizer_state"]["slots"]["m"]["weights"].pop()
    with pytest.raises(DocumentError, match=r"optimizer_state.slots.m.weights: has \d+ values "
                                            r"but the network has \d+ edges"):
        from_dict(data)
    data["settings"]["optimizer"] = "rmsprop"
    with pytest.raises(DocumentError, match="optimizer_state.optimizer: is 'adam' but "
                                            "settings.optimizer is 'rmsprop'"):
        from_dict(data)
