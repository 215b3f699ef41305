"""The .nnviz document: round trips, atomic saves, and one located error for every bad input."""

from __future__ import annotations

import copy
import json
import os
import struct
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnviz.core import document as document_module
from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.document import (
    MIGRATIONS,
    Document,
    DocumentError,
    from_json,
    load,
    migrate,
    new_document,
    save,
    to_dict,
    to_json,
)
from nnviz.core.init import initialized
from nnviz.core.network import Edge, Network, Neuron, SoftmaxGroup, layered
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import Trainer
from tests.core.strategies import networks


# ------------------------------------------------------------------ documents
def spec_doc() -> Document:
    """2-4-2-1 tanh on the circle, trained two epochs: weights, history, epoch and view."""
    s = TrainingSettings(seed=3)
    net = initialized(layered([2, 4, 2, 1], "tanh"), "uniform", 3)
    spec = DatasetSpec("circle", n_points=40)
    trainer = Trainer(net, make_dataset(spec), s)
    trainer.run_epochs(2)
    view = {"zoom": 1.25, "panels": ["loss", "regions"], "future": {"a": [1, None, True]}}
    return Document(trainer.network(), spec, s, trainer.history, trainer.epoch, view,
                    "Circle", "two epochs in")


def embedded_doc() -> Document:
    """2-2-3 with a softmax group on six embedded points; regression-free, so accuracy is set."""
    data = make_dataset(DatasetSpec("blobs", n_points=6, classes=3))
    net = initialized(layered([2, 2, 3], "tanh", "softmax"), "xavier", 2)
    doc = Document(net, data, TrainingSettings(loss="softmax_ce", learning_rate=0.1))
    doc.history.append(epoch=1, train_loss=1.1, test_loss=float("nan"),
                       train_accuracy=0.5, test_accuracy=float("nan"))
    doc.epoch = 1
    return doc


def regression_doc() -> Document:
    """Plane regression: accuracy is NaN in every history row and must survive as null."""
    s = TrainingSettings()
    spec = DatasetSpec("plane", n_points=20)
    trainer = Trainer(initialized(layered([2, 3, 1], "tanh", "identity"), "uniform", 1),
                      make_dataset(spec), s)
    trainer.run_epochs(2)
    return Document(trainer.network(), spec, s, trainer.history, trainer.epoch)


BASES = {"spec": spec_doc(), "embedded": embedded_doc(), "regression": regression_doc()}


def plain(name: str) -> dict:
    return json.loads(to_json(BASES[name]))


def weight_bits(doc: Document) -> list[bytes]:
    net = doc.network
    values = [e.weight for e in net.edges.values()]
    values += [v for n in net.neurons.values() for v in (n.bias, n.alpha, n.x, n.y)]
    return [struct.pack("<d", v) for v in values]


# ------------------------------------------------------------------ round trips
@pytest.mark.parametrize("name", list(BASES))
def test_save_load_round_trip(tmp_path, name):
    doc = BASES[name]
    path = tmp_path / "doc.nnviz"
    save(doc, path)
    loaded = load(path)
    assert loaded == doc
    assert weight_bits(loaded) == weight_bits(doc)
    assert loaded.network == doc.network
    assert loaded.settings == doc.settings
    assert loaded.epoch == doc.epoch and loaded.title == doc.title and loaded.view == doc.view
    for key, column in doc.history.rows.items():
        np.testing.assert_array_equal(loaded.history.array(key), np.asarray(column))
    if isinstance(doc.dataset, Dataset):
        a, b = doc.dataset, loaded.dataset
        for attr in ("x", "y", "train", "test"):
            np.testing.assert_array_equal(getattr(a, attr), getattr(b, attr))
        for attr in ("task", "feature_names", "target_names", "class_names", "name"):
            assert getattr(a, attr) == getattr(b, attr)
        assert tuple(a.label_values) == tuple(b.label_values)
    else:
        assert loaded.dataset == doc.dataset
    assert to_json(loaded) == path.read_text(encoding="utf-8")


def test_awkward_floats_are_bit_exact():
    doc = BASES["spec"].copy()
    edges = list(doc.network.edges.values())
    for e, w in zip(edges, [0.1 + 0.2, -0.0, 5e-324, 1e-300, 2 / 3, 999999.9999999999]):
        e.weight = w
    loaded = from_json(to_json(doc))
    assert weight_bits(loaded) == weight_bits(doc)


def test_regression_history_writes_null_for_nan():
    data = plain("regression")
    assert data["history"]["train_accuracy"] == [None, None]
    assert np.isnan(from_json(json.dumps(data)).history.array("train_accuracy")).all()


def test_view_keeps_unknown_keys_and_writes_them_sorted():
    doc = BASES["spec"].copy()
    doc.view = {"zeta": (1, 2), "alpha": {"y": 1, "x": "two"}}
    text = to_json(doc)
    assert text.index('"alpha"') < text.index('"zeta"')
    assert from_json(text).view == {"alpha": {"x": "two", "y": 1}, "zeta": [1, 2]}


def test_new_document_is_playgrounds_default_and_round_trips():
    doc = new_document()
    assert [len(doc.network.by_role(r)) for r in ("input", "hidden", "output")] == [2, 6, 1]
    assert doc.dataset == DatasetSpec("circle") and doc.settings == TrainingSettings()
    assert from_json(to_json(doc)) == doc


def test_build_dataset_generates_or_returns_the_points():
    assert BASES["spec"].build_dataset().n == 40
    assert BASES["embedded"].build_dataset() is BASES["embedded"].dataset


# ---------------------------------------------------------------- atomic saves
def test_failed_rename_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "doc.nnviz"
    save(BASES["spec"], path)
    before = path.read_bytes()

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document_module.os, "replace", broken)
    with pytest.raises(OSError, match="doc.nnviz: the disk is full"):  # the user's file named
        save(BASES["embedded"], path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.nnviz"]


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "doc.nnviz"
    save(BASES["spec"], path)
    before = path.read_bytes()

    def broken(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(document_module.os, "fsync", broken)
    with pytest.raises(OSError, match="Input/output"):
        save(BASES["embedded"], path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.nnviz"]


def test_invalid_document_is_refused_before_touching_the_disk(tmp_path):
    path = tmp_path / "doc.nnviz"
    save(BASES["spec"], path)
    before = path.read_bytes()
    bad = BASES["spec"].copy()
    next(iter(bad.network.edges.values())).weight = float("nan")
    with pytest.raises(DocumentError, match=r"network\.edges\[0\]\.weight: must be a finite"):
        save(bad, path)
    with pytest.raises(DocumentError):
        bad.validate()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.nnviz"]


@pytest.mark.parametrize(("view", "expected"), [
    ({"zoom": float("inf")}, "view.zoom: must be a finite number, got inf"),
    ({"zoom": 10**5000}, "view.zoom: must be a number of sensible size, got an integer of about"),
    ({"zoom": np.float32(1.5)}, "view.zoom: must be a plain JSON value, got float32"),
    ({"panels": {1: "loss"}}, "view.panels: keys must be strings, got a number"),
])
def test_python_values_that_json_cannot_hold_are_refused(view, expected):
    doc = BASES["spec"].copy()
    doc.view = view
    with pytest.raises(DocumentError) as info:
        to_json(doc)
    assert expected in str(info.value)


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "doc.nnviz"
    save(BASES["spec"], path)
    path.chmod(0o600)
    save(BASES["embedded"], path)
    assert path.stat().st_mode & 0o777 == 0o600


# ------------------------------------------------------------- whole-file errors
def test_load_reports_unreadable_files(tmp_path):
    with pytest.raises(DocumentError, match=r"cannot read .*missing\.nnviz: No such file"):
        load(tmp_path / "missing.nnviz")
    with pytest.raises(DocumentError, match="cannot read"):
        load(tmp_path)


def test_load_reads_traversables_and_wraps_their_errors(tmp_path):
    class Shipped:  # what importlib.resources hands out for a file inside a zip
        def __init__(self, raw: bytes | None) -> None:
            self.raw = raw

        def read_bytes(self) -> bytes:
            if self.raw is None:
                raise FileNotFoundError(2, "No such file or directory")
            return self.raw

        def __str__(self) -> str:
            return "examples/x.nnviz"

    assert load(Shipped(to_json(BASES["spec"]).encode())) == BASES["spec"]
    with pytest.raises(DocumentError, match="cannot read examples/x.nnviz: No such file"):
        load(Shipped(None))


@pytest.mark.parametrize(("text", "expected"), [
    (b"\x89PNG\r\n\x1a\n\xff\x00", "not a .nnviz file: not UTF-8 text (byte 0x89 at offset 0)"),
    ("", "not a .nnviz file: it is empty"),
    ('{\n  "format_version": 1,\n  x\n}', "not a .nnviz file: invalid JSON at line 3 column 3"),
    ("[1, 2]", "not a .nnviz file: the top level must be an object, got a list"),
    ("[" * 100_000, "not a .nnviz file: the JSON is nested too deeply"),
    ('{"title": "x"}', "not a .nnviz file: it has no format_version and no network"),
    ('{"format_version": 7}', "format_version: 7 is newer than this nnviz understands (2)"),
    ('{"format_version": "1"}', "format_version: must be a whole number, got '1'"),
    ('{"format_version": 1.5}', "format_version: must be a whole number, got 1.5"),
])
def test_whole_file_errors(text, expected):
    with pytest.raises(DocumentError) as info:
        from_json(text)
    assert expected in str(info.value)


def test_truncated_file_names_the_position():
    text = to_json(BASES["spec"])
    with pytest.raises(DocumentError, match="not a .nnviz file: invalid JSON at line"):
        from_json(text[: len(text) // 2])


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.nnviz"
    path.write_bytes(b"\xef\xbb\xbf" + to_json(BASES["spec"]).encode())
    assert load(path) == BASES["spec"]


# ------------------------------------------------------------- located errors
NAN, INF, NEG_INF, HUGE_INT, BIG_FLOAT = (f"__{k}__" for k in ("NAN", "INF", "NINF", "HUGE", "BIG"))
LITERALS = {NAN: "NaN", INF: "Infinity", NEG_INF: "-Infinity", HUGE_INT: "9" * 5000,
            BIG_FLOAT: "1e400"}


def encode(data: object) -> str:
    """JSON text, with the placeholders above turned into what json.dumps cannot write."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for placeholder, literal in LITERALS.items():
        text = text.replace(json.dumps(placeholder), literal)
    return text


def at(d: dict, path: tuple) -> object:
    for part in path:
        d = d[part]
    return d


def put(path: tuple, value: object) -> Callable[[dict], None]:
    def apply(d: dict) -> None:
        at(d, path[:-1])[path[-1]] = value
    return apply


def drop(path: tuple) -> Callable[[dict], None]:
    def apply(d: dict) -> None:
        del at(d, path[:-1])[path[-1]]
    return apply


def add(path: tuple, item: object) -> Callable[[dict], None]:
    def apply(d: dict) -> None:
        at(d, path).append(copy.deepcopy(item))
    return apply


def both(*steps: Callable[[dict], None]) -> Callable[[dict], None]:
    def apply(d: dict) -> None:
        for step in steps:
            step(d)
    return apply


N, E, G, D, S, H = ("network", "neurons"), ("network", "edges"), ("network", "groups"), \
    ("dataset",), ("settings",), ("history",)
EXTRA_OUTPUT = {"id": "n10", "label": "z", "role": "output", "activation": "tanh"}

CASES = [
    # top level and required fields
    ("spec", drop(("network",)), "network: required field is missing"),
    ("spec", drop(("dataset",)), "dataset: required field is missing"),
    ("spec", put(("network",), []), "network: must be an object, got a list"),
    ("spec", put(("colour",), "red"), "colour: unknown field"),
    ("spec", put(("epoch",), -1), "epoch: must be a whole number from 0"),
    ("spec", put(("epoch",), True), "epoch: must be a whole number from 0"),
    ("spec", put(("title",), 5), "title: must be a string, got a number"),
    # neurons
    ("spec", put(N, "abc"), "network.neurons: must be a list, got a string"),
    ("spec", drop((*N, 0, "role")), "network.neurons[0].role: required field is missing"),
    ("spec", put((*N, 1, "label"), 5), "network.neurons[1].label: must be a string, got a number"),
    ("spec", put((*N, 2, "activation"), "tanhh"),
     "network.neurons[2].activation: unknown activation 'tanhh' (known: step, threshold, identity"),
    ("spec", put((*N, 2, "role"), "boss"), "network.neurons[2].role: unknown role 'boss'"),
    ("spec", put((*N, 3, "id"), "n3"),
     "network.neurons[3].id: duplicate id 'n3' (also network.neurons[2])"),
    ("spec", put((*N, 0, "id"), ""), "network.neurons[0].id: must not be empty"),
    ("spec", put((*N, 4, "bias"), INF),
     "network.neurons[4].bias: must be a finite number, got Infinity"),
    ("spec", put((*N, 4, "alpha"), [1]),
     "network.neurons[4].alpha: must be a finite number, got a list"),
    ("spec", put((*N, 0, "colour"), 1), "network.neurons[0].colour: unknown field"),
    ("spec", put((*N, 0, "label"), "\ud800"),
     "network.neurons[0].label: contains an invalid character"),
    # edges
    ("spec", put((*E, 3, "weight"), NAN),
     "network.edges[3].weight: must be a finite number, got NaN"),
    ("spec", put((*E, 3, "weight"), NEG_INF),
     "network.edges[3].weight: must be a finite number, got -Infinity"),
    ("spec", put((*E, 3, "weight"), BIG_FLOAT),
     "network.edges[3].weight: must be a finite number, got inf"),
    ("spec", put((*E, 3, "weight"), HUGE_INT),
     "network.edges[3].weight: must be a number of sensible size, got <a 5000-digit integer>"),
    ("spec", put((*E, 3, "weight"), "0.5"),
     "network.edges[3].weight: must be a finite number, got a string"),
    ("spec", put((*E, 3, "weight"), True),
     "network.edges[3].weight: must be a finite number, got true"),
    ("spec", drop((*E, 0, "weight")), "network.edges[0].weight: required field is missing"),
    ("spec", put((*E, 0, "target"), "ghost"), "network.edges[0].target: no neuron with id 'ghost'"),
    ("embedded", put((*G, 0, "members"), ["n5", "n6", "n7", "ghost"]),
     "network: softmax group 'g8': no neuron with id 'ghost'"),
    ("spec", add(E, {"source": "n1", "target": "n3", "weight": 1.0}),
     "network.edges[18]: duplicate edge 'n1' → 'n3' (also network.edges[0])"),
    ("spec", add(E, {"source": "n3", "target": "n1", "weight": 1.0}),
     "network: edge 'h1_1' (n3) → 'x1' (n1): inputs take no incoming edges"),
    ("spec", add(E, {"source": "n3", "target": "n3", "weight": 1.0}),
     "a neuron cannot feed itself"),
    ("spec", add(E, {"source": "n9", "target": "n3", "weight": 1.0}),
     "outputs do not feed other neurons"),
    ("spec", add(E, {"source": "n7", "target": "n3", "weight": 1.0}),
     "network: the edges into 'h1_1' (n3) form a cycle"),
    ("spec", both(drop((*E, 17)), drop((*E, 16)), drop((*N, 8)),  # a draft, and corrupt
                  add(E, {"source": "n3", "target": "n3", "weight": 1.0})),
     "network: edge 'h1_1' (n3) → 'h1_1' (n3): a neuron cannot feed itself"),
    # softmax groups
    ("embedded", add(G, {"id": "g8", "members": []}),
     "network.groups[1].id: duplicate softmax group id 'g8'"),
    ("embedded", put((*G, 0, "members", 0), 5), "network.groups[0].members[0]: must be a string"),
    ("embedded", put((*G, 0, "id"), ""), "network.groups[0].id: must not be empty"),
    # settings
    ("spec", put(S, []), "settings: must be an object, got a list"),
    ("spec", put((*S, "learning_rate"), -1),
     "settings.learning_rate: must be a number from 0 to 10"),
    ("spec", put((*S, "loss"), []), "settings.loss: must be a string, got a list"),
    ("spec", put((*S, "batch_mode"), "huge"), "settings.batch_mode: must be one of full, mini"),
    ("spec", put((*S, "batch_size"), 2.5), "settings.batch_size: must be a whole number"),
    ("spec", put((*S, "shuffle"), "yes"), "settings.shuffle: must be true or false"),
    ("spec", put((*S, "colour"), 1), "settings.colour: unknown setting"),
    # built-in dataset spec
    ("spec", drop((*D, "source")), "dataset.source: required field is missing"),
    ("spec", put((*D, "source"), "web"),
     "dataset.source: must be one of builtin, embedded, got 'web'"),
    ("spec", put((*D, "name"), "nope"), "dataset.name: must be one of circle"),
    ("spec", put((*D, "noise"), 99), "dataset.noise: must be a number between 0 and 50, got 99"),
    ("spec", put((*D, "noise"), HUGE_INT), "dataset.noise: must be a number of sensible size"),
    ("spec", put((*D, "n_points"), "many"), "dataset.n_points: must be null or an integer"),
    ("spec", put((*D, "seed"), 10**25), "dataset.seed: must be a non-negative integer"),
    ("spec", put((*D, "colour"), 1), "dataset.colour: unknown field"),
    # embedded points
    ("embedded", put((*D, "x", 2), [1.0, 2.0, 3.0]),
     "dataset.x[2]: has 3 value(s), expected 2 (one per feature name)"),
    ("embedded", drop((*D, "y", 5)), "dataset.y: has 5 row(s) but dataset.x has 6"),
    ("embedded", put((*D, "target_names"), ["a", "b"]),
     "dataset.y[0]: has 3 value(s), expected 2 (one per target name)"),
    ("embedded", put((*D, "x", 1, 0), "3"),
     "dataset.x[1][0]: must be a finite number, got a string"),
    ("embedded", put((*D, "x", 0, 1), NAN), "dataset.x[0][1]: must be a finite number, got NaN"),
    ("embedded", put((*D, "train"), [0, 9]),
     "dataset.train[1]: must be a whole number from 0 to 5, got 9"),
    ("embedded", put((*D, "train"), [1, 1]), "dataset.train[1]: row 1 is listed twice"),
    ("embedded", put((*D, "train"), []), "dataset.train: must list at least one row"),
    ("embedded", put((*D, "x"), []), "dataset.x: must hold at least one row"),
    ("embedded", put((*D, "feature_names"), ["x1", "x1"]),
     "dataset.feature_names: names 'x1' twice"),
    ("embedded", put((*D, "task"), "ranking"), "dataset.task: unknown task 'ranking'"),
    ("embedded", put((*D, "label_values"), [1, 1]),
     "dataset.label_values: the negative and positive"),
    ("embedded", put((*D, "task"), "binary"), "dataset.target_names: a binary task has one target"),
    ("embedded", drop((*D, "x")), "dataset.x: required field is missing"),
    ("embedded", put((*D, "colour"), 1), "dataset.colour: unknown field"),
    # history and view
    ("spec", drop((*H, "train_loss", 0)),
     "history.train_loss: has 1 entries but history.epoch has 2"),
    ("spec", put((*H, "train_loss", 0), "x"),
     "history.train_loss[0]: must be a finite number, got a string"),
    ("spec", put((*H, "test_loss", 1), NAN),
     "history.test_loss[1]: must be a finite number, got NaN"),
    ("spec", put((*H, "grad_norm"), []), "history.grad_norm: unknown field"),
    ("spec", put(("view",), []), "view: must be an object, got a list"),
    ("spec", put(("view", "zoom"), NAN), "view.zoom: must be a finite number, got NaN"),
    ("spec", put(("view", "deep"), json.loads("[" * 40 + "]" * 40)),
     "view: is nested more than 32 levels deep"),
]


@pytest.mark.parametrize(("base", "mutate", "expected"), CASES,
                         ids=[f"{i}-{c[2][:40]}" for i, c in enumerate(CASES)])
def test_bad_field_is_named(base, mutate, expected):
    data = plain(base)
    mutate(data)
    with pytest.raises(DocumentError) as info:
        from_json(encode(data))
    assert expected in str(info.value)
    path = str(info.value).split(": ")[0]
    assert info.value.path == ("" if path.startswith("not a") else path)


# ------------------------------------------------------------------- drafts
DRAFTS = [
    # the network itself: its messages carry no field path
    ("spec", both(drop((*E, 17)), drop((*E, 16)), drop((*N, 8))),
     "the network has no output neuron"),
    ("spec", both(drop((*E, 17)), drop((*E, 16))), "output 'ŷ' (n9) has no path from any input"),
    ("embedded", put((*G, 0, "members"), ["n5", "n6"]),
     "neuron 'ŷ3' (n7) uses softmax but is in no softmax group"),
    ("embedded", put((*G, 0, "members"), ["n5", "n6", "n7", "n3"]),
     "softmax group 'g8': 'h1' (n3) is not an output"),
    ("embedded", put((*G, 0, "members"), ["n5"]), "softmax group 'g8' has 1 member(s)"),
    # the network against the data and the settings: the field path comes first
    ("spec", put((*N, 0, "feature"), "x3"),
     "network.neurons[0].feature: input 'x1' (n1): unknown feature 'x3' (the data has x1, x2; "),
    ("spec", both(put((*N, 0, "feature"), None), put((*N, 0, "label"), "z9")),
     "network.neurons[0].label: input 'z9' (n1): unknown feature 'z9'"),
    ("spec", both(add(N, EXTRA_OUTPUT), add(E, {"source": "n7", "target": "n10", "weight": 1})),
     "network: the network has 2 output neuron(s) but dataset 'circle' has 1 target column(s)"),
    ("spec", put((*D, "name"), "blobs"),
     "network: the network has 1 output neuron(s) but dataset 'blobs' has 3 target column(s)"),
    ("spec", put((*S, "loss"), "softmax_ce"), "settings.loss: softmax cross-entropy needs every"),
    ("spec", put((*S, "rule"), "perceptron"),
     "settings.rule: the perceptron rule trains one layer"),
]


@pytest.mark.parametrize(("base", "mutate", "expected"), DRAFTS,
                         ids=[f"{i}-{c[2][:40]}" for i, c in enumerate(DRAFTS)])
def test_draft_loads_round_trips_and_says_why_it_cannot_train(tmp_path, base, mutate, expected):
    data = plain(base)
    mutate(data)
    doc = from_json(encode(data))
    assert doc.network.integrity_problems() == []
    doc.validate()
    path = tmp_path / "draft.nnviz"
    save(doc, path)
    loaded = load(path)
    assert loaded == doc and loaded.network == doc.network
    assert to_json(loaded) == path.read_text(encoding="utf-8")
    assert expected in loaded.problems()[0]
    with pytest.raises(DocumentError) as info:
        loaded.check_trainable()
    assert str(info.value) == loaded.problems()[0]


def test_unconnected_draft_saves_and_loads_equal(tmp_path):
    net = Network()
    for nid, label, role in [("n1", "x1", "input"), ("n2", "x2", "input"), ("n3", "ŷ", "output")]:
        net.add_neuron(Neuron(nid, label, role, "identity" if role == "input" else "sigmoid",
                              feature=label if role == "input" else None))
    doc = Document(net, DatasetSpec("circle"), title="half-way")
    path = tmp_path / "draft.nnviz"
    save(doc, path)
    loaded = load(path)
    assert loaded == doc
    assert loaded.network == net and loaded.network.edges == {}
    assert loaded.problems() == ["output 'ŷ' (n3) has no path from any input"]
    with pytest.raises(DocumentError, match=r"output 'ŷ' \(n3\) has no path from any input"):
        loaded.check_trainable()


def test_fit_problems_are_listed_only_for_a_network_without_problems_of_its_own():
    doc = BASES["spec"].copy()
    doc.settings = TrainingSettings(loss="softmax_ce", rule="perceptron")
    found = doc.problems()
    assert [p.split(": ")[0] for p in found] == ["settings.loss", "settings.rule"]
    doc.network.remove_neuron("n9")
    assert doc.problems() == ["the network has no output neuron"]
    BASES["spec"].check_trainable()
    assert BASES["embedded"].problems() == []


def test_problems_list_integrity_first_then_draft_problems():
    net = layered([2, 1], "sigmoid")
    net.edges[("n3", "n3")] = Edge("n3", "n3")
    net.groups.append(SoftmaxGroup("g9", ["n3"]))
    assert net.integrity_problems() == ["edge 'ŷ' (n3) → 'ŷ' (n3): a neuron cannot feed itself"]
    assert net.draft_problems()[0].startswith("softmax group 'g9' has 1 member(s); softmax")
    assert net.problems() == net.integrity_problems() + net.draft_problems()


def test_only_what_loading_refuses_is_refused_by_saving(tmp_path):
    doc = BASES["spec"].copy()
    doc.network.edges[("n3", "n3")] = Edge("n3", "n3", 1.0)
    with pytest.raises(DocumentError, match=r"network: edge 'h1_1' \(n3\) → 'h1_1' \(n3\): a"):
        save(doc, tmp_path / "bad.nnviz")
    with pytest.raises(DocumentError):
        doc.validate()
    assert os.listdir(tmp_path) == []


# ------------------------------------------------------------------ migrations
def test_version_0_files_migrate():
    data = plain("spec")
    del data["format_version"]
    network = data["network"]
    network["connections"] = [{"from": e["source"], "to": e["target"], "weight": e["weight"]}
                              for e in network.pop("edges")]
    assert from_json(json.dumps(data)) == BASES["spec"]


def test_migrations_run_in_order(monkeypatch):
    seen = []

    def v1_to_v2(d: dict) -> dict:
        seen.append(d["format_version"])
        return {**d, "format_version": 2}

    monkeypatch.setattr(document_module, "FORMAT_VERSION", 2)
    monkeypatch.setitem(MIGRATIONS, 1, v1_to_v2)
    migrated = migrate({"network": {"connections": []}})
    assert seen == [1] and migrated["format_version"] == 2
    assert migrated["network"] == {"edges": []}


# ------------------------------------------------------------------ fuzzing
def assert_loads_cleanly_or_refuses(text: str | bytes) -> None:
    """The loader's contract: a sound, re-savable document (perhaps a draft that cannot
    train yet, which then says why), or one DocumentError."""
    try:
        doc = from_json(text)
    except DocumentError:
        return
    assert isinstance(doc, Document)
    assert doc.network.integrity_problems() == []
    assert all(isinstance(p, str) and p for p in doc.problems())
    assert from_json(to_json(doc)) == doc


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes(raw):
    assert_loads_cleanly_or_refuses(raw)


@FUZZ
@given(base=st.sampled_from(list(BASES)), cut=st.floats(0, 1))
def test_random_truncations(base, cut):
    raw = to_json(BASES[base]).encode()
    assert_loads_cleanly_or_refuses(raw[: int(cut * len(raw))])


def nodes(value: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    found = [(path, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, child in items:
        found += nodes(child, (*path, key))
    return found


WORDS = ["n1", "n3", "n7", "n9", "g8", "x1", "x3", "x1^2", "softmax", "step", "input",
         "output", "hidden", "tanhh", "", "builtin", "embedded", "source", "weight", "id"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10), st.integers(-10**30, 10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(WORDS),
    st.text(max_size=4), st.sampled_from([NAN, INF, NEG_INF, HUGE_INT, BIG_FLOAT, 1e308, -0.0]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(WORDS), inner, max_size=3)),
    max_leaves=6)


@st.composite
def mutated_documents(draw) -> str:
    data = plain(draw(st.sampled_from(list(BASES))))
    for _ in range(draw(st.integers(1, 3))):
        path, value = draw(st.sampled_from(nodes(data)))
        op = draw(st.sampled_from(["replace", "replace", "delete", "insert", "copy"]))
        if op == "replace" and path:
            at(data, path[:-1])[path[-1]] = draw(VALUES)
        elif op == "delete" and isinstance(value, (dict, list)) and value:
            key = draw(st.sampled_from(list(value) if isinstance(value, dict) else
                                       list(range(len(value)))))
            del value[key]
        elif op == "insert" and isinstance(value, dict):
            value[draw(st.sampled_from(WORDS))] = draw(VALUES)
        elif op in ("insert", "copy") and isinstance(value, list):
            extra = copy.deepcopy(draw(st.sampled_from(value))) if value and op == "copy" \
                else draw(VALUES)
            value.insert(draw(st.integers(0, len(value))), extra)
    return encode(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_random_mutations(text):
    assert_loads_cleanly_or_refuses(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), loss=st.sampled_from(["squared", "bce", "softmax_ce"]))
def test_random_networks_round_trip(data, loss):
    net = data.draw(networks(loss))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    features = [n.feature for n in net.inputs]
    k = len(net.outputs)
    y = np.eye(k)[rng.integers(k, size=5)] if loss == "softmax_ce" else rng.normal(size=(5, k))
    points = Dataset(rng.normal(size=(5, len(features))), y,
                     "multiclass" if loss == "softmax_ce" else "regression", features,
                     [f"t{j}" for j in range(k)], [0, 1, 2], [3, 4], name="random")
    doc = Document(net, points, TrainingSettings(loss=loss), title=data.draw(st.text()),
                   view={"seed": data.draw(st.integers(0, 10))})
    loaded = from_json(to_json(doc))
    assert loaded == doc
    assert loaded.network == doc.network
    assert weight_bits(loaded) == weight_bits(doc)
    assert to_dict(loaded) == to_dict(doc)


def test_huge_but_finite_weights_save_and_load_exactly(tmp_path):
    """Training can leave weights near overflow just before it diverges: still savable."""
    from nnviz.core.document import load, new_document, save

    doc = new_document()
    key = next(iter(doc.network.edges))
    doc.network.edges[key].weight = 1.5e300
    save(doc, tmp_path / "huge.nnviz")
    assert load(tmp_path / "huge.nnviz").network.edges[key].weight == 1.5e300


def test_blank_document_is_xor_inputs_and_output_and_round_trips(tmp_path):
    from nnviz.core.document import blank_document, load, save

    doc = blank_document()
    assert [(n.label, n.role, n.feature) for n in doc.network] == [
        ("x1", "input", "x1"), ("x2", "input", "x2"), ("ŷ", "output", None)]
    assert doc.build_dataset().name == "xor"
    # The data fixed the ends: a 2-1 net that trains (and cannot learn XOR without
    # the hidden part the class builds).
    assert doc.network.outputs[0].activation == "sigmoid" and doc.settings.loss == "bce"
    assert len(doc.network.edges) == 2 and doc.problems() == []
    save(doc, tmp_path / "blank.nnviz")
    assert load(tmp_path / "blank.nnviz") == doc
