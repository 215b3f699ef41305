"""Optimisers: how a gradient becomes an update of the parameters.

Each optimiser is one class with the same interface: it owns its state (named
slots, arrays the size of the parameter vector, and a step count) and
``propose(theta, g, lr, settings, out)`` writes the parameters after one update
into ``out`` (the trainer accepts them unless they are not finite). ``g`` already
holds any L1/L2 penalty, so "Adam + L2" is the classic coupled form; AdamW's
``weight_decay`` is decoupled and, like L2 here, applies to the weights only.

The formulas, as the stepper shows them (g the gradient, η the rate of this epoch):

- SGD: θ ← θ − η g; with momentum μ > 0: v ← μ v − η g, θ ← θ + v.
- Nesterov (the reformulated lookahead of Sutskever et al., as Keras and PyTorch
  compute it): v ← μ v − η g, θ ← θ + μ v − η g.
- AdaGrad: G ← G + g², θ ← θ − η g / (√G + ε).
- RMSprop: s ← ρ s + (1 − ρ) g², θ ← θ − η g / (√s + ε).
- Adam: t ← t + 1, m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
  m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), θ ← θ − η m̂ / (√v̂ + ε).
- AdamW: Adam, then weights also ← − η λ w (λ the weight decay).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from nnviz.core.settings import OPTIMIZERS, TrainingSettings

__all__ = ["CLASSES", "HYPERPARAMETERS", "OPTIMIZERS", "Optimizer", "OptimizerState", "make"]
#: The settings each optimiser reads besides the learning rate (what the panel shows).
HYPERPARAMETERS = {"sgd": ("momentum",), "nesterov": ("momentum",), "adagrad": ("eps",),
                   "rmsprop": ("rho", "eps"), "adam": ("beta1", "beta2", "eps"),
                   "adamw": ("beta1", "beta2", "eps", "weight_decay")}


@dataclass
class OptimizerState:
    """What an optimiser remembers between updates; saved with the document so a reopened
    run goes on exactly as it would have. Arrays are in the Plan's parameter order."""

    name: str
    step: int = 0  # updates made (Adam's t; the others do not need it and keep 0)
    slots: dict[str, np.ndarray] = field(default_factory=dict)

    def copy(self) -> OptimizerState:
        return OptimizerState(self.name, self.step, {k: v.copy() for k, v in self.slots.items()})

    def is_blank(self) -> bool:
        """Nothing learnt yet: a fresh optimiser would behave the same."""
        return self.step == 0 and not any(v.any() for v in self.slots.values())


class Optimizer:
    name: ClassVar[str]
    slot_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, size: int, n_weights: int) -> None:
        self.n_weights = n_weights
        # The slots are rows of one array, which the compiled kernel updates in place.
        self.slab = np.zeros((2, size))
        self.state = OptimizerState(self.name, 0, dict(zip(self.slot_names, self.slab)))

    def load(self, state: OptimizerState) -> None:
        """Take saved state (same optimiser, same parameter count), copying it."""
        if state.name != self.name or set(state.slots) != set(self.slot_names) or any(
                len(v) != len(self.state.slots[k]) for k, v in state.slots.items()):
            raise ValueError(f"optimizer state for {state.name} does not fit {self.name} "
                             f"with {self.slab.shape[1]} parameters")
        self.state.step = state.step
        for k, v in state.slots.items():
            self.state.slots[k][:] = v

    def propose(self, theta: np.ndarray, g: np.ndarray, lr: float, s: TrainingSettings,
                out: np.ndarray) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    name = "sgd"
    slot_names = ("velocity",)

    def propose(self, theta, g, lr, s, out):
        if s.momentum:
            np.add(theta, self._velocity(g, lr, s.momentum), out=out)
        else:
            np.multiply(g, -lr, out=out)
            out += theta

    def _velocity(self, g: np.ndarray, lr: float, mu: float) -> np.ndarray:
        """v ← μ v − η g, in place; returns v."""
        v = self.state.slots["velocity"]
        v *= mu
        v -= lr * g
        return v


class Nesterov(SGD):
    name = "nesterov"

    def propose(self, theta, g, lr, s, out):
        np.add(theta, s.momentum * self._velocity(g, lr, s.momentum) - lr * g, out=out)


def _scaled_step(theta: np.ndarray, g: np.ndarray, lr: float, acc: np.ndarray, eps: float,
                 out: np.ndarray) -> None:
    """AdaGrad's and RMSprop's step: θ − η g / (√acc + ε)."""
    np.subtract(theta, lr * g / (np.sqrt(acc) + eps), out=out)


class AdaGrad(Optimizer):
    name = "adagrad"
    slot_names = ("G",)

    def propose(self, theta, g, lr, s, out):
        acc = self.state.slots["G"]
        acc += g * g
        _scaled_step(theta, g, lr, acc, s.eps, out)


class RMSprop(Optimizer):
    name = "rmsprop"
    slot_names = ("s",)

    def propose(self, theta, g, lr, s, out):
        sq = self.state.slots["s"]
        sq *= s.rho
        sq += (1.0 - s.rho) * (g * g)
        _scaled_step(theta, g, lr, sq, s.eps, out)


class Adam(Optimizer):
    name = "adam"
    slot_names = ("m", "v")
    decoupled = False

    def propose(self, theta, g, lr, s, out):
        st = self.state
        st.step += 1
        m, v = st.slots["m"], st.slots["v"]
        m *= s.beta1
        m += (1.0 - s.beta1) * g
        v *= s.beta2
        v += (1.0 - s.beta2) * (g * g)
        m_hat = m / (1.0 - s.beta1 ** st.step)
        v_hat = v / (1.0 - s.beta2 ** st.step)
        np.subtract(theta, lr * m_hat / (np.sqrt(v_hat) + s.eps), out=out)
        if self.decoupled and s.weight_decay:
            w = slice(0, self.n_weights)
            out[w] -= lr * s.weight_decay * theta[w]


class AdamW(Adam):
    name = "adamw"
    decoupled = True


CLASSES: dict[str, type[Optimizer]] = {c.name: c for c in (SGD, Nesterov, AdaGrad, RMSprop,
                                                            Adam, AdamW)}


def make(name: str, size: int, n_weights: int) -> Optimizer:
    """A fresh optimiser ``name`` (a key of OPTIMIZERS) for ``size`` parameters."""
    return CLASSES[name](size, n_weights)
