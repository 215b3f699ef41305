"""The compiled training kernel: forward, backward and update of many mini-batches per call.

A transcription of ``plan.py`` and ``Trainer._gradient_step`` into loops that numba
compiles (imported only when numba is installed; ``accel.py`` decides). It repeats the
NumPy engine's arithmetic in the same order wherever NumPy's order is defined: sums
over the batch are NumPy's pairwise sums, sums over a softmax group run row by row,
a skip level's ∂L/∂a is added as one finished product, and every optimiser's update
is written operation for operation as optimizers.py writes it (the same gradient gives the
same update, bit for bit). Only a matrix product's inner sum may be ordered differently by
the BLAS NumPy calls, and tanh rounded differently by NumPy's vectorised one: a gradient
then agrees to about 1e-13 of its largest element, not of each element (tests/core/
test_kernel.py says why, and how it is checked).

Tables (built by ``kernel_plan.py``):

- ``levels[l]`` = (lo, hi, src_lo, src_hi, w_offset, mask_offset or −1, assign ∂L/∂a);
- ``act[i]`` = activation code of neuron i (``ACT_CODES``);
- ``groups[g]`` = (g0, g1) rows of each softmax group of the output level;
- ``out_sigmoid[k]`` = 1 where output k is a sigmoid (binary cross-entropy from z).

Buffers are (neurons, batch) like the plan's; a batch uses its first columns.
Every function is compiled eagerly for one signature, so no call ever compiles.
"""

from __future__ import annotations

import math
import sys

import numba
from numba import float64, int64, types

ACT_CODES = {"step": 0, "identity": 1, "sigmoid": 2, "tanh": 3, "relu": 4,
             "leaky_relu": 5, "prelu": 6, "softmax": 7, "threshold": 8}
LOSS_CODES = {"squared": 0, "bce": 1, "softmax_ce": 2}
REG_CODES = {"none": 0, "l2": 1, "l1": 2}
TASK_CODES = {"binary": 0, "multiclass": 1, "regression": 2}
EPS = 1e-12  # as losses._EPS: cross-entropy clips a this far from 0 and 1

# A frozen bundle has no source files beside the modules for numba's cache to key on:
# there the kernel compiles at every start (in the background, see accel.py).
_CACHE = not getattr(sys, "frozen", False)

F1 = float64[::1]
F2 = float64[:, ::1]
I1 = int64[::1]
I2 = int64[:, ::1]


def _jit(signature):
    return numba.njit(signature, cache=_CACHE, nogil=True, error_model="numpy")


@_jit(float64(F1, int64, int64))
def pairwise_sum(v, start, n):
    """NumPy's pairwise sum of v[start:start + n] (numpy/_core/src/umath/loops_utils)."""
    if n < 8:
        res = 0.0
        for i in range(n):
            res += v[start + i]
        return res
    if n <= 128:
        r0, r1, r2, r3 = v[start], v[start + 1], v[start + 2], v[start + 3]
        r4, r5, r6, r7 = v[start + 4], v[start + 5], v[start + 6], v[start + 7]
        i = 8
        while i < n - (n % 8):
            s = start + i
            r0 += v[s]
            r1 += v[s + 1]
            r2 += v[s + 2]
            r3 += v[s + 3]
            r4 += v[s + 4]
            r5 += v[s + 5]
            r6 += v[s + 6]
            r7 += v[s + 7]
            i += 8
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n:
            res += v[start + i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return pairwise_sum(v, start, n2) + pairwise_sum(v, start + n2, n - n2)


@_jit(float64(F1, int64))
def reduce_sum(v, n):
    """np.add.reduce of v[:n]: the first element, plus the pairwise sum of the rest."""
    if n == 0:
        return 0.0
    return v[0] + pairwise_sum(v, 1, n - 1)


@_jit(types.void(F1, I2, F1, I1, I2, F2, int64, int64, F2, F2, int64))
def forward(theta, levels, masks, act, groups, x, start, bsz, z, a, n_in):
    """z and a of rows x[start : start + bsz] in the first bsz columns of the buffers
    (start −1: the inputs are in a already, see ``take_rows``)."""
    alpha_off = theta.shape[0] - act.shape[0]
    bias_off = alpha_off - act.shape[0]
    if start >= 0:
        for i in range(n_in):
            for b in range(bsz):
                a[i, b] = x[start + b, i]
    for li in range(levels.shape[0]):
        lo, hi, s0, s1, w0 = (levels[li, 0], levels[li, 1], levels[li, 2], levels[li, 3],
                              levels[li, 4])
        width = s1 - s0
        for k in range(lo, hi):
            for b in range(bsz):
                z[k, b] = 0.0
            row = w0 + (k - lo) * width
            for j in range(width):
                w = theta[row + j]
                for b in range(bsz):
                    z[k, b] += w * a[s0 + j, b]
            bias = theta[bias_off + k]
            alpha = theta[alpha_off + k]
            code = act[k]
            for b in range(bsz):
                zk = z[k, b] + bias
                z[k, b] = zk
                if code == 3:
                    a[k, b] = math.tanh(zk)
                elif code == 2:
                    if zk >= 0.0:
                        a[k, b] = 1.0 / (1.0 + math.exp(-zk))
                    else:
                        ez = math.exp(zk)
                        a[k, b] = ez / (1.0 + ez)
                elif code == 4:
                    a[k, b] = zk if (zk >= 0.0 or zk != zk) else 0.0
                elif code == 5 or code == 6:
                    a[k, b] = zk if zk > 0.0 else alpha * zk
                elif code == 0:
                    a[k, b] = 1.0 if zk > 0.0 else 0.0
                elif code == 8:
                    a[k, b] = 1.0 if zk >= 0.0 else 0.0
                else:  # identity; a softmax row is overwritten below
                    a[k, b] = zk
    for g in range(groups.shape[0]):
        g0, g1 = groups[g, 0], groups[g, 1]
        for b in range(bsz):
            top = z[g0, b]
            for r in range(g0 + 1, g1):
                if z[r, b] > top or z[r, b] != z[r, b]:
                    top = z[r, b]
            total = 0.0
            for r in range(g0, g1):
                total += math.exp(z[r, b] - top)
            lse = math.log(total)
            for r in range(g0, g1):
                a[r, b] = math.exp((z[r, b] - top) - lse)


@_jit(types.void(F1, F1, I2, F1, I1, I2, I1, F2, int64, int64, int64, int64, int64,
                 F2, F2, F2, F2, F2, F1, int64, int64))
def backward(theta, grad, levels, masks, act, groups, out_sigmoid, y, start, bsz,
             loss_kind, half, mean, z, a, dz, da, tmp, row_buf, n_in, out_lo):
    """grad = ∂L/∂θ of the reduced loss of the batch after ``forward``; as Plan.backward."""
    n = act.shape[0]
    alpha_off = theta.shape[0] - n
    bias_off = alpha_off - n
    n_out = n - out_lo
    scale = 1.0 / bsz if mean else 1.0
    for i in range(out_lo):
        for b in range(bsz):
            da[i, b] = 0.0
    for k in range(n_out):
        r = out_lo + k
        for b in range(bsz):
            ak, yk = a[r, b], y[start + b, k]
            if loss_kind == 0:
                d = ak - yk
                if not half:
                    d *= 2.0
            else:
                ac = min(max(ak, EPS), 1.0 - EPS) if ak == ak else ak
                d = (ac - yk) / (ac * (1.0 - ac)) if loss_kind == 1 else -yk / ac
            da[r, b] = d * scale
    last = levels.shape[0] - 1
    for li in range(last, -1, -1):
        lo, hi, s0, s1, w0 = (levels[li, 0], levels[li, 1], levels[li, 2], levels[li, 3],
                              levels[li, 4])
        mask0, assign = levels[li, 5], levels[li, 6]
        width = s1 - s0
        for k in range(lo, hi):
            code = act[k]
            if code == 7:
                continue  # softmax rows: by group below
            fused = li == last and loss_kind == 1 and code == 2
            alpha = theta[alpha_off + k]
            for b in range(bsz):
                if fused:
                    dz[k, b] = (a[k, b] - y[start + b, k - out_lo]) * scale
                elif code == 3:
                    dz[k, b] = (1.0 - a[k, b] * a[k, b]) * da[k, b]
                elif code == 2:
                    dz[k, b] = da[k, b] * (a[k, b] * (1.0 - a[k, b]))
                elif code == 1:
                    dz[k, b] = da[k, b] * 1.0
                elif code == 4:
                    dz[k, b] = da[k, b] * (1.0 if z[k, b] > 0.0 else 0.0)
                elif code == 5 or code == 6:
                    dz[k, b] = da[k, b] * (1.0 if z[k, b] > 0.0 else alpha)
                else:
                    dz[k, b] = da[k, b] * 0.0
        if li == last:
            for g in range(groups.shape[0]):
                g0, g1 = groups[g, 0], groups[g, 1]
                for b in range(bsz):
                    if loss_kind == 2:
                        ysum = 0.0
                        for r in range(g0, g1):
                            ysum += y[start + b, r - out_lo]
                        for r in range(g0, g1):
                            dz[r, b] = (a[r, b] * ysum - y[start + b, r - out_lo]) * scale
                    else:
                        dot = 0.0
                        for r in range(g0, g1):
                            dot += da[r, b] * a[r, b]
                        for r in range(g0, g1):
                            dz[r, b] = a[r, b] * (da[r, b] - dot)
        for k in range(lo, hi):
            row = w0 + (k - lo) * width
            for j in range(width):
                s = 0.0
                for b in range(bsz):
                    s += dz[k, b] * a[s0 + j, b]
                if mask0 >= 0:
                    s *= masks[mask0 + (k - lo) * width + j]
                grad[row + j] = s
            for b in range(bsz):
                row_buf[b] = dz[k, b]
            grad[bias_off + k] = reduce_sum(row_buf, bsz)
            if act[k] == 6:
                for b in range(bsz):
                    row_buf[b] = da[k, b] * (z[k, b] if (z[k, b] <= 0.0 or z[k, b] != z[k, b])
                                             else 0.0)
                grad[alpha_off + k] = reduce_sum(row_buf, bsz)
        if s1 > n_in:
            target = da if assign else tmp
            if not assign:
                for j in range(s0, s1):
                    for b in range(bsz):
                        tmp[j, b] = 0.0
            for k in range(lo, hi):
                row = w0 + (k - lo) * width
                for j in range(width):
                    w = theta[row + j]
                    for b in range(bsz):
                        target[s0 + j, b] += w * dz[k, b]
            if not assign:
                for j in range(s0, s1):
                    for b in range(bsz):
                        da[j, b] += tmp[j, b]


# The optimisers (optimizers.py) by code, and the hyper-parameters the kernel reads.
OPT_CODES = {"sgd": 0, "nesterov": 1, "adagrad": 2, "rmsprop": 3, "adam": 4, "adamw": 5}
HYPER = ("momentum", "rho", "beta1", "beta2", "eps", "weight_decay")


@_jit(types.boolean(F1, F1, F1, F2, int64, float64, F1, int64, int64))
def propose(theta, grad, proposed, slots, opt, lr, hyper, t, n_weights):
    """``proposed`` = θ after one update, as optimizers.<name>.propose computes it, operation
    for operation (slots[0], slots[1]: its state; t: Adam's step count after this update).
    Returns whether every proposed parameter is finite."""
    mu, rho, beta1, beta2, eps, decay = hyper[0], hyper[1], hyper[2], hyper[3], hyper[4], hyper[5]
    finite = True
    size = theta.shape[0]
    c1, c2, lr_decay = 1.0, 1.0, lr * decay
    if opt == 4 or opt == 5:
        # Python's float ** int is C's pow of two doubles, as math.pow here.
        c1, c2 = 1.0 - math.pow(beta1, float(t)), 1.0 - math.pow(beta2, float(t))
    for i in range(size):
        g = grad[i]
        if opt == 0 and mu == 0.0:
            p = g * -lr + theta[i]
        elif opt <= 1:
            v = slots[0, i] * mu
            v -= lr * g
            slots[0, i] = v
            p = theta[i] + (mu * v - lr * g) if opt == 1 else theta[i] + v
        elif opt == 2:
            acc = slots[0, i] + g * g
            slots[0, i] = acc
            p = theta[i] - lr * g / (math.sqrt(acc) + eps)
        elif opt == 3:
            sq = slots[0, i] * rho
            sq += (1.0 - rho) * (g * g)
            slots[0, i] = sq
            p = theta[i] - lr * g / (math.sqrt(sq) + eps)
        else:
            m = slots[0, i] * beta1
            m += (1.0 - beta1) * g
            v = slots[1, i] * beta2
            v += (1.0 - beta2) * (g * g)
            slots[0, i], slots[1, i] = m, v
            p = theta[i] - lr * (m / c1) / (math.sqrt(v / c2) + eps)
            if opt == 5 and decay != 0.0 and i < n_weights:
                p -= lr_decay * theta[i]
        proposed[i] = p
        finite = finite and p - p == 0.0
    return finite


@_jit(types.void(F2, F2, I1, int64, int64, F2, F2, int64))
def take_rows(x, y, order, start, bsz, a, yb, n_in):
    """Rows order[start : start + bsz] of x into the first columns of a, and of y into yb."""
    for b in range(bsz):
        r = order[start + b]
        for i in range(n_in):
            a[i, b] = x[r, i]
        for k in range(y.shape[1]):
            yb[b, k] = y[r, k]


@_jit(types.UniTuple(int64, 3)(
    F1, F2, F1, F1, F2, F2, I1, int64, int64, int64, I2, F1, I1, I2, I1,
    int64, int64, int64, float64, int64, F1, int64, int64, float64, int64,
    F2, F2, F2, F2, F2, F1, F2, int64))
def train(theta, slots, grad, proposed, x, y, order, cursor, max_updates, batch, levels, masks,
          act, groups, out_sigmoid, loss_kind, half, mean, lr, opt, hyper, step, reg, reg_rate,
          n_weights, z, a, dz, da, tmp, row_buf, yb, n_in):
    """Up to ``max_updates`` gradient steps on rows order[cursor:] of x and y.

    Stops at the end of the epoch (the caller draws the next order and records
    history) or before an update that would make a parameter NaN or infinite, which
    is then not taken, as in Trainer._accept (the optimiser's state has moved on, as
    in NumPy). ``step``: updates the optimiser made before. Returns (cursor, updates,
    diverged).
    """
    rows = order.shape[0]
    out_lo = act.shape[0] - y.shape[1]
    size = theta.shape[0]
    updates = 0
    while updates < max_updates and cursor < rows:
        bsz = min(batch, rows - cursor)
        take_rows(x, y, order, cursor, bsz, a, yb, n_in)
        forward(theta, levels, masks, act, groups, x, -1, bsz, z, a, n_in)
        backward(theta, grad, levels, masks, act, groups, out_sigmoid, yb, 0, bsz,
                 loss_kind, half, mean, z, a, dz, da, tmp, row_buf, n_in, out_lo)
        if reg == 1:
            for i in range(n_weights):
                grad[i] += reg_rate * theta[i]
        elif reg == 2:
            for i in range(n_weights):
                t = theta[i]
                sign = 1.0 if t > 0.0 else (-1.0 if t < 0.0 else (0.0 if t == 0.0 else t))
                grad[i] += reg_rate * sign
        if not propose(theta, grad, proposed, slots, opt, lr, hyper, step + updates + 1,
                       n_weights):
            return cursor, updates, 1
        for i in range(size):
            theta[i] = proposed[i]
        cursor += bsz
        updates += 1
    return cursor, updates, 0


@_jit(float64(float64))
def _log1p_exp(v):
    """np.logaddexp(0, v) = log(1 + e^v), as NumPy computes it."""
    if v == 0.0:
        return v + math.log(2.0)
    tmp = -v
    if tmp > 0.0:
        return math.log1p(math.exp(-tmp))
    if tmp <= 0.0:
        return v + math.log1p(math.exp(tmp))
    return tmp


@_jit(types.UniTuple(float64, 2)(
    F1, I2, F1, I1, I2, I1, F2, F2, int64, int64, int64, int64, float64,
    F2, F2, F1, int64))
def evaluate(theta, levels, masks, act, groups, out_sigmoid, x, y, loss_kind, half, task,
             chunk, threshold, z, a, losses, n_in):
    """(mean loss, accuracy) over all rows, in chunks of the buffers' width; as Trainer.measure."""
    rows = x.shape[0]
    n = act.shape[0]
    k_out = y.shape[1]
    out_lo = n - k_out
    correct = 0
    start = 0
    while start < rows:
        bsz = min(chunk, rows - start)
        forward(theta, levels, masks, act, groups, x, start, bsz, z, a, n_in)
        for b in range(bsz):
            total = 0.0
            if loss_kind == 0:
                for k in range(k_out):
                    d = y[start + b, k] - a[out_lo + k, b]
                    total += d * d
                total *= 0.5 if half else 1.0
            elif loss_kind == 1:
                for k in range(k_out):
                    yk, ak, zk = y[start + b, k], a[out_lo + k, b], z[out_lo + k, b]
                    if out_sigmoid[k]:
                        term = yk * _log1p_exp(-zk) + (1.0 - yk) * _log1p_exp(zk)
                    else:
                        ac = min(max(ak, EPS), 1.0 - EPS) if ak == ak else ak
                        term = -(yk * math.log(ac) + (1.0 - yk) * math.log(1.0 - ac))
                    total += term
            else:
                top = z[out_lo, b]
                for k in range(1, k_out):
                    zk = z[out_lo + k, b]
                    if zk > top or zk != zk:
                        top = zk
                s = 0.0
                for k in range(k_out):
                    s += math.exp(z[out_lo + k, b] - top)
                lse = math.log(s)
                for k in range(k_out):
                    total += y[start + b, k] * ((z[out_lo + k, b] - top) - lse)
                total = -total
            losses[start + b] = total
            if task == 0:
                correct += (a[out_lo, b] > threshold) == (y[start + b, 0] > threshold)
            elif task == 1:
                best, best_y = 0, 0
                for k in range(1, k_out):
                    ak = a[out_lo + k, b]
                    top_a = a[out_lo + best, b]
                    if (ak > top_a or ak != ak) and top_a == top_a:
                        best = k
                    yk = y[start + b, k]
                    top_y = y[start + b, best_y]
                    if (yk > top_y or yk != yk) and top_y == top_y:
                        best_y = k
                correct += best == best_y
        start += bsz
    if rows == 0:
        return math.nan, math.nan
    loss = reduce_sum(losses, rows) / rows
    acc = math.nan if task == 2 else correct / rows
    return loss, acc


@_jit(types.UniTuple(float64, 4)(
    F1, I2, F1, I1, I2, I1, F2, F2, F2, F2, int64, int64, int64, int64, float64,
    F2, F2, F1, int64))
def evaluate_splits(theta, levels, masks, act, groups, out_sigmoid, x1, y1, x2, y2, loss_kind,
                    half, task, chunk, threshold, z, a, losses, n_in):
    """``evaluate`` of two splits (train, test) in one call: the history row of an epoch."""
    loss1, acc1 = evaluate(theta, levels, masks, act, groups, out_sigmoid, x1, y1, loss_kind,
                           half, task, chunk, threshold, z, a, losses, n_in)
    loss2, acc2 = evaluate(theta, levels, masks, act, groups, out_sigmoid, x2, y2, loss_kind,
                           half, task, chunk, threshold, z, a, losses, n_in)
    return loss1, acc1, loss2, acc2


@_jit(types.UniTuple(int64, 3)(
    F1, F2, F1, F1, F2, F2, I1, int64, int64, int64, I2, F1, I1, I2, I1,
    int64, int64, int64, float64, int64, F1, int64, int64, float64, int64,
    F2, F2, F2, F2, F2, F1, F2, int64,
    F2, F2, int64, float64, F2, F2, F1, F1))
def train_and_measure(theta, slots, grad, proposed, x, y, order, cursor, max_updates, batch,
                      levels, masks, act, groups, out_sigmoid, loss_kind, half, mean, lr, opt,
                      hyper, step, reg, reg_rate, n_weights, z, a, dz, da, tmp, row_buf, yb,
                      n_in, x_test, y_test, task, threshold, ez, ea, losses, row):
    """``train``, then, when it finished the epoch, the history row (train loss, train
    accuracy, test loss, test accuracy) into ``row``: one call per epoch of a small net."""
    cursor, updates, diverged = train(
        theta, slots, grad, proposed, x, y, order, cursor, max_updates, batch, levels, masks,
        act, groups, out_sigmoid, loss_kind, half, mean, lr, opt, hyper, step, reg, reg_rate,
        n_weights, z, a, dz, da, tmp, row_buf, yb, n_in)
    if cursor >= order.shape[0] and not diverged:
        row[0], row[1], row[2], row[3] = evaluate_splits(
            theta, levels, masks, act, groups, out_sigmoid, x, y, x_test, y_test, loss_kind,
            half, task, ez.shape[1], threshold, ez, ea, losses, n_in)
    return cursor, updates, diverged
