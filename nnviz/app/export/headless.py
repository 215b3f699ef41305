"""The views without a main window, for ``nnviz export`` and tests.

A DocumentModel and a NetworkView hold the network; a LossPlot and a DecisionPlot
are fed by a ``TrainingSession`` snapshot taken after ``train_epochs`` epochs (so
the shipped history and weights show, trained further if asked). The widgets are
sized and shown with WA_DontShowOnScreen: pyqtgraph lays a plot out only once it
has a real size, and nothing ever appears on a screen.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from nnviz.app.export.figures import Figure, NetworkFigure, PlotFigure
from nnviz.app.export.slide_panels import LossPanel, RegionsPanel

VIEWS = ("network", "backward", "loss", "regions", "surface", "slide")
PLOT_SIZE = {"loss": (640, 420), "regions": (560, 560)}


class ViewUnavailable(RuntimeError):
    """A view whose module this build does not have yet (backward, surface)."""


@dataclass
class HeadlessViews:
    model: object
    view: object  # NetworkView
    loss_plot: object
    decision_plot: object
    snapshot: object
    title: str

    def figure(self, name: str) -> Figure:
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r} (views: {', '.join(VIEWS)})")
        if name == "network":
            return NetworkFigure(self.view.canvas)
        if name == "backward":
            return backward_figure(self)
        # The plots export as the slide draws its panels (slide units, not screen
        # pixels): one picture at every resolution, and the same as on the slide.
        if name == "loss":
            return LossPanel.from_plot(self.loss_plot)
        if name == "regions":
            return RegionsPanel.from_plot(self.decision_plot)
        if name == "surface":
            return surface_figure(self)
        from nnviz.app import theme
        from nnviz.app.export.slide_panels import slide

        return slide(self.view.canvas, self.decision_plot, self.loss_plot, self.title,
                     ink=theme.current().ink)


def _offscreen(widget: QWidget, size: tuple[int, int]) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(*size)
    widget.show()
    # Two rounds: pyqtgraph lays out its items on the first and re-anchors the legend
    # to the new size on the second.
    for _ in range(2):
        QCoreApplication.processEvents()


def build_views(document, sample: int | None = None, train_epochs: int = 0,
                title: str = "") -> HeadlessViews:
    """Views of a copy of ``document`` after ``train_epochs`` more epochs; ``sample``
    traces a row. The caller's document is never changed: the views write the trained
    weights into their own copy (its dataset, which nothing writes to, is shared)."""
    from nnviz.app.canvas.view import NetworkView
    from nnviz.app.docmodel import DocumentModel
    from nnviz.app.plots.decision_plot import DecisionPlot
    from nnviz.app.plots.loss_plot import LossPlot
    from nnviz.core.session import TrainingSession

    dataset = document.build_dataset()
    if sample is not None and not 0 <= sample < dataset.n:
        raise ValueError(f"--sample {sample} is out of range: the dataset has {dataset.n} "
                         f"rows, numbered 0 to {dataset.n - 1}")
    session = TrainingSession(document.network, dataset, document.settings,
                              document.history.from_dict(document.history.to_dict()),
                              document.epoch)
    for _ in range(train_epochs):
        session.step("epoch")
        if session.trainer.diverged:
            raise ValueError(f"training diverged: {session.trainer.diverged}")
    session.sample = sample
    snap = session.snapshot()
    model = DocumentModel(copy.deepcopy(document, {id(document.dataset): document.dataset}))
    view = NetworkView()
    view.set_document_model(model)
    model.apply_training(snap.weights, snap.biases, snap.alphas, snap.epoch,
                         session.trainer.history)
    view.show_snapshot(snap)
    _offscreen(view, (900, 600))
    loss = LossPlot()
    loss.update_from(snap)
    _offscreen(loss, PLOT_SIZE["loss"])
    regions = DecisionPlot()
    regions.set_dataset(dataset)
    regions.update_from(snap)
    if sample is not None:
        regions.highlight(sample)
    _offscreen(regions, PLOT_SIZE["regions"])
    view.canvas.flush()
    return HeadlessViews(model, view, loss, regions, snap, title or document.title or "nnviz")


def backward_figure(views: HeadlessViews) -> Figure:
    """The network with the backward pass annotated, when this build has the overlay."""
    try:
        import nnviz.app.backward  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("nnviz.app.backward"):
            raise ViewUnavailable("the backward view is not available in this build "
                                  "(nnviz.app.backward is missing)") from None
        raise
    from nnviz.app.backward.overlay import BackwardOverlay

    if views.snapshot.trace is None:
        raise ValueError("the backward view needs an example: give --sample N")
    scene = views.view.canvas
    overlay = next((i for i in scene.overlays if isinstance(i, BackwardOverlay)), None)
    if overlay is None:
        overlay = BackwardOverlay(scene)
    scene.add_overlay(overlay)  # the scene holds it: a collected wrapper paints nothing
    scene.set_weight_labels_visible(False)  # as in the window: the overlay labels the edges
    sample = getattr(views.snapshot, "sample", None)
    overlay.example = f"row {sample}" if sample is not None else ""
    overlay.set_trace(views.snapshot.trace)
    figure = NetworkFigure(scene)
    figure.title = "Backward pass"
    return figure


class _StillController(QObject):
    """What the error-surface view needs of a controller when nothing trains."""

    snapshot = Signal(object)
    playingChanged = Signal(bool)
    computed = Signal(object, object)
    trainable = False
    playing = False

    def __init__(self) -> None:
        super().__init__()
        self.worker = self  # the view listens to worker.computed

    def compute(self, tag, function) -> None:
        pass  # headless export computes the surface itself, below


def surface_figure(views: HeadlessViews) -> Figure:
    """The loss over the view's default pair of weights, at the document's weights."""
    from types import SimpleNamespace

    from nnviz.app.companions.surface_view import SurfaceView, surface_job
    from nnviz.core.training import Trainer

    doc = views.model.document
    view = SurfaceView(views.model, _StillController())
    if view.keys is None or None in view.keys:
        raise ViewUnavailable("the error surface needs a network with two or more weights")
    trainer = Trainer(doc.network, doc.build_dataset(), doc.settings)
    _, _, view.surface = surface_job(0, *view.keys, None)(SimpleNamespace(trainer=trainer))
    view._draw()
    _offscreen(view, PLOT_SIZE["regions"])
    views.surface_view = view  # keep it (and its scene) alive while the figure renders
    return PlotFigure(view.plot_widget, "Error surface")


def close_views(views: HeadlessViews) -> None:
    for widget in (views.view, views.loss_plot, views.decision_plot):
        widget.close()
        widget.deleteLater()
