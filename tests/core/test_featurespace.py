"""The (a1, a2) feature-space slide: XNOR's points and the output neuron's line."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.examples import build_examples
from nnviz.core.featurespace import decision_line, feature_points, hidden_pair
from nnviz.core.plan import Plan


def setup(name):
    doc = build_examples()[name]
    data = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    return doc.network, plan, plan.read(doc.network), data


def test_xnor_points_land_where_the_curriculum_table_says():
    net, plan, theta, data = setup("xnor")
    x = data.inputs(plan.features)
    pts = feature_points(plan, theta, x, "a1", "a2")
    table = {(0, 0): (0.002, 0.881), (0, 1): (0.119, 0.119), (1, 0): (0.119, 0.119),
             (1, 1): (0.881, 0.002)}
    assert len(pts) == 4
    for row, (a1, a2) in zip(data.x, pts):
        assert (round(a1, 3), round(a2, 3)) == table[(int(row[0]), int(row[1]))]


def test_xnor_line_is_exact_and_separates_the_classes():
    net, plan, theta, data = setup("xnor")
    x = data.inputs(plan.features)
    line = decision_line(net, plan, theta, x, "a1", "a2")
    assert line.exact and line.neuron == "y_hat"
    assert (line.w_a, line.w_b, line.c) == (1.0, 1.0, -0.5)
    pts = feature_points(plan, theta, x, "a1", "a2")
    side = line.w_a * pts[:, 0] + line.w_b * pts[:, 1] + line.c > 0
    assert list(side) == list(data.classes == 1)
    ends = line.points(0.0, 1.0)
    np.testing.assert_allclose(ends, [[0.0, 0.5], [1.0, -0.5]])
    assert hidden_pair(net, plan) == ("a1", "a2")


def test_inexact_line_holds_other_inputs_at_their_mean():
    net, plan, theta, data = setup("playground")  # 2-4-2-1: layer-1 neurons feed 2 neurons each
    x = data.inputs(plan.features)
    first = [nid for nid in plan.order if plan.level_of[nid] == 1]
    a, b = first[0], first[1]
    line = decision_line(net, plan, theta, x, a, b)
    assert not line.exact and "mean" in line.note
    acts = plan.forward(plan.params(theta), x).a
    others = [e.source for e in net.incoming(line.neuron) if e.source not in (a, b)]
    expected_c = theta[plan.bias_offset + plan.index[line.neuron]] + sum(
        theta[plan.edge_slot[(s, line.neuron)]] * acts[plan.index[s]].mean() for s in others)
    assert line.c == pytest.approx(expected_c)
    # Neurons of different levels are not read together by anyone: no line.
    out = plan.output_ids[0]
    assert decision_line(net, plan, theta, x, a, out) is None
