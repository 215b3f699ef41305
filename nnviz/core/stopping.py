"""When training stops by itself, and which epoch was best.

The rules read only the history, so the window's engine, ``nnviz train`` and a
notebook stop at the same epoch. Each rule is off at 0 (the default):

- ``stop_epochs``: once the document has trained that many epochs in all;
- ``stop_loss``: once the training loss is at or below it;
- ``stop_accuracy``: once the training accuracy is at or above it (0..1);
- ``patience``: early stopping, once the test loss has not improved (strictly) for
  that many epochs since its best.

The best epoch is the one with the lowest test loss (the training loss when there
is no test set); its weights are what "Restore Best Weights" brings back.
"""

from __future__ import annotations

import math

from nnviz.core.settings import STOPPING_OPTIONS, TrainingSettings
from nnviz.core.training import History

__all__ = ["STOPPING_OPTIONS", "best_row", "monitored", "stop_reason"]


def monitored(history: History) -> str:
    """The history column early stopping and the best epoch watch."""
    test = history.rows["test_loss"]
    return "test_loss" if any(math.isfinite(v) for v in test) else "train_loss"


def best_row(history: History) -> int | None:
    """Row of the best epoch (lowest monitored loss, the first of equals), or None.

    The engine asks after every epoch: the rows already searched (the same column, only
    appended to since) are not searched again, so a long run does not slow down."""
    column = history.rows[monitored(history)]
    start, best, row = 0, math.inf, None
    memo = history.best_memo
    if memo is not None and memo[0] is column and memo[1] <= len(column):
        _, start, best, row = memo
    for i in range(start, len(column)):
        v = column[i]
        if math.isfinite(v) and v < best:
            best, row = v, i
    history.best_memo = (column, len(column), best, row)
    return row


def stop_reason(s: TrainingSettings, history: History) -> str | None:
    """Why training should stop after the history's last epoch, in words; else None."""
    if not len(history):
        return None
    last = history.last()
    epoch = int(last["epoch"])
    if s.stop_epochs and epoch >= s.stop_epochs:
        return f"stopped after {epoch} epochs (the limit is {s.stop_epochs})"
    if s.stop_loss and math.isfinite(last["train_loss"]) and last["train_loss"] <= s.stop_loss:
        return (f"stopped at epoch {epoch}: training loss {last['train_loss']:.4g} reached "
                f"the target {s.stop_loss:g}")
    acc = last["train_accuracy"]
    if s.stop_accuracy and math.isfinite(acc) and acc >= s.stop_accuracy:
        return (f"stopped at epoch {epoch}: training accuracy {100 * acc:.1f}% reached "
                f"the target {100 * s.stop_accuracy:g}%")
    if s.patience:
        row = best_row(history)
        if row is not None:
            best_epoch = int(history.rows["epoch"][row])
            if epoch - best_epoch >= s.patience:
                what = monitored(history).replace("_", " ")
                return (f"stopped early at epoch {epoch}: no better {what} for {s.patience} "
                        f"epochs (best {history.rows[monitored(history)][row]:.4g} at epoch "
                        f"{best_epoch})")
    return None
