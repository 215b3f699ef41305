"""The error surface over two weights, with the gradient-descent path drawn as training goes.

The loss grid is computed in the engine process (``controller.compute``), never here:
the view sends a request, keeps the latest request's number, and draws a result
only if it is the answer to that request. The path is collected from snapshots.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nnviz.app.companions.common import caption, compile_plan, edge_name, fill_combo
from nnviz.app.i18n import translate
from nnviz.app.plots import style
from nnviz.app.plots.decision_plot import SmoothImage
from nnviz.core import numfmt
from nnviz.core.checkpoints import merge_checkpoints
from nnviz.core.commands import DATASET, STRUCTURE
from nnviz.core.jobs import surface_of
from nnviz.core.surface import SIZE

LEVELS = 9  # contour lines
REFRESH_MS = 1500  # while training plays, the surface (other weights move too) is redone
PATH = "#ffffff"
CURRENT = "#d55e00"


def surface_job(request: int, key_a, key_b, ranges, size: int = SIZE) -> partial:
    """A picklable function of the engine's session: the surface at its current parameters."""
    return partial(surface_of, request, key_a, key_b, ranges, size)


class SurfaceView(QWidget):
    def __init__(self, model, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.controller = model, controller
        self.request = 0  # number of the latest request; older answers are dropped
        self.pending = False
        self.surface = None
        self.keys: tuple | None = None
        self.path: list[tuple[int, float, float]] = []  # (epoch, a, b)
        self.plan = None  # compiled from the document: the engine's parameter layout
        self._rebuild_at: int | None = None  # epoch of checkpoints that came while hidden
        self.checkpoints: dict[int, object] = {}  # epoch → core Checkpoint

        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for combo in (self.combo_a, self.combo_b):
            combo.setMinimumContentsLength(9)
            combo.currentIndexChanged.connect(self._on_choice)
        self.recompute = QPushButton(translate("companions.surface_view", "Recompute"))
        self.recompute.setToolTip(translate(
                "companions.surface_view", "Compute the surface again at the current weights"))
        self.recompute.clicked.connect(self.request_surface)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("companions.surface_view", "Weight 1 (across):")))
        controls.addWidget(self.combo_a)
        controls.addWidget(QLabel(translate("companions.surface_view", "Weight 2 (up):")))
        controls.addWidget(self.combo_b)
        controls.addStretch(1)
        controls.addWidget(self.recompute)

        self.plot_widget = style.plot_widget("w1", "w2")
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.cmap = pg.colormap.get("viridis")
        self.image = SmoothImage(axisOrder="row-major")
        self.image.setLookupTable(self.cmap.getLookupTable(0.0, 1.0, 256, alpha=False))
        self.plot_item.addItem(self.image)
        self.contours: list[pg.IsocurveItem] = []
        for _ in range(LEVELS):
            iso = pg.IsocurveItem(pen=pg.mkPen(255, 255, 255, 150, width=1.2))
            self.plot_item.addItem(iso)
            self.contours.append(iso)
        self.path_line = pg.PlotDataItem(pen=pg.mkPen(PATH, width=2.5), symbol="o",
                                         symbolSize=4, symbolBrush=PATH, symbolPen=None)
        self.plot_item.addItem(self.path_line)
        self.start = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(255, 255, 255),
                                        pen=pg.mkPen("#1f1f1f", width=1.5))
        self.plot_item.addItem(self.start)
        self.current = pg.ScatterPlotItem(size=14, brush=pg.mkBrush(CURRENT),
                                          pen=pg.mkPen("w", width=2))
        self.plot_item.addItem(self.current)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=self.cmap, interactive=False,
                                   width=14)
        self.bar.setImageItem(self.image, insert_in=self.plot_item)
        style.style_axis(self.bar.getAxis("right"),
                         translate("companions.surface_view", "training loss"))
        self.status = caption(translate("companions.surface_view", "Choose two weights."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.status)

        self.refresh = QTimer(self, interval=REFRESH_MS)
        self.refresh.timeout.connect(self._refresh_while_playing)
        self.refresh.start()
        model.changed.connect(self._on_change)
        model.replaced.connect(self.reload)
        controller.snapshot.connect(self._on_snapshot)
        controller.playingChanged.connect(lambda p: None if p else self.request_surface())
        controller.worker.computed.connect(self._on_computed)
        self.reload()

    # ------------------------------------------------------------ choices
    def reload(self) -> None:
        """New structure or document: list its edges, default to two of one neuron."""
        net = self.model.document.network
        edges = list(net.edges)
        items = [(edge_name(net, k), k) for k in edges]
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        if a not in net.edges or b not in net.edges or a == b:
            a, b = _default_pair(net)
        fill_combo(self.combo_a, items, a)
        fill_combo(self.combo_b, items, b)
        self.plan = compile_plan(net)
        self.checkpoints = {}
        self.keys = None  # ids repeat across documents: choose afresh
        self._on_choice()

    def _on_choice(self) -> None:
        keys = (self.combo_a.currentData(), self.combo_b.currentData())
        if keys == self.keys:
            return
        self.keys = keys
        self._rebuild_path()
        net = self.model.document.network
        if None not in keys:
            self.plot_item.setLabel("bottom", edge_name(net, keys[0]), **style.label_style())
            self.plot_item.setLabel("left", edge_name(net, keys[1]), **style.label_style())
        self.request_surface()

    def _on_change(self, change) -> None:
        if change.kind == STRUCTURE:
            self.reload()
        elif DATASET in change.kinds or change.kind == "params":
            self.checkpoints = {}
            self._rebuild_path()
            self.request_surface()

    # ------------------------------------------------------------ surface
    def request_surface(self) -> None:
        if not self.isVisible():
            # A hidden dock costs nothing: the engine would spend up to 0.4 s per request
            # on a picture nobody sees. It is computed when the dock is shown.
            self._wanted = True
            return
        self._wanted = False
        keys = self.keys
        if keys is None or None in keys or keys[0] == keys[1] or not self.controller.trainable:
            self.status.setText(translate("companions.surface_view",
                                          "Choose two different weights.")
                                if keys and keys[0] == keys[1] else self.status.text())
            return
        self.request += 1
        self.pending = True
        self.status.setText(translate("companions.surface_view", "Computing the surface…"))
        self.controller.compute(("surface", self.request),
                                surface_job(self.request, *keys, self._ranges()))

    def _ranges(self):
        if len(self.path) < 2:
            return None  # the core's default window around the current point
        pts = np.array([(a, b) for _, a, b in self.path])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        centre, half = (lo + hi) / 2, (hi - lo) / 2 + np.maximum(0.3 * (hi - lo), 1.5)
        return ((centre[0] - half[0], centre[0] + half[0]),
                (centre[1] - half[1], centre[1] + half[1]))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._rebuild_at is not None:  # checkpoints arrived while hidden
            self._rebuild_path(self._rebuild_at)
            self._rebuild_at = None
        self._draw_path()
        if getattr(self, "_wanted", True):
            self.request_surface()

    def _refresh_while_playing(self) -> None:
        if self.controller.playing and self.isVisible() and not self.pending:
            self.request_surface()

    def _on_computed(self, tag, result) -> None:
        if not (isinstance(tag, tuple) and tag[0] == "surface"):
            return
        if tag[1] != self.request:
            return
        self.pending = False
        if isinstance(result, Exception):
            self.status.setText(translate(
                "companions.surface_view", "Cannot draw the surface: {reason}").format(
                reason=result))
            return
        _, keys, surface = result
        if keys != self.keys:
            return
        self.surface = surface
        self._draw()

    def _draw(self) -> None:
        s = self.surface
        values = np.nan_to_num(s.values, nan=np.nanmax(s.values), posinf=1e300)
        lo = float(values.min())
        hi = float(np.percentile(values, 97))
        hi = hi if hi > lo else lo + 1e-9
        dx, dy = s.xs[1] - s.xs[0], s.ys[1] - s.ys[0]
        self.image.setImage(values.astype(np.float32), levels=(lo, hi), autoLevels=False)
        self.image.setRect(s.xs[0] - dx / 2, s.ys[0] - dy / 2, dx * len(s.xs), dy * len(s.ys))
        self.bar.setLevels((lo, hi))
        # Contours spaced evenly in √(loss − min): dense near the valley floor, where it matters.
        levels = lo + (hi - lo) * (np.arange(1, LEVELS + 1) / (LEVELS + 1)) ** 2
        transform = QTransform(dx, 0, 0, dy, s.xs[0], s.ys[0])
        for iso, level in zip(self.contours, levels):
            iso.setData(values.T, level)
            iso.setTransform(transform)
        self.plot_item.setRange(xRange=(s.xs[0], s.xs[-1]), yRange=(s.ys[0], s.ys[-1]),
                                padding=0)
        self._draw_path()
        self.status.setText(translate(
            "companions.surface_view", "Mean training loss over a {nx}×{ny} grid of these two "
            "weights, every other parameter as it is now. Loss here: {loss}; lowest on the grid: "
            "{lowest}. White: the descent path from ○ (start) to ● (now).").format(
            nx=len(s.xs), ny=len(s.ys), loss=numfmt.loss(s.current_loss), lowest=numfmt.loss(lo)))

    # --------------------------------------------------------------- path
    def _on_snapshot(self, snap) -> None:
        # Checkpoints fill in the epochs between snapshots (fast training sends few).
        self.checkpoints = merge_checkpoints(self.checkpoints, snap.new_checkpoints,
                                             snap.checkpoint_epochs)
        self.path = [p for p in self.path if p[0] <= snap.epoch]  # a rewind or restart
        # Hidden, the view only collects (the path is rebuilt and drawn when it is shown):
        # redrawing the scatter cost ~3 ms of the GUI thread per snapshot.
        visible = self.isVisible()
        if snap.new_checkpoints:
            if visible:
                self._rebuild_path(snap.epoch)
            else:
                self._rebuild_at = snap.epoch
        self._add_point(snap.epoch, snap.weights)
        if visible:
            self._draw_path()

    def _rebuild_path(self, upto: int | None = None) -> None:
        """The path through the recorded checkpoints, then the live point."""
        epoch = self.model.document.epoch if upto is None else upto
        keys, plan = self.keys, self.plan
        live = [p for p in self.path if p[0] > max(self.checkpoints, default=-1)]
        self.path = []
        if plan is not None and keys and None not in keys and all(
                k in plan.edge_slot for k in keys):
            sa, sb = plan.edge_slot[keys[0]], plan.edge_slot[keys[1]]
            for e in sorted(self.checkpoints):
                theta = self.checkpoints[e].theta
                if e <= epoch and len(theta) == plan.size:
                    self.path.append((e, float(theta[sa]), float(theta[sb])))
        self.path += [p for p in live if p[0] <= epoch]
        if upto is None:
            self._add_point(epoch)

    def _add_point(self, epoch: int, weights: dict | None = None) -> None:
        keys = self.keys
        if keys is None or None in keys:
            return
        if weights is None:
            net = self.model.document.network
            weights = {k: net.edges[k].weight for k in keys if k in net.edges}
        if keys[0] in weights and keys[1] in weights:
            point = (epoch, weights[keys[0]], weights[keys[1]])
            if not self.path or self.path[-1][1:] != point[1:]:
                self.path.append(point)

    def _draw_path(self) -> None:
        if not self.path:
            self.path_line.setData([], [])
            self.current.setData([], [])
            self.start.setData([], [])
            return
        pts = np.array([(a, b) for _, a, b in self.path])
        self.path_line.setData(pts[:, 0], pts[:, 1])
        self.current.setData([pts[-1, 0]], [pts[-1, 1]])
        self.start.setData([pts[0, 0]], [pts[0, 1]])


def _default_pair(net) -> tuple:
    """Two weights into the same neuron: the first neuron with two incoming edges."""
    for nid in net.neurons:
        incoming = [e.key for e in net.incoming(nid)]
        if len(incoming) >= 2:
            return incoming[0], incoming[1]
    edges = list(net.edges)
    return (edges[0], edges[1]) if len(edges) >= 2 else (None, None)
