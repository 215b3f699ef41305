"""One unit's incoming weights as a picture: the hover card beside a block, and a sheet of
every unit's weight picture of a block.

A hidden unit fed by the 8×8 input picture shows its 64 weights as an 8×8 image, the
classic "what a hidden unit looks for": blue where ink raises its input, orange where
ink lowers it. In the backward view the same card shows ∂L/∂w of those edges for the
highlighted example. The card keeps its pixel size at any zoom; hovering its cells gives
each number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsItem,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

# The module, not its names: arrayimage imports canvas.style, whose package imports
# the scene and so this module; its functions are looked up when called.
from nnviz.app import arrayimage
from nnviz.app.canvas.style import CANVAS, INK, MUTED, RING, SMALL_FONT, VALUE_FONT
from nnviz.app.i18n import translate
from nnviz.core.numfmt import number

CARD_PX = 112.0  # the picture's longer side on screen
PAD = 8.0
SHEET_UNITS = 256  # the sheet shows at most this many units' pictures (a 16×16 wall)
SHEET_PX = 56  # a picture's side on the sheet


@dataclass(frozen=True)
class UnitWeights:
    """The numbers a card shows: one unit's incoming weights (or their gradients)."""

    unit: str  # the unit's label
    sources: tuple[str, ...]  # the source neurons' labels, cell by cell
    values: np.ndarray  # (rows, cols), NaN where there is no edge or no cell
    symbol: str  # "w" or "∂L/∂w"

    def text(self, k: int) -> str:
        """What hovering cell k says."""
        value = float(self.values.flat[k])
        if k >= len(self.sources) or not np.isfinite(value):
            return ""
        return (f"{self.symbol}({self.sources[k]} → {self.unit}) = "
                f"{number(value, 4, significant=True)}")

    def summary(self) -> str:
        finite = self.values[np.isfinite(self.values)]
        if not finite.size:
            return ""
        return translate("canvas.weightcard", "{lo} to {hi}").format(
            lo=number(float(finite.min()), 2, significant=True),
            hi=number(float(finite.max()), 2, significant=True))


class WeightCard(QGraphicsItem):
    """The hovered unit's incoming weights, beside the block (a screen-only card)."""

    screen_only = True  # NetworkScene.render_to leaves it out of exports

    def __init__(self, owner) -> None:
        super().__init__()
        self.weights: UnitWeights | None = None
        self.header = ""
        self.image = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(6.0)  # above the overlays
        self.setAcceptHoverEvents(True)
        self.hide()
        self._hide = QTimer(owner)  # owned by the scene: it goes with the card
        self._hide.setSingleShot(True)
        self._hide.setInterval(400)  # time to move the pointer from the cell onto the card
        self._hide.timeout.connect(self.hide)

    def show_weights(self, weights: UnitWeights, scene_x: float, scene_y: float,
                     header: str = "") -> None:
        """Show these weights at the scene point; ``header``: the unit's own number (the
        card says it, so no tooltip covers the picture)."""
        self._hide.stop()
        self.prepareGeometryChange()
        self.weights, self.header = weights, header
        self.image = arrayimage.diverging_image(weights.values)
        self.setToolTip("")
        self.setPos(scene_x, scene_y)
        self.show()
        self.update()

    def hide_soon(self) -> None:
        if self.isVisible():
            self._hide.start()

    def picture_rect(self) -> QRectF:
        rows, cols = self.weights.values.shape if self.weights is not None else (1, 1)
        cell = CARD_PX / max(rows, cols)
        return QRectF(PAD, PAD + 18, cols * cell, rows * cell)

    def cell_at(self, x: float, y: float) -> int | None:
        if self.weights is None:
            return None
        box = self.picture_rect()
        rows, cols = self.weights.values.shape
        col = int((x - box.left()) / box.width() * cols) if box.width() else -1
        row = int((y - box.top()) / box.height() * rows) if box.height() else -1
        if box.contains(x, y) and 0 <= row < rows and 0 <= col < cols:
            return row * cols + col
        return None

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._hide.stop()

    def hoverMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        k = self.cell_at(event.pos().x(), event.pos().y())
        self.setToolTip(self.weights.text(k) if k is not None else "")

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hide_soon()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        box = self.picture_rect()
        return QRectF(0, 0, max(box.right(), 150.0) + PAD, box.bottom() + 22 + PAD)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.weights is None:
            return
        w = self.weights
        outer = self.boundingRect()
        painter.setPen(QPen(RING["hidden"][0], 1))
        painter.setBrush(CANVAS)
        painter.drawRoundedRect(outer.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setFont(VALUE_FONT)
        painter.setPen(INK)
        painter.drawText(QRectF(PAD, PAD - 2, outer.width() - 2 * PAD, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.header or w.unit)
        box = self.picture_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(box, self.image)
        painter.setPen(QPen(QColor(MUTED), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        painter.setFont(SMALL_FONT)
        painter.drawText(QRectF(PAD, box.bottom() + 4, outer.width() - 2 * PAD, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{w.symbol} → {w.unit}: {w.summary()}")


class WeightSheet(QDialog):
    """Every unit's incoming weights of one block, side by side (from the block's menu)."""

    def __init__(self, title: str, units: list[UnitWeights], total: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if total > len(units):
            layout.addWidget(QLabel(translate("canvas.weightcard", "The first {shown} of {n} "
                                              "units").format(shown=len(units), n=f"{total:,}")))
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setSpacing(6)
        per_row = max(1, min(16, int(np.ceil(np.sqrt(len(units))))))
        self.cells: list[QLabel] = []
        for k, unit in enumerate(units):
            cell = QLabel()
            rows, cols = unit.values.shape
            scale = SHEET_PX / max(rows, cols)
            pixmap = QPixmap.fromImage(arrayimage.diverging_image(unit.values)).scaled(
                max(1, round(cols * scale)), max(1, round(rows * scale)),
                Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation)
            cell.setPixmap(pixmap)
            cell.setToolTip(f"<b>{unit.unit}</b>: {unit.summary()}")
            grid.addWidget(cell, 2 * (k // per_row), k % per_row)
            name = QLabel(unit.unit)
            name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(name, 2 * (k // per_row) + 1, k % per_row)
            self.cells.append(cell)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll)
        self.resize(min(1000, per_row * (SHEET_PX + 12) + 60),
                    min(700, (len(units) // per_row + 1) * (SHEET_PX + 30) + 60))
