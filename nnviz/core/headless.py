"""Whole jobs on a document without a window: train it for N epochs, trace one example.

The command line and the Python API (``import nnviz``) both run these, so a notebook,
an autograder and ``nnviz trace`` / ``nnviz train`` give the same numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.core import schedules
from nnviz.core.data import Dataset
from nnviz.core.document import Document
from nnviz.core.optimstate import from_portable, to_portable
from nnviz.core.plan import Plan
from nnviz.core.stopping import stop_reason
from nnviz.core.trace import Trace, trace
from nnviz.core.training import Trainer


@dataclass(frozen=True)
class Example:
    """One example as the network sees it, and where it came from."""

    x: np.ndarray  # one value per input neuron
    y: np.ndarray | None  # one value per output, or None: forward pass only
    row: int | None  # the dataset row it is (0-based), if any
    where: str  # e.g. "given input, target from dataset row 1 (0-based)"


def example_from_inputs(data: Dataset, plan: Plan, raw: Sequence[float]) -> Example:
    """The example with these raw feature values (derived inputs such as x1^2 computed).

    Like a row of the data, ``raw`` has one value per raw feature (x1, x2, ...); one
    value per input neuron is accepted too when that count differs. The target is the
    one of the dataset row with exactly these inputs, if there is one.
    """
    raw = np.asarray(raw, dtype=float).ravel()
    if len(raw) == data.x.shape[1]:
        x = data.inputs(plan.features, raw[None, :])[0]
        matches = np.flatnonzero((data.x == raw).all(axis=1))
    elif len(raw) == plan.n_in:
        x = raw
        matches = np.flatnonzero((data.inputs(plan.features) == raw).all(axis=1))
    else:
        raise ValueError(
            f"got {len(raw)} value(s) but the data has {data.x.shape[1]} "
            f"feature(s) ({', '.join(data.feature_names)})"
            + (f" and the network {plan.n_in} inputs" if plan.n_in != data.x.shape[1] else ""))
    row = int(matches[0]) if len(matches) else None
    return Example(x, None if row is None else data.y[row], row,
                   "given input" + (f", target from dataset row {row} (0-based)"
                                    if row is not None else ""))


def example_from_row(data: Dataset, plan: Plan, row: int) -> Example:
    """Row ``row`` (0-based) of the document's dataset."""
    if not 0 <= row < data.n:
        raise ValueError(f"row {row} is out of range: the dataset has {data.n} rows, "
                         f"numbered 0 to {data.n - 1}")
    return Example(data.inputs(plan.features)[row], data.y[row], row,
                   f"dataset row {row} (0-based)")


def with_target(example: Example, plan: Plan, target: Sequence[float]) -> Example:
    y = np.asarray(target, dtype=float).ravel()
    if len(y) != len(plan.output_ids):
        raise ValueError(f"got {len(y)} target value(s) but the network has "
                         f"{len(plan.output_ids)} output(s)")
    return dataclasses.replace(example, y=y, where=example.where.split(", target")[0]
                               + ", given target")


def trace_example(doc: Document, example: Example, plan: Plan | None = None,
                  convention: str | None = None) -> Trace:
    """The forward and backward pass of one example with the document's settings.

    Without a target only the forward numbers mean anything (the backward ones are
    computed against zeros); callers say so.
    """
    settings = doc.settings
    plan = plan or Plan(doc.network, settings.loss_spec)
    y = example.y if example.y is not None else np.zeros(len(plan.output_ids))
    state = None if doc.optimizer_state is None else from_portable(doc.optimizer_state, plan,
                                                                   doc.network)
    return trace(doc.network, example.x, y, settings.loss_spec,
                 convention or settings.convention, schedules.rate(settings, doc.epoch), plan,
                 (settings, state))


def train_document(doc: Document, epochs: int, seed: int | None = None,
                   progress: Callable[[int, Trainer], None] | None = None
                   ) -> tuple[Document, Trainer]:
    """Train a copy of ``doc`` for ``epochs`` more epochs (stopping early if it diverges or
    a stopping rule of its settings says so: then ``trainer.stopped`` says why).

    Returns the trained document (weights, history and epoch; ``doc`` is untouched) and
    the trainer, whose ``diverged`` says why training stopped early, if it did. ``seed``
    changes only this run's shuffling order. ``progress(done, trainer)`` is called after
    each epoch.
    """
    settings = doc.settings if seed is None else dataclasses.replace(doc.settings, seed=seed)
    trainer = Trainer(doc.network, doc.build_dataset(), settings,
                      doc.history.from_dict(doc.history.to_dict()), doc.epoch)
    if doc.optimizer_state is not None:  # go on as if never stopped
        trainer.optimizer.load(from_portable(doc.optimizer_state, trainer.plan,
                                             trainer.synced_network()))
    for done in range(1, epochs + 1):
        trainer.step("epoch")
        if trainer.diverged:
            break
        if progress is not None:
            progress(done, trainer)
        trainer.stopped = stop_reason(settings, trainer.history)
        if trainer.stopped:  # a stopping rule of the settings (stopping.py)
            break
    if trainer.diverged:
        return doc, trainer
    network = trainer.network()
    trained = dataclasses.replace(
        doc, network=network, history=trainer.history, epoch=trainer.epoch,
        optimizer_state=to_portable(trainer.optimizer.state, trainer.plan, network))
    return trained, trainer
