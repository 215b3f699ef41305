"""Dragging in a big network: the edges that stay still are drawn once, into a pixmap.

A 5,000-edge network takes far longer than a frame to paint, but a drag moves only
the few dozen edges of the dragged neurons. When the drag starts, every other edge
is painted once into a pixmap of the viewport and made fully transparent (Qt then
skips it without calling its paint); each frame blits the pixmap and paints only
the moving edges. The cache gives way as soon as the view's transform changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

from nnviz.app.canvas.items import EdgeItem


class _Layer(QGraphicsItem):
    def __init__(self, pixmap: QPixmap, transform: QTransform, rect: QRectF) -> None:
        super().__init__()
        self.pixmap, self.transform, self.rect = pixmap, transform, rect
        self.setZValue(-1.0)  # under the live edges

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if painter.worldTransform() != self.transform:
            return  # zoomed or panned mid-drag, or rendered elsewhere: nothing valid to show
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self.pixmap)
        painter.restore()


class DragCache:
    """Freeze ``still`` edges as seen in ``view`` until ``end()``."""

    def __init__(self, scene: QGraphicsScene, view: QGraphicsView,
                 still: list[EdgeItem]) -> None:
        viewport = view.viewport()
        ratio = viewport.devicePixelRatioF()
        pixmap = QPixmap(viewport.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        transform = view.viewportTransform()
        painter = QPainter(pixmap)
        painter.setRenderHints(view.renderHints())
        painter.setTransform(transform)
        lod = transform.m11()
        for edge in still:
            edge.draw(painter, lod)
        painter.end()
        self.scene, self.still = scene, still
        self.layer = _Layer(pixmap, transform, view.mapToScene(viewport.rect()).boundingRect())
        scene.addItem(self.layer)
        for edge in still:
            edge.setOpacity(0.0)  # Qt skips fully transparent items without calling paint

    def end(self) -> None:
        for edge in self.still:
            edge.setOpacity(1.0)
        self.scene.removeItem(self.layer)
