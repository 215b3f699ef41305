"""Training: gradient descent (full batch, mini-batch, online) and the perceptron rule.

A Trainer owns one copy of the parameters and steps through the training set
in an order drawn from ``numpy.random.default_rng(settings.seed)``, one
permutation per epoch. That makes a run replayable: the same network, data and
settings give the same weights, update for update.

Gradient steps run in the compiled kernel when ``accel`` has it loaded and judges it
faster for the network, else in NumPy (the plan's forward and backward, the reference);
the two give the same numbers (tests/core/test_training.py runs both).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.core import accel, optimizers, schedules
from nnviz.core.activations import THRESHOLD_UNITS
from nnviz.core.data import Dataset
from nnviz.core.kernel_plan import KernelPlan
from nnviz.core.network import Network, NetworkError
from nnviz.core.optimizers import OptimizerState
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings

# Shuffled rows replayed when resuming at an epoch (about a second of permutations).
REPLAY_BUDGET = 20_000_000
HISTORY_KEYS = ("epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy")


@dataclass
class History:
    """One row per finished epoch; losses are means over the split, accuracies 0..1."""

    rows: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in HISTORY_KEYS})
    # stopping.best_row's search so far: (column, rows searched, best value, its row).
    best_memo: tuple | None = field(default=None, compare=False, repr=False)

    def append(self, **values: float) -> None:
        for key in HISTORY_KEYS:
            self.rows[key].append(float(values[key]))

    def __len__(self) -> int:
        return len(self.rows["epoch"])

    def last(self) -> dict[str, float]:
        return {k: v[-1] for k, v in self.rows.items()} if len(self) else {}

    def array(self, key: str) -> np.ndarray:
        return np.asarray(self.rows[key], dtype=float)

    def to_dict(self) -> dict[str, list[float]]:
        return {k: list(v) for k, v in self.rows.items()}

    @classmethod
    def from_dict(cls, data: dict[str, list[float]]) -> History:
        history = cls()
        for key in HISTORY_KEYS:
            history.rows[key] = [float(v) for v in data.get(key, [])]
        return history


class Trainer:
    """Trains a copy of a network; ``network()`` returns the trained copy."""

    def __init__(self, network: Network, dataset: Dataset, settings: TrainingSettings,
                 history: History | None = None, epoch: int = 0,
                 optimizer_state: OptimizerState | None = None) -> None:
        """``optimizer_state``: what the optimiser had learnt (momentum, Adam's m and v),
        in this network's Plan order, e.g. from a saved document; else it starts blank."""
        settings.validate()
        self.settings = settings
        self._network = network.copy()
        self.plan = Plan(self._network, settings.loss_spec)
        self.dataset = dataset
        if dataset.y.shape[1] != len(self.plan.output_ids):
            k, m = dataset.y.shape[1], len(self.plan.output_ids)
            raise ValueError(
                f"the data has {k} target column{'s' * (k != 1)} but the network has "
                f"{m} output{'s' * (m != 1)}"
            )
        self.theta = self.plan.read(self._network)
        self.params = self.plan.params(self.theta)
        self.grad = self.plan.params(np.zeros_like(self.theta))
        self.optimizer = optimizers.make(settings.optimizer, len(self.theta), self.plan.n_weights)
        if optimizer_state is not None:
            self.optimizer.load(optimizer_state)
        self._scratch = np.empty_like(self.theta)
        self._zeros = np.zeros_like(self.theta)
        inputs = dataset.inputs(self.plan.features)
        targets = self.plan.targets(dataset.y)
        self.x_train, self.y_train = inputs[dataset.train], targets[dataset.train]
        self.x_test, self.y_test = inputs[dataset.test], targets[dataset.test]
        if len(self.x_train) == 0:
            raise ValueError("the training set is empty")
        self.rng = np.random.default_rng(settings.seed)
        self.epoch = epoch
        self.cursor = 0
        # Resuming at epoch E draws the E orders already used, so 10 + 10 epochs
        # replay exactly like 20. Beyond a budget (far more epochs than were ever
        # trained on such data in practice: a file can claim 10^12) the orders come
        # from a stream seeded by (seed, E) instead: still replayable, never a hang.
        if settings.shuffle and epoch * len(self.x_train) > REPLAY_BUDGET:
            self.rng = np.random.default_rng([settings.seed, epoch])
        elif settings.shuffle:
            for _ in range(epoch):
                self._new_order()
        self.order = self._new_order()
        self._shuffled_for: np.ndarray | None = None  # the order _shuffled was gathered in
        self._shuffled: tuple[np.ndarray, np.ndarray] = (self.x_train, self.y_train)
        self.history = history if history is not None else History()
        # Each softmax group's accuracy ("train"/"test" -> one per group) of the latest
        # evaluation, and of the one that made the latest history row (several groups only).
        self.group_accuracy: dict[str, list[float]] = {}
        self.history_group_accuracy: dict[str, list[float]] = {}
        self.diverged: str | None = None
        self.stopped: str | None = None  # why a stopping rule ended the run (set by the runner)
        # Playground conventions (settings): weights L1 took across zero, frozen at 0;
        # the gradient of a partial last batch and its size, waiting for the next batch.
        self.dead = np.zeros(self.plan.n_weights, dtype=bool)
        self._carry: tuple[np.ndarray, int] | None = None
        self._kernel_for: tuple | None = None  # (plan, batch) the kernel choice was made for
        self._kernel_plan: KernelPlan | None = None
        if settings.rule == "perceptron":
            self._check_perceptron()

    # ------------------------------------------------------------ settings
    def update_settings(self, settings: TrainingSettings) -> None:
        """Change learning rate, batch, momentum, regularisation or loss mid-run."""
        settings.validate()
        if settings.loss_spec != self.settings.loss_spec:
            self.plan = Plan(self._network, settings.loss_spec)
        if settings.optimizer != self.settings.optimizer:
            # Another optimiser learns its own state from scratch; a hyper-parameter
            # change keeps what the current one has learnt.
            self.optimizer = optimizers.make(settings.optimizer, len(self.theta),
                                             self.plan.n_weights)
        self.settings = settings
        if settings.rule == "perceptron":
            self._check_perceptron()

    @property
    def velocity(self) -> np.ndarray:
        """The momentum buffer of SGD and Nesterov (zeros for the other optimisers)."""
        return self.optimizer.state.slots.get("velocity", self._zeros)

    @property
    def rate(self) -> float:
        """The learning rate of the epoch being trained (the schedule applied)."""
        return schedules.rate(self.settings, self.epoch)

    @property
    def batch_size(self) -> int:
        mode, n = self.settings.batch_mode, len(self.x_train)
        return n if mode == "full" else 1 if mode == "online" else min(self.settings.batch_size, n)

    def network(self) -> Network:
        """The network with the current parameters written back into it (a fresh copy)."""
        self.plan.write(self.theta, self._network)
        return self._network.copy()

    def synced_network(self) -> Network:
        """The trainer's own network with the current parameters written in: read only."""
        self.plan.write(self.theta, self._network)
        return self._network

    def set_parameters(self, network: Network) -> None:
        """Take weights and biases from an edited network of the same structure."""
        self.theta[:] = self.plan.read(network)
        self.diverged = None
        self.dead[:] = False  # typed weights are the user's: L1 may zero them afresh

    # ------------------------------------------------------------- stepping
    def _new_order(self) -> np.ndarray:
        n = len(self.x_train)
        return self.rng.permutation(n) if self.settings.shuffle else np.arange(n)

    def step(self, unit: str = "batch") -> bool:
        """One update on the next example ("sample") or batch, or the rest of the epoch.

        Returns True when an epoch was completed. Does nothing once diverged.
        """
        if unit == "sample":
            if self.diverged:
                return False
            with np.errstate(all="ignore"):
                return self._advance(1, 1)[1]
        return self.advance(1 << 62 if unit == "epoch" else 1)[1]

    def advance(self, max_updates: int) -> tuple[int, bool]:
        """Up to ``max_updates`` batches, never past the end of the epoch.

        Returns (updates made, epoch completed). Does nothing once diverged.
        """
        made, size = 0, self.batch_size
        # NaN and overflow are expected near divergence and handled by _accept; the
        # context is entered once per call, not per update (it costs as much as a matmul).
        with np.errstate(all="ignore"):
            while made < max_updates and not self.diverged:
                n, done = self._advance(size, max_updates - made)
                made += n
                if done:
                    return made, True
        return made, False

    def run_epochs(self, count: int) -> None:
        for _ in range(count):
            if self.diverged:
                break
            self.step("epoch")

    def kernel_plan(self) -> KernelPlan | None:
        """The compiled kernel's tables for this network, when it trains it; else None.

        Playground's conventions (a partial last batch carried over, L1 weights frozen
        at zero) are NumPy's only; every optimiser and schedule runs in the kernel.
        """
        s = self.settings
        if (s.rule != "gradient" or accel.kernel() is None
                or s.carry_partial_batch
                or self._carry is not None or (s.regularization == "l1" and s.l1_zero_crossing)):
            return None
        key = (self.plan, self.batch_size)
        if self._kernel_for is None or any(a is not b for a, b in zip(key, self._kernel_for)):
            self._kernel_for = key
            self._kernel_plan = accel.kernel_plan(self.plan, self.batch_size)
        return self._kernel_plan

    def _advance(self, size: int, max_updates: int) -> tuple[int, bool]:
        """Updates on batches of ``size`` from the cursor, up to the epoch's end."""
        kp = self.kernel_plan()
        c = self.cursor
        if kp is None:
            if self._shuffled_for is not self.order:
                # One gather per epoch; each batch is then a slice, not a fancy index.
                self._shuffled = (self.x_train[self.order], self.y_train[self.order])
                self._shuffled_for = self.order
            x, y = self._shuffled[0][c : c + size], self._shuffled[1][c : c + size]
            if self.settings.rule == "perceptron":
                self._perceptron(x, y)
            elif (self.settings.carry_partial_batch and len(x) < size
                  and c + len(x) >= len(self.order)):
                self._hold_partial(x, y)  # Playground: applied with the next epoch's first batch
            else:
                self._gradient_step(x, y)
            return 1, self._moved_to(c + len(x))
        # The kernel reads the rows through the epoch's order: no gather. When it also
        # measures the history row, it does so in the same call.
        measure = ((self.x_test, self.y_test, self.dataset.task, self._threshold())
                   if self._kernel_measures_both() else None)
        c, made, diverged, row = kp.train(self.theta, self.optimizer, self.grad.flat,
                                          self._scratch, self.x_train, self.y_train, self.order,
                                          c, max_updates, size, self.settings, self.rate, measure)
        if diverged:  # the refused batch is still used up, as in NumPy
            self._diverge()
            return made + 1, self._moved_to(min(c + size, len(self.order)))
        return made, self._moved_to(c, row)

    def _moved_to(self, cursor: int, row: tuple[float, ...] | None = None) -> bool:
        """``row``: the history row of the parameters now, when the kernel measured it."""
        self.cursor = cursor
        if self.cursor >= len(self.order):
            self.epoch += 1
            self.cursor = 0
            self.order = self._new_order()
            if row is not None:
                self.group_accuracy.clear()
            values = self.evaluate() if row is None else self._row_values(*row)
            self.history.append(epoch=self.epoch, **values)
            self.history_group_accuracy = dict(self.group_accuracy)
            return True
        return False

    def _hold_partial(self, x: np.ndarray, y: np.ndarray) -> None:
        """Keep a partial last batch's gradient for the next update instead of applying it."""
        ws = self.plan.forward(self.params, x)
        self.plan.backward(self.params, self.grad, ws, y)
        held = self.grad.flat.copy()
        if self._carry is not None:  # a batch larger than the training set: keep adding
            held, count = self._combine(self._carry, held, len(x))
            self._carry = (held, count)
        else:
            self._carry = (held, len(x))

    def _combine(self, carry: tuple[np.ndarray, int], g: np.ndarray, size: int
                 ) -> tuple[np.ndarray, int]:
        """One gradient for the carried examples and this batch together: the mean (or
        sum) over all of them, as if they had been one batch."""
        held, count = carry
        if self.settings.reduction == "sum":
            return held + g, count + size
        return (held * count + g * size) / (count + size), count + size

    def _gradient_step(self, x: np.ndarray, y: np.ndarray) -> None:
        """One update; called inside ``step``'s np.errstate(all="ignore")."""
        s, plan, lr = self.settings, self.plan, self.rate
        ws = plan.forward(self.params, x)
        plan.backward(self.params, self.grad, ws, y)
        g = self.grad.flat
        if self._carry is not None:
            g[:] = self._combine(self._carry, g, len(x))[0]
            self._carry = None
        weights = slice(0, plan.n_weights)
        playground_l1 = s.regularization == "l1" and s.l1_zero_crossing
        if playground_l1:
            g[weights][self.dead] = 0.0  # a weight L1 zeroed takes no more updates
            before_penalty = self.theta[weights] - lr * g[weights]
        if s.regularization != "none":
            if s.regularization == "l2":
                g[weights] += s.reg_rate * self.theta[weights]
            else:
                g[weights] += s.reg_rate * np.sign(self.theta[weights])
        self.optimizer.propose(self.theta, g, lr, s, self._scratch)
        if playground_l1:
            # The penalty step took the weight across zero: exactly 0, and it stays 0
            # (Playground marks the link dead). With momentum or another optimiser the
            # penalty is this update's λ·sign(w) term, the step compared against is
            # plain SGD's on the gradient.
            crossed = (before_penalty * self._scratch[weights] < 0) | self.dead
            self._scratch[weights][crossed] = 0.0
            self.dead |= crossed
        self._accept(self._scratch)

    def _accept(self, proposed: np.ndarray) -> None:
        # Divergence keeps the last finite parameters: the update is simply not taken.
        # proposed · 0 is exactly 0 when every entry is finite and NaN otherwise
        # (inf · 0 = NaN, and a product of zeros cannot overflow): one BLAS call,
        # a quarter of the cost of np.isfinite(...).all(). Runs inside step's errstate.
        if np.dot(proposed, self._zeros) == 0.0:
            self.theta[:] = proposed
        else:
            self._diverge()

    def _diverge(self) -> None:
        self.diverged = (
            f"training diverged at epoch {self.epoch + 1} (a weight became NaN or infinite); "
            f"kept the last finite weights — try a smaller learning rate "
            f"than {self.rate:g}"
        )

    # ------------------------------------------------------- perceptron rule
    def _check_perceptron(self) -> None:
        if len(self.plan.levels) != 1 or any(
            self._network.neurons[nid].activation not in THRESHOLD_UNITS
            for nid in self.plan.order[self.plan.n_in :]
        ):
            raise NetworkError(
                "the perceptron rule trains one layer of step (or threshold) neurons fed by "
                "the inputs; "
                "use gradient descent for this network"
            )

    def _perceptron(self, x: np.ndarray, y: np.ndarray) -> None:
        """w ← w + η (y − o) x and b ← b + η (y − o), one example at a time."""
        level, eta = self.plan.levels[0], self.rate
        w, b = self.params.weights[0], self.params.bias[level.lo : level.hi]
        proposed = self.theta.copy()
        pw = self.plan.params(proposed)
        for xi, yi in zip(x, y):
            o = self.plan.forward(self.params, xi[None, :]).a[level.lo : level.hi, 0]
            err = eta * (yi - o)
            update = np.outer(err, xi[level.src_lo : level.src_hi])
            if level.mask is not None:
                update *= level.mask
            pw.weights[0][:] = w + update
            pw.bias[level.lo : level.hi] = b + err
            self._accept(proposed)

    # ------------------------------------------------------------ evaluation
    def evaluate(self) -> dict[str, float]:
        """Loss and accuracy of both splits now; with several softmax groups it also keeps
        each group's accuracy of the same forward passes in ``group_accuracy``."""
        kp = self.kernel_plan()
        if kp is not None and self._kernel_measures_both():
            # Both splits in one call: per epoch, the calls cost as much as the work.
            self.group_accuracy.clear()
            return self._row_values(*kp.evaluate_splits(
                self.theta, (self.x_train, self.y_train), (self.x_test, self.y_test),
                self.dataset.task, self._threshold()))
        train_loss, train_acc = self.measure(self.x_train, self.y_train, "train")
        test_loss, test_acc = self.measure(self.x_test, self.y_test, "test")
        return self._row_values(train_loss, train_acc, test_loss, test_acc)

    @staticmethod
    def _row_values(train_loss: float, train_acc: float, test_loss: float,
                    test_acc: float) -> dict[str, float]:
        return {"train_loss": train_loss, "test_loss": test_loss,
                "train_accuracy": train_acc, "test_accuracy": test_acc}

    def _kernel_measures_both(self) -> bool:
        """The kernel measures both splits (the caller has checked it trains): neither is
        empty, and both are small enough for it to be faster."""
        return (len(self.x_test) > 0 and self._kernel_measures(len(self.x_train))
                and self._kernel_measures(len(self.x_test)))

    def measure(self, x: np.ndarray, y: np.ndarray,
                split: str | None = None) -> tuple[float, float]:
        """(mean loss, accuracy) on rows x with engine-order targets y; NaN where undefined.

        ``split`` ("train" or "test") names the rows: their per-group accuracies (several
        softmax groups only) are then kept in ``group_accuracy[split]``."""
        groups = self.plan.output_groups
        if split is not None:
            self.group_accuracy.pop(split, None)
        if len(x) == 0:
            return float("nan"), float("nan")
        kp = self.kernel_plan()
        if kp is not None and self._kernel_measures(len(x)):
            return kp.evaluate(self.theta, x, y, self.dataset.task, self._threshold())
        with np.errstate(all="ignore"):
            ws = self.plan.forward(self.params, x)
            loss = float(self.plan.losses(ws, y).mean())
            out = self.plan.outputs(ws).T
        if split is not None and len(groups) > 1 and self.dataset.task == "multiclass":
            self.group_accuracy[split] = [float(r.mean()) for r in group_hits(out, y, groups)]
        return loss, accuracy(self.dataset, out, y, groups)

    def _kernel_measures(self, rows: int) -> bool:
        """The kernel measures ``rows`` examples: faster there, and one softmax distribution
        over the outputs at most (it raises no floating-point warnings: no errstate)."""
        return len(self.plan.output_groups) <= 1 and accel.evaluates(self.plan, rows)

    def _threshold(self) -> float:
        return self.dataset.threshold if self.dataset.task == "binary" else 0.0

    def group_accuracies(self, split: str = "train") -> list[float]:
        """Accuracy of each softmax group of the outputs on its own ("train" or "test")."""
        x, y = (self.x_train, self.y_train) if split == "train" else (self.x_test, self.y_test)
        if len(x) == 0 or self.dataset.task != "multiclass":
            return [float("nan")] * len(self.plan.output_groups)
        with np.errstate(all="ignore"):
            out = self.plan.outputs(self.plan.forward(self.params, x)).T
        return [float(r.mean()) for r in group_hits(out, y, self.plan.output_groups)]


def group_hits(out: np.ndarray, y: np.ndarray, groups: list[tuple[int, int]]) -> list[np.ndarray]:
    """Per softmax group (column ranges of out and y), which rows its argmax gets right."""
    return [out[:, g0:g1].argmax(axis=1) == y[:, g0:g1].argmax(axis=1) for g0, g1 in groups]


def accuracy(dataset: Dataset, out: np.ndarray, y: np.ndarray,
             groups: list[tuple[int, int]] | None = None) -> float:
    """Fraction classified right: binary by the halfway threshold, multi-class by argmax.

    With several softmax groups (column ranges), an example counts as right only
    when every group's argmax is right.
    """
    if dataset.task == "regression" or len(out) == 0:
        return float("nan")
    if dataset.task == "multiclass":
        if groups and len(groups) > 1:
            return float(np.logical_and.reduce(group_hits(out, y, groups)).mean())
        return float((out.argmax(axis=1) == y.argmax(axis=1)).mean())
    t = dataset.threshold
    return float(((out[:, 0] > t) == (y[:, 0] > t)).mean())
