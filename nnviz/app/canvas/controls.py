"""TensorFlow Playground's layer controls, drawn on the canvas over the network's columns.

Over every hidden column: + and − (one neuron more or fewer, fully connected to the
neighbouring columns) and how many neurons it has; over the gap where the next hidden
layer would go: "+ layer"; left of the input column: Playground's features (x1, x2, x1²,
x2², x1·x2, sin x1, sin x2) as toggles. Each control is a small item of constant screen
size (it ignores the view's zoom, so it stays legible at any scale) anchored just outside
the neurons, so it never covers one. The controls only call the view, which pushes core
commands (see ``nnviz.core.layering``): every click is one undo step. Export hides them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnviz.app.canvas.style import ACCENT, INK, MUTED, R, _font
from nnviz.app.i18n import translate
from nnviz.core.blocking import BLOCK_OVER
from nnviz.core.commands import DATASET, LAYOUT, STRUCTURE, Change
from nnviz.core.layering import FEATURES, columns

if TYPE_CHECKING:
    from nnviz.app.canvas.view import NetworkView

GAP = 10.0  # scene units between a neuron's outline and the controls beside it
CAPTION_GAP = 4.0  # pixels kept between two layers' captions


BUTTON_FONT, TEXT_FONT = _font(15, True), _font(13)


class ControlItem(QGraphicsItem):
    """A button or a caption in screen pixels around its anchor (its scene position)."""

    screen_only = True  # NetworkScene.render_to leaves it out of exports

    def __init__(self, text: str, rect: QRectF, action: Callable[[], None] | None = None,
                 tip: str = "", checked: bool | None = None, enabled: bool = True) -> None:
        super().__init__()
        self.text, self.rect, self.action = text, rect, action
        self.checked, self.enabled = checked, enabled
        self.hovered = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(5.0)  # above neurons and edges
        self.setToolTip(tip)
        if action is not None:
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.CursorShape.PointingHandCursor if enabled
                           else Qt.CursorShape.ForbiddenCursor)
        else:
            self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect.adjusted(-2, -2, 2, 2)

    def click(self) -> None:
        if self.action is not None and self.enabled:
            self.action()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.hovered = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.action is None:  # a caption
            painter.setFont(TEXT_FONT)
            painter.setPen(MUTED)
            painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)
            return
        on = bool(self.checked)
        colour = QColor(ACCENT) if self.enabled else QColor("#b8c0c8")
        fill = QColor(colour) if on else QColor("#ffffff")
        if self.hovered and self.enabled and not on:
            fill = QColor(ACCENT)
            fill.setAlpha(40)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect, 6, 6)
        painter.setFont(BUTTON_FONT if len(self.text) <= 2 else TEXT_FONT)
        painter.setPen(QColor("#ffffff") if on else (INK if self.enabled else colour))
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


def _width(text: str, font: QFont) -> float:
    return QFontMetricsF(font).horizontalAdvance(text) + 16


def caption_rect(text: str) -> QRectF:
    """A layer's caption, centred under its + and −."""
    width = _width(text, TEXT_FONT)
    return QRectF(-width / 2, -22, width, 18)


class LayerControls:
    """Keeps the controls in step with the document; the view owns one."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view
        self.items: list[ControlItem] = []
        self.captions: list[ControlItem] = []  # each hidden layer's "n neurons"
        self.visible = True
        self._features: list[str] = []

    @property
    def scene(self):
        return self.view.canvas

    def attach(self, model) -> None:
        model.changed.connect(self.on_changed)
        model.replaced.connect(self.on_replaced)
        self.on_replaced()

    def on_replaced(self) -> None:
        self._read_features()
        self.rebuild()

    def on_changed(self, change: Change) -> None:
        if DATASET in change.kinds:
            self._read_features()
        if change.kinds & {STRUCTURE, LAYOUT, DATASET}:
            self.rebuild()

    def _read_features(self) -> None:
        """Playground's features, when the data has the two columns they derive from."""
        try:
            available = self.view.model.document.build_dataset().available_features()
        except ValueError:
            available = []
        self._features = [f for f in FEATURES if f in available]

    def set_visible(self, on: bool) -> None:
        self.visible = on
        for item in self.items:
            item.setVisible(on)

    def clear(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self.items = []
        self.captions = []

    def rebuild(self) -> None:
        self.clear()
        model = self.view.model
        if model is None:
            return
        net = model.network
        cols = columns(net)
        if not cols:
            return
        top = self.view.canvas.drawn_top() - GAP
        for column in cols:
            if len(column.ids) > BLOCK_OVER:
                self._block_button(column)
            if column.role == "hidden":
                self._column_buttons(column, top)
            elif column.role == "input":
                self._feature_toggles(column)
        self._layer_button(cols, top)
        self.fit_captions(self.view.transform().m11())
        for item in self.items:
            item.setVisible(self.visible)
            self.scene.addItem(item)

    def _add(self, anchor: QPointF, item: ControlItem) -> None:
        item.setPos(anchor)
        self.items.append(item)

    def _column_buttons(self, column, top: float) -> None:
        count = len(column.ids)
        anchor = QPointF(column.x, top)
        view = self.view
        self._add(anchor, ControlItem(
            "+", QRectF(-30, -50, 28, 26), lambda i=column.index: view.grow_column(i),
            translate(
                    "canvas.controls", "Add a neuron to this layer, connected to the layers "
                    "either side")))
        self._add(anchor, ControlItem(
            "−", QRectF(2, -50, 28, 26), lambda i=column.index: view.shrink_column(i),
            translate("canvas.controls", "Remove this layer's bottom neuron") if count > 1 else
            translate(
                    "canvas.controls", "A layer keeps one neuron: select it and press Delete to "
                    "remove the layer"),
            enabled=count > 1))
        text = (translate("canvas.controls", "{n} neuron") if count == 1
                else translate("canvas.controls", "{n} neurons")).format(n=count)
        caption = ControlItem(text, caption_rect(text))
        caption.full, caption.short = text, str(count)
        self.captions.append(caption)
        self._add(anchor, caption)

    def fit_captions(self, scale: float) -> None:
        """Each layer's "8 neurons" in the room between its column and the next at this
        zoom; where it would run into its neighbour, only the count (the tooltip says it
        in full). The view calls this whenever its zoom changes."""
        xs = sorted(item.x() for item in self.captions)
        gaps = [b - a for a, b in zip(xs, xs[1:])]
        for item in self.captions:
            k = xs.index(item.x())
            room = min(gaps[max(k - 1, 0):k + 1], default=float("inf")) * scale - CAPTION_GAP
            text = item.full if caption_rect(item.full).width() <= room else item.short
            if text != item.text:
                item.prepareGeometryChange()
                item.text, item.rect = text, caption_rect(text)
                item.setToolTip("" if text == item.full else item.full)
                item.update()

    def _block_button(self, column) -> None:
        """Under a wide layer: draw it as circles, or as one block again."""
        canvas = self.view.canvas
        key = column.ids[0]
        blocked = key in canvas.blocks.items
        text = (translate("canvas.controls", "expand") if blocked
                else translate("canvas.controls", "collapse"))
        tip = (translate("canvas.controls", "Draw this layer's neurons as circles (or "
                         "double-click the block; E over it)") if blocked else
               translate("canvas.controls", "Draw this layer as one block again (E over it)"))
        action = ((lambda: canvas.blocks.expand(key)) if blocked
                  else (lambda: canvas.blocks.collapse(key)))
        width = _width(text, TEXT_FONT)
        self._add(QPointF(column.x, canvas.drawn_bottom(column.ids) + GAP),
                  ControlItem(text, QRectF(-width / 2, 0, width, 24), action, tip))

    def _feature_toggles(self, column) -> None:
        if not self._features:
            return
        net = self.view.model.network
        read = {n.feature or n.label for n in net.inputs}
        ys = [net.neurons[i].y for i in column.ids]
        centre = (min(ys) + max(ys)) / 2
        anchor = QPointF(column.x - R - GAP, centre)
        widths = [_width(FEATURES[f], TEXT_FONT) for f in self._features]
        header = translate("canvas.controls", "features")
        width = max(*widths, _width(header, TEXT_FONT))  # a longer translation fits too
        height, step = 24.0, 28.0
        first = -(len(self._features) * step - (step - height)) / 2
        self._add(anchor, ControlItem(header, QRectF(-width, first - 22, width, 18)))
        for k, feature in enumerate(self._features):
            on = feature in read
            label = FEATURES[feature]
            self._add(anchor, ControlItem(
                label, QRectF(-width, first + k * step, width, height),
                lambda f=feature: self.view.toggle_feature(f),
                (translate("canvas.controls",
                           "Stop feeding {feature} to the network (removes an input neuron)")
                 if on else translate("canvas.controls",
                                      "Feed {feature} to the network (adds an input neuron)")
                 ).format(feature=label), checked=on))

    def _layer_button(self, cols, top: float) -> None:
        outputs = [c for c in cols if c.role == "output"]
        before = [c for c in cols if not outputs or c.index < outputs[0].index]
        if not before:
            return
        left = before[-1]
        right = outputs[0] if outputs else None
        x = left.x + (right.x - left.x) / 2 if right is not None else left.x + 160.0
        if right is not None and right.index - left.index >= 2:
            x = left.x + 160.0  # the free column the new layer takes
        text = translate("canvas.controls", "+ layer")
        width = _width(text, BUTTON_FONT)
        # Its own row, above the columns' + and −, so it never sits on one of them.
        self._add(QPointF(x, top), ControlItem(
            text, QRectF(-width / 2, -84, width, 26), self.view.add_hidden_layer,
            translate(
                    "canvas.controls", "Add a hidden layer here, fully connected to the layers "
                    "either side")))

    def at(self, viewport_pos) -> ControlItem | None:
        """The enabled or disabled control under a viewport point, if any."""
        for item in self.view.items(viewport_pos):
            if isinstance(item, ControlItem) and item.action is not None and item.isVisible():
                return item
        return None
