"""The slide's loss and decision-region panels, drawn in slide units with a QPainter.

The window's plots are pyqtgraph widgets sized for a screen: their scatter symbols and
cosmetic pens are device pixels and their fonts are points, so rendered into a 300-DPI
slide they came out three times smaller relative to the slide (the four XNOR points
were specks, the legend shrank and was clipped). These panels take the plots' data and
draw everything in slide units (the slide is 900 units high): text, markers and line
widths scale with the painter, so a slide at any resolution is the same picture, only
sharper, and vectors stay vectors in SVG and PDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from nnviz.app.export.figures import Figure, NetworkFigure, SlideFigure
from nnviz.app.export.gallery_panel import GalleryPanel
from nnviz.app.export.slide_units import (
    LABEL_PX,
    LEGEND_PX,
    MESSAGE_PX,
    MIN_TEXT,
    TICK_PX,
    colour,
    into,
    slide_font,
)
from nnviz.app.i18n import translate
from nnviz.app.plots.loss_plot import NOT_TRAINED
from nnviz.core.numfmt import number


def nice_ticks(lo: float, hi: float, count: int = 5) -> tuple[list[float], float]:
    """About ``count`` round values (steps of 1, 2 or 5 × 10^k) within [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo], 1.0
    raw = (hi - lo) / max(count, 1)
    exp = 10.0 ** math.floor(math.log10(raw))
    step = next(s * exp for s in (1.0, 2.0, 5.0, 10.0) if s * exp >= raw * (1 - 1e-9))
    first = math.ceil(lo / step - 1e-9) * step
    ticks = [first + k * step for k in range(int((hi - first) / step + 1e-9) + 1)]
    return [0.0 if abs(t) < step * 1e-9 else t for t in ticks], step


def tick_text(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0
    return number(value, decimals, unicode=True)


def log_tick_text(exponent: float) -> str:
    value = 10.0 ** exponent
    return number(value, max(0, -round(exponent)), unicode=True) if exponent > -5 else \
        f"1e{round(exponent)}".replace("-", "−")


def frame(painter: QPainter, rect: QRectF) -> QFontMetricsF:
    """An axis-coloured frame round ``rect``; the tick font is set, its metrics returned."""
    painter.setPen(QPen(colour("AXIS"), 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    font = slide_font(TICK_PX)
    painter.setFont(font)
    return QFontMetricsF(font)


@dataclass
class Axes:
    """A data → panel mapping for one plot box, and its axes drawn the slide's way."""

    box: QRectF
    x: tuple[float, float]
    y: tuple[float, float]

    def map(self, x: float, y: float) -> QPointF:
        (x0, x1), (y0, y1), b = self.x, self.y, self.box
        return QPointF(b.left() + (x - x0) / (x1 - x0) * b.width(),
                       b.bottom() - (y - y0) / (y1 - y0) * b.height())

    def draw(self, painter: QPainter, x_label: str, y_label: str, log_y: bool = False) -> None:
        b = self.box
        fm = frame(painter, b)
        xt, xs = nice_ticks(*self.x)
        for t in xt:
            p = self.map(t, self.y[0])
            painter.setPen(QPen(colour("AXIS"), 1.5))
            painter.drawLine(p, QPointF(p.x(), p.y() - 8))
            painter.setPen(colour("TEXT"))
            painter.drawText(QRectF(p.x() - 60, b.bottom() + 6, 120, fm.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             tick_text(t, xs))
        if log_y:
            yt = [float(e) for e in range(math.ceil(self.y[0] - 1e-9),
                                          math.floor(self.y[1] + 1e-9) + 1)]
            labels = [log_tick_text(e) for e in yt]
        else:
            yt, ys = nice_ticks(*self.y)
            labels = [tick_text(t, ys) for t in yt]
        for t, text in zip(yt, labels):
            p = self.map(self.x[0], t)
            painter.setPen(QPen(colour("AXIS"), 1.5))
            painter.drawLine(p, QPointF(p.x() + 8, p.y()))
            painter.setPen(colour("TEXT"))
            painter.drawText(QRectF(b.left() - 206, p.y() - fm.height() / 2, 200, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        label = slide_font(LABEL_PX)
        painter.setFont(label)
        lh = QFontMetricsF(label).height()
        painter.drawText(QRectF(b.left(), b.bottom() + 6 + fm.height(), b.width(), lh),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, x_label)
        # The y title just left of the widest tick label (a fixed gutter put "x2" far
        # from short ticks such as "0" and "5"), never beyond the panel's gutter.
        widest = max((fm.horizontalAdvance(text) for text in labels), default=0.0)
        gap = min(Y_GUTTER, 6 + widest + 10 + lh)
        painter.save()
        painter.translate(b.left() - gap, b.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-b.height() / 2, 0, b.height(), lh),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, y_label)
        painter.restore()


# Room round the plot box for tick labels and axis titles (slide units).
Y_GUTTER, X_GUTTER, RIGHT_ROOM = 106.0, 66.0, 44.0
TOP_ROOM = 16.0  # half a tick label above the box: the top value ("+1") was cut


MIN_LOSS_SPAN = 1e-3  # the linear loss axis's smallest range: tick labels stay short


@dataclass
class LossPanel(Figure):
    """Train and test loss against epoch; an untrained document says so."""

    epochs: np.ndarray
    train: np.ndarray
    test: np.ndarray
    log_y: bool = False
    title: str = "Loss"
    SIZE = (760.0, 270.0)

    @classmethod
    def from_plot(cls, loss_plot) -> LossPanel:
        from nnviz.app.plots.loss_plot import EPOCH, TEST_LOSS, TRAIN_LOSS

        h = loss_plot.history
        log = bool(getattr(loss_plot.plot_item.getAxis("left"), "logMode", False))
        return cls(h.column(EPOCH).copy(), h.column(TRAIN_LOSS).copy(),
                   h.column(TEST_LOSS).copy(), log)

    def size(self) -> QSizeF:
        return QSizeF(*self.SIZE)

    def trained(self) -> bool:
        return len(self.epochs) > 0 and bool(np.isfinite(self.train).any())

    def box(self) -> QRectF:
        w, h = self.SIZE
        # On the right, room for half of the last epoch's tick label ("10,000" was cut).
        return QRectF(Y_GUTTER + 8, TOP_ROOM, w - Y_GUTTER - 8 - RIGHT_ROOM,
                      h - X_GUTTER - 4 - TOP_ROOM)

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        painter.save()
        into(painter, target, self.size())
        box = self.box()
        if not self.trained():
            painter.setPen(QPen(colour("MUTED"), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            painter.setFont(slide_font(MESSAGE_PX))
            painter.setPen(colour("MUTED"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                             translate("plots.loss_plot", NOT_TRAINED))
            painter.restore()
            return
        # The window's words for them (its language), as its loss plot shows them.
        curves = [(self.train, colour("TRAIN"), translate("plots.loss_plot", "train")),
                  (self.test, colour("TEST"), translate("plots.loss_plot", "test"))]
        values = [self._y(v) for v, *_ in curves]
        axes = self.axes()
        axes.draw(painter, translate("plots.loss_plot", "epoch"),
                  translate("plots.loss_plot", "loss"), self.log_y)
        painter.save()
        painter.setClipRect(box)
        for v, (_, pen, _) in zip(values, curves):
            path = QPainterPath()
            started = False
            for x, y in zip(self.epochs, v):
                if not np.isfinite(y):
                    started = False
                    continue
                p = axes.map(float(x), float(y))
                path.lineTo(p) if started else path.moveTo(p)
                started = True
            painter.setPen(QPen(pen, 3.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.restore()
        shown = [(c, n) for v, (_, c, n) in zip(values, curves) if np.isfinite(v).any()]
        if shown:
            legend(painter, box, shown, at=self.legend_box().topLeft())
        painter.restore()

    def axes(self) -> Axes:
        """The plot box's data ranges: all epochs, the loss from zero (or its decades)."""
        values = [self._y(v) for v in (self.train, self.test)]
        finite = np.concatenate([v[np.isfinite(v)] for v in values])
        x0, x1 = float(self.epochs[0]), float(self.epochs[-1])
        if x1 <= x0:
            x1 = x0 + 1.0
        y0, y1 = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
        if not self.log_y:
            y0 = min(y0, 0.0)  # loss from zero: the drop reads as a proportion
            # A loss of exactly zero (a perceptron that separates its points) had ticks
            # 1e-11 apart, their labels wider than the panel.
            y1 = max(y1, y0 + MIN_LOSS_SPAN)
        elif math.ceil(y0 - 1e-9) > math.floor(y1 + 1e-9):
            y0 = math.floor(y0)  # at least one decade's tick on a log axis
        pad = 0.05 * max(y1 - y0, 1e-9)
        return Axes(self.box(), (x0, x1), (y0 - (pad if self.log_y else 0.0), y1 + pad))

    def names(self) -> list[str]:
        return [n for v, n in ((self.train, translate("plots.loss_plot", "train")),
                               (self.test, translate("plots.loss_plot", "test")))
                if np.isfinite(v).any()]

    def legend_box(self) -> QRectF:
        """The legend's card in the corner of the plot box that covers the fewest curve
        points: top right, else bottom right, top left, bottom left (a loss that stays
        high ran under a card pinned top right)."""
        box, axes = self.box(), self.axes()
        xs = np.linspace(*axes.x, 200)  # densely: a few epochs are long straight segments
        points = []
        for v in (self._y(self.train), self._y(self.test)):
            ok = np.isfinite(v)
            if ok.any():
                points += [axes.map(float(x), float(y))
                           for x, y in zip(xs, np.interp(xs, self.epochs[ok], v[ok]))]
        card = legend_rect(box, self.names() or ["train"])
        inset = card.top() - box.top()
        corners = [card.topLeft(), QPointF(card.left(), box.bottom() - inset - card.height()),
                   QPointF(box.left() + inset, card.top()),
                   QPointF(box.left() + inset, box.bottom() - inset - card.height())]
        best, fewest = card, None
        for corner in corners:
            candidate = QRectF(card)
            candidate.moveTopLeft(corner)
            near = candidate.adjusted(-6, -6, 6, 6)
            covered = sum(1 for p in points if near.contains(p))
            if fewest is None or covered < fewest:
                best, fewest = candidate, covered
            if covered == 0:
                break
        return best

    def _y(self, v: np.ndarray) -> np.ndarray:
        if not self.log_y:
            return v
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(v > 0, np.log10(np.where(v > 0, v, 1.0)), np.nan)


LEGEND_KEY, LEGEND_GAP, LEGEND_PAD = 34.0, 10.0, 10.0


def legend_rect(box: QRectF, names: list[str]) -> QRectF:
    """The legend card in the top-right corner of ``box``, sized by its text's metrics."""
    fm = QFontMetricsF(slide_font(LEGEND_PX))
    w = LEGEND_KEY + LEGEND_GAP + max(fm.horizontalAdvance(n) for n in names) + 2 * LEGEND_PAD
    h = fm.height() * len(names) + 2 * LEGEND_PAD
    return QRectF(box.right() - 12 - w, box.top() + 12, w, h)


def legend(painter: QPainter, box: QRectF, entries: list[tuple[QColor, str]],
           line: bool = True, at: QPointF | None = None) -> QRectF:
    """Draw the legend card of ``legend_rect`` (or with its top-left corner ``at``): a line
    (curves) or a dot (classes) each."""
    if not entries:
        return QRectF()
    font = slide_font(LEGEND_PX)
    fm = QFontMetricsF(font)
    card = legend_rect(box, [name for _, name in entries])
    if at is not None:
        card.moveTopLeft(at)
    fill, edge = colour("BACKGROUND"), colour("MUTED")
    fill.setAlpha(235)
    painter.setPen(QPen(edge, 1.2))
    painter.setBrush(fill)
    painter.drawRect(card)
    painter.setFont(font)
    for i, (key, name) in enumerate(entries):
        y = card.top() + LEGEND_PAD + fm.height() * (i + 0.5)
        x = card.left() + LEGEND_PAD
        if line:
            painter.setPen(QPen(key, 4.0))
            painter.drawLine(QPointF(x, y), QPointF(x + LEGEND_KEY, y))
        else:
            painter.setPen(QPen(colour("BACKGROUND"), 1.5))
            painter.setBrush(key)
            painter.drawEllipse(QPointF(x + LEGEND_KEY / 2, y), 8, 8)
        painter.setPen(colour("TEXT"))
        text = QRectF(x + LEGEND_KEY + LEGEND_GAP, y - fm.height() / 2,
                      card.right() - x - LEGEND_KEY - LEGEND_GAP, fm.height())
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextDontClip, name)
    return card


BAR_GAP, BAR_WIDTH = 26.0, 24.0


def marker_diameter(n: int) -> float:
    """Data points in slide units: a handful of points (a logic gate) large, a cloud small."""
    return 26.0 if n <= 16 else 13.0 if n <= 300 else 9.0 if n <= 2000 else 6.0


@dataclass
class Points:
    xy: np.ndarray
    fill: list[QColor]
    rim: list[QColor]
    hollow: bool


@dataclass
class RegionsPanel(Figure):
    """The decision map with its data points, axes and colour bar (or class key)."""

    image: QImage | None
    extent: QRectF  # the map's rect in data coordinates
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    points: list[Points] = field(default_factory=list)
    ring: np.ndarray | None = None
    bar: tuple | None = None  # (colour stops [(position, QColor)], (lo, hi), ticks, title)
    classes: list[tuple[QColor, str]] = field(default_factory=list)
    labels: tuple[str, str] = ("x1", "x2")
    title: str = "Decision regions"
    SIZE = (760.0, 440.0)

    @classmethod
    def from_plot(cls, plot) -> RegionsPanel | GalleryPanel:
        """The plot as it shows now: its map, or its gallery of test examples (data of
        more than two inputs)."""
        if plot.gallery_shown:
            return GalleryPanel.from_gallery(plot.gallery)
        img = plot.image
        image, extent = None, QRectF()
        if img.image is not None:
            if img.qimage is None:
                img.render()
            if img.qimage is not None:
                image = img.qimage.copy()
                extent = img.mapRectToParent(img.boundingRect())
        (x0, x1), (y0, y1) = plot.view.viewRange()
        if not extent.isEmpty():  # the map's edges are the axes' edges, as in the window
            x0, x1, y0, y1 = extent.left(), extent.right(), extent.top(), extent.bottom()
        shown = [item for item, _ in plot.points.items if item.isVisible()]
        total = sum(len(item.data) for item in shown)
        points = []
        for item in shown:
            x, y = item.getData()
            if len(x) == 0:
                continue
            brushes = item.data["brush"]
            pens = item.data["pen"]
            default_brush, default_pen = pg_brush(item.opts["brush"]), pg_pen(item.opts["pen"])
            fill = [pg_brush(b) if b is not None else default_brush for b in brushes]
            rim = [pg_pen(p) if p is not None else default_pen for p in pens]
            hollow = fill[0].alpha() < 255 and fill[0].lightness() > 240
            points.append(Points(np.column_stack([x, y]), fill, rim, hollow))
        rx, _ = plot.points.ring.getData()
        ring = np.column_stack(plot.points.ring.getData()) if len(rx) else None
        bar = None
        if plot.colour_bar.opacity() > 0 and plot.dataset is not None:
            cmap, (lo, hi) = plot.colour_bar.colorMap(), plot.colour_bar.levels()
            stops = [(float(p), QColor(c)) for p, c in zip(*cmap.getStops(mode="qcolor"))]
            levels = getattr(plot.colour_bar.axis, "_tickLevels", None)
            # A true minus, as the axes write it (pyqtgraph's bar labels used a hyphen).
            ticks = [(float(v), str(t).replace("-", "−")) for v, t in levels[0]] \
                if levels else None
            title = plot.colour_bar.getAxis("left").labelText or "output"
            bar = (stops, (float(lo), float(hi)), ticks, title)
        classes = []
        if plot.class_key.isVisibleTo(plot) or (bar is None and plot.points.legend_entries()):
            classes = [(QColor(c), name) for c, name in plot.points.legend_entries()]
        names = getattr(plot.dataset, "feature_names", None) or ["x1", "x2"]
        labels = (names[0], names[1] if len(names) > 1 else "")
        panel = cls(image, extent, (x0, x1), (y0, y1), points, ring, bar, classes, labels)
        panel.total = total
        return panel

    def box(self) -> QRectF:
        """The square map, in panel units."""
        side = self.SIZE[1] - X_GUTTER - 10 - TOP_ROOM
        return QRectF(Y_GUTTER + 8, TOP_ROOM, side, side)

    def size(self) -> QSizeF:
        """As wide as the map and its colour bar or class key: a stand-alone export has no
        empty strip on the right (the slide puts the panel at its column's left edge)."""
        box, fm = self.box(), QFontMetricsF(slide_font(TICK_PX))
        if self.bar is not None:
            stops, (lo, hi), ticks, _ = self.bar
            texts = [t for _, t in ticks] if ticks else [
                tick_text(v, step) for values, step in [nice_ticks(lo, hi, 4)] for v in values]
            width = max((fm.horizontalAdvance(t) for t in texts), default=0.0)
            right = box.right() + BAR_GAP + BAR_WIDTH + 14 + width + \
                QFontMetricsF(slide_font(LABEL_PX)).height()
        elif self.classes:
            right = box.right() + 20 + legend_rect(box, [n for _, n in self.classes]).width()
        else:
            right = box.right()
        return QSizeF(min(self.SIZE[0], math.ceil(right + 16)), self.SIZE[1])

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        painter.save()
        into(painter, target, self.size())
        box = self.box()
        axes = Axes(box, self.x_range, self.y_range)
        painter.fillRect(box, colour("BACKGROUND"))
        if self.image is not None and not self.extent.isEmpty():
            top_left = axes.map(self.extent.left(), self.extent.bottom())
            bottom_right = axes.map(self.extent.right(), self.extent.top())
            painter.save()
            painter.setClipRect(box)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            # pyqtgraph's row-major image runs y downwards in data: flip to y up
            painter.translate(top_left.x(), bottom_right.y())
            painter.scale(1, -1)
            painter.drawImage(QRectF(0, 0, bottom_right.x() - top_left.x(),
                                     bottom_right.y() - top_left.y()), self.image)
            painter.restore()
        d = marker_diameter(getattr(self, "total", sum(len(p.xy) for p in self.points)))
        painter.save()
        painter.setClipRect(box.adjusted(-d, -d, d, d))
        for group in self.points:
            for (x, y), fill, rim in zip(group.xy, group.fill, group.rim):
                painter.setPen(QPen(rim, max(1.0, d * (0.22 if group.hollow else 0.12))))
                painter.setBrush(QBrush(fill))
                painter.drawEllipse(axes.map(float(x), float(y)), d / 2, d / 2)
        if self.ring is not None:
            painter.setPen(QPen(QColor("#111111"), 3.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for x, y in self.ring:
                painter.drawEllipse(axes.map(float(x), float(y)), d * 1.1, d * 1.1)
        painter.restore()
        axes.draw(painter, *self.labels)
        if self.bar is not None:
            self._bar(painter, QRectF(box.right() + BAR_GAP, box.top(), BAR_WIDTH,
                                      box.height()))
        elif self.classes:
            legend(painter, box, self.classes, line=False,
                   at=QPointF(box.right() + 20, box.top()))
        painter.restore()

    def _bar(self, painter: QPainter, rect: QRectF) -> None:
        stops, (lo, hi), ticks, title = self.bar
        ramp = QLinearGradient(rect.bottomLeft(), rect.topLeft())  # lo at the bottom
        for position, stop in stops:
            ramp.setColorAt(position, stop)
        painter.fillRect(rect, ramp)
        fm = frame(painter, rect)
        if ticks is None:
            values, step = nice_ticks(lo, hi, 4)
            ticks = [(v, tick_text(v, step)) for v in values]
        painter.setPen(colour("TEXT"))
        for v, text in ticks:
            y = (rect.bottom() - (v - lo) / (hi - lo) * rect.height() if hi > lo
                 else rect.center().y())
            painter.drawText(QRectF(rect.right() + 6, y - fm.height() / 2, 200, fm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        width = max((fm.horizontalAdvance(t) for _, t in ticks), default=0)
        label = slide_font(LABEL_PX)
        painter.setFont(label)
        painter.save()  # read bottom to top, as the y axis's title is
        painter.translate(rect.right() + 14 + width, rect.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-rect.height() / 2, 0, rect.height(),
                                QFontMetricsF(label).height()),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title)
        painter.restore()


def pg_brush(brush) -> QColor:
    import pyqtgraph as pg

    return QColor(pg.mkBrush(brush).color())


def pg_pen(pen) -> QColor:
    import pyqtgraph as pg

    return QColor(pg.mkPen(pen).color())


def slide(scene, decision_plot, loss_plot, title: str, ink: QColor | None = None) -> SlideFigure:
    """The 16:9 slide of a network scene and the two plots' current data."""
    return SlideFigure(NetworkFigure(scene, min_text=MIN_TEXT),
                       RegionsPanel.from_plot(decision_plot),
                       LossPanel.from_plot(loss_plot), title, ink=ink)
