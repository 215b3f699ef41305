"""The two threshold units: step 𝕀[z > 0] (perceptron slides) and threshold 𝕀[z ≥ 0]
(CS 760), which differ only at z = 0; saved, traced and trained by the perceptron rule."""

from __future__ import annotations

import numpy as np

from nnviz.cli import main
from nnviz.core.activations import activation
from nnviz.core.document import load, save
from nnviz.core.examples import load_example
from nnviz.core.settings import TrainingSettings
from nnviz.core.trace import trace
from nnviz.core.training import Trainer


def test_they_differ_only_at_zero():
    z = np.array([-1.0, -1e-300, 0.0, 1e-300, 2.0])
    assert list(activation("step").forward(z, 0.0)) == [0, 0, 0, 1, 1]
    assert list(activation("threshold").forward(z, 0.0)) == [0, 0, 1, 1, 1]
    assert not activation("threshold").differentiable


def and_gate(unit: str):
    """AND with w = (1, 1), b = −2: z = 0 exactly at (1, 1)."""
    doc = load_example("and")
    doc.network.neurons["o"].activation = unit
    doc.network.neurons["o"].bias = -2.0
    return doc


def test_the_trace_and_a_saved_document_keep_the_unit(tmp_path, capsys):
    doc = and_gate("threshold")
    assert trace(doc.network, [1, 1], [1]).neuron("o").a == 1.0
    assert trace(and_gate("step").network, [1, 1], [1]).neuron("o").a == 0.0
    path = tmp_path / "and.nnviz"
    save(doc, path)
    assert load(path).network.neurons["o"].activation == "threshold"
    assert main(["trace", str(path), "--input", "1,1"]) == 0
    out = capsys.readouterr().out
    assert "threshold: g(z) = 1 if z ≥ 0 else 0" in out
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("o "))
    assert row[1:4] == ["threshold", "0.0000", "1.0000"]  # z = 0, a = 1


def test_the_perceptron_rule_trains_threshold_units():
    doc = and_gate("threshold")
    doc.network.neurons["o"].bias = 0.0
    settings = TrainingSettings(rule="perceptron", learning_rate=1.0, batch_mode="online")
    trainer = Trainer(doc.network, doc.build_dataset(), settings)
    trainer.run_epochs(20)
    assert trainer.history.last()["train_accuracy"] == 1.0
