"""Backpropagation against central finite differences, parameter by parameter.

The lecture's claim that backprop is "just the chain rule" made checkable: for
every weight and bias, ∂L/∂θ from ``Plan.backward`` next to
(L(θ + h) − L(θ − h)) / 2h of the same reduced batch loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.network import Network
from nnviz.core.plan import Plan

STEP = 1e-6
FLOOR = 1e-8  # relative errors of gradients both below this are reported as 0


@dataclass(frozen=True)
class GradRow:
    name: str  # "x1 → h1", "bias of h1", "slope of h1"
    slot: int
    backprop: float
    numeric: float

    @property
    def abs_error(self) -> float:
        return abs(self.backprop - self.numeric)

    @property
    def rel_error(self) -> float:
        scale = max(abs(self.backprop), abs(self.numeric))
        return 0.0 if scale < FLOOR else self.abs_error / scale


@dataclass(frozen=True)
class GradCheck:
    rows: tuple[GradRow, ...]
    examples: int
    loss: float

    @property
    def worst(self) -> GradRow | None:
        return max(self.rows, key=lambda r: r.rel_error, default=None)

    @property
    def max_rel_error(self) -> float:
        worst = self.worst
        return 0.0 if worst is None else worst.rel_error


def batch_loss(plan: Plan, theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """The loss backward differentiates: per-example losses reduced (mean or sum)."""
    ws = plan.forward(plan.params(theta), x)
    return plan.loss.reduce(plan.losses(ws, y))


def parameter_names(network: Network, plan: Plan) -> list[tuple[int, str]]:
    """(slot, name) of every weight, every bias and every learned slope, in network order."""
    label = {nid: n.label for nid, n in network.neurons.items()}
    out = [(plan.edge_slot[key], f"{label[key[0]]} → {label[key[1]]}") for key in network.edges]
    hidden_first = [nid for nid in network.neurons if network.neurons[nid].role != "input"]
    out += [(plan.bias_offset + plan.index[nid], f"bias of {label[nid]}") for nid in hidden_first]
    out += [(plan.alpha_offset + plan.index[nid], f"slope of {label[nid]}")
            for nid in hidden_first if plan.learned_alpha[plan.index[nid]]]
    return out


def gradient_check(network: Network, plan: Plan, theta: np.ndarray, x: np.ndarray,
                   y: np.ndarray, step: float = STEP) -> GradCheck:
    """Compare backprop with central differences on x, y (engine-order targets)."""
    theta = np.array(theta, dtype=float)
    with np.errstate(all="ignore"):
        grad = plan.params(np.zeros_like(theta))
        ws = plan.forward(plan.params(theta), x)
        loss = plan.loss.reduce(plan.losses(ws, y))
        plan.backward(plan.params(theta), grad, ws, y)
        g = grad.flat.copy()
        rows = []
        for slot, name in parameter_names(network, plan):
            keep = theta[slot]
            theta[slot] = keep + step
            up = batch_loss(plan, theta, x, y)
            theta[slot] = keep - step
            down = batch_loss(plan, theta, x, y)
            theta[slot] = keep
            rows.append(GradRow(name, slot, float(g[slot]), (up - down) / (2 * step)))
    return GradCheck(tuple(rows), len(x), float(loss))
