"""The loss over a grid of two parameters, all others held at their current values.

The lecture's error surface over (w1, w2). Only two parameters change, so the
network before the earliest level they touch is run once; from that level on,
the grid settings are stacked along the batch axis (setting-major) and the rest
of the network runs on (settings × examples) columns, a block of grid rows at a
time to keep the buffers in cache. At the first touched level the pre-activation
is not even recomputed: changing w_jk by d moves z_j by d · a_k.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from nnviz.core.activations import log_softmax
from nnviz.core.losses import per_example_loss
from nnviz.core.plan import Plan

SIZE = 60
CHUNK_COLUMNS = 24_000  # settings × examples per block: a few hundred kB per buffer row


@dataclass(frozen=True)
class Surface:
    """Mean training loss over a (size, size) grid: values[i, j] at (xs[j], ys[i])."""

    values: np.ndarray  # (rows = b, cols = a)
    xs: np.ndarray  # values of parameter a
    ys: np.ndarray  # values of parameter b
    current: tuple[float, float]  # (a, b) now
    current_loss: float


def slot_place(plan: Plan, slot: int) -> tuple[int, int, int | None]:
    """(level index, target row, source row or None for a bias) of a theta slot."""
    if slot >= plan.bias_offset:
        if slot >= plan.alpha_offset:
            raise ValueError("the error surface takes weights and biases, not slopes")
        row = slot - plan.bias_offset
        for li, lv in enumerate(plan.levels):
            if lv.lo <= row < lv.hi:
                return li, row, None
        raise ValueError("an input neuron has no bias")
    for li, lv in enumerate(plan.levels):
        size = lv.shape[0] * lv.shape[1]
        if lv.w_offset <= slot < lv.w_offset + size:
            j, k = divmod(slot - lv.w_offset, lv.shape[1])
            return li, lv.lo + j, lv.src_lo + k
    raise ValueError(f"slot {slot} is not a weight")


def default_range(value: float, span: float | None = None) -> tuple[float, float]:
    """A window centred on value, wide enough to show the valley around it."""
    half = span if span is not None else max(3.0, 1.5 * abs(value))
    return value - half, value + half


def mean_loss(plan: Plan, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Mean per-example loss (what the loss plot shows); y in the engine's order."""
    with np.errstate(all="ignore"):
        ws = plan.forward(plan.params(theta), x)
        return float(plan.losses(ws, y).mean())


def loss_surface(plan: Plan, theta: np.ndarray, x: np.ndarray, y: np.ndarray,
                 slot_a: int, slot_b: int,
                 ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
                 span: float | None = None, size: int = SIZE) -> Surface:
    """Mean loss over x, y (engine-order targets) with theta[slot_a], theta[slot_b] on a grid.

    ``ranges`` gives ((a lo, a hi), (b lo, b hi)); otherwise each axis is centred on
    the current value (± ``span``, or a width that grows with the weight).
    """
    if slot_a == slot_b:
        raise ValueError("choose two different parameters")
    wa, wb = float(theta[slot_a]), float(theta[slot_b])
    ra, rb = ranges if ranges is not None else (default_range(wa, span), default_range(wb, span))
    xs, ys = np.linspace(*ra, size), np.linspace(*rb, size)
    # Setting s = i * size + j has a = xs[j], b = ys[i]: row-major like values.
    da = np.tile(xs - wa, size)
    db = np.repeat(ys - wb, size)
    with np.errstate(all="ignore"):
        values = _grid_losses(plan, theta, x, y, (slot_a, slot_b), (da, db))
    return Surface(values.reshape(size, size), xs, ys, (wa, wb), mean_loss(plan, theta, x, y))


def _grid_losses(plan: Plan, theta: np.ndarray, x: np.ndarray, y: np.ndarray,
                 slots: tuple[int, int], deltas: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    p = plan.params(theta)
    base = plan.forward(p, x)
    z0, a0 = base.z.copy(), base.a.copy()
    places = [slot_place(plan, s) for s in slots]
    first = min(li for li, _, _ in places)
    batch, settings = x.shape[0], len(deltas[0])
    per_block = max(1, CHUNK_COLUMNS // max(batch, 1))
    out = np.empty(settings)
    for s0 in range(0, settings, per_block):
        s1 = min(s0 + per_block, settings)
        block = [d[s0:s1] for d in deltas]
        out[s0:s1] = _block_losses(plan, p, z0, a0, y, places, block, first)
        # Called on a thread beside a GUI, let the GUI thread have the GIL between
        # blocks: NumPy's many short calls otherwise keep it from the event loop.
        # (The window computes surfaces in its engine process, where this costs nothing.)
        time.sleep(0)
    return out


def _block_losses(plan: Plan, p, z0: np.ndarray, a0: np.ndarray, y: np.ndarray,
                  places: list, deltas: list[np.ndarray], first: int) -> np.ndarray:
    """Mean loss of each setting in one block; buffers hold only the rows that vary.

    Rows before the first touched level (r0) are the same for every setting: a
    level reading them gets their contribution once per example and broadcasts it.
    Buffers are float32 (tanh costs a quarter of float64); the loss is averaged
    in float64.
    """
    count, batch = len(deltas[0]), z0.shape[1]
    r0 = plan.levels[first].lo
    z = np.empty((plan.n - r0, count * batch), dtype=np.float32)
    a = np.empty_like(z)

    def per_setting(rows: slice) -> np.ndarray:  # (rows, settings, examples) view
        return z[rows].reshape(-1, count, batch)

    for li in range(first, len(plan.levels)):
        lv = plan.levels[li]
        rows = slice(lv.lo - r0, lv.hi - r0)
        if li == first:
            per_setting(rows)[...] = z0[lv.lo:lv.hi, None, :]
        else:
            w = p.weights[li]
            split = min(max(r0, lv.src_lo), lv.src_hi)  # sources below split are constant
            const = w[:, : split - lv.src_lo] @ a0[lv.src_lo:split] + p.bias_cols[li]
            if split < lv.src_hi:
                np.matmul(w[:, split - lv.src_lo:].astype(np.float32),
                          a[split - r0 : lv.src_hi - r0], out=z[rows])
                per_setting(rows)[...] += const[:, None, :]
            else:
                per_setting(rows)[...] = const[:, None, :]
        for (pl, row, src), d in zip(places, deltas):
            if pl != li:
                continue
            target = z[row - r0].reshape(count, batch)
            if src is None:
                target += d[:, None]
            elif src < r0:
                target += d[:, None] * a0[src][None, :]
            else:
                target += d[:, None] * a[src - r0].reshape(count, batch)
        for (act, q0, q1), alpha in zip(lv.runs, p.alpha_cols[li]):
            zr, ar = z[q0 - r0 : q1 - r0], a[q0 - r0 : q1 - r0]
            if act.name == "tanh":
                np.tanh(zr, out=ar)
            else:
                ar[...] = act.forward(zr, alpha)
        for g0, g1 in lv.groups:
            a[g0 - r0 : g1 - r0] = np.exp(log_softmax(z[g0 - r0 : g1 - r0], axis=0))
    out = slice(plan.out_lo - r0, plan.out_hi - r0)
    yt = np.tile(y.T, count).astype(np.float32)
    log_p = plan.log_probabilities(z[out])
    losses = per_example_loss(plan.loss, a[out], yt, z[out], plan.sigmoid_rows, log_p)
    return losses.reshape(count, batch).mean(axis=1, dtype=np.float64)
