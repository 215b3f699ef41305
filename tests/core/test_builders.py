"""Command builders: layers, connect-all, shapes, auto layout, copy/paste, roles."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from nnviz.core.builders import (
    CLIPBOARD_FORMAT,
    add_layer,
    add_neuron,
    added_neurons,
    auto_layout,
    build_shape,
    connect_all,
    copy_selection,
    parse_shape,
    paste,
    set_role,
)
from nnviz.core.network import Network, SoftmaxGroup, layered


@dataclass
class Doc:
    network: Network
    settings: object = None
    dataset: object = None
    view: dict = field(default_factory=dict)


def test_add_layer_makes_a_centred_column_with_fresh_ids_and_labels() -> None:
    doc = Doc(layered([2, 1]))
    command = add_layer(doc.network, 3, "relu")
    command.apply(doc)
    new = [doc.network.neurons[i] for i in added_neurons(command)]
    assert [n.label for n in new] == ["h1", "h2", "h3"]
    assert {n.x for n in new} == {320.0} and [n.y for n in new] == [-80.0, 0.0, 80.0]
    assert {n.activation for n in new} == {"relu"} and len(set(added_neurons(command))) == 3
    command.undo(doc)
    assert list(doc.network.neurons) == ["n1", "n2", "n3"]
    with pytest.raises(ValueError):
        add_layer(doc.network, 0)


def test_connect_all_skips_what_the_network_refuses() -> None:
    net = layered([2, 2, 1])
    doc = Doc(net)
    # n1, n2 inputs; n3, n4 hidden; n5 output. Self-loops, edges into inputs, out of
    # outputs and existing ones are skipped; a skip connection and hidden → hidden are added.
    command = connect_all(net, ["n1", "n3", "n5"], ["n1", "n4", "n5", "n3"], seed=3)
    command.apply(doc)
    assert [c.key for c in command.commands] == [("n1", "n5"), ("n3", "n4")]
    ok = connect_all(net, ["n4"], ["n3"])  # n3 → n4 exists now: n4 → n3 would be a cycle
    assert ok.commands == []


def test_connect_all_weights() -> None:
    net = Network()
    add_layer(net, 2, role="input").apply(Doc(net))
    add_layer(net, 2, x=160).apply(Doc(net))
    fixed = connect_all(net, ["n1", "n2"], ["n3", "n4"], weight=0.25)
    assert {c.weight for c in fixed.commands} == {0.25} and len(fixed.commands) == 4
    drawn = connect_all(net, ["n1", "n2"], ["n3", "n4"], seed=7)
    again = connect_all(net, ["n1", "n2"], ["n3", "n4"], seed=7)
    assert [c.weight for c in drawn.commands] == [c.weight for c in again.commands]
    assert all(-0.5 <= c.weight <= 0.5 for c in drawn.commands)


@pytest.mark.parametrize("text, sizes", [("2-4-2-1", [2, 4, 2, 1]), ("2, 3 ,1", [2, 3, 1]),
                                         ("4 8 3", [4, 8, 3]), ([3, 1], [3, 1])])
def test_parse_shape(text, sizes) -> None:
    assert parse_shape(text) == sizes


@pytest.mark.parametrize("bad", ["", "2", "2-0-1", "two-one", "1-5000"])
def test_parse_shape_refuses(bad) -> None:
    with pytest.raises(ValueError, match="shape"):
        parse_shape(bad)


def test_build_shape_replaces_the_network_in_place_and_undoes() -> None:
    net = layered([2, 1])
    doc = Doc(net)
    before = net.copy()
    command = build_shape("2-4-2-1", "tanh", "sigmoid", seed=5)
    change = command.apply(doc)
    assert doc.network is net  # the same object: views holding it stay valid
    assert [len(net.by_role(r)) for r in ("input", "hidden", "output")] == [2, 6, 1]
    assert len(net.edges) == 8 + 8 + 2 and net.problems() == []
    assert any(e.weight != 0 for e in net.edges.values())  # initialised
    assert net.outputs[0].activation == "sigmoid"
    assert set(before.neurons) <= change.neurons
    command.undo(doc)
    assert net == before and list(net.neurons) == list(before.neurons)
    softmax = build_shape("2-3", "relu", "softmax", init=None)
    softmax.apply(doc)
    assert len(net.groups) == 1 and len(net.groups[0].members) == 3


def test_auto_layout_columns_by_depth_and_keeps_row_order() -> None:
    net = layered([2, 2, 1])
    for n in net.neurons.values():
        n.x, n.y = n.x * 0.7 + 13, n.y * 1.5
    net.neurons["n3"].y, net.neurons["n4"].y = 90, -90  # user put h2 above h1
    net.add_edge("n1", "n5")  # a skip connection does not change the output's column
    doc = Doc(net)
    auto_layout(net).apply(doc)
    pos = {nid: (n.x, n.y) for nid, n in net.neurons.items()}
    assert pos == {"n1": (0, -40), "n2": (0, 40), "n3": (160, 40), "n4": (160, -40),
                   "n5": (320, 0)}
    assert auto_layout(net).new == {}  # already tidy


def test_copy_and_paste_fresh_ids_edges_and_groups() -> None:
    net = layered([2, 3], "tanh", "softmax")
    doc = Doc(net)
    clip = copy_selection(net, ["n1", "n3", "n4"])
    clip = json.loads(json.dumps(clip))  # it travels through the clipboard as JSON
    assert clip["format"] == CLIPBOARD_FORMAT
    assert [e["source"] + e["target"] for e in clip["edges"]] == ["n1n3", "n1n4"]
    assert clip["groups"] == [{"members": ["n3", "n4"]}]
    command = paste(net, clip, (10.0, 20.0))
    command.apply(doc)
    new = added_neurons(command)
    assert len(new) == 3 and not set(new) & {"n1", "n3", "n4"}
    assert (net.neurons[new[0]].x, net.neurons[new[0]].y) == (10.0, -20.0)
    assert (new[0], new[1]) in net.edges and (new[0], new[2]) in net.edges
    assert net.groups[-1].members == [new[1], new[2]]
    assert len({g.id for g in net.groups} | set(net.neurons)) == len(net.groups) + 8
    command.undo(doc)
    assert len(net.neurons) == 5 and net.groups == [SoftmaxGroup("g6", ["n3", "n4", "n5"])]


@pytest.mark.parametrize("clip, match", [
    ({"format": "other"}, "no nnviz"), ("text", "no nnviz"),
    ({"format": CLIPBOARD_FORMAT, "neurons": []}, "nothing"),
    ({"format": CLIPBOARD_FORMAT, "neurons": [{"id": "a"}]}, "cannot be read"),
    ({"format": CLIPBOARD_FORMAT, "neurons": [{"id": "a", "label": "a", "bias": "x"}]},
     "not a number"),
    ({"format": CLIPBOARD_FORMAT, "neurons": [{"id": "a", "label": "a", "role": "boss"}]},
     "role"),
])
def test_paste_refuses_foreign_clipboards(clip, match) -> None:
    with pytest.raises(ValueError, match=match):
        paste(Network(), clip)


def test_add_neuron_and_set_role() -> None:
    net = layered([2, 2, 1], "relu", "sigmoid")
    doc = Doc(net)
    add = add_neuron(net, 160, 200)
    add.apply(doc)
    h = add.neuron
    assert (h.label, h.role, h.activation) == ("h3", "hidden", "relu")
    set_role(net, h.id, "input").apply(doc)
    assert (h.id, net.neurons[h.id].role, net.neurons[h.id].feature) == (h.id, "input", "x3")
    assert net.neurons[h.id].label == "x3" and net.neurons[h.id].activation == "identity"
    set_role(net, h.id, "output").apply(doc)
    assert net.neurons[h.id].activation == "sigmoid" and net.neurons[h.id].feature is None
    with pytest.raises(ValueError, match="incoming"):
        set_role(net, "n3", "input")
    with pytest.raises(ValueError, match="feeds"):
        set_role(net, "n3", "output")


def test_set_role_leaves_softmax_groups_consistent() -> None:
    net = layered([2, 3], "tanh", "softmax")
    doc = Doc(net)
    command = set_role(net, "n5", "hidden")
    command.apply(doc)
    assert net.neurons["n5"].activation == "tanh"
    assert net.groups[0].members == ["n3", "n4"]
    command.undo(doc)
    assert net.groups[0].members == ["n3", "n4", "n5"]
