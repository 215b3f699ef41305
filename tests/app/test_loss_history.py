"""The loss plot's history envelope and best row, against the rows they summarise."""

from __future__ import annotations

import numpy as np

from nnviz.app.plots.history import (
    EPOCH,
    TEST_LOSS,
    TRAIN_LOSS,
    BestRow,
    HistoryBuffer,
    PeakEnvelope,
)
from nnviz.core.training import HISTORY_KEYS


def rows(first: int, count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    values = {k: rng.random(count) for k in HISTORY_KEYS}
    values["epoch"] = np.arange(first + 1, first + count + 1, dtype=float)
    values["test_loss"][rng.random(count) < 0.05] = np.nan  # e.g. a diverged epoch
    return values


def check(envelope: PeakEnvelope, history: HistoryBuffer, column: int) -> None:
    """Every (min, max) pair is its block's, from a fresh pass over the rows; the rows
    after the last whole block follow as they are."""
    x, y = envelope.curve(history, column)
    n, b = history.n, envelope.block
    whole = (n - 1) // b
    assert envelope.blocks == whole and whole <= envelope.points
    blocks = history.data[:, :whole * b].reshape(len(HISTORY_KEYS), whole, b)
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(y[0:2 * whole:2], np.nanmin(blocks[column], axis=1))
        np.testing.assert_array_equal(y[1:2 * whole:2], np.nanmax(blocks[column], axis=1))
    np.testing.assert_array_equal(x[0:2 * whole:2], blocks[EPOCH, :, 0])
    np.testing.assert_array_equal(y[2 * whole:], history.column(column)[whole * b:])
    assert x[-1] == history.data[EPOCH, n - 1]


def test_the_envelope_follows_rows_added_in_any_chunks_and_rewritten_rows():
    rng = np.random.default_rng(3)
    history, envelope = HistoryBuffer(), PeakEnvelope(points=64)
    first = 0
    for _ in range(120):
        count = int(rng.integers(1, 40))
        start = history.extend(first, rows(first, count, rng))
        envelope.rewritten(start)
        first += count
        if history.n > 2 * envelope.points:
            check(envelope, history, TEST_LOSS)
    assert envelope.block >= 16  # it doubled on the way
    # A rewind writes over rows summarised long ago: their blocks are redone.
    start = history.extend(1000, rows(1000, 500, rng))
    envelope.rewritten(start)
    check(envelope, history, TRAIN_LOSS)
    long_blocks = envelope.block
    # A new run: short again, drawn row by row, and then enveloped from scratch.
    history.clear()
    envelope.rewritten(0)
    history.extend(0, rows(0, 100, rng))
    x, y = envelope.curve(history, TRAIN_LOSS)
    np.testing.assert_array_equal(y, history.column(TRAIN_LOSS))
    history.extend(100, rows(100, 300, rng))
    check(envelope, history, TRAIN_LOSS)
    assert envelope.block == 8 < long_blocks  # as fine as 64 blocks allow for 400 rows


def test_the_best_row_is_the_first_lowest_test_loss_read_incrementally():
    rng = np.random.default_rng(5)
    history, best = HistoryBuffer(), BestRow()
    train_only = rows(0, 30, rng)
    train_only["test_loss"][:] = np.nan  # no test split yet: the training loss decides
    best.update(history, history.extend(0, train_only))
    assert best.row == int(np.argmin(history.column(TRAIN_LOSS)))
    first = 30
    for _ in range(50):
        count = int(rng.integers(1, 20))
        new = rows(first, count, rng)
        new["test_loss"] = np.round(new["test_loss"], 1)  # ties: the first one counts
        best.update(history, history.extend(first, new))
        first += count
        column = history.column(TEST_LOSS)
        assert best.row == int(np.argmin(np.where(np.isfinite(column), column, np.inf)))
    best.update(history, history.extend(10, rows(10, 5, rng)))  # a rewind
    column = history.column(TEST_LOSS)
    assert best.row == int(np.argmin(np.where(np.isfinite(column), column, np.inf)))
