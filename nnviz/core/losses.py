"""Loss functions over the output neurons, with the conventions the lectures differ on.

Squared error is ½(y − a)² in one course and (y − a)² in another, and the batch
loss is a mean in some texts and a sum in others: both are choices, not constants.
Per-example losses sum over the output neurons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LOSSES = {
    "squared": "Squared error",
    "bce": "Binary cross-entropy",
    "softmax_ce": "Softmax cross-entropy",
}
REDUCTIONS = ("mean", "sum")

# Probabilities are clipped this far from 0 and 1 where the loss cannot be taken
# from z directly (cross-entropy on an output that is not a sigmoid).
_EPS = 1e-12


@dataclass(frozen=True)
class LossSpec:
    kind: str = "squared"
    half: bool = True  # squared error: ½(y − a)² when True, (y − a)² when False
    reduction: str = "mean"  # over the examples of a batch

    def __post_init__(self) -> None:
        if self.kind not in LOSSES:
            raise ValueError(f"unknown loss {self.kind!r} (known: {', '.join(LOSSES)})")
        if self.reduction not in REDUCTIONS:
            raise ValueError(f"unknown reduction {self.reduction!r} (known: mean, sum)")

    @property
    def formula(self) -> str:
        if self.kind == "squared":
            return "L = ½ Σ_k (y_k − a_k)²" if self.half else "L = Σ_k (y_k − a_k)²"
        if self.kind == "bce":
            return "L = −y log a − (1 − y) log(1 − a)"
        return "L = −Σ_k y_k log p_k"

    def reduce(self, per_example: np.ndarray) -> float:
        if per_example.size == 0:
            return float("nan")
        return float(per_example.mean() if self.reduction == "mean" else per_example.sum())


def per_example_loss(
    spec: LossSpec, a: np.ndarray, y: np.ndarray, z: np.ndarray, sigmoid_rows: np.ndarray,
    log_p: np.ndarray | None = None,
) -> np.ndarray:
    """Loss of each example; arrays are (outputs, batch) like the engine's buffers.

    ``z`` and ``sigmoid_rows`` (outputs that are sigmoids) let binary
    cross-entropy be computed from z exactly instead of from a clipped a.
    ``log_p`` is the log-softmax of the outputs, needed for softmax cross-entropy.
    """
    if spec.kind == "squared":
        diff = y - a
        return (0.5 if spec.half else 1.0) * np.einsum("kb,kb->b", diff, diff)
    if spec.kind == "bce":
        # For a sigmoid, −log σ(z) = log(1 + e^−z) and −log(1 − σ(z)) = log(1 + e^z).
        exact = y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)
        ac = np.clip(a, _EPS, 1.0 - _EPS)
        clipped = -(y * np.log(ac) + (1.0 - y) * np.log(1.0 - ac))
        return np.where(sigmoid_rows[:, None], exact, clipped).sum(axis=0)
    if log_p is None:
        raise ValueError("softmax cross-entropy needs the outputs in a softmax group")
    return -(y * log_p).sum(axis=0)


def loss_grad_a(spec: LossSpec, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂L/∂a of each example's loss (before the batch reduction)."""
    if spec.kind == "squared":
        return (1.0 if spec.half else 2.0) * (a - y)
    ac = np.clip(a, _EPS, 1.0 - _EPS)
    if spec.kind == "bce":
        return (ac - y) / (ac * (1.0 - ac))
    return -y / ac
