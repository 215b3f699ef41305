"""The data points over the decision regions: scatters, the highlight ring, picking.

One ScatterPlotItem per (class, split) with one pen and brush each, never per-point
pens: pyqtgraph caches one symbol per style, so a few thousand points cost one blit
each. Train points are filled, test points hollow, the way Playground tells them apart.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from nnviz.app.i18n import translate
from nnviz.app.plots import colors
from nnviz.core.data import Dataset

MAX_SHOWN = 5000  # more points than this add ink, not information, and cost frame time
VALUE_BINS = 16  # regression points share this many brushes (a few symbol-cache entries)
PICK_RADIUS_PX = 8.0


def _point_size(n: int) -> float:
    return 9.0 if n <= 300 else 7.0 if n <= 800 else 6.0 if n <= 2000 else 4.0


class PointLayer:
    def __init__(self, plot_item: pg.PlotItem) -> None:
        self.plot_item = plot_item
        self.items: list[tuple[pg.ScatterPlotItem, str]] = []  # (item, split)
        self._legend: list[tuple[str, str]] = []  # (colour "#rrggbb", class name)
        self.xy = np.zeros((0, 2))
        self.rows = np.zeros(0, dtype=np.intp)
        self.is_test = np.zeros(0, dtype=bool)
        self.show_test = True
        self.highlighted: int | None = None
        self.value_levels = (-1.0, 1.0)
        self._value_map = colors.diverging_map()
        self._point_map = colors.diverging_map(lighten=False)
        self.ring = pg.ScatterPlotItem(size=22, symbol="o", brush=None,
                                       pen=pg.mkPen("#111111", width=2.5))
        self.ring.setZValue(30)
        plot_item.addItem(self.ring)
        # Many rings at once: the points of a clicked confusion-matrix cell.
        self.cell_rows: np.ndarray | None = None
        self.cell_ring = pg.ScatterPlotItem(size=14, symbol="o", brush=None,
                                            pen=pg.mkPen("#111111", width=1.5))
        self.cell_ring.setZValue(29)
        plot_item.addItem(self.cell_ring)

    def set_dataset(self, ds: Dataset, show_test: bool,
                    columns: tuple[int, ...] | None = None) -> None:
        """Draw ds's points; ``columns``: the target columns of one softmax group, whose
        argmax is the class shown (several groups are separate decisions)."""
        for item, _ in self.items:
            self.plot_item.removeItem(item)
        self.items, self._legend = [], []
        self.show_test = show_test
        shown = np.arange(ds.n)
        if ds.n > MAX_SHOWN:  # a fixed subset, so the picture does not shimmer
            shown = np.sort(np.random.default_rng(0).choice(ds.n, MAX_SHOWN, replace=False))
        test = np.zeros(ds.n, dtype=bool)
        test[ds.test] = True
        test[ds.train] = False  # gates use every row for both: draw them once, filled
        xy = np.zeros((ds.n, 2))
        xy[:, : min(2, ds.x.shape[1])] = ds.x[:, :2]
        self.xy, self.rows, self.is_test = xy[shown], shown, test[shown]
        size = _point_size(len(shown))
        self.cell_ring.setSize(size + 5)  # just round each point: many rings stay apart
        if ds.task == "regression":
            self._add_regression(ds, size)
        else:
            k = ds.y.shape[1] if ds.task == "multiclass" else 2
            labels = ds.classes[shown]
            names = ds.class_names or [translate("plots.points", "class {n}").format(n=c + 1)
                                       for c in range(k)]
            if columns is not None and ds.task == "multiclass":
                k, cols = len(columns), list(columns)
                labels = ds.y[shown][:, cols].argmax(axis=1)
                names = [(ds.class_names or ds.target_names or [""] * ds.y.shape[1])[c]
                         or translate("plots.points", "class {n}").format(n=c + 1) for c in cols]
            palette = colors.class_colors(k)
            for c in range(k):
                color = tuple(int(v) for v in palette[c])
                for split in ("train", "test"):
                    mask = (labels == c) & (self.is_test == (split == "test"))
                    self._add(split, self.xy[mask], size, color)
                self._legend.append((pg.mkColor(color).name(), names[c]))
        self.set_show_test(show_test)
        self.highlight(self.highlighted if self.highlighted is not None
                       and self.highlighted < ds.n else None)
        self.highlight_rows(self.cell_rows[self.cell_rows < ds.n]
                            if self.cell_rows is not None else None)

    def _add(self, split: str, xy: np.ndarray, size: float, color: tuple | None,
             brushes: list | None = None) -> pg.ScatterPlotItem:
        if brushes is not None:  # regression: filled by value, test told apart by a dark rim
            pen = pg.mkPen("w" if split == "train" else "#505050", width=1.0)
            brush = brushes
        elif split == "train":
            pen, brush = pg.mkPen("w", width=1.2), color
        else:  # hollow: a thick ring in the class colour over a white core
            pen, brush = pg.mkPen(color, width=2.2), pg.mkBrush(255, 255, 255, 200)
        item = pg.ScatterPlotItem(x=xy[:, 0], y=xy[:, 1], size=size, symbol="o", pen=pen,
                                  brush=brush, antialias=True)
        item.setZValue(10 if split == "train" else 11)
        # Points stay put while the regions under them change every snapshot: repaint
        # them from a pixmap rather than re-blitting every symbol.
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot_item.addItem(item)
        self.items.append((item, split))
        return item

    def _add_regression(self, ds: Dataset, size: float) -> None:
        target = ds.y[self.rows, 0]
        lo, hi = float(np.min(ds.y[:, 0])), float(np.max(ds.y[:, 0]))
        if lo < 0 < hi:  # values around zero: diverging, centred on zero
            bound = max(-lo, hi)
            self.value_levels = (-bound, bound)
            self._value_map, self._point_map = colors.diverging_map(), colors.diverging_map(False)
        else:
            self.value_levels = (lo, hi if hi > lo else lo + 1.0)
            self._value_map, self._point_map = colors.sequential_map(), colors.sequential_map(False)
        lo, hi = self.value_levels
        bins = np.clip(((target - lo) / (hi - lo) * VALUE_BINS).astype(int), 0, VALUE_BINS - 1)
        shared = [pg.mkBrush(self._point_map.map((b + 0.5) / VALUE_BINS, mode="qcolor"))
                  for b in range(VALUE_BINS)]
        for split in ("train", "test"):
            mask = self.is_test == (split == "test")
            self._add(split, self.xy[mask], size, None, [shared[b] for b in bins[mask]])

    def value_map(self) -> pg.ColorMap:
        return self._value_map

    def legend_entries(self) -> list[tuple[str, str]]:
        return self._legend

    def set_show_test(self, show: bool) -> None:
        self.show_test = show
        for item, split in self.items:
            item.setVisible(show or split == "train")
        self.highlight(self.highlighted)  # a ring round a hidden point would float alone
        self.highlight_rows(self.cell_rows)

    def highlight(self, row: int | None) -> None:
        self.highlighted = row
        visible = self.show_test | ~self.is_test
        hit = np.flatnonzero((self.rows == row) & visible) if row is not None else []
        if len(hit):
            self.ring.setData(pos=self.xy[hit[:1]])
        else:
            self.ring.clear()

    def highlight_rows(self, rows: np.ndarray | None) -> None:
        """Ring the shown points of these dataset rows (None: no rings)."""
        self.cell_rows = None if rows is None else np.asarray(rows, dtype=np.intp)
        if self.cell_rows is None or not len(self.cell_rows):
            self.cell_ring.clear()
            return
        visible = self.show_test | ~self.is_test
        hit = np.isin(self.rows, self.cell_rows) & visible
        self.cell_ring.setData(pos=self.xy[hit])

    def ringed_rows(self) -> np.ndarray:
        """Dataset rows drawn with a cell's ring now (what the user sees ringed)."""
        if self.cell_rows is None or not len(self.cell_ring.data):
            return np.zeros(0, dtype=np.intp)
        visible = self.show_test | ~self.is_test
        return self.rows[np.isin(self.rows, self.cell_rows) & visible]

    def nearest(self, x: float, y: float, pixel: tuple[float, float]) -> int | None:
        """The dataset row of the visible point nearest (x, y) within a few pixels."""
        visible = slice(None) if self.show_test else ~self.is_test
        xy, rows = self.xy[visible], self.rows[visible]
        if len(xy) == 0:
            return None
        d2 = ((xy[:, 0] - x) / pixel[0]) ** 2 + ((xy[:, 1] - y) / pixel[1]) ** 2
        i = int(np.argmin(d2))
        return int(rows[i]) if d2[i] <= PICK_RADIUS_PX**2 else None
