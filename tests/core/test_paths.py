"""Gradients as path sums on the reversed graph: they must be the trace's ∂L/∂a, exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.examples import load_example
from nnviz.core.init import initialized
from nnviz.core.losses import LossSpec
from nnviz.core.network import layered
from nnviz.core.paths import path_sum
from nnviz.core.plan import Plan
from nnviz.core.stepper import Notation
from nnviz.core.trace import trace
from tests.core.strategies import random_example


def close(a: float, b: float, scale: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12 * max(1.0, scale))


@pytest.mark.parametrize("convention", ["dl_dz", "mitchell"])
@pytest.mark.parametrize("kind", ["squared", "bce", "softmax_ce"])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_path_sums_are_the_traces_gradients(kind, convention, data):
    net, loss, plan, x, y = random_example(data, kind)
    t = trace(net, x, y, loss, convention)
    limit = data.draw(st.integers(1, 4))
    for n in t.neurons:
        ps = path_sum(t, net, n.id, limit=limit)
        full = path_sum(t, net, n.id, limit=10**6)  # every path listed
        # the scale of the terms: a sum of large terms that cancel is exact only relatively
        scale = sum(abs(p.product) for p in full.paths)
        assert close(ps.value, n.dl_da, scale), (n.id, ps.value, n.dl_da)
        assert full.count == ps.count == len(full.paths) and full.more == 0
        assert close(sum(p.product for p in full.paths), n.dl_da, scale)
        assert len(ps.paths) == min(limit, ps.count)
        assert close(sum(p.product for p in ps.paths) + ps.rest, n.dl_da, scale)
        if ps.largest:  # the listed paths are the largest ones
            ranked = sorted((abs(p.product) for p in full.paths), reverse=True)
            assert [abs(p.product) for p in ps.paths] == pytest.approx(ranked[:limit])
        for p in full.paths:
            assert p.neurons[0] in plan.output_ids and p.neurons[-1] == n.id
            starts = {f.kind for f in p.factors[:1]}
            softmax = net.neurons[p.neurons[0]].activation == "softmax"
            assert starts == ({"delta"} if softmax and n.role != "output" else {"dl_da"})
            # one weight per link, one g′ per neuron passed through (not at a softmax)
            kinds = [f.kind for f in p.factors]
            assert kinds.count("w") == len(p.neurons) - 1


def test_xnor_input_gradient_is_the_lectures_two_paths():
    doc = load_example("xnor")
    s, net = doc.settings, doc.network
    plan = Plan(net, s.loss_spec)
    data = doc.build_dataset()
    t = trace(net, data.inputs(plan.features)[0], data.y[0], s.loss_spec, s.convention,
              s.learning_rate, plan)
    ps = path_sum(t, net, "x1")
    assert ps.count == 2 and not ps.largest
    assert ps.value == pytest.approx(t.neuron("x1").dl_da, rel=1e-12)
    assert [[f.symbol for f in p.factors] for p in ps.paths] == [
        ["∂L/∂ŷ", "g′(z_ŷ)", "w_ŷ,a1", "g′(z_a1)", "w_a1,x1"],
        ["∂L/∂ŷ", "g′(z_ŷ)", "w_ŷ,a2", "g′(z_a2)", "w_a2,x1"]]
    by = {n.id: n for n in t.neurons}
    first = ps.paths[0]
    assert [f.value for f in first.factors] == [
        by["y_hat"].dl_da, by["y_hat"].g_prime, t.edge("a1", "y_hat").weight,
        by["a1"].g_prime, t.edge("x1", "a1").weight]
    lines = ps.lines(Notation(digits=3))
    assert lines[0].startswith("∂L/∂x1 = ∂L/∂ŷ · g′(z_ŷ) · w_ŷ,a1 · g′(z_a1) · w_a1,x1 + ")
    assert lines[1].startswith("= (−1.682)·0.241·1.000·0.002·4.000 + ")  # numbers, same order
    assert lines[-1] == f"= {Notation().num(t.neuron('x1').dl_da)}"
    assert path_sum(t, net, "y_hat").lines()[0].startswith(
        f"∂L/∂ŷ = {Notation().num(by['y_hat'].dl_da)}   (the loss's own derivative")


def test_exponentially_many_paths_are_counted_not_listed():
    net = initialized(layered([2, 6, 6, 6, 6, 6, 6, 1], "tanh"), "uniform", 3)
    plan = Plan(net, LossSpec("squared"))
    t = trace(net, np.array([0.3, -0.7]), np.array([0.5]), LossSpec("squared"))
    ps = path_sum(t, net, plan.input_ids[0], limit=5)
    assert ps.count == 6**6 and len(ps.paths) == 5 and ps.more == 6**6 - 5
    assert ps.value == pytest.approx(t.neuron(plan.input_ids[0]).dl_da, rel=1e-9, abs=1e-15)
    assert "(46651 more paths)" in ps.lines()[1] and len(ps.lines()) == 3
