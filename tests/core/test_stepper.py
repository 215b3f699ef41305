"""The step sequence of backprop: phase order, numbers equal to the trace, both conventions."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.core.examples import load_example
from nnviz.core.plan import Plan
from nnviz.core.stepper import PHASES, Notation, fmt, next_phase, parse, prev_phase, steps
from nnviz.core.trace import trace


def xnor_steps(convention: str):
    doc = load_example("xnor")
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace(doc.network, np.array([0.0, 1.0]), np.array([0.0]), doc.settings.loss_spec,
              convention, doc.settings.learning_rate, plan)
    return t, steps(t, doc.network, plan.order, plan.level_of, Notation())


def test_phases_in_lecture_order_for_2_2_1():
    _, seq = xnor_steps("dl_dz")
    phases = [s.phase for s in seq]
    assert phases == ["forward"] * 3 + ["loss", "output_delta"] + ["hidden_delta"] * 2 \
        + ["gradient"] * 3 + ["update"]
    assert [p for p in PHASES if p in phases] == list(dict.fromkeys(phases))
    # revealed only grows, and δ of a hidden neuron comes after the output's
    for a, b in zip(seq, seq[1:]):
        assert a.revealed <= b.revealed
    assert ("delta", "a1") not in seq[4].revealed and ("delta", "a1") in seq[5].revealed


@pytest.mark.parametrize("convention", ["dl_dz", "mitchell"])
def test_formula_numbers_equal_the_trace(convention):
    t, seq = xnor_steps(convention)
    for step in seq:
        if step.phase in ("output_delta", "hidden_delta"):
            nid = step.neurons[0]
            result = step.lines[0].rsplit("=", 1)[1].strip()
            assert parse(result) == pytest.approx(t.neuron(nid).delta, abs=5e-4)
        if step.phase == "forward":
            nid = step.neurons[0]
            assert step.lines[0].endswith(fmt(t.neuron(nid).z, 3))
            assert step.lines[1].endswith(fmt(t.neuron(nid).a, 3))
    # CURRICULUM: a1 = a2 = 0.119 and ŷ = 0.435 for (0, 1)
    assert seq[0].lines[1].endswith("0.119") and seq[2].lines[1].endswith("0.435")


def test_conventions_differ_in_sign_and_wording():
    _, plain = xnor_steps("dl_dz")
    _, mitchell = xnor_steps("mitchell")
    assert "∂L/∂a" in plain[4].lines[0] and plain[4].lines[0].endswith("= 0.435")
    assert "−∂E/∂a" in mitchell[4].lines[0] and mitchell[4].lines[0].endswith("= −0.435")
    assert "w ← w − η" in plain[-1].lines[0] and "Δw_ji = η δ_j o_i" in mitchell[-1].lines[0]
    assert "∂E/∂w" in mitchell[7].lines[0] and "∂L/∂w" in plain[7].lines[0]


def test_phase_jumps():
    _, seq = xnor_steps("dl_dz")
    assert next_phase(seq, 0) == 3 and next_phase(seq, 3) == 4
    assert prev_phase(seq, 6) == 5 and prev_phase(seq, 5) == 4 and prev_phase(seq, 3) == 0
    assert next_phase(seq, len(seq) - 1) == len(seq) - 1


def test_notation_round_trip_and_format():
    n = Notation(4, "o", "net")
    assert Notation.from_view(n.to_view()) == n
    assert Notation.from_view({"backward.digits": "x"}) == Notation()
    assert fmt(-0.00001, 3) == "−1.00e−05" and fmt(-0.0001, 2) == "−1.00e−04"
    assert fmt(-0.0, 3) == "0.000" and parse(fmt(-1.25, 2)) == -1.25
