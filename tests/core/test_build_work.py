"""Building a big layered network checks the graph for cycles once, not once per edge."""

from __future__ import annotations

import pytest

from nnviz.core.builders import build_shape, connect_all
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import Document, from_json, to_json
from nnviz.core.network import Network, NetworkError, Neuron, layered


@pytest.fixture
def walks(monkeypatch):
    """Counts the whole-graph walks: reachability (per edge before) and level assignment."""
    count = {"reaches": 0, "levels": 0}
    reaches, levels = Network.reaches, Network.levels

    def counted_reaches(self, *a):
        count["reaches"] += 1
        return reaches(self, *a)

    def counted_levels(self):
        count["levels"] += 1
        return levels(self)

    monkeypatch.setattr(Network, "reaches", counted_reaches)
    monkeypatch.setattr(Network, "levels", counted_levels)
    return count


def test_ctrl_b_on_201_neurons_walks_the_graph_once(walks):
    command = build_shape("2-" + "-".join(["33"] * 6) + "-1")  # 201 neurons, 5,447 edges
    assert len(command.new.neurons) == 201 and len(command.new.edges) == 2 * 33 + 5 * 33**2 + 33
    assert walks["reaches"] == 0
    assert walks["levels"] <= 2  # the layered build's check, and initialisation's


def test_connect_all_between_layers_needs_no_per_edge_walk(walks):
    net = layered([3, 40, 40], "tanh")
    hidden = [n.id for n in net.by_role("hidden")]
    outs = [n.id for n in net.outputs]
    for key in list(net.edges):
        if key[1] in outs:
            del net.edges[key]
    walks["reaches"] = 0
    batch = connect_all(net, hidden, outs)
    assert len(batch.commands) == 1600 and walks["reaches"] == 0


def test_connect_all_still_skips_edges_that_would_close_a_cycle():
    net = Network()
    for nid in ("a", "b", "c"):
        net.add_neuron(Neuron(nid, nid, "hidden", "tanh"))
    net.add_edge("a", "b")
    net.add_edge("b", "c")
    batch = connect_all(net, ["c", "a"], ["a", "c"])
    assert [c.key for c in batch.commands] == [("a", "c")]


def test_add_edges_refuses_a_cycle_and_adds_nothing():
    net = Network()
    for nid in ("a", "b"):
        net.add_neuron(Neuron(nid, nid, "hidden", "tanh"))
    with pytest.raises(NetworkError, match="cycle"):
        net.add_edges([("a", "b", 1.0), ("b", "a", 1.0)])
    assert net.edges == {}


def test_a_network_of_any_depth_builds_saves_loads_and_trains():
    """No depth limit anywhere: levels are assigned without recursion."""
    net = Network()
    net.add_neuron(Neuron("x", "x1", "input", "identity", feature="x1"))
    net.add_neuron(Neuron("x2", "x2", "input", "identity", feature="x2"))
    chain = 1500  # far beyond Python's recursion limit of 1000, and the old limit of 100
    ids = ["x"] + [f"h{k}" for k in range(chain)] + ["o"]
    for nid in ids[1:-1]:
        net.add_neuron(Neuron(nid, nid, "hidden", "tanh"))
    net.add_neuron(Neuron("o", "o", "output", "tanh"))
    net.add_edges((s, t, 0.5) for s, t in zip(ids, ids[1:]))
    assert max(net.levels().values()) == chain + 1
    doc = Document(net, DatasetSpec("circle"))
    loaded = from_json(to_json(doc))
    assert loaded.network == net
    assert trace_loss(loaded) >= 0


def trace_loss(doc: Document) -> float:
    from nnviz.core.trace import trace

    return trace(doc.network, [0.5, 0.0], [1.0]).loss
