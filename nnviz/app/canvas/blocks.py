"""Wide layers on the canvas: one block item per wide layer, one bundle item per pair of
ends its edges join (see ``nnviz.core.blocking`` for which layers and bundles).

A block paints one small image, a cell per neuron: the highlighted example's inputs in
grey (the picture itself when the data are pictures), a hidden or output layer's
activations diverging, and in the backward view its δ. Repainting it is one scaled
``drawImage``, however many neurons it holds; the image is coloured again only when the
numbers change. Hovering a cell names the neuron and its number and asks the scene for
that unit's weight card (``weightcard.py``); a double-click expands the block.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

# The module, not its names: arrayimage imports canvas.style, whose package imports
# the scene and so this module; its functions are looked up when called.
from nnviz.app import arrayimage
from nnviz.app.canvas.style import (
    ACCENT,
    BOUNDED,
    FILL,
    INK,
    LABEL_FONT,
    MUTED,
    POSITIVE,
    RING,
    SMALL_FONT,
    R,
    legible,
    zoomed,
)
from nnviz.app.i18n import translate
from nnviz.core.blocking import Block
from nnviz.core.numfmt import number

TITLE = 18.0  # scene units above a block for its title
TITLE_GROWTH = 1.5  # the title grows up to this to stay readable zoomed out
_GROWN = QFont(LABEL_FONT)  # the title at its largest on screen (what its bounds allow for)
_GROWN.setPixelSize(math.ceil(LABEL_FONT.pixelSize() * TITLE_GROWTH))
GRID_PX = 7.0  # cell lines are drawn when a cell is at least this many pixels on screen


def block_image(block: Block, values: np.ndarray | None, kind: str, activation: str) -> QImage:
    """The block's cells coloured: inputs in grey (white is the smallest of 0 and the
    example's values, black its largest), activations and δ diverging around 0 (bounded
    activations at their bound's colour, others and δ at their own largest magnitude)."""
    if values is None:
        grid = np.full((block.rows, block.cols), np.nan)
        return arrayimage.grey_image(grid)
    grid = block.grid(values)
    if kind == "a" and block.role == "input":
        finite = grid[np.isfinite(grid)]
        lo = min(0.0, float(finite.min())) if finite.size else 0.0
        hi = float(finite.max()) if finite.size else 1.0
        return arrayimage.grey_image(grid, lo, hi if hi > lo else lo + 1.0)
    bound = BOUNDED.get(activation) if kind == "a" else None
    scale = max(abs(bound[0]), abs(bound[1])) if bound is not None else None
    return arrayimage.diverging_image(grid, scale)


class BlockItem(QGraphicsItem):
    """A wide layer: its title, a cell per neuron, and the expand control."""

    def __init__(self, block: Block, activation: str) -> None:
        super().__init__()
        self.block = block
        self.activation = activation
        self.values: np.ndarray | None = None  # per neuron, in block.ids order
        self.kind = "a"  # "a": activations (inputs: the example); "delta": backward δ
        self.focus: int | None = None  # the cell the stepper is at
        self.hovered: int | None = None
        self.image = block_image(block, None, "a", activation)
        self.setPos(block.left, block.top)
        self.setZValue(1.5)
        self.setAcceptHoverEvents(True)

    @property
    def key(self) -> str:
        return self.block.key

    def set_values(self, values: np.ndarray | None, kind: str = "a",
                   focus: int | None = None) -> None:
        """New numbers for the cells (NaN: not known yet); colours only when they changed."""
        same = (kind == self.kind and focus == self.focus
                and (values is None) == (self.values is None)
                and (values is None or np.array_equal(values, self.values, equal_nan=True)))
        if same:
            return
        self.values, self.kind, self.focus = values, kind, focus
        self.image = block_image(self.block, values, kind, self.activation)
        self.update()

    def title(self) -> str:
        b = self.block
        n = f"{len(b.ids):,}"
        if b.role == "input":
            text = translate("canvas.blocks", "{n} inputs").format(n=n)
            return text + (f" · {b.rows}×{b.cols}" if b.image else "")
        if b.role == "output":
            return translate("canvas.blocks", "{n} outputs").format(n=n)
        return translate("canvas.blocks", "{n} neurons").format(n=n)

    def cell_rect(self, k: int) -> QRectF:
        row, col = self.block.place(k)
        c = self.block.cell
        return QRectF(col * c, row * c, c, c)

    def cell_centre(self, k: int) -> QPointF:
        """Scene position of neuron k's cell (what a test or a gesture points at)."""
        return self.mapToScene(self.cell_rect(k).center())

    def index_at(self, scene_pos: QPointF) -> int | None:
        return self.block.at(scene_pos.x(), scene_pos.y())

    def value_text(self, k: int) -> str:
        """What hovering cell k says: the neuron's name and its number."""
        scene = self.scene()
        nid = self.block.ids[k]
        net = scene.network if scene is not None else None
        label = net.neurons[nid].label if net is not None and nid in net.neurons else nid
        value = None if self.values is None else float(self.values[k])
        if value is None or not np.isfinite(value):
            return label
        symbol = "δ" if self.kind == "delta" else ("x" if self.block.role == "input" else "a")
        text = scene.blocks.fmt(value) if scene is not None else number(value, 4, True)
        return f"{label}: {symbol} = {text}"

    # ---------------------------------------------------------------- events
    def hoverMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        k = self.index_at(event.scenePos())
        if k != self.hovered:
            old, self.hovered = self.hovered, k
            for cell in (old, k):
                if cell is not None:
                    self.update(self.cell_rect(cell).adjusted(-2, -2, 2, 2))
            scene = self.scene()
            carded = scene is not None and scene.hover_cell(self, k)
            # A unit with incoming weights says its number on its card; no tooltip on top.
            self.setToolTip("" if carded else self.value_text(k) if k is not None
                            else self.title())

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.hovered is not None:
            self.update(self.cell_rect(self.hovered).adjusted(-2, -2, 2, 2))
        self.hovered = None
        scene = self.scene()
        if scene is not None:
            scene.hover_cell(self, None)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        scene = self.scene()
        if scene is not None:
            scene.expand(self.key)
        event.accept()

    # -------------------------------------------------------------- painting
    def title_font(self, scale: float) -> QFont | None:
        scene = self.scene()
        zoom = getattr(scene, "text_zoom", 1.0)
        if getattr(scene, "exporting", False):
            return zoomed(LABEL_FONT, zoom)
        return legible(LABEL_FONT, scale, TITLE_GROWTH)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        # The title may be wider than a narrow strip: room for it at its largest.
        b = self.block
        scene = self.scene()
        zoom = getattr(scene, "text_zoom", 1.0) if scene is not None else 1.0
        width = max(b.width, max(QFontMetricsF(f).horizontalAdvance(self.title())
                                 for f in (zoomed(LABEL_FONT, zoom), _GROWN)) + 8)
        high = TITLE * max(zoom, TITLE_GROWTH)
        return QRectF(b.width / 2 - width / 2 - 4, -high - 4, width + 8, b.height + high + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.block.width, self.block.height))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        b = self.block
        body = QRectF(0, 0, b.width, b.height)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # crisp cells
        painter.fillRect(body, FILL[b.role])
        painter.drawImage(body, self.image)
        scale = painter.worldTransform().m11()
        if b.cell * scale >= GRID_PX and b.rows * b.cols <= 4096:
            painter.setPen(QPen(QColor(255, 255, 255, 120), 0))
            lines = [((0, r * b.cell), (b.width, r * b.cell)) for r in range(1, b.rows)]
            lines += [((c * b.cell, 0), (c * b.cell, b.height)) for c in range(1, b.cols)]
            painter.drawLines([QPointF(*p) for line in lines for p in line])
        ring, width = RING[b.role]
        painter.setPen(QPen(ring, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(body)
        for cell, colour in ((self.focus, ACCENT), (self.hovered, INK)):
            if cell is not None:
                painter.setPen(QPen(colour, max(1.5, 2.0 / max(scale, 1e-3))))
                painter.drawRect(self.cell_rect(cell))
        font = self.title_font(scale)
        if font is None:
            return
        painter.setFont(font)
        painter.setPen(MUTED)
        box = self.boundingRect()
        painter.drawText(QRectF(box.left(), box.top(), box.width(), -box.top() - 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         self.title())
        if self.values is None or not np.isfinite(self.values).any():
            small = legible(SMALL_FONT, scale, 2.0)
            if small is not None and b.width >= 60:  # room to say why it is empty
                painter.drawText(body.adjusted(4, 4, -4, -4), Qt.AlignmentFlag.AlignCenter
                                 | Qt.TextFlag.TextWordWrap, translate(
                                     "canvas.blocks", "highlight an example to see it"))


class BundleItem(QGraphicsItem):
    """Every edge between two ends (a block and a block, or a block and a neuron) as one
    band: wide where it meets a block's side, a point where it meets a neuron."""

    def __init__(self, ends: tuple[str, str], count: int, source, target) -> None:
        super().__init__()
        self.ends, self.count = ends, count
        self.source, self.target = source, target  # BlockItem or NeuronItem
        self.path = QPainterPath()
        self.share = 1  # bundles meeting the same side of a block: each is that much fainter
        self.setZValue(-0.6)  # under the edge layer's lines
        self.setAcceptHoverEvents(True)
        for end in (source, target):
            if not isinstance(end, BlockItem):
                end.edges.append(self)  # a neuron moved: adjust() follows it
        self.adjust()

    def detach(self) -> None:
        for end in (self.source, self.target):
            if not isinstance(end, BlockItem) and self in end.edges:
                end.edges.remove(self)

    @staticmethod
    def _side(end, right: bool) -> tuple[float, float, float]:
        """x, top and bottom where the band meets this end."""
        if isinstance(end, BlockItem):
            b = end.block
            return (b.left + b.width if right else b.left), b.top, b.top + b.height
        x = end.x() + (R if right else -R)
        return x, end.y() - 3.0, end.y() + 3.0

    def adjust(self) -> None:
        self.prepareGeometryChange()
        sx, st, sb = self._side(self.source, True)
        tx, tt, tb = self._side(self.target, False)
        mid = (sx + tx) / 2
        path = QPainterPath(QPointF(sx, st))
        path.cubicTo(QPointF(mid, st), QPointF(mid, tt), QPointF(tx, tt))
        path.lineTo(QPointF(tx, tb))
        path.cubicTo(QPointF(mid, tb), QPointF(mid, sb), QPointF(sx, sb))
        path.closeSubpath()
        self.path = path

    def tooltip(self, source: str, target: str, low: float, high: float) -> str:
        return translate("canvas.blocks", "<b>{n} edges</b> {a} → {b}<br>weights from {lo} to "
                         "{hi} · hover a block's cell for one unit's weights").format(
            n=f"{self.count:,}", a=source, b=target, lo=number(low, 3, significant=True),
            hi=number(high, 3, significant=True))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.path.boundingRect().adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        return self.path

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        scene = self.scene()
        if scene is not None:
            self.setToolTip(scene.bundle_tooltip(self))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        # Where many bands leave one side (a block feeding ten outputs) they add up to
        # the look of one band there, not to a solid wall.
        fill = QColor(POSITIVE)
        fill.setAlpha(max(6, round(38 / self.share)))
        edge = QColor(POSITIVE)
        edge.setAlpha(max(30, round(110 / self.share ** 0.5)))
        painter.setPen(QPen(edge, 0))
        painter.setBrush(fill)
        painter.drawPath(self.path)
