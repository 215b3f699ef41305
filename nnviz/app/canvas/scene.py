"""NetworkScene: the document's network as graphics items, kept in step with its changes.

The scene mirrors; it never edits. Document changes arrive as core ``Change``
events and touch only what they name (structure → add/remove items, params →
restyle, layout → move, labels → relabel); training's ``trained`` restyles the
edges, which is cheap because an edge repaints only when its style bucket moves.
The one thing the scene writes is a move: a drag pushes one SetNeurons on release.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent, QToolTip

from nnviz.app.canvas.blocks import TITLE as BLOCK_TITLE
from nnviz.app.canvas.blockscene import SceneBlocks
from nnviz.app.canvas.edgelayer import EdgeLayer
from nnviz.app.canvas.items import TEXT_ROOM, EdgeItem, NeuronItem
from nnviz.app.canvas.style import (
    CANVAS,
    GRID,
    INK,
    LABEL_FONT,
    LOD_DETAIL,
    NEGATIVE,
    POSITIVE,
    SMALL_FONT,
    VALUE_FONT,
    R,
    edge_codes,
    edge_style,
    legible,
    style_of,
    thumbnails,
    zoomed,
)
from nnviz.app.i18n import translate
from nnviz.core.builders import COLUMN
from nnviz.core.commands import DATASET, LABELS, LAYOUT, PARAMS, STRUCTURE, Change, SetNeurons
from nnviz.core.layering import free_spot
from nnviz.core.network import Network, Neuron
from nnviz.core.session import GridMaps, Snapshot

WEIGHT_GROWTH = 1.3  # a weight label's 10 px text fits its box up to 13 px
MAX_LABELLED_EDGES = 40  # more weight labels than this is clutter, not information
CLEAR_MOVES = 50  # a drop of at most this many neurons is kept clear of the others
CACHE_EDGES = 300  # from this many edges, training updates may wait (see _schedule)
# Where along an edge its weight label may sit, best first: near a third of the way, where
# the edges leaving one neuron have spread apart but not yet crossed the others.
LABEL_SPOTS = sorted((0.1 + 0.04 * k for k in range(17)), key=lambda t: abs(t - 0.3))


class NetworkScene(QGraphicsScene):
    neuronHovered = Signal(object)  # neuron id or None
    message = Signal(str)  # for the status bar
    blocksChanged = Signal()  # a block was expanded or collapsed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Neurons move a lot and there are few of them; a BSP index would be rebuilt on
        # every drag step for all their edges, so plain lists are faster here.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setSceneRect(-1e5, -1e5, 2e5, 2e5)  # room to pan anywhere
        self.model = None
        self.neurons: dict[str, NeuronItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self.edge_layer = EdgeLayer()  # paints every edge that is not selected
        self.addItem(self.edge_layer)
        self.snap = True
        self.column = COLUMN
        self.thumbnails = True
        self.weight_labels = True
        self.moving = False
        self.hovered: str | None = None  # neuron under the pointer
        self.snapshot: Snapshot | None = None
        # The newest neuron maps: while training, most snapshots carry none (the engine
        # sends maps only as often as it can afford them) and the thumbnails keep these.
        self.maps: GridMaps | None = None
        # The thumbnails made last: (the maps, the neurons they were made for, images).
        self._thumbs: tuple[GridMaps | None, tuple, dict] = (None, (), {})
        self.thumbnail_work = 0  # thumbnails coloured so far: what a test counts
        self.labels: dict[tuple[str, str], QRectF] | None = None  # placed weight labels
        self.show_weight_labels = True  # False while an overlay writes its own edge labels
        self.text_zoom = 1.0  # an export's text scale (text_zoomed); 1 on screen
        # Annotation overlays (the backward view): held here so the Python item outlives
        # whoever added it — a QGraphicsItem whose wrapper is collected paints nothing.
        self.overlays: list[QGraphicsItem] = []
        self._live: list[EdgeItem] = []  # edges of the neurons being dragged
        self.selectionChanged.connect(self._selection_moved)
        self._codes: np.ndarray | None = None  # style buckets of self.edges, in order
        self._paint_cost = 0.0  # seconds the last paint took
        self._paint_start = 0.0
        self._pending: set[str] = set()  # training updates not shown yet
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.blocks = SceneBlocks(self)  # wide layers drawn as blocks

    # ------------------------------------------------------------- document
    @property
    def network(self) -> Network:
        return self.model.document.network

    def set_model(self, model) -> None:
        if self.model is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self.model = model
        for signal, slot in self._connections():
            signal.connect(slot)
        self.rebuild()

    def _connections(self) -> list:
        m = self.model
        return [(m.changed, self.on_changed), (m.trained, self.on_trained),
                (m.replaced, self.rebuild)]

    def rebuild(self) -> None:
        self._end_live()
        for item in [*self.edges.values(), *self.neurons.values()]:
            self.removeItem(item)
        self.neurons.clear()
        self.edges.clear()
        self.edge_layer.clear()
        # A new document: drop the layer's cached pixmap outright. Seen in a real window
        # after New over a trained network (and a modal "unsaved changes" dialog): the
        # old edges stayed on screen and the new ones never appeared until a zoom.
        self.edge_layer.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.edge_layer.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.snapshot = None
        self.maps = None
        self.blocks.reset()
        self.sync()

    def on_changed(self, change: Change) -> None:
        if change.kind == STRUCTURE or (DATASET in change.kinds and self._new_picture()):
            self.sync()
        elif change.kind == PARAMS:
            self.restyle_edges(change.edges or None)
        elif change.kind in (LAYOUT, LABELS):
            net = self.network
            for nid in change.neurons or self.neurons:
                if nid in self.neurons and nid in net.neurons:
                    self.neurons[nid].set_neuron(net.neurons[nid])

    def sync(self) -> None:
        """Add and remove items to match the network; update the rest in place."""
        self._end_live()
        self.labels = None
        self._codes = None
        net = self.network
        blocking = self.blocks.plan()
        plain = blocking.plain
        drawn = set(plain) if blocking.owner else net.edges
        for key in [k for k in self.edges if k not in drawn]:
            self._drop(self.edges.pop(key))
        for nid in [n for n in self.neurons if n not in net.neurons or not blocking.drawn(n)]:
            self._drop(self.neurons.pop(nid))
        if self.hovered is not None and self.hovered not in self.neurons:
            self.hover(None)  # Qt sends no hover-leave for a removed item
        reshaped: set[str] = set()  # a new role is a new outline for the edges to meet
        for nid, neuron in net.neurons.items():
            if nid in blocking.owner:
                continue  # a cell of a block
            item = self.neurons.get(nid)
            if item is None:
                item = self.neurons[nid] = NeuronItem(neuron)
                self.addItem(item)
            else:
                if item.role != neuron.role:
                    reshaped.add(nid)
                item.set_neuron(neuron)
        labelled = len(plain) <= MAX_LABELLED_EDGES
        if labelled != self.weight_labels:
            self.weight_labels = labelled
            self.update()
        edges = net.edges
        for key in plain:
            edge = edges[key]
            item = self.edges.get(key)
            if item is None:
                item = self.edges[key] = EdgeItem(self.neurons[key[0]], self.neurons[key[1]],
                                                  edge.weight)
                self.addItem(item)
                item.layer = self.edge_layer
                self.edge_layer.touch(item)
            else:
                item.set_weight(edge.weight, labelled)
                if key[0] in reshaped or key[1] in reshaped:
                    item.adjust()
        self.blocks.sync()
        if self.snapshot is not None:
            self._show(self.snapshot)

    def _new_picture(self) -> bool:
        """New data: is its picture (image shape, pixel order) another one?"""
        return self.blocks.picture_changed()

    def _drop(self, item: QGraphicsItem) -> None:
        if isinstance(item, EdgeItem):
            item.detach()
            self.edge_layer.remove(item)
            item.layer = None
        self.removeItem(item)

    def on_trained(self) -> None:
        """Training moved the weights (~30 times a second while it runs)."""
        self._pending.add("weights")
        self._schedule()

    def show_snapshot(self, snapshot: Snapshot | None) -> None:
        """A new snapshot: neuron fills (traced example) and decision-map thumbnails."""
        self.snapshot = snapshot
        if snapshot is None or snapshot.grid is not None:
            self.maps = snapshot.grid if snapshot is not None else None
        self._pending.add("snapshot")
        self._schedule()

    def _schedule(self) -> None:
        """Apply training's updates now, or - for a big network that paints slowly - at most
        every few paint durations, so the GUI stays responsive and the rest of the window
        keeps its frame rate while the canvas catches up."""
        if len(self.edges) < CACHE_EDGES or self._paint_cost < 0.03:
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(int(min(1000.0, 4000.0 * self._paint_cost)))

    def flush(self) -> None:
        """Show the training updates that are waiting (export calls this before rendering)."""
        pending, self._pending = self._pending, set()
        if "weights" in pending:
            self.restyle_edges()
        if "snapshot" in pending:
            self._show(self.snapshot)

    def restyle(self) -> None:
        """Re-read the whole canvas style (new theme or stroke scale): every edge gets its
        pens afresh and meets the (maybe thicker) outlines again, every neuron repaints."""
        self.sync()
        self._codes = None
        self.edge_layer.bulk = True  # one update of the whole layer below
        try:
            for item in self.edges.values():
                item.restyle(edge_style(item.weight))
                item.adjust()
        finally:
            self.edge_layer.bulk = False
        for item in self.neurons.values():
            item.update()
        self.edge_layer.update()  # also: its pixmap holds the old colours
        self.update()

    def restyle_edges(self, keys=None) -> None:
        """New weights: restyle the edges whose looks change (all edges when keys is None)."""
        edges = self.network.edges
        labelled = self.weight_labels
        if keys is None and len(self.edges) > 200 and not labelled:
            self._restyle_all(edges)
        else:
            self._codes = None  # the vectorised path re-reads the styles next time
            items = self.edges
            for key in (keys if keys is not None else items):
                item, edge = items.get(key), edges.get(key)
                if item is not None and edge is not None:
                    item.set_weight(edge.weight, labelled)
        if not labelled:  # big networks label only the selected edges
            for item in self.selectedItems():
                if isinstance(item, EdgeItem):
                    item.update()

    def _restyle_all(self, edges: dict) -> None:
        """Vectorised: bucket every weight with NumPy, touch only edges whose bucket moved."""
        items = list(self.edges.values())
        try:
            weights = np.fromiter((edges[i.key].weight for i in items), float, len(items))
        except KeyError:  # out of step with the document: catch up instead
            self.sync()
            return
        codes = edge_codes(weights)
        if self._codes is None or len(self._codes) != len(items):
            self._codes = edge_codes(np.array([i.weight for i in items], dtype=float))
        for item, w in zip(items, weights.tolist()):
            item.weight = w
        moved = np.flatnonzero(codes != self._codes).tolist()
        for k in moved:
            items[k].restyle(style_of(int(codes[k])), regroup=False)
        layer = self.edge_layer
        layer.bulk = len(moved) > 50  # then one update of the layer, not one per edge
        try:
            layer.restyled([items[k] for k in moved])
        finally:
            if layer.bulk:
                layer.bulk = False
                layer.update()
        self._codes = codes

    def _selection_moved(self) -> None:
        if self.weight_labels:
            return  # every edge has its label already
        old = self.labels or {}
        self.labels = self._place_labels()
        for box in [*old.values(), *self.labels.values()]:
            self.update(box)

    # ------------------------------------------------------------- snapshot
    def _show(self, snapshot: Snapshot | None) -> None:
        """Fill neurons by the traced example's activations; draw decision-map thumbnails."""
        trace = snapshot.trace if snapshot is not None else None
        values = {n.id: n.a for n in trace.neurons} if trace is not None else {}
        self.blocks.show(values)
        for nid, item in self.neurons.items():
            value = values.get(nid)
            if value != item.value:
                item.value = value
                item.update()
        images = self._thumbnails(snapshot) if self.thumbnails else {}
        for nid, item in self.neurons.items():
            image = images.get(nid)
            if image is not item.image:
                item.image = image  # repaints only the thumbnail unless it comes or goes

    def _thumbnails(self, snapshot: Snapshot | None) -> dict:
        """Thumbnail images by neuron id, coloured again only when the maps or the neurons
        they are drawn for changed (each snapshot used to recolour every one)."""
        grid = self.maps if snapshot is not None else None
        if grid is None:
            return {}
        rows = {nid: i for i, nid in enumerate(grid.neuron_ids)}
        items = [item for nid, item in self.neurons.items() if nid in rows]
        made_for = tuple((i.id, i.activation, i.role) for i in items)
        if self._thumbs[0] is grid and self._thumbs[1] == made_for:
            return self._thumbs[2]
        images = thumbnails(grid.values, [rows[i.id] for i in items],
                            [i.activation for i in items], [i.role != "input" for i in items])
        self.thumbnail_work += len(images)
        self._thumbs = (grid, made_for, {item.id: image for item, image in zip(items, images)})
        return self._thumbs[2]

    def set_thumbnails(self, on: bool) -> None:
        self.thumbnails = on
        self._show(self.snapshot)

    # ---------------------------------------------------------------- moves
    @property
    def snapping(self) -> bool:
        return self.moving and self.snap

    def begin_move(self) -> None:
        """A drag starts: snap from now on. The edges that follow the dragged neurons paint
        themselves; the still ones stay in the edge layer's pixmap, so a frame is a blit
        and a few dozen lines, however big the network."""
        self.moving = True
        moving = {i.id for i in self.selectedItems() if isinstance(i, NeuronItem)}
        self._live = [e for e in self.edges.values()
                      if e.key[0] in moving or e.key[1] in moving]
        for edge in self._live:
            edge.live = True
            edge.layer.touch(edge)

    def end_move(self) -> None:
        """The drag is over: one SetNeurons for everything that moved (one undo step)."""
        self.moving = False
        self._end_live()
        net = self.network
        moves = {nid: {"x": item.x(), "y": item.y()} for nid, item in self.neurons.items()
                 if nid in net.neurons
                 and (item.x(), item.y()) != (net.neurons[nid].x, net.neurons[nid].y)}
        if 0 < len(moves) <= CLEAR_MOVES:
            moves = self._clear_of_others(moves)
        if moves:
            count = len(moves)
            label = net.neurons[next(iter(moves))].label
            text = (translate("canvas.scene", "Move {label}").format(label=label) if count == 1
                    else translate("canvas.scene", "Move {n} neurons").format(n=count))
            if not self.model.push(SetNeurons(moves, text)):
                self.on_changed(Change(LAYOUT))  # put the items back where the document says

    def _clear_of_others(self, moves: dict[str, dict]) -> dict[str, dict]:
        """Dropped neurons keep a clear gap from the others, as a click's placement does:
        one dropped onto another slides up or down its column to the nearest free spot."""
        trial = self.network.copy()
        for nid in moves:
            trial.remove_neuron(nid)
        for nid, pos in moves.items():
            neuron = self.network.neurons[nid]
            x, y = free_spot(trial, pos["x"], pos["y"], snap=False)
            pos["y"] = y
            trial.add_neuron(Neuron(nid, neuron.label, neuron.role, x=x, y=y))
            if (self.neurons[nid].x(), self.neurons[nid].y()) != (x, y):
                self.neurons[nid].setPos(x, y)
        return moves

    def _end_live(self) -> None:
        live, self._live = self._live, []
        for edge in live:
            edge.live = False
            if edge.layer is not None:
                edge.layer.touch(edge)

    # ------------------------------------------------------------- queries
    def neuron_at(self, pos: QPointF) -> NeuronItem | None:
        for item in self.items(pos):
            if isinstance(item, NeuronItem):
                return item
        return None

    def block_at(self, pos: QPointF):
        """The block whose cells are under pos, or None."""
        blocks = self.blocks.items
        return next((blocks[k] for k, b in self.blocks.blocking.blocks.items()
                     if k in blocks and b.at(pos.x(), pos.y()) is not None), None)

    def edge_at(self, pos: QPointF, tolerance: float = 6.0) -> EdgeItem | None:
        """The edge nearest to pos within tolerance (scene units), neurons taking priority."""
        if self.neuron_at(pos) is not None:
            return None
        box = QRectF(pos.x() - tolerance, pos.y() - tolerance, 2 * tolerance, 2 * tolerance)
        near = [i for i in self.items(box) if isinstance(i, EdgeItem)]
        best = min(near, key=lambda e: e.distance(pos), default=None)
        if best is None or best.distance(pos) > tolerance + best.pen.widthF() / 2:
            return None
        return best

    def selection(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Selected neuron ids and edge keys, in the document's order."""
        chosen = set(self.selectedItems())
        ids = [nid for nid, item in self.neurons.items() if item in chosen]
        keys = [key for key, item in self.edges.items() if item in chosen]
        return ids, keys

    def set_weight_labels_visible(self, on: bool) -> None:
        """Show or hide the canvas's own weight labels (an overlay labelling the edges
        itself hides them, so two sets of boxes never fight over the same edge)."""
        if on != self.show_weight_labels:
            self.show_weight_labels = on
            self.update()

    def add_overlay(self, item: QGraphicsItem) -> None:
        """Add an annotation item that export renders too (see ``render_to``)."""
        if item not in self.overlays:
            self.overlays.append(item)
        if item.scene() is not self:
            self.addItem(item)
        if hasattr(item, "trace"):  # the backward view: the blocks show its δ
            self.blocks.set_backward(item)

    def remove_overlay(self, item: QGraphicsItem) -> None:
        if item in self.overlays:
            self.overlays.remove(item)
        if item.scene() is self:
            self.removeItem(item)
        if item is self.blocks.backward:
            self.blocks.set_backward(None)

    def overlay_rect(self, margin: float = 30.0) -> QRectF:
        """The network plus every visible overlay's annotations (fit and export use it)."""
        rect = self.content_rect(margin)
        for item in self.overlays:
            if item.isVisible() and hasattr(item, "content_rect"):
                extra = item.content_rect()
                if not extra.isNull():
                    rect = rect.united(extra.adjusted(-8, -8, 8, 8))
        return rect

    def content_rect(self, margin: float = 30.0) -> QRectF:
        """What the network covers (the scene rect is huge, to pan freely), plus a margin."""
        rect = QRectF()
        for item in [*self.neurons.values(), *self.blocks.items.values()]:
            rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-margin, -margin, margin, margin) if not rect.isNull() else rect

    def render_to(self, painter: QPainter, target: QRectF | None = None,
                  source: QRectF | None = None, background: QColor | None = None) -> None:
        """Render for export (QImage, QSvgGenerator, QPdfWriter): waiting training updates
        shown, neurons drawn as vectors rather than from their pixmap caches, no snapping
        grid; the background is ``background`` (may be transparent), else the canvas's."""
        self.flush()
        cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
        neurons = [*self.neurons.values(), *(i.thumbnail for i in self.neurons.values())]
        for item in neurons:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        overlays = [(item, item.cacheMode()) for item in [*self.overlays, self.edge_layer]]
        for item, _ in overlays:  # annotations as vectors and real text, not a pixmap
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self._export_background = QColor(background if background is not None else CANVAS)
        self.edge_layer.exporting = True  # edge by edge: one element per edge in an SVG
        # Editing controls (Playground's + / −, feature toggles) are for the screen only.
        controls = [i for i in self.items() if getattr(i, "screen_only", False) and i.isVisible()]
        for item in controls:
            item.setVisible(False)
        try:
            self.render(painter, target or QRectF(), source or self.overlay_rect())
        finally:
            for item in controls:
                item.setVisible(True)
            self._export_background = None
            self.edge_layer.exporting = False
            for item in neurons:
                item.setCacheMode(cached)
            for item, mode in overlays:
                item.setCacheMode(mode)

    @contextmanager
    def text_zoomed(self, zoom: float) -> Iterator[None]:
        """Names, values and weight labels ``zoom`` times larger while exporting (a slide
        shrinks a big network to fit, and its text must still read from the back row);
        label boxes and neuron bounds grow with them, and are as before afterwards."""
        if zoom == self.text_zoom:
            yield
            return
        saved = self.text_zoom, self.labels
        grown = [*self.neurons.values(), *self.blocks.items.values()]
        for item in grown:
            item.prepareGeometryChange()
        self.text_zoom, self.labels = zoom, None
        try:
            yield
        finally:
            for item in grown:
                item.prepareGeometryChange()
            self.text_zoom, self.labels = saved

    @property
    def exporting(self) -> bool:
        """True while render_to draws an export (labels are sized for it, not the screen)."""
        return getattr(self, "_export_background", None) is not None

    def hover(self, neuron_id: str | None) -> None:
        self.hovered = neuron_id
        self.neuronHovered.emit(neuron_id)
        if self.blocks.blocking.blocks:  # an ordinary neuron fed by a block: its weights
            self.blocks.hover_cell(None, None, neuron_id)

    # ---------------------------------------------------------------- blocks
    def hover_cell(self, item, k: int | None) -> bool:
        """The pointer is over cell k of a block (None: it left the block); True when a
        card shows that unit's weights."""
        return self.blocks.hover_cell(item, k)

    def expand(self, key: str) -> bool:
        return self.blocks.expand(key)

    def refresh_blocks(self) -> None:
        """The backward view's numbers or step changed: the blocks show them."""
        trace = self.snapshot.trace if self.snapshot is not None else None
        self.blocks.show({n.id: n.a for n in trace.neurons} if trace is not None else {})

    def drawn_top(self) -> float:
        """The top of what is drawn: neurons' bodies and blocks' titles."""
        tops = [i.y() - R for i in self.neurons.values()]
        tops += [b.block.top - BLOCK_TITLE for b in self.blocks.items.values()]
        return min(tops, default=0.0)

    def drawn_bottom(self, ids) -> float:
        """The bottom of these neurons as drawn (their names under circles, or a block)."""
        owner = self.blocks.blocking.owner
        block = self.blocks.blocking.blocks.get(owner.get(ids[0])) if ids else None
        if block is not None:
            return block.top + block.height
        return max((self.neurons[i].y() + R + TEXT_ROOM for i in ids if i in self.neurons),
                   default=0.0)

    def bundle_tooltip(self, bundle) -> str:
        return self.blocks.bundle_tooltip(bundle)

    # ------------------------------------------------------------ painting
    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:  # noqa: N802 (Qt's name)
        """Edge tooltips are written when asked, so training never has to update them."""
        view = self.views()[0] if self.views() else None
        scale = view.transform().m11() if view is not None else 1.0
        edge = self.edge_at(event.scenePos(), 6.0 / max(scale, 1e-3))
        if edge is None:
            super().helpEvent(event)
            return
        net = self.network
        s, t = edge.key
        QToolTip.showText(event.screenPos(),
                          f"<b>w = {edge.weight:.4g}</b> ({escape(net.neurons[s].label)} → "
                          f"{escape(net.neurons[t].label)})<br>"
                          + translate("canvas.scene", "Scroll to change by 0.1 (Shift: 0.01) · "
                                      "double-click to type a value · Delete removes it"))

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        self._paint_start = time.perf_counter()
        export = getattr(self, "_export_background", None)
        if export is not None:  # an export: its own background and no snapping grid
            if export.alpha():
                painter.fillRect(rect, export)
            return
        painter.fillRect(rect, CANVAS)
        lod = painter.worldTransform().m11()
        if not self.snap or lod < 0.2:
            return
        # Faint layer columns, so that snapping is visible before it happens.
        painter.setPen(QPen(GRID, 0))
        first = int(np.floor(rect.left() / self.column))
        for k in range(first, int(np.ceil(rect.right() / self.column)) + 1):
            x = k * self.column
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def label_box(self, key: tuple[str, str]) -> QRectF:
        """Where the weight label of an edge goes (also where its editor opens)."""
        if self.labels is None:
            self.labels = self._place_labels()
        box = self.labels.get(key)
        return box if box is not None else _box(self.edges[key].line.pointAt(0.3))

    def _place_labels(self) -> dict[tuple[str, str], QRectF]:
        """Greedy placement: each label slides along its edge to the first free spot."""
        z = self.text_zoom
        if z == 1.0:
            taken = [QRectF(n.x() - 24, n.y() - 24, 48, 62) for n in self.neurons.values()]
        else:  # an export's larger text: each neuron and its name as large as drawn
            name = QFontMetricsF(zoomed(LABEL_FONT, z))
            value = QFontMetricsF(zoomed(VALUE_FONT, z)).height()
            taken = [QRectF(n.x() - w / 2, n.y() - 24, w,
                            48 + name.height() + (value if n.value is not None else 0.0))
                     for n in self.neurons.values()
                     for w in [max(48.0, name.horizontalAdvance(n.label) + 6)]]
        placed: dict[tuple[str, str], QRectF] = {}
        if self.weight_labels:
            edges = self.edges.values()
        else:  # big networks label only the selected edges
            chosen = set(self.selectedItems())
            edges = [e for e in self.edges.values() if e in chosen]
        for edge in edges:
            key = edge.key
            boxes = [self._label_box(edge, t) for t in LABEL_SPOTS]
            box = next((b for b in boxes if not any(b.intersects(o) for o in taken)), None)
            if box is None and z != 1.0:
                # An export's larger labels that would overlap: none rather than a heap
                # (the network export on its own has room for them).
                return {}
            if box is None:  # crowded: the spot overlapping the fewest labels
                box = min(boxes, key=lambda b: sum(b.intersects(o) for o in taken))
            taken.append(box)
            placed[key] = box
        return placed

    def _label_box(self, edge: EdgeItem, t: float) -> QRectF:
        """The weight label's box at ``t`` along the edge: on screen a fixed size, in a
        zoomed export as large as its text (every pixel counts to fit them all)."""
        centre = edge.line.pointAt(t)
        if self.text_zoom == 1.0:
            return _box(centre)
        fm = QFontMetricsF(zoomed(SMALL_FONT, self.text_zoom))
        w, h = fm.horizontalAdvance(f"{edge.weight:.2f}") + 10, fm.height() + 2
        return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        self._paint_cost = time.perf_counter() - self._paint_start
        # Weight labels go on top of every edge, so crossing lines never strike through them.
        scale = painter.worldTransform().m11()
        if (scale < LOD_DETAIL and not self.exporting) or not self.show_weight_labels:
            return
        # At least MIN_TEXT_PX on screen: the text grows as far as its box allows, then the
        # labels go (hovering an edge gives its weight in the tooltip).
        font = (zoomed(SMALL_FONT, self.text_zoom) if self.exporting
                else legible(SMALL_FONT, scale, WEIGHT_GROWTH))
        if font is None:
            return
        if self.labels is None:
            self.labels = self._place_labels()
        if not self.labels:
            return
        painter.setFont(font)
        for key, box in self.labels.items():
            edge = self.edges.get(key)
            if edge is None or not box.intersects(rect) or edge.opacity() == 0:
                continue
            painter.setPen(QPen(QColor("#d9dee4"), 0.8))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setPen(POSITIVE.darker(115) if edge.weight >= 0 else NEGATIVE.darker(150))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, f"{edge.weight:.2f}")
        painter.setPen(INK)


def _box(centre: QPointF) -> QRectF:
    return QRectF(centre.x() - 19, centre.y() - 8, 38, 16)
