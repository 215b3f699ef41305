"""The loss plot's history: column buffers that grow by doubling, and a min/max envelope
of them kept up to date row by row, so a long run redraws in time independent of its
length.

A screen shows at most one (min, max) pair per pixel column. The envelope holds the
minimum and maximum of every block of ``block`` rows, with ``block`` a power of two that
doubles (merging neighbouring blocks) whenever there would be more than ``points``
blocks; new rows only touch the last blocks. The curves draw the envelope's pairs
followed by the rows after the last whole block (never fewer than one), so the last
point drawn is always the last row, exactly.
"""

from __future__ import annotations

import numpy as np

from nnviz.core.training import HISTORY_KEYS

EPOCH, TRAIN_LOSS, TEST_LOSS, TRAIN_ACC, TEST_ACC = range(len(HISTORY_KEYS))
# Blocks kept before they double: 512-1,024 (min, max) pairs are drawn, about one per
# pixel column of a docked plot (each pair costs line drawing: 4,096 points of a 2 px
# pen took ~1 ms a curve).
ENVELOPE_POINTS = 1024


class HistoryBuffer:
    """Columns of the history in one (keys, capacity) array that grows by doubling."""

    def __init__(self, capacity: int = 1024) -> None:
        self.data = np.empty((len(HISTORY_KEYS), capacity))
        self.n = 0

    def clear(self) -> None:
        self.n = 0

    def extend(self, start: int, rows: dict[str, np.ndarray]) -> int:
        """Write rows at `start` (≤ n: earlier rows are replaced; > n: a gap is skipped);
        returns the first row written."""
        start = min(start, self.n)
        count = len(rows["epoch"])
        if start + count > self.data.shape[1]:
            grown = np.empty((len(HISTORY_KEYS), max(2 * self.data.shape[1], start + count)))
            grown[:, :start] = self.data[:, :start]
            self.data = grown
        for i, key in enumerate(HISTORY_KEYS):
            self.data[i, start:start + count] = rows[key]
        # Accuracies are fractions in the core; people read percent.
        self.data[TRAIN_ACC:, start:start + count] *= 100.0
        self.n = start + count
        return start

    def column(self, index: int) -> np.ndarray:
        return self.data[index, :self.n]


class PeakEnvelope:
    """Per block of rows: the first epoch and the smallest and largest value of each column."""

    def __init__(self, points: int = ENVELOPE_POINTS) -> None:
        self.points = points
        self.block = 1
        self.blocks = 0  # whole blocks summarised
        self._x = np.empty(0)
        self._lo = np.empty((len(HISTORY_KEYS), 0))
        self._hi = np.empty((len(HISTORY_KEYS), 0))

    def rewritten(self, row: int) -> None:
        """Rows from `row` on were written again (a rewind): their blocks are redone."""
        self.blocks = min(self.blocks, row // self.block)

    def curve(self, history: HistoryBuffer, column: int) -> tuple[np.ndarray, np.ndarray]:
        """(epochs, values) to draw for one column: every row while there are few, else
        the blocks' (min, max) pairs and then the rows after the last whole block."""
        n = history.n
        if n <= 2 * self.points:
            return history.column(EPOCH), history.column(column)
        self._catch_up(history)
        done = self.blocks * self.block
        x = np.concatenate((np.repeat(self._x[:self.blocks], 2), history.data[EPOCH, done:n]))
        pairs = np.empty(2 * self.blocks)
        pairs[0::2] = self._lo[column, :self.blocks]
        pairs[1::2] = self._hi[column, :self.blocks]
        return x, np.concatenate((pairs, history.data[column, done:n]))

    def _catch_up(self, history: HistoryBuffer) -> None:
        # After a rewind to far fewer rows (or a new run) blocks this long would be too
        # coarse: start over.
        if history.n // self.block < self.points // 2:
            self.blocks, self.block = 0, 1
        while history.n // self.block > self.points:
            self._double()
        whole = (history.n - 1) // self.block  # the last row always stays a row of its own
        if whole <= self.blocks:
            return
        if whole > len(self._x):
            self._grow(whole)
        first, b = self.blocks * self.block, self.block
        rows = history.data[:, first:whole * b].reshape(len(HISTORY_KEYS), -1, b)
        # fmin/fmax skip a NaN (a split without examples) unless the whole block is NaN.
        self._lo[:, self.blocks:whole] = np.fmin.reduce(rows, axis=2)
        self._hi[:, self.blocks:whole] = np.fmax.reduce(rows, axis=2)
        self._x[self.blocks:whole] = rows[EPOCH, :, 0]
        self.blocks = whole

    def _double(self) -> None:
        """Twice the rows per block: neighbouring blocks merge (an odd last one is redone)."""
        pairs = self.blocks // 2
        self._x[:pairs] = self._x[0:2 * pairs:2]
        self._lo[:, :pairs] = np.fmin(self._lo[:, 0:2 * pairs:2], self._lo[:, 1:2 * pairs:2])
        self._hi[:, :pairs] = np.fmax(self._hi[:, 0:2 * pairs:2], self._hi[:, 1:2 * pairs:2])
        self.blocks, self.block = pairs, 2 * self.block

    def _grow(self, size: int) -> None:
        size = max(size, 2 * len(self._x), 64)
        x, lo, hi = np.empty(size), np.empty((len(HISTORY_KEYS), size)), np.empty(
            (len(HISTORY_KEYS), size))
        x[:self.blocks] = self._x[:self.blocks]
        lo[:, :self.blocks] = self._lo[:, :self.blocks]
        hi[:, :self.blocks] = self._hi[:, :self.blocks]
        self._x, self._lo, self._hi = x, lo, hi


class BestRow:
    """The row of the lowest test loss (training loss while no row has a test loss), the
    first of equal ones, found by reading only the rows added since the last call."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.row: int | None = None
        self._value = np.inf
        self._on_test = False
        self._read = 0

    def update(self, history: HistoryBuffer, start: int) -> int | None:
        """The best row after rows from `start` on were written."""
        if start < self._read:  # rows read before were written again: read them all
            self.reset()
        first, n = self._read, history.n
        if not self._on_test and np.isfinite(history.data[TEST_LOSS, first:n]).any():
            self._on_test, self.row, self._value, first = True, None, np.inf, 0
        values = history.data[TEST_LOSS if self._on_test else TRAIN_LOSS, first:n]
        finite = np.isfinite(values)
        if finite.any():
            i = int(np.argmin(np.where(finite, values, np.inf)))
            if values[i] < self._value:
                self._value, self.row = float(values[i]), first + i
        self._read = n
        return self.row
