"""Activation functions g(z) and their derivatives g'(z), vectorised over NumPy arrays.

Every function takes ``z`` and a per-neuron ``alpha`` (the negative slope of the
leaky and parametric ReLU, ignored by the others) that broadcasts against ``z``.
Softmax couples the neurons of a group, so it has its own functions below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    name: str
    title: str
    formula: str
    forward: Callable[[Array, Array], Array]
    # g'(z), given z, a = g(z) and alpha (a is passed so sigmoid/tanh reuse it).
    derivative: Callable[[Array, Array, Array], Array]
    # False for the step: its derivative is 0 everywhere it exists, so gradient
    # descent cannot train through it (the perceptron rule can).
    differentiable: bool = True
    # Parametric ReLU learns alpha by gradient descent.
    learns_alpha: bool = False


def _sigmoid(z: Array, alpha: Array | float = 0.0) -> Array:
    # Split by sign so that exp never overflows.
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def sigmoid(z: Array) -> Array:
    return _sigmoid(np.asarray(z, dtype=float))


def _relu_like(z: Array, alpha: Array) -> Array:
    return np.where(z > 0, z, alpha * z)


def _relu_like_grad(z: Array, a: Array, alpha: Array) -> Array:
    return np.where(z > 0, 1.0, alpha * np.ones_like(z))


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in [
        # Two threshold units, because the slides differ at z = 0: the perceptron
        # slides' step is 1 only for z > 0, the CS 760 deck's t(z) = 𝕀[z ≥ 0].
        Activation(
            "step", "Step 𝕀[z > 0]", "g(z) = 1 if z > 0 else 0",
            lambda z, al: (z > 0).astype(float),
            lambda z, a, al: np.zeros_like(z),
            differentiable=False,
        ),
        Activation(
            "threshold", "Threshold 𝕀[z ≥ 0]", "g(z) = 1 if z ≥ 0 else 0",
            lambda z, al: (z >= 0).astype(float),
            lambda z, a, al: np.zeros_like(z),
            differentiable=False,
        ),
        Activation(
            "identity", "Identity (linear)", "g(z) = z",
            lambda z, al: z.copy(),
            lambda z, a, al: np.ones_like(z),
        ),
        Activation(
            "sigmoid", "Sigmoid σ", "g(z) = 1 / (1 + e^-z)",
            _sigmoid,
            lambda z, a, al: a * (1.0 - a),
        ),
        Activation(
            "tanh", "Tanh", "g(z) = tanh z",
            lambda z, al: np.tanh(z),
            lambda z, a, al: 1.0 - a * a,
        ),
        Activation(
            "relu", "ReLU", "g(z) = max(z, 0)",
            lambda z, al: np.maximum(z, 0.0),
            lambda z, a, al: (z > 0).astype(float),
        ),
        Activation(
            "leaky_relu", "Leaky ReLU", "g(z) = max(z, 0) + α·min(z, 0)",
            _relu_like, _relu_like_grad,
        ),
        Activation(
            "prelu", "Parametric ReLU", "g(z) = max(z, 0) + α·min(z, 0), α learned",
            _relu_like, _relu_like_grad, learns_alpha=True,
        ),
        Activation(
            "softmax", "Softmax (group)", "g(z)_k = e^z_k / Σ_j e^z_j",
            # Placeholders: the engine applies softmax per group, never through these.
            lambda z, al: z.copy(),
            lambda z, a, al: a * (1.0 - a),
        ),
    ]
}


# The units the perceptron rule trains (0/1 outputs, no gradient).
THRESHOLD_UNITS = ("step", "threshold")


def activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r} (known: {known})") from None


def log_softmax(z: Array, axis: int = -1) -> Array:
    """log softmax along an axis, shifted by the maximum so it never overflows."""
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def grouped_log_softmax(z: Array, groups: list[tuple[int, int]] | tuple) -> Array:
    """log softmax of each group of rows [g0, g1) of z (rows are neurons) on its own.

    Several softmax groups are separate distributions: one softmax over all of
    them would couple neurons that the network never couples. Rows in no group
    are NaN (they have no log-probability).
    """
    out = np.full(z.shape, np.nan, dtype=z.dtype)
    for g0, g1 in groups:
        out[g0:g1] = log_softmax(z[g0:g1], axis=0)
    return out


def softmax(z: Array, axis: int = -1) -> Array:
    return np.exp(log_softmax(z, axis))


def softmax_backward(p: Array, dl_da: Array, axis: int = -1) -> Array:
    """∂L/∂z for a softmax group, given its outputs p and ∂L/∂p (Jacobian-vector product)."""
    return p * (dl_da - (dl_da * p).sum(axis=axis, keepdims=True))


def prelu_alpha_grad(z: Array, dl_da: Array) -> Array:
    """∂L/∂α of a parametric ReLU, summed over the batch: ∂a/∂α = min(z, 0)."""
    return (dl_da * np.minimum(z, 0.0)).sum(axis=0)
