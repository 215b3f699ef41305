"""Hypothesis strategies for random feed-forward networks with skip connections."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from nnviz.core.network import Network, Neuron, SoftmaxGroup

SMOOTH = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "prelu"]


@st.composite
def networks(draw, loss: str = "squared") -> Network:
    """A random valid network whose outputs suit ``loss``; weights are normal(0, 1)."""
    n_in = draw(st.integers(1, 3))
    n_hidden = draw(st.integers(0, 5))
    n_out = draw(st.integers(2 if loss == "softmax_ce" else 1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    net = Network()
    ids: list[str] = []
    for k in range(n_in + n_hidden + n_out):
        role = "input" if k < n_in else "hidden" if k < n_in + n_hidden else "output"
        if role == "input":
            act = "identity"
        elif role == "hidden":
            act = draw(st.sampled_from(SMOOTH))
        elif loss == "softmax_ce":
            act = "softmax"
        elif loss == "bce":
            act = "sigmoid"
        else:
            act = draw(st.sampled_from(SMOOTH + ["softmax"])) if n_out > 1 else "tanh"
        nid = f"n{k}"
        net.add_neuron(Neuron(nid, nid, role, act, bias=float(rng.normal()),
                              alpha=float(rng.uniform(0.05, 0.5)), feature=f"f{k}"))
        ids.append(nid)
    if loss != "softmax_ce" and any(net.neurons[i].activation == "softmax" for i in ids):
        for i in ids[n_in + n_hidden :]:
            net.neurons[i].activation = "softmax"
    outputs = ids[n_in + n_hidden :]
    if net.neurons[outputs[0]].activation == "softmax":
        net.groups.append(SoftmaxGroup("g1", list(outputs)))
    # Edges go forward in this list only, so the graph has no cycle; skips are allowed.
    density = draw(st.floats(0.3, 1.0))
    for j, target in enumerate(ids):
        if j < n_in:
            continue
        for source in ids[:j]:
            if net.neurons[source].role != "output" and rng.random() < density:
                net.add_edge(source, target, float(rng.normal()))
        if not net.incoming(target):
            net.add_edge(ids[int(rng.integers(n_in))], target, float(rng.normal()))
    return net


def targets_for(loss: str, n_out: int, batch: int, rng: np.random.Generator) -> np.ndarray:
    if loss == "softmax_ce":
        return np.eye(n_out)[rng.integers(n_out, size=batch)]
    if loss == "bce":
        return rng.integers(0, 2, size=(batch, n_out)).astype(float)
    return rng.normal(size=(batch, n_out))


def random_example(data, kind: str):
    """A random network for ``kind`` of loss and one random example for it:
    (network, LossSpec, Plan, x, y), drawn inside a ``@given(data=st.data())`` test."""
    from nnviz.core.losses import LossSpec
    from nnviz.core.plan import Plan

    net = data.draw(networks(kind))
    loss = LossSpec(kind)
    plan = Plan(net, loss)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    x = rng.normal(size=plan.n_in)
    y = targets_for(kind, len(plan.output_ids), 1, rng)[0]
    return net, loss, plan, x, y
