"""The lectures' 2-1024-512-3 network: built, counted, saved as edge blocks, read back.

One limit holds for building, saving and opening (``nnviz.core.limits``), and the
messages that enforce it name it.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core import builders, docschema
from nnviz.core.builders import build_shape, parse_shape
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import (
    BLOCK_EDGES,
    DocumentError,
    from_json,
    load,
    new_document,
    save,
    to_dict,
    to_json,
)
from nnviz.core.limits import MAX_EDGES, MAX_NEURONS
from nnviz.core.network import Edge, layered
from nnviz.core.params import layer_counts, total
from tests.core.strategies import networks

BIG = "2-1024-512-3"


@pytest.fixture(scope="module")
def big():
    doc = new_document()
    doc.network = build_shape(BIG, "relu", "softmax").new
    doc.dataset = DatasetSpec("blobs", classes=3)
    return doc


def test_the_slides_network_counts_529411_parameters(big):
    net = big.network
    assert (len(net.neurons), len(net.edges)) == (1541, 527_872)
    counts = layer_counts(net)
    assert [(c.neurons, c.weights, c.biases) for c in counts] == [
        (2, 0, 0), (1024, 2048, 1024), (512, 524_288, 512), (3, 1536, 3)]
    assert [c.parameters for c in counts] == [0, 3072, 524_800, 1539]
    assert total(counts).parameters == 529_411


def test_it_saves_as_three_edge_blocks_and_reads_back_equal(big, tmp_path):
    data = to_dict(big)
    assert data["format_version"] == 2
    edges = data["network"]["edges"]
    assert [(len(b["sources"]), len(b["targets"])) for b in edges] == [(2, 1024), (1024, 512),
                                                                      (512, 3)]
    path = tmp_path / "big.nnviz"
    save(big, path)
    assert path.stat().st_size < 15 * 2**20  # one object per edge: about 40 MB
    back = load(path)
    assert back == big
    assert list(back.network.edges) == list(big.network.edges)  # the same order


def test_blocks_between_single_edges_keep_the_order():
    net = layered([2, 30, 30, 1])  # 60 + 900 + 30 edges
    keys = list(net.edges)
    # A skip edge after the first edge of the 11th row of the 30 × 30 layer: ten full
    # rows (300 edges) before it, nineteen (570) after it are blocks, the rest single.
    edges = dict(net.edges)
    net.edges.clear()
    for k, key in enumerate(keys):
        net.edges[key] = edges[key]
        if k == 60 + 300:
            net.add_edge("n1", "n42", 0.25)
    doc = new_document()
    doc.network = net
    items = to_dict(doc)["network"]["edges"]
    blocks = [(len(i["sources"]), len(i["targets"])) for i in items if "sources" in i]
    assert blocks == [(10, 30), (19, 30)]
    back = from_json(to_json(doc))
    assert list(back.network.edges) == list(net.edges)
    assert back == doc


@settings(max_examples=40, deadline=None)
@given(net=networks())
def test_levels_in_one_pass_equal_the_walk(net):
    sources = {nid: [] for nid in net.neurons}
    for e in net.edges.values():
        sources[e.target].append(e.source)
    try:
        fast = net._levels_in_order(sources)
    except KeyError:
        return
    assert fast == net._levels_by_walk(sources)


def hand_file(edges: list) -> str:
    data = to_dict(new_document())
    data["network"] = {"neurons": [
        {"id": i, "role": r, "activation": "identity" if r == "input" else "tanh"}
        for i, r in [("a", "input"), ("b", "input"), ("h", "hidden"), ("k", "hidden"),
                     ("o", "output")]], "edges": edges}
    return json.dumps(data)


def test_a_hand_written_block_is_read_edge_by_edge():
    doc = from_json(hand_file([
        {"sources": ["a", "b"], "targets": ["h", "k"], "weights": [[1, 2], [3, 4.5]]},
        {"source": "h", "target": "o", "weight": 1.0}]))
    assert {k: e.weight for k, e in doc.network.edges.items()} == {
        ("a", "h"): 1.0, ("a", "k"): 2.0, ("b", "h"): 3.0, ("b", "k"): 4.5, ("h", "o"): 1.0}


@pytest.mark.parametrize("edges, message", [
    ([{"sources": ["a"], "targets": ["h"], "weights": [[1.0]]},
      {"source": "a", "target": "h", "weight": 2.0}],
     "network.edges[1]: duplicate edge 'a' → 'h' (also network.edges[0])"),
    ([{"source": "a", "target": "h", "weight": 2.0},
      {"sources": ["b", "a"], "targets": ["h"], "weights": [[1.0], [1.0]]}],
     "network.edges[1]: duplicate edge 'a' → 'h' (also network.edges[0])"),
    ([{"sources": ["a", "b"], "targets": ["h"], "weights": [[1.0]]}],
     "network.edges[0].weights: must have one row per source (2), got 1"),
    ([{"sources": ["a"], "targets": ["h", "k"], "weights": [[1.0]]}],
     "network.edges[0].weights[0]: must have one weight per target (2), got 1"),
    ([{"sources": ["a"], "targets": ["h9"], "weights": [[1.0]]}],
     "network.edges[0].targets[0]: no neuron with id 'h9'"),
    ([{"sources": ["a", "a"], "targets": ["h"], "weights": [[1.0], [1.0]]}],
     "network.edges[0].sources[1]: 'a' appears twice in the block"),
    ([{"sources": ["a"], "targets": ["h"], "weights": [["x"]]}],
     "network.edges[0].weights[0][0]: must be a finite number, got a string"),
    ([{"sources": ["a"], "targets": ["h"], "weights": [[1.0]], "extra": 1}],
     "network.edges[0].extra: unknown field"),
    ([{"sources": ["o"], "targets": ["h"], "weights": [[1.0]]}],
     "outputs do not feed other neurons"),
])
def test_a_bad_block_is_refused_by_name(edges, message):
    with pytest.raises(DocumentError) as info:
        from_json(hand_file(edges))
    assert message in str(info.value)


def test_a_version_1_file_still_opens():
    data = json.loads(hand_file([{"source": "a", "target": "h", "weight": 2.0}]))
    data["format_version"] = 1
    assert from_json(json.dumps(data)).network.edges[("a", "h")] == Edge("a", "h", 2.0)


def test_one_limit_for_building_and_opening(monkeypatch):
    assert MAX_EDGES >= 527_872 and MAX_NEURONS >= 1541
    with pytest.raises(ValueError, match=f"a network holds at most {MAX_EDGES:,}"):
        parse_shape("2-1000-1000-3")
    with pytest.raises(ValueError, match=f"a network holds at most {MAX_NEURONS:,}"):
        parse_shape("2-3000-3000-3")
    monkeypatch.setattr(docschema, "MAX_EDGES", 3)
    monkeypatch.setattr(builders, "MAX_EDGES", 3)
    with pytest.raises(ValueError, match="4 edges is too many .a network holds at most 3"):
        parse_shape("2-2")
    block = {"sources": ["a", "b"], "targets": ["h", "k"], "weights": [[1, 2], [3, 4]]}
    with pytest.raises(DocumentError, match="4 edges so far; a network holds at most 3"):
        from_json(hand_file([block]))


def test_small_runs_stay_one_object_per_edge():
    doc = new_document()
    doc.network = layered([2, 8, 1])
    assert BLOCK_EDGES > 2 * 8
    assert all("source" in e for e in to_dict(doc)["network"]["edges"])


@given(st.sampled_from(["2-1", "3-17-2", "2-16-16-1", "1-300-1"]))
def test_built_networks_round_trip(shape):
    doc = new_document()
    doc.network = build_shape(shape).new
    assert from_json(to_json(doc)) == doc
