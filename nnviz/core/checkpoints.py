"""A bounded record of parameter checkpoints taken during training, for the history scrubber.

Checkpoints are taken every ``stride`` epochs. When there are more than
``limit`` of them, every other one is dropped (the first is always kept) and the
stride doubles: however long a run, the record spans all of it with at most
``limit`` entries, spaced evenly at the current stride.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.optimizers import OptimizerState

LIMIT = 200


@dataclass(frozen=True)
class Checkpoint:
    serial: int  # increases with every checkpoint taken, so a receiver can ask for new ones
    epoch: int
    theta: np.ndarray  # a private copy
    # What the optimiser had learnt (momentum, Adam's m and v): a private copy, so a
    # resumed run goes on as it would have.
    optimizer: OptimizerState


class Checkpoints:
    def __init__(self, limit: int = LIMIT) -> None:
        if limit < 2:
            raise ValueError("keep at least two checkpoints")
        self.limit = limit
        self.stride = 1
        self.items: list[Checkpoint] = []
        self._serial = 0

    def __len__(self) -> int:
        return len(self.items)

    def epochs(self) -> tuple[int, ...]:
        return tuple(c.epoch for c in self.items)

    def clear(self) -> None:
        self.items.clear()
        self.stride = 1

    def record(self, epoch: int, theta: np.ndarray, optimizer: OptimizerState) -> bool:
        """Take a checkpoint at this epoch if the stride says so; True when taken."""
        if self.items and epoch <= self.items[-1].epoch:
            self.truncate(epoch - 1)  # training replays after a rewind: the newer ones go
        first = self.items[0].epoch if self.items else epoch
        if self.items and (epoch - first) % self.stride:
            return False
        self._serial += 1
        self.items.append(Checkpoint(self._serial, epoch, theta.copy(), optimizer.copy()))
        while len(self.items) > self.limit:
            self.stride *= 2
            self.items = [c for c in self.items if (c.epoch - first) % self.stride == 0]
        return True

    def truncate(self, epoch: int) -> None:
        """Forget checkpoints after ``epoch``."""
        self.items = [c for c in self.items if c.epoch <= epoch]

    def at(self, epoch: int) -> Checkpoint:
        """The latest checkpoint at or before ``epoch`` (the first one if none is)."""
        if not self.items:
            raise LookupError("no checkpoints recorded")
        before = [c for c in self.items if c.epoch <= epoch]
        return before[-1] if before else self.items[0]

    def since(self, serial: int) -> tuple[Checkpoint, ...]:
        return tuple(c for c in self.items if c.serial > serial)


def merge_checkpoints(known: dict[int, Checkpoint], new: tuple[Checkpoint, ...],
                      kept_epochs: tuple[int, ...]) -> dict[int, Checkpoint]:
    """A view's checkpoints after a snapshot: the new ones added, the thinned-out ones gone.

    Snapshots send each checkpoint once and the epochs the session still keeps,
    so a view that collects them must drop what the session has thinned away.
    """
    merged = dict(known)
    for c in new:
        merged[c.epoch] = c
    if kept_epochs:
        keep = set(kept_epochs)
        merged = {e: c for e, c in merged.items() if e in keep}
    return merged
