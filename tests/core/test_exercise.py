"""Exercise variants: hand-workable numbers, nothing saturated, the same per seed."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.document import from_json, to_json
from nnviz.core.exercise import (
    Z_MAX,
    ExerciseError,
    ExerciseSpec,
    answer_trace,
    key_rows,
    make_variant,
    make_variants,
    spec_from_options,
)


def _params(variant):
    net = variant.document.network
    return ([e.weight for e in net.edges.values()], [n.bias for n in net.neurons.values()],
            variant.x, variant.y)


def test_the_same_seed_gives_the_same_variants_and_a_short_sheet_is_a_prefix():
    spec = ExerciseSpec(seed=7)
    ten = make_variants(spec, 10)
    three = make_variants(spec, 3)
    assert [to_json(v.document) for v in three] == [to_json(v.document) for v in ten[:3]]
    other = make_variants(ExerciseSpec(seed=8), 3)
    assert [_params(v) for v in other] != [_params(v) for v in three]
    assert len({str(_params(v)) for v in ten}) == 10  # ten different exercises


def test_numbers_can_be_worked_by_hand():
    for v in make_variants(ExerciseSpec(), 20):
        weights, biases, x, y = _params(v)
        for value in weights + biases + x:
            assert value == round(value, 1) and abs(value) <= 1.0
        assert all(w != 0 for w in weights) and all(v != 0 for v in x)
        assert set(y) <= {0.0, 1.0}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), index=st.integers(1, 500),
       activation=st.sampled_from(["sigmoid", "tanh"]),
       convention=st.sampled_from(["dl_dz", "mitchell"]))
def test_no_variant_saturates(seed, index, activation, convention):
    v = make_variant(ExerciseSpec(seed=seed, activation=activation, convention=convention),
                     index)
    for n in v.trace.neurons:
        if n.role == "input":
            continue
        assert abs(n.z) <= Z_MAX
        # Far from flat: the slope is at least what it is at |z| = 2.
        assert n.g_prime >= (0.1049 if activation == "sigmoid" else 0.0706)
        assert abs(n.delta) >= 0.002


def test_the_document_holds_the_exercise_and_its_trace_is_the_key():
    v = make_variant(ExerciseSpec(convention="mitchell", learning_rate=0.2), 4)
    doc = from_json(to_json(v.document))  # saved and opened again
    assert doc.settings.convention == "mitchell" and doc.settings.learning_rate == 0.2
    assert doc.problems() == []
    rows = key_rows(answer_trace(doc))
    assert rows == key_rows(v.trace)
    out = next(r for r in rows if r.item == "ŷ")
    # Mitchell's δ = o(1 − o)(y − o) for a sigmoid output with ½ squared error.
    o, y = out.values["a"], v.y[0]
    assert math.isclose(out.values["delta"], o * (1 - o) * (y - o))
    edge = next(r for r in rows if r.item == "h1->ŷ")
    assert math.isclose(edge.values["w_new"], edge.given + edge.values["delta_w"])


@pytest.mark.parametrize("options, message", [
    ({"shape": "2-5-5-1"}, "too big"),
    ({"shape": "2-two-1"}, "--shape"),
    ({"shape": "2-2-1", "loss": "bce", "activation": "tanh"}, "--loss bce"),
    ({"shape": "2-2-1", "cells": "z,nope"}, "--cells: unknown cell 'nope'"),
    ({"shape": "2-2-1", "digits": 2}, "--digits: must be from 3 to 8"),
])
def test_bad_options_name_the_option(options, message):
    with pytest.raises(ExerciseError, match=message):
        spec_from_options(**options)


def test_the_decision_map_of_a_one_example_document_is_a_unit_box_around_it():
    from nnviz.core.session import grid_extent

    data = make_variant(ExerciseSpec(), 1).document.build_dataset()
    (x1, x2), = data.x
    assert grid_extent(data) == pytest.approx((x1 - 1, x1 + 1, x2 - 1, x2 + 1))
