"""NetworkView: the diagram editor widget — tools, gestures, keys, zoom and pan.

Every gesture ends as one core command pushed through the DocumentModel; when the
core refuses one (a cycle, an edge into an input) the model says why on its
``message`` signal, which the main window shows in the status bar.

Gestures (also in the tooltips):
  select tool  drag a neuron to move it (x snaps to layer columns), drag empty
               space to select with a rubber band, Ctrl-click to add to the selection
  connect      drag from a neuron's ● port, Shift-drag or right-drag from a neuron,
               or use the connect tool (C) and drag with the left button
  add          click empty space with the add tool (N: the column picks the role; I, H, O
               pick input, hidden, output), or double-click it with any tool; after one
               placement the tool returns to Select unless Shift is held or it is sticky
  layers       Playground's + / − over each hidden column, "+ layer", feature toggles
  connect all  drag from a neuron onto a column's empty space: edges to all of it; J
               connects the selected columns all-to-all
  edit         double-click an edge to type its weight, a neuron to rename it; scroll
               over an edge to change its weight by 0.1 (Shift: 0.01)
  view         Ctrl+wheel or +/- to zoom, 0 to fit, middle-drag or Space-drag to pan;
               a drag near an edge of the view scrolls it
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QKeySequence, QMouseEvent, QPainter, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsView, QMenu

from nnviz.app.canvas.building import Builder
from nnviz.app.canvas.controls import LayerControls
from nnviz.app.canvas.editor import InlineEditor
from nnviz.app.canvas.gestures import ConnectGesture, context_menu
from nnviz.app.canvas.hint import HintLine
from nnviz.app.canvas.items import EdgeItem
from nnviz.app.canvas.scene import NetworkScene
from nnviz.app.canvas.style import LABEL_FONT, R
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.core.builders import (
    added_neurons,
    auto_layout,
    paste_text,
    set_role,
)
from nnviz.core.builders import copy_selection as clipboard_data
from nnviz.core.commands import Remove, SetNeurons, SetWeights
from nnviz.core.session import Snapshot

TOOLS = {"select": "V", "add": "N", "connect": "C"}
ROLE_KEYS = {"I": "input", "H": "hidden", "O": "output"}  # the add tool with that role
TOOL_TIPS = {
    "select": QT_TRANSLATE_NOOP(
            "canvas.view", "Select and move (V): drag neurons, rubber-band select; Shift-drag or "
            "right-drag from a neuron connects it"),
    "add": QT_TRANSLATE_NOOP(
            "canvas.view", "Add neurons (N; I, H, O for a role): click where the neuron goes"),
    "connect": QT_TRANSLATE_NOOP(
            "canvas.view", "Connect (C): drag from one neuron to another to add an edge"),
}
MIN_SCALE, MAX_SCALE = 0.05, 5.0
# fit() fills the view with the network, enlarging a small one up to MAX_FIT (a maximised
# window at 1080p shows the XNOR net across its canvas, for the back row of a lecture hall);
# it fits at least MIN_FIT_EXTENT scene units each way, so a lone neuron stays a neuron.
MAX_FIT = 4.0
MIN_FIT_EXTENT = 300.0
FIT_MARGIN = 20.0  # scene units around the neurons
LABEL_ROOM = 36.0  # a name and a value under a neuron
CARD_GAP = 8.0  # pixels kept between a card over the canvas and the network
CARD_EVENTS = (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide)
EDGE_ZONE = 28  # pixels from a viewport edge where a drag scrolls the view


def at_least_fit_extent(rect: QRectF) -> QRectF:
    """rect grown about its centre to MIN_FIT_EXTENT each way (a lone neuron stays small)."""
    grow_x = max(0.0, MIN_FIT_EXTENT - rect.width()) / 2
    grow_y = max(0.0, MIN_FIT_EXTENT - rect.height()) / 2
    return rect.adjusted(-grow_x, -grow_y, grow_x, grow_y)


def fit_scale(rect: QRectF, free: QRectF) -> float:
    """The zoom that shows ``rect`` whole in ``free`` (viewport pixels), at most MAX_FIT."""
    return min((free.width() - 4) / max(rect.width(), 1e-6),
               (free.height() - 4) / max(rect.height(), 1e-6), MAX_FIT)


class NetworkView(QGraphicsView):
    selectionChanged = Signal(list, list)  # neuron ids, edge keys
    neuronHovered = Signal(object)  # neuron id or None
    message = Signal(str)  # for the status bar
    toolChanged = Signal(str)  # also when a key (V, N, C) picks the tool

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.canvas = NetworkScene(self)
        self.setScene(self.canvas)
        self.model = None
        self.tool = "select"  # see set_tool
        self.add_role: str | None = None  # the add tool's role; None: the column decides
        self.sticky = False  # the add tool stays on after a placement
        self.builder = Builder(self)
        self.controls = LayerControls(self)
        self.hint = HintLine(self.viewport())
        self.cards: list = []  # widgets over the viewport that fit() keeps clear of
        self._fitting = False
        self._scroll = QTimer(self)  # auto-scroll while a drag waits near an edge
        self._scroll.setInterval(30)
        self._scroll.timeout.connect(self._auto_scroll)
        self._last_move: QPointF | None = None
        self._placed = False  # the last press placed a neuron
        self._on_control = False  # the last press was on a layer control
        hints = QPainter.RenderHint
        self.setRenderHints(hints.Antialiasing | hints.TextAntialiasing
                            | hints.SmoothPixmapTransform)
        flags = QGraphicsView.OptimizationFlag
        self.setOptimizationFlags(flags.DontSavePainterState | flags.DontAdjustForAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        # A band selects the neurons it touches and only the edges between them (see
        # _trim_band), not every edge that happens to cross it.
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Right-drag connects, so the context menu opens on a right click without a drag.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.canvas.neuronHovered.connect(self.neuronHovered)
        self.canvas.message.connect(self.message)
        self.canvas.blocksChanged.connect(self._blocks_changed)
        self._connect: ConnectGesture | None = None  # the connection being dragged
        self._pan_from: QPoint | None = None
        self._space = False
        self._editor: InlineEditor | None = None
        self._pastes = 0
        self._shown = False
        # Until the user zooms or pans, the view keeps the whole network in sight as the
        # window, its docks or presentation mode resize it.
        self._follow = True
        # What fit() keeps in sight: the neurons, or what an overlay needs (its labels too).
        self.fit_source: Callable[[], QRectF] | None = None
        self._selected: tuple[list, list] = ([], [])  # as last reported
        self._dirty = False  # the selection changed while quiet
        self._quiet = False  # selection edits in progress: one signal at the end
        self._wheel_rest = 0.0
        self.set_tool("select")
        self.add_card(self.hint)

    # ----------------------------------------------------------- public API
    def set_document_model(self, model) -> None:
        if self.model is not None:
            self.model.replaced.disconnect(self.fit)
            self.model.changed.disconnect(self._show_draft)
            self.model.changed.disconnect(self.controls.on_changed)
            self.model.replaced.disconnect(self.controls.on_replaced)
        self.model = model
        self.canvas.set_model(model)
        self.controls.attach(model)
        model.replaced.connect(self.fit)
        model.changed.connect(self._show_draft)
        self._show_draft()
        self.fit()

    def _show_draft(self, _change=None) -> None:
        """The hint line's draft part: why the network on screen cannot train, now."""
        self.hint.show_draft(self.model.document.problems() if self.model else [])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._shown:  # the first real size: fit what was loaded before it
            self._shown = True
            self.fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.hint.place()
        if self._shown and self._follow:
            self.fit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt's name)
        super().scrollContentsBy(dx, dy)
        self.hint.place()  # scrolling moves the viewport's child widgets too

    def show_snapshot(self, snapshot: Snapshot | None) -> None:
        self.canvas.show_snapshot(snapshot)

    def set_tool(self, name: str, role: str | None = None) -> None:
        """Pick a tool; for "add", role picks input/hidden/output (None: by the column)."""
        if name not in TOOLS:
            raise ValueError(f"unknown tool {name!r} (known: {', '.join(TOOLS)})")
        role = role if name == "add" else None
        if (name, role) != (self.tool, self.add_role):
            self.tool, self.add_role = name, role
            self.toolChanged.emit(name)
        self.hint.show_tool(name, role, self.sticky)
        cursor = {"select": Qt.CursorShape.ArrowCursor, "add": Qt.CursorShape.CrossCursor,
                  "connect": Qt.CursorShape.PointingHandCursor}[name]
        self.viewport().setCursor(cursor)
        self.viewport().setToolTip(translate("canvas.view", TOOL_TIPS[name]) + translate(
                "canvas.view", " · double-click empty space to add a neuron · Ctrl+wheel zooms, "
                "middle-drag pans"))

    def set_sticky(self, on: bool) -> None:
        """Keep the add tool after a placement (as if Shift were held)."""
        self.sticky = on
        self.hint.show_tool(self.tool, self.add_role, on)

    def set_thumbnails(self, on: bool) -> None:
        self.canvas.set_thumbnails(on)

    def set_snap(self, on: bool) -> None:
        self.canvas.snap = on
        self.canvas.update()

    def fit(self) -> None:
        """Show the whole network (and follow resizes again until the next zoom or pan),
        in the part of the viewport its cards (legend, hint line) leave free."""
        self._follow = True
        rect = self.fit_source() if self.fit_source is not None else self.network_rect()
        if rect.isNull():
            QGraphicsView.resetTransform(self)
            self.centerOn(0, 0)
            return
        network = rect = at_least_fit_extent(rect)
        free = self.free_rect()
        offset = QRectF(self.viewport().rect()).center() - free.center()
        for _ in range(3):  # the controls keep their pixel size: re-fit with their room
            scale = fit_scale(rect, free)
            QGraphicsView.setTransform(self, QTransform.fromScale(scale, scale))
            self.centerOn(rect.center() + offset / scale)
            self.controls.fit_captions(scale)
            rect = network.united(self._controls_rect())

    def fit_scale(self, rect: QRectF) -> float:
        """The zoom fit() gives a fit source of ``rect`` (the controls' room aside)."""
        return fit_scale(at_least_fit_extent(rect), self.free_rect())

    def free_rect(self) -> QRectF:
        """The viewport less the bands its visible cards cover along its top and bottom
        (the backward view's legend, the hint line): what fit() fills."""
        vp = self.viewport()
        free = QRectF(vp.rect())
        top, bottom = free.top(), free.bottom()
        for card in self.cards:
            if not card.isVisible():
                continue
            box = QRectF(vp.mapFromGlobal(card.mapToGlobal(QPoint(0, 0))),
                         card.size().toSizeF())
            if box.center().y() < free.center().y():
                top = max(top, box.bottom() + CARD_GAP)
            else:
                bottom = min(bottom, box.top() - CARD_GAP)
        if bottom - top < free.height() / 3:  # cards too tall: overlap rather than vanish
            return free
        return QRectF(free.left(), top, free.width(), bottom - top)

    def add_card(self, card) -> None:
        """A widget over the canvas that fit() keeps the network clear of."""
        self.cards.append(card)
        card.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched in self.cards and event.type() in CARD_EVENTS and self._shown \
                and self._follow and not self._fitting:
            self._fitting = True  # a card placed by the refit does not refit again
            try:
                self.fit()
            finally:
                self._fitting = False
        return super().eventFilter(watched, event)

    def visible_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def following(self) -> bool:
        """True until the user zooms or pans: the view keeps the whole network in sight."""
        return self._follow

    def _controls_rect(self) -> QRectF:
        """What the layer controls and the hint line cover, in scene units at this zoom."""
        scale = max(self.transform().m11(), 1e-3)
        rect = QRectF()
        for item in self.controls.items:
            if item.isVisible():
                box = item.boundingRect()
                rect = rect.united(QRectF(item.pos() + box.topLeft() / scale,
                                          box.size() / scale))
        return rect.adjusted(-8 / scale, -8 / scale, 8 / scale, 8 / scale)

    def fit_if_following(self) -> None:
        """Refit after the network grew, unless the user has zoomed or panned; then pan."""
        if self._follow:
            self.fit()
        else:
            rect = self.network_rect()
            if not self.visible_rect().contains(rect):
                self.ensureVisible(rect, 8, 8)

    def network_rect(self, margin: float = FIT_MARGIN) -> QRectF:
        """What the neurons show: bodies, the names and values under them, plus a margin.

        Tighter than the items' bounding rects, which leave room for any label's width:
        fitting those left a third of the view empty around a small network."""
        rect = QRectF()
        metrics = QFontMetricsF(LABEL_FONT)
        for item in self.canvas.neurons.values():
            half = max(R, metrics.horizontalAdvance(item.label) / 2 + 3)
            rect = rect.united(QRectF(item.x() - half, item.y() - R, 2 * half, 2 * R + LABEL_ROOM))
        for block in self.canvas.blocks.items.values():
            rect = rect.united(block.sceneBoundingRect())
        return rect.adjusted(-margin, -margin, margin, margin) if not rect.isNull() else rect

    def resetTransform(self) -> None:  # noqa: N802 (Qt's name)
        self._follow = False  # a transform set on purpose stays, whatever the size
        super().resetTransform()

    def setTransform(self, matrix: QTransform, combine: bool = False) -> None:  # noqa: N802
        self._follow = False
        super().setTransform(matrix, combine)

    def _blocks_changed(self) -> None:
        """A block expanded or collapsed: its controls change, the network's size too."""
        self.controls.rebuild()
        self.fit_if_following()

    def toggle_block(self, scene_pos: QPointF | None = None) -> bool:
        """Expand the block under the pointer (else the selected neuron's), or collapse
        the expanded wide layer of the neuron there; says so when there is none."""
        canvas = self.canvas
        pos = scene_pos if scene_pos is not None else self.mapToScene(
            self.viewport().mapFromGlobal(self.cursor().pos()))
        block = next((i for i in canvas.items(pos) if i in canvas.blocks.items.values()), None)
        if block is not None:
            return canvas.blocks.expand(block.key)
        neuron = canvas.neuron_at(pos)
        ids = [neuron.id] if neuron is not None else canvas.selection()[0]
        key = canvas.blocks.column_key(ids[0]) if ids else None
        if key is not None and key in canvas.blocks.expanded:
            return canvas.blocks.collapse(key)
        self.message.emit(translate("canvas.view", "Point at a block to expand it, or at a "
                                    "neuron of an expanded wide layer to collapse it"))
        return False

    def show_weight_sheet(self, key: str):
        """Every unit's incoming weights of block ``key`` as pictures, in a window."""
        sheet = self.canvas.blocks.sheet(key, self)
        if sheet is None:
            self.message.emit(translate("canvas.view", "This block's units have no incoming "
                                        "weights yet"))
            return None
        sheet.show()
        return sheet

    def select(self, neuron_ids=(), edge_keys=()) -> None:
        with _Batched(self):
            self.canvas.clearSelection()
            for nid in neuron_ids:
                if nid in self.canvas.neurons:
                    self.canvas.neurons[nid].setSelected(True)
            for key in edge_keys:
                if tuple(key) in self.canvas.edges:
                    self.canvas.edges[tuple(key)].setSelected(True)

    def select_all(self) -> None:
        self.select(list(self.canvas.neurons), list(self.canvas.edges))

    def delete_selection(self) -> None:
        ids, keys = self.canvas.selection()
        if ids or keys:
            self.model.push(Remove(ids, keys))

    def copy(self) -> None:
        ids, _ = self.canvas.selection()
        if not ids:
            self.message.emit(translate("canvas.view", "Select neurons to copy"))
            return
        data = clipboard_data(self.model.network, ids)
        QApplication.clipboard().setText(json.dumps(data, ensure_ascii=False))
        self._pastes = 0
        self.message.emit((translate("canvas.view", "Copied {n} neuron") if len(ids) == 1
                           else translate("canvas.view", "Copied {n} neurons")).format(n=len(ids)))

    copy_selection = copy  # the names the main window's actions use

    def paste(self) -> None:
        shift = 40.0 * (self._pastes + 1)
        try:  # checked as a loaded file is: the clipboard may hold anyone's text
            command = paste_text(self.model.network, QApplication.clipboard().text(),
                                 (shift, shift))
        except ValueError as exc:
            self.message.emit(translate("canvas.view", "Nothing pasted: {reason}").format(
                reason=exc))
            return
        self._pastes += 1
        if self.model.push(command):
            self.select(added_neurons(command))

    def auto_layout(self) -> None:
        command = auto_layout(self.model.network)
        if command.new:
            self.model.push(command)
        else:
            self.message.emit(translate("canvas.view", "The layout is tidy already"))

    def zoom_in(self) -> None:
        self._zoom_centre(1.25)

    def zoom_out(self) -> None:
        self._zoom_centre(0.8)

    def zoom(self, factor: float) -> None:
        self._follow = False
        scale = self.transform().m11()
        factor = max(MIN_SCALE / scale, min(MAX_SCALE / scale, factor))
        self.scale(factor, factor)
        self.controls.fit_captions(self.transform().m11())

    # ------------------------------------------------------------- editing
    def add_neuron_at(self, pos: QPointF, role: str | None = None) -> str | None:
        """A neuron at pos (role None: its column's), kept clear of others and in view."""
        return self.builder.place(pos, role)

    def grow_column(self, index: int) -> None:
        self.builder.grow_column(index)

    def shrink_column(self, index: int) -> None:
        self.builder.shrink_column(index)

    def add_hidden_layer(self) -> None:
        self.builder.add_hidden_layer()

    def toggle_feature(self, feature: str) -> None:
        self.builder.toggle_feature(feature)

    def connect_selection(self) -> None:
        """Connect the selected neurons' columns all-to-all, left to right (one step)."""
        self.builder.connect_selection()

    def edit_weight(self, key: tuple[str, str]) -> None:
        edge = self.canvas.edges[key]
        self._open_editor(f"{edge.weight:.4g}", self.canvas.label_box(key).center(),
                          lambda text: self._apply_weight(key, text), "weight")

    def edit_label(self, neuron_id: str) -> None:
        item = self.canvas.neurons[neuron_id]
        self._open_editor(item.label, item.pos(),
                          lambda text: self._apply_label(neuron_id, text), "label")

    def _apply_weight(self, key: tuple[str, str], text: str) -> bool:
        try:
            value = float(text.strip().replace(",", ".").replace("−", "-"))
        except ValueError:
            self.message.emit(translate(
                "canvas.view", "“{text}” is not a number; the weight is unchanged").format(
                text=text))
            return False
        if value != value or abs(value) == float("inf"):
            self.message.emit(translate("canvas.view", "A weight must be a finite number"))
            return False
        self.model.push(SetWeights({key: value}, translate("canvas.view", "Type weight")))
        return True

    def _apply_label(self, neuron_id: str, text: str) -> bool:
        text = text.strip()
        if not text:
            self.message.emit(translate("canvas.view", "A neuron needs a label"))
            return False
        if text != self.model.network.neurons[neuron_id].label:
            self.model.push(SetNeurons({neuron_id: {"label": text}},
                                       translate("canvas.view", "Rename to {label}").format(
                                           label=text)))
        return True

    def _open_editor(self, text: str, scene_pos: QPointF, apply, kind: str) -> None:
        self._close_editor()
        self._editor = InlineEditor(self.viewport(), text, apply, kind)
        self._editor.closed.connect(self._editor_closed)
        self._editor.place(self.mapFromScene(scene_pos))

    def _editor_closed(self) -> None:
        self._editor = None
        self.setFocus()

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.cancel()

    def _step_weight(self, key: tuple[str, str], steps: float, fine: bool) -> None:
        weight = self.model.network.edges[key].weight
        new = round(weight + steps * (0.01 if fine else 0.1), 6)
        self.model.push(SetWeights({key: new}, translate("canvas.view", "Scroll weight"),
                                   merge=True))
        self.message.emit(f"w = {new:.4g}")

    # ------------------------------------------------------------- selection
    def _selection_changed(self) -> None:
        if self._quiet:
            self._dirty = True
            return
        self._dirty = False
        ids, keys = self.canvas.selection()
        if (ids, keys) != self._selected:  # one signal per real change
            self._selected = (ids, keys)
            self.selectionChanged.emit(ids, keys)

    def _trim_band(self) -> None:
        """After the rubber band selected what it touches: drop edges with an end outside."""
        for item in self.canvas.selectedItems():
            if isinstance(item, EdgeItem) and not (
                    item.source.isSelected() and item.target.isSelected()):
                item.setSelected(False)

    def context_menu(self, pos: QPointF) -> QMenu:
        """The right-click menu for what is at pos (a neuron, an edge or empty space)."""
        return context_menu(self, pos)

    def set_role(self, neuron_id: str, role: str) -> None:
        try:
            command = set_role(self.model.network, neuron_id, role)
        except ValueError as exc:
            self.message.emit(str(exc))
            return
        self.model.push(command)

    # ------------------------------------------------------------ events
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._close_editor()
        self._placed = self._on_control = False
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        if self.model is None:
            return super().mousePressEvent(event)
        if button == Qt.MouseButton.MiddleButton or (
                button == Qt.MouseButton.LeftButton and self._space):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        control = self.controls.at(event.position().toPoint())
        if control is not None:
            self._on_control = True
            if button == Qt.MouseButton.LeftButton:
                control.click()
            return
        neuron = self.canvas.neuron_at(pos)
        if neuron is None and button == Qt.MouseButton.LeftButton \
                and self.canvas.block_at(pos) is not None:
            return  # a block is not edited by clicks: hover reads it, a double-click expands
        if neuron is not None:
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            on_port = neuron.port_contains(neuron.mapFromScene(pos))
            if button == Qt.MouseButton.RightButton or (
                    button == Qt.MouseButton.LeftButton
                    and (self.tool == "connect" or on_port or shift)):
                self._connect = ConnectGesture(self, neuron, pos, button)
                return
        elif button == Qt.MouseButton.RightButton:
            self.context_menu(pos).popup(event.globalPosition().toPoint())
            return
        elif (button == Qt.MouseButton.LeftButton and self.tool == "add"
              and self.canvas.edge_at(pos) is None):
            self.add_neuron_at(pos, self.add_role)
            self._placed = True  # the second press of a double-click adds nothing more
            # Like a drawing program: one placement, then back to Select (Shift or the
            # sticky toggle keep the tool for the next one).
            if not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier or self.sticky):
                self.set_tool("select")
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._follow = False
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        self._watch_edges(event)
        if self._connect is not None:
            self._connect.drag(self.mapToScene(event.position().toPoint()))
            return
        with _Batched(self):  # a band's selection is reported once, trimmed
            super().mouseMoveEvent(event)
            if not self.rubberBandRect().isNull():
                self._trim_band()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._scroll.stop()
        self._last_move = None
        if self._pan_from is not None:
            self._pan_from = None
            self.set_tool(self.tool)  # restores the tool's cursor
            return
        if self._connect is not None:
            gesture, self._connect = self._connect, None
            gesture.drag(self.mapToScene(event.position().toPoint()))
            gesture.finish(event.globalPosition().toPoint(), event.modifiers())
            return
        moving = self.canvas.moving
        super().mouseReleaseEvent(event)
        if moving:  # a neuron dropped beyond the visible area comes back into view
            ids, _ = self.canvas.selection()
            for nid in ids[:1]:
                n = self.model.network.neurons[nid]
                self.builder.keep_in_view(n.x, n.y)

    # ------------------------------------------------------------ auto-scroll
    def _watch_edges(self, event) -> None:
        """A drag (neuron, connection, band) held near an edge scrolls the view."""
        dragging = event.buttons() & Qt.MouseButton.LeftButton or self._connect is not None
        if not dragging or self._pan_from is not None:
            self._scroll.stop()
            return
        self._last_move = event.position()
        if any(self._edge_push(self._last_move)):
            if not self._scroll.isActive():
                self._scroll.start()
        else:
            self._scroll.stop()

    def _edge_push(self, pos: QPointF) -> tuple[int, int]:
        """Pixels to scroll per tick: faster the nearer the pointer is to the edge."""
        w, h = self.viewport().width(), self.viewport().height()

        def push(p: float, size: int) -> int:
            if p < EDGE_ZONE:
                return -max(2, int((EDGE_ZONE - p) / 2))
            if p > size - EDGE_ZONE:
                return max(2, int((p - size + EDGE_ZONE) / 2))
            return 0
        return push(pos.x(), w), push(pos.y(), h)

    def _auto_scroll(self) -> None:
        if self._last_move is None:
            self._scroll.stop()
            return
        dx, dy = self._edge_push(self._last_move)
        self._follow = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
        # The same pointer position is a new scene position now: let the drag follow it.
        pos = self._last_move
        replay = QMouseEvent(QEvent.Type.MouseMove, pos, self.viewport().mapToGlobal(pos),
                             Qt.MouseButton.NoButton, QApplication.mouseButtons()
                             | Qt.MouseButton.LeftButton, QApplication.keyboardModifiers())
        if self._connect is not None:
            self._connect.drag(self.mapToScene(pos.toPoint()))
        else:
            with _Batched(self):
                QGraphicsView.mouseMoveEvent(self, replay)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.model is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        if self._on_control or self.controls.at(event.position().toPoint()) is not None:
            # The first click pressed a control. What is under the pointer now may be
            # something else ("+ layer" moves right as its layer takes its place): the
            # double-click must neither press it nor add a neuron where the button was.
            return
        pos = self.mapToScene(event.position().toPoint())
        neuron = self.canvas.neuron_at(pos)
        block = self.canvas.block_at(pos) if neuron is None else None
        edge = None if neuron or block else self.canvas.edge_at(pos, self.tolerance())
        if block is not None:
            self.canvas.expand(block.key)
        elif neuron is not None:
            self.edit_label(neuron.id)
        elif edge is not None:
            self.edit_weight(edge.key)
        elif self.tool != "add" and not self._placed:  # the add tool's click added one
            self.add_neuron_at(pos)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        delta = event.angleDelta().y() or event.angleDelta().x()  # Shift may swap axes
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self._close_editor()
            self.zoom(1.0015 ** delta)
            return
        pos = self.mapToScene(event.position().toPoint())
        edge = self.canvas.edge_at(pos, self.tolerance()) if self.model else None
        if edge is None:
            self._close_editor()
            self._follow = False  # the wheel scrolls the view: the user has taken over
            return super().wheelEvent(event)
        # Trackpads send small deltas: whole steps only, the rest carried to the next event.
        self._wheel_rest += delta / 120.0
        steps = int(self._wheel_rest)
        self._wheel_rest -= steps
        if steps:
            fine = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            self._step_weight(edge.key, steps, fine)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        key, mods = event.key(), event.modifiers()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if self.model is None:
            return super().keyPressEvent(event)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_Space and plain:
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_Escape:
            if self._connect is not None:
                gesture, self._connect = self._connect, None
                gesture.cancel()
            elif self.tool != "select":
                self.set_tool("select")
            else:
                self.canvas.clearSelection()
        elif plain and event.text().upper() in TOOLS.values():
            self.set_tool(next(n for n, k in TOOLS.items() if k == event.text().upper()))
        elif plain and event.text().upper() in ROLE_KEYS:
            self.set_tool("add", ROLE_KEYS[event.text().upper()])
        elif plain and event.text().upper() == "J":
            self.connect_selection()
        elif plain and event.text().upper() == "E":
            self.toggle_block()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.set_tool(self.tool)
        super().keyReleaseEvent(event)

    def _zoom_centre(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom(factor)
        self.setTransformationAnchor(anchor)

    def tolerance(self) -> float:
        """Six screen pixels in scene units, so thin edges are easy to hit at any zoom."""
        return 6.0 / max(self.transform().m11(), 1e-3)


class _Batched:
    """Selection edits that emit selectionChanged once, at the end."""

    def __init__(self, view: NetworkView) -> None:
        self.view = view

    def __enter__(self) -> None:
        self.outer = self.view._quiet
        self.view._quiet = True

    def __exit__(self, *exc) -> None:
        self.view._quiet = self.outer
        if not self.outer and self.view._dirty:
            self.view._selection_changed()
