"""Randomised backpropagation exercises: a document per variant, with its answer key.

A variant is one forward and one backward pass of a small layered network on one
example, as the lectures pose it: the weights and biases are drawn, the student
computes z, a, g'(z) and δ of every neuron, then ∂L/∂w (or Δw) and the updated
weight of every edge and bias. Numbers are chosen to be worked by hand: weights
with one decimal, inputs with one decimal, 0/1 targets (±1 for tanh), and every
variant is drawn again until no neuron saturates (|z| ≤ ``Z_MAX``) and every
answer is large enough to show in the digits asked.

Variant k of seed S comes from its own generator ``default_rng([S, k])``: the same
seed gives the same variants, and a sheet of 10 is the first 10 of a sheet of 30.
The answer key is ``nnviz.core.trace`` of the variant's document (dataset row 0 with
its settings), so the key, ``nnviz trace --sample 0`` and ``nnviz check`` agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.core.builders import COLUMN, ROW, parse_shape
from nnviz.core.data import Dataset
from nnviz.core.document import Document
from nnviz.core.headless import example_from_row, trace_example
from nnviz.core.network import Network, layered
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings
from nnviz.core.trace import CONVENTIONS, Trace

ACTIVATIONS = ("sigmoid", "tanh")
LOSSES = {  # name on the command line -> (settings.loss, half_squared, formula)
    "half_se": ("squared", True, "L = ½ (y − ŷ)²"),
    "se": ("squared", False, "L = (y − ŷ)²"),
    "bce": ("bce", True, "L = −y log ŷ − (1 − y) log(1 − ŷ)"),
}
#: Every cell a sheet can ask for: per neuron, then per weight (an edge or a bias).
NEURON_CELLS = {"z": "z", "a": "a", "g_prime": "g'(z)", "delta": "δ"}
WEIGHT_CELLS = {"dL_dw": "∂L/∂w", "delta_w": "Δw", "w_new": "new w"}
CELLS = {**NEURON_CELLS, **WEIGHT_CELLS}
#: The lectures' own columns: ∂L/∂w with δ = ∂L/∂z, Δw = η·δ·o with Mitchell's δ.
DEFAULT_CELLS = {
    "dl_dz": ("z", "a", "g_prime", "delta", "dL_dw", "w_new"),
    "mitchell": ("z", "a", "g_prime", "delta", "delta_w", "w_new"),
}
Z_MAX = 2.0  # σ'(2) = 0.105, tanh'(2) = 0.071: far from flat, still a real slope
MIN_ANSWER = 0.002  # every δ and nonzero ∂L/∂w at least this large: visible to 3 decimals
MIN_DIGITS = 3
# By hand, still: a larger network's weights table continues on a second page.
MAX_NEURONS, MAX_ROWS = 10, 40
LEARNING_RATES = (0.1, 0.2, 0.5, 1.0)
ATTEMPTS = 20_000
MAX_COUNT = 500  # a large class twice over; the PDF stays a few megabytes


class ExerciseError(ValueError):
    """Options no exercise can be made from; the message names the option."""


@dataclass(frozen=True)
class ExerciseSpec:
    shape: tuple[int, ...] = (2, 2, 1)
    activation: str = "sigmoid"
    loss: str = "half_se"
    convention: str = "dl_dz"
    learning_rate: float = 0.5
    seed: int = 1
    cells: tuple[str, ...] = ()  # empty: the convention's defaults
    digits: int = 4

    def __post_init__(self) -> None:
        check_spec(self)

    @property
    def chosen_cells(self) -> tuple[str, ...]:
        return self.cells or DEFAULT_CELLS[self.convention]

    @property
    def loss_formula(self) -> str:
        return LOSSES[self.loss][2]

    def describe(self) -> str:
        return (f"{'-'.join(map(str, self.shape))} {self.activation}, {self.loss_formula}, "
                f"η = {self.learning_rate:g}, {CONVENTIONS[self.convention]}")


def check_spec(spec: ExerciseSpec) -> None:
    """Raise ExerciseError naming the first option that cannot make an exercise."""
    shape = list(spec.shape)
    if len(shape) < 2 or min(shape) < 1:
        raise ExerciseError("--shape: needs two or more layers of at least one neuron")
    edges = sum(a * b for a, b in zip(shape, shape[1:]))
    if sum(shape) > MAX_NEURONS or edges + sum(shape[1:]) > MAX_ROWS:
        raise ExerciseError(f"--shape {'-'.join(map(str, shape))}: too big to work by hand "
                            f"(at most {MAX_NEURONS} neurons and {MAX_ROWS} weights and "
                            "biases)")
    if spec.activation not in ACTIVATIONS:
        raise ExerciseError(f"--activation: must be one of {', '.join(ACTIVATIONS)}, "
                            f"got {spec.activation!r}")
    if spec.loss not in LOSSES:
        raise ExerciseError(f"--loss: must be one of {', '.join(LOSSES)}, got {spec.loss!r}")
    if spec.loss == "bce" and spec.activation != "sigmoid":
        raise ExerciseError("--loss bce needs --activation sigmoid (its outputs are "
                            "probabilities)")
    if spec.convention not in CONVENTIONS:
        raise ExerciseError(f"--convention: must be one of {', '.join(CONVENTIONS)}, "
                            f"got {spec.convention!r}")
    if not 0 < spec.learning_rate <= 10:
        raise ExerciseError(f"--learning-rate: must be above 0 and at most 10, "
                            f"got {spec.learning_rate:g}")
    if not 0 <= spec.seed < 2**32:
        raise ExerciseError(f"--seed: must be from 0 to {2**32 - 1}, got {spec.seed}")
    unknown = [c for c in spec.cells if c not in CELLS]
    if unknown:
        raise ExerciseError(f"--cells: unknown cell {unknown[0]!r} (cells: {', '.join(CELLS)})")
    if len(set(spec.cells)) != len(spec.cells):
        raise ExerciseError("--cells: names a cell twice")
    if not MIN_DIGITS <= spec.digits <= 8:
        # Fewer decimals would print the smallest answers (0.002) as 0.00 or 2.00e-03.
        raise ExerciseError(f"--digits: must be from {MIN_DIGITS} to 8, got {spec.digits}")


def spec_from_options(shape: str, activation: str = "sigmoid", loss: str = "half_se",
                      convention: str = "dl_dz", learning_rate: float = 0.5, seed: int = 1,
                      cells: str = "", digits: int = 4) -> ExerciseSpec:
    """The spec the command line and the dialog describe, as text; ExerciseError if bad."""
    try:
        sizes = tuple(parse_shape(shape))
    except ValueError as exc:
        raise ExerciseError(f"--shape: {exc}") from None
    chosen = tuple(c.strip() for c in cells.split(",") if c.strip()) if cells else ()
    return ExerciseSpec(sizes, activation, loss, convention, float(learning_rate), int(seed),
                        chosen, int(digits))


@dataclass
class Variant:
    index: int  # 1-based, as printed on the sheet
    spec: ExerciseSpec
    document: Document
    trace: Trace = field(repr=False)

    @property
    def x(self) -> list[float]:
        return [float(v) for v in self.document.build_dataset().x[0]]

    @property
    def y(self) -> list[float]:
        return [float(v) for v in self.document.build_dataset().y[0]]


def _one_decimal(rng: np.random.Generator, low: int, high: int, size: int,
                 nonzero: bool) -> np.ndarray:
    """``size`` numbers k/10 for integers low ≤ k ≤ high (k ≠ 0 when ``nonzero``)."""
    choices = np.array([k for k in range(low, high + 1) if k or not nonzero])
    return rng.choice(choices, size=size) / 10.0


def _network(spec: ExerciseSpec, weights: np.ndarray, biases: np.ndarray) -> Network:
    net = layered(spec.shape, spec.activation, spacing=(COLUMN, ROW))
    for edge, w in zip(net.edges.values(), weights):
        edge.weight = float(w)
    for neuron, b in zip((n for n in net.neurons.values() if n.role != "input"), biases):
        neuron.bias = float(b)
    return net


def _document(spec: ExerciseSpec, index: int, net: Network, x: np.ndarray,
              y: np.ndarray) -> Document:
    kind, half, _ = LOSSES[spec.loss]
    binary = spec.activation == "sigmoid" and spec.shape[-1] == 1
    labels = (0.0, 1.0) if spec.activation == "sigmoid" else (-1.0, 1.0)
    features = [f"x{k + 1}" for k in range(spec.shape[0])]
    targets = ["y"] if spec.shape[-1] == 1 else [f"y{k + 1}" for k in range(spec.shape[-1])]
    data = Dataset(x[None, :], y[None, :], "binary" if binary else "regression", features,
                   targets, [0], [], labels, [], name=f"exercise {index}")
    settings = TrainingSettings(learning_rate=spec.learning_rate, batch_mode="full",
                                batch_size=1, loss=kind, half_squared=half,
                                convention=spec.convention, shuffle=False, seed=spec.seed)
    title = f"Backprop exercise, variant {index} (seed {spec.seed})"
    notes = (f"Variant {index} of the backpropagation exercise made by nnviz exercise "
             f"--seed {spec.seed}: {spec.describe()}. The example is row 0 of the data; "
             "`nnviz trace FILE --sample 0` gives the answers and `nnviz check FILE "
             "ANSWERS.csv` grades a filled table.")
    view = {"exercise": {"variant": index, "seed": spec.seed, "digits": spec.digits,
                         "cells": list(spec.chosen_cells), "loss": spec.loss}}
    return Document(net, data, settings, view=view, title=title, notes=notes)


def answer_trace(doc: Document) -> Trace:
    """The key of a variant's document: the trace of its data's row 0, its own settings."""
    plan = Plan(doc.network, doc.settings.loss_spec)
    return trace_example(doc, example_from_row(doc.build_dataset(), plan, 0), plan)


def saturation_problem(t: Trace, spec: ExerciseSpec | None = None) -> str | None:
    """Why this trace makes a poor hand exercise (a saturated or vanishing value), or None."""
    for n in t.neurons:
        if n.role == "input":
            continue
        if abs(n.z) > Z_MAX:
            return f"z of {n.label} is {n.z:.3f}, beyond ±{Z_MAX:g} (saturated)"
        if abs(n.delta) < MIN_ANSWER:
            return f"δ of {n.label} is {n.delta:.2e}, too small to see"
    for e in t.edges:
        if e.grad != 0 and abs(e.grad) < MIN_ANSWER:
            return f"∂L/∂w of {e.source} → {e.target} is {e.grad:.2e}, too small to see"
    return None


def make_variant(spec: ExerciseSpec, index: int) -> Variant:
    """Variant ``index`` (1-based) of ``spec.seed``: drawn until nothing saturates."""
    rng = np.random.default_rng([spec.seed, index])
    shape = spec.shape
    n_edges = sum(a * b for a, b in zip(shape, shape[1:]))
    n_biases = sum(shape[1:])
    low = 0.0 if spec.activation == "sigmoid" else -1.0
    for _ in range(ATTEMPTS):
        weights = _one_decimal(rng, -10, 10, n_edges, nonzero=True)
        biases = _one_decimal(rng, -5, 5, n_biases, nonzero=False)
        x = _one_decimal(rng, -10, 10, shape[0], nonzero=True)
        y = rng.choice([low, 1.0], size=shape[-1])
        doc = _document(spec, index, _network(spec, weights, biases), x, y)
        t = answer_trace(doc)
        if saturation_problem(t) is None:
            return Variant(index, spec, doc, t)
    raise ExerciseError(f"no variant {index} of this shape avoids saturation; try a "
                        "smaller network")


def make_variants(spec: ExerciseSpec, count: int, progress=None) -> list[Variant]:
    """Variants 1..count; ``progress(done, count)`` after each, returning False stops."""
    out: list[Variant] = []
    for k in range(1, count + 1):
        out.append(make_variant(spec, k))
        if progress is not None and progress(k, count) is False:
            break
    return out


# ---------------------------------------------------------------- the table
@dataclass(frozen=True)
class Row:
    """One row of the sheet's tables: a neuron, or a weight (an edge or a bias)."""

    item: str  # as the CSV names it: "h1", "x1->h1", "b(h1)"
    shown: str  # as the sheet prints it: "h1", "x1 → h1", "b(h1)"
    kind: str  # "neuron" or "weight"
    given: float | None  # the weight's value before the update (printed on the sheet)
    values: dict[str, float]  # cell -> exact value


def key_rows(t: Trace) -> list[Row]:
    """The key in the sheet's order: non-input neurons, then edges, then biases."""
    names = {n.id: n.label for n in t.neurons}
    rows = [Row(n.label, n.label, "neuron", None,
                {"z": n.z, "a": n.a, "g_prime": n.g_prime, "delta": n.delta})
            for n in t.neurons if n.role != "input"]
    for e in t.edges:
        s, d = names[e.source], names[e.target]
        rows.append(Row(f"{s}->{d}", f"{s} → {d}", "weight", e.weight,
                        {"dL_dw": e.grad, "delta_w": e.delta_w, "w_new": e.weight + e.delta_w}))
    for n in t.neurons:
        if n.role != "input":
            rows.append(Row(f"b({n.label})", f"b({n.label})", "weight", n.bias,
                            {"dL_dw": n.bias_grad, "delta_w": n.delta_bias,
                             "w_new": n.bias + n.delta_bias}))
    return rows
