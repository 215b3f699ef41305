"""What an exercise page is drawn with: the network, ruled tables, fonts in points.

The network is the canvas's own scene, painted in the print theme (the window's theme
comes back before any event is processed), with each input's value, the target and
each bias written beside it. Tables are ruled, their given columns shaded, their
columns as wide as their names and numbers need.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from nnviz.app.export.figures import NetworkFigure, _fit
from nnviz.core.exercise import Variant

INK, MUTED, RULE, GIVEN = QColor("#000000"), QColor("#444444"), QColor("#888888"), \
    QColor("#eeeeee")
ROW_HEIGHT = 20.0  # points (7 mm): room to write a number by hand


def font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    """A font ``points`` high in a painter that works in points (one unit = 1 pt)."""
    made = QFont()
    made.setPixelSize(max(1, round(points)))
    made.setBold(bold)
    made.setItalic(italic)
    made.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return made


@contextmanager
def print_colours():
    """The canvas in the print theme while a page is drawn, the user's theme after, so a
    sheet is the same whichever theme (or presentation mode) the window is in."""
    from nnviz.app import theme as themes
    from nnviz.app.canvas import style

    before, strokes = themes.current(), style.stroke_scale()
    style.use_theme(themes.PRINT)
    style.set_stroke_scale(1.0)  # presentation mode's heavier lines are for the screen
    try:
        yield
    finally:
        style.set_stroke_scale(strokes)
        style.use_theme(before)


class SheetNetwork(NetworkFigure):
    """The network with room left and right for the inputs' values and the target."""

    def source(self) -> QRectF:
        return super().source().adjusted(-70, -6, 60, 22)


def network_scene(variant: Variant):
    """A scene showing the variant's network as the canvas draws it (no window)."""
    from nnviz.app.canvas.scene import NetworkScene
    from nnviz.app.docmodel import DocumentModel

    model = DocumentModel(variant.document)
    scene = NetworkScene()
    scene.set_model(model)
    scene._sheet_model = model  # the scene listens to it: keep it alive with the scene
    return scene


def draw_network(p: QPainter, variant: Variant, box: QRectF) -> None:
    scene = network_scene(variant)
    figure = SheetNetwork(scene, margin=12)
    source = figure.source()
    fitted = _fit(box, source.size())
    k = fitted.width() / source.width()
    figure.paint(p, box, QColor("#ffffff"))

    def at(x: float, y: float) -> QPointF:
        return QPointF(fitted.x() + (x - source.x()) * k, fitted.y() + (y - source.y()) * k)

    net = variant.document.network
    x, y = variant.x, variant.y
    inputs = [n for n in net.neurons.values() if n.role == "input"]
    outputs = [n for n in net.neurons.values() if n.role == "output"]
    p.setPen(INK)
    p.setFont(font(10, bold=True))
    r = 26 * k  # just beyond a neuron's radius (22 scene units)
    for neuron, value in zip(inputs, x):
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() - r - 80, c.y() - 8, 80 - 4, 16),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   f"{neuron.label} = {plain(value)}")
    for neuron, value in zip(outputs, y):
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() + r + 6, c.y() - 8, 80, 16),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   f"target y = {plain(value)}")
    p.setFont(font(9))
    for neuron in net.neurons.values():
        if neuron.role == "input":
            continue
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() - 40, c.y() + r + 1, 80, 13), Qt.AlignmentFlag.AlignCenter,
                   f"b = {plain(neuron.bias)}")
    scene.clear()


def plain(value: float) -> str:
    """0.3, −1, 1.25: a given number as short as it is exact."""
    return f"{value:g}".replace("-", "−")


PAD = 5.0  # points between a cell's text and its rules
NUMBER_SPACE = "−0.00000"  # the widest number a cell holds at 4 decimals, with a margin


def column_widths(header: list[str], rows: list[list[str]], width: float, size: float
            ) -> list[float]:
    """The first column as wide as its names, the others sharing the rest."""
    n = len(header)
    fm = QFontMetricsF(font(size, bold=True))
    first = max(fm.horizontalAdvance(c[0]) for c in [header, *rows]) + 2 * PAD
    first = min(max(first, 45.0), width * 0.4, 110.0)
    return [first] + [(width - first) / (n - 1)] * (n - 1) if n > 1 else [width]


def needed_width(header: list[str], rows: list[list[str]], size: float) -> float:
    """The width at which no name or number of the table is cut short."""
    bold, plain = QFontMetricsF(font(size, bold=True)), QFontMetricsF(font(size))
    first = max(bold.horizontalAdvance(c[0]) for c in [header, *rows]) + 2 * PAD
    number = max([plain.horizontalAdvance(NUMBER_SPACE)]
                 + [bold.horizontalAdvance(h) for h in header[1:]]) + 2 * PAD
    return first + number * (len(header) - 1)


def table(p: QPainter, top: float, left: float, width: float, title: str,
           header: list[str], rows: list[list[str]], given_columns: int,
           row_height: float, size: float = 10.0) -> float:
    """A ruled table; the first ``given_columns`` columns are shaded (printed values)."""
    p.setPen(INK)
    p.setFont(font(11, bold=True))
    p.drawText(QRectF(left, top, width, 16), Qt.AlignmentFlag.AlignLeft, title)
    top += 18
    widths = column_widths(header, rows, width, size)
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    height = row_height * (len(rows) + 1)
    for i in range(len(rows)):
        y = top + row_height * (i + 1)
        p.fillRect(QRectF(xs[0], y, xs[given_columns] - xs[0], row_height), GIVEN)
    p.setPen(QPen(INK, 0.8))
    p.drawRect(QRectF(left, top, width, height))
    p.setPen(QPen(RULE, 0.5))
    for i in range(1, len(rows) + 1):
        y = top + row_height * i
        p.drawLine(QPointF(left, y), QPointF(left + width, y))
    for x in xs[1:-1]:
        p.drawLine(QPointF(x, top), QPointF(x, top + height))
    p.setPen(QPen(INK, 0.8))
    p.drawLine(QPointF(left, top + row_height), QPointF(left + width, top + row_height))
    p.setFont(font(size, bold=True))
    for j, text in enumerate(header):
        p.drawText(QRectF(xs[j] + PAD, top, widths[j] - 2 * PAD, row_height),
                   Qt.AlignmentFlag.AlignCenter if j else
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.setFont(font(size))
    fm = QFontMetricsF(p.font())
    for i, cells in enumerate(rows):
        y = top + row_height * (i + 1)
        for j, text in enumerate(cells):
            if not text:
                continue
            room = widths[j] - 2 * PAD
            p.drawText(QRectF(xs[j] + PAD, y, room, row_height),
                       (Qt.AlignmentFlag.AlignLeft if j == 0 else Qt.AlignmentFlag.AlignRight)
                       | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, room))
    return 18 + height


MIN_ROW = 16.0  # points: still room for a handwritten number


def tables_height(lengths: list[int], side: bool, row_height: float) -> float:
    """Height of the tables (title, header row, rows, gap), stacked or side by side."""
    if not lengths:
        return 0.0
    if side:
        return 30.0 + row_height * (max(lengths) + 1)
    return sum(30.0 + row_height * (n + 1) for n in lengths)


def table_layout(lengths: list[int], room: float) -> tuple[bool, float]:
    """Stacked at full row height if that fits in ``room``, else side by side, rows
    shrinking to ``MIN_ROW`` at the least (``check_spec`` keeps shapes that fit)."""
    if tables_height(lengths, False, ROW_HEIGHT) <= room:
        return False, ROW_HEIGHT
    side = len(lengths) == 2
    fit = (room - 30.0) / (max(lengths, default=0) + 1) if side else \
        (room - 30.0 * len(lengths)) / (sum(lengths) + len(lengths))
    return side, max(MIN_ROW, min(ROW_HEIGHT, fit))
