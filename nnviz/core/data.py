"""The dataset a network trains on: raw points, targets, task, and the train/test split.

Input neurons name the feature that feeds them. A feature is a raw column
("x1") or a value derived from raw columns the way TensorFlow Playground offers
them: "x1^2", "x1*x2", "sin(x1)". ``Dataset.inputs`` builds the matrix the
engine reads, so the decision-region grid and the training data go through the
same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

TASKS = ("binary", "multiclass", "regression")

FEATURE_FORMS = ("a raw column, or one built from columns with a^2, a*b and sin(a), "
                 "nested and grouped with parentheses, e.g. sin(x1*x2) or (x1*x2)^2")


class DataError(ValueError):
    """Data that cannot be used; the message says what and where."""


@dataclass
class Dataset:
    x: np.ndarray  # (n, d) raw features
    y: np.ndarray  # (n, k) targets: 0/1 or ±1 for binary, one-hot for multiclass
    task: str
    feature_names: list[str]
    target_names: list[str]
    train: np.ndarray  # indices of training rows
    test: np.ndarray  # indices of test rows
    # Binary tasks: the (negative, positive) target values; accuracy thresholds halfway.
    label_values: tuple[float, float] = (0.0, 1.0)
    class_names: list[str] = field(default_factory=list)
    name: str = ""
    # (rows, cols) when each row of x is a picture (row-major), e.g. (8, 8) for digits;
    # views draw such inputs as an image instead of one value per feature.
    image_shape: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        self.x = np.asarray(self.x, dtype=float).reshape(len(self.x), -1)
        self.y = np.asarray(self.y, dtype=float).reshape(len(self.y), -1)
        self.train = np.asarray(self.train, dtype=np.intp)
        self.test = np.asarray(self.test, dtype=np.intp)
        if self.task not in TASKS:
            raise DataError(f"unknown task {self.task!r} (known: {', '.join(TASKS)})")
        if len(self.x) != len(self.y):
            raise DataError(f"{len(self.x)} rows of inputs but {len(self.y)} rows of targets")
        if len(self.feature_names) != self.x.shape[1]:
            raise DataError(
                f"{self.x.shape[1]} input columns but {len(self.feature_names)} feature names"
            )
        if self.image_shape is not None:
            rows, cols = self.image_shape
            if rows * cols != self.x.shape[1]:
                raise DataError(
                    f"a {rows}×{cols} picture has {rows * cols} pixels, "
                    f"but each row has {self.x.shape[1]} inputs"
                )

    @property
    def n(self) -> int:
        return len(self.x)

    @property
    def classes(self) -> np.ndarray:
        """Class index of every row (binary: 1 for the positive value); regression: empty."""
        if self.task == "multiclass":
            return self.y.argmax(axis=1)
        if self.task == "binary":
            return (self.y[:, 0] > self.threshold).astype(int)
        return np.zeros(0, dtype=int)

    @property
    def threshold(self) -> float:
        return 0.5 * (self.label_values[0] + self.label_values[1])

    def available_features(self) -> list[str]:
        """Raw columns, then Playground's derived features of the first two."""
        names = list(self.feature_names)
        if len(names) >= 2:
            a, b = names[:2]
            names += [f"{a}^2", f"{b}^2", f"{a}*{b}", f"sin({a})", f"sin({b})"]
        return names

    def inputs(self, features: list[str], x: np.ndarray | None = None) -> np.ndarray:
        """The (n, len(features)) matrix fed to the input neurons, from x or this data."""
        raw = self.x if x is None else np.asarray(x, dtype=float)
        return feature_matrix(raw, self.feature_names, features)

    def split(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, targets) of "train", "test" or "all"."""
        idx = {"train": self.train, "test": self.test}.get(which)
        if idx is None:
            return self.x, self.y
        return self.x[idx], self.y[idx]


def feature_matrix(raw: np.ndarray, columns: list[str], features: list[str]) -> np.ndarray:
    """Compute the named features from raw columns (see the module docstring)."""
    out = np.empty((raw.shape[0], len(features)))
    for j, name in enumerate(features):
        out[:, j] = _feature(raw, columns, name)
    return out


def _feature(raw: np.ndarray, columns: list[str], name: str) -> np.ndarray:
    value = _expression(raw, columns, name.strip(), 0)
    if value is None:
        shown = name if len(name) <= 60 else name[:60] + "…"
        raise DataError(f"unknown feature {shown!r} (the data has {', '.join(columns)}; "
                        f"a feature is {FEATURE_FORMS})")
    return value


def _top_level(text: str, sep: str) -> list[str]:
    """text split at ``sep`` where no parenthesis is open (one part if unbalanced)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return [text]
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]] if depth == 0 else [text]


def _wrapped(text: str) -> bool:
    """True when text is "(...)" and its first parenthesis closes at the very end."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(text) - 1
    return False


def _expression(raw: np.ndarray, columns: list[str], name: str, depth: int) -> np.ndarray | None:
    """Products of squares of sines of columns, as Playground's features nest; None if not."""
    if name in columns:  # first: a CSV column may itself be called "x1*x2"
        return raw[:, columns.index(name)]
    if depth > 20 or not name:
        return None
    factors = _top_level(name, "*")
    if len(factors) > 1:
        values = [_expression(raw, columns, f.strip(), depth + 1) for f in factors]
        if any(v is None for v in values):
            return None
        out = values[0]
        for v in values[1:]:
            out = out * v
        return out
    if name.endswith("^2"):
        base = _expression(raw, columns, name[:-2].strip(), depth + 1)
        return None if base is None else base**2
    if name.startswith("sin(") and _wrapped(name[3:]):
        inner = _expression(raw, columns, name[4:-1].strip(), depth + 1)
        return None if inner is None else np.sin(inner)
    if _wrapped(name):
        return _expression(raw, columns, name[1:-1].strip(), depth + 1)
    return None


def check_feature(name: str, columns: list[str]) -> str | None:
    """Why a feature name cannot be computed from these columns, or None."""
    try:
        _feature(np.zeros((1, len(columns))), columns, name)
    except DataError as exc:
        return str(exc)
    return None
