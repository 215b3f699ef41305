"""The data in the activations of two hidden neurons, with the next neuron's line.

The lecture's (a1, a2) slide: points that no line separates in the inputs become
separable in what the hidden layer computes. Cheap (one forward pass of the data),
so it runs here on the GUI thread, only while the dock is visible: hidden, it
only notes that it is stale and catches up when shown. Large data is drawn as a
fixed subset of at most ``MAX_SHOWN`` points, one scatter with shared brushes.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.app.companions.common import caption, compile_plan, fill_combo, finite_bounds, padded
from nnviz.app.i18n import translate
from nnviz.app.plots import colors, style
from nnviz.app.plots.points import MAX_SHOWN
from nnviz.core.commands import DATASET, STRUCTURE
from nnviz.core.data import DataError
from nnviz.core.featurespace import decision_line, feature_points, hidden_pair

BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "step": (0.0, 1.0),
          "threshold": (0.0, 1.0)}
LINE = "#1f1f1f"


class FeatureView(QWidget):
    def __init__(self, model, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.controller = model, controller
        self.plan = None
        self.dataset = None
        self.points = np.empty((0, 2))
        self.line = None
        self._stale = True  # a change arrived while hidden: reload when shown
        self.work = {"reloads": 0, "redraws": 0, "points_drawn": 0}  # for tests: work done

        self.combo_a, self.combo_b = QComboBox(), QComboBox()
        for combo in (self.combo_a, self.combo_b):
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(self.redraw)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("companions.feature_view", "Across:")))
        controls.addWidget(self.combo_a)
        controls.addWidget(QLabel(translate("companions.feature_view", "Up:")))
        controls.addWidget(self.combo_b)
        controls.addStretch(1)

        self.plot_widget = style.plot_widget("a1", "a2")
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.getViewBox().setAspectLocked(True)
        self.scatter = pg.ScatterPlotItem(size=16, pen=pg.mkPen("#1f1f1f", width=1.2))
        self.plot_item.addItem(self.scatter)
        self.line_item = pg.PlotDataItem(pen=pg.mkPen(LINE, width=2.5, style=Qt.DashLine))
        self.plot_item.addItem(self.line_item)
        self.line_label = pg.TextItem(color=style.TEXT, anchor=(-0.1, 1.2),
                                      fill=pg.mkBrush(255, 255, 255, 210))
        self.plot_item.addItem(self.line_label)
        label_font = style.tick_font()
        label_font.setPointSize(12)
        self.line_label.setFont(label_font)
        self.note = caption()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.note)

        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.redraw)
        model.changed.connect(self._on_change)
        model.replaced.connect(self.reload)
        model.trained.connect(self._schedule)
        self.reload()

    def _schedule(self) -> None:
        if self.isVisible() and not self._later.isActive():
            self._later.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()
        else:
            self._schedule()

    def _on_change(self, change) -> None:
        if change.kind == STRUCTURE or DATASET in change.kinds:
            self.reload()
        else:
            self._schedule()

    def reload(self) -> None:
        """Recompile and refill the choices; hidden, only remember to do it when shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.work["reloads"] += 1
        doc = self.model.document
        self.plan = compile_plan(doc.network, doc.settings.loss_spec)
        try:
            self.dataset = doc.build_dataset()
        except ValueError:
            self.dataset = None
        net = doc.network
        hidden = [nid for nid in (self.plan.order if self.plan else [])
                  if net.neurons[nid].role == "hidden"]
        items = [(net.neurons[h].label, h) for h in hidden]
        pair = hidden_pair(net, self.plan) if self.plan else None
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        if a not in hidden or b not in hidden or a == b:
            a, b = pair if pair else (None, None)
        fill_combo(self.combo_a, items, a)
        fill_combo(self.combo_b, items, b)
        self.redraw()

    def _clear(self, message: str) -> None:
        self.scatter.clear()
        self.line_item.setData([], [])
        self.line_label.setText("")
        self.note.setText(message)

    def redraw(self) -> None:
        if not self.isVisible() or self._stale:
            self._stale = True
            return
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        net = self.model.document.network
        if self.plan is None or self.dataset is None or a is None or b is None or a == b \
                or a not in self.plan.index or b not in self.plan.index:
            self._clear(translate(
                    "companions.feature_view", "Needs a network with two hidden neurons, and "
                    "data."))
            return
        plan, ds = self.plan, self.dataset
        self.work["redraws"] += 1
        theta = plan.read(net)
        rows = np.arange(ds.n)
        if ds.n > MAX_SHOWN:  # a fixed subset, as the decision plot shows
            rows = np.sort(np.random.default_rng(0).choice(ds.n, MAX_SHOWN, replace=False))
        try:
            x = ds.inputs(plan.features, ds.x[rows])
        except DataError as exc:  # an input neuron reads a feature the data lacks
            self._clear(translate("companions.feature_view", "Cannot place the data: {reason}."
                                  ).format(reason=exc))
            return
        self.points = feature_points(plan, theta, x, a, b)
        classes = ds.classes[rows] if ds.classes.size else ds.classes
        palette = colors.class_colors(ds.y.shape[1] if ds.task == "multiclass" else 2)
        if classes.size:
            # One brush per class, shared: pyqtgraph then caches one symbol per class.
            shared = [pg.mkBrush(*palette[c]) for c in range(len(palette))]
            brushes = [shared[c] for c in classes]
        else:
            brushes = pg.mkBrush(style.TRAIN)
        self.work["points_drawn"] += len(self.points)
        self.scatter.setData(self.points[:, 0], self.points[:, 1], brush=brushes)
        la, lb = escape(net.neurons[a].label), escape(net.neurons[b].label)  # axis HTML
        axis = translate("companions.feature_view", "{neuron} (activation)")
        self.plot_item.setLabel("bottom", axis.format(neuron=la), **style.label_style())
        self.plot_item.setLabel("left", axis.format(neuron=lb), **style.label_style())
        xr = self._bounds(a, self.points[:, 0])
        yr = self._bounds(b, self.points[:, 1])
        self.plot_item.setRange(xRange=xr, yRange=yr, padding=0)
        self.line = decision_line(net, plan, theta, x, a, b)
        self._draw_line(xr, yr)

    def _bounds(self, nid: str, values: np.ndarray) -> tuple[float, float]:
        act = self.model.document.network.neurons[nid].activation
        lo, hi = finite_bounds(values)
        if act in BOUNDS:
            lo, hi = min(lo, BOUNDS[act][0]), max(hi, BOUNDS[act][1])
        return padded(lo, hi)

    def _draw_line(self, xr, yr) -> None:
        line, net = self.line, self.model.document.network
        if line is None:
            self.line_item.setData([], [])
            self.line_label.setText("")
            self.note.setText(translate(
                    "companions.feature_view", "No neuron reads both of these, so there is no "
                    "line to draw."))
            return
        lo, hi = min(xr[0], yr[0]) - 10, max(xr[1], yr[1]) + 10
        ends = line.points(lo, hi)
        self.line_item.setData(ends[:, 0], ends[:, 1])
        name = net.neurons[line.neuron].label
        la = net.neurons[self.combo_a.currentData()].label
        lb = net.neurons[self.combo_b.currentData()].label
        equation = (f"{line.c:.3g} {_signed(line.w_a)}·{la} {_signed(line.w_b)}·{lb} = 0"
                    .replace("-", "−"))
        self.line_label.setText(f"{name}: z = 0")
        # The label sits where the line enters the visible box, nudged inside it.
        t = np.linspace(0, 1, 200)[:, None]
        pts = ends[0] + t * (ends[1] - ends[0])
        inside = pts[(pts[:, 0] >= xr[0]) & (pts[:, 0] <= xr[1])
                     & (pts[:, 1] >= yr[0]) & (pts[:, 1] <= yr[1])]
        if len(inside):
            self.line_label.setPos(*inside[len(inside) // 5])
        how = (translate(
                "companions.feature_view", "its only inputs are these two, so this is its whole "
                "decision") if line.exact
               else line.note.split(": ", 1)[1] + translate("companions.feature_view",
                                                            " (an approximation)"))
        self.note.setText(translate(
            "companions.feature_view",
            "Dashed: where {name}'s weighted sum is zero, {equation}; {how}.").format(
            name=name, equation=equation, how=how))


def _signed(value: float) -> str:
    return f"+ {value:.3g}" if value >= 0 else f"− {abs(value):.3g}"
