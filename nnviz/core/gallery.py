"""Which test examples a gallery shows first, and what each one's labels say.

For data of more than two inputs a decision map is a meaningless slice; the window
shows the test examples instead, each with its predicted and true label. Mistakes
come first, the most confident first (what the network is surest of and wrong about
is what a class should look at), then the right ones, the least sure first. Rows
chosen elsewhere (a confusion-matrix cell) come before all others, in the same order.

Confidence is rounded to steps of 0.05 before sorting, and ties keep the rows' order,
so that while training moves every output a little, tiles do not swap places at each
snapshot. Regression has no mistakes: the largest errors come first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.data import Dataset

STEP = 0.05  # confidence resolution of the order (see the module docstring)


@dataclass(frozen=True)
class Ranking:
    """The examples in the order shown; entry i describes ``rows[i]``."""

    rows: np.ndarray  # dataset rows
    predicted: np.ndarray  # class index (classification) or value (regression); NaN: none yet
    true: np.ndarray  # class index or target value
    wrong: np.ndarray  # bool: a misclassified example
    confidence: np.ndarray  # the predicted class's output (classification), or |error|
    chosen: np.ndarray  # bool: among the rows chosen to come first

    @classmethod
    def empty(cls) -> Ranking:
        none = np.zeros(0)
        return cls(np.zeros(0, dtype=np.intp), none, none, none.astype(bool), none,
                   none.astype(bool))

    @property
    def mistakes(self) -> int:
        return int(self.wrong.sum())

    def __len__(self) -> int:
        return len(self.rows)


def rank(dataset: Dataset, outputs: np.ndarray | None, rows: np.ndarray | None = None,
         columns: tuple[int, ...] | None = None, first: np.ndarray | None = None) -> Ranking:
    """The gallery's order of ``rows`` (default: the test rows) given the network's
    ``outputs`` on every dataset row (None: not yet known, rows in their own order).

    ``columns``: the output and target columns of one softmax group, when there are
    several decisions; ``first``: rows to put before the others (added if missing)."""
    rows = np.asarray(dataset.test if rows is None else rows, dtype=np.intp)
    if first is not None:  # a train cell's rows join the test rows they come before
        first = np.asarray(first, dtype=np.intp)
        first = first[(first >= 0) & (first < dataset.n)]
        rows = np.concatenate([first, rows[~np.isin(rows, first)]])
    cols = list(columns) if columns is not None else list(range(dataset.y.shape[1]))
    true = _truth(dataset, rows, cols)
    n = len(rows)
    predicted = np.full(n, np.nan)
    confidence = np.zeros(n)
    wrong = np.zeros(n, dtype=bool)
    if outputs is not None and len(outputs) == dataset.n and n:
        out = np.asarray(outputs, dtype=float)[rows]
        predicted, confidence = _predict(dataset, out, cols)
        if dataset.task == "regression":
            confidence = np.abs(predicted - true)
            confidence[~np.isfinite(confidence)] = np.inf  # a diverged output is the worst
        else:
            wrong = predicted != true
    chosen = np.isin(rows, first) if first is not None else np.zeros(n, dtype=bool)
    key = np.round(np.nan_to_num(confidence, nan=0.0, posinf=1e300) / STEP)
    # Wrong: the most confident first; right: the least sure first; regression: the
    # largest error first.
    key = np.where(wrong | (dataset.task == "regression"), -key, key)
    order = np.lexsort((np.arange(n), key, ~wrong, ~chosen))
    return Ranking(rows[order], predicted[order], true[order], wrong[order],
                   confidence[order], chosen[order])


def _truth(dataset: Dataset, rows: np.ndarray, cols: list[int]) -> np.ndarray:
    if dataset.task == "regression":
        return dataset.y[rows, cols[0]].astype(float)
    if dataset.task == "binary":
        return dataset.classes[rows].astype(float)
    return dataset.y[rows][:, cols].argmax(axis=1).astype(float)


def _predict(dataset: Dataset, out: np.ndarray, cols: list[int]) -> tuple[np.ndarray, ...]:
    """(predicted label or value, confidence) of each row's outputs."""
    if dataset.task == "regression":
        return out[:, cols[0]], np.zeros(len(out))
    if dataset.task == "binary":
        lo, hi = dataset.label_values
        value = out[:, 0]
        positive = value > dataset.threshold
        # How far past the threshold, as a share of the way to the class's own value.
        share = np.abs(value - dataset.threshold) / (abs(hi - lo) / 2 or 1.0)
        return positive.astype(float), np.clip(np.nan_to_num(share), 0.0, 1.0)
    group = out[:, cols]
    finite = np.where(np.isfinite(group), group, -np.inf)
    label = finite.argmax(axis=1)
    return label.astype(float), np.nan_to_num(finite[np.arange(len(out)), label],
                                              neginf=0.0)
