"""The error surface over two parameters: brute force agreement and the current point."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.examples import build_examples
from nnviz.core.init import initialized
from nnviz.core.losses import LossSpec
from nnviz.core.network import layered
from nnviz.core.plan import Plan
from nnviz.core.surface import loss_surface, mean_loss, slot_place
from nnviz.core.training import Trainer


def circle(shape, activation="tanh", output=None, loss=None):
    net = initialized(layered(shape, activation, output), "uniform", 3)
    data = make_dataset(DatasetSpec("circle", seed=2))
    plan = Plan(net, loss or LossSpec())
    x = data.inputs(plan.features)[data.train]
    y = plan.targets(data.y[data.train])
    return net, plan, plan.read(net), x, y


def brute(plan, theta, x, y, a, b, xs, ys):
    out = np.empty((len(ys), len(xs)))
    for i, vb in enumerate(ys):
        for j, va in enumerate(xs):
            t = theta.copy()
            t[a], t[b] = va, vb
            out[i, j] = mean_loss(plan, t, x, y)
    return out


def pairs(net, plan):
    edges = list(net.edges)
    inputs = {n.id for n in net.inputs}
    out = net.outputs[0].id
    first = [e for e in edges if e[0] in inputs]
    last = [e for e in edges if e[1] == out]
    hidden = next(n.id for n in net.neurons.values() if n.role == "hidden")
    return {
        "same first-layer neuron": (plan.edge_slot[first[0]], plan.edge_slot[first[1]]),
        "first and last layer": (plan.edge_slot[first[0]], plan.edge_slot[last[0]]),
        "output neuron": (plan.edge_slot[last[0]], plan.edge_slot[last[1]]),
        "weight and bias": (plan.edge_slot[first[0]], plan.bias_offset + plan.index[hidden]),
    }


@pytest.mark.parametrize("case", ["same first-layer neuron", "first and last layer",
                                  "output neuron", "weight and bias"])
def test_surface_matches_brute_force(case):
    net, plan, theta, x, y = circle([2, 4, 2, 1])
    a, b = pairs(net, plan)[case]
    s = loss_surface(plan, theta, x, y, a, b, size=9)
    expected = brute(plan, theta, x, y, a, b, s.xs, s.ys)
    np.testing.assert_allclose(s.values, expected, rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize("loss", [LossSpec("bce"),
                                  LossSpec("squared", half=False, reduction="sum")])
def test_surface_with_sigmoid_outputs_and_other_losses(loss):
    net, plan, theta, x, y = circle([2, 3, 1], "tanh", "sigmoid", loss)
    y = (y > 0).astype(float)
    a, b = pairs(net, plan)["first and last layer"]
    s = loss_surface(plan, theta, x, y, a, b, size=7)
    np.testing.assert_allclose(s.values, brute(plan, theta, x, y, a, b, s.xs, s.ys),
                               rtol=2e-5, atol=1e-6)


def test_softmax_network():
    doc = build_examples()["softmax3"]
    data = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    x, y = data.inputs(plan.features), plan.targets(data.y)
    theta = plan.read(doc.network)
    slots = sorted(plan.edge_slot.values())
    s = loss_surface(plan, theta, x, y, slots[0], slots[-1], size=5)
    np.testing.assert_allclose(s.values, brute(plan, theta, x, y, slots[0], slots[-1],
                                               s.xs, s.ys), rtol=2e-5, atol=1e-6)


def test_surface_at_the_current_weights_is_the_current_loss():
    doc = build_examples()["playground"]
    data = doc.build_dataset()
    trainer = Trainer(doc.network, data, doc.settings)
    trainer.run_epochs(5)
    plan, theta = trainer.plan, trainer.theta
    a, b = pairs(doc.network, plan)["same first-layer neuron"]
    wa, wb = theta[a], theta[b]
    # An odd size puts the centre of the default window exactly on the current point.
    s = loss_surface(plan, theta, trainer.x_train, trainer.y_train, a, b, size=61)
    assert s.current == (wa, wb)
    assert s.xs[30] == pytest.approx(wa) and s.ys[30] == pytest.approx(wb)
    assert s.current_loss == pytest.approx(trainer.history.last()["train_loss"], rel=1e-12)
    assert s.values[30, 30] == pytest.approx(s.current_loss, rel=1e-5)
    assert s.values.shape == (61, 61) and np.isfinite(s.values).all()


def test_ranges_and_refusals():
    net, plan, theta, x, y = circle([2, 2, 1])
    a, b = pairs(net, plan)["output neuron"]
    s = loss_surface(plan, theta, x, y, a, b, ranges=((-1, 1), (0, 2)), size=5)
    assert list(s.xs) == [-1, -0.5, 0, 0.5, 1] and s.ys[0] == 0 and s.ys[-1] == 2
    with pytest.raises(ValueError):
        loss_surface(plan, theta, x, y, a, a)
    with pytest.raises(ValueError):
        slot_place(plan, plan.alpha_offset)
