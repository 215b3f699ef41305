"""The single-example trace: every number the backward-pass view and ``nnviz trace`` show.

One forward and one backward pass on one example, recorded per neuron (z, a,
g'(z), δ, ∂L/∂a) and per edge (w, ∂L/∂w, Δw). Two conventions for δ:

- ``dl_dz``: δ = ∂L/∂z (CS 540 / CS 2109S); the update is w ← w − η δ_j a_k.
- ``mitchell``: δ = −∂E/∂net (Mitchell, CS 760); the update is Δw = η δ_j o_k.

Both describe the same numbers with opposite signs for δ; ∂L/∂w and Δw agree.
With another optimiser than SGD (``optimizer``), Δw and Δb are that optimiser's
update on this example's gradient from its current state (Adam's m, v, t...), and
``Trace.optimizer`` holds the state before it, for the stepper's formula.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from nnviz.core.activations import ACTIVATIONS
from nnviz.core.losses import LossSpec
from nnviz.core.network import Network
from nnviz.core.plan import Plan

if TYPE_CHECKING:
    from nnviz.core.optimizers import OptimizerState
    from nnviz.core.settings import TrainingSettings

CONVENTIONS = {
    "dl_dz": "δ = ∂L/∂z, w ← w − η·δ·a",
    "mitchell": "δ = −∂E/∂net, Δw = η·δ·o",
}


@dataclass(frozen=True)
class NeuronTrace:
    id: str
    label: str
    role: str
    activation: str
    z: float | None  # None for inputs
    a: float
    g_prime: float | None
    delta: float | None
    dl_da: float  # ∂L/∂a: for inputs, the gradient of the loss with respect to x
    bias: float | None
    bias_grad: float | None  # ∂L/∂b = ∂L/∂z
    delta_bias: float | None  # Δb = −η ∂L/∂b


@dataclass(frozen=True)
class EdgeTrace:
    source: str
    target: str
    weight: float
    grad: float  # ∂L/∂w = (∂L/∂z_target) · a_source
    delta_w: float  # Δw = −η ∂L/∂w


@dataclass(frozen=True)
class Trace:
    loss: float
    output: list[float]
    target: list[float]
    neurons: list[NeuronTrace]
    edges: list[EdgeTrace]
    convention: str
    learning_rate: float
    loss_formula: str
    # Another optimiser than SGD: {"name", "step" (before), "settings", "edges": {(source,
    # target): {slot: value before}}, "biases": {neuron id: {slot: value before}}}.
    optimizer: dict | None = field(default=None, compare=False)

    def neuron(self, neuron_id: str) -> NeuronTrace:
        return self._by_id[neuron_id]

    def edge(self, source: str, target: str) -> EdgeTrace:
        return self._by_key[(source, target)]

    # Indexes made on first use: the stepper looks up every edge once per step, and a
    # search of the list each time was quadratic (a 64-32-10 network has 2,368 edges).
    @cached_property
    def _by_id(self) -> dict[str, NeuronTrace]:
        return {n.id: n for n in self.neurons}

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], EdgeTrace]:
        return {(e.source, e.target): e for e in self.edges}

    def to_dict(self) -> dict:
        return {
            "loss": self.loss,
            "output": self.output,
            "target": self.target,
            "convention": self.convention,
            "learning_rate": self.learning_rate,
            "neurons": [vars(n).copy() for n in self.neurons],
            "edges": [vars(e).copy() for e in self.edges],
        }


def trace(
    network: Network,
    x: np.ndarray,
    y: np.ndarray,
    loss: LossSpec | None = None,
    convention: str = "dl_dz",
    learning_rate: float = 0.1,
    plan: Plan | None = None,
    optimizer: tuple[TrainingSettings, OptimizerState | None] | None = None,
) -> Trace:
    """Trace one example x (one value per input neuron) with target y (one per output).

    ``optimizer``: the settings and the optimiser's state (Plan order, None: fresh) when
    Δw is to be that optimiser's update rather than SGD's −η ∂L/∂w."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r} (known: {', '.join(CONVENTIONS)})")
    plan = plan or Plan(network, loss)
    x = np.asarray(x, dtype=float).reshape(1, -1)
    y = np.asarray(y, dtype=float).reshape(1, -1)
    if x.shape[1] != plan.n_in:
        raise ValueError(f"the network has {plan.n_in} inputs but {x.shape[1]} values were given")
    if y.shape[1] != len(plan.output_ids):
        raise ValueError(
            f"the network has {len(plan.output_ids)} outputs but {y.shape[1]} targets were given"
        )
    y_engine = plan.targets(y)
    theta = plan.read(network)
    p, g = plan.params(theta), plan.params(np.zeros_like(theta))
    with np.errstate(all="ignore"):
        ws = plan.forward(p, x)
        loss_value = float(plan.losses(ws, y_engine)[0])
        plan.backward(p, g, ws, y_engine, input_grads=True)
    sign = 1.0 if convention == "dl_dz" else -1.0
    step = -learning_rate * g.flat  # SGD's update: what Δw and Δb show by default
    info = None
    if optimizer is not None and (optimizer[0].optimizer != "sgd" or optimizer[0].momentum):
        step, info = _optimizer_step(network, plan, theta, g.flat, learning_rate, *optimizer)
    neurons: list[NeuronTrace] = []
    for nid in network.neurons:  # the user's order, not the engine's
        i = plan.index[nid]
        n = network.neurons[nid]
        if n.role == "input":
            neurons.append(NeuronTrace(nid, n.label, n.role, n.activation, None,
                                       float(ws.a[i, 0]), None, None, float(ws.da[i, 0]),
                                       None, None, None))
            continue
        z, a = ws.z[i : i + 1, :1], ws.a[i : i + 1, :1]
        g_prime = ACTIVATIONS[n.activation].derivative(z, a, np.array([[n.alpha]]))
        dz = float(ws.dz[i, 0])
        neurons.append(NeuronTrace(
            nid, n.label, n.role, n.activation, float(z[0, 0]), float(a[0, 0]),
            float(g_prime[0, 0]), sign * dz, float(ws.da[i, 0]),
            n.bias, dz, -learning_rate * dz if info is None else float(step[plan.bias_offset + i]),
        ))
    edges = [
        EdgeTrace(e.source, e.target, e.weight, float(g.flat[plan.edge_slot[key]]),
                  float(step[plan.edge_slot[key]]))
        for key, e in network.edges.items()
    ]
    return Trace(
        loss=loss_value,
        output=[float(v) for v in plan.predictions(ws)[0]],
        target=[float(v) for v in y[0]],
        neurons=neurons,
        edges=edges,
        convention=convention,
        learning_rate=learning_rate,
        loss_formula=plan.loss_formula,
        optimizer=info,
    )


def _optimizer_step(network: Network, plan: Plan, theta: np.ndarray, grad: np.ndarray,
                    lr: float, settings: TrainingSettings, state: OptimizerState | None
                    ) -> tuple[np.ndarray, dict]:
    """The optimiser's update of every parameter on this gradient, and its state before."""
    from nnviz.core.optimizers import make  # optimizers imports settings, which imports this

    opt = make(settings.optimizer, plan.size, plan.n_weights)
    if state is not None:
        opt.load(state)
    before = {k: v.copy() for k, v in opt.state.slots.items()}
    info = {"name": settings.optimizer, "step": opt.state.step, "settings": settings,
            "edges": {k: {n: float(v[slot]) for n, v in before.items()}
                      for k, slot in plan.edge_slot.items()},
            "biases": {nid: {n: float(v[plan.bias_offset + i]) for n, v in before.items()}
                       for nid, i in plan.index.items()}}
    out = np.empty_like(theta)
    with np.errstate(all="ignore"):
        if settings.optimizer == "sgd":
            # Momentum's update is the new velocity itself (θ ← θ + v): exactly −η g from a
            # standing start, as without momentum.
            return settings.momentum * before["velocity"] - lr * grad, info
        opt.propose(theta, grad, lr, settings, out)
        return out - theta, info
