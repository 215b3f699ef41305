"""Classification metrics: confusion matrices and per-class precision, recall and F1.

Pure NumPy so the engine process, the headless CLI and the GUI all count the same way.
Labels follow the training code: multi-class by argmax within a softmax group (a column
range of the outputs), binary by the dataset's threshold on the single output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ClassMetrics:
    """Precision, recall and F1 per class (NaN where a class has no predictions/rows)."""

    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    support: np.ndarray


def predicted_labels(out: np.ndarray, group: tuple[int, int] | None = None,
                     threshold: float | None = None) -> np.ndarray:
    """Class index per row: argmax within the group's columns, or 1/0 by the threshold."""
    out = np.asarray(out)
    if threshold is not None:
        return (out[:, 0] > threshold).astype(np.intp)
    g0, g1 = group if group is not None else (0, out.shape[1])
    return out[:, g0:g1].argmax(axis=1).astype(np.intp)


def confusion_matrix(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Counts[i, j]: rows of true class i predicted as class j (integer matrix)."""
    true = np.asarray(true, dtype=np.intp)
    pred = np.asarray(pred, dtype=np.intp)
    if true.shape != pred.shape:
        raise ValueError(f"true labels {true.shape} and predictions {pred.shape} differ in shape")
    flat = np.bincount(true * n_classes + pred, minlength=n_classes * n_classes)
    return flat[: n_classes * n_classes].reshape(n_classes, n_classes)


def normalise_by_true(counts: np.ndarray) -> np.ndarray:
    """Each row divided by its total (the recall view); rows without examples are NaN."""
    counts = np.asarray(counts, dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)


def class_metrics(counts: np.ndarray) -> ClassMetrics:
    """Precision (column-wise), recall (row-wise) and their harmonic mean F1 per class."""
    counts = np.asarray(counts, dtype=float)
    hits = np.diag(counts)
    predicted = counts.sum(axis=0)
    support = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, hits / np.where(predicted > 0, predicted, 1), np.nan)
        recall = np.where(support > 0, hits / np.where(support > 0, support, 1), np.nan)
        denom = precision + recall
        f1 = np.where(denom > 0, 2 * precision * recall / np.where(denom > 0, denom, 1),
                      np.where(np.isnan(denom), np.nan, 0.0))
    return ClassMetrics(precision, recall, f1, support.astype(np.intp))


def cell_rows(true: np.ndarray, pred: np.ndarray, i: int, j: int) -> np.ndarray:
    """Indices of the rows in cell (true i, predicted j): what a clicked cell highlights."""
    return np.flatnonzero((np.asarray(true) == i) & (np.asarray(pred) == j))
