"""The stepper's update step shows the optimiser's formula, numbers plugged in, and its Δw
is the update training makes on that example."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from nnviz.core.examples import load_example
from nnviz.core.headless import example_from_row, trace_example, train_document
from nnviz.core.optimstate import from_portable
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings
from nnviz.core.stepper import parse, steps
from nnviz.core.training import Trainer


def adam_doc(epochs: int = 0, optimizer="adam", **changes):
    doc = load_example("xnor")
    doc.settings = dataclasses.replace(doc.settings, optimizer=optimizer, batch_mode="online",
                                       shuffle=False, learning_rate=0.05, **changes)
    return train_document(doc, epochs)[0] if epochs else doc


@pytest.mark.parametrize("optimizer", ["adam", "sgd"])  # xnor's SGD has momentum 0.9
@pytest.mark.parametrize("epochs", [0, 3])
def test_the_delta_w_shown_is_the_update_training_makes(epochs, optimizer):
    doc = adam_doc(epochs, optimizer)
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace_example(doc, example_from_row(doc.build_dataset(), plan, 0), plan)
    # One more online update: without shuffling, on row 0, the first training example.
    first = Trainer(doc.network, doc.build_dataset(), doc.settings)
    if doc.optimizer_state is not None:
        first.optimizer.load(from_portable(doc.optimizer_state, first.plan, first.synced_network()))
    first.step("sample")
    after = first.network()
    for e in t.edges:
        want = after.edges[(e.source, e.target)].weight - e.weight
        assert e.delta_w == pytest.approx(want, abs=1e-15)
    assert any(abs(e.delta_w) > 1e-3 for e in t.edges)


@pytest.mark.parametrize("convention", ["dl_dz", "mitchell"])
def test_the_update_step_shows_m_v_and_their_corrections(convention):
    doc = adam_doc(2, convention=convention)
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace_example(doc, example_from_row(doc.build_dataset(), plan, 1), plan)
    update = steps(t, doc.network, plan.order, plan.level_of)[-1]
    text = update.formula
    assert text.startswith("Adam, with g = " + ("∂E/∂w" if convention == "mitchell" else "∂L/∂w"))
    assert "m_hat = m / (1 − β₁ᵗ)" in text and "t = 9," in text  # 4 examples × 2 epochs, then 1
    e = max(t.edges, key=lambda e: abs(e.delta_w))
    last = update.lines[-1]
    assert parse(last.rsplit("= ", 1)[1]) == pytest.approx(e.weight + e.delta_w, abs=1e-3)
    assert ("Δw_" in last) == (convention == "mitchell")
    st = t.optimizer["edges"][(e.source, e.target)]
    s = doc.settings
    m = s.beta1 * st["m"] + (1 - s.beta1) * e.grad
    m_line = next(x for x in update.lines if x.startswith("t = 9,  m = "))
    assert parse(m_line.rsplit("= ", 1)[1]) == pytest.approx(m, abs=1e-3)


@pytest.mark.parametrize("name", ["nesterov", "adagrad", "rmsprop", "adamw"])
def test_every_optimiser_has_its_formula_in_the_update_step(name):
    doc = load_example("xnor")
    doc.settings = TrainingSettings(**{**doc.settings.__dict__, "optimizer": name})
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace_example(doc, example_from_row(doc.build_dataset(), plan, 0), plan)
    text = steps(t, doc.network, plan.order, plan.level_of)[-1].formula
    words = {"nesterov": "v ← μ v − η g", "adagrad": "G ← G + g²",
             "rmsprop": "s ← ρ s + (1 − ρ) g²", "adamw": "λ w"}
    assert words[name] in text


def test_sgd_without_momentum_keeps_its_lines_and_numbers():
    doc = load_example("xnor")
    doc.settings = dataclasses.replace(doc.settings, momentum=0.0)
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace_example(doc, example_from_row(doc.build_dataset(), plan, 0), plan)
    assert t.optimizer is None
    for e in t.edges:
        assert e.delta_w == -doc.settings.learning_rate * e.grad
    assert steps(t, doc.network, plan.order, plan.level_of)[-1].lines[0] == "w ← w − η · ∂L/∂w"
    assert np.isfinite([e.delta_w for e in t.edges]).all()


def test_momentum_shows_its_velocity_and_starts_as_plain_sgd():
    doc = load_example("xnor")
    assert doc.settings.momentum == 0.9
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace_example(doc, example_from_row(doc.build_dataset(), plan, 0), plan)
    for e in t.edges:  # no velocity yet: exactly SGD's −η g
        assert e.delta_w == -doc.settings.learning_rate * e.grad
    lines = steps(t, doc.network, plan.order, plan.level_of)[-1].lines
    assert lines[:2] == ("SGD with momentum, with g = ∂L/∂w:", "v ← μ v − η g,  w ← w + v")
    assert lines[-2].startswith("v = 0.9 × 0.000 − ")
