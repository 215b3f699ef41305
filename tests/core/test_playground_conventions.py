"""TensorFlow Playground's two conventions as settings, against Playground's own engine.

The reference numbers in tests/data/playground/reference.json were computed once by
Playground's src/nn.ts (see make_reference.py there for how). nnviz's defaults stay
its own: without the settings the same runs give other numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nnviz.core.data import Dataset
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import Trainer

REFERENCE = json.loads((Path(__file__).resolve().parents[1] / "data" / "playground"
                        / "reference.json").read_text())
CASES = {c["name"]: c for c in REFERENCE}


def run(case: dict, playground: bool) -> tuple[Trainer, list[list[str]]]:
    net = layered(case["shape"], "tanh")
    ids = list(net.neurons)
    layers, start = [], 0
    for size in case["shape"]:
        layers.append(ids[start : start + size])
        start += size
    for k, (src, dst) in enumerate(zip(layers, layers[1:])):
        for i, t in enumerate(dst):
            net.neurons[t].bias = case["biases"][k][i]
            for j, s in enumerate(src):
                net.edges[(s, t)].weight = case["weights"][k][i][j]
    points = np.array(case["points"])
    data = Dataset(points[:, :2], points[:, 2:], "binary", ["x1", "x2"], ["label"],
                   np.arange(len(points)), np.arange(0), label_values=(-1.0, 1.0))
    settings = TrainingSettings(
        learning_rate=case["learning_rate"], batch_mode="mini", batch_size=case["batch_size"],
        regularization=case["regularization"], reg_rate=case["reg_rate"], loss="squared",
        half_squared=True, reduction="mean", shuffle=False,
        l1_zero_crossing=playground, carry_partial_batch=playground)
    trainer = Trainer(net, data, settings)
    trainer.run_epochs(case["epochs"])
    return trainer, layers


def weights_of(trainer: Trainer, layers: list[list[str]]) -> list[list[list[float]]]:
    net = trainer.network()
    return [[[net.edges[(s, t)].weight for s in src] for t in dst]
            for src, dst in zip(layers, layers[1:])]


@pytest.mark.parametrize("name", list(CASES))
def test_the_playground_settings_reproduce_playground(name):
    case = CASES[name]
    trainer, layers = run(case, playground=True)
    ref = case["playground"]
    np.testing.assert_allclose(trainer.history.array("train_loss"), ref["train_loss"],
                               rtol=1e-10, atol=1e-13)
    got = weights_of(trainer, layers)
    for g, r in zip(got, ref["weights"]):
        np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-12)
        # A weight Playground zeroed is exactly 0 here too, not merely small.
        assert (np.array(g) == 0.0).tolist() == (np.array(r) == 0.0).tolist()


def test_the_reference_exercises_both_conventions():
    zeroed = sum(w == 0.0 for layer in CASES["l1_zero_crossing"]["playground"]["weights"]
                 for node in layer for w in node)
    assert zeroed > 0
    assert len(CASES["partial_batch"]["points"]) % CASES["partial_batch"]["batch_size"]


@pytest.mark.parametrize("name", ["l1_zero_crossing", "partial_batch"])
def test_nnvizs_own_convention_stays_the_default(name):
    case = CASES[name]
    assert not TrainingSettings().l1_zero_crossing
    assert not TrainingSettings().carry_partial_batch
    trainer, _ = run(case, playground=False)
    loss = trainer.history.array("train_loss")
    assert np.abs(loss - np.array(case["playground"]["train_loss"])).max() > 1e-6


def test_the_settings_are_saved_in_the_document(tmp_path):
    from nnviz.core.document import load, new_document, save

    doc = new_document()
    doc.settings.l1_zero_crossing = doc.settings.carry_partial_batch = True
    save(doc, tmp_path / "pg.nnviz")
    loaded = load(tmp_path / "pg.nnviz").settings
    assert loaded.l1_zero_crossing and loaded.carry_partial_batch
