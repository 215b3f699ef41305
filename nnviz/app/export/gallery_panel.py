"""The gallery of test examples as the slide's regions panel, drawn in slide units.

For data of more than two inputs the window shows a gallery instead of a decision map
(``plots/gallery.py``); an export shows what the window shows: the first tiles in the
gallery's order (mistakes first), as many as the panel holds at a size read from the
back of a lecture hall, with the gallery's summary line above them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen

from nnviz.app.export.figures import Figure
from nnviz.app.export.slide_units import LEGEND_PX, TICK_PX, colour, into, slide_font

PICTURE, GAP = 72.0, 10.0  # a tile's picture and the room between tiles, in slide units


def _blocky(image: QImage, cell: int = 8) -> QImage:
    """The picture enlarged with square pixels: an SVG or PDF viewer smooths a tiny
    embedded image into a blur, which an 8×8 digit does not survive."""
    return image.scaled(image.width() * cell, image.height() * cell,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


@dataclass
class Tile:
    image: QImage
    label: str
    wrong: bool
    chosen: bool
    highlighted: bool


@dataclass
class GalleryPanel(Figure):
    summary: str
    tiles: list[Tile] = field(default_factory=list)
    pictures: bool = True  # pictures are square; strips of inputs are wide and low
    widest: str = "ŷ 0 · y 0"  # the label that sets the tiles' width, as in the window
    title: str = "Test examples"
    SIZE = (760.0, 440.0)

    @classmethod
    def from_gallery(cls, gallery) -> GalleryPanel:
        panel = cls(gallery.summary.text(), pictures=gallery.pictures)
        capacity = panel.capacity(gallery.widest_label)
        r = gallery.ranking
        for i in range(min(len(r), capacity)):
            row = int(r.rows[i])
            panel.tiles.append(Tile(_blocky(gallery.image(row)), gallery.tile_label(i),
                                    bool(r.wrong[i]), bool(r.chosen[i]),
                                    row == gallery.highlighted))
        panel.widest = gallery.widest_label
        return panel

    def size(self) -> QSizeF:
        return QSizeF(*self.SIZE)

    def _metrics(self) -> tuple[QFontMetricsF, QFontMetricsF]:
        return QFontMetricsF(slide_font(LEGEND_PX)), QFontMetricsF(slide_font(TICK_PX))

    def tile_size(self, widest: str) -> tuple[float, float]:
        _, label = self._metrics()
        picture = PICTURE if self.pictures else PICTURE / 3
        return max(PICTURE, label.horizontalAdvance(widest) + 8), picture + label.height() + 8

    def capacity(self, widest: str) -> int:
        head, _ = self._metrics()
        w, h = self.tile_size(widest)
        width, height = self.SIZE
        columns = int((width + GAP) // (w + GAP))
        rows = int((height - 2 * head.height() - 8 + GAP) // (h + GAP))
        return max(columns, 1) * max(rows, 0)

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        painter.save()
        into(painter, target, self.size())
        head, label = self._metrics()
        painter.setFont(slide_font(LEGEND_PX))
        painter.setPen(colour("TEXT"))
        top = QRectF(0, 0, self.SIZE[0], 2 * head.height())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, self.summary)
        w, h = self.tile_size(self.widest)
        columns = max(int((self.SIZE[0] + GAP) // (w + GAP)), 1)
        painter.setFont(slide_font(TICK_PX))
        for i, tile in enumerate(self.tiles):
            x = (i % columns) * (w + GAP)
            y = top.bottom() + 8 + (i // columns) * (h + GAP)
            self._tile(painter, tile, QRectF(x, y, w, h), label.height())
        painter.restore()

    def _tile(self, painter: QPainter, tile: Tile, rect: QRectF, line: float) -> None:
        picture = rect.height() - line - 8
        pw = picture if self.pictures else rect.width() - 4
        box = QRectF(rect.x() + (rect.width() - pw) / 2, rect.y() + 2, pw, picture)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(box, tile.image)
        painter.restore()
        painter.setPen(QPen(colour("MUTED"), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.setPen(colour("TEST") if tile.wrong else colour("TEXT"))
        painter.drawText(QRectF(rect.x() - GAP / 2, box.bottom() + 4, rect.width() + GAP, line),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, tile.label)
        ring = (QColor("#111111") if tile.highlighted else colour("TRAIN") if tile.chosen
                else colour("TEST") if tile.wrong else None)
        if ring is not None:
            heavy = tile.highlighted or tile.chosen
            painter.setPen(QPen(ring, 4.0 if heavy else 2.0))
            painter.drawRoundedRect(rect, 6, 6)
