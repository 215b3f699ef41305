"""What can be exported: a size in logical pixels and a way to paint it with a QPainter.

Every figure paints vectors where its view has vectors: the network scene through
``NetworkScene.render_to`` (whole network plus a margin, not only the visible part;
a backward-annotation overlay is part of the scene, so it comes along). The loss and
regions plots export as the slide's panels (``slide_panels``, in slide units).
``PlotFigure`` renders a pyqtgraph GraphicsScene as it is on screen (the error
surface), with item pixmap caches switched off while painting, otherwise axes would
land in an SVG as bitmaps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem

MARGIN = 30.0  # scene units around the network
MAX_TEXT_ZOOM = 4.0


class Figure:
    """Something to export: ``size`` in logical pixels (scale 1) and ``paint``."""

    title = "nnviz figure"

    def size(self) -> QSizeF:
        raise NotImplementedError

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        """Draw into ``target`` (device-independent units); ``background`` is already
        filled by the writer, a view that paints its own uses it too."""
        raise NotImplementedError


class NetworkFigure(Figure):
    title = "Network"

    def __init__(self, scene, margin: float = MARGIN, min_text: float = 0.0) -> None:
        self.scene = scene
        self.margin = margin
        # The smallest text (weight labels), in the painter's units where the network is
        # drawn: the slide asks for 2 % of its height, so a big network shrunk to fit
        # gets larger text rather than specks.
        self.min_text = min_text
        self.show_legend = True  # False: whoever places this figure draws the legend

    def legend(self) -> list[str]:
        """Legend lines of the scene's annotation overlays (the backward view's), if any."""
        lines: list[str] = []
        if not self.show_legend:
            return lines
        for item in getattr(self.scene, "overlays", ()):
            if item.isVisible() and hasattr(item, "legend_lines"):
                lines += item.legend_lines()
        return lines

    def _legend_size(self, lines: list[str]) -> QSizeF:
        if not lines:
            return QSizeF(0, 0)
        fm = QFontMetricsF(_legend_font())
        return QSizeF(max(fm.horizontalAdvance(s) for s in lines) + 2 * LEGEND_PAD,
                      LEGEND_LINE * len(lines) + 2 * LEGEND_PAD)

    def source(self) -> QRectF:
        scene = self.scene
        scene.flush()
        rect = scene.content_rect(self.margin)
        # Whatever the scene holds beyond the neurons (weight labels, an annotation
        # overlay) belongs to the figure too: grow to every visible item's bounds.
        for item in scene.items():
            # Editing controls (Playground's + / −, feature toggles) are not exported:
            # their room round the network would only shrink it.
            if (not item.isVisible() or item.parentItem() is not None
                    or getattr(item, "screen_only", False)):
                continue
            # The backward overlay: its label boxes, at the largest they get during a
            # step-through (so every step's figure is the same size).
            reserved = getattr(item, "content_rect", None)
            boxes = [reserved()] if callable(reserved) else [item.sceneBoundingRect()]
            for box in boxes:
                if box.width() < 1e4 and box.height() < 1e4:
                    rect = rect.united(box.adjusted(-4, -4, 4, 4))
        if rect.isNull() or rect.isEmpty():
            rect = QRectF(-100, -60, 200, 120)
        return rect

    def size(self) -> QSizeF:
        size, legend = self.source().size(), self._legend_size(self.legend())
        return QSizeF(max(size.width(), legend.width()), size.height() + legend.height())

    @staticmethod
    def smallest_text() -> float:
        """The canvas's smallest text at zoom 1, in scene units."""
        from nnviz.app.canvas.style import LABEL_FONT, SMALL_FONT, VALUE_FONT

        return min(f.pixelSize() for f in (LABEL_FONT, SMALL_FONT, VALUE_FONT))

    def text_zoom(self, target: QRectF) -> float:
        """How much larger the scene's text must be for ``min_text`` once the network is
        fitted into ``target`` (larger text grows the network's bounds: a few rounds)."""
        smallest = self.smallest_text()
        zoom, best = 1.0, (0.0, 1.0)  # (text, zoom) of the largest text seen
        for _ in range(8):
            with self.zoomed(zoom):
                size = self.size()  # with the legend, when it goes under the network
            k = min(target.width() / size.width(), target.height() / size.height())
            text = smallest * zoom * k
            if text >= self.min_text - 1e-9:
                return zoom
            best = max(best, (text, zoom))
            # Larger text grows the bounds, so the next guess undershoots: 1 % more. Past
            # MAX_TEXT_ZOOM the labels only push each other further out.
            zoom = min(MAX_TEXT_ZOOM, zoom * 1.01 * self.min_text / text)
            if zoom <= best[1] + 1e-9 and text < best[0]:
                break
        zoom = best[1]
        return zoom

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        zoom = self.text_zoom(target) if self.min_text > 0 else 1.0
        with self.zoomed(zoom):
            self._paint(painter, target)

    @contextmanager
    def zoomed(self, zoom: float) -> Iterator[None]:
        """The scene's text ``zoom`` times larger and its annotation overlays (the backward
        view's cards) laid out for it; all as before afterwards."""
        if zoom == getattr(self.scene, "text_zoom", 1.0):
            yield
            return
        overlays = [i for i in getattr(self.scene, "overlays", ()) if hasattr(i, "relayout")]
        try:
            with self.scene.text_zoomed(zoom):
                for item in overlays:
                    item.relayout()
                yield
        finally:
            for item in overlays:
                item.relayout()

    def _paint(self, painter: QPainter, target: QRectF) -> None:
        source, lines = self.source(), self.legend()
        if not lines:
            self.scene.render_to(painter, _fit(target, source.size()), source,
                                 background=QColor(0, 0, 0, 0))
            return
        # The legend goes under the network, at the network's scale, as real text.
        whole = _fit(target, self.size())
        k = whole.width() / self.size().width()
        legend = self._legend_size(lines)
        net = QRectF(whole.x(), whole.y(), whole.width(), whole.height() - legend.height() * k)
        self.scene.render_to(painter, _fit(net, source.size()), source,
                             background=QColor(0, 0, 0, 0))
        painter.save()
        painter.translate(whole.x(), net.bottom())
        painter.scale(k, k)
        painter.setFont(_legend_font())
        painter.setPen(QColor("#1f2933"))
        for i, line in enumerate(lines):
            painter.drawText(QRectF(LEGEND_PAD, LEGEND_PAD + LEGEND_LINE * i,
                                    legend.width(), LEGEND_LINE),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
        painter.restore()


LEGEND_LINE, LEGEND_PAD = 17.0, 8.0


def _legend_font() -> QFont:
    font = QFont()
    font.setPixelSize(13)
    return font


@contextmanager
def _uncached(scene):
    """No DeviceCoordinateCache while exporting: items paint as vectors."""
    saved = [(item, item.cacheMode()) for item in scene.items()]
    for item, _ in saved:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in saved:
            item.setCacheMode(mode)


class PlotFigure(Figure):
    """A pyqtgraph PlotWidget (the loss plot's or the decision plot's) at its size."""

    def __init__(self, plot_widget, title: str = "Plot") -> None:
        self.widget = plot_widget
        self.title = title

    def size(self) -> QSizeF:
        size = self.widget.size()
        return QSizeF(max(size.width(), 50) + 4, max(size.height(), 50) + 4)

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        widget = self.widget
        scene = widget.scene()
        # A pixel round the widget: the plot's closing box sits exactly on its edge.
        source = QRectF(widget.viewport().rect()).adjusted(-2, -2, 2, 2)
        # The view's own background is not part of its scene: the writer filled ours.
        with _uncached(scene):
            scene.render(painter, _fit(target, source.size()), source,
                         Qt.AspectRatioMode.KeepAspectRatio)


class SlideFigure(Figure):
    """A 16:9 slide: title on top, the network on the left, regions and loss beside it."""

    WIDTH, HEIGHT = 1600.0, 900.0

    def __init__(self, network: Figure, regions: Figure | None, loss: Figure | None,
                 title: str = "", ink: QColor | None = None) -> None:
        self.network, self.regions, self.loss = network, regions, loss
        self.title = title or "nnviz"
        self.ink = QColor(ink) if ink is not None else QColor("#1f2933")

    def size(self) -> QSizeF:
        return QSizeF(self.WIDTH, self.HEIGHT)

    def panels(self, target: QRectF) -> list[tuple[Figure, QRectF]]:
        sx, sy = target.width() / self.WIDTH, target.height() / self.HEIGHT
        pad, top = 40.0, 130.0

        def box(x: float, y: float, w: float, h: float) -> QRectF:
            return QRectF(target.x() + x * sx, target.y() + y * sy, w * sx, h * sy)

        body = self.HEIGHT - top - pad
        if self.regions is None and self.loss is None:
            return [(self.network, box(pad, top, self.WIDTH - 2 * pad, body))]
        # The network takes the left half at full height; the regions (square) and the
        # loss curve (wide) stack on the right, each in its own size in slide units.
        left = 0.5 * self.WIDTH
        out = [(self.network, box(pad, top, left - 1.5 * pad, body))]
        width = self.WIDTH - left - pad
        if self.regions is not None and self.loss is not None:
            upper = body * self.regions.size().height() / (
                self.regions.size().height() + self.loss.size().height() + 20)
            out.append((self.regions, box(left, top, width, upper)))
            out.append((self.loss, box(left, top + upper + 20, width, body - upper - 20)))
        else:
            only = self.regions if self.regions is not None else self.loss
            out.append((only, box(left, top, width, body)))
        return out

    def placed(self) -> list[tuple[Figure, QRectF]]:
        """Where each panel is drawn, in slide units (its own aspect, inside its box)."""
        # The plots keep to their column's left edge, so their y axes line up.
        # The network fits itself into its whole box: its text scale changes its shape.
        return [(fig, rect if fig is self.network else _fit(rect, fig.size(), left=True))
                for fig, rect in self.panels(QRectF(0, 0, self.WIDTH, self.HEIGHT))]

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        painter.save()
        # Everything in slide units: the writer's scale makes it sharper, never smaller.
        painter.translate(target.x(), target.y())
        painter.scale(target.width() / self.WIDTH, target.height() / self.HEIGHT)
        font = QFont()
        font.setPixelSize(48)
        font.setBold(True)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        painter.setFont(font)
        painter.setPen(self.ink)
        title = QFontMetricsF(font).elidedText(self.title, Qt.TextElideMode.ElideRight,
                                                self.WIDTH - 80)
        painter.drawText(QRectF(40, 30, self.WIDTH - 80, 70),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        for fig, rect in self.placed():
            painter.save()
            fig.paint(painter, rect, background)
            painter.restore()
        painter.restore()


def _fit(target: QRectF, size: QSizeF, left: bool = False) -> QRectF:
    """The largest rect of size's aspect ratio centred in target (or at its left edge)."""
    if size.width() <= 0 or size.height() <= 0:
        return QRectF(target)
    k = min(target.width() / size.width(), target.height() / size.height())
    w, h = size.width() * k, size.height() * k
    x = target.x() if left else target.x() + (target.width() - w) / 2
    return QRectF(x, target.y() + (target.height() - h) / 2, w, h)
