"""The compiled plan: level structure, masks for skip connections, mixed activations,
and the messages a student sees when a network cannot be compiled."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.data import Dataset
from nnviz.core.init import initialized
from nnviz.core.network import Edge, Network, NetworkError, Neuron, SoftmaxGroup, layered
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import Trainer


def circle_data(n: int = 60) -> Dataset:
    rng = np.random.default_rng(0)
    x = rng.uniform(-1.0, 1.0, (n, 2))
    y = np.where((x**2).sum(axis=1) < 0.5, 1.0, -1.0)
    idx = np.arange(n)
    return Dataset(x, y, "binary", ["x1", "x2"], ["y"], idx, idx, label_values=(-1.0, 1.0))


def test_layered_network_compiles_to_plain_matrices():
    plan = Plan(layered([2, 4, 2, 1], "tanh"))
    assert [lv.shape for lv in plan.levels] == [(4, 2), (2, 4), (1, 2)]
    assert all(lv.mask is None for lv in plan.levels)
    assert [(lv.src_lo, lv.src_hi) for lv in plan.levels] == [(0, 2), (2, 6), (6, 8)]
    assert plan.n_weights == 2 * 4 + 4 * 2 + 2 * 1
    assert plan.size == plan.n_weights + 2 * plan.n
    assert [len(lv.runs) for lv in plan.levels] == [1, 1, 1]


def test_layered_forward_is_the_matrix_formula():
    net = initialized(layered([2, 3, 1], "sigmoid"), "uniform", seed=4)
    plan = Plan(net)
    theta = plan.read(net)
    x = np.array([[0.5, -1.0], [2.0, 0.25]])
    ids = list(net.neurons)
    W1 = np.array([[net.edges[(s, t)].weight for s in ids[:2]] for t in ids[2:5]])
    W2 = np.array([[net.edges[(s, ids[5])].weight for s in ids[2:5]]])
    b1 = np.array([net.neurons[t].bias for t in ids[2:5]])
    h = 1 / (1 + np.exp(-(x @ W1.T + b1)))
    want = 1 / (1 + np.exp(-(h @ W2.T + net.neurons[ids[5]].bias)))
    np.testing.assert_allclose(plan.predict(plan.params(theta), x), want, rtol=1e-14)
    # Every neuron's activations stay in the workspace (the decision-region maps use them).
    ws = plan.forward(plan.params(theta), x)
    np.testing.assert_allclose(ws.a[2:5].T, h, rtol=1e-14)


def skip_network() -> Network:
    """2-3-1 with an extra edge x1 → ŷ skipping the hidden layer."""
    net = initialized(layered([2, 3, 1], "tanh"), "uniform", seed=2)
    x1, out = net.inputs[0].id, net.outputs[0].id
    net.add_edge(x1, out, 0.3)
    return net


def test_skip_connection_produces_a_mask():
    net = skip_network()
    plan = Plan(net)
    first, last = plan.levels
    assert first.mask is None
    assert last.mask is not None
    assert last.shape == (1, 5)  # reads x1, x2 and the three hidden neurons
    assert last.mask.sum() == 4  # x1 and three hidden neurons; x2 → ŷ is absent
    assert len(plan.edge_slot) == len(net.edges)


def test_absent_edges_stay_exactly_zero_after_training():
    net = skip_network()
    trainer = Trainer(net, circle_data(), TrainingSettings(learning_rate=0.3, momentum=0.5,
                                                           regularization="l2", reg_rate=0.01))
    trainer.run_epochs(20)
    plan = trainer.plan
    absent = np.setdiff1d(np.arange(plan.n_weights), list(plan.edge_slot.values()))
    assert absent.size == 1
    assert trainer.theta[absent].tolist() == [0.0]
    before = Plan(net).read(net)
    assert not np.allclose(trainer.theta[: plan.n_weights], before[: plan.n_weights])
    # Writing back keeps the document's edge set: no edge appears for the absent slot.
    assert set(trainer.network().edges) == set(net.edges)


def test_mixed_activations_in_one_layer():
    net = initialized(layered([2, 4, 1], "tanh"), "uniform", seed=5)
    hidden = [n.id for n in net.neurons.values() if n.role == "hidden"]
    for nid, act in zip(hidden, ["relu", "sigmoid", "tanh", "leaky_relu"]):
        net.neurons[nid].activation = act
    plan = Plan(net)
    assert len(plan.levels[0].runs) == 4  # one row range per activation
    x = np.array([[0.7, -0.2], [-1.5, 0.4], [0.1, 0.9]])
    theta = plan.read(net)
    ws = plan.forward(plan.params(theta), x)
    funcs = {
        "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "tanh": np.tanh, "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    }
    for nid in hidden:
        neuron = net.neurons[nid]
        z = sum(net.edges[(s.id, nid)].weight * x[:, k] for k, s in enumerate(net.inputs))
        z = z + neuron.bias
        np.testing.assert_allclose(ws.a[plan.index[nid]], funcs[neuron.activation](z),
                                   rtol=1e-12)
    trainer = Trainer(net, circle_data(), TrainingSettings(learning_rate=0.1))
    trainer.run_epochs(30)
    losses = trainer.history.array("train_loss")
    assert trainer.diverged is None and losses[-1] < losses[0]


def assert_problem(net: Network, *names: str) -> str:
    with pytest.raises(NetworkError) as info:
        Plan(net)
    message = str(info.value)
    for name in names:
        assert name in message, message
    return message


def small() -> Network:
    return layered([2, 2, 1], "sigmoid")


def test_cycle_is_refused_naming_a_neuron():
    net = small()
    h1, h2 = [n.id for n in net.neurons.values() if n.role == "hidden"]
    # add_edge refuses a cycle outright; a hand-edited file can still contain one.
    with pytest.raises(NetworkError, match="cycle"):
        net.add_edge(h1, h2)
        net.add_edge(h2, h1)
    net.edges[(h2, h1)] = Edge(h2, h1, 1.0)
    message = assert_problem(net, "cycle")
    assert "h1" in message or "h2" in message


def test_dangling_edge_is_refused_naming_the_id():
    net = small()
    net.edges[("n1", "ghost")] = Edge("n1", "ghost", 1.0)
    assert_problem(net, "ghost", "no neuron")


def test_edge_into_an_input_is_refused():
    net = small()
    x1, x2 = [n.id for n in net.inputs]
    net.edges[(x1, x2)] = Edge(x1, x2, 1.0)
    assert_problem(net, "'x1'", "'x2'", "inputs take no incoming edges")


def test_output_without_a_path_from_the_inputs():
    net = small()
    out = net.outputs[0].id
    for key in [k for k in net.edges if k[1] != out]:
        del net.edges[key]
    assert_problem(net, "'ŷ'", "no path from any input")


def test_softmax_group_of_one():
    net = layered([2, 2], "softmax")
    lonely = net.outputs[1].id
    net.neurons[lonely].activation = "sigmoid"
    net.groups = [SoftmaxGroup("g9", [net.outputs[0].id])]
    assert_problem(net, "'g9'", "1 member", "two or more")


def test_softmax_group_compiles_as_one_row_range():
    net = initialized(layered([2, 3, 3], "tanh", "softmax"), "uniform", seed=1)
    plan = Plan(net)
    assert plan.levels[-1].groups == ((plan.out_lo, plan.out_hi),)
    x = np.random.default_rng(1).normal(size=(5, 2))
    p = plan.predict(plan.params(plan.read(net)), x)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)


def test_targets_follow_the_users_output_order():
    net = Network()
    net.add_neuron(Neuron("x", "x", "input", "identity"))
    net.add_neuron(Neuron("o1", "o1", "output", "tanh"))
    net.add_neuron(Neuron("o2", "o2", "output", "identity"))
    net.add_edge("x", "o1", 1.0)
    net.add_edge("x", "o2", 2.0)
    plan = Plan(net)
    # Sorted by activation within the level, so "identity" comes before "tanh".
    assert plan.output_ids == ["o2", "o1"]
    y = np.array([[10.0, 20.0]])
    assert plan.targets(y).tolist() == [[20.0, 10.0]]
    out = plan.predict(plan.params(plan.read(net)), np.array([[0.5]]))
    np.testing.assert_allclose(out, [[np.tanh(0.5), 1.0]])


def dead_end_network() -> Network:
    """Skip edge plus a hidden neuron with no outgoing edge (its δ must be exactly 0)."""
    net = skip_network()
    hidden = [n.id for n in net.neurons.values() if n.role == "hidden"]
    net.remove_edge(hidden[-1], net.outputs[0].id)
    return net


@pytest.mark.parametrize("make", [lambda: initialized(layered([2, 4, 2, 1], "tanh"), seed=1),
                                  skip_network, dead_end_network],
                         ids=["layered", "skip", "dead-end"])
def test_reused_workspace_keeps_no_stale_gradients(make):
    """The backward pass assigns ∂L/∂a where it can; a second batch must not see the first."""
    net = make()
    rng = np.random.default_rng(3)
    x1, x2 = rng.normal(size=(2, 6, 2))
    y1, y2 = rng.normal(size=(2, 6, 1))
    used, fresh = Plan(net), Plan(net)
    theta = used.read(net)
    p = used.params(theta)
    g_used, g_fresh = used.params(np.zeros_like(theta)), fresh.params(np.zeros_like(theta))
    used.backward(p, g_used, used.forward(p, x1), y1, input_grads=True)
    used.backward(p, g_used, used.forward(p, x2), y2)
    fresh.backward(fresh.params(theta), g_fresh, fresh.forward(fresh.params(theta), x2), y2)
    np.testing.assert_array_equal(g_used.flat, g_fresh.flat)
    dead = [n.id for n in net.neurons.values() if n.role == "hidden" and not net.outgoing(n.id)]
    for nid in dead:  # a neuron that feeds nothing gets no gradient, even on a reused workspace
        assert g_used.bias[used.index[nid]] == 0.0
