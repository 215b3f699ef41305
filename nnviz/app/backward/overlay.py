"""The backward-pass annotations: one overlay item painting every number on the canvas.

One item rather than hundreds of text items: placement is computed once per trace
or layout change, painting is a loop over cached boxes and strings, so stepping
and animating stay far above 50 fps. Numbers come only from the core Trace; the
overlay never computes a derivative itself.

Placement is greedy, one label at a time, with two kinds of obstacle: neurons (with
their names) and arrowheads are never covered; other labels are not overlapped where
any free spot exists, and crossing other edges costs a little. An edge label sits on
its edge (nearer the target: the δ arrives from there); where the edge has no free
stretch it moves off it with a leader line to a dot on the edge, so every box shows
which edge it belongs to. A neuron's card sits next to it, or further out with a leader.
Boxes are sized by the font metrics they are painted with.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nnviz.app.backward import graph
from nnviz.app.canvas.style import (
    ACCENT,
    INK,
    LOD_DETAIL,
    MIN_TEXT_PX,
    NEGATIVE,
    POSITIVE,
    R,
    _font,
    zoomed,
)
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


BOX_PEN = QPen(QColor("#c3cad3"), 0.8)
LEADER = QColor("#52606d")  # the line from a moved label to its edge or neuron
PAD_X, PAD_Y = 5.0, 2.0  # text inside its box
CLEAR = 3.0  # kept free round neurons and arrowheads
WIDTH_SLACK = 1.1
DENSE_EDGES = 60
CROSS_CLEAR = 6.0  # kept between a label (or its dot) and a crossing of its edge
LEADER_STEPS = (16.0, 30.0, 48.0, 70.0, 96.0, 130.0, 170.0, 220.0, 280.0)  # how far off
BOX_FILL = QColor(255, 255, 255, 240)
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_STATIC: dict[tuple[str, str], QStaticText] = {}
# The backward view's numbers are what a lecture reads off the screen: a pixel above the
# canvas's floor for text, MIN_TEXT_PX.
MIN_PX = MIN_TEXT_PX + 1.0
DOT = 12.0  # an edge label shown as a dot: its side in scene units (the hover target)
DOT_R = 4.5
_SIZED: dict[tuple[str, int], QFont] = {}  # kept: _WIDTHS is keyed by the font's id


def resized(font: QFont, factor: float) -> QFont:
    """``font`` at ``factor`` times its pixel size (whole pixels; the same object each time)."""
    pixels = max(1, round(font.pixelSize() * factor))
    if pixels == font.pixelSize():
        return font
    key = (font.key(), pixels)
    if key not in _SIZED:
        bigger = QFont(font)
        bigger.setPixelSize(pixels)
        _SIZED[key] = bigger
    return _SIZED[key]


def _static(text: str, font: QFont) -> QStaticText:
    st = _STATIC.get((text, font.key()))
    if st is None:
        st = _STATIC[(text, font.key())] = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        st.prepare(font=font)
    return st


def line_height(font: QFont) -> float:
    """One text line of a label, from the font's own metrics (never a guess)."""
    return math.ceil(QFontMetricsF(font).height()) + 1.0


def text_rect(box: QRectF, k: int, font: QFont, text: str) -> QRectF:
    """Where line ``k`` of a label is drawn: painting and the size of the box both use it."""
    return QRectF(box.x() + PAD_X, box.y() + PAD_Y + line_height(font) * k,
                  _width(text, font), line_height(font))


def _width(text: str, font: QFont) -> float:
    widths = _WIDTHS.setdefault(id(font), {})
    w = widths.get(text)
    if w is None:
        fm = QFontMetricsF(font)
        # the advance, or the ink where a glyph overhangs it (italic, fallback glyphs)
        w = widths[text] = max(fm.horizontalAdvance(text), fm.boundingRect(text).right())
    return w


class Label(tuple):
    """(box, lines, tooltip, on an edge), plus the leader line to what it labels, if moved."""

    leader: QLineF | None = None

    def area(self) -> QRectF:
        """Everything painted for this label: its box, pen and leader line with its dot."""
        rect = self[0].adjusted(-1, -1, 1, 1)
        if self.leader is not None:
            p, q = self.leader.p1(), self.leader.p2()
            rect = rect.united(QRectF(p, q).normalized().adjusted(-4, -4, 4, 4))
        return rect


class Grid:
    """A uniform-grid spatial index of rectangles: "does this box hit any placed box?"
    looks only at the few boxes sharing its cells, so placing n labels is ~linear."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, r: QRectF) -> list[tuple[int, int]]:
        c = self.CELL
        x0, x1 = int(r.left() // c), int(r.right() // c) + 1
        y0, y1 = int(r.top() // c), int(r.bottom() // c) + 1
        return [(i, j) for i in range(x0, x1) for j in range(y0, y1)]

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
        for k in self._keys(r):
            for o in self.cells.get(k, ()):
                if r.intersects(o):
                    return True
        return False

    def count(self, r: QRectF) -> int:
        return sum(r.intersects(o) for o in self.near(r))


def crosses(rect: QRectF, line: QLineF) -> bool:
    """Does the segment pass through the rectangle? (Liang–Barsky clipping, in floats:
    placement asks this hundreds of thousands of times.)"""
    x0, y0, x1, y1 = line.x1(), line.y1(), line.x2(), line.y2()
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - rect.left()), (dx, rect.right() - x0),
                 (-dy, y0 - rect.top()), (dy, rect.bottom() - y0)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
            if lo > hi:
                return False
    return True


def _to_segment(p: QPointF, line: QLineF) -> float:
    vx, vy = line.dx(), line.dy()
    wx, wy = p.x() - line.x1(), p.y() - line.y1()
    t = max(0.0, min(1.0, (wx * vx + wy * vy) / max(vx * vx + vy * vy, 1e-12)))
    return math.hypot(wx - t * vx, wy - t * vy)


def nearest_on(rect: QRectF, p: QPointF) -> QPointF:
    """The point of the rectangle's outline nearest p (where a leader line meets the box)."""
    return QPointF(min(max(p.x(), rect.left()), rect.right()),
                   min(max(p.y(), rect.top()), rect.bottom()))


class Placer:
    """One placement pass: what is taken, and the search for each label's spot.

    ``hard``: neurons (with their names below) and arrowheads, never covered by a box or
    crossed by a leader line; ``boxes``: the labels placed so far, not overlapped while a
    free spot exists. A spot's cost prefers its edge's own stretch near the preferred
    fraction, then few other edges under the box, then a short leader."""

    def __init__(self, overlay: BackwardOverlay) -> None:
        sc = overlay.scene_
        self.hard, self.boxes = Grid(), Grid()
        self.taken = QRectF()  # every box placed, at the largest it will be
        self.leaders: list[QLineF] = []  # placed so far: a new one keeps off them
        self.lines: dict[tuple[int, int], list] = {}
        self.graph_mode = overlay.graph_mode
        # A big network gets a shorter search off the edges (placement stays well under a
        # second); its labels crowd anyway and the view zooms to read them.
        self.steps = LEADER_STEPS if len(sc.edges) <= DENSE_EDGES else LEADER_STEPS[:5]
        # An export's larger text (text_zoomed) has larger boxes: room further out too.
        zoom = getattr(sc, "text_zoom", 1.0)
        self.steps = tuple(self.steps) + tuple(d * zoom for d in self.steps[-3:]
                                               if d * zoom > self.steps[-1])
        self.spots = 9 if len(sc.edges) <= DENSE_EDGES else 4
        wide = graph.HALF_W - R if self.graph_mode else 0  # the capsule is wider
        self.bodies: dict[str, QRectF] = {}  # neuron → its rect in ``hard``
        zoom = getattr(sc, "text_zoom", 1.0)  # an export's larger names and values
        for nid, i in sc.neurons.items():
            d = wide if i.role != "input" else 0
            body = self.bodies[nid] = QRectF(i.x() - R - CLEAR - d, i.y() - R - CLEAR,
                                             2 * (R + CLEAR + d), 2 * R + 40) if zoom == 1.0 \
                else i.sceneBoundingRect().adjusted(-CLEAR - d, -CLEAR, CLEAR + d, 0)
            self.hard.add(body)
        for e in sc.edges.values():
            for head in self.heads(e, sc):
                self.hard.add(head.boundingRect().adjusted(-CLEAR, -CLEAR, CLEAR, CLEAR))
            r = QRectF(e.line.p1(), e.line.p2()).normalized()
            for k in self.hard._keys(r):
                self.lines.setdefault(k, []).append(e)
        # Where two edges cross, a label (or a leader's dot) would belong to either one:
        # each edge's crossing points are kept out of its own label spots.
        self.crossing: dict = {}
        if len(sc.edges) <= DENSE_EDGES:
            edges = list(sc.edges.values())
            for i, a in enumerate(edges):
                for b in edges[i + 1:]:
                    if set(a.key) & set(b.key):
                        continue  # edges meeting at a neuron do not cross
                    kind, p = a.line.intersects(b.line)
                    if kind == QLineF.IntersectionType.BoundedIntersection:
                        self.crossing.setdefault(a.key, []).append(p)
                        self.crossing.setdefault(b.key, []).append(p)
                        # nor does another edge's label cover it, while room is left
                        self.boxes.add(QRectF(p.x() - CROSS_CLEAR, p.y() - CROSS_CLEAR,
                                              2 * CROSS_CLEAR, 2 * CROSS_CLEAR))
        if sc.show_weight_labels:
            if sc.labels is None and sc.weight_labels:
                sc.labels = sc._place_labels()
            for box in (sc.labels or {}).values():
                self.boxes.add(box)

    def heads(self, edge, scene) -> list[QPolygonF]:
        """The arrowheads drawn on this edge: the canvas's at the target, and in the graph
        mode the reversed one at the source."""
        if not (edge.ux or edge.uy):
            return []
        if self.graph_mode:  # the capsule covers the forward head; the reversed one shows
            head = graph.reversed_head(edge, scene.neurons.get(edge.key[0]))
            return [head] if head is not None else []
        return [edge.head()[1]]

    def crossings(self, box: QRectF, own) -> int:
        seen: set[int] = set()
        count = 0
        for k in self.hard._keys(box):
            for e in self.lines.get(k, ()):
                if e is own or id(e) in seen:
                    continue
                seen.add(id(e))
                count += crosses(box, e.line)
        return count

    @staticmethod
    def _leader_hits(grid: Grid, leader: QLineF, own: QRectF | None = None) -> bool:
        """Does the leader cross anything in ``grid`` but ``own`` (a card's leader starts
        on its own neuron's outline)?"""
        r = QRectF(leader.p1(), leader.p2()).normalized().adjusted(-1, -1, 1, 1)
        return any(crosses(o, leader) for o in grid.near(r) if o is not own)

    @staticmethod
    def _leader_count(grid: Grid, leader: QLineF) -> int:
        r = QRectF(leader.p1(), leader.p2()).normalized().adjusted(-1, -1, 1, 1)
        return sum(crosses(o, leader) for o in grid.near(r))

    def _beside(self, leader: QLineF) -> float:
        """Cost of a leader running along or across one already placed (which box is
        whose would be ambiguous)."""
        if len(self.leaders) > 40:  # a big network: not worth the quadratic search
            return 0.0
        cost = 0.0
        for other in self.leaders:
            if leader.intersects(other)[0] == QLineF.IntersectionType.BoundedIntersection:
                cost += 1.0
            elif min(_to_segment(leader.pointAt(k / 4), other) for k in range(5)) < 6:
                cost += 3.0
        return cost

    def choose(self, spots, own, optional: bool, early: bool = True, body: QRectF | None = None):
        """spots: (box, anchor, fx, fy, attached to, cost), best first. The cheapest free
        one; else (never over a neuron or an arrowhead) the one overlapping fewest labels."""
        best, best_cost = None, math.inf
        if not early:  # cheapest first: extras only add to a spot's cost, so stop early
            spots = sorted(spots, key=lambda s: s[5])
        for box, anchor, fx, fy, attach, cost in spots:
            if cost >= best_cost:
                break
            if self.hard.hits(box) or self.boxes.hits(box.adjusted(-1, -1, 1, 1)):
                continue
            if attach is not None:
                leader = QLineF(attach, nearest_on(box, attach))
                if self._leader_hits(self.hard, leader, body):
                    continue  # never across a neuron or an arrowhead
                cost += 2.0 * self._leader_count(self.boxes, leader) + self._beside(leader)
            crossed = self.crossings(box, own)
            if early and crossed == 0:
                best = (box, anchor, fx, fy, attach)
                break
            cost += 0.7 * crossed
            if cost < best_cost:
                best, best_cost = (box, anchor, fx, fy, attach), cost
        if best is None and optional:
            return None
        if best is None:  # crowded: never a neuron or a head; the fewest labels overlapped
            free = [s for s in spots if not self.hard.hits(s[0]) and (
                s[4] is None or not self._leader_hits(self.hard, QLineF(s[4], nearest_on(
                    s[0], s[4])), body))] or list(spots)
            best = min(free, key=lambda s: (self.hard.count(s[0]), self.boxes.count(s[0]),
                                            s[5]))[:5]
        self.boxes.add(best[0])
        self.taken = self.taken.united(best[0])
        if best[4] is not None:
            self.leaders.append(QLineF(best[4], nearest_on(best[0], best[4])))
        return best[1:]

    def edge(self, edge, rank: int, size, optional: bool = False):
        w, h = size
        # Nearer the target (the δ arrives from there); edges into one neuron start at
        # staggered fractions, so their labels do not stack where the edges converge.
        preferred = graph.EDGE_PREFERRED if self.graph_mode else EDGE_PREFERRED
        start = preferred[rank % len(preferred)]
        ts = sorted(EDGE_SPOTS, key=lambda t: abs(t - start))
        at = {t: edge.line.pointAt(t) for t in ts}
        on = []
        for shift in (0.0, -0.25, 0.25):  # centred on the line, or still over it
            for t in ts:
                p = at[t]
                c = QPointF(p.x(), p.y() + shift * h)
                on.append((QRectF(c.x() - w / 2, c.y() - h / 2, w, h), c, 0.5, 0.5, None,
                           2 * abs(t - start) + abs(shift)))
        crossings = self.crossing.get(edge.key, ())
        if crossings:
            # none clear of it (a large label on a short edge): off the edge, with a leader
            on = [s for s in on if not any(
                s[0].adjusted(-CROSS_CLEAR, -CROSS_CLEAR, CROSS_CLEAR, CROSS_CLEAR).contains(p)
                for p in crossings)]
        spot = self.choose(on, edge, optional=True)
        if spot is not None:
            return spot
        # No free stretch of its own line: off the edge, a leader back to a dot on it.
        # Across the edge, or straight up or down: between two columns of neurons that
        # corridor leads out above or below the network when the middle is full.
        off = []
        for nx, ny in ((-edge.uy, edge.ux), (edge.uy, -edge.ux), (0.0, -1.0), (0.0, 1.0)):
            reach = abs(nx) * w / 2 + abs(ny) * h / 2
            for dist in self.steps:
                for t in ts[:self.spots]:
                    p = at[t]
                    c = QPointF(p.x() + nx * (reach + dist), p.y() + ny * (reach + dist))
                    off.append((QRectF(c.x() - w / 2, c.y() - h / 2, w, h), c, 0.5, 0.5, p,
                                2.0 + dist / 30 + abs(t - start)))
        if crossings:  # a leader's dot on the crossing is just as ambiguous
            off = [s for s in off if all(QLineF(s[4], p).length() > CROSS_CLEAR + h / 2
                                         for p in crossings)] or off
        return self.choose(on + off, edge, optional, early=False)

    def card(self, item, size, optional: bool = False):
        w, h = size
        x, y, role = item.x(), item.y(), item.role
        r = graph.HALF_W if self.graph_mode and role != "input" else R  # clear of a capsule
        # (box, anchor, fx, fy): the anchor is the box's point nearest the neuron
        right, top, below, left, *corners = [
                 (QRectF(x + r + 8, y - h / 2, w, h), QPointF(x + r + 8, y), 0.0, 0.5),
                 (QRectF(x - w / 2, y - R - 6 - h, w, h), QPointF(x, y - R - 6), 0.5, 1.0),
                 (QRectF(x - w / 2, y + R + 38, w, h), QPointF(x, y + R + 38), 0.5, 0.0),
                 (QRectF(x - r - 8 - w, y - h / 2, w, h), QPointF(x - r - 8, y), 1.0, 0.5),
                 (QRectF(x + r + 8, y - R - h, w, h), QPointF(x + r + 8, y - R), 0.0, 1.0),
                 (QRectF(x + r + 8, y + R, w, h), QPointF(x + r + 8, y + R), 0.0, 0.0)]
        # The free side first: inputs have no edges on their left, outputs none on their
        # right; a hidden neuron has edges on both sides, so above or below it first.
        order = {"input": [left, top, below, right], "output": [right, top, below, left]}
        near = [(*s, None, 0.1 * k) for k, s in
                enumerate(order.get(role, [top, below, right, left]) + corners)]
        spot = self.choose(near, None, optional=True)
        if spot is not None:
            return spot
        far = []  # further out, a leader back to the neuron's outline
        for dist in self.steps:
            for k in range(8):
                a = k * math.pi / 4 + (math.pi / 2 if role == "hidden" else 0)
                ux, uy = math.cos(a), -math.sin(a)
                reach = abs(ux) * w / 2 + abs(uy) * h / 2
                c = QPointF(x + ux * (r + 8 + dist + reach), y + uy * (r + 8 + dist + reach))
                edge = item.border(ux, uy) if r == R else r  # on the outline drawn
                attach = QPointF(x + ux * edge, y + uy * edge)
                far.append((QRectF(c.x() - w / 2, c.y() - h / 2, w, h), c, 0.5, 0.5, attach,
                            2.0 + dist / 30 + 0.05 * k))
        return self.choose(near + far, None, optional, early=False, body=self.bodies[item.id])


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
        # The window sizes the labels for its room (sizing.fit_labels); an export keeps these.
        self.card_font, self.edge_font = FONT, EDGE_FONT
        self.edge_dots = False
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
        self._layout_shape: tuple | None = None  # the options and box sizes placed for
        self._entries_key: tuple | None = None  # the label strings, built once per trace
        self._entries_cache: list = []
        self._entries_trace: Trace | None = None
        self._entries_after: Trace | None = None
        self._runs: dict | None = None
        self._slot_memo: dict = {}
        self._run_memo: dict = {}
        self._memo_key: tuple | None = None
        self._boxes: dict[bool, list[QRectF]] = {}
        self._reserved = QRectF()  # where the boxes will be at their largest (fit keeps room)
        self.example = ""  # which example the numbers are for, e.g. "row 1" (the legend)
        # The same example's forward pass after the update step (the step-through's last
        # step writes "before → after"), or None.
        self.after: Trace | None = None
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
            sc.refresh_blocks()
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
                anchor, ax, ay, attach = slots[key]
                w, h = self._size(lines, on_edge)
                box = QRectF(anchor.x() - ax * w, anchor.y() - ay * h, w, h)
                label = memo[sig] = Label((box, lines, tip, on_edge))
                if attach is not None:
                    label.leader = QLineF(attach, nearest_on(box, attach))
            self.texts.append(label)
            area = label.area()
            left, top = min(left, area.left()), min(top, area.top())
            right, bottom = max(right, area.right()), max(bottom, area.bottom())
        if self.texts and not self._rect.isNull():
            self._rect = QRectF(left, top, right - left, bottom - top)
        self._runs = None  # painting's batches, rebuilt at the next paint
        self.active.refresh()
        self._changed(before, was)
        sc.refresh_blocks()  # wide layers show this trace's δ (and this step's) themselves

    def _changed(self, before: list, was: QRectF) -> None:
        """Repaint only the labels a step changed (labels are re-used objects, so identity
        says which): the pixmap cache keeps the rest, a step re-renders a few boxes."""
        if self._rect != was:
            self.prepareGeometryChange()
            self.update()
            return
        old, new = {id(x): x for x in before}, {id(x): x for x in self.texts}
        for key in old.keys() ^ new.keys():
            self.update((old.get(key) or new[key]).area().adjusted(-2, -2, 2, 2))

    def content_rect(self) -> QRectF:
        """Where the annotations are (fit and export add this to the network's rect)."""
        rect = QRectF(self._reserved) if self.texts else QRectF()
        for label in self.texts:
            rect = rect.united(label.area())
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
        if self.updated():
            lines.append("update step: a → b is before → after this one update (w, b, and this"
                         " example's z, a, L); g′, δ, ∂L/∂w are the values it used")
            if self.after is not None:
                lines[1] = (f"{t.loss_formula} = {nt.num(t.loss)} → {nt.num(self.after.loss)}"
                            f" · η = {t.learning_rate:g}")
        if self.stale:
            lines.append("⚠ stale: the weights changed since these numbers were computed")
        return lines

    def updated(self) -> bool:
        """At the step-through's update step: numbers are written before → after."""
        return self.step is not None and self.step.phase == "update"

    def _contents(self, final: bool, update: bool | None = None):
        """(slot key, lines, tooltip, on an edge) for every label. ``final``: as if every
        step were done (the largest each box will ever be); ``update``: as at the update
        step (default: whether the step shown is it). The strings are built once per
        trace (``_entries``); a step only filters them by what it has revealed."""
        stepping = self.step is not None
        revealed = self.step.revealed if stepping and not final else None
        update = self.updated() if update is None else update
        for key, on_edge, tip, entries in self._entries():
            lines, grads = [], False
            for text, colour, need, group in entries:
                if revealed is not None and need is not None and need not in revealed:
                    continue
                if group == "nostep" and stepping and not final:
                    continue
                if group == ("before" if update else "after"):
                    continue  # at the update step "z 0.28 → 0.29" replaces "z = 0.28"
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
        after = self.after if stepping else None
        # the scene's neurons by name: a new document may have as many, named otherwise
        key = (id(t), self.notation, self.stale, self.show_grads, stepping,
               tuple(sc.neurons), len(sc.edges), self.graph_mode, id(after))
        if self._entries_key == key and self._entries_trace is t and self._entries_after is after:
            return self._entries_cache
        nt, num = self.notation, self.notation.num
        ink = STALE if self.stale else INK
        colour = lambda v: STALE if self.stale else (POSITIVE.darker(120) if v >= 0  # noqa: E731
                                                   else NEGATIVE.darker(140))
        if self.graph_mode:  # the reversed graph labels its links and edges differently
            out = graph.entries(self, ink, colour)
            self._entries_key, self._entries_cache, self._entries_trace = key, out, t
            self._entries_after = after
            return out
        moved = {n.id: n for n in after.neurons} if after is not None else {}
        out = []
        for nt_ in t.neurons:
            item = sc.neurons.get(nt_.id)
            if item is None:
                continue
            nid, lines = nt_.id, []
            if nt_.z is not None:
                lines.append((f"{nt.pre} = {num(nt_.z)}", ink, ("z", nid), "before"))
                lines.append((f"{nt.act} = {num(nt_.a)}", ink, ("a", nid), "before"))
                new = moved.get(nid)
                if new is not None:
                    lines.append((f"{nt.pre} {num(nt_.z)} → {num(new.z)}", ink, None, "after"))
                    lines.append((f"{nt.act} {num(nt_.a)} → {num(new.a)}", ink, None, "after"))
                    if nt_.bias is not None:
                        lines.append((f"b {num(nt_.bias)} → {num(nt_.bias + nt_.delta_bias)}",
                                      ink, None, "after"))
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
            if after is not None:
                lines.append((f"w {num(e.weight)} → {num(e.weight + e.delta_w)}", ink, None,
                              "after"))
            tip = (f"<b>{escape(sc.neurons[e.source].label)} → "
                   f"{escape(sc.neurons[e.target].label)}</b>"
                   f"<br>w = {e.weight!r}<br>g′(z) of target = {tgt.g_prime!r}"
                   f"<br>δ of target = {tgt.delta!r}<br>∂L/∂w = {e.grad!r}<br>Δw = {e.delta_w!r}")
            out.append((("e", k), True, tip, lines))
        self._entries_key, self._entries_cache, self._entries_trace = key, out, t
        self._entries_after = after
        return out

    def _placement(self) -> dict:
        """slot key → (anchor point, fx, fy, attached to): the box of size w×h goes at
        anchor − (fx·w, fy·h); ``attached to`` is the point a leader line runs to, or None
        for a label on its edge or beside its neuron. Cached per trace identity, notation,
        options and neuron positions, and kept for a new trace with the same box sizes;
        within one trace only the first relayout pays for placement (stepping is a lookup)."""
        sc = self.scene_
        geometry = tuple((nid, i.x(), i.y()) for nid, i in sc.neurons.items())
        key = (id(self.trace), self.notation, self.show_grads, self.step is not None,
               sc.show_weight_labels, self.graph_mode, geometry, self.after is not None,
               getattr(sc, "text_zoom", 1.0))
        if self._layout_key == key and self._layout_trace is self.trace:
            return self._layout
        # A new trace whose boxes have the same sizes (training moves the numbers, rarely
        # their widths) keeps the placement: no search on every snapshot.
        sized = self._sized()
        shape = (key[1:], tuple(sized))
        if self._layout_shape == shape and self._layout is not None:
            self._layout_key, self._layout_trace = key, self.trace
            return self._layout
        place = Placer(self)
        rank = self._edge_ranks()
        out: dict = {}
        # The graph's g′ links first (their spot is fixed), every card next (they belong
        # next to their neuron), then the edge labels.
        contents = sorted(sized, key=lambda c: (c[0][0] != "g", c[2]))
        for key_, size, on_edge in contents:
            if key_[0] == "g":
                anchor, fx, fy = graph.link_spot(sc.neurons[key_[1]].pos())
                w, h = size
                place.boxes.add(QRectF(anchor.x() - fx * w, anchor.y() - fy * h, w, h))
                out[key_] = (anchor, fx, fy, None)
                continue
            if on_edge:
                # The graph mode drops a w that has no free spot (the edge's tooltip and
                # the path sums still give it) rather than stack it on another number.
                spot = place.edge(sc.edges[key_[1]], rank.get(key_[1], 0), size,
                                  optional=self.graph_mode)
            else:
                item = sc.neurons[key_[1]]
                # In the graph mode a crowded hidden neuron's card is left out rather than
                # laid over a name: its numbers are in the path sum a click shows.
                spot = place.card(item, size, optional=self.graph_mode and item.role == "hidden")
            if spot is not None:
                out[key_] = spot
        self._layout_key, self._layout, self._layout_trace = key, out, self.trace
        self._layout_shape, self._reserved = shape, place.taken
        return out

    def _sized(self) -> list:
        """(slot key, the largest size its box will have, on an edge) for every label: the
        larger of the box before the update step and at it (the update writes before → after)."""
        sizes: dict = {}
        for phase_update in (False, True):
            for key, lines, _, on_edge in self._contents(final=True, update=phase_update):
                if not lines:
                    continue
                w, h = self._size(lines, on_edge)
                was = sizes.get(key, (0.0, 0.0, on_edge))
                sizes[key] = (max(was[0], w), max(was[1], h), on_edge)
        return [(k, (w, h), on_edge) for k, (w, h, on_edge) in sizes.items()]

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

    def font(self, on_edge: bool) -> QFont:
        """The font an edge label (or a neuron's card) is sized and painted with. An export
        with a text zoom (text_zoomed) is laid out for its own size: the base font, grown."""
        zoom = self._zoom()
        if zoom != 1.0:
            return zoomed(EDGE_FONT if on_edge else FONT, zoom)
        return self.edge_font if on_edge else self.card_font

    def _zoom(self) -> float:
        return getattr(self.scene_, "text_zoom", 1.0)

    def set_text_size(self, card: float = 1.0, edge: float = 1.0, dots: bool = False) -> None:
        """Cards and edge labels at these multiples of their fonts; ``dots``: every edge
        label a dot on its edge instead (its numbers in the tooltip). Places them again."""
        card_font, edge_font = resized(FONT, card), resized(EDGE_FONT, edge)
        if (card_font, edge_font, dots) == (self.card_font, self.edge_font, self.edge_dots):
            return
        self.card_font, self.edge_font, self.edge_dots = card_font, edge_font, dots
        self._layout_key = self._layout_shape = None
        self._memo_key = None
        self.relayout()

    def _size(self, lines, on_edge: bool = False) -> tuple[float, float]:
        if on_edge and self.edge_dots and self._zoom() == 1.0:
            return DOT, DOT
        font = self.font(on_edge)
        # Slack for the screen: zoomed out a little (scale 0.97 at 1280×720), X11 rounds the
        # font up to whole hinted pixels and the text came out ~8 % wider than measured.
        best = max((_width(text, font) for text, _ in lines), default=0.0) * WIDTH_SLACK
        return best + 2 * PAD_X, line_height(font) * len(lines) + 2 * PAD_Y

    # ------------------------------------------------------------- painting
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if self.graph_mode and self.trace is not None and lod >= 0.25:
            self._paint_graph(painter)
        exporting = self.cacheMode() == QGraphicsItem.CacheMode.NoCache
        dotted = self.dotted(lod, exporting)
        exposed = option.exposedRect
        part = None if exposed.contains(self._rect) else exposed  # a step: a few boxes
        self._paint_leaders(painter, exposed)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ACCENT.darker(130))  # dark enough to find on a faded edge
        for box, _, _, on_edge in self.texts:
            if dotted[on_edge] and (part is None or box.intersects(part)):
                painter.drawEllipse(box.center(), DOT_R, DOT_R)
        if exporting:  # export: vectors, <text>
            for box, lines, _, on_edge in self.texts:
                if dotted[on_edge]:
                    continue
                painter.setPen(BOX_PEN)
                painter.setBrush(BOX_FILL)
                painter.drawRoundedRect(box, 5, 5)
                font = self.font(on_edge)
                painter.setFont(font)
                for k, (text, colour) in enumerate(lines):
                    painter.setPen(colour)
                    painter.drawText(text_rect(box, k, font, text), LEFT_MIDDLE, text)
            return
        # On screen: every box in one path, then the text grouped by font and colour as
        # QStaticText (laid out once per string) — a step over ~400 labels stays fast.
        if self._runs is None:
            self._prepare_runs()
        painter.setPen(BOX_PEN)
        painter.setBrush(BOX_FILL)
        for on_edge, boxes in self._boxes.items():
            if not dotted[on_edge]:  # square corners: one call, no antialiased arcs
                painter.drawRects(boxes if part is None else
                                  [b for b in boxes if b.intersects(part)])
        for (rgba, on_edge), items in self._runs.items():
            if dotted[on_edge]:
                continue
            painter.setFont(self.font(on_edge))
            painter.setPen(QColor.fromRgba(rgba))
            for point, text, box in items:
                if part is None or box.intersects(part):
                    painter.drawStaticText(point, text)

    def dotted(self, lod: float, exporting: bool = False) -> dict[bool, bool]:
        """Which labels (on edges: True; cards: False) are drawn as dots at this zoom: text
        below MIN_PX on screen (zoomed out) is a dot, its numbers on hover. An export
        is laid out for its own size."""
        return {on_edge: (lod < LOD_DETAIL and not exporting) or (on_edge and self.edge_dots
                                                             and self._zoom() == 1.0)
                or (not exporting and self.font(on_edge).pixelSize() * lod < MIN_PX - 1e-6)
                for on_edge in (False, True)}

    def _paint_leaders(self, painter: QPainter, exposed: QRectF) -> None:
        """A thin line from each moved label to a dot on its edge (or its neuron's outline),
        under the boxes."""
        moved = [label.leader for label in self.texts if label.leader is not None
                 and (exposed.isNull() or label.area().intersects(exposed))]
        if not moved:
            return
        painter.setPen(QPen(LEADER, 1.3))
        painter.drawLines(moved)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LEADER)
        for line in moved:
            painter.drawEllipse(line.p1(), 3.0, 3.0)

    def _prepare_runs(self) -> None:
        boxes: dict[bool, list[QRectF]] = {False: [], True: []}
        runs: dict = {}
        memo = self._run_memo  # id(label) → (label, its text runs): labels are re-used
        for label in self.texts:
            box, lines, _, on_edge = label
            boxes[on_edge].append(box)
            done = memo.get(id(label))
            if done is None:
                font = self.font(on_edge)
                # QStaticText draws from its top-left: centre its line box vertically
                top = (line_height(font) - QFontMetricsF(font).height()) / 2
                done = memo[id(label)] = (label, [
                    ((colour.rgba(), on_edge),
                     (text_rect(box, k, font, text).topLeft() + QPointF(0, top),
                      _static(text, font), box))
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
