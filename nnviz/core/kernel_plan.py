"""A Plan laid out as the integer tables and buffers the compiled kernel reads.

The kernel itself (``kernel.py``) is passed in, so this module imports no numba:
``accel.py`` loads the kernel and decides when a trainer may use it.
"""

from __future__ import annotations

from operator import attrgetter
from types import ModuleType

import numpy as np

from nnviz.core.optimizers import Optimizer
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings

EVAL_CHUNK = 256  # examples per forward block when measuring a whole split


def unsupported(plan: Plan, codes: dict[str, int]) -> str | None:
    """Why the kernel cannot run this plan, or None (softmax groups are output-only)."""
    for lv in plan.levels[:-1]:
        if lv.groups:
            return "a softmax group below the output level"
    for lv in plan.levels:
        for act, _, _ in lv.runs:
            if act.name not in codes:
                return f"the activation {act.name!r}"
    return None


class KernelPlan:
    """One plan's tables, with buffers for its training batch and for evaluation."""

    def __init__(self, plan: Plan, kernel: ModuleType) -> None:
        self.plan, self.k = plan, kernel
        codes = kernel.ACT_CODES
        act = np.zeros(plan.n, dtype=np.int64)
        for lv in plan.levels:
            for a, r0, r1 in lv.runs:
                act[r0:r1] = codes[a.name]
            for g0, g1 in lv.groups:
                act[g0:g1] = codes["softmax"]
        self.act = act
        masks, rows = [], []
        mask_at = 0
        for i, lv in enumerate(plan.levels):
            mask_off = -1
            if lv.mask is not None:
                mask_off = mask_at
                masks.append(lv.mask.ravel())
                mask_at += lv.mask.size
            rows.append((lv.lo, lv.hi, lv.src_lo, lv.src_hi, lv.w_offset, mask_off,
                         int(plan._assign_da[i])))
        self.levels = np.array(rows, dtype=np.int64).reshape(-1, 7)
        self.masks = np.ascontiguousarray(np.concatenate(masks) if masks else np.zeros(0))
        groups = list(plan.levels[-1].groups) if plan.levels else []
        self.groups = np.array(groups, dtype=np.int64).reshape(-1, 2)
        self.out_sigmoid = plan.sigmoid_rows.astype(np.int64)
        self._batch = 0
        self._eval: tuple[np.ndarray, ...] | None = None
        self._losses = np.zeros(0)
        self._row = np.zeros(4)
        self._hyper = np.zeros(len(kernel.HYPER))
        self._hyper_of = attrgetter(*kernel.HYPER)
        # What every call passes about the network and its loss, looked up once: per epoch
        # of a small net the Python around the calls costs as much as the work in them.
        spec = plan.loss
        self._net = (self.levels, self.masks, self.act, self.groups, self.out_sigmoid,
                     kernel.LOSS_CODES[spec.kind], int(spec.half))
        self._mean = int(spec.reduction == "mean")

    def _buffers(self, batch: int) -> tuple[np.ndarray, ...]:
        """z, a, dz, da, tmp (neurons × batch), a row and the batch's targets."""
        if batch != self._batch:
            n = self.plan.n
            self._train_bufs = (*(np.zeros((n, batch)) for _ in range(5)), np.zeros(batch),
                                np.zeros((batch, len(self.plan.output_ids))))
            self._batch = batch
        return self._train_bufs

    # ------------------------------------------------------------- training
    def train(self, theta: np.ndarray, optimizer: Optimizer, grad: np.ndarray,
              proposed: np.ndarray, x: np.ndarray, y: np.ndarray, order: np.ndarray,
              cursor: int, max_updates: int, batch: int, s: TrainingSettings, lr: float,
              measure: tuple | None = None
              ) -> tuple[int, int, bool, tuple[float, float, float, float] | None]:
        """Gradient steps on rows ``order[cursor:]`` of x, y at rate ``lr`` (the schedule
        applied), the optimiser's state updated in place: (cursor, updates, diverged, row).

        ``measure`` = (test x, test y, task, threshold): at the end of the epoch also
        ``evaluate_splits`` of x, y and the test rows, in the same call, as ``row``."""
        k = self.k
        x, y, order = _c(x), _c(y), order.astype(np.int64, copy=False)
        st = optimizer.state
        self._hyper[:] = self._hyper_of(s)
        args = (theta, optimizer.slab, grad, proposed, x, y, order, cursor, max_updates, batch,
                *self._net, self._mean, float(lr), k.OPT_CODES[st.name], self._hyper, st.step,
                k.REG_CODES[s.regularization], float(s.reg_rate), self.plan.n_weights,
                *self._buffers(batch), self.plan.n_in)
        if measure is None:
            cursor, updates, diverged = k.train(*args)
        else:
            x_test, y_test, task, threshold = measure
            self._eval_room(max(len(x), len(x_test)))
            cursor, updates, diverged = k.train_and_measure(
                *args, _c(x_test), _c(y_test), k.TASK_CODES[task], float(threshold),
                *self._eval, self._losses, self._row)
        if st.name in ("adam", "adamw"):  # Adam's t counts a refused update too, as in NumPy
            st.step += updates + diverged
        row = None
        if measure is not None and cursor >= len(order) and not diverged:
            row = (float(self._row[0]), float(self._row[1]), float(self._row[2]),
                   float(self._row[3]))
        return cursor, updates, bool(diverged), row

    def gradient(self, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """∂L/∂θ of one batch (rows x, engine-order targets y), as Plan.backward fills it."""
        x, y = _c(x), _c(y)
        bsz = len(x)
        z, a, dz, da, tmp, row, _ = self._buffers(bsz)
        grad = np.zeros_like(theta)
        spec = self.plan.loss
        self.k.forward(theta, self.levels, self.masks, self.act, self.groups, x, 0, bsz, z, a,
                       self.plan.n_in)
        self.k.backward(theta, grad, self.levels, self.masks, self.act, self.groups,
                        self.out_sigmoid, y, 0, bsz, self.k.LOSS_CODES[spec.kind],
                        int(spec.half), int(spec.reduction == "mean"), z, a, dz, da, tmp, row,
                        self.plan.n_in, self.plan.out_lo)
        return grad

    # ------------------------------------------------------------ evaluation
    def evaluate(self, theta: np.ndarray, x: np.ndarray, y: np.ndarray, task: str,
                 threshold: float) -> tuple[float, float]:
        """(mean loss, accuracy) over rows x with engine-order targets y, as Trainer.measure."""
        return self._k_eval(self.k.evaluate, theta, task, threshold, x, y)

    def evaluate_splits(self, theta: np.ndarray, train: tuple[np.ndarray, np.ndarray],
                        test: tuple[np.ndarray, np.ndarray], task: str, threshold: float
                        ) -> tuple[float, float, float, float]:
        """``evaluate`` of the training and the test rows in one call (the history row)."""
        return self._k_eval(self.k.evaluate_splits, theta, task, threshold, *train, *test)

    def _k_eval(self, fn, theta: np.ndarray, task: str, threshold: float,
                *splits: np.ndarray) -> tuple[float, ...]:
        self._eval_room(max(len(x) for x in splits[::2]))
        net = self._net
        return fn(theta, *net[:5], *map(_c, splits), *net[5:], self.k.TASK_CODES[task],
                  EVAL_CHUNK, float(threshold), *self._eval, self._losses, self.plan.n_in)


    def _eval_room(self, rows: int) -> None:
        """Evaluation buffers, and a loss per row for ``rows`` rows."""
        if self._eval is None:
            n = self.plan.n
            self._eval = (np.zeros((n, EVAL_CHUNK)), np.zeros((n, EVAL_CHUNK)))
        if len(self._losses) < rows:
            self._losses = np.zeros(rows)


def _c(a: np.ndarray) -> np.ndarray:
    """The array itself when the kernel's signature takes it (C-ordered float64), else a copy."""
    if a.dtype == np.float64 and a.flags.c_contiguous:
        return a
    return np.ascontiguousarray(a, dtype=np.float64)
