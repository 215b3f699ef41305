"""Compile a network graph into per-level dense matrices and run it on whole batches.

Neurons are ordered by level (longest path from the inputs; outputs share the
last level), and within a level by activation and softmax group, so that every
level, every run of one activation and every softmax group is a contiguous row
range. A level reads one contiguous range of earlier neurons: for a plain
layered network that is exactly the previous layer, and the level's matrix is
the usual fully connected one with no mask. Skip connections widen the range,
and absent edges are held at zero by a 0/1 mask on the gradient.

All parameters live in one flat vector ``theta`` (weights of every level, then
one bias and one ReLU slope per neuron) so an optimiser updates them with a
single vector operation. Buffers are (neurons, batch): row ranges are contiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.activations import (
    ACTIVATIONS,
    Activation,
    grouped_log_softmax,
    log_softmax,
    softmax_backward,
)
from nnviz.core.losses import LossSpec, loss_grad_a, per_example_loss
from nnviz.core.network import Network, NetworkError


@dataclass(frozen=True)
class Level:
    lo: int  # target rows [lo, hi)
    hi: int
    src_lo: int  # source rows [src_lo, src_hi)
    src_hi: int
    w_offset: int  # where this level's (targets × sources) matrix starts in theta
    mask: np.ndarray | None  # 1 where an edge exists; None when the block is full
    runs: tuple[tuple[Activation, int, int], ...]  # element-wise activations by rows
    groups: tuple[tuple[int, int], ...]  # softmax groups by rows

    @property
    def shape(self) -> tuple[int, int]:
        return (self.hi - self.lo, self.src_hi - self.src_lo)


class Params:
    """Views into a flat parameter (or gradient) vector, shaped per level."""

    def __init__(self, plan: Plan, flat: np.ndarray) -> None:
        self.flat = flat
        self.weights = [
            flat[lv.w_offset : lv.w_offset + lv.shape[0] * lv.shape[1]].reshape(lv.shape)
            for lv in plan.levels
        ]
        self.bias = flat[plan.bias_offset : plan.bias_offset + plan.n]
        self.alpha = flat[plan.alpha_offset : plan.alpha_offset + plan.n]
        # Per-level views, made once: on small batches, slicing on every pass costs
        # as much as the arithmetic (see tests/benchmarks/bench_engine.py).
        self.weights_t = [w.T for w in self.weights]
        self.bias_rows = [self.bias[lv.lo : lv.hi] for lv in plan.levels]
        self.bias_cols = [self.bias[lv.lo : lv.hi, None] for lv in plan.levels]
        self.alpha_cols = [[self.alpha[r0:r1, None] for _, r0, r1 in lv.runs]
                           for lv in plan.levels]


class Workspace:
    """Preallocated buffers for one batch size, all shaped (neurons, batch)."""

    def __init__(self, n: int, batch: int, levels: tuple[Level, ...] | list[Level] = ()) -> None:
        self.z = np.zeros((n, batch))
        self.a = np.zeros((n, batch))
        self.dz = np.zeros((n, batch))
        self.da = np.zeros((n, batch))
        self.views = [LevelViews(self, lv) for lv in levels]


class LevelViews:
    """A level's row blocks of a workspace, sliced once instead of on every pass."""

    __slots__ = ("z", "a", "dz", "a_src", "a_src_t", "da_src", "runs", "groups")

    def __init__(self, ws: Workspace, lv: Level) -> None:
        rows, src = slice(lv.lo, lv.hi), slice(lv.src_lo, lv.src_hi)
        self.z, self.a, self.dz = ws.z[rows], ws.a[rows], ws.dz[rows]
        self.a_src, self.da_src = ws.a[src], ws.da[src]
        self.a_src_t = self.a_src.T
        # (activation, z, a, dz, da) of each element-wise run; (z, a) of each softmax group.
        self.runs = [(act, ws.z[r0:r1], ws.a[r0:r1], ws.dz[r0:r1], ws.da[r0:r1])
                     for act, r0, r1 in lv.runs]
        self.groups = [(ws.z[g0:g1], ws.a[g0:g1]) for g0, g1 in lv.groups]


class Plan:
    def __init__(self, network: Network, loss: LossSpec | None = None) -> None:
        network.validate()
        self.loss = loss or LossSpec()
        level_of = network.levels()
        group_index = {nid: gi for gi, g in enumerate(network.groups) for nid in g.members}
        self._group_of = group_index  # a lookup per neuron, not a scan of every group
        position = {nid: i for i, nid in enumerate(network.neurons)}

        def sort_key(nid: str) -> tuple:
            neuron = network.neurons[nid]
            if neuron.role == "input":
                return (0, "", 0, position[nid])
            return (level_of[nid], neuron.activation, group_index.get(nid, -1), position[nid])

        self.order: list[str] = sorted(network.neurons, key=sort_key)
        self.index = {nid: i for i, nid in enumerate(self.order)}
        self.n = len(self.order)
        self.input_ids = [n.id for n in network.inputs]
        self.n_in = len(self.input_ids)
        self.features = [n.feature or n.label for n in network.inputs]
        self.output_ids = [nid for nid in self.order if network.neurons[nid].role == "output"]
        # Targets and predictions face the user in the network's output order.
        self.user_output_ids = [n.id for n in network.outputs]
        self.output_perm = np.array([self.user_output_ids.index(o) for o in self.output_ids])
        self.out_lo = self.index[self.output_ids[0]]
        self.out_hi = self.out_lo + len(self.output_ids)
        self.level_of = {nid: level_of[nid] for nid in self.order}
        self._build_levels(network)
        self._check_loss(network)
        self._workspaces: dict[int, Workspace] = {}

    # ------------------------------------------------------------- compiling
    def _build_levels(self, network: Network) -> None:
        sources_of: dict[str, list[str]] = {nid: [] for nid in self.order}
        for e in network.edges.values():
            sources_of[e.target].append(e.source)
        levels: list[Level] = []
        self.edge_slot: dict[tuple[str, str], int] = {}
        offset = 0
        rows_of: dict[int, list[int]] = {}  # one pass, not one per level: deep graphs
        for nid in self.order:
            rows_of.setdefault(self.level_of[nid], []).append(self.index[nid])
        for d in sorted(rows_of):
            if d == 0:
                continue
            rows = rows_of[d]
            lo, hi = rows[0], rows[-1] + 1
            srcs = [self.index[s] for r in rows for s in sources_of[self.order[r]]]
            src_lo = min(srcs, default=0)
            src_hi = max(srcs, default=-1) + 1 if srcs else 0
            mask = np.zeros((hi - lo, src_hi - src_lo))
            for r in rows:
                target = self.order[r]
                for s in sources_of[target]:
                    j, k = r - lo, self.index[s] - src_lo
                    mask[j, k] = 1.0
                    self.edge_slot[(s, target)] = offset + j * mask.shape[1] + k
            runs, groups = self._runs(network, lo, hi)
            full = mask.size == 0 or bool(mask.all())
            levels.append(Level(lo, hi, src_lo, src_hi, offset, None if full else mask,
                                tuple(runs), tuple(groups)))
            offset += mask.size
        self.levels = levels
        # Backward writes ∂L/∂a into a level's source rows: by assignment when no
        # later level reads those rows too (a layered network), else by adding.
        read_lo = np.array([lv.src_lo for lv in levels])
        read_hi = np.array([lv.src_hi for lv in levels])
        self._assign_da = [
            not bool(np.any((read_hi[i + 1 :] > lv.src_lo) & (read_lo[i + 1 :] < lv.src_hi)))
            for i, lv in enumerate(levels)
        ]
        # ∂L/∂a of hidden rows must start at zero unless every one is assigned above.
        read = {r for lv in levels if lv.src_hi > self.n_in for r in range(lv.src_lo, lv.src_hi)}
        covered = set(range(self.n_in, self.out_lo)) <= read
        self._zero_da = not (all(self._assign_da) and covered)
        self._learns_alpha = [any(act.learns_alpha for act, _, _ in lv.runs) for lv in levels]
        self.n_weights = offset
        self.bias_offset = offset
        self.alpha_offset = offset + self.n
        self.size = offset + 2 * self.n
        self.learned_alpha = np.array(
            [ACTIVATIONS[network.neurons[nid].activation].learns_alpha for nid in self.order]
        )

    def _runs(self, network: Network, lo: int, hi: int) -> tuple[list, list]:
        runs: list[tuple[Activation, int, int]] = []
        groups: list[tuple[int, int]] = []
        group_of = self._group_of
        r = lo
        while r < hi:
            neuron = network.neurons[self.order[r]]
            end = r + 1
            group = group_of.get(neuron.id)
            while end < hi:
                nxt = network.neurons[self.order[end]]
                if nxt.activation != neuron.activation or group_of.get(nxt.id) != group:
                    break
                end += 1
            if neuron.activation == "softmax":
                groups.append((r, end))
            else:
                runs.append((ACTIVATIONS[neuron.activation], r, end))
            r = end
        return runs, groups

    def _check_loss(self, network: Network) -> None:
        out = slice(self.out_lo, self.out_hi)
        acts = [network.neurons[nid].activation for nid in self.order[out]]
        self.sigmoid_rows = np.array([a == "sigmoid" for a in acts])
        self.softmax_outputs = all(a == "softmax" for a in acts)
        # Softmax groups of the outputs as row ranges of the output block (engine order).
        self.output_groups = [(g0 - self.out_lo, g1 - self.out_lo)
                              for g0, g1 in self.levels[-1].groups] if self.levels else []
        # The same groups as positions in the network's output order (what views show).
        self.user_output_groups = [
            tuple(self.user_output_ids.index(self.output_ids[r]) for r in range(g0, g1))
            for g0, g1 in self.output_groups]
        if self.loss.kind == "softmax_ce" and not self.softmax_outputs:
            raise NetworkError(
                "softmax cross-entropy needs every output in a softmax group; "
                "set the outputs' activation to softmax or choose another loss"
            )

    # ----------------------------------------------------------- parameters
    def params(self, flat: np.ndarray) -> Params:
        return Params(self, flat)

    def read(self, network: Network) -> np.ndarray:
        """The flat parameter vector holding the network's weights, biases and slopes."""
        theta = np.zeros(self.size)
        for key, slot in self.edge_slot.items():
            theta[slot] = network.edges[key].weight
        for nid, i in self.index.items():
            neuron = network.neurons[nid]
            if neuron.role != "input":
                theta[self.bias_offset + i] = neuron.bias
                theta[self.alpha_offset + i] = neuron.alpha
        return theta

    def write(self, theta: np.ndarray, network: Network) -> None:
        """Copy parameters back into the network (the document keeps them per edge)."""
        for key, slot in self.edge_slot.items():
            network.edges[key].weight = float(theta[slot])
        for nid, i in self.index.items():
            neuron = network.neurons[nid]
            if neuron.role != "input":
                neuron.bias = float(theta[self.bias_offset + i])
                neuron.alpha = float(theta[self.alpha_offset + i])

    def weight_of(self, theta: np.ndarray) -> dict[tuple[str, str], float]:
        return {key: float(theta[slot]) for key, slot in self.edge_slot.items()}

    # ----------------------------------------------------------------- passes
    def workspace(self, batch: int) -> Workspace:
        ws = self._workspaces.get(batch)
        if ws is None:
            if len(self._workspaces) > 8:
                self._workspaces.clear()
            ws = self._workspaces[batch] = Workspace(self.n, batch, self.levels)
        return ws

    def forward(self, p: Params, x: np.ndarray) -> Workspace:
        """Run a batch x of shape (batch, inputs); returns the workspace holding z and a."""
        ws = self.workspace(x.shape[0])
        ws.a[: self.n_in] = x.T
        for v, w, bias, alphas in zip(ws.views, p.weights, p.bias_cols, p.alpha_cols):
            np.matmul(w, v.a_src, out=v.z)
            v.z += bias
            for (act, z, a, _, _), alpha in zip(v.runs, alphas):
                if act.name == "tanh":  # the commonest case, written in place
                    np.tanh(z, out=a)
                else:
                    a[...] = act.forward(z, alpha)
            for z, a in v.groups:
                a[...] = np.exp(log_softmax(z, axis=0))
        return ws

    def outputs(self, ws: Workspace) -> np.ndarray:
        """Output rows (k, batch) of the last forward pass, in the engine's order."""
        return ws.a[self.out_lo : self.out_hi]

    def targets(self, y: np.ndarray) -> np.ndarray:
        """Targets (batch, k) in the network's output order → the engine's order."""
        return y[:, self.output_perm]

    def predictions(self, ws: Workspace) -> np.ndarray:
        """Outputs (batch, k) of the last forward pass, in the network's output order."""
        out = ws.a[self.out_lo : self.out_hi].T
        result = np.empty_like(out)
        result[:, self.output_perm] = out
        return result

    def predict(self, p: Params, x: np.ndarray) -> np.ndarray:
        return self.predictions(self.forward(p, x))

    def losses(self, ws: Workspace, y: np.ndarray) -> np.ndarray:
        """Loss of every example in the last ``forward`` batch; y is (batch, k), engine order."""
        out = slice(self.out_lo, self.out_hi)
        log_p = self.log_probabilities(ws.z[out])
        return per_example_loss(self.loss, ws.a[out], y.T, ws.z[out], self.sigmoid_rows, log_p)

    @property
    def loss_formula(self) -> str:
        """The loss in symbols; several softmax groups add up their cross-entropies."""
        if self.loss.kind == "softmax_ce" and len(self.output_groups) > 1:
            return "L = −Σ_groups Σ_k y_k log p_k"
        return self.loss.formula

    def log_probabilities(self, z_out: np.ndarray) -> np.ndarray | None:
        """log p of the output rows, each softmax group on its own; None without softmax.

        The cross-entropy of several groups is then the sum of each group's
        cross-entropy, −Σ_groups Σ_k y_k log p_k.
        """
        if not self.softmax_outputs:
            return None
        return grouped_log_softmax(z_out, self.output_groups)

    def backward(self, p: Params, grad: Params, ws: Workspace, y: np.ndarray,
                 input_grads: bool = False) -> None:
        """Fill ``grad`` with ∂L/∂θ of the reduced batch loss; ws.dz holds δ = ∂L/∂z.

        ``y`` is (batch, k) in the engine's output order (see ``targets``).
        ws.da holds ∂L/∂a for every neuron the pass reached (inputs too when
        ``input_grads``). Cross-entropy on sigmoid or softmax outputs uses the
        fused δ = a − y, which stays exact where a saturates.
        """
        z, a, da = ws.z, ws.a, ws.da
        batch = a.shape[1]
        scale = 1.0 / batch if self.loss.reduction == "mean" else 1.0
        out = slice(self.out_lo, self.out_hi)
        yt = y.T
        if self._zero_da or input_grads:
            da[: self.out_lo] = 0.0
        da_out = da[out]
        if self.loss.kind == "squared":  # loss_grad_a's (1 or 2)·(a − y), without temporaries
            np.subtract(a[out], yt, out=da_out)
            if not self.loss.half:
                da_out *= 2.0
        else:
            da_out[...] = loss_grad_a(self.loss, a[out], yt)
        da_out *= scale
        last = len(self.levels) - 1
        for li in range(last, -1, -1):
            lv, v = self.levels[li], ws.views[li]
            if li == last:
                self._output_delta(lv, p, ws, yt, scale)
            else:
                for (act, z_r, a_r, dz_r, da_r), alpha in zip(v.runs, p.alpha_cols[li]):
                    _delta(act, z_r, a_r, dz_r, da_r, alpha)
            g = grad.weights[li]
            np.matmul(v.dz, v.a_src_t, out=g)
            if lv.mask is not None:
                g *= lv.mask
            np.add.reduce(v.dz, axis=1, out=grad.bias_rows[li])
            if self._learns_alpha[li]:
                for act, r0, r1 in lv.runs:
                    if act.learns_alpha:
                        grad.alpha[r0:r1] = (da[r0:r1] * np.minimum(z[r0:r1], 0.0)).sum(axis=1)
            if lv.src_hi > self.n_in or input_grads:
                if self._assign_da[li]:
                    np.matmul(p.weights_t[li], v.dz, out=v.da_src)
                else:
                    v.da_src += p.weights_t[li] @ v.dz

    def _output_delta(self, lv: Level, p: Params, ws: Workspace, yt: np.ndarray,
                      scale: float) -> None:
        a, dz, da = ws.a, ws.dz, ws.da
        kind = self.loss.kind
        runs = zip(lv.runs, ws.views[-1].runs, p.alpha_cols[-1])
        for (_, r0, r1), (act, z_r, a_r, dz_r, da_r), alpha in runs:
            if kind == "bce" and act.name == "sigmoid":
                dz_r[...] = (a_r - yt[r0 - self.out_lo : r1 - self.out_lo]) * scale
            else:
                _delta(act, z_r, a_r, dz_r, da_r, alpha)
        for g0, g1 in lv.groups:
            rows = slice(g0, g1)
            if kind == "softmax_ce":
                y = yt[g0 - self.out_lo : g1 - self.out_lo]
                dz[rows] = (a[rows] * y.sum(axis=0, keepdims=True) - y) * scale
            else:
                dz[rows] = softmax_backward(a[rows], da[rows], axis=0)


def _delta(act: Activation, z: np.ndarray, a: np.ndarray, dz: np.ndarray, da: np.ndarray,
           alpha: np.ndarray) -> None:
    """dz = da · g'(z), written in place; tanh's 1 − a² without temporaries."""
    if act.name == "tanh":
        np.multiply(a, a, out=dz)
        np.subtract(1.0, dz, out=dz)
        dz *= da
    else:
        np.multiply(da, act.derivative(z, a, alpha), out=dz)
