"""The Python API: what ``import nnviz`` gives a notebook or an autograder.

::

    import nnviz

    doc = nnviz.load("xnor")                      # a .nnviz path, or an example's name
    t = nnviz.trace(doc, inputs=[0, 1])           # the forward and backward pass
    t.neuron("a1").a, t.edge("x1", "a1").grad     # the numbers the slides show
    net = nnviz.layered("2-4-2-1", dataset="circle", learning_rate=0.03)
    trained = nnviz.train(net, epochs=100)        # a trained copy; history included
    trained.history.last()["test_accuracy"]
    nnviz.save(trained, "circle.nnviz")
    nnviz.export(trained, "slide.png", view="slide", dpi=300)
    nnviz.animate(net, "training.gif", epochs=(0, 100), size=(1280, 720))

Everything here runs without a display; only ``export`` and ``animate`` start Qt
(offscreen). The
numbers are those of the window and of ``nnviz trace`` / ``nnviz train``: the same
functions compute them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from nnviz.core.builders import parse_shape
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import Document
from nnviz.core.document import load as _load_file
from nnviz.core.document import save as _save_file
from nnviz.core.examples import document_path, example_names
from nnviz.core.headless import (
    example_from_inputs,
    example_from_row,
    trace_example,
    train_document,
    with_target,
)
from nnviz.core.init import initialized
from nnviz.core.network import Network
from nnviz.core.network import layered as _layered
from nnviz.core.plan import Plan
from nnviz.core.settings import TrainingSettings
from nnviz.core.trace import Trace


class TrainingDiverged(RuntimeError):
    """Training made a weight NaN or infinite; ``document`` is the last good one."""

    def __init__(self, reason: str, document: Document) -> None:
        super().__init__(f"training diverged: {reason}")
        self.document = document


def examples() -> list[str]:
    """The names of the shipped examples (``nnviz.load(name)`` opens one)."""
    return example_names()


def load(source: str | os.PathLike[str]) -> Document:
    """Open a ``.nnviz`` file, or the shipped example of that name ("xnor", "playground")."""
    return _load_file(document_path(os.fspath(source)))


def save(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write ``document`` to ``path`` atomically (the old file survives a crash)."""
    _save_file(document, path)
    return Path(path)


def _dataset(dataset: str | DatasetSpec) -> DatasetSpec:
    return dataset if isinstance(dataset, DatasetSpec) else DatasetSpec(dataset)


def document(network: Network, dataset: str | DatasetSpec = "xor", *, initialise: bool = False,
             title: str = "", **settings: object) -> Document:
    """A document around a network built by hand (``nnviz.Network`` / ``nnviz.Neuron``).

    ``settings`` are ``TrainingSettings`` fields (learning_rate, loss, batch_mode, ...).
    ``initialise=True`` draws the weights with the settings' init scheme and seed;
    otherwise the network's own weights are kept.
    """
    chosen = TrainingSettings(**settings)  # type: ignore[arg-type]
    chosen.validate()
    if initialise:
        network = initialized(network, chosen.init, chosen.seed)
    doc = Document(network, _dataset(dataset), chosen, title=title)
    doc.validate()
    return doc


def layered(shape: str | Sequence[int], activation: str = "tanh",
            output_activation: str | None = None, dataset: str | DatasetSpec = "circle",
            title: str = "", **settings: object) -> Document:
    """A fully connected network such as ``"2-4-2-1"``, initialised, on a built-in dataset."""
    net = _layered(parse_shape(shape), activation, output_activation)
    return document(net, dataset, initialise=True, title=title, **settings)


def train(document: Document, epochs: int, seed: int | None = None) -> Document:
    """A copy of ``document`` trained ``epochs`` more epochs, with its settings.

    Raises ``TrainingDiverged`` (carrying the untrained document) if the weights
    become NaN or infinite. ``seed`` changes only this run's shuffling order.
    """
    if epochs < 0:
        raise ValueError(f"epochs must be 0 or more, got {epochs}")
    trained, trainer = train_document(document, epochs, seed)
    if trainer.diverged:
        raise TrainingDiverged(trainer.diverged, document)
    return trained


def trace(document: Document, inputs: Sequence[float] | None = None,
          target: Sequence[float] | None = None, *, sample: int | None = None,
          convention: str | None = None) -> Trace:
    """The forward and backward pass of one example: z, a, g'(z), δ, ∂L/∂w, Δw.

    Give ``inputs`` (the raw features, e.g. ``[0, 1]``; derived inputs such as x1² are
    computed) or ``sample`` (a dataset row, 0-based). The target is ``target``, else the
    dataset row's. Without either, the backward numbers are computed against zeros.
    """
    if (inputs is None) == (sample is None):
        raise ValueError("give either inputs or sample")
    plan = Plan(document.network, document.settings.loss_spec)
    data = document.build_dataset()
    example = (example_from_row(data, plan, sample) if sample is not None
               else example_from_inputs(data, plan, inputs))
    if target is not None:
        example = with_target(example, plan, target)
    return trace_example(document, example, plan, convention)


def export(document: Document, path: str | os.PathLike[str], view: str = "network",
           **options: object) -> Path:
    """Render a figure: view is network, backward, loss, regions, surface or slide.

    The format follows the suffix (.png, .svg, .pdf); options are those of
    ``nnviz export``: sample, train_epochs, scale, dpi, theme, background, title.
    """
    from nnviz.app.export_file import export_document  # Qt, offscreen

    return export_document(document, path, view, **options)  # type: ignore[arg-type]


def animate(document: Document, path: str | os.PathLike[str], view: str = "slide",
            **options: object) -> Path:
    """Write an animation: view is slide, network, regions, loss or backward-steps.

    The format follows the suffix (.gif, .png or .apng, .mp4); options are those of
    ``nnviz animate``: epochs=(A, B), fps, duration, hold, size=(W, H), theme,
    convention, sample, title. ``document`` is never changed.
    """
    from nnviz.app.animate_file import AnimationOptions, animate_document  # Qt, offscreen

    chosen = AnimationOptions(view=view, **options)  # type: ignore[arg-type]
    animate_document(document, path, chosen)
    return Path(path)
