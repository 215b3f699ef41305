"""The backward-pass annotations: one overlay item painting every number on the canvas.

One item rather than hundreds of text items: placement is computed once per trace
or layout change, painting is a loop over cached boxes and strings, so stepping
and animating stay far above 50 fps. Numbers come only from the core Trace; the
overlay never computes a derivative itself. Labels are placed greedily around
neurons and along edges (closer to the target: the δ arrives from there) so they
do not overlap each other, the neurons, or the weight labels.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnviz.app.backward import graph
from nnviz.app.canvas.style import ACCENT, INK, LOD_DETAIL, NEGATIVE, POSITIVE, R, _font
from nnviz.core.activations import ACTIVATIONS, THRESHOLD_UNITS
from nnviz.core.stepper import Notation, Step
from nnviz.core.trace import CONVENTIONS, Trace

FONT = _font(11)
EDGE_FONT = _font(10)
SATURATED = 0.01  # |g'(z)| below this: a sigmoid or tanh barely passes any gradient back
WARN = QColor("#c2410c")
STALE = QColor("#8a94a3")
STYLE = {"dl_dz": "CS 540 / CS 2109S", "mitchell": "Mitchell, CS 760"}
EDGE_SPOTS = [0.25 + 0.04 * k for k in range(16)]  # along an edge, source 0 → target 1
EDGE_PREFERRED = (0.72, 0.56, 0.8, 0.64, 0.48)  # first try, by rank among parallel edges
_WIDTHS: dict[int, dict[str, float]] = {}  # font → text → width (placement measures a lot)


BOX_PEN = QPen(QColor("#d9dee4"), 0.8)
BOX_FILL = QColor(255, 255, 255, 240)
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_STATIC: dict[tuple[str, bool], QStaticText] = {}


def _static(text: str, font, key: bool) -> QStaticText:
    st = _STATIC.get((text, key))
    if st is None:
        st = _STATIC[(text, key)] = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        st.prepare(font=font)
    return st


class Grid:
    """A uniform-grid spatial index of rectangles: "does this box hit any placed box?"
    looks only at the few boxes sharing its cells, so placing n labels is ~linear."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, r: QRectF):
        c = self.CELL
        for i in range(int(r.left() // c), int(r.right() // c) + 1):
            for j in range(int(r.top() // c), int(r.bottom() // c) + 1):
                yield i, j

    def add(self, r: QRectF) -> None:
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(r)

    def near(self, r: QRectF):
        out: dict[int, QRectF] = {}
        for k in self._keys(r):
            for o in self.cells.get(k, ()):
                out[id(o)] = o
        return out.values()

    def hits(self, r: QRectF) -> bool:
        return any(r.intersects(o) for o in self.near(r))

    def count(self, r: QRectF) -> int:
        return sum(r.intersects(o) for o in self.near(r))


def grad_lines(e, num, ink: QColor, show_grads: bool, stepping: bool) -> list:
    """An edge's ∂L/∂w and Δw label lines: (text, colour, revealed by, group)."""
    k = (e.source, e.target)
    return [(f"∂L/∂w {num(e.grad)}", ink, ("grad", k), "grad"),
            (f"Δw {num(e.delta_w)}", ink, None if show_grads and not stepping else ("update", k),
             "grad")]


def flags(t) -> str:
    """Honesty marker of one neuron, or ''."""
    if t.g_prime is None:
        return ""
    if t.activation in THRESHOLD_UNITS:
        return f"{t.activation}: g′ = 0 everywhere, no gradient"
    if t.activation in ("relu",) and t.z is not None and t.z <= 0:
        return "dead ReLU: g′ = 0"
    if t.activation in ("sigmoid", "tanh") and abs(t.g_prime) < SATURATED:
        return "saturated: g′ ≈ 0"
    return ""


class ActiveLayer(QGraphicsItem):
    """The halo and travelling pulse of the current step, under the overlay's labels.

    A separate item, so that an animation frame repaints only the active edges and the
    labels above stay in their pixmap cache."""

    def __init__(self, overlay: BackwardOverlay) -> None:
        super().__init__(overlay)
        self.overlay = overlay
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self._rect = QRectF()

    def refresh(self) -> None:
        """The active edges changed: new bounds (only they repaint while animating)."""
        self.prepareGeometryChange()
        ov, rect = self.overlay, QRectF()
        if ov.step is not None:
            sc = ov.scene_
            for key in ov.step.edges if ov.step.phase != "update" else ():
                edge = sc.edges.get(key)
                if edge is not None:
                    rect = rect.united(QRectF(edge.line.p1(), edge.line.p2()).normalized())
            for nid in ov.step.neurons:
                item = sc.neurons.get(nid)
                if item is not None:
                    p = item.pos()
                    rect = rect.united(QRectF(p.x() - R, p.y() - R, 2 * R, 2 * R))
        self._rect = rect.adjusted(-R - 12, -R - 12, R + 12, R + 12) if not rect.isNull() \
            else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self.overlay.step is not None:
            self.overlay._paint_active(painter)


class BackwardOverlay(QGraphicsItem):
    """Paints z, a, g′, δ per neuron and g′, δ (and ∂L/∂w, Δw) per edge above the network."""

    def __init__(self, scene) -> None:
        super().__init__()
        self.scene_ = scene
        self.trace: Trace | None = None
        self.notation = Notation()
        self.show_grads = False  # ∂L/∂w and Δw on every edge (on demand: clutter otherwise)
        self.graph_mode = False  # computational graph: Σ node and activation node
        self.stale = False
        self.step: Step | None = None  # during a step-through: what is known so far
        self.pulse = -1.0  # 0…1 along the active edges while animating, else < 0
        self.texts: list[tuple[QRectF, list[tuple[str, QColor]], str, bool]] = []  # box, lines, tip
        self._rect = QRectF()
        self._layout_key: tuple | None = None  # what _layout was placed for
        self._layout: dict | None = None
        self._layout_trace: Trace | None = None  # held, so its id cannot be reused
        self._entries_key: tuple | None = None  # the label strings, built once per trace
        self._entries_cache: list = []
        self._entries_trace: Trace | None = None
        self._runs: dict | None = None
        self._slot_memo: dict = {}
        self._run_memo: dict = {}
        self._memo_key: tuple | None = None
        self._boxes: list[QRectF] = []
        self.example = ""  # which example the numbers are for, e.g. "row 1" (the legend)
        self.setZValue(5.0)
        self.setAcceptHoverEvents(True)
        self.active = ActiveLayer(self)
        self.focus = graph.FocusLayer(self)  # graph mode: the paths of a hovered value
        # Labels change per step, not per animation frame: paint them from a pixmap
        # (export switches caching off, see NetworkScene.render_to, to get vectors).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # paint() learns which part of the cache is re-rendered (option.exposedRect).
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    # ------------------------------------------------------------- contents
    def set_trace(self, trace: Trace | None, stale: bool = False) -> None:
        self.trace, self.stale = trace, stale
        self.relayout()

    def known(self, quantity: str, key) -> bool:
        return self.step is None or (quantity, key) in self.step.revealed

    def relayout(self) -> None:
        """Show what is known now. Placement is computed once per trace and layout (see
        ``_placement``); a step only picks which lines each placed box shows."""
        before, was = self.texts, self._rect
        self.texts = []
        sc, t = self.scene_, self.trace
        rect = sc.content_rect(60)
        self._rect = rect.adjusted(-120, -120, 120, 120) if not rect.isNull() else QRectF()
        if t is None:
            self._changed(before, was)
            return
        slots = self._placement()
        memo = self._slot_memo  # (slot, its lines) → label: a step re-uses what it keeps
        if self._memo_key != (id(self._entries_cache), id(slots)):
            memo.clear()
            self._run_memo.clear()
            self._memo_key = (id(self._entries_cache), id(slots))
        left, top, right, bottom = (self._rect.left(), self._rect.top(), self._rect.right(),
                                    self._rect.bottom())
        for key, lines, tip, on_edge in self._contents(final=False):
            if not lines:
                continue
            sig = (key, tuple(text for text, _ in lines))
            label = memo.get(sig)
            if label is None:
                if key not in slots:
                    continue  # the graph mode leaves out a hidden card with no free spot
                anchor, ax, ay = slots[key]
                w, h = self._size(lines, EDGE_FONT if on_edge else FONT)
                box = QRectF(anchor.x() - ax * w, anchor.y() - ay * h, w, h)
                label = memo[sig] = (box, lines, tip, on_edge)
            self.texts.append(label)
            box = label[0]
            left, top = min(left, box.left()), min(top, box.top())
            right, bottom = max(right, box.right()), max(bottom, box.bottom())
        if self.texts and not self._rect.isNull():
            self._rect = QRectF(left, top, right - left, bottom - top)
        self._runs = None  # painting's batches, rebuilt at the next paint
        self.active.refresh()
        self._changed(before, was)

    def _changed(self, before: list, was: QRectF) -> None:
        """Repaint only the labels a step changed (labels are re-used objects, so identity
        says which): the pixmap cache keeps the rest, a step re-renders a few boxes."""
        if self._rect != was:
            self.prepareGeometryChange()
            self.update()
            return
        old, new = {id(x): x for x in before}, {id(x): x for x in self.texts}
        for key in old.keys() ^ new.keys():
            self.update((old.get(key) or new[key])[0].adjusted(-2, -2, 2, 2))

    def content_rect(self) -> QRectF:
        """Where the annotations are (fit and export add this to the network's rect)."""
        rect = QRectF()
        for box, *_ in self.texts:
            rect = rect.united(box)
        return rect

    def legend_lines(self) -> list[str]:
        """The legend as plain text: the window draws it in a card, export under the figure."""
        t, nt = self.trace, self.notation
        if t is None:
            return ["Backward pass: no trace (the network cannot run on the data yet)"]
        y = ", ".join(nt.num(v) for v in t.target)
        lines = [f"Backward pass — {CONVENTIONS[t.convention]} ({STYLE[t.convention]})",
                 f"{t.loss_formula} = {nt.num(t.loss)} · η = {t.learning_rate:g}",
                 f"{self.example or 'example'}: y = ({y})",
                 (f"reversed graph: arrows back from the loss, w on edges, g′({nt.pre}) on Σ → g"
                 f" links · click a value v: ∂L/∂v as a sum over paths"
                  if self.graph_mode else "edges: g′(z) of the neuron fed, ← δ travelling back")
                 + f" · {nt.precision} · {nt.act} = activation, {nt.pre} = pre-activation"]
        units = [n.activation for n in t.neurons if n.activation in THRESHOLD_UNITS]
        if units:  # which threshold: the slides differ at z = 0
            lines.append(" · ".join(f"{u}: {ACTIVATIONS[u].formula}" for u in dict.fromkeys(units)))
        if self.stale:
            lines.append("⚠ stale: the weights changed since these numbers were computed")
        return lines

    def _contents(self, final: bool):
        """(slot key, lines, tooltip, on an edge) for every label. ``final``: as if every
        step were done (the largest each box will ever be). The strings are built once per
        trace (``_entries``); a step only filters them by what it has revealed."""
        stepping = self.step is not None
        revealed = self.step.revealed if stepping and not final else None
        for key, on_edge, tip, entries in self._entries():
            lines, grads = [], False
            for text, colour, need, group in entries:
                if revealed is not None and need is not None and need not in revealed:
                    continue
                if group == "nostep" and stepping and not final:
                    continue
                grads = grads or group == "grad"
                lines.append((text, colour, group))
            if grads:  # the weight's own numbers replace g′ and δ (the target's card has them)
                lines = [ln for ln in lines if ln[2] != "flow"]
            if on_edge and all(ln[2] == "w" for ln in lines):
                lines = []  # a weight alone is not a backward annotation (yet)
            yield key, [(text, colour) for text, colour, _ in lines], tip, on_edge

    def _entries(self) -> list:
        """Every label's possible lines as (text, colour, revealed by, group), cached."""
        sc, t = self.scene_, self.trace
        stepping = self.step is not None
        key = (id(t), self.notation, self.stale, self.show_grads, stepping,
               len(sc.neurons), len(sc.edges), self.graph_mode)
        if self._entries_key == key and self._entries_trace is t:
            return self._entries_cache
        nt, num = self.notation, self.notation.num
        ink = STALE if self.stale else INK
        colour = lambda v: STALE if self.stale else (POSITIVE.darker(120) if v >= 0  # noqa: E731
                                                   else NEGATIVE.darker(140))
        if self.graph_mode:  # the reversed graph labels its links and edges differently
            out = graph.entries(self, ink, colour)
            self._entries_key, self._entries_cache, self._entries_trace = key, out, t
            return out
        out = []
        for nt_ in t.neurons:
            item = sc.neurons.get(nt_.id)
            if item is None:
                continue
            nid, lines = nt_.id, []
            if nt_.z is not None:
                lines.append((f"{nt.pre} = {num(nt_.z)}", ink, ("z", nid), ""))
                lines.append((f"{nt.act} = {num(nt_.a)}", ink, ("a", nid), ""))
            if nt_.g_prime is not None:
                lines.append((f"g′ = {num(nt_.g_prime)}", ink, ("a", nid), ""))
            if nt_.delta is not None:
                lines.append((f"δ = {num(nt_.delta)}", colour(nt_.delta), ("delta", nid), ""))
            if nt_.role == "input":
                lines.append((f"∂L/∂x = {num(nt_.dl_da)}", ink, None, "nostep"))
            warn = flags(nt_)
            if warn:
                lines.append((f"⚠ {warn}", WARN, ("a", nid), ""))
            tip = (f"<b>{escape(item.label)}</b> ({nt_.activation})<br>z = {nt_.z!r}"
                   f"<br>a = {nt_.a!r}<br>g′(z) = {nt_.g_prime!r}<br>δ = {nt_.delta!r}"
                   f"<br>∂L/∂a = {nt_.dl_da!r}")
            out.append((("n", nid), False, tip, lines))
        by_id = {n.id: n for n in t.neurons}
        for e in t.edges:
            edge = sc.edges.get((e.source, e.target))
            if edge is None:
                continue
            tgt, k = by_id[e.target], edge.key
            lines = []
            if self.show_grads:  # the canvas's weight labels are hidden: w lives here
                lines.append((f"w {num(e.weight)}", ink, None, "w"))
            # g′(z) of the neuron fed, and the δ coming back: stacked, so the label is
            # narrow enough to fit between neurons one column apart
            if tgt.g_prime is not None:
                lines.append((f"g′ {num(tgt.g_prime)}", ink, ("a", e.target), "flow"))
            if tgt.delta is not None:
                lines.append((f"← δ {num(tgt.delta)}", colour(tgt.delta), ("delta", e.target),
                              "flow"))
            if self.show_grads or stepping:
                lines += grad_lines(e, num, ink, self.show_grads, stepping)
            tip = (f"<b>{escape(sc.neurons[e.source].label)} → "
                   f"{escape(sc.neurons[e.target].label)}</b>"
                   f"<br>w = {e.weight!r}<br>g′(z) of target = {tgt.g_prime!r}"
                   f"<br>δ of target = {tgt.delta!r}<br>∂L/∂w = {e.grad!r}<br>Δw = {e.delta_w!r}")
            out.append((("e", k), True, tip, lines))
        self._entries_key, self._entries_cache, self._entries_trace = key, out, t
        return out

    def _placement(self) -> dict:
        """slot key → (anchor point, fx, fy): the box of size w×h goes at anchor − (fx·w,
        fy·h). Cached per trace identity, notation, options and neuron positions; within one
        trace only the first relayout pays for placement (stepping is a lookup)."""
        sc = self.scene_
        geometry = tuple((nid, i.x(), i.y()) for nid, i in sc.neurons.items())
        key = (id(self.trace), self.notation, self.show_grads, self.step is not None,
               sc.show_weight_labels, self.graph_mode, geometry)
        if self._layout_key == key and self._layout_trace is self.trace:
            return self._layout
        grid = Grid()
        wide = graph.HALF_W - R if self.graph_mode else 0  # the capsule is wider than a neuron
        for i in sc.neurons.values():
            # the neuron, its name and its value below it (inputs have no capsule)
            d = wide if i.role != "input" else 0
            grid.add(QRectF(i.x() - R - 4 - d, i.y() - R - 4, 2 * (R + 4 + d), 2 * R + 40))
        if sc.show_weight_labels:
            if sc.labels is None and sc.weight_labels:
                sc.labels = sc._place_labels()
            for box in (sc.labels or {}).values():
                grid.add(box)
        rank = self._edge_ranks()
        out: dict = {}
        # The graph's g′ links first (their spot is fixed), every card next (they belong
        # next to their neuron), then the edge labels.
        contents = sorted(self._contents(final=True), key=lambda c: (c[0][0] != "g", c[3]))
        for key_, lines, _, on_edge in contents:
            if not lines:
                continue
            if key_[0] == "g":
                anchor, fx, fy = graph.link_spot(sc.neurons[key_[1]].pos())
                w, h = self._size(lines, EDGE_FONT)
                grid.add(QRectF(anchor.x() - fx * w, anchor.y() - fy * h, w, h))
                out[key_] = (anchor, fx, fy)
            elif on_edge:
                # The graph mode drops a w that has no free spot (the edge's tooltip and
                # the path sums still give it) rather than stack it on another number.
                spot = self._place_edge(sc.edges[key_[1]], rank.get(key_[1], 0), lines, grid,
                                        optional=self.graph_mode)
                if spot is not None:
                    out[key_] = spot
            else:
                item = sc.neurons[key_[1]]
                # In the graph mode a crowded hidden neuron's card is left out rather than
                # laid over a name: its numbers are in the path sum a click shows.
                spot = self._place_card(item.pos(), item.role, lines, grid,
                                        optional=self.graph_mode and item.role == "hidden")
                if spot is not None:
                    out[key_] = spot
        self._layout_key, self._layout, self._layout_trace = key, out, self.trace
        return out

    def _edge_ranks(self) -> dict:
        """Rank of each edge among the edges entering the same neuron (by source height):
        parallel edges get their labels at different fractions, so they never stack."""
        incoming: dict[str, list] = {}
        for k, e in self.scene_.edges.items():
            incoming.setdefault(k[1], []).append(e)
        rank = {}
        for edges in incoming.values():
            edges.sort(key=lambda e: e.line.p1().y())
            for r, e in enumerate(edges):
                rank[e.key] = r
        return rank

    def _size(self, lines, font=FONT) -> tuple[float, float]:
        widths = _WIDTHS.setdefault(id(font), {})
        fm = None
        best = 0.0
        for s, _ in lines:
            w = widths.get(s)
            if w is None:
                fm = fm or QFontMetricsF(font)
                w = widths[s] = fm.horizontalAdvance(s)
            best = max(best, w)
        return best + 10, 14 * len(lines) + 3

    def _place_card(self, pos: QPointF, role: str, lines, grid: Grid, optional: bool = False):
        w, h = self._size(lines)
        x, y = pos.x(), pos.y()
        r = graph.HALF_W if self.graph_mode and role != "input" else R  # clear of a capsule
        # (box, anchor, fx, fy): the anchor is the box's point nearest the neuron
        right, top, below, left, *corners = [
                 (QRectF(x + r + 8, y - h / 2, w, h), QPointF(x + r + 8, y), 0.0, 0.5),
                 (QRectF(x - w / 2, y - R - 6 - h, w, h), QPointF(x, y - R - 6), 0.5, 1.0),
                 (QRectF(x - w / 2, y + R + 37, w, h), QPointF(x, y + R + 37), 0.5, 0.0),
                 (QRectF(x - r - 8 - w, y - h / 2, w, h), QPointF(x - r - 8, y), 1.0, 0.5),
                 (QRectF(x + r + 8, y - R - h, w, h), QPointF(x + r + 8, y - R), 0.0, 1.0),
                 (QRectF(x + r + 8, y + R, w, h), QPointF(x + r + 8, y + R), 0.0, 0.0)]
        # The free side first: inputs have no edges on their left, outputs none on their
        # right; a hidden neuron has edges on both sides, so above or below it first.
        order = {"input": [left, top, below, right], "output": [right, top, below, left]}
        return self._take(order.get(role, [top, below, right, left]) + corners, grid, optional)

    def _place_edge(self, edge, rank: int, lines, grid: Grid, optional: bool = False):
        w, h = self._size(lines, EDGE_FONT)
        # Nearer the target (the δ arrives from there); edges into one neuron start at
        # staggered fractions, so their labels do not stack where the edges converge.
        preferred = graph.EDGE_PREFERRED if self.graph_mode else EDGE_PREFERRED
        start = preferred[rank % len(preferred)]
        spots = []
        for shift in (0.0, -1.0, 1.0, -2.0, 2.0, -3.0, 3.0):  # on the line, then beside it
            for t in sorted(EDGE_SPOTS, key=lambda t: abs(t - start)):
                p = edge.line.pointAt(t)
                c = QPointF(p.x(), p.y() + shift * (h / 2 + 3))
                spots.append((QRectF(c.x() - w / 2, c.y() - h / 2, w, h), c, 0.5, 0.5))
        return self._take(spots, grid, optional)

    def _take(self, spots, grid: Grid, optional: bool = False):
        best = next((s for s in spots if not grid.hits(s[0])), None)
        if best is None and optional:
            return None
        if best is None:  # crowded: the spot overlapping least
            best = min(spots, key=lambda s: grid.count(s[0]))
        grid.add(best[0])
        return best[1:]

    # ------------------------------------------------------------- painting
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if self.graph_mode and self.trace is not None and lod >= 0.25:
            self._paint_graph(painter)
        if lod < LOD_DETAIL:  # too small to read: a dot says "there are numbers here"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ACCENT)
            for box, *_ in self.texts:
                painter.drawEllipse(box.center(), 3, 3)
            return
        if self.cacheMode() == QGraphicsItem.CacheMode.NoCache:  # export: vectors, <text>
            for box, lines, _, on_edge in self.texts:
                painter.setPen(BOX_PEN)
                painter.setBrush(BOX_FILL)
                painter.drawRoundedRect(box, 5, 5)
                painter.setFont(EDGE_FONT if on_edge else FONT)
                for k, (text, colour) in enumerate(lines):
                    painter.setPen(colour)
                    painter.drawText(QRectF(box.x() + 5, box.y() + 2 + 14 * k, box.width(), 14),
                                     LEFT_MIDDLE, text)
            return
        # On screen: every box in one path, then the text grouped by font and colour as
        # QStaticText (laid out once per string) — a step over ~400 labels stays fast.
        if self._runs is None:
            self._prepare_runs()
        exposed = option.exposedRect
        part = None if exposed.contains(self._rect) else exposed  # a step: a few boxes
        painter.setPen(BOX_PEN)
        painter.setBrush(BOX_FILL)
        # square corners: one call, no antialiased arcs
        painter.drawRects(self._boxes if part is None else
                          [b for b in self._boxes if b.intersects(part)])
        for (rgba, on_edge), items in self._runs.items():
            painter.setFont(EDGE_FONT if on_edge else FONT)
            painter.setPen(QColor.fromRgba(rgba))
            for point, text, box in items:
                if part is None or box.intersects(part):
                    painter.drawStaticText(point, text)

    def _prepare_runs(self) -> None:
        boxes = []
        runs: dict = {}
        memo = self._run_memo  # id(label) → (label, its text runs): labels are re-used
        top = {False: (14 - QFontMetricsF(FONT).height()) / 2,
               True: (14 - QFontMetricsF(EDGE_FONT).height()) / 2}
        for label in self.texts:
            box, lines, _, on_edge = label
            boxes.append(box)
            done = memo.get(id(label))
            if done is None:
                font = EDGE_FONT if on_edge else FONT
                done = memo[id(label)] = (label, [
                    ((colour.rgba(), on_edge),
                     (QPointF(box.x() + 5, box.y() + 2 + 14 * k + top[on_edge]),
                      _static(text, font, on_edge), box))
                    for k, (text, colour) in enumerate(lines)])
            for run, item in done[1]:
                runs.setdefault(run, []).append(item)
        self._boxes, self._runs = boxes, runs

    def _paint_active(self, painter: QPainter) -> None:
        sc, step = self.scene_, self.step
        halo = QColor(ACCENT)
        halo.setAlpha(110)
        painter.setPen(QPen(halo, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        backward = step.phase in ("output_delta", "hidden_delta")
        for key in step.edges if step.phase != "update" else ():
            edge = sc.edges.get(key)
            if edge is None:
                continue
            painter.drawLine(edge.line)
            if 0 <= self.pulse <= 1:  # the signal travelling along the edge
                t = 1 - self.pulse if backward else self.pulse
                painter.save()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ACCENT)
                painter.drawEllipse(edge.line.pointAt(t), 6, 6)
                painter.restore()
        painter.setPen(QPen(ACCENT, 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for nid in step.neurons:
            item = sc.neurons.get(nid)
            if item is not None:
                painter.drawEllipse(item.pos(), R + 6, R + 6)

    def _paint_graph(self, painter: QPainter) -> None:
        """The reversed graph's capsules, g′ links and backward arrowheads (see graph.py)."""
        graph.paint(painter, self, STALE, QStyleOptionGraphicsItem.levelOfDetailFromTransform(
            painter.worldTransform()))

    # --------------------------------------------------------------- hover
    def tip_at(self, pos: QPointF) -> str:
        return next((tip for box, _, tip, _ in self.texts if box.contains(pos)), "")

    def hoverMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.setToolTip(self.tip_at(event.pos()))

    def shape(self):
        path = QPainterPath()
        for box, *_ in self.texts:  # only the labels take the pointer, not the whole canvas
            path.addRect(box)
        return path
