"""The example documents shipped in ``resources/examples``, and the code that makes them.

The files are generated, never edited by hand: ``build_examples()`` is the
single source, a test checks that the shipped files equal its output, and
``python -m nnviz.core.examples`` rewrites them after a deliberate change.
They are read through ``importlib.resources`` so an installed wheel finds them.
Networks trained by gradient descent start from ``initialized(net, settings.init,
settings.seed)``, so "reset weights" in the app reproduces the shipped weights.
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from nnviz.core.datasets import DatasetSpec
from nnviz.core.digits import pixel_names
from nnviz.core.document import Document, from_json, save
from nnviz.core.init import initialized
from nnviz.core.network import Network, Neuron, layered
from nnviz.core.settings import TrainingSettings

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SUFFIX = ".nnviz"
PLAYGROUND_FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
DX, DY = 160.0, 80.0  # canvas spacing of columns and rows, as layered() uses


def _neuron(nid: str, label: str, role: str, activation: str, bias: float,
            column: int, row: float) -> Neuron:
    return Neuron(nid, label, role, activation, bias=bias, x=column * DX, y=row * DY,
                  feature=label if role == "input" else None)


def _gate(weights: list[float], bias: float) -> Network:
    """A one-neuron step perceptron o = step(w·x + b) with the lecture's weights."""
    net = Network()
    rows = [(k - (len(weights) - 1) / 2) for k in range(len(weights))]
    for k, row in enumerate(rows):
        net.add_neuron(_neuron(f"x{k + 1}", f"x{k + 1}", "input", "identity", 0.0, 0, row))
    net.add_neuron(_neuron("o", "o", "output", "step", bias, 1, 0.0))
    for k, w in enumerate(weights):
        net.add_edge(f"x{k + 1}", "o", w)
    return net


def _xnor() -> Network:
    """The lecture's worked example: a1 = σ(−6 + 4x1 + 4x2), a2 = σ(2 − 4x1 − 4x2),
    ŷ = σ(−0.5 + a1 + a2)."""
    net = Network()
    for nid, role, bias, column, row in [
        ("x1", "input", 0.0, 0, -0.5), ("x2", "input", 0.0, 0, 0.5),
        ("a1", "hidden", -6.0, 1, -0.5), ("a2", "hidden", 2.0, 1, 0.5),
        ("y_hat", "output", -0.5, 2, 0.0),
    ]:
        label = "ŷ" if nid == "y_hat" else nid
        net.add_neuron(_neuron(nid, label, role, "identity" if role == "input" else "sigmoid",
                               bias, column, row))
    for source, target, w in [("x1", "a1", 4.0), ("x2", "a1", 4.0), ("x1", "a2", -4.0),
                              ("x2", "a2", -4.0), ("a1", "y_hat", 1.0), ("a2", "y_hat", 1.0)]:
        net.add_edge(source, target, w)
    return net


def _layered(shape: list[int], activation: str, output: str | None,
             settings: TrainingSettings, features: list[str] | None = None,
             classes: list[str] | None = None) -> Network:
    net = layered(shape, activation, output, spacing=(DX, DY))
    for neuron, feature in zip(net.inputs, features or []):
        neuron.label = neuron.feature = feature
    # One output per class, named by its class: digit 0's output reads ŷ0, not ŷ1.
    for neuron, name in zip(net.outputs, classes or []):
        neuron.label = f"ŷ{name}"
    return initialized(net, settings.init, settings.seed)


def build_examples() -> dict[str, Document]:
    """Every shipped example by file name (without ``.nnviz``), in the order a menu lists them."""
    gate = TrainingSettings(learning_rate=0.1, batch_mode="online", rule="perceptron",
                            init="zeros", shuffle=False)
    xor = TrainingSettings(learning_rate=1.0, momentum=0.9, batch_mode="full", loss="bce")
    playground = TrainingSettings()  # lr 0.03, mini-batch 10, ½ squared error, uniform init
    softmax = TrainingSettings(learning_rate=0.1, loss="softmax_ce")
    # Adam at its usual rate; early stopping ends the run once the test loss has not
    # improved for 10 epochs (about 75 epochs, 97 % of the test digits right).
    digits = TrainingSettings(learning_rate=0.001, loss="softmax_ce", optimizer="adam",
                              init="xavier", patience=10)
    docs = {
        "and": Document(
            _gate([1.0, 1.0], -1.5), DatasetSpec("and"), gate,
            title="AND perceptron",
            notes="o = step(x1 + x2 − 1.5): the line x1 + x2 = 1.5 separates (1, 1) "
                  "from the rest; reset to zeros and train with the perceptron rule.",
        ),
        "or": Document(
            _gate([1.0, 1.0], -0.5), DatasetSpec("or"), gate,
            title="OR perceptron",
            notes="o = step(x1 + x2 − 0.5): only (0, 0) lies below the line; the same "
                  "neuron as AND with a different bias.",
        ),
        "not": Document(
            _gate([-1.0], 0.5), DatasetSpec("not"), gate,
            title="NOT perceptron",
            notes="o = step(0.5 − x1): one input, a negative weight flips it.",
        ),
        "xor": Document(
            _layered([2, 2, 1], "sigmoid", None, xor), DatasetSpec("xor"), xor,
            title="XOR needs a hidden layer",
            notes="No single line separates XOR; two sigmoid hidden units learn two lines "
                  "(full batch, cross-entropy, momentum 0.9: a few hundred epochs).",
        ),
        "xnor": Document(
            _xnor(), DatasetSpec("xnor"), xor,
            title="XNOR worked example",
            notes="The lecture's weights: trace each row and plot the points in (a1, a2) "
                  "space, where they become linearly separable.",
        ),
        "playground": Document(
            _layered([2, 4, 2, 1], "tanh", None, playground), DatasetSpec("circle"),
            playground,
            title="Playground: circle",
            notes="TensorFlow Playground's default: 2-4-2-1 tanh, learning rate 0.03, "
                  "batch 10; the circle is learnt in a few dozen epochs.",
        ),
        "spiral": Document(
            _layered([7, 8, 6, 1], "tanh", None, playground, PLAYGROUND_FEATURES),
            DatasetSpec("spiral"), playground,
            title="Playground: spiral",
            notes="The hardest Playground set: with all seven features an 8-6 tanh network "
                  "gets there in several hundred epochs; try it with x1, x2 alone.",
        ),
        "softmax3": Document(
            _layered([2, 6, 3], "tanh", "softmax", softmax),
            DatasetSpec("blobs", noise=10.0, classes=3), softmax,
            title="Three classes with softmax",
            notes="Three outputs in one softmax group give class probabilities; "
                  "cross-entropy loss; watch the decision regions split the plane.",
        ),
        "digits": Document(
            _layered([64, 32, 10], "tanh", "softmax", digits, pixel_names(),
                     [str(d) for d in range(10)]),
            DatasetSpec("digits"), digits,
            title="Handwritten digits",
            notes="1,797 8×8 pictures of the digits 0-9 (UCI, CC BY 4.0): 64 pixel inputs, "
                  "32 tanh units and a softmax over 10 classes, trained with Adam and "
                  "stopped early when the test loss stops falling.",
        ),
        "regression": Document(
            _layered([2, 3, 1], "tanh", "identity", playground), DatasetSpec("plane"),
            playground,
            title="Regression: a plane",
            notes="An identity output neuron and squared error fit y = (x1 + x2) / 10; "
                  "the loss, not accuracy, measures progress.",
        ),
    }
    return docs


def write_examples(folder: str | Path) -> list[Path]:
    """Save every example into folder (atomically, one file each); returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, doc in build_examples().items():
        path = folder / f"{name}{SUFFIX}"
        save(doc, path)
        paths.append(path)
    return paths


def examples_folder() -> Traversable:
    return files("nnviz.resources") / "examples"


def example_names() -> list[str]:
    """Names of the shipped examples, sorted."""
    return sorted(
        entry.name[: -len(SUFFIX)] for entry in examples_folder().iterdir()
        if entry.name.endswith(SUFFIX) and entry.is_file()
    )


def example_path(name: str) -> Traversable:
    """The shipped file of an example (a Traversable; a real Path in a normal install)."""
    path = examples_folder() / f"{name}{SUFFIX}"
    if not path.is_file():
        raise ValueError(f"no example named {name!r} (known: {', '.join(example_names())})")
    return path


def document_path(name_or_path: str) -> str:
    """A file given on the command line, or the shipped example of that name.

    ``nnviz trace xnor`` works after a plain ``pip install``, where the repository's
    ``resources/examples/xnor.nnviz`` does not exist. A file that exists always wins.
    """
    if os.path.exists(name_or_path):
        return name_or_path
    name = name_or_path[: -len(SUFFIX)] if name_or_path.endswith(SUFFIX) else name_or_path
    if name in example_names():
        return str(example_path(name))
    return name_or_path


def load_example(name: str) -> Document:
    """Open a shipped example; a broken shipped file raises DocumentError like any other."""
    return from_json(example_path(name).read_bytes())


if __name__ == "__main__":  # python -m nnviz.core.examples [FOLDER]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(str(examples_folder()))
    for written in write_examples(target):
        print(written)
