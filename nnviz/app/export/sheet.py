"""Exercise sheets and their answer keys as PDF: one page per variant, A4 or Letter.

A page holds the network drawn by the canvas's own scene (print colours, weights on
the edges) with each bias under its neuron, each input's value beside it and the
target beside the output; the task in words with the convention's formulas; and two
tables to fill, neurons (z, a, g'(z), δ) and weights (∂L/∂w or Δw, new w). The key
is the same page with the tables filled from the trace. Everything is laid out in
points on the page's printable area (15 mm margins), so A4 and Letter differ only in
the space between the tables and the footer.

The file is reproducible: the document ID is named by the sheet's options and the
dates are fixed (see ``pdfstamp``), so the same seed gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from nnviz.app.export.figures import NetworkFigure, _fit
from nnviz.app.export.pdfstamp import document_id, fix_dates
from nnviz.core.atomicfile import write_atomic
from nnviz.core.exercise import CELLS, NEURON_CELLS, WEIGHT_CELLS, Row, Variant, key_rows
from nnviz.core.numfmt import number

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
RESOLUTION = 1200  # device dots per inch; the painter works in points on top of it
INK, MUTED, RULE, GIVEN = QColor("#000000"), QColor("#444444"), QColor("#888888"), \
    QColor("#eeeeee")
ROW_HEIGHT = 20.0  # points (7 mm): room to write a number by hand
HEADERS = {"z": "z", "a": "a = g(z)", "g_prime": "g'(z)", "delta": "δ",
           "dL_dw": "∂L/∂w", "delta_w": "Δw", "w_new": "new w"}
ACTIVATION_TEXT = {"sigmoid": "σ(z) = 1 / (1 + e^−z), σ'(z) = σ(z)(1 − σ(z))",
                   "tanh": "tanh(z), tanh'(z) = 1 − tanh²(z)"}


def _font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(points)))  # one painter unit is one point
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@contextmanager
def print_colours():
    """The canvas in the print theme while a page is drawn, the user's theme after."""
    from nnviz.app import theme as themes
    from nnviz.app.canvas import style

    before = themes.current()
    style.use_theme(themes.PRINT)
    try:
        yield
    finally:
        style.use_theme(before)


class _SheetNetwork(NetworkFigure):
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


def _draw_network(p: QPainter, variant: Variant, box: QRectF) -> None:
    scene = network_scene(variant)
    figure = _SheetNetwork(scene, margin=12)
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
    p.setFont(_font(10, bold=True))
    r = 26 * k  # just beyond a neuron's radius (22 scene units)
    for neuron, value in zip(inputs, x):
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() - r - 80, c.y() - 8, 80 - 4, 16),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   f"{neuron.label} = {_plain(value)}")
    for neuron, value in zip(outputs, y):
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() + r + 6, c.y() - 8, 80, 16),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   f"target y = {_plain(value)}")
    p.setFont(_font(9))
    for neuron in net.neurons.values():
        if neuron.role == "input":
            continue
        c = at(neuron.x, neuron.y)
        p.drawText(QRectF(c.x() - 40, c.y() + r + 1, 80, 13), Qt.AlignmentFlag.AlignCenter,
                   f"b = {_plain(neuron.bias)}")
    scene.clear()


def _plain(value: float) -> str:
    """0.3, −1, 1.25: a given number as short as it is exact."""
    return f"{value:g}".replace("-", "−")


def _wrap(p: QPainter, text: str, rect: QRectF, font: QFont) -> float:
    """Draw word-wrapped text; returns the height used."""
    p.setFont(font)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    used = p.boundingRect(rect, flags, text)
    p.drawText(rect, flags, text)
    return used.height()


def _glued(text: str) -> str:
    """No line break beside an operator: "δ_j = g'(z_j)" stays on one line."""
    for op in ("=", "−", "+", "·", "←"):
        text = text.replace(f" {op} ", f"\u00a0{op}\u00a0")
    return text


def task_text(variant: Variant) -> str:
    spec, digits = variant.spec, variant.spec.digits
    xs = ", ".join(_plain(v) for v in variant.x)
    ys = ", ".join(_plain(v) for v in variant.y)
    act = ACTIVATION_TEXT[spec.activation]
    if spec.convention == "mitchell":
        rules = ("δ = −∂E/∂net: at the output δ = −∂E/∂o · g'(net), in a hidden neuron "
                 "δ_j = g'(net_j) Σ_k w_kj δ_k; Δw_ji = η δ_j o_i, new w = w + Δw "
                 "(a bias is the weight from a constant input 1).")
    else:
        rules = ("δ = ∂L/∂z: at the output δ = ∂L/∂ŷ · g'(z), in a hidden neuron "
                 "δ_j = g'(z_j) Σ_k w_kj δ_k; ∂L/∂w_jk = δ_j a_k, new w = w − η ∂L/∂w "
                 "(a bias is the weight from a constant input 1).")
    def whole(text: str) -> str:  # a formula is never broken across lines
        return text.replace(" ", "\u00a0")

    return (f"One forward and one backward pass of the network below on the example "
            f"{whole(f'x = ({xs})')} with target {whole(f'y = {ys}')}. Activation "
            f"{', '.join(whole(part) for part in act.split(', '))} in every neuron; loss "
            f"{whole(spec.loss_formula)}; learning rate {whole(f'η = {spec.learning_rate:g}')}. "
            f"{_glued(rules)} Give every value to {digits} decimals.")


PAD = 5.0  # points between a cell's text and its rules
NUMBER_SPACE = "−0.00000"  # the widest number a cell holds at 4 decimals, with a margin


def _widths(header: list[str], rows: list[list[str]], width: float, size: float
            ) -> list[float]:
    """The first column as wide as its names, the others sharing the rest."""
    n = len(header)
    fm = QFontMetricsF(_font(size, bold=True))
    first = max(fm.horizontalAdvance(c[0]) for c in [header, *rows]) + 2 * PAD
    first = min(max(first, 45.0), width * 0.4, 110.0)
    return [first] + [(width - first) / (n - 1)] * (n - 1) if n > 1 else [width]


def needed_width(header: list[str], rows: list[list[str]], size: float) -> float:
    """The width at which no name or number of the table is cut short."""
    bold, plain = QFontMetricsF(_font(size, bold=True)), QFontMetricsF(_font(size))
    first = max(bold.horizontalAdvance(c[0]) for c in [header, *rows]) + 2 * PAD
    number = max([plain.horizontalAdvance(NUMBER_SPACE)]
                 + [bold.horizontalAdvance(h) for h in header[1:]]) + 2 * PAD
    return first + number * (len(header) - 1)


def _table(p: QPainter, top: float, left: float, width: float, title: str,
           header: list[str], rows: list[list[str]], given_columns: int,
           row_height: float, size: float = 10.0) -> float:
    """A ruled table; the first ``given_columns`` columns are shaded (printed values)."""
    p.setPen(INK)
    p.setFont(_font(11, bold=True))
    p.drawText(QRectF(left, top, width, 16), Qt.AlignmentFlag.AlignLeft, title)
    top += 18
    widths = _widths(header, rows, width, size)
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
    p.setFont(_font(size, bold=True))
    for j, text in enumerate(header):
        p.drawText(QRectF(xs[j] + PAD, top, widths[j] - 2 * PAD, row_height),
                   Qt.AlignmentFlag.AlignCenter if j else
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.setFont(_font(size))
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


def _cells(rows: Sequence[Row], kind: str, cells: Sequence[str], key: bool,
           digits: int) -> list[list[str]]:
    out = []
    for row in rows:
        if row.kind != kind:
            continue
        line = [row.shown] + ([_plain(row.given)] if kind == "weight" else [])
        line += [number(row.values[c], digits, unicode=True) if key else "" for c in cells]
        out.append(line)
    return out


PICTURE, PICTURE_MAX = 190.0, 230.0  # points: the network's height, at least and at most
MIN_ROW = 16.0  # points: still room for a handwritten number


def _tables_height(lengths: list[int], side: bool, row_height: float) -> float:
    """Height of the tables (title, header row, rows, gap), stacked or side by side."""
    if not lengths:
        return 0.0
    if side:
        return 30.0 + row_height * (max(lengths) + 1)
    return sum(30.0 + row_height * (n + 1) for n in lengths)


def table_layout(lengths: list[int], room: float) -> tuple[bool, float]:
    """Stacked at full row height if that fits in ``room``, else side by side, rows
    shrinking to ``MIN_ROW`` at the least (``check_spec`` keeps shapes that fit)."""
    if _tables_height(lengths, False, ROW_HEIGHT) <= room:
        return False, ROW_HEIGHT
    side = len(lengths) == 2
    fit = (room - 30.0) / (max(lengths, default=0) + 1) if side else \
        (room - 30.0 * len(lengths)) / (sum(lengths) + len(lengths))
    return side, max(MIN_ROW, min(ROW_HEIGHT, fit))


def draw_page(p: QPainter, page: QRectF, variant: Variant, count: int, key: bool) -> None:
    """One variant's page into ``page`` (points)."""
    spec = variant.spec
    left, width, top = page.left(), page.width(), page.top()
    p.setPen(INK)
    p.setFont(_font(15, bold=True))
    title = f"Backpropagation exercise {variant.index}"
    p.drawText(QRectF(left, top, width, 20), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(_font(11, bold=key))
    p.drawText(QRectF(left, top + 2, width, 20), Qt.AlignmentFlag.AlignRight,
               "ANSWER KEY" if key else "Name: ______________________")
    top += 24
    p.setPen(MUTED)
    p.setFont(_font(9))
    p.drawText(QRectF(left, top, width, 14), Qt.AlignmentFlag.AlignLeft,
               f"{spec.describe()} · seed {spec.seed} · variant {variant.index} of {count}")
    top += 20
    p.setPen(INK)
    top += _wrap(p, task_text(variant), QRectF(left, top, width, 200), _font(10)) + 6
    rows = key_rows(variant.trace)
    neuron_cells = [c for c in spec.chosen_cells if c in NEURON_CELLS]
    weight_cells = [c for c in spec.chosen_cells if c in WEIGHT_CELLS]
    tables = []  # (title, header, cells, shaded columns)
    if neuron_cells:
        tables.append(("Neurons", ["neuron"] + [HEADERS[c] for c in neuron_cells],
                       _cells(rows, "neuron", neuron_cells, key, spec.digits), 1))
    if weight_cells:
        tables.append(("Weights and biases", ["weight", "w"] + [HEADERS[c] for c in weight_cells],
                       _cells(rows, "weight", weight_cells, key, spec.digits), 2))
    footer = 30.0 + (32.0 if key else 0.0)  # the key's output and loss lines
    room = page.bottom() - footer - top - PICTURE - 8
    layout = table_layout([len(t[2]) for t in tables], room)
    side, row_height = layout
    tables_height = _tables_height([len(t[2]) for t in tables], side, row_height)
    picture = min(PICTURE_MAX, page.bottom() - footer - top - 8 - tables_height)
    _draw_network(p, variant, QRectF(left, top, width, picture))
    top += picture + 8
    if side and len(tables) == 2:
        # Side by side in 9 pt, each table as wide as its names and numbers need.
        gap, size = 14.0, 9.0
        (t1, h1, c1, g1), (t2, h2, c2, g2) = tables
        need1, need2 = needed_width(h1, c1, size), needed_width(h2, c2, size)
        first = (width - gap) * need1 / (need1 + need2)
        used = _table(p, top, left, first, t1, h1, c1, g1, row_height, size)
        used = max(used, _table(p, top, left + first + gap, width - first - gap, t2, h2, c2,
                                g2, row_height, size))
        top += used + 12
    else:
        for title, header, cells, given in tables:
            top += _table(p, top, left, width, title, header, cells, given, row_height) + 12
    if key:
        t = variant.trace
        p.setPen(INK)
        p.setFont(_font(10))
        out = ", ".join(number(v, spec.digits, unicode=True) for v in t.output)
        p.drawText(QRectF(left, top, width, 14), Qt.AlignmentFlag.AlignLeft,
                   f"Output ŷ = {out}; loss L = {number(t.loss, spec.digits, unicode=True)}.")
        p.setPen(MUTED)
        p.setFont(_font(9))
        p.drawText(QRectF(left, top + 15, width, 14), Qt.AlignmentFlag.AlignLeft,
                   f"Grade a filled table: nnviz check variant-{variant.index:02d}.nnviz "
                   "answers.csv")
    p.setPen(MUTED)
    p.setFont(_font(8))
    p.drawText(QRectF(left, page.bottom() - 12, width, 12), Qt.AlignmentFlag.AlignCenter,
               f"nnviz exercise --seed {spec.seed} · {'key, ' if key else ''}page "
               f"{variant.index} of {count}")


def sheet_id(variants: Sequence[Variant], paper: str, key: bool) -> str:
    """What names the sheet's /ID: the options as they matter (the cells as chosen, not as
    typed), so the window and the command line give one sheet one ID."""
    s = variants[0].spec
    return (f"exercise shape={s.shape} activation={s.activation} loss={s.loss} "
            f"convention={s.convention} eta={s.learning_rate!r} seed={s.seed} "
            f"cells={s.chosen_cells} digits={s.digits} count={len(variants)} paper={paper} "
            f"key={key}")


def sheet_bytes(variants: Sequence[Variant], paper: str = "a4", key: bool = False,
                progress: Callable[[int, int], object] | None = None) -> bytes | None:
    """The PDF; ``progress(done, total)`` after each page, returning False cancels (None)."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r} (papers: {', '.join(PAPERS)})")
    if not variants:
        raise ValueError("no variants to draw")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(("Answer key: " if key else "") + "backpropagation exercises")
    writer.setCreator("nnviz exercise")
    writer.setDocumentId(QUuid(document_id(sheet_id(variants, paper, key))))
    writer.setResolution(RESOLUTION)
    margins = QMarginsF(*(MARGIN_MM,) * 4)
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                                     margins, QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError("cannot start the PDF writer")
    cancelled = False
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        k = RESOLUTION / 72.0
        painter.scale(k, k)
        paint = writer.pageLayout().paintRectPoints()
        page = QRectF(0, 0, paint.width(), paint.height())
        for i, variant in enumerate(variants):
            if i:
                writer.newPage()
            with print_colours():
                draw_page(painter, page, variant, len(variants), key)
            if progress is not None and progress(i + 1, len(variants)) is False:
                cancelled = True
                break
    finally:
        painter.end()
        buffer.close()
    if cancelled:
        return None
    return fix_dates(bytes(data.data()))


def write_sheet(variants: Sequence[Variant], path: str, paper: str = "a4", key: bool = False,
                progress: Callable[[int, int], object] | None = None) -> bool:
    """Write the sheet (or key) atomically; False if cancelled (nothing written)."""
    data = sheet_bytes(variants, paper, key, progress)
    if data is None:
        return False
    write_atomic(path, data)
    return True


__all__ = ["CELLS", "PAPERS", "draw_page", "sheet_bytes", "task_text", "write_sheet"]
