"""Backpropagation against central finite differences, on random graphs with skips."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz.core import accel
from nnviz.core.kernel_plan import KernelPlan
from nnviz.core.losses import LossSpec
from nnviz.core.plan import Plan
from nnviz.core.trace import trace
from tests.core.strategies import networks, random_example, targets_for

H = 1e-6
KINKED = {"relu", "leaky_relu", "prelu"}


def batch_loss(plan: Plan, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    ws = plan.forward(plan.params(theta), x)
    return plan.loss.reduce(plan.losses(ws, y))


def near_kink(plan: Plan, net, theta: np.ndarray, x: np.ndarray) -> bool:
    """True when a ReLU-like neuron sits so close to z = 0 that differences straddle it."""
    ws = plan.forward(plan.params(theta), x)
    for nid, i in plan.index.items():
        if net.neurons[nid].activation in KINKED and np.abs(ws.z[i]).min() < 1e-3:
            return True
    return False


CASES = [
    (kind, half, reduction)
    for kind in ("squared", "bce", "softmax_ce")
    for half in ((True, False) if kind == "squared" else (True,))
    for reduction in ("mean", "sum")
]


@pytest.mark.parametrize(("kind", "half", "reduction"), CASES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_backprop_matches_finite_differences(kind, half, reduction, engine, data):
    net = data.draw(networks(kind))
    plan = Plan(net, LossSpec(kind, half, reduction))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    x = rng.normal(size=(4, plan.n_in))
    y = plan.targets(targets_for(kind, len(plan.output_ids), 4, rng))
    theta = plan.read(net)
    if near_kink(plan, net, theta, x):
        return
    grad = plan.params(np.zeros_like(theta))
    plan.backward(plan.params(theta), grad, plan.forward(plan.params(theta), x), y)
    if engine == "kernel":
        # The kernel's gradient equals NumPy's (matrix products may round their last
        # bit differently) and so meets the same finite differences.
        kernel_grad = KernelPlan(plan, accel.kernel()).gradient(theta, x, y)
        np.testing.assert_allclose(kernel_grad, grad.flat, rtol=1e-12, atol=1e-12)
        grad = plan.params(kernel_grad)
    # Only parameters that exist: edges, biases of non-inputs, slopes of parametric ReLUs.
    slots = list(plan.edge_slot.values())
    slots += [plan.bias_offset + i for i in range(plan.n_in, plan.n)]
    slots += [plan.alpha_offset + i for i in np.flatnonzero(plan.learned_alpha)]
    for slot in slots:
        up, down = theta.copy(), theta.copy()
        up[slot] += H
        down[slot] -= H
        numeric = (batch_loss(plan, up, x, y) - batch_loss(plan, down, x, y)) / (2 * H)
        assert grad.flat[slot] == pytest.approx(numeric, rel=1e-5, abs=1e-6), slot
    # Absent edges stay exactly zero.
    absent = np.setdiff1d(np.arange(plan.n_weights), slots)
    assert not grad.flat[absent].any()


@pytest.mark.parametrize("convention", ["dl_dz", "mitchell"])
@pytest.mark.parametrize("kind", ["squared", "bce", "softmax_ce"])
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_trace_gradients_and_deltas(kind, convention, data):
    """Every number of a trace: ∂L/∂w and ∂L/∂x by differences, δ by its convention."""
    net, loss, plan, x, y = random_example(data, kind)
    if near_kink(plan, net, plan.read(net), x[None, :]):
        return
    t = trace(net, x, y, loss, convention, learning_rate=0.5)

    def loss_at(network, xv):
        return trace(network, xv, y, loss).loss

    sign = 1.0 if convention == "dl_dz" else -1.0
    for e in t.edges:
        up, down = net.copy(), net.copy()
        up.edges[(e.source, e.target)].weight += H
        down.edges[(e.source, e.target)].weight -= H
        numeric = (loss_at(up, x) - loss_at(down, x)) / (2 * H)
        assert e.grad == pytest.approx(numeric, rel=1e-5, abs=1e-6)
        assert e.delta_w == pytest.approx(-0.5 * e.grad)
        # ∂L/∂w = (∂L/∂z of the target) · a of the source, whatever the convention.
        target, source = t.neuron(e.target), t.neuron(e.source)
        assert e.grad == pytest.approx(sign * target.delta * source.a, rel=1e-9, abs=1e-12)
    for i, n in enumerate(t.neurons[: plan.n_in]):
        up, down = x.copy(), x.copy()
        up[i] += H
        down[i] -= H
        numeric = (loss_at(net, up) - loss_at(net, down)) / (2 * H)
        assert n.dl_da == pytest.approx(numeric, rel=1e-5, abs=1e-6)
        assert n.delta is None and n.z is None and n.g_prime is None
