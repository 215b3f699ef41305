"""The dataset part of a ``.nnviz`` document, and the rules that tie network, data and settings.

A document stores either a built-in dataset as its ``DatasetSpec`` (name, size,
noise, seed...: a few bytes that regenerate the same points) or the points
themselves (imported CSV data), marked by ``"source": "builtin"`` or
``"source": "embedded"``. Both are checked field by field like the rest of the
file. ``fit_problems`` says why the network cannot train on the data with the
settings yet (a draft, which still saves and opens), so "Train" can explain itself.
"""

from __future__ import annotations

import numpy as np

from nnviz.core.activations import THRESHOLD_UNITS
from nnviz.core.data import TASKS, DataError, Dataset, check_feature
from nnviz.core.datasets import MAX_POINTS, DatasetSpec, make_dataset
from nnviz.core.docjson import fail, kind, short
from nnviz.core.docschema import Fields, array, integer, number, problem, text
from nnviz.core.limits import MAX_COLUMNS, MAX_DATA_VALUE, MAX_NAME, MAX_VALUES
from nnviz.core.network import Network
from nnviz.core.settings import TrainingSettings

SOURCES = ("builtin", "embedded")


def dataset_to_dict(dataset: DatasetSpec | Dataset) -> dict:
    """Plain values for the file; the inverse of ``read_dataset``."""
    if isinstance(dataset, DatasetSpec):
        return {"source": "builtin", **dataset.to_dict()}
    if not isinstance(dataset, Dataset):
        return dataset  # type: ignore[return-value]  # read_dataset will say what is wrong
    return {
        "source": "embedded",
        "name": dataset.name,
        "task": dataset.task,
        "feature_names": list(dataset.feature_names),
        "target_names": list(dataset.target_names),
        "class_names": list(dataset.class_names),
        "label_values": [float(v) for v in dataset.label_values],
        "x": np.asarray(dataset.x, dtype=float).tolist(),
        "y": np.asarray(dataset.y, dtype=float).tolist(),
        "train": [int(i) for i in dataset.train],
        "test": [int(i) for i in dataset.test],
    }


def read_dataset(value: object, path: str = "dataset") -> DatasetSpec | Dataset:
    f = Fields(value, path)
    source = f.get("source", text)
    if source == "builtin":
        spec = {k: v for k, v in f.data.items() if k != "source"}
        try:
            return DatasetSpec.from_dict(spec)
        except (DataError, TypeError) as exc:
            raise problem(str(exc), path) from None
    if source == "embedded":
        return _read_points(f)
    raise fail(f.at("source"), f"must be one of {', '.join(SOURCES)}, got {short(source)}")


def _names(f: Fields, key: str, required: bool = True, unique: bool = False) -> list[str]:
    values = array(f.raw(key) if required else f.raw(key, []), f.at(key), MAX_COLUMNS)
    names = [text(v, f"{f.at(key)}[{i}]", limit=MAX_NAME) for i, v in enumerate(values)]
    if required and not names:
        raise fail(f.at(key), "must name at least one column")
    if unique and len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise fail(f.at(key), f"names {short(twice)} twice")
    return names


def _matrix(f: Fields, key: str, columns: int, named_by: str) -> np.ndarray:
    rows = array(f.raw(key), f.at(key), MAX_POINTS)
    for i, row in enumerate(rows):
        p = f"{f.at(key)}[{i}]"
        row = array(row, p)
        if len(row) != columns:
            raise fail(p, f"has {len(row)} value(s), expected {columns} (one per {named_by})")
        if not all(type(v) is float or type(v) is int for v in row):
            for j, v in enumerate(row):
                number(v, f"{p}[{j}]", MAX_DATA_VALUE)
    matrix = np.array(rows, dtype=float).reshape(len(rows), columns)
    too_big = np.argwhere(~(np.abs(matrix) <= MAX_DATA_VALUE))
    if len(too_big):
        i, j = too_big[0]
        number(rows[i][j], f"{f.at(key)}[{i}][{j}]", MAX_DATA_VALUE)
    return matrix


def _indices(f: Fields, key: str, n: int) -> np.ndarray:
    values = array(f.raw(key), f.at(key), MAX_POINTS)
    seen: set[int] = set()
    for i, v in enumerate(values):
        integer(v, f"{f.at(key)}[{i}]", 0, n - 1)
        if v in seen:
            raise fail(f"{f.at(key)}[{i}]", f"row {v} is listed twice")
        seen.add(v)
    return np.array(values, dtype=np.intp)


def _read_points(f: Fields) -> Dataset:
    """Embedded points: every shape and index checked before a Dataset is built."""
    name = f.get("name", text, "", limit=MAX_NAME)
    task = f.get("task", text)
    if task not in TASKS:
        raise fail(f.at("task"), f"unknown task {short(task)} (known: {', '.join(TASKS)})")
    features = _names(f, "feature_names", unique=True)
    targets = _names(f, "target_names")
    classes = _names(f, "class_names", required=False)
    labels = array(f.raw("label_values", [0.0, 1.0]), f.at("label_values"))
    if len(labels) != 2:
        raise fail(f.at("label_values"), f"must hold two numbers (negative, positive), "
                                         f"got {len(labels)}")
    low, high = (number(v, f"{f.at('label_values')}[{i}]") for i, v in enumerate(labels))
    if low == high:
        raise fail(f.at("label_values"), "the negative and positive values must differ")
    rows = f.raw("x")
    if isinstance(rows, list) and len(rows) * (len(features) + len(targets)) > MAX_VALUES:
        # Checked before any row is converted: the file may be large, the memory is finite.
        raise fail(f.at("x"), f"{len(rows)} rows × {len(features) + len(targets)} columns "
                              f"(inputs and targets) is more than the {MAX_VALUES} values "
                              "nnviz handles")
    x = _matrix(f, "x", len(features), "feature name")
    y = _matrix(f, "y", len(targets), "target name")
    if len(x) == 0:
        raise fail(f.at("x"), "must hold at least one row")
    if len(y) != len(x):
        raise fail(f.at("y"), f"has {len(y)} row(s) but {f.at('x')} has {len(x)}")
    train = _indices(f, "train", len(x))
    test = _indices(f, "test", len(x))
    if len(train) == 0:
        raise fail(f.at("train"), "must list at least one row (the training set is empty)")
    f.finish()
    if task == "binary" and len(targets) != 1:
        raise fail(f.at("target_names"), f"a binary task has one target column, got "
                                         f"{len(targets)}")
    if task == "multiclass" and len(targets) < 2:
        raise fail(f.at("target_names"), "a multi-class task has one target column per class "
                                         "(two or more)")
    return Dataset(x, y, task, features, targets, train, test, (low, high), classes, name)


def build(dataset: DatasetSpec | Dataset, path: str = "dataset") -> Dataset:
    """The points of a spec (generated) or of embedded data (as they are)."""
    if isinstance(dataset, Dataset):
        return dataset
    if not isinstance(dataset, DatasetSpec):
        raise fail(path, f"must be a DatasetSpec or a Dataset, got {kind(dataset)}")
    try:
        return make_dataset(dataset)
    except DataError as exc:
        raise problem(str(exc), path) from None


def fit_problems(net: Network, data: Dataset, settings: TrainingSettings) -> list[str]:
    """Why the network cannot train on this data with these settings, one message each.

    Each message starts with the field at fault (``settings.loss: softmax ...``).
    These make a draft, not a bad file: a document with them still saves and opens.
    """
    found: list[str] = []
    for i, neuron in enumerate(net.neurons.values()):
        if neuron.role != "input":
            continue
        feature = neuron.feature or neuron.label
        try:
            why = check_feature(feature, list(data.feature_names))
        except RecursionError:
            why = f"feature {feature!r} is nested too deeply"
        if why:
            field = "feature" if neuron.feature else "label"
            found.append(f"network.neurons[{i}].{field}: input {net.name(neuron.id)}: {why}")
    outputs, columns = net.outputs, data.y.shape[1]
    if len(outputs) != columns:
        described = f"dataset {data.name!r}" if data.name else "the dataset"
        found.append(f"network: the network has {len(outputs)} output neuron(s) but {described} "
                     f"has {columns} target column(s) ({', '.join(data.target_names)})")
    if settings.loss == "softmax_ce" and any(n.activation != "softmax" for n in outputs):
        found.append("settings.loss: softmax cross-entropy needs every output in a softmax "
                     "group; set the outputs' activation to softmax or choose another loss")
    if settings.rule == "perceptron" and (
        net.by_role("hidden") or any(n.activation not in THRESHOLD_UNITS for n in outputs)
    ):
        found.append("settings.rule: the perceptron rule trains one layer of step (or threshold) "
                     "neurons fed by the inputs; use gradient descent for this network")
    return found
