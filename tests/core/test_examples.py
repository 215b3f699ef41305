"""The shipped example documents: they load, match their generator, and teach what they claim."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.document import load, to_json
from nnviz.core.examples import build_examples, example_names, example_path, load_example
from nnviz.core.init import initialized
from nnviz.core.plan import Plan
from nnviz.core.trace import trace
from nnviz.core.training import Trainer

BUILT = build_examples()
NAMES = list(BUILT)


def test_every_built_example_is_shipped():
    assert example_names() == sorted(NAMES)
    assert set(NAMES) >= {"and", "or", "not", "xor", "xnor", "playground", "spiral",
                          "softmax3", "regression", "digits"}


@pytest.mark.parametrize("name", NAMES)
def test_shipped_file_loads_and_equals_the_generator(name):
    doc = load_example(name)  # through importlib.resources
    assert doc.problems() == []  # shipped examples train as they are
    doc.check_trainable()
    assert doc.title and doc.notes and "\n" not in doc.notes
    assert doc == BUILT[name]
    # Byte for byte, so a regenerated file never shows a spurious diff.
    assert example_path(name).read_text(encoding="utf-8") == to_json(BUILT[name])
    assert load(example_path(name)) == doc


def test_unknown_example_lists_the_known_ones():
    with pytest.raises(ValueError, match="known: and"):
        example_path("nope")


@pytest.mark.parametrize("name", ["xor", "playground", "spiral", "softmax3", "regression",
                                  "digits"])
def test_reset_reproduces_the_shipped_weights(name):
    doc = BUILT[name]
    assert initialized(doc.network, doc.settings.init, doc.settings.seed) == doc.network


def outputs(doc, x) -> np.ndarray:
    plan = Plan(doc.network)
    return plan.predict(plan.params(plan.read(doc.network)), np.asarray(x, dtype=float))


@pytest.mark.parametrize(("name", "table"), [
    ("and", {(0, 0): 0, (0, 1): 0, (1, 0): 0, (1, 1): 1}),
    ("or", {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 1}),
    ("not", {(0,): 1, (1,): 0}),
])
def test_gate_truth_tables(name, table):
    doc = BUILT[name]
    got = outputs(doc, list(table))[:, 0]
    np.testing.assert_array_equal(got, list(table.values()))
    data = doc.build_dataset()
    np.testing.assert_array_equal(outputs(doc, data.x)[:, 0], data.y[:, 0])


@pytest.mark.parametrize("name", ["and", "or", "not"])
def test_gates_relearn_with_the_perceptron_rule(name):
    doc = BUILT[name]
    net = initialized(doc.network, doc.settings.init, doc.settings.seed)
    trainer = Trainer(net, doc.build_dataset(), doc.settings)
    trainer.run_epochs(20)
    assert trainer.history.last()["train_accuracy"] == 1.0


# The lecture's table: x1, x2 -> a1, a2, ŷ (CURRICULUM.md, section 2).
XNOR_TABLE = [
    ((0, 0), 1, 0.002, 0.881, 0.595),
    ((0, 1), 0, 0.119, 0.119, 0.435),
    ((1, 0), 0, 0.119, 0.119, 0.435),
    ((1, 1), 1, 0.881, 0.002, 0.595),
]


@pytest.mark.parametrize(("x", "y", "a1", "a2", "y_hat"), XNOR_TABLE)
def test_xnor_trace_reproduces_the_lecture_table(x, y, a1, a2, y_hat):
    doc = BUILT["xnor"]
    t = trace(doc.network, x, [y])
    by_label = {n.label: n.a for n in t.neurons}
    assert [by_label[k] for k in ("x1", "x2")] == list(x)
    assert round(by_label["a1"], 3) == a1
    assert round(by_label["a2"], 3) == a2
    assert round(by_label["ŷ"], 3) == y_hat
    assert round(t.output[0], 3) == y_hat


def train(name: str, epochs: int) -> dict[str, float]:
    doc = BUILT[name]
    trainer = Trainer(doc.network, doc.build_dataset(), doc.settings)
    trainer.run_epochs(epochs)
    assert trainer.diverged is None
    return trainer.history.last()


def test_xor_learns():
    result = train("xor", 500)  # full batch: one update per epoch; ~120 needed
    assert result["train_accuracy"] == 1.0
    assert result["train_loss"] < 0.1


def test_playground_learns_the_circle():
    result = train("playground", 100)  # ~30 epochs needed; 100 take ~0.5 s
    assert result["train_accuracy"] >= 0.95
    assert result["test_accuracy"] >= 0.95


def test_softmax3_learns_the_blobs():
    result = train("softmax3", 20)
    assert result["test_accuracy"] >= 0.9


def test_regression_fits_the_plane():
    result = train("regression", 30)
    assert result["test_loss"] < 0.01


def test_digits_learn_with_adam_and_stop_early_on_the_test_loss():
    doc = BUILT["digits"]
    assert (doc.settings.optimizer, doc.settings.loss, doc.settings.patience) == (
        "adam", "softmax_ce", 10)
    assert [g.members for g in doc.network.groups] == [[n.id for n in doc.network.outputs]]
    assert len(doc.network.outputs) == 10 and len(doc.network.neurons) == 64 + 32 + 10
    assert [n.feature for n in doc.network.inputs][:2] == ["px 0,0", "px 0,1"]
    result = train("digits", 8)
    assert result["test_accuracy"] >= 0.9


def test_digits_save_their_spec_not_their_pictures(tmp_path):
    import dataclasses
    import json

    from nnviz.core.datasets import DatasetSpec
    from nnviz.core.document import save

    doc = dataclasses.replace(BUILT["digits"], dataset=DatasetSpec("digits", seed=9,
                                                                   train_ratio=0.8))
    path = tmp_path / "d.nnviz"
    save(doc, path)
    stored = json.loads(path.read_text("utf-8"))["dataset"]
    assert stored == {"source": "builtin", **DatasetSpec("digits", seed=9,
                                                         train_ratio=0.8).to_dict()}
    again = load(path)
    assert again == doc
    a, b = again.build_dataset(), doc.build_dataset()
    assert np.array_equal(a.train, b.train) and len(a.train) == round(0.8 * 1797)


def test_the_digits_outputs_are_named_by_the_digit_they_stand_for():
    from nnviz.core.datasets import make_dataset

    doc = build_examples()["digits"]
    classes = make_dataset(doc.dataset).class_names
    assert [n.label for n in doc.network.outputs] == [f"ŷ{c}" for c in classes]
    assert doc.network.outputs[0].label == "ŷ0"
