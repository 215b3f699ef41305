"""Learning-rate schedules: the rate η of each epoch from the settings' base rate.

The rate is constant within an epoch (the compiled kernel takes it per call and
never trains across an epoch's end), ``epoch`` being the number of epochs already
finished (0 while training the first). With η₀ the learning rate, γ the decay rate
and k the decay epochs (TensorFlow's conventions):

- constant: η₀
- step: η₀ · γ^⌊e / k⌋ (multiplied by γ every k epochs)
- exponential: η₀ · γ^(e / k) (the same decay, smoothly)
- cosine: η₀ · ½ (1 + cos(π · min(e, k) / k)) (from η₀ down to 0 at epoch k, then 0)
"""

from __future__ import annotations

import math

from nnviz.core.settings import SCHEDULES, TrainingSettings

__all__ = ["SCHEDULES", "FORMULAS", "rate"]

FORMULAS = {"constant": "η = η₀", "step": "η = η₀ · γ^⌊e/k⌋", "exponential": "η = η₀ · γ^(e/k)",
            "cosine": "η = η₀ · ½(1 + cos(π·min(e, k)/k))"}


def rate(s: TrainingSettings, epoch: int) -> float:
    """The learning rate while training epoch ``epoch`` + 1."""
    base, kind, k = s.learning_rate, s.schedule, s.decay_epochs
    if kind == "constant":
        return base
    if kind == "step":
        return base * s.decay_rate ** (epoch // k)
    if kind == "exponential":
        return base * s.decay_rate ** (epoch / k)
    if kind == "cosine":
        return base * 0.5 * (1.0 + math.cos(math.pi * min(epoch, k) / k))
    raise ValueError(f"schedule: unknown {kind!r}")
