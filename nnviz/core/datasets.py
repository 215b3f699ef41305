"""Built-in datasets: logic gates, TensorFlow Playground's six sets, multi-class toys, digits.

Lectures show the same pictures every term (the AND line, XOR's quadrants, Playground's
spiral), so the generators follow TensorFlow Playground's ``dataset.ts`` closely: same
radii, centres, label rules and noise scaling (the noise slider's percent / 100). Only the
random stream differs: NumPy's ``default_rng(seed)``, so one ``DatasetSpec`` always yields
the same points, which a saved document and a reproducible lecture demo rely on.
The handwritten digits are real pictures read from a shipped file (``core/digits.py``):
the spec only chooses their train/test split.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields

import numpy as np

from nnviz.core import digits
from nnviz.core.data import DataError, Dataset
from nnviz.core.docjson import short
from nnviz.core.limits import MAX_ROWS

#: name -> (title a GUI lists, task); the order is the order a GUI should show.
BUILTIN_DATASETS: dict[str, tuple[str, str]] = {
    "circle": ("Circle", "binary"),
    "quadrants": ("XOR (quadrants)", "binary"),
    "gauss": ("Two Gaussians", "binary"),
    "spiral": ("Spiral", "binary"),
    "plane": ("Regression: plane", "regression"),
    "multigauss": ("Regression: Gaussians", "regression"),
    "and": ("AND", "binary"),
    "or": ("OR", "binary"),
    "not": ("NOT", "binary"),
    "xor": ("XOR", "binary"),
    "xnor": ("XNOR", "binary"),
    "blobs": ("Blobs (K classes)", "multiclass"),
    "spiral_arms": ("Spiral arms (K classes)", "multiclass"),
    "digits": ("Handwritten digits (8×8)", "multiclass"),
}
#: Sets read from a file: their size is the file's and noise does not apply (the seed and
#: the training share still choose the split).
REAL_DATA = ("digits",)
#: Other spellings accepted for a name ("xor" is the logic gate, so Playground's is renamed).
ALIASES = {"xor_playground": "quadrants"}

#: Default sizes: Playground's 500 (classification) and 1200 (regression); 300 multi-class.
DEFAULT_POINTS = {"plane": 1200, "multigauss": 1200, "blobs": 300, "spiral_arms": 300}
DIGITS_ROWS = 1797  # the file's rows: the set's size, whatever n_points says
PLAYGROUND_POINTS = 500
MAX_POINTS = MAX_ROWS
_GATES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "xor": (0, 1, 1, 0),
    "xnor": (1, 0, 0, 1),
}


@dataclass
class DatasetSpec:
    """Everything needed to regenerate a built-in dataset; a document stores only this."""

    name: str
    n_points: int | None = None  # None: the set's default size
    noise: float = 0.0  # percent, 0-50, like Playground's slider
    seed: int = 1
    train_ratio: float = 0.5
    classes: int = 3  # multi-class sets only

    def __post_init__(self) -> None:
        self.name = ALIASES.get(self.name, self.name) if isinstance(self.name, str) else self.name
        problems = _problems(asdict(self))
        if problems:
            raise DataError("; ".join(problems))
        # Plain Python numbers, so to_dict() always serialises to JSON.
        self.n_points = None if self.n_points is None else int(self.n_points)
        self.seed, self.classes = int(self.seed), int(self.classes)
        self.noise, self.train_ratio = float(self.noise), float(self.train_ratio)

    @property
    def size(self) -> int:
        """The number of points actually generated (logic gates: their truth table)."""
        if self.name == "digits":
            return DIGITS_ROWS
        if self.name == "not":
            return 2
        if self.name in _GATES:
            return 4
        return self.n_points or DEFAULT_POINTS.get(self.name, PLAYGROUND_POINTS)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: object) -> DatasetSpec:
        """Validate a dict from a file; one DataError lists every bad field."""
        if not isinstance(d, dict):
            raise DataError(f"dataset: must be an object, got {type(d).__name__}")
        defaults = {f.name: f.default for f in fields(cls)}
        problems = [f"dataset.{k}: unknown field" for k in d if k not in defaults]
        values = {k: v for k, v in d.items() if k in defaults}
        for key in ("n_points", "seed", "classes"):  # JSON writers may emit 500.0
            v = values.get(key)
            if isinstance(v, float) and v.is_integer():
                values[key] = int(v)
        if isinstance(values.get("name"), str):
            values["name"] = ALIASES.get(values["name"], values["name"])
        problems += _problems({**defaults, "name": None, **values})
        if problems:
            raise DataError("; ".join(problems))
        return cls(**values)


def _is_int(v: object) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float, np.number)) and not isinstance(v, bool) and math.isfinite(v)


def _problems(v: dict) -> list[str]:
    """Why each field is unusable, phrased for a person editing a file by hand."""
    out = []
    if not (isinstance(v["name"], str) and v["name"] in BUILTIN_DATASETS):
        out.append(f"dataset.name: must be one of {', '.join(BUILTIN_DATASETS)}, "
                   f"got {short(v['name'])}")
    n = v["n_points"]
    if n is not None and not (_is_int(n) and 4 <= n <= MAX_POINTS):
        out.append(
            f"dataset.n_points: must be null or an integer from 4 to {MAX_POINTS}, got {short(n)}"
        )
    if not (_is_number(v["noise"]) and 0 <= v["noise"] <= 50):
        out.append(f"dataset.noise: must be a number between 0 and 50, got {short(v['noise'])}")
    if not (_is_int(v["seed"]) and 0 <= v["seed"] < 2**63):
        out.append(f"dataset.seed: must be a non-negative integer, got {short(v['seed'])}")
    if not (_is_number(v["train_ratio"]) and 0 < v["train_ratio"] < 1):
        out.append(
            f"dataset.train_ratio: must be a number between 0 and 1 (exclusive), "
            f"got {short(v['train_ratio'])}"
        )
    if not (_is_int(v["classes"]) and 3 <= v["classes"] <= 5):
        out.append(f"dataset.classes: must be an integer from 3 to 5, got {short(v['classes'])}")
    return out


def split_indices(
    n: int, train_ratio: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle, then the first round(train_ratio * n) rows train (at least one row each)."""
    perm = rng.permutation(n)
    k = min(max(round(train_ratio * n), 1), n - 1)
    return perm[:k], perm[k:]


def make_dataset(spec: DatasetSpec) -> Dataset:
    """Generate the points a spec describes; the same spec always gives the same Dataset."""
    problems = _problems(asdict(spec))  # the spec may have been edited since it was made
    if problems:
        raise DataError("; ".join(problems))
    if spec.name in _GATES or spec.name == "not":
        return _gate(spec.name)
    rng = np.random.default_rng(spec.seed)
    if spec.name == "digits":
        return _digits(spec, rng)
    n, noise = spec.size, spec.noise / 100.0
    task = BUILTIN_DATASETS[spec.name][1]
    if task == "multiclass":
        x, labels = _MULTICLASS[spec.name](n, noise, spec.classes, rng)
        y = np.eye(spec.classes)[labels]
        names = [f"class {k + 1}" for k in range(spec.classes)]
        extra = {"target_names": names, "class_names": names}
    else:
        x, y = _PLAYGROUND[spec.name](n, noise, rng)
        extra = {"target_names": ["y"]}
        if task == "binary":
            extra |= {"label_values": (-1.0, 1.0), "class_names": ["-1", "+1"]}
    train, test = split_indices(n, spec.train_ratio, rng)
    return Dataset(x, y, task, ["x1", "x2"], train=train, test=test, name=spec.name, **extra)


def _gate(name: str) -> Dataset:
    """Exact truth table; every row both trains and tests (there are only four)."""
    if name == "not":
        x, y = np.array([[0.0], [1.0]]), np.array([1.0, 0.0])
    else:
        x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        y = np.array(_GATES[name], dtype=float)
    rows = np.arange(len(x))
    names = ["x1"] if name == "not" else ["x1", "x2"]
    return Dataset(x, y, "binary", names, ["y"], rows, rows.copy(), (0.0, 1.0), ["0", "1"], name)


def _digits(spec: DatasetSpec, rng: np.random.Generator) -> Dataset:
    """The shipped pictures, pixels scaled to [0, 1]; only the split depends on the spec."""
    pixels, labels = digits.load_digits()
    names = [str(k) for k in range(digits.CLASSES)]
    train, test = split_indices(len(labels), spec.train_ratio, rng)
    return Dataset(pixels / digits.LEVELS, np.eye(digits.CLASSES)[labels], "multiclass",
                   digits.pixel_names(), names, train, test, class_names=names, name="digits",
                   image_shape=digits.SHAPE)


def _halves(n: int) -> tuple[int, int]:
    """Playground draws n/2 points per class; an odd n gives the extra one to +1."""
    return (n + 1) // 2, n // 2


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    radius = 5.0
    parts = []
    for count, (lo, hi) in zip(_halves(n), ((0.0, radius * 0.5), (radius * 0.7, radius))):
        r = rng.uniform(lo, hi, count)
        angle = rng.uniform(0.0, 2 * math.pi, count)
        p = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
        jitter = rng.uniform(-radius, radius, (count, 2)) * noise
        label = np.where(np.hypot(*(p + jitter).T) < radius * 0.5, 1.0, -1.0)
        parts.append((p, label))
    return np.vstack([p for p, _ in parts]), np.concatenate([lab for _, lab in parts])


def _quadrants(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    p = rng.uniform(-5.0, 5.0, (n, 2))
    p += np.where(p > 0, 0.3, -0.3)  # Playground's padding keeps points off the axes
    q = p + rng.uniform(-5.0, 5.0, (n, 2)) * noise
    return p, np.where(q[:, 0] * q[:, 1] >= 0, 1.0, -1.0)


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    variance = 0.5 + noise / 0.5 * 3.5  # d3 scale: noise [0, .5] -> variance [0.5, 4]
    pos, neg = _halves(n)
    p = np.vstack([rng.normal(2.0, math.sqrt(variance), (pos, 2)),
                   rng.normal(-2.0, math.sqrt(variance), (neg, 2))])
    return p, np.concatenate([np.ones(pos), -np.ones(neg)])


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    half = n / 2
    parts = []
    for count, delta in zip(_halves(n), (0.0, math.pi)):
        i = np.arange(count)
        r = i / half * 5
        t = 1.75 * i / half * 2 * math.pi + delta
        p = np.column_stack([r * np.sin(t), r * np.cos(t)])
        parts.append(p + rng.uniform(-1.0, 1.0, (count, 2)) * noise)
    pos, neg = _halves(n)
    return np.vstack(parts), np.concatenate([np.ones(pos), -np.ones(neg)])


def _regression_points(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Points in [-6, 6]^2 and the noisy positions their labels are read at."""
    p = rng.uniform(-6.0, 6.0, (n, 2))
    return p, p + rng.uniform(-6.0, 6.0, (n, 2)) * noise


def _plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    p, q = _regression_points(n, noise, rng)
    return p, (q[:, 0] + q[:, 1]) / 10.0  # d3 scale [-10, 10] -> [-1, 1], unclamped


_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                   [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=float)


def _multigauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    p, q = _regression_points(n, noise, rng)
    d = np.hypot(q[:, None, 0] - _BUMPS[:, 0], q[:, None, 1] - _BUMPS[:, 1])
    values = _BUMPS[:, 2] * np.clip(1.0 - d / 2.0, 0.0, 1.0)  # clamped scale [0, 2] -> [1, 0]
    pick = np.abs(values).argmax(axis=1)  # the bump largest in absolute value wins
    return p, values[np.arange(n), pick]


def _class_sizes(n: int, k: int) -> np.ndarray:
    return np.array([n // k + (c < n % k) for c in range(k)])


def _blobs(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    labels = np.repeat(np.arange(k), _class_sizes(n, k))
    angle = 2 * math.pi * labels / k + math.pi / 2
    centres = 3.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + rng.normal(0.0, 0.6 + 2.4 * noise, (n, 2)), labels


def _spiral_arms(n: int, noise: float, k: int, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    sizes = _class_sizes(n, k)
    labels = np.repeat(np.arange(k), sizes)
    t = np.concatenate([np.arange(m) / m for m in sizes])  # 0..1 along each arm
    r = 0.3 + 4.7 * t
    angle = 1.25 * 2 * math.pi * t + 2 * math.pi * labels / k
    p = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    return p + rng.uniform(-1.0, 1.0, (n, 2)) * noise, labels


_PLAYGROUND: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "circle": _circle, "quadrants": _quadrants, "gauss": _gauss, "spiral": _spiral,
    "plane": _plane, "multigauss": _multigauss,
}
_MULTICLASS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "blobs": _blobs, "spiral_arms": _spiral_arms,
}
