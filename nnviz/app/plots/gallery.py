"""The test examples as a gallery of small pictures, for data of more than two inputs.

Each tile is one test example: its picture (``Dataset.image_shape``, in grey: ink on
paper) or else a strip of its inputs, each scaled to its column's range, and under it
the predicted label ŷ and the true label y. The order is ``nnviz.core.gallery``'s:
rows a confusion-matrix cell chose (ringed in blue), then the mistakes (in the test
colour), then the right ones. A click makes a tile the highlighted example (ringed in
black), as clicking a point does in the decision map.

Only the tiles in view are painted, from pictures made once per row and dataset, so an
update costs a sort of the test rows and one repaint; training's outputs are taken at
most ``RATE`` times a second, however fast the snapshots come.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QVBoxLayout, QWidget

from nnviz.app import uiscale
from nnviz.app.arrayimage import grey_image
from nnviz.app.i18n import translate
from nnviz.app.plots import style
from nnviz.core import numfmt
from nnviz.core.data import Dataset
from nnviz.core.gallery import Ranking, rank

RATE = 8.0  # gallery updates per second at most while training
PICTURE, STRIP = 56, 18  # tile picture height in pixels (a picture, a strip of inputs)
GAP = 6
HIGHLIGHT = QColor("#111111")


def example_image(dataset: Dataset, row: int, lo: np.ndarray, hi: np.ndarray) -> QImage:
    """A row's picture, or a one-pixel-high strip of its inputs scaled to [lo, hi]."""
    if dataset.image_shape is not None:
        return grey_image(dataset.x[row].reshape(dataset.image_shape))
    span = np.where(hi > lo, hi - lo, 1.0)
    return grey_image(((dataset.x[row] - lo) / span)[None, :])


def label_text(dataset: Dataset, value: float) -> str:
    """A class name or a target value as a tile writes it."""
    if not np.isfinite(value):
        return "?"
    if dataset.task == "regression":
        return numfmt.number(float(value), 3, significant=True, unicode=True)
    names = dataset.class_names or [str(k) for k in range(dataset.y.shape[1])]
    k = int(value)
    return names[k] if 0 <= k < len(names) else str(k)


class TileGrid(QAbstractScrollArea):
    """The tiles, in rows as wide as the view, scrolled vertically; painted in view only."""

    clicked = Signal(int)  # dataset row

    def __init__(self, gallery: Gallery) -> None:
        super().__init__()
        self.gallery = gallery
        self._size: tuple[tuple, tuple[int, int]] = ((), (0, 0))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)

    # ------------------------------------------------------------ geometry
    def tile_size(self) -> tuple[int, int]:
        """(width, height) of a tile: the picture, then one line of labels (measured once
        per label width, text size and kind of picture)."""
        g = self.gallery
        key = (g.widest_label, g.pictures, uiscale.factor(), self.font().key())
        if self._size[0] != key:
            fm = QFontMetrics(g.font_for_labels())
            picture = uiscale.px(PICTURE if g.pictures else STRIP)
            width = max(uiscale.px(PICTURE), fm.horizontalAdvance(g.widest_label) + 8)
            self._size = (key, (width, picture + fm.height() + 6))
        return self._size[1]

    def columns(self) -> int:
        w, _ = self.tile_size()
        return max(1, (self.viewport().width() - GAP) // (w + GAP))

    def tile_rect(self, index: int) -> QRect:
        """Where tile ``index`` is, in content coordinates."""
        w, h = self.tile_size()
        columns = self.columns()
        c, r = index % columns, index // columns
        return QRect(GAP + c * (w + GAP), GAP + r * (h + GAP), w, h)

    def content_height(self) -> int:
        _, h = self.tile_size()
        rows = -(-len(self.gallery.ranking) // self.columns()) if self.gallery.ranking else 0
        return GAP + rows * (h + GAP)

    def relayout(self) -> None:
        bar = self.verticalScrollBar()
        _, h = self.tile_size()
        bar.setRange(0, max(0, self.content_height() - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(h + GAP)
        self.viewport().update()

    def index_at(self, pos: QPoint) -> int | None:
        w, h = self.tile_size()
        x, y = pos.x() - GAP, pos.y() + self.verticalScrollBar().value() - GAP
        c, r = x // (w + GAP), y // (h + GAP)
        if x < 0 or y < 0 or c >= self.columns() or x % (w + GAP) >= w or y % (h + GAP) >= h:
            return None
        index = r * self.columns() + c
        return index if index < len(self.gallery.ranking) else None

    # -------------------------------------------------------------- events
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt's name)
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        index = self.index_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index is not None:
            self.clicked.emit(int(self.gallery.ranking.rows[index]))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        index = self.index_at(event.position().toPoint())
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if index is not None
                                  else Qt.CursorShape.ArrowCursor)
        self.viewport().setToolTip(self.gallery.tooltip(index) if index is not None else "")
        super().mouseMoveEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        g = self.gallery
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor(style.BACKGROUND))
        ranking = g.ranking
        if not ranking:
            return
        top = self.verticalScrollBar().value()
        w, h = self.tile_size()
        cols = self.columns()
        first = max(0, (top - GAP) // (h + GAP)) * cols
        last = min(len(ranking), ((top + self.viewport().height()) // (h + GAP) + 1) * cols)
        painter.translate(0, -top)
        font = g.font_for_labels()
        painter.setFont(font)
        line = QFontMetrics(font).height()
        ink = Ink(h - line - 6)
        for i in range(first, last):
            c, r = i % cols, i // cols
            g.paint_tile(painter, i, QRect(GAP + c * (w + GAP), GAP + r * (h + GAP), w, h), ink)
        painter.end()


class Ink:
    """The pens and sizes of one paint, made once rather than for every tile."""

    def __init__(self, picture_h: int) -> None:
        self.picture_h = picture_h
        self.frame = QPen(QColor(style.MUTED), 1)
        self.text, self.wrong = QColor(style.TEXT), QColor(style.TEST)
        self.rings = {"highlight": QPen(HIGHLIGHT, 3), "chosen": QPen(QColor(style.TRAIN), 3),
                      "wrong": QPen(self.wrong, 1.5)}


class Gallery(QWidget):
    """The test examples with their labels; see the module docstring."""

    sampleClicked = Signal(int)  # dataset row of the clicked tile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.outputs: np.ndarray | None = None
        self.columns: tuple[int, ...] | None = None
        self.first: np.ndarray | None = None  # rows chosen to come first (a matrix cell)
        self.highlighted: int | None = None
        self.ranking = Ranking.empty()
        self.widest_label = "ŷ 0 · y 0"
        self.pictures = False
        self._images: dict[int, QImage] = {}
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}
        self._range = (np.zeros(0), np.zeros(0))
        self._pending: np.ndarray | None = None
        self._taken = -1.0  # when outputs were last taken (time.monotonic)
        self.work = {"ranks": 0}  # for tests: how often the order was computed

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.grid = TileGrid(self)
        self.grid.setAccessibleName(translate("plots.gallery", "Test examples"))
        self.grid.setAccessibleDescription(translate(
            "plots.gallery", "Each test example with the network's prediction ŷ and its true "
            "label y, mistakes first; click one to trace it"))
        self.grid.clicked.connect(self._on_click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)

        # Snapshots may come 24 times a second: outputs within 1/RATE s of the last taken
        # wait for this timer, and the newest of them is shown.
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._take_pending)

    # ------------------------------------------------------------ public API
    def set_dataset(self, dataset: Dataset) -> None:
        """New data: pictures are made again as they come into view; no outputs yet."""
        if dataset is not self.dataset:
            self.outputs = None
        self.dataset = dataset
        self._images, self._pixmaps = {}, {}
        self.pictures = dataset.image_shape is not None
        self._range = (dataset.x.min(axis=0), dataset.x.max(axis=0)) if dataset.n else \
            (np.zeros(0), np.zeros(0))
        if self.highlighted is not None and self.highlighted >= dataset.n:
            self.highlighted = None
        self._rerank()

    def set_outputs(self, outputs: np.ndarray | None, columns: tuple[int, ...] | None = None,
                    now: bool = False) -> None:
        """The network's outputs on every dataset row; shown within 1/RATE s (or now)."""
        self.columns = columns
        self._pending = outputs
        if self._timer.isActive():
            return  # the waiting update takes these outputs
        if now or time.monotonic() - self._taken >= 1 / RATE:
            self._take_pending()
        else:
            self._timer.start(max(1, round(1000 * (1 / RATE - (time.monotonic() - self._taken)))))

    def set_columns(self, columns: tuple[int, ...] | None) -> None:
        """Label by this softmax group's columns (several groups are separate decisions)."""
        self.columns = columns
        self._rerank()

    def highlight(self, row: int | None) -> None:
        """Ring the tile of a dataset row (None: no ring)."""
        self.highlighted = row
        self.grid.viewport().update()

    def highlight_rows(self, rows: np.ndarray | None) -> None:
        """Show these rows first, ringed (a confusion-matrix cell); None: the usual order."""
        self.first = None if rows is None else np.asarray(rows, dtype=np.intp)
        self._rerank()
        if rows is not None:
            self.grid.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        """Another document: no outputs, no highlight, no chosen rows."""
        self._timer.stop()
        self._pending = self.outputs = self.first = None
        self.highlighted = None
        self._rerank()

    def restyle(self) -> None:
        self.grid.viewport().update()

    # ---------------------------------------------------------------- order
    def _take_pending(self) -> None:
        self._taken = time.monotonic()
        self.outputs = self._pending
        self._rerank()

    def _rerank(self) -> None:
        ds = self.dataset
        if ds is None:
            return
        outputs = self.outputs if self.outputs is not None and len(self.outputs) == ds.n \
            else None
        self.ranking = rank(ds, outputs, columns=self.columns, first=self.first)
        self.work["ranks"] += 1
        self.widest_label = self._widest_label()
        self._summarise(outputs is not None)
        self.grid.relayout()

    def _summarise(self, known: bool) -> None:
        r, ds = self.ranking, self.dataset
        if not known:
            text = translate("plots.gallery", "{n} test examples; their predictions show once "
                             "the network has run.").format(n=f"{len(r):,}")
        elif ds.task == "regression":
            text = translate("plots.gallery", "{n} test examples, the largest errors first."
                             ).format(n=f"{len(r):,}")
        else:
            text = translate("plots.gallery", "{wrong} of {n} test examples wrong: mistakes "
                             "first, the surest first.").format(
                wrong=f"{r.mistakes:,}", n=f"{len(r):,}")
        if r.chosen.any():
            text += " " + translate("plots.gallery", "The {k} of the chosen cell come first, "
                                    "ringed.").format(k=f"{int(r.chosen.sum()):,}")
        self.summary.setText(text)

    def _widest_label(self) -> str:
        """The label that sets the tiles' width: of the longest class names (fixed for a
        dataset, so tiles never resize while training), or of the values now shown."""
        ds = self.dataset
        if ds.task != "regression":
            names = ds.class_names or [str(k) for k in range(ds.y.shape[1])]
            longest = max(names, key=len, default="0")
            return f"ŷ {longest} · y {longest}"
        shown = range(min(len(self.ranking), 200))
        return max((self.tile_label(i) for i in shown), key=len, default="ŷ 0 · y 0")

    # --------------------------------------------------------------- tiles
    def tile_label(self, index: int) -> str:
        """What tile ``index`` says under its picture: "ŷ 3 · y 8"."""
        r, ds = self.ranking, self.dataset
        true = label_text(ds, r.true[index])
        if not np.isfinite(r.predicted[index]):
            return f"y {true}"
        return f"ŷ {label_text(ds, r.predicted[index])} · y {true}"

    def tooltip(self, index: int) -> str:
        r, ds = self.ranking, self.dataset
        row = int(r.rows[index])
        if not np.isfinite(r.predicted[index]):
            return translate("plots.gallery", "Row {row}: true {true}").format(
                row=row, true=label_text(ds, r.true[index]))
        if ds.task == "regression":
            return translate("plots.gallery", "Row {row}: predicted {pred}, true {true}, "
                             "error {err}").format(
                row=row, pred=label_text(ds, r.predicted[index]),
                true=label_text(ds, r.true[index]),
                err=label_text(ds, r.confidence[index]))
        return translate("plots.gallery", "Row {row}: predicted {pred} (output {conf}), "
                         "true {true}; click to trace it").format(
            row=row, pred=label_text(ds, r.predicted[index]),
            conf=numfmt.number(float(r.confidence[index]), 2),
            true=label_text(ds, r.true[index]))

    def font_for_labels(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(style.TICK_PT * uiscale.factor())
        return font

    def image(self, row: int) -> QImage:
        image = self._images.get(row)
        if image is None:
            image = self._images[row] = example_image(self.dataset, row, *self._range)
        return image

    def pixmap(self, row: int, width: int, height: int) -> QPixmap:
        """The row's picture at this size, square pixels (made once per size)."""
        key = (row, width, height)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > 4 * self.dataset.n:  # the view changed size often
                self._pixmaps.clear()
            pixmap = self._pixmaps[key] = QPixmap.fromImage(self.image(row).scaled(
                width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation))
        return pixmap

    def paint_tile(self, painter: QPainter, index: int, rect: QRect, ink: Ink) -> None:
        r = self.ranking
        row = int(r.rows[index])
        wrong = bool(r.wrong[index])
        picture_h = ink.picture_h
        if self.pictures:
            shape = self.dataset.image_shape
            pw, ph = min(rect.width(), round(picture_h * shape[1] / shape[0])), picture_h
        else:
            pw, ph = rect.width() - 4, picture_h
        target = QRect(rect.x() + (rect.width() - pw) // 2, rect.y() + 2, pw, ph)
        painter.drawPixmap(target.topLeft(), self.pixmap(row, pw, ph))
        painter.setPen(ink.frame)
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        text_rect = QRect(rect.x(), rect.y() + picture_h + 4, rect.width(),
                          rect.height() - picture_h - 4)
        painter.setPen(ink.wrong if wrong else ink.text)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         self.tile_label(index))
        ring = "highlight" if row == self.highlighted else (
            "chosen" if r.chosen[index] else "wrong" if wrong else None)
        if ring is not None:
            painter.setPen(ink.rings[ring])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    # ---------------------------------------------------------------- mouse
    def _on_click(self, row: int) -> None:
        self.highlight(row)
        self.sampleClicked.emit(row)

    def tile_center(self, index: int) -> QPoint:
        """Where tile ``index`` is on screen, in this widget's coordinates (for tests)."""
        rect = self.grid.tile_rect(index).translated(0, -self.grid.verticalScrollBar().value())
        return self.grid.viewport().mapTo(self, rect.center())
