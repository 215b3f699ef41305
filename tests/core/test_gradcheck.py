"""Gradient check: backprop against central differences, with names and errors."""

from __future__ import annotations

import numpy as np

from nnviz.core.examples import build_examples
from nnviz.core.gradcheck import GradRow, gradient_check
from nnviz.core.plan import Plan


def check(name, rows=None):
    doc = build_examples()[name]
    data = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    x, y = data.inputs(plan.features), plan.targets(data.y)
    if rows is not None:
        x, y = x[rows], y[rows]
    return doc, plan, gradient_check(doc.network, plan, plan.read(doc.network), x, y)


def test_every_weight_and_bias_is_checked_and_agrees():
    doc, plan, result = check("playground")
    net = doc.network
    hidden_and_out = [n for n in net.neurons.values() if n.role != "input"]
    assert len(result.rows) == len(net.edges) + len(hidden_and_out)
    assert result.max_rel_error < 1e-5
    assert result.examples == doc.build_dataset().n


def test_xnor_names_and_values():
    doc, plan, result = check("xnor", rows=[0])
    names = [r.name for r in result.rows]
    assert names[:2] == ["x1 → a1", "x2 → a1"] and "bias of ŷ" in names
    row = next(r for r in result.rows if r.name == "a1 → ŷ")
    # One example (0, 0), y = 1, bce on a sigmoid: ∂L/∂w = (ŷ − y) · a1.
    assert np.isclose(row.backprop, (0.595 - 1) * 0.002, atol=2e-4)
    assert abs(row.backprop - row.numeric) < 1e-7


def test_relative_error_and_worst():
    r = GradRow("w", 0, 1.0, 1.1)
    assert np.isclose(r.rel_error, 0.1 / 1.1)
    assert GradRow("w", 0, 0.0, 1e-12).rel_error == 0.0
    _, _, result = check("softmax3")
    assert result.worst.rel_error == result.max_rel_error < 1e-5
