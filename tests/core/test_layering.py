"""Playground-style edits on the diagram's columns: each one step, undone exactly."""

from __future__ import annotations

import math
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.builders import COLUMN
from nnviz.core.document import blank_document
from nnviz.core.layering import (
    MIN_DISTANCE,
    add_hidden_layer,
    columns,
    connect_columns,
    connect_to_column,
    free_spot,
    grow_column,
    output_activation,
    role_at,
    shrink_column,
    toggle_feature,
)
from nnviz.core.network import layered


def state(net):
    return ([(k, vars(n).copy()) for k, n in net.neurons.items()],
            [(k, asdict(e)) for k, e in net.edges.items()],
            [vars(g).copy() for g in net.groups])


def apply_and_undo(doc, command):
    before = state(doc.network)
    command.apply(doc)
    after = state(doc.network)
    command.undo(doc)
    assert state(doc.network) == before
    command.apply(doc)
    assert state(doc.network) == after


def test_the_blank_document_is_xor_2_1_and_a_layer_makes_it_2_3_1():
    doc = blank_document()
    net = doc.network
    assert [len(c.ids) for c in columns(net)] == [2, 1]
    assert [c.index for c in columns(net)] == [0, 2]  # a free column for the hidden part
    assert net.outputs[0].activation == "sigmoid" and doc.settings.loss == "bce"
    assert doc.problems() == []
    apply_and_undo(doc, add_hidden_layer(net, seed=3))
    assert [len(c.ids) for c in columns(net)] == [2, 3, 1]
    hidden = columns(net)[1].ids
    x1, x2 = columns(net)[0].ids
    out = net.outputs[0].id
    assert set(net.edges) == {(i, h) for i in (x1, x2) for h in hidden} | {
        (h, out) for h in hidden}  # the direct x → ŷ edges went
    assert all(-0.5 <= e.weight <= 0.5 and e.weight != 0 for e in net.edges.values())
    assert net.outputs[0].x == 2 * COLUMN  # it had room: nothing moved


def test_a_second_layer_pushes_the_output_right():
    doc = blank_document()
    add_hidden_layer(doc.network, seed=1).apply(doc)
    apply_and_undo(doc, add_hidden_layer(doc.network, size=2, seed=2))
    net = doc.network
    assert [(c.index, len(c.ids)) for c in columns(net)] == [(0, 2), (1, 3), (2, 2), (3, 1)]
    first, second = columns(net)[1].ids, columns(net)[2].ids
    assert not any(net.outgoing(h) and net.outgoing(h)[0].target == net.outputs[0].id
                   for h in first)
    assert {e.target for h in first for e in net.outgoing(h)} == set(second)


def test_plus_and_minus_add_and_remove_one_fully_connected_neuron():
    doc = blank_document()
    add_hidden_layer(doc.network, seed=1).apply(doc)
    net = doc.network
    index = columns(net)[1].index
    grow = grow_column(net, index, seed=5)
    apply_and_undo(doc, grow)
    column = columns(net)[1]
    assert len(column.ids) == 4
    new = column.ids[-1]
    assert {e.source for e in net.incoming(new)} == set(columns(net)[0].ids)
    assert {e.target for e in net.outgoing(new)} == {net.outputs[0].id}
    ys = [net.neurons[i].y for i in column.ids]
    assert [b - a for a, b in zip(ys, ys[1:])] == [80.0] * 3 and sum(ys) == 0  # re-spaced
    apply_and_undo(doc, shrink_column(net, index))
    assert len(columns(net)[1].ids) == 3
    with pytest.raises(ValueError, match="feature"):
        grow_column(net, 0)  # inputs come from the data
    for _ in range(2):
        shrink_column(net, index).apply(doc)
    with pytest.raises(ValueError, match="at least one"):
        shrink_column(net, index)


def test_feature_toggles_add_and_remove_an_input_wired_like_the_others():
    doc = blank_document()
    add_hidden_layer(doc.network, seed=1).apply(doc)
    net = doc.network
    command = toggle_feature(net, "x1*x2", seed=4)
    apply_and_undo(doc, command)
    new = next(n for n in net.inputs if n.feature == "x1*x2")
    assert new.label == "x1·x2" and new.x == 0
    assert {e.target for e in net.outgoing(new.id)} == set(columns(net)[1].ids)
    assert doc.problems() == []  # the data computes it
    assert [net.neurons[i].feature for i in columns(net)[0].ids] == ["x1", "x2", "x1*x2"]
    apply_and_undo(doc, toggle_feature(net, "x1*x2"))
    assert [n.feature for n in net.inputs] == ["x1", "x2"]
    toggle_feature(net, "x1").apply(doc)
    assert [n.feature for n in net.inputs] == ["x2"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-300, 600), st.floats(-300, 300)), max_size=12),
       st.booleans())
def test_a_free_spot_keeps_a_clear_gap_from_every_neuron(clicks, snap):
    doc = blank_document()
    net = doc.network
    from nnviz.core.builders import add_neuron
    for x, y in clicks:
        fx, fy = free_spot(net, x, y, snap)
        if snap:
            assert fx % COLUMN == 0 and abs(fx - x) <= COLUMN / 2
        else:
            assert fx == x
        for other in net.neurons.values():
            assert math.hypot(other.x - fx, other.y - fy) >= MIN_DISTANCE - 1e-6
        add_neuron(net, fx, fy).apply(doc)


def test_a_free_spot_is_the_click_when_nothing_is_near():
    net = blank_document().network
    assert free_spot(net, 170, 13) == (160, 13)
    assert free_spot(net, 4, -38) == (0, pytest.approx(-40 - MIN_DISTANCE, abs=0.5))  # not on x1


def test_role_by_place_and_output_activation_by_task():
    net = blank_document().network
    assert role_at(net, 10) == "input" and role_at(net, 330) == "output"
    assert role_at(net, 160) == "hidden" and role_at(net, 800) == "hidden"
    assert output_activation("binary", (-1, 1)) == "tanh"
    assert output_activation("binary") == "sigmoid"
    assert output_activation("regression") == "identity"


def test_connect_columns_all_to_all_and_to_a_whole_column():
    net = layered([2, 3, 1], "tanh")
    net.edges.clear()
    x1, x2, h1, h2, h3, y = list(net.neurons)
    from nnviz.core.datasets import DatasetSpec
    from nnviz.core.document import Document
    doc = Document(net, DatasetSpec("xor"))
    command = connect_columns(net, [x1, x2, h1, h2, h3], seed=0)
    apply_and_undo(doc, command)
    assert set(net.edges) == {(a, b) for a in (x1, x2) for b in (h1, h2, h3)}
    batch, refused = connect_to_column(net, h1, columns(net)[2].index)
    assert len(batch.commands) == 1 and refused == []
    batch, refused = connect_to_column(net, y, columns(net)[1].index)
    assert batch.commands == [] and len(refused) == 3 and "outputs do not" in refused[0]
