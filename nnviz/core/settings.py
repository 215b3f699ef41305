"""Training settings: everything a user chooses about how the network learns.

The conventions the lectures disagree on (½ in squared error, mean or sum over
the batch, the sign of δ) are settings here, saved with the document.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

from nnviz.core.docjson import short
from nnviz.core.losses import LOSSES, REDUCTIONS, LossSpec
from nnviz.core.trace import CONVENTIONS

BATCH_MODES = {"full": "Full batch", "mini": "Mini-batch", "online": "Online (one example)"}
REGULARIZATIONS = {"none": "None", "l1": "L1", "l2": "L2"}
INITS = {
    "uniform": "Uniform ±0.5 (Playground)",
    "xavier": "Xavier (Glorot)",
    "he": "He",
    "zeros": "Zeros",
}
RULES = {"gradient": "Gradient descent (backprop)", "perceptron": "Perceptron rule"}
OPTIMIZERS = {"sgd": "SGD", "nesterov": "Nesterov", "adagrad": "AdaGrad",
              "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW"}
SCHEDULES = {"constant": "Constant", "step": "Step decay", "exponential": "Exponential",
             "cosine": "Cosine"}
PLAYGROUND_OPTIONS = ("l1_zero_crossing", "carry_partial_batch")
STOPPING_OPTIONS = ("stop_epochs", "stop_loss", "stop_accuracy", "patience")
OPTIMIZER_OPTIONS = ("optimizer", "beta1", "beta2", "rho", "eps", "weight_decay",
                     "schedule", "decay_rate", "decay_epochs")
#: The allowed values of every setting that is a choice, by field name.
CHOICES = {
    "batch_mode": BATCH_MODES, "regularization": REGULARIZATIONS, "loss": LOSSES,
    "reduction": REDUCTIONS, "convention": CONVENTIONS, "init": INITS, "rule": RULES,
    "optimizer": OPTIMIZERS, "schedule": SCHEDULES,
}


class SettingsError(ValueError):
    """A setting out of range; the message names the field."""


@dataclass
class TrainingSettings:
    learning_rate: float = 0.03
    batch_mode: str = "mini"
    batch_size: int = 10
    momentum: float = 0.0
    regularization: str = "none"
    reg_rate: float = 0.0
    loss: str = "squared"
    half_squared: bool = True
    reduction: str = "mean"
    convention: str = "dl_dz"
    init: str = "uniform"
    seed: int = 1
    rule: str = "gradient"
    shuffle: bool = True
    # TensorFlow Playground's conventions, off by default (see docs/conventions.md):
    # L1 sets a weight its penalty step takes across zero to exactly 0 (and keeps it
    # there), and a last batch that does not fill up is carried into the next epoch.
    l1_zero_crossing: bool = False
    carry_partial_batch: bool = False
    # The optimiser (nnviz.core.optimizers) and its hyper-parameters; "sgd" with
    # ``momentum`` is what nnviz always did.
    optimizer: str = "sgd"
    beta1: float = 0.9  # Adam, AdamW: decay of the mean of the gradients
    beta2: float = 0.999  # Adam, AdamW: decay of the mean of their squares
    rho: float = 0.9  # RMSprop: decay of the mean of the squared gradients
    eps: float = 1e-8  # AdaGrad, RMSprop, Adam, AdamW: added to the root, never 0
    weight_decay: float = 0.01  # AdamW's decoupled decay of the weights
    # Learning-rate schedule (nnviz.core.schedules), the rate constant within an epoch.
    schedule: str = "constant"
    decay_rate: float = 0.5  # step / exponential: the factor per decay_epochs epochs
    decay_epochs: int = 100  # step / exponential: their period; cosine: its length
    # Stopping by itself (nnviz.core.stopping); each rule off at 0.
    stop_epochs: int = 0  # once this many epochs are trained in all
    stop_loss: float = 0.0  # once the training loss is at most this
    stop_accuracy: float = 0.0  # once the training accuracy is at least this (0..1)
    patience: int = 0  # early stopping: epochs without a better test loss

    @property
    def loss_spec(self) -> LossSpec:
        return LossSpec(self.loss, self.half_squared, self.reduction)

    def to_dict(self) -> dict:
        data = asdict(self)
        # Written only when not the default: files that do not use them stay as they
        # were, byte for byte, and readable by versions before these settings.
        defaults = TrainingSettings()
        for name in PLAYGROUND_OPTIONS + OPTIMIZER_OPTIONS + STOPPING_OPTIONS:
            if data[name] == getattr(defaults, name):
                del data[name]
        return data

    def problem(self) -> str | None:
        """Why these settings cannot be used, naming the field, or None."""
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                return f"{name}: must be one of {', '.join(allowed)}, got {short(value)}"
        # Learning rates beyond 10 only ever diverge on the scales nnviz works at.
        ranges = {
            "learning_rate": (0.0, 10.0), "momentum": (0.0, 0.999), "reg_rate": (0.0, 10.0),
            "beta1": (0.0, 0.9999), "beta2": (0.0, 0.999999), "rho": (0.0, 0.9999),
            "eps": (0.0, 1.0), "weight_decay": (0.0, 10.0), "decay_rate": (0.0, 1.0),
            "stop_loss": (0.0, 1e6), "stop_accuracy": (0.0, 1.0),
        }
        for name, (low, high) in ranges.items():
            value = getattr(self, name)
            if not _is_number(value) or not low <= value <= high:
                return f"{name}: must be a number from {low:g} to {high:g}, got {short(value)}"
        for name in ("learning_rate", "eps", "decay_rate"):
            if getattr(self, name) == 0:
                return f"{name}: must be greater than 0"
        for name, low in (("decay_epochs", 1), ("stop_epochs", 0), ("patience", 0)):
            value = getattr(self, name)
            if not _is_int(value) or not low <= value <= 10**12:
                return f"{name}: must be a whole number from {low} to 10^12, got {short(value)}"
        if not _is_int(self.batch_size) or not 1 <= self.batch_size <= 100_000:
            return ("batch_size: must be a whole number from 1 to 100000, "
                    f"got {short(self.batch_size)}")
        if not _is_int(self.seed) or not 0 <= self.seed < 2**32:
            return f"seed: must be a whole number from 0 to 4294967295, got {short(self.seed)}"
        for name in ("half_squared", "shuffle", "l1_zero_crossing", "carry_partial_batch"):
            if not isinstance(getattr(self, name), bool):
                return f"{name}: must be true or false, got {short(getattr(self, name))}"
        return None

    def validate(self) -> None:
        problem = self.problem()
        if problem:
            raise SettingsError(problem)

    @classmethod
    def from_dict(cls, data: dict) -> TrainingSettings:
        """Settings from a saved dict; unknown keys are refused, missing ones defaulted."""
        if not isinstance(data, dict):
            raise SettingsError(f"must be an object, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise SettingsError(f"{key}: unknown setting")
        settings = cls(**data)
        settings.validate()
        return settings


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
