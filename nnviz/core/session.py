"""A training session and the immutable snapshots it hands to the views.

The engine process owns one TrainingSession; the GUI only ever sees Snapshots:
frozen copies of the parameters, the new history rows, the decision-region
maps of every neuron over a grid, and the trace of the highlighted example.
Nothing in a snapshot is shared with the session, so the GUI may keep it as
long as it likes while training goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from nnviz.core.checkpoints import Checkpoint, Checkpoints
from nnviz.core.data import Dataset
from nnviz.core.network import Network
from nnviz.core.optimstate import from_portable, to_portable
from nnviz.core.settings import TrainingSettings
from nnviz.core.stopping import best_row, stop_reason
from nnviz.core.trace import Trace, trace
from nnviz.core.training import HISTORY_KEYS, History, Trainer

GRID_SIZE = 100


def maps_apply(dataset: Dataset) -> bool:
    """Whether maps over the first two raw columns show the network's whole input.

    With more columns, a map holds the others at their means: a slice through a
    64-pixel picture space says nothing of what the network does with a digit. Such
    data gets no neuron maps; its snapshots carry the network's outputs on every row
    instead (a view shows examples with their predicted and true labels)."""
    return dataset.x.shape[1] <= 2


@dataclass(frozen=True)
class GridMaps:
    """Every neuron's activation over a grid of the first two raw features.

    For data whose maps do not apply (``maps_apply``) the maps are empty: no neuron
    ids, values of shape (0, 0, 0), so a view that kept older maps lets them go."""

    extent: tuple[float, float, float, float]  # x min, x max, y min, y max
    neuron_ids: tuple[str, ...]
    values: np.ndarray  # (neurons, rows = y, cols = x), float32
    output_ids: tuple[str, ...]  # in the network's output order
    # Softmax groups as positions in output_ids; several groups are separate decisions.
    output_groups: tuple[tuple[int, ...], ...] = ()

    def of(self, neuron_id: str) -> np.ndarray:
        return self.values[self.neuron_ids.index(neuron_id)]

    def outputs(self) -> np.ndarray:
        return np.stack([self.of(o) for o in self.output_ids])


@dataclass(frozen=True)
class Snapshot:
    generation: int  # set by whoever changes what the session trains (see engine.py)
    epoch: int
    updates: int
    playing: bool
    weights: dict[tuple[str, str], float]
    biases: dict[str, float]
    alphas: dict[str, float]
    history_from: int  # history_rows continue the history at this row
    history_rows: dict[str, np.ndarray]
    last: dict[str, float] = field(default_factory=dict)  # latest history row
    # Loss and accuracy of exactly these parameters (what every readout shows): after an
    # edit, a step within an epoch or a rewind they differ from the last history row.
    current: dict[str, float] = field(default_factory=dict)
    # With several softmax groups, each group's accuracy of the same evaluation as
    # ``current`` ("train"/"test" -> one per group, in the plan's group order).
    group_accuracy: dict[str, list[float]] = field(default_factory=dict)
    grid: GridMaps | None = None
    trace: Trace | None = None
    sample: int | None = None  # dataset row of the traced example
    diverged: str | None = None
    error: str | None = None
    # History scrubber: every recorded checkpoint's epoch, and the ones not sent before.
    checkpoint_epochs: tuple[int, ...] = ()
    new_checkpoints: tuple[Checkpoint, ...] = ()
    # The optimiser's state in file form (optimstate.py) that goes with these weights, so
    # that a document saved while training plays goes on from it exactly.
    optimizer_state: dict | None = None
    rate: float = 0.0  # the learning rate of the epoch being trained (schedule applied)
    stopped: str | None = None  # why training stopped by itself (stopping.py), if it did
    # The parameters of the best epoch (lowest test loss) when they changed since the
    # last snapshot: (epoch, weights, biases, alphas), for "Restore Best Weights".
    new_best: tuple | None = None
    # Data whose maps do not apply (maps_apply): the outputs (rows, k), float32, of every
    # dataset row in the network's output order, sent when maps would be.
    outputs: np.ndarray | None = None


def grid_extent(dataset: Dataset) -> tuple[float, float, float, float]:
    """Square-ish bounds around the data with a margin, fixed for a dataset."""
    lo = dataset.x[:, :2].min(axis=0)
    hi = dataset.x[:, :2].max(axis=0)
    if dataset.x.shape[1] == 1:
        lo, hi = np.array([lo[0], -1.0]), np.array([hi[0], 1.0])
    span = hi - lo
    # One point (an exercise's single example) or a constant feature: a box of ±1 around
    # it, not a billionth-wide one whose axis ticks run into each other.
    flat = span <= 1e-9 * np.maximum(1.0, np.abs(lo))
    lo, hi = np.where(flat, lo - 1.0, lo - 0.1 * span), np.where(flat, hi + 1.0, hi + 0.1 * span)
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def grid_points(dataset: Dataset, size: int = GRID_SIZE) -> np.ndarray:
    """(size², raw features) points row by row; extra raw columns sit at their mean."""
    x0, x1, y0, y1 = grid_extent(dataset)
    xs, ys = np.linspace(x0, x1, size), np.linspace(y0, y1, size)
    gx, gy = np.meshgrid(xs, ys)
    raw = np.tile(dataset.x.mean(axis=0), (size * size, 1))
    raw[:, 0] = gx.ravel()
    if dataset.x.shape[1] > 1:
        raw[:, 1] = gy.ravel()
    return raw


def new_trainer(network: Network, dataset: Dataset, settings: TrainingSettings,
                history: History | None = None, epoch: int = 0,
                optimizer_state: dict | None = None) -> Trainer:
    """A Trainer that goes on from a document's optimiser state (file form), if any."""
    trainer = Trainer(network, dataset, settings, history, epoch)
    if optimizer_state is not None:
        trainer.optimizer.load(from_portable(optimizer_state, trainer.plan,
                                             trainer.synced_network()))
    return trainer


class TrainingSession:
    def __init__(self, network: Network, dataset: Dataset, settings: TrainingSettings,
                 history: History | None = None, epoch: int = 0,
                 optimizer_state: dict | None = None) -> None:
        self.generation = 0
        self.dataset = dataset
        self.trainer = new_trainer(network, dataset, settings, history, epoch, optimizer_state)
        self.updates = 0
        self.sample: int | None = None
        self._sent_rows = 0
        self._grid_inputs = self._make_grid_inputs()
        self.checkpoints = Checkpoints()
        self._sent_serial = 0
        self._future: History | None = None  # the history a rewind cut off, until training
        self.stopped: str | None = None
        self.best: tuple[int, np.ndarray] | None = None  # (epoch, parameters) of the best epoch
        self._best_sent: tuple[int, np.ndarray] | None = None
        # The last maps computed and what they were computed from (plan, grid inputs,
        # parameters): unchanged parameters give the same maps without a forward pass.
        self._grid_cache: tuple[object, np.ndarray, np.ndarray, GridMaps,
                                np.ndarray | None] | None = None
        self.grid_seconds = 0.0  # what the last computed set of maps cost
        self._checkpoint()

    def _make_grid_inputs(self) -> np.ndarray:
        if not maps_apply(self.dataset):  # the rows themselves, for their outputs
            return self.dataset.inputs(self.trainer.plan.features)
        return self.dataset.inputs(self.trainer.plan.features, grid_points(self.dataset))

    # ------------------------------------------------------------- changes
    def set_network(self, network: Network) -> None:
        """A new structure: rebuild the plan, keep the epoch count and history."""
        t = self.trainer
        self.trainer = Trainer(network, self.dataset, t.settings, t.history, t.epoch)
        self.trainer.rng = t.rng
        self._grid_inputs = self._make_grid_inputs()
        self.checkpoints.clear()  # parameter vectors of another structure
        self.best = None
        self._future = None
        self._checkpoint()

    def set_parameters(self, network: Network) -> None:
        self._drop_future()
        self.trainer.set_parameters(network)

    def set_settings(self, settings: TrainingSettings) -> None:
        self.trainer.update_settings(settings)

    def restart(self, network: Network, dataset: Dataset, settings: TrainingSettings,
                history: History | None = None, epoch: int = 0,
                optimizer_state: dict | None = None) -> None:
        """Start over (reset, new data, opened file): a fresh trainer and history."""
        # may refuse: keep state
        trainer = new_trainer(network, dataset, settings, history, epoch, optimizer_state)
        self.dataset, self.trainer = dataset, trainer
        self._sent_rows = 0
        self.updates = 0
        self._grid_inputs = self._make_grid_inputs()
        if self.sample is not None and self.sample >= dataset.n:
            self.sample = None
        self.checkpoints.clear()
        self._future = None
        self.stopped, self.best = None, None
        self._checkpoint()

    def step(self, unit: str) -> bool:
        self._drop_future()
        before = self.trainer.epoch, self.trainer.cursor
        done = self.trainer.step(unit)
        if (self.trainer.epoch, self.trainer.cursor) != before:
            self.updates += 1
        if done:
            self._checkpoint()
        return done

    def advance(self, max_updates: int) -> tuple[int, bool]:
        """Up to ``max_updates`` batches, never past the epoch's end: (updates, epoch done)."""
        self._drop_future()
        made, done = self.trainer.advance(max_updates)
        self.updates += made
        if done:
            self._checkpoint()
        return made, done

    # ------------------------------------------------------------- history
    def _checkpoint(self) -> None:
        """At the end of an epoch (and at the start): a checkpoint, the best epoch, and
        whether a stopping rule says to stop."""
        t = self.trainer
        self.checkpoints.record(t.epoch, t.theta, t.optimizer.state)
        row = best_row(t.history)
        if row is not None and row == len(t.history) - 1 and t.epoch == int(
                t.history.rows["epoch"][row]):
            self.best = (t.epoch, t.theta.copy())
        self.stopped = stop_reason(t.settings, t.history)

    def _drop_future(self) -> None:
        """Training or editing after a rewind: what came after it is no longer the past."""
        if self._future is not None:
            self._future = None
            self.checkpoints.truncate(self.trainer.epoch)

    def rewind(self, epoch: int) -> int:
        """Go back (or forward again) to the checkpoint at or before ``epoch``.

        Parameters, optimiser state (momentum, Adam's moments), epoch and history become
        what they were then, and the shuffling replays from there, so playing on repeats
        the run exactly (same settings). Until training goes on, later checkpoints and
        history rows stay, so the scrubber can move forward again. Returns the checkpoint's epoch.
        """
        c = self.checkpoints.at(epoch)
        t = self.trainer
        full = self._future if self._future is not None else t.history
        kept = History.from_dict({k: [v for v, e in zip(col, full.rows["epoch"]) if e <= c.epoch]
                                  for k, col in full.rows.items()})
        t.plan.write(c.theta, t._network)
        state = c.optimizer if c.optimizer.name == t.settings.optimizer else None
        trainer = Trainer(t._network, self.dataset, t.settings, kept, c.epoch, state)
        self.trainer, self._future = trainer, full
        self._sent_rows = 0  # the next snapshot resends the (shorter) history
        return c.epoch

    # ------------------------------------------------------------ snapshot
    def snapshot(self, playing: bool = False, with_grid: bool = True) -> Snapshot:
        t, plan = self.trainer, self.trainer.plan
        theta = t.theta
        biases = {nid: float(theta[plan.bias_offset + i]) for nid, i in plan.index.items()}
        alphas = {nid: float(theta[plan.alpha_offset + i]) for nid, i in plan.index.items()}
        start = self._sent_rows if self._sent_rows <= len(t.history) else 0
        rows = {k: t.history.array(k)[start:] for k in HISTORY_KEYS}
        self._sent_rows = len(t.history)
        fresh = self.checkpoints.since(self._sent_serial)
        new_best = None
        if self.best is not None and self.best is not self._best_sent:
            e, best = self.best
            new_best = (e, plan.weight_of(best),
                        {nid: float(best[plan.bias_offset + i]) for nid, i in plan.index.items()},
                        {nid: float(best[plan.alpha_offset + i]) for nid, i in plan.index.items()})
            self._best_sent = self.best
        if fresh:
            self._sent_serial = fresh[-1].serial
        return Snapshot(
            generation=self.generation, epoch=t.epoch, updates=self.updates, playing=playing,
            weights=plan.weight_of(theta), biases=biases, alphas=alphas,
            history_from=start, history_rows=rows, last=t.history.last(),
            current=self.current(playing),
            group_accuracy=dict(t.history_group_accuracy if playing else t.group_accuracy),
            grid=self.grid() if with_grid else None,
            outputs=self.outputs() if with_grid and not maps_apply(self.dataset) else None,
            trace=self.trace(), sample=self.sample, diverged=t.diverged,
            checkpoint_epochs=self.checkpoints.epochs(), new_checkpoints=fresh,
            optimizer_state=to_portable(t.optimizer.state, plan, t._network),
            rate=t.rate, stopped=self.stopped, new_best=new_best,
        )

    def current(self, playing: bool) -> dict[str, float]:
        """Loss and accuracy now. While playing, the latest epoch's row stands in: it is at
        most one epoch old and costs nothing; paused, the parameters are evaluated (two
        forward passes over the data), so a hand edit is measured at once."""
        if playing:
            return {k: v for k, v in self.trainer.history.last().items() if k != "epoch"}
        return self.trainer.evaluate()

    def grid(self) -> GridMaps:
        """Every neuron's map over the grid; the same object again while neither the
        parameters, the network nor the data changed (a pause, a new traced example)."""
        t, plan = self.trainer, self.trainer.plan
        cache = self._grid_cache
        if (cache is not None and cache[0] is plan and cache[1] is self._grid_inputs
                and np.array_equal(cache[2], t.theta)):
            return cache[3]
        start = time.perf_counter()
        outputs = None
        with np.errstate(all="ignore"):
            ws = plan.forward(t.params, self._grid_inputs)
            if maps_apply(self.dataset):
                ids = tuple(plan.order)
                values = ws.a.reshape(plan.n, GRID_SIZE, GRID_SIZE).astype(np.float32)
            else:
                ids, values = (), np.zeros((0, 0, 0), dtype=np.float32)
                outputs = plan.predictions(ws).astype(np.float32)
        maps = GridMaps(grid_extent(self.dataset), ids, values,
                        tuple(plan.user_output_ids), tuple(plan.user_output_groups))
        self._grid_cache = (plan, self._grid_inputs, t.theta.copy(), maps, outputs)
        self.grid_seconds = time.perf_counter() - start
        return maps

    def outputs(self) -> np.ndarray | None:
        """The network's outputs on every dataset row, for data whose maps do not apply
        (None otherwise); computed with the maps and cached with them."""
        self.grid()
        return self._grid_cache[4]

    def trace(self) -> Trace | None:
        if self.sample is None:
            return None
        t = self.trainer
        x = self.dataset.inputs(t.plan.features)[self.sample]
        y = self.dataset.y[self.sample]
        network = t.synced_network()
        s = t.settings
        return trace(network, x, y, s.loss_spec, s.convention, t.rate, t.plan,
                     (s, t.optimizer.state))
