"""The pixels of the network diagram: one NeuronItem per neuron, one EdgeItem per edge.

Items only draw; they never change the document. The scene (``scene.py``) keeps
them in step with it and turns gestures into commands. Painting is lean on
purpose — a 5,000-edge network repaints every edge — so pens are shared per weight
bucket (``style.py``), geometry is computed once per move, and nothing is drawn
that the zoom level would make illegible.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnviz.app.canvas.style import (
    ACCENT,
    BACKING,
    FILL,
    HANDLE,
    HANDLE_R,
    INK,
    LABEL_FONT,
    LOD_ARROWS,
    LOD_DETAIL,
    MUTED,
    RING,
    VALUE_FONT,
    R,
    edge_style,
    legible,
    pens,
    value_colour,
    zoomed,
)
from nnviz.app.i18n import translate
from nnviz.core.network import Neuron

NAME_GROWTH = 1.5  # a neuron's name and value grow up to this to stay readable zoomed out
TEXT_ROOM = 34.0  # how far below the body the name and value may reach (× an export's zoom)


class NeuronItem(QGraphicsItem):
    """A neuron: body by role, label, optional activation fill or decision-map thumbnail."""

    def __init__(self, neuron: Neuron) -> None:
        super().__init__()
        self.id = neuron.id
        self.edges: list[EdgeItem] = []
        self.value: float | None = None  # activation of the highlighted example
        self.thumbnail = Thumbnail(self)  # the decision map, redrawn without the rest
        self.hovered = False
        self.connect_state: str | None = None  # "ok" / "bad" while a connection hovers here
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemIsMovable
                      | flags.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(2.0)
        # Neurons change looks rarely but are repainted whenever an edge under them is:
        # a cached pixmap per zoom level makes that a blit (a drag of a big network
        # went from ~40 ms to a few ms of neuron painting per frame).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_neuron(neuron)

    @property
    def image(self) -> QImage | None:
        """The decision-map thumbnail, or None."""
        return self.thumbnail.image

    @image.setter
    def image(self, image: QImage | None) -> None:
        # Only the thumbnail's small cache is redrawn when the map changes; the body,
        # ring and label (text is what costs) are redrawn only when a map comes or goes.
        if (image is None) != (self.thumbnail.image is None):
            self.update()
        self.thumbnail.image = image
        self.thumbnail.update()

    def set_neuron(self, neuron: Neuron) -> None:
        self.label, self.role, self.activation = neuron.label, neuron.role, neuron.activation
        role = {"input": translate("canvas.items", "input"),
                "hidden": translate("canvas.items", "hidden"),
                "output": translate("canvas.items", "output")}.get(neuron.role, neuron.role)
        self.setToolTip(
            f"<b>{escape(neuron.label)}</b> — {role}, {neuron.activation}<br>"
            + translate("canvas.items", "Drag to move · drag from the ● port on the right, "
                        "Shift-drag or right-drag to connect to another neuron · double-click "
                        "to rename · right-click for more"))
        if self.pos() != QPointF(neuron.x, neuron.y):
            self.setPos(neuron.x, neuron.y)
        self.update()

    # ------------------------------------------------------------- geometry
    def border(self, ux: float, uy: float) -> float:
        """Distance from the centre to the outline along the unit direction (ux, uy)."""
        ring = RING[self.role][1] / 2
        if self.role == "input":
            return min((R - 1) / max(abs(ux), abs(uy), 1e-9), R * 1.25) + ring
        return R + ring

    def body(self) -> QPainterPath:
        path = QPainterPath()
        if self.role == "input":
            path.addRoundedRect(QRectF(-R + 1, -R + 1, 2 * R - 2, 2 * R - 2), 7, 7)
        else:
            path.addEllipse(QPointF(0, 0), R, R)
        return path

    def has_port(self) -> bool:
        return self.role != "output"

    def port_contains(self, local: QPointF) -> bool:
        d = local - HANDLE
        return self.has_port() and d.x() ** 2 + d.y() ** 2 <= (HANDLE_R + 3) ** 2

    def text_zoom(self) -> float:
        """The scene's export text scale (1 on screen)."""
        return getattr(self.scene(), "text_zoom", 1.0)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        # Body with halo, the port on the right, two text lines below.
        z = self.text_zoom()
        if z == 1.0:
            return QRectF(-R - 48, -R - 6, 2 * R + 96, R + TEXT_ROOM + R + 6)
        # An export with larger text is fitted to these bounds: as wide as its text is.
        fm = QFontMetricsF(zoomed(LABEL_FONT, z))
        text = max(fm.horizontalAdvance(self.label),
                   QFontMetricsF(zoomed(VALUE_FONT, z)).horizontalAdvance("-0.00"))
        half = max(R + 14, text / 2 + 4)
        return QRectF(-half, -R - 6, 2 * half, R + TEXT_ROOM * z + R + 6)

    def shape(self) -> QPainterPath:
        path = self.body()
        if self.has_port():
            path.addEllipse(HANDLE, HANDLE_R + 3, HANDLE_R + 3)
        return path

    def itemChange(self, change, value):  # noqa: N802 (Qt's name)
        kind = QGraphicsItem.GraphicsItemChange
        if change == kind.ItemPositionChange:
            scene = self.scene()
            if scene is not None and getattr(scene, "snapping", False):
                column = scene.column
                return QPointF(round(value.x() / column) * column, value.y())
        elif change == kind.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
            scene = self.scene()
            if scene is not None:
                scene.labels = None  # weight labels are placed afresh
        return super().itemChange(change, value)

    # --------------------------------------------------------------- events
    def hoverEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hovered = True
        self.update()
        if self.scene() is not None:
            self.scene().hover(self.id)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hovered = False
        self.update()
        if self.scene() is not None:
            self.scene().hover(None)

    def hoverMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        on_port = self.port_contains(event.pos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_port else Qt.CursorShape.ArrowCursor)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        scene = self.scene()
        if scene is not None and not scene.moving:
            scene.begin_move()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().mouseReleaseEvent(event)
        scene = self.scene()
        if scene is not None and scene.moving:
            scene.end_move()

    # ------------------------------------------------------------- painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # An export is laid out for its own size (its text zoomed to be read): all detail.
        detail = lod >= LOD_DETAIL or getattr(self.scene(), "exporting", False)
        body = self.body()
        selected = self.isSelected()
        if selected or self.connect_state:
            colour = QColor(ACCENT if self.connect_state != "bad" else QColor("#d64545"))
            colour.setAlpha(90)
            painter.setPen(QPen(colour, 7.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(body)
        show_image = self.image is not None and detail
        fill: QColor | None = None
        if show_image:
            pass  # the Thumbnail child shows through the unfilled body
        elif self.value is not None:
            fill = value_colour(self.value, self.activation)
        else:
            fill = FILL[self.role]
        ring_colour, ring_width = RING[self.role]
        painter.setPen(QPen(ACCENT if selected else ring_colour, ring_width))
        painter.setBrush(QBrush(fill) if fill is not None else Qt.BrushStyle.NoBrush)
        painter.drawPath(body)
        # Text at least MIN_TEXT_PX tall on screen: a name grows up to NAME_GROWTH times to
        # stay readable when zoomed out, then goes (the tooltip still names the neuron).
        # An export is laid out for its own size and draws it as it is.
        exporting = getattr(self.scene(), "exporting", False)
        zoom = self.text_zoom()
        name_font = zoomed(LABEL_FONT, zoom) if exporting else legible(LABEL_FONT, lod,
                                                                        NAME_GROWTH)
        if name_font is None:
            return
        inside = not show_image and len(self.label) <= 4 and (
            zoom == 1.0 or QFontMetricsF(name_font).horizontalAdvance(self.label) < 2 * R - 6)
        if inside:
            dark = fill is not None and fill.lightnessF() < 0.55
            painter.setPen(QColor("#ffffff") if dark else INK)
            painter.setFont(name_font)
            painter.drawText(QRectF(-R, -R, 2 * R, 2 * R), Qt.AlignmentFlag.AlignCenter,
                             self.label)
        lines = [] if inside else [(self.label, name_font, INK)]
        if detail and self.value is not None:
            value_font = zoomed(VALUE_FONT, zoom) if exporting else legible(VALUE_FONT, lod,
                                                                            NAME_GROWTH)
            if value_font is not None:
                lines.append((f"{self.value:.2f}", value_font, MUTED))
        heights = [max(15.0, font.pixelSize() + 3.0) for _, font, _ in lines]
        while lines and R + 3 + sum(heights) > R + TEXT_ROOM * zoom:  # stay inside boundingRect
            lines.pop()
            heights.pop()
        if lines:
            # A backing the colour of the canvas, so edges passing under never cross the text.
            width = max(QFontMetricsF(f).horizontalAdvance(t) for t, f, _ in lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BACKING)
            painter.drawRoundedRect(QRectF(-width / 2 - 3, R + 3, width + 6, sum(heights) + 1),
                                    4, 4)
        top = R + 3
        for (text, font, colour), height in zip(lines, heights):
            painter.setPen(colour)
            painter.setFont(font)
            painter.drawText(QRectF(-R - 40 * zoom, top, 2 * R + 80 * zoom, height),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
            top += height
        if self.hovered and self.has_port() and detail:
            painter.setPen(QPen(ACCENT, 1.6))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawEllipse(HANDLE, HANDLE_R, HANDLE_R)


class Thumbnail(QGraphicsItem):
    """A neuron's decision-map image, painted just under its ring (a child item).

    Separate from the neuron so that a new map - several times a second while training -
    redraws one small image cache instead of the neuron's body, ring and label."""

    def __init__(self, neuron: NeuronItem) -> None:
        super().__init__(neuron)
        self.image: QImage | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return QRectF(-R, -R, 2 * R, 2 * R)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.image is None:
            return
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(
                painter.worldTransform()) < LOD_DETAIL and not getattr(
                self.scene(), "exporting", False):
            return  # the neuron draws its plain fill instead
        inset = 1.0 if self.parentItem().role == "input" else 0.0
        painter.drawImage(QRectF(-R + inset, -R + inset, 2 * (R - inset), 2 * (R - inset)),
                          self.image)


class EdgeItem(QGraphicsItem):
    """A weighted edge: thickness by |w|, colour by sign, an arrowhead at the target.

    An ordinary edge is painted by the scene's ``EdgeLayer`` together with the others of
    its look; the item paints itself only when it looks special (selected: a halo)."""

    def __init__(self, source: NeuronItem, target: NeuronItem, weight: float) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.key = (source.id, target.id)
        self.weight = weight
        self.style = edge_style(weight)
        self.pen, self.halo, self.brush = pens(self.style)
        self._shape: QPainterPath | None = None
        self._head: tuple[QLineF, QPolygonF] | None = None
        # Shapes other views derive from this edge's geometry (the backward graph's
        # reversed arrowhead), kept until an end moves: built on every paint they cost
        # ~0.1 ms an edge.
        self.derived: dict = {}
        self.layer = None  # the EdgeLayer that draws this edge while it looks ordinary
        self.live = False  # one of its neurons is being dragged: it paints itself
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0.0)
        source.edges.append(self)
        target.edges.append(self)
        self.adjust()

    def detach(self) -> None:
        for end in (self.source, self.target):
            if self in end.edges:
                end.edges.remove(self)

    def set_weight(self, weight: float, labelled: bool = False) -> None:
        """Restyle for a new weight; repaints only when it would look different."""
        old, self.weight = self.weight, weight
        style = edge_style(weight)
        if style != self.style:
            self.restyle(style)
        elif labelled and round(old, 2) != round(weight, 2):
            self.refresh()

    def restyle(self, style: tuple[bool, float, float], regroup: bool = True) -> None:
        """New looks; ``regroup=False``: the caller tells the layer (``EdgeLayer.restyled``)
        for many edges at once."""
        if style[1] != self.style[1]:
            self._head = None  # the arrowhead grows with the line
        self.style = style
        self.pen, self.halo, self.brush = pens(style)
        if not regroup:
            return
        if self.layer is not None:
            self.layer.restyled((self,))
        else:
            self.update()

    def refresh(self) -> None:
        """Repaint this edge's area (its weight label too), whoever draws the line: Qt
        ignores update() on an item flagged as having no contents."""
        scene = self.scene()
        if scene is not None and self.layer is not None and self.layer.drawn(self):
            scene.update(self.rect)
        else:
            self.update()

    def bucket(self) -> tuple | None:
        """The layer group this edge is drawn in, or None when it paints itself (selected,
        moving) or is invisible."""
        opacity = self.opacity()
        if self.live or self.isSelected() or opacity <= 0.0:
            return None
        return (self.style, opacity)

    def _regroup(self, was: QRectF | None = None) -> None:
        if self.layer is not None:
            self.layer.touch(self, was)

    def itemChange(self, change, value):  # noqa: N802 (Qt's name)
        kind = QGraphicsItem.GraphicsItemChange
        if change in (kind.ItemSelectedHasChanged, kind.ItemOpacityHasChanged):
            self._regroup()
        return super().itemChange(change, value)

    def adjust(self) -> None:
        """Recompute the segment between the two outlines after either end moved."""
        p, q = self.source.pos(), self.target.pos()
        dx, dy = q.x() - p.x(), q.y() - p.y()
        length = math.hypot(dx, dy)
        self.prepareGeometryChange()
        self._shape = self._head = None
        self.derived.clear()
        was = getattr(self, "rect", None)
        if length < 1e-6:
            self.ux = self.uy = 0.0
            self.line = QLineF(p, p)
            self.rect = QRectF(p, p).adjusted(-2, -2, 2, 2)
            self._regroup(was)
            return
        self.ux, self.uy = ux, uy = dx / length, dy / length
        a = self.source.border(ux, uy)
        b = self.target.border(ux, uy) + 1.5
        if a + b >= length:  # overlapping neurons: a plain centre-to-centre line
            a = b = 0.0
        start = QPointF(p.x() + ux * a, p.y() + uy * a)
        tip = QPointF(q.x() - ux * b, q.y() - uy * b)
        self.line = QLineF(start, tip)
        # Room for the arrowhead and for a weight label anywhere along the line.
        margin = 22.0
        self.rect = QRectF(start, tip).normalized().adjusted(-margin, -margin, margin, margin)
        self._regroup(was)

    def head(self) -> tuple[QLineF, QPolygonF]:
        """The drawn line (stopping inside the arrowhead) and the arrowhead, made when needed."""
        if self._head is None:
            tip, ux, uy = self.line.p2(), self.ux, self.uy
            size = 7.0 + 1.1 * self.style[1]
            base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
            side = QPointF(-uy * size * 0.5, ux * size * 0.5)
            end = QPointF(tip.x() - ux * size * 0.7, tip.y() - uy * size * 0.7)
            arrow = QPolygonF([tip, base + side, base - side]) if ux or uy else QPolygonF()
            self._head = (QLineF(self.line.p1(), end), arrow)
        return self._head

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath(self.line.p1())
            path.lineTo(self.line.p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(max(self.pen.widthF(), 8.0))
            self._shape = stroker.createStroke(path)
        return self._shape

    def distance(self, point: QPointF) -> float:
        """Distance from a scene point to the drawn segment (for wheel and click picking)."""
        p1, p2 = self.line.p1(), self.line.p2()
        vx, vy = p2.x() - p1.x(), p2.y() - p1.y()
        wx, wy = point.x() - p1.x(), point.y() - p1.y()
        t = max(0.0, min(1.0, (wx * vx + wy * vy) / max(vx * vx + vy * vy, 1e-12)))
        return math.hypot(wx - t * vx, wy - t * vy)

    def draw(self, painter: QPainter, lod: float) -> None:
        # Far out the arrowheads are skipped, and so is building them.
        line, arrow = self.head() if lod >= LOD_ARROWS else (self.line, None)
        if self.isSelected():
            painter.setPen(self.halo)
            painter.drawLine(line)
        painter.setPen(self.pen)
        painter.drawLine(line)
        if arrow is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.brush)
            painter.drawPolygon(arrow)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        self.draw(painter, painter.worldTransform().m11())  # not called while in the layer
