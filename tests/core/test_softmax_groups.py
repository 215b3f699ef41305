"""Several softmax groups: each group is its own distribution.

The loss of several groups is the sum over the groups of each group's
cross-entropy; an example is classified right when every group's argmax is
right. Checked against a direct formula and finite differences on random graphs
with 1, 2 and 3 groups, layered and with skip connections.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz.core.data import Dataset
from nnviz.core.losses import LossSpec
from nnviz.core.network import Network, Neuron, SoftmaxGroup
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings
from nnviz.core.trace import trace
from nnviz.core.training import Trainer

H = 1e-6


@st.composite
def grouped_networks(draw, n_groups: int, skips: bool) -> tuple[Network, list[list[str]]]:
    """A random network whose outputs form ``n_groups`` softmax groups of 2–3 neurons.

    Without skips: inputs → one full hidden layer (or none) → outputs. With skips:
    random forward edges between any earlier neuron and a later one.
    """
    n_in = draw(st.integers(1, 3))
    n_hidden = draw(st.integers(0 if skips else 1, 4))
    sizes = [draw(st.integers(2, 3)) for _ in range(n_groups)]
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    net = Network()
    inputs = [f"x{k}" for k in range(n_in)]
    hidden = [f"h{k}" for k in range(n_hidden)]
    for nid in inputs:
        net.add_neuron(Neuron(nid, nid, "input", "identity", feature=nid))
    for nid in hidden:
        net.add_neuron(Neuron(nid, nid, "hidden", draw(st.sampled_from(["tanh", "sigmoid"])),
                              bias=float(rng.normal())))
    groups: list[list[str]] = []
    # Interleave the groups' members in the network's order, so that engine order and
    # user order differ and a group is not simply a run of consecutive outputs.
    members = [(g, k) for g, size in enumerate(sizes) for k in range(size)]
    order = list(rng.permutation(len(members)))
    outputs = []
    for i in order:
        g, k = members[i]
        nid = f"o{g}_{k}"
        net.add_neuron(Neuron(nid, nid, "output", "softmax", bias=float(rng.normal())))
        outputs.append(nid)
    for g, size in enumerate(sizes):
        groups.append([f"o{g}_{k}" for k in range(size)])
        net.groups.append(SoftmaxGroup(f"g{g}", groups[-1]))
    if skips:
        ids = inputs + hidden + outputs
        for j, target in enumerate(ids[n_in:], start=n_in):
            for source in ids[:j]:
                if net.neurons[source].role != "output" and rng.random() < 0.6:
                    net.add_edge(source, target, float(rng.normal()))
            if not net.incoming(target):
                net.add_edge(inputs[int(rng.integers(n_in))], target, float(rng.normal()))
    else:
        for s in inputs:
            for t in hidden:
                net.add_edge(s, t, float(rng.normal()))
        for s in hidden:
            for t in outputs:
                net.add_edge(s, t, float(rng.normal()))
    return net, groups


def one_hot_targets(net: Network, groups: list[list[str]], batch: int,
                    rng: np.random.Generator) -> np.ndarray:
    """(batch, outputs) targets in the network's output order, one-hot in every group."""
    outputs = [n.id for n in net.outputs]
    y = np.zeros((batch, len(outputs)))
    for members in groups:
        chosen = rng.integers(len(members), size=batch)
        for b, c in enumerate(chosen):
            y[b, outputs.index(members[c])] = 1.0
    return y


def direct_loss(net: Network, groups: list[list[str]], x: np.ndarray, y: np.ndarray
                ) -> np.ndarray:
    """−Σ_groups log p(true class), from a plain forward pass written out here."""
    a: dict[str, np.ndarray] = {n.id: x[:, k] for k, n in enumerate(net.inputs)}
    z: dict[str, np.ndarray] = {}
    pending = [n.id for n in net if n.role != "input"]
    while pending:  # evaluate a neuron once all its sources are known
        for nid in list(pending):
            sources = [e.source for e in net.incoming(nid)]
            if all(s in a for s in sources):
                n = net.neurons[nid]
                z[nid] = n.bias + sum(net.edges[(s, nid)].weight * a[s] for s in sources)
                if n.activation == "tanh":
                    a[nid] = np.tanh(z[nid])
                elif n.activation == "sigmoid":
                    a[nid] = 1 / (1 + np.exp(-z[nid]))
                else:
                    a[nid] = z[nid]  # softmax: normalised per group below
                pending.remove(nid)
    outputs = [n.id for n in net.outputs]
    loss = np.zeros(len(x))
    for members in groups:
        zs = np.stack([z[m] for m in members])
        p = np.exp(zs) / np.exp(zs).sum(axis=0)
        true = np.stack([y[:, outputs.index(m)] for m in members])
        loss -= np.log((p * true).sum(axis=0))
    return loss


def issue_example(names: tuple[str, str] = ("ga", "gb")) -> Network:
    """One input, outputs (a1, a2) and (b1, b2) in two groups whose probabilities are
    (0.25, 0.75) and (0.2, 0.8) whatever the input (the biases are log p)."""
    net = Network()
    net.add_neuron(Neuron("x", "x", "input", "identity", feature="x"))
    for nid, p in (("a1", 0.25), ("a2", 0.75), ("b1", 0.2), ("b2", 0.8)):
        net.add_neuron(Neuron(nid, nid, "output", "softmax", bias=math.log(p)))
        net.add_edge("x", nid, 0.0)
    net.groups = [SoftmaxGroup(names[0], ["a1", "a2"]), SoftmaxGroup(names[1], ["b1", "b2"])]
    return net


def test_the_two_group_example_is_the_sum_of_each_groups_cross_entropy():
    """p = (0.25, 0.75) and (0.2, 0.8), true classes first and second: −ln 0.25 − ln 0.8."""
    net = issue_example()
    t = trace(net, [0.0], [1, 0, 0, 1], LossSpec("softmax_ce"))
    assert t.output == pytest.approx([0.25, 0.75, 0.2, 0.8])
    assert t.loss == pytest.approx(-math.log(0.25) - math.log(0.8))
    assert round(t.loss, 3) == 1.609


@pytest.mark.parametrize("skips", [False, True])
@pytest.mark.parametrize("n_groups", [1, 2, 3])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_loss_and_gradients_of_several_groups(n_groups, skips, data):
    net, groups = data.draw(grouped_networks(n_groups, skips))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    x = rng.normal(size=(5, len(net.inputs)))
    y_user = one_hot_targets(net, groups, 5, rng)
    plan = Plan(net, LossSpec("softmax_ce", reduction="sum"))
    y = plan.targets(y_user)
    theta = plan.read(net)

    def loss_of(th: np.ndarray) -> float:
        return plan.loss.reduce(plan.losses(plan.forward(plan.params(th), x), y))

    expected = direct_loss(net, groups, x, y_user)
    assert plan.losses(plan.forward(plan.params(theta), x), y) == pytest.approx(expected)
    # The trace of one example reports the same number.
    assert trace(net, x[0], y_user[0], plan.loss).loss == pytest.approx(expected[0])
    grad = plan.params(np.zeros_like(theta))
    plan.backward(plan.params(theta), grad, plan.forward(plan.params(theta), x), y)
    slots = list(plan.edge_slot.values()) + [plan.bias_offset + i
                                             for i in range(plan.n_in, plan.n)]
    for slot in slots:
        up, down = theta.copy(), theta.copy()
        up[slot] += H
        down[slot] -= H
        numeric = (loss_of(up) - loss_of(down)) / (2 * H)
        assert grad.flat[slot] == pytest.approx(numeric, rel=1e-5, abs=1e-6)


def _dataset(net: Network, groups: list[list[str]], n: int, seed: int) -> Dataset:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(net.inputs)))
    y = one_hot_targets(net, groups, n, rng)
    names = [i.feature for i in net.inputs]
    return Dataset(x, y, "multiclass", names, [o.id for o in net.outputs],
                   train=np.arange(n), test=np.arange(0))


@pytest.mark.parametrize("n_groups", [1, 2, 3])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_history_loss_and_accuracy_of_several_groups(n_groups, data):
    """Trained one epoch: the history's loss is the direct formula's mean, accuracy
    counts an example right only when every group is right; per group on its own."""
    net, groups = data.draw(grouped_networks(n_groups, data.draw(st.booleans())))
    ds = _dataset(net, groups, 40, data.draw(st.integers(0, 1000)))
    trainer = Trainer(net, ds, TrainingSettings(loss="softmax_ce", learning_rate=0.1,
                                                batch_mode="full"))
    trainer.step("epoch")
    trained = trainer.network()
    row = trainer.history.last()
    assert row["train_loss"] == pytest.approx(direct_loss(trained, groups, ds.x, ds.y).mean())

    outputs = [n.id for n in trained.outputs]
    plan = Plan(trained, LossSpec("softmax_ce"))
    probs = plan.predict(plan.params(plan.read(trained)), ds.x)
    right = []
    for members in groups:
        cols = [outputs.index(m) for m in members]
        right.append(probs[:, cols].argmax(axis=1) == ds.y[:, cols].argmax(axis=1))
    assert row["train_accuracy"] == pytest.approx(np.logical_and.reduce(right).mean())
    # In the order of the network's groups.
    assert trainer.group_accuracies("train") == pytest.approx([float(r.mean()) for r in right])


def test_trace_names_the_sum_over_groups_and_grids_carry_the_groups():
    net = Network()
    net.add_neuron(Neuron("x", "x", "input", "identity", feature="x"))
    for nid in ("b1", "a1", "b2", "a2"):
        net.add_neuron(Neuron(nid, nid, "output", "softmax"))
        net.add_edge("x", nid, 0.5)
    net.groups = [SoftmaxGroup("ga", ["a1", "a2"]), SoftmaxGroup("gb", ["b1", "b2"])]
    plan = Plan(net, LossSpec("softmax_ce"))
    assert trace(net, [1.0], [1, 0, 0, 1], plan.loss).loss_formula == \
        "L = −Σ_groups Σ_k y_k log p_k"
    # Positions in the network's output order (b1, a1, b2, a2), group by group.
    assert plan.user_output_groups == [(1, 3), (0, 2)]
