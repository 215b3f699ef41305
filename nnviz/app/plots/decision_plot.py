"""Decision regions over the first two inputs, with the data points on top.

Data of more than two inputs has no meaningful map over two of them: the plot shows
the gallery of test examples (``gallery.py``) in its place, with the same API
(highlight, highlight_rows, sampleClicked), so the window, the Metrics dock and the
exports need not know which of the two is on show.

Every item is made once per dataset; a snapshot only swaps the image's pixels (one
float32 map through a fixed lookup table, or one reused RGBA buffer for K classes),
so the plot keeps up with training at the worker's snapshot rate.
"""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from nnviz.app import uiscale
from nnviz.app.i18n import translate
from nnviz.app.plots import colors, style
from nnviz.app.plots.gallery import Gallery
from nnviz.app.plots.points import PointLayer
from nnviz.core.data import Dataset
from nnviz.core.session import GridMaps, Snapshot, grid_extent, maps_apply

CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
REGRESSION_BANDS = 10  # "discretise output" for regression: contour-like bands


class SmoothImage(pg.ImageItem):
    """A 100×100 map stretched over hundreds of pixels looks blocky without filtering."""

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)


class SquareHost(QWidget):
    """Sizes the plot widget so its view box is square; the panel keeps the spare room.

    A locked aspect alone would leave blank bands inside the axes box on a wide or tall
    panel. The margins (axes, colour bar) are measured, not assumed, because tick
    labels change width; the fit re-runs when the view box's size settles.
    """

    def __init__(self, plot_widget: pg.PlotWidget, view: pg.ViewBox) -> None:
        super().__init__()
        self.plot_widget, self.view = plot_widget, view
        plot_widget.setParent(self)
        self.setMinimumSize(160, 160)
        # Deferred: sigResized fires inside the plot widget's own resizeEvent, and
        # resizing it again from there is undone when that event handler finishes.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        view.sigResized.connect(self._refit.start)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        pw, item = self.plot_widget, self.plot_widget.getPlotItem()
        outer, view = item.geometry(), self.view.geometry()
        # Qt lays the plot out later than setGeometry: until the plot item has the
        # widget's size, its margins are stale; sigResized calls back when it is done.
        if abs(outer.width() - pw.width()) > 1 or abs(outer.height() - pw.height()) > 1:
            return
        if view.width() <= 0 or view.height() <= 0:
            return
        mx, my = outer.width() - view.width(), outer.height() - view.height()
        side = max(min(self.width() - mx, self.height() - my), 40)
        w, h = round(side + mx), round(side + my)
        x, y = (self.width() - w) // 2, (self.height() - h) // 2
        if (x, y, w, h) != pw.geometry().getRect():
            pw.setGeometry(x, y, w, h)


class DecisionPlot(QWidget):
    """Heat map of the output (or of one neuron) over the input plane, points on top."""

    sampleClicked = Signal(int)  # dataset row of the clicked point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.grid: GridMaps | None = None
        self.map_id: str | None = None
        self.map_label: str | None = None
        self.discrete = False
        self._buffer = np.zeros((1, 1), dtype=np.float32)
        self._class_image: colors.ClassImage | None = None
        self._levels = (-1.0, 1.0)
        self._bar_state: tuple | None = None
        self._rect = QRectF(-1, -1, 2, 2)
        self._rect_pending = True

        self.show_test = QCheckBox(translate("plots.decision_plot", "Show test data"))
        self.show_test.setChecked(True)
        self.discretise = QCheckBox(translate("plots.decision_plot", "Discretise output"))
        self.discretise.setToolTip(translate(
                "plots.decision_plot", "Colour only by the predicted class, not by confidence"))
        # Several softmax groups are separate decisions: the map shows one at a time.
        self.group_choice = QComboBox()
        self.group_choice.setToolTip(translate("plots.decision_plot",
                                               "Which softmax group's decision the map shows"))
        self.group_choice.setVisible(False)
        self._groups: tuple[tuple[int, ...], ...] = ()
        controls = QHBoxLayout()
        controls.addWidget(self.show_test)
        controls.addWidget(self.discretise)
        controls.addWidget(self.group_choice)
        controls.addStretch(1)
        # K classes have no colour bar: the key sits in the toolbar, off the data.
        self.class_key = QLabel()
        self.class_key.setTextFormat(Qt.TextFormat.RichText)
        controls.addWidget(self.class_key)

        self.plot_widget = style.plot_widget("x1", "x2")
        # A picture without text: screen readers need its name and what it shows.
        self.plot_widget.setAccessibleName(translate("plots.decision_plot", "Decision regions"))
        self.plot_widget.setAccessibleDescription(translate(
            "plots.decision_plot", "The network's output over the input plane, with the "
            "training and test points; click a point to trace it"))
        self.plot_item = self.plot_widget.getPlotItem()
        self.view = self.plot_item.getViewBox()
        # A fixed map, not an explorer: no pan/zoom to knock it askew mid-lecture.
        self.view.setMouseEnabled(x=False, y=False)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.layout.setContentsMargins(2, 10, 2, 2)  # room for the bar's end labels
        self.image = SmoothImage(axisOrder="row-major")
        self.plot_item.addItem(self.image)
        self.points = PointLayer(self.plot_item)
        self._init_colour_bar()
        # A snapshot changes only the image: the axes and colour bar are blitted from a
        # cached pixmap instead of replaying their text (measured 6.3 → 4.2 ms a repaint
        # together with the cached scatters, see points.py).
        for side in ("left", "bottom", "top", "right"):
            self.plot_item.getAxis(side).setCacheMode(CACHED)
        self.colour_bar.setCacheMode(CACHED)

        self.gallery = Gallery()
        self.gallery.sampleClicked.connect(self.sampleClicked)
        self.pages = QStackedLayout()
        self.pages.addWidget(SquareHost(self.plot_widget, self.view))
        self.pages.addWidget(self.gallery)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(controls)
        layout.addLayout(self.pages, 1)

        self.show_test.toggled.connect(self.set_show_test)
        self.discretise.toggled.connect(self.set_discrete)
        self.group_choice.currentIndexChanged.connect(self._on_group)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_click)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_move)

    def _init_colour_bar(self) -> None:
        self.colour_bar = pg.ColorBarItem(values=(-1, 1), colorMap=colors.diverging_map(),
                                          width=14, interactive=False, colorMapMenu=False)
        for side in ("left", "right", "top", "bottom"):
            self.colour_bar.getAxis(side).setPen(pg.mkPen(style.AXIS))
        style_bar = self.colour_bar.axis
        style_bar.setTextPen(pg.mkPen(style.TEXT))
        style_bar.setTickFont(style.tick_font())
        # Labelled from the start: the label's room is part of the bar's width, which
        # must not change when the bar fades in (see _update_bar).
        self.colour_bar.getAxis("left").setLabel(translate("plots.decision_plot", "output"),
                                                 **style.label_style())
        # Beside the right axis, like ColorBarItem.setImageItem(insert_in=...) does, but
        # without linking: this widget sets the image's levels and LUT itself.
        self.plot_item.layout.addItem(self.colour_bar, 2, 5)
        self.plot_item.layout.setColumnFixedWidth(4, 8)

    # ------------------------------------------------------------ public API
    def set_dataset(self, dataset: Dataset) -> None:
        """New data: new points, axes and extent.

        A grid that already covers this data's extent (its snapshot may arrive before
        this call) is kept and redrawn; any other is cleared until the next snapshot.
        """
        self.dataset = dataset
        self._show_gallery(not maps_apply(dataset))
        if self.gallery_shown:
            self.gallery.set_dataset(dataset)
            return
        self._bar_state = None
        extent = grid_extent(dataset)
        if self.grid is not None and self.grid.extent != extent:
            self.grid = None
            self.image.clear()
        names = list(dataset.feature_names[:2]) + [""]
        style.style_axis(self.plot_item.getAxis("bottom"), names[0])
        style.style_axis(self.plot_item.getAxis("left"), names[1])
        self._class_image = None
        self.points.set_dataset(dataset, self.show_test.isChecked(), self._group_columns())
        self._set_key()
        self._set_extent(extent)
        self._update_bar()
        self._render()

    def restyle(self) -> None:
        """Re-read plots/style and the colour maps (after a theme change)."""
        style.restyle_widget(self.plot_widget)
        for side in ("left", "right", "top", "bottom"):
            self.colour_bar.getAxis(side).setPen(pg.mkPen(style.AXIS))
        self.colour_bar.axis.setTextPen(pg.mkPen(style.TEXT))
        self.colour_bar.axis.setTickFont(style.tick_font())
        self.colour_bar.setColorMap(colors.diverging_map())
        self._bar_state = None
        self._class_image = None  # point colours → region colours
        self.gallery.restyle()
        if self.dataset is not None and not self.gallery_shown:
            self._redo_points()
            self._update_bar()
        self._render()
        self.plot_widget.update()

    def update_from(self, snapshot: Snapshot) -> None:
        """Show the snapshot's grid (the output, or the neuron chosen with show_map)."""
        if snapshot.grid is None:
            return
        old, new = self.grid, snapshot.grid
        self.grid = new
        if new.output_groups != self._groups:
            self._set_groups(new.output_groups)
        if self.gallery_shown:
            self.gallery.set_outputs(getattr(snapshot, "outputs", None), self._group_columns())
            return
        if old is None or old.extent != new.extent or old.values.shape != new.values.shape:
            self._set_extent(new.extent)
        self._render()

    def clear(self) -> None:
        """Forget the map and the highlighted point (another document): blank until the
        next snapshot, rather than the old network's regions under the new one's data."""
        self.grid = None
        self.image.clear()
        self._rect_pending = True
        self.map_id = self.map_label = None
        self.highlight(None)
        self.highlight_rows(None)
        self.gallery.clear()
        self._groups = ()  # the next snapshot says which groups the new network has
        self.group_choice.setVisible(False)

    def _set_groups(self, groups: tuple[tuple[int, ...], ...]) -> None:
        keep = self.group_choice.currentIndex()
        self._groups = groups
        self.group_choice.blockSignals(True)
        self.group_choice.clear()
        ids = self.grid.output_ids if self.grid is not None else ()
        for i, members in enumerate(groups):
            names = ", ".join(ids[m] for m in members if m < len(ids))
            self.group_choice.addItem(translate("plots.decision_plot",
                                                "Group {n} ({names})").format(
                n=i + 1, names=names))
        self.group_choice.setCurrentIndex(keep if 0 <= keep < len(groups) else 0)
        self.group_choice.blockSignals(False)
        self.group_choice.setVisible(len(groups) > 1)
        if self.dataset is not None:
            self._redo_points()

    def _group_columns(self) -> tuple[int, ...] | None:
        """Target columns of the chosen softmax group; None with fewer than two groups."""
        if len(self._groups) < 2:
            return None
        return self._groups[max(self.group_choice.currentIndex(), 0)]

    def _on_group(self) -> None:
        if self.gallery_shown:
            self.gallery.set_columns(self._group_columns())
            return
        if self.dataset is not None:
            self._redo_points()
        self._render()

    def _redo_points(self) -> None:
        if self.gallery_shown:
            return
        self.points.set_dataset(self.dataset, self.show_test.isChecked(), self._group_columns())
        self._set_key()

    def _set_key(self) -> None:
        # Class names come from the file or a CSV: escaped, never markup.
        self.class_key.setText("&nbsp;&nbsp;".join(
            f"<span style='color:{color}; font-size:{14 * uiscale.factor():g}pt'>●</span>"
            f"&nbsp;{escape(name)}" for color, name in self.points.legend_entries()))

    def show_map(self, neuron_id: str | None, label: str | None = None) -> None:
        """Show one neuron's activation map (None: back to the network's output)."""
        self.map_id, self.map_label = neuron_id, label
        self._render()

    def set_show_test(self, show: bool) -> None:
        if self.show_test.isChecked() != show:
            self.show_test.setChecked(show)  # comes back here through toggled
            return
        self.points.set_show_test(show)

    def set_discrete(self, discrete: bool) -> None:
        """Colour the output by predicted class only (neuron maps stay continuous)."""
        if self.discretise.isChecked() != discrete:
            self.discretise.setChecked(discrete)
            return
        self.discrete = discrete
        self._render()

    def highlight(self, row: int | None) -> None:
        """Ring the point (or the gallery's tile) of a dataset row (None: no ring)."""
        self.points.highlight(row)
        self.gallery.highlight(row)

    def highlight_rows(self, rows: np.ndarray | None) -> None:
        """Ring the points of these dataset rows, e.g. a confusion-matrix cell (None: none);
        the gallery shows their tiles first."""
        self.points.highlight_rows(rows)
        self.gallery.highlight_rows(rows)

    @property
    def gallery_shown(self) -> bool:
        return self.pages.currentWidget() is self.gallery

    def _show_gallery(self, on: bool) -> None:
        self.pages.setCurrentWidget(self.gallery if on else self.pages.widget(0))
        for w in (self.show_test, self.discretise):
            w.setVisible(not on)
        if on:
            self.class_key.setVisible(False)

    @property
    def colour_bar_shown(self) -> bool:
        return self.colour_bar.opacity() > 0

    @property
    def highlighted(self) -> int | None:
        return self.gallery.highlighted if self.gallery_shown else self.points.highlighted

    def map_to_widget(self, x: float, y: float) -> QPoint:
        """Where the data point (x, y) appears, in this widget's coordinates."""
        scene = self.view.mapViewToScene(QPointF(x, y))
        return self.plot_widget.mapTo(self, self.plot_widget.mapFromScene(scene))

    # -------------------------------------------------------------- drawing
    def _set_extent(self, extent: tuple[float, float, float, float]) -> None:
        x0, x1, y0, y1 = extent
        # Grid values sit at pixel centres on linspace(x0, x1, n): pad half a pixel.
        n = self._grid_size()
        dx, dy = (x1 - x0) / max(n - 1, 1), (y1 - y0) / max(n - 1, 1)
        self._rect = QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy)
        self._rect_pending = True
        # Square on screen whatever the units: x and y spans get the same pixels.
        self.view.setAspectLocked(True, ratio=(y1 - y0) / (x1 - x0))
        self.view.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _grid_size(self) -> int:
        return self.grid.values.shape[-1] if self.grid is not None else 100

    def _render(self) -> None:
        grid, ds = self.grid, self.dataset
        if grid is None or ds is None or self.gallery_shown:
            return
        if self.map_id is not None and self.map_id in grid.neuron_ids:
            values = grid.of(self.map_id)
            # Symmetric levels in steps of 1, 2, 5, 10…: tanh/sigmoid maps keep ±1, a ReLU
            # map gets a wider scale without the colours drifting every frame (NaN → ±1).
            bound = colors.nice_bound(np.max(np.abs(values)) if values.size else 1.0)
            self._levels = (-bound, bound)
            self._show_values(values, colors.diverging_map(), "neuron")
        elif ds.task == "multiclass":
            outputs = grid.outputs()
            columns = self._group_columns()
            if columns is not None:
                outputs = outputs[list(columns)]
            k, shape = len(outputs), outputs.shape[1:]
            image = self._class_image
            if image is None or image.k != k or image.rgba.shape[:2] != shape:
                self._class_image = colors.ClassImage(k, shape)
            rgba = self._class_image.render(outputs, self.discrete)
            self._set_image(rgba, levels=None, lut=None)
            self._update_bar()
        elif ds.task == "binary":
            values = grid.of(grid.output_ids[0])
            lo, hi = ds.label_values
            if self.discrete:
                values = self._into_buffer(np.where(values > ds.threshold, hi, lo))
            self._levels = (min(lo, hi), max(lo, hi))
            self._show_values(values, colors.diverging_map(), "output")
        else:
            values = grid.of(grid.output_ids[0])
            self._levels = self.points.value_levels
            if self.discrete:
                lo, hi = self._levels
                bands = np.floor((values - lo) / (hi - lo) * REGRESSION_BANDS)
                np.clip(bands, 0, REGRESSION_BANDS - 1, out=bands)
                values = self._into_buffer(lo + (bands + 0.5) * (hi - lo) / REGRESSION_BANDS)
            self._show_values(values, self.points.value_map(), "output")

    def _into_buffer(self, values: np.ndarray) -> np.ndarray:
        if self._buffer.shape != values.shape:
            self._buffer = np.empty(values.shape, dtype=np.float32)
        self._buffer[...] = values
        return self._buffer

    def _show_values(self, values: np.ndarray, cmap: pg.ColorMap, kind: str) -> None:
        self._set_image(values, levels=self._levels, lut=colors.cached_lut(cmap))
        self._update_bar(cmap, kind)

    def _set_image(self, image: np.ndarray, **opts: object) -> None:
        self.image.setImage(image, **opts)
        # ImageItem.setRect scales by the current image's size: it must follow the first
        # image of a new dataset, not precede it (an empty item would stretch one pixel).
        if self._rect_pending:
            self.image.setRect(self._rect)
            self._rect_pending = False

    def _update_bar(self, cmap: pg.ColorMap | None = None, kind: str = "") -> None:
        """Colour bar for value maps, class legend for K-class regions; redone on change only."""
        ds = self.dataset
        state = (cmap.name if cmap else None, kind, self._levels, self.map_label)
        if state == self._bar_state:
            return
        self._bar_state = state
        # Transparent rather than hidden: the layout keeps its column, so hovering
        # neurons (K classes ↔ a neuron's value map) never shifts or resizes the map.
        self.colour_bar.setOpacity(1.0 if cmap is not None else 0.0)
        self.class_key.setVisible(cmap is None and ds is not None and ds.task == "multiclass")
        if cmap is None or ds is None:
            return
        self.colour_bar.setColorMap(cmap)
        self.colour_bar.setLevels(self._levels)
        axis = self.colour_bar.axis
        lo, hi = self._levels
        if kind == "output" and ds.task == "binary":
            names = (ds.class_names or ["negative", "positive"])[:2]
            axis.setTicks([[(lo, names[0]), (0.5 * (lo + hi), f"{0.5 * (lo + hi):g}"),
                            (hi, names[1])], []])
        else:
            axis.setTicks(None)
        if kind == "neuron":
            title = translate("plots.decision_plot", "{neuron} activation").format(
                neuron=self.map_label or translate("plots.decision_plot", "neuron"))
        elif ds.task == "regression":
            title = ds.target_names[0] if ds.target_names else translate("plots.decision_plot",
                                                                         "output")
        else:
            title = translate("plots.decision_plot", "output")
        self.colour_bar.getAxis("left").setLabel(escape(title), **style.label_style())

    # ---------------------------------------------------------------- mouse
    def _on_click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        row = self._row_at(event.scenePos())
        if row is not None:
            event.accept()
            self.highlight(row)
            self.sampleClicked.emit(row)

    def _on_move(self, scene_pos: QPointF) -> None:
        hit = self._row_at(scene_pos) is not None
        self.plot_widget.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)

    def _row_at(self, scene_pos: QPointF) -> int | None:
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.view.mapSceneToView(scene_pos)
        return self.points.nearest(p.x(), p.y(), self.view.viewPixelSize())
