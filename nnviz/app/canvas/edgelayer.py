"""Every ordinary edge in a few draw calls: one item paints them grouped by look.

A Python ``paint()`` per edge cost ~10 µs of interpreter time each, so a 5,000-edge
network spent most of a 56 ms repaint in Python. Here the edges are grouped by their
style bucket (``style.edge_style``) and opacity; each group is one ``drawLines`` and one
filled path of arrowheads, rebuilt only when an edge joins, leaves or moves in it.

``EdgeItem``s stay in the scene for picking, selection, hover, tooltips and the inline
editor; an edge that looks special (selected, so with a halo) or moves (its neuron is
being dragged) leaves its group and paints itself. The layer is cached as a pixmap of
the viewport, so a drag of a big network blits the still edges and paints only the few
dozen moving ones. Export (``NetworkScene.render_to``) draws edge by edge, so an SVG
keeps one element per edge.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnviz.app.canvas.style import LOD_ARROWS, pens

Bucket = tuple[tuple[bool, float, float], float]  # (edge style, item opacity)
# Everything that could hold an edge: the scene's rect (see NetworkScene) and then some.
EVERYWHERE = QRectF(-2e5, -2e5, 4e5, 4e5)
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class EdgeLayer(QGraphicsItem):
    """Paints the edges that look ordinary; ``touch(edge)`` after any change to one."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[Bucket, dict] = {}  # bucket → its edges (a dict keeps the order)
        self.bucket: dict = {}  # edge → its bucket, for the edges this layer draws
        self._lines: dict[tuple[Bucket, bool], tuple[list[QLineF], QPainterPath | None]] = {}
        self._order: list[Bucket] | None = None  # faint and thin first, bold on top
        self.exporting = False  # NetworkScene.render_to: one element per edge, in order
        self.bulk = False  # many edges change at once: the caller updates the whole layer
        self.setZValue(-0.5)  # under the edges that paint themselves (selected ones)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # A pixmap of the viewport: a snapshot's new thumbnails, a hover or a selection
        # repaint the neurons over a blit instead of re-rasterising thousands of
        # antialiased lines (that, not Python, is most of a big network's repaint).
        # Qt re-renders only the parts touch() invalidates; export turns it off.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # --------------------------------------------------------------- members
    def touch(self, edge, was: QRectF | None = None) -> None:
        """The edge changed (style, geometry, selection or opacity; ``was``: where it was
        before it moved): regroup it and repaint where it is and was."""
        old = self.bucket.pop(edge, None)
        new = edge.bucket()
        if old is None and new is None:
            return  # it paints itself (selected, or moving in a drag): the cache stays valid
        if old is not None:
            del self.groups[old][edge]
            self._dirty(old)
        if (old is None) != (new is None):
            # Qt then skips the item when painting, without even asking its bounds: with
            # thousands of edges those calls alone were several milliseconds a repaint.
            edge.setFlag(NO_CONTENTS, new is not None)
        if new is not None:
            group = self.groups.get(new)
            if group is None:
                group = self.groups[new] = {}
                self._order = None
            group[edge] = None
            self.bucket[edge] = new
            self._dirty(new)
        if not self.bulk:
            self.update(edge.rect)
            if was is not None:
                self.update(was)

    def restyled(self, edges) -> None:
        """These edges have a new style and nothing else changed (training's restyle of
        thousands of edges): move them between groups without asking Qt anything."""
        groups, bucket, dirty = self.groups, self.bucket, set()
        for edge in edges:
            old = bucket.get(edge)
            if old is None:
                edge.update()  # it paints itself
                continue
            del groups[old][edge]
            new = (edge.style, old[1])
            group = groups.get(new)
            if group is None:
                group = groups[new] = {}
                self._order = None
            group[edge] = None
            bucket[edge] = new
            dirty.add(old)
            dirty.add(new)
            if not self.bulk:
                self.update(edge.rect)
        for b in dirty:
            self._dirty(b)

    def remove(self, edge) -> None:
        old = self.bucket.pop(edge, None)
        if old is not None:
            del self.groups[old][edge]
            self._dirty(old)
            edge.setFlag(NO_CONTENTS, False)
            self.update(edge.rect)

    def clear(self) -> None:
        self.groups.clear()
        self.bucket.clear()
        self._lines.clear()
        self._order = None
        self.update()

    def drawn(self, edge) -> bool:
        """Is this edge painted by the layer (rather than by itself, or not at all)?"""
        return edge in self.bucket

    def _dirty(self, bucket: Bucket) -> None:
        self._lines.pop((bucket, True), None)
        self._lines.pop((bucket, False), None)

    def _batch(self, bucket: Bucket, arrows: bool):
        """The group's lines (stopping inside their arrowheads) and arrowheads, made once."""
        cached = self._lines.get((bucket, arrows))
        if cached is None:
            edges = self.groups[bucket]
            if arrows:
                heads = [edge.head() for edge in edges]
                path = QPainterPath()
                path.setFillRule(Qt.FillRule.WindingFill)  # overlapping heads stay filled
                for _, arrow in heads:
                    path.addPolygon(arrow)
                cached = ([line for line, _ in heads], path)
            else:
                cached = ([edge.line for edge in edges], None)
            self._lines[(bucket, arrows)] = cached
        return cached

    # -------------------------------------------------------------- painting
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return EVERYWHERE

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the pointer: picking is the EdgeItems' job

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = painter.worldTransform().m11()
        opacity = painter.opacity()  # the view does not save the painter's state for us
        if self.exporting:
            self._paint_each(painter, lod, opacity)
            return
        if self._order is None:
            self._order = sorted(self.groups, key=lambda b: (b[1], b[0][2], b[0][1], b[0][0]))
        arrows = lod >= LOD_ARROWS
        for bucket in self._order:
            if not self.groups[bucket]:
                continue
            lines, heads = self._batch(bucket, arrows)
            pen, _, brush = pens(bucket[0])
            painter.setOpacity(opacity * bucket[1])
            painter.setPen(pen)
            painter.drawLines(lines)
            if heads is not None:
                painter.fillPath(heads, brush)
        painter.setOpacity(opacity)

    def _paint_each(self, painter: QPainter, lod: float, opacity: float) -> None:
        """Export: the document's edge order, each edge its own line and arrowhead."""
        scene = self.scene()
        for edge in getattr(scene, "edges", {}).values():
            bucket = self.bucket.get(edge)
            if bucket is not None:
                painter.setOpacity(opacity * bucket[1])
                edge.draw(painter, lod)
        painter.setOpacity(opacity)
