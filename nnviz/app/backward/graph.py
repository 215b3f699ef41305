"""The computational-graph mode of the backward view: the CS 2109S slide's reversed graph.

Each computed neuron is a capsule with a Σ node (z) and an activation node (a); the
z → a link carries g′(z) as its weight, every edge carries its w, and the arrows point
the way the backward pass walks: from the outputs back to the inputs. ∂L/∂v of any value
is then the sum over the paths from v to the outputs of the products of those numbers
(``nnviz.core.paths``), which the formula panel spells out for a clicked neuron.

The overlay owns placement and the text boxes; this module gives it the graph's label
lines, the fixed spot of each link label, and paints the capsules and arrowheads.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from nnviz.app.canvas.style import ACCENT, BACKING, INK, LABEL_FONT, LOD_DETAIL, MUTED, R, _font

HALF_W = R + 29.0  # the capsule's half-width: room for g′ between the two nodes
HALF_H = R + 2.0  # covers the canvas's forward arrowheads, which end at the circle
NODE_R, NODE_DX = 12.0, 38.0  # the Σ and activation nodes: radius, offset from the centre
# Between the capsules, where an edge is visible: its middle first, staggered by rank.
EDGE_PREFERRED = (0.5, 0.62, 0.38, 0.7, 0.3)
HEAD = 9.0  # the reversed arrowheads' length
SYMBOL = {"sigmoid": "σ", "tanh": "th", "relu": "R", "identity": "id", "leaky_relu": "LR",
          "prelu": "PR", "step": "st", "threshold": "th≥",
          "softmax": "sm"}
NODE_FONT = _font(11, True)
CAPSULE_FILL, NODE_FILL = QColor("#ffffff"), QColor("#eef1f5")


def entries(overlay, ink: QColor, colour) -> list:
    """Every label of the graph mode as (slot key, on an edge, tooltip, lines); each line is
    (text, colour, revealed by, group), as ``BackwardOverlay._entries`` builds them."""
    sc, t, nt = overlay.scene_, overlay.trace, overlay.notation
    num, stepping = nt.num, overlay.step is not None
    from nnviz.app.backward.overlay import WARN, flags, grad_lines  # the overlay imports us

    out = []
    for n in t.neurons:
        item = sc.neurons.get(n.id)
        if item is None:
            continue
        lines = []
        if n.role == "input":
            lines.append((f"∂L/∂x = {num(n.dl_da)}", ink, None, "nostep"))
        else:
            known = ("loss", None) if n.role == "output" else ("delta", n.id)
            lines.append((f"∂L/∂{nt.act} = {num(n.dl_da)}", ink, known, ""))
            lines.append((f"δ = {num(n.delta)}", colour(n.delta), ("delta", n.id), ""))
        warn = flags(n)
        if warn:
            lines.append((f"⚠ {warn}", WARN, ("a", n.id), ""))
        tip = (f"<b>{escape(item.label)}</b>: ∂L/∂a = {n.dl_da!r}<br>δ = {n.delta!r}"
               "<br>click it: ∂L/∂a as a sum over paths in the formula panel")
        out.append((("n", n.id), False, tip, lines))
        if n.g_prime is not None and n.activation != "softmax":  # softmax: a Jacobian
            out.append((("g", n.id), True,
                        f"g′({nt.pre}_{item.label}) = {n.g_prime!r}: the weight of the "
                        f"{nt.pre} → {nt.act} link in the reversed graph",
                        [(f"g′ {num(n.g_prime)}", ink, ("a", n.id), "link")]))
    for e in t.edges:
        edge = sc.edges.get((e.source, e.target))
        if edge is None:
            continue
        k = edge.key
        # the number alone (the legend says it is w): narrow enough for the strip between
        # two columns of capsules, where a dense layer's edges cross
        lines = [(num(e.weight), ink, ("w", k), "factor")]
        if overlay.show_grads or stepping:
            lines += grad_lines(e, num, ink, overlay.show_grads, stepping)
        tip = (f"<b>{escape(sc.neurons[e.source].label)} → "
               f"{escape(sc.neurons[e.target].label)}</b>"
               f"<br>w = {e.weight!r}: a factor of every path through this edge"
               f"<br>∂L/∂w = {e.grad!r}<br>Δw = {e.delta_w!r}")
        out.append((("e", k), True, tip, lines))
    return out


def link_spot(centre: QPointF) -> tuple[QPointF, float, float]:
    """Where g′ goes: on the z → a link, between the two nodes, just above the arrow."""
    return QPointF(centre.x(), centre.y() - 2.0), 0.5, 1.0


def capsule(centre: QPointF) -> QRectF:
    return QRectF(centre.x() - HALF_W, centre.y() - HALF_H, 2 * HALF_W, 2 * HALF_H)


def reach(item, ux: float, uy: float) -> float:
    """Distance from a neuron's centre to what the graph mode draws of it, along (ux, uy)."""
    if item.role == "input":
        return item.border(ux, uy)
    return min(HALF_W / max(abs(ux), 1e-9), HALF_H / max(abs(uy), 1e-9))


def reversed_head(edge, src) -> QPolygonF | None:
    """The backward arrowhead where ``edge`` leaves its source ``src``, or None (no room);
    made once per edge geometry (the edge drops it when an end moves)."""
    if src is None or not (edge.ux or edge.uy):
        return None
    key = ("reversed_head", src.role)
    if key not in edge.derived:
        edge.derived[key] = _reversed_head(edge, src)
    return edge.derived[key]


def _reversed_head(edge, src) -> QPolygonF | None:
    ux, uy = edge.ux, edge.uy
    if math.hypot(edge.line.dx(), edge.line.dy()) < reach(src, ux, uy) + HEAD + 4:
        return None  # neurons too close together: no room for a head
    d = reach(src, ux, uy) + 2.0
    tip = QPointF(src.x() + ux * d, src.y() + uy * d)
    base = QPointF(tip.x() + ux * HEAD, tip.y() + uy * HEAD)
    side = QPointF(-uy * HEAD * 0.45, ux * HEAD * 0.45)
    return QPolygonF([tip, base + side, base - side])


def on_paths(scene, start: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The neurons and edges of every path from ``start`` to an output."""
    out: dict[str, list[tuple[str, str]]] = {}
    into: dict[str, list[tuple[str, str]]] = {}
    for key in scene.edges:
        out.setdefault(key[0], []).append(key)
        into.setdefault(key[1], []).append(key)

    def reach(seeds, links, end):
        seen, todo = set(seeds), list(seeds)
        while todo:
            for key in links.get(todo.pop(), ()):
                if key[end] not in seen:
                    seen.add(key[end])
                    todo.append(key[end])
        return seen

    ahead = reach([start], out, 1)
    behind = reach([n for n, i in scene.neurons.items() if i.role == "output"], into, 0)
    nodes = ahead & behind
    return nodes, {k for k in scene.edges if k[0] in nodes and k[1] in nodes}


class FocusLayer(QGraphicsItem):
    """The halo over the paths of the focused value (hovered or clicked), behind the
    overlay's capsules and labels: a hover repaints only this, never the cached labels."""

    def __init__(self, overlay) -> None:
        super().__init__(overlay)
        self.overlay = overlay
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.nodes: set[str] = set()
        self.edges: set[tuple[str, str]] = set()
        self._rect = QRectF()

    def set_focus(self, focus: str | None) -> None:
        sc = self.overlay.scene_
        self.update()  # where the old halo was
        self.prepareGeometryChange()
        self.nodes, self.edges = on_paths(sc, focus) if focus in sc.neurons else (set(), set())
        rect = QRectF()
        for nid in self.nodes:
            rect = rect.united(capsule(sc.neurons[nid].pos()))
        self._rect = rect.adjusted(-12, -12, 12, 12) if not rect.isNull() else QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        sc = self.overlay.scene_
        halo = QColor(ACCENT)
        halo.setAlpha(70)
        # One call, no antialiasing: a wide antialiased line costs ~30 µs, and lighting
        # the paths of an input of 2-8×6-1 draws ~340 of them on every hover.
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(halo, 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLines([sc.edges[k].line for k in self.edges if k in sc.edges])
        painter.restore()
        halo.setAlpha(150)
        painter.setPen(QPen(halo, 5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for nid in self.nodes:
            item = sc.neurons.get(nid)
            if item is not None:
                rect = capsule(item.pos()) if item.role != "input" else QRectF(
                    item.x() - R, item.y() - R, 2 * R, 2 * R)
                painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 17, 17)


def paint(painter: QPainter, overlay, stale_colour: QColor, lod: float) -> None:
    """Capsules, their nodes and g′ links, and the reversed arrowheads of every edge."""
    sc, t = overlay.scene_, overlay.trace
    flow = stale_colour if overlay.stale else ACCENT
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(flow)
    for e in t.edges:  # an arrowhead where each edge leaves its source: back towards it
        edge = sc.edges.get((e.source, e.target))
        head = reversed_head(edge, sc.neurons.get(e.source)) if edge is not None else None
        if head is not None:
            painter.drawPolygon(head)
    painter.setFont(NODE_FONT)
    for n in t.neurons:
        item = sc.neurons.get(n.id)
        if item is None or n.z is None:
            continue
        c = item.pos()
        painter.setPen(QPen(INK, 1.6))
        painter.setBrush(CAPSULE_FILL)
        painter.drawRoundedRect(capsule(c), 16, 16)
        s, a = QPointF(c.x() - NODE_DX, c.y()), QPointF(c.x() + NODE_DX, c.y())
        painter.setBrush(NODE_FILL)
        painter.drawEllipse(s, NODE_R, NODE_R)
        painter.drawEllipse(a, NODE_R, NODE_R)
        for centre, text in ((s, "Σ"), (a, SYMBOL.get(n.activation, n.activation[:2]))):
            painter.drawText(QRectF(centre.x() - NODE_R, centre.y() - NODE_R, 2 * NODE_R,
                                    2 * NODE_R), Qt.AlignmentFlag.AlignCenter, text)
        # the link a → z, drawn the backward way: its weight g′(z) sits just above it
        y = c.y() + 3.0
        left, right = s.x() + NODE_R + 1, a.x() - NODE_R - 1
        pen = QPen(flow if n.activation != "softmax" else MUTED, 1.6)
        if n.activation == "softmax":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(right, y), QPointF(left + 6, y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(QPolygonF([QPointF(left, y), QPointF(left + 7, y - 3.5),
                                       QPointF(left + 7, y + 3.5)]))
        if (item.image is None or lod < LOD_DETAIL) and len(item.label) <= 4:
            _name_below(painter, item)  # the canvas wrote it inside the circle, now covered
        painter.setFont(NODE_FONT)


def _name_below(painter: QPainter, item) -> None:
    """The neuron's name under its capsule, the way the canvas writes long names."""
    painter.setFont(LABEL_FONT)
    width = painter.fontMetrics().horizontalAdvance(item.label)
    c = item.pos()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BACKING)
    painter.drawRoundedRect(QRectF(c.x() - width / 2 - 3, c.y() + HALF_H + 2, width + 6, 16), 4, 4)
    painter.setPen(INK)
    painter.drawText(QRectF(c.x() - 60, c.y() + HALF_H + 2, 120, 16),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, item.label)
