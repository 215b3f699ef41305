"""Exercise sheets and their answer keys as PDF: a page per variant (more for a larger
network), A4 or Letter.

A page holds the network drawn by the canvas's own scene (print colours, weights on
the edges) with each bias under its neuron, each input's value beside it and the
target beside the output; the task in words with the convention's formulas; and two
tables to fill, neurons (z, a, g'(z), δ) and weights (∂L/∂w or Δw, new w). The key
is the same page with the tables filled from the trace. Everything is laid out in
points on the page's printable area (15 mm margins); when the tables do not fit one
under the other (a larger network, the shorter Letter page) they go side by side, and
when they do not fit side by side either at a writable row height, they continue on
the next page at the full row height.
The drawing itself is in ``sheet_draw``.

The file is reproducible: the document ID is named by the sheet's options, the dates
are fixed (see ``pdfstamp``) and Qt's hash seed is fixed before Qt loads (see
``nnviz.app.export_file.reproducible_qt``), so the same seed gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from nnviz.app.export.pdfstamp import document_id, fix_dates
from nnviz.app.export.sheet_draw import (
    INK,
    MUTED,
    ROW_HEIGHT,
    draw_network,
    font,
    needed_width,
    plain,
    print_colours,
    table,
    table_layout,
    tables_height,
)
from nnviz.core.atomicfile import write_atomic
from nnviz.core.exercise import CELLS, NEURON_CELLS, WEIGHT_CELLS, Row, Variant, key_rows
from nnviz.core.numfmt import number

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 15.0
RESOLUTION = 1200  # device dots per inch; the painter works in points on top of it
HEADERS = {"z": "z", "a": "a = g(z)", "g_prime": "g'(z)", "delta": "δ",
           "dL_dw": "∂L/∂w", "delta_w": "Δw", "w_new": "new w"}
ACTIVATION_TEXT = {"sigmoid": "σ(z) = 1 / (1 + e^−z), σ'(z) = σ(z)(1 − σ(z))",
                   "tanh": "tanh(z), tanh'(z) = 1 − tanh²(z)"}


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
    xs = ", ".join(plain(v) for v in variant.x)
    ys = ", ".join(plain(v) for v in variant.y)
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


def _cells(rows: Sequence[Row], kind: str, cells: Sequence[str], key: bool,
           digits: int) -> list[list[str]]:
    out = []
    for row in rows:
        if row.kind != kind:
            continue
        line = [row.shown] + ([plain(row.given)] if kind == "weight" else [])
        line += [number(row.values[c], digits, unicode=True) if key else "" for c in cells]
        out.append(line)
    return out


PICTURE, PICTURE_MAX = 190.0, 230.0  # points: the network's height, at least and at most
CONTINUED_TOP = 30.0  # points: a continuation page's heading
MIN_CHUNK = 3  # rows of a table worth starting at the bottom of a page


def draw_page(p: QPainter, page: QRectF, variant: Variant, count: int, key: bool,
              new_page: Callable[[], object] | None = None) -> int:
    """One variant into ``page`` (points): one page, or more for a network whose tables do
    not fit one (``new_page`` starts the next; its tables continue there at the full row
    height, never squeezed). Returns the number of pages drawn."""
    spec = variant.spec
    left, width, top = page.left(), page.width(), page.top()
    p.setPen(INK)
    p.setFont(font(15, bold=True))
    title = f"Backpropagation exercise {variant.index}"
    p.drawText(QRectF(left, top, width, 20), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(font(11, bold=key))
    p.drawText(QRectF(left, top + 2, width, 20), Qt.AlignmentFlag.AlignRight,
               "ANSWER KEY" if key else "Name: ______________________")
    top += 24
    p.setPen(MUTED)
    p.setFont(font(9))
    p.drawText(QRectF(left, top, width, 14), Qt.AlignmentFlag.AlignLeft,
               f"{spec.describe()} · seed {spec.seed} · variant {variant.index} of {count}")
    top += 20
    p.setPen(INK)
    top += _wrap(p, task_text(variant), QRectF(left, top, width, 200), font(10)) + 6
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
    # Room for the key's output and loss lines on the sheet too: a key's page is laid out
    # as its sheet's, row for row.
    footer = 30.0 + 32.0
    room = page.bottom() - footer - top - PICTURE - 8
    lengths = [len(t[2]) for t in tables]
    side, row_height = table_layout(lengths, room)
    used = tables_height(lengths, side, row_height)
    pages = 1
    if used > room and new_page is not None:  # more pages, rows at their full height
        draw_network(p, variant, QRectF(left, top, width, PICTURE_MAX))
        top += PICTURE_MAX + 8
        for title, header, cells, given in tables:
            done = 0
            while done < len(cells):
                fit = int((page.bottom() - footer - top - 30.0) // ROW_HEIGHT) - 1
                if fit < min(MIN_CHUNK, len(cells) - done):
                    _footer(p, page, variant, count, key, pages)
                    new_page()
                    pages += 1
                    top = _continued(p, page, variant, key)
                    continue
                part = cells[done:done + fit]
                top += table(p, top, left, width, title + (" (continued)" if done else ""),
                             header, part, given, ROW_HEIGHT) + 12
                done += len(part)
    else:
        picture = min(PICTURE_MAX, page.bottom() - footer - top - 8 - used)
        draw_network(p, variant, QRectF(left, top, width, picture))
        top += picture + 8
        if side and len(tables) == 2:
            # Side by side in 9 pt, each table as wide as its names and numbers need.
            gap, size = 14.0, 9.0
            (t1, h1, c1, g1), (t2, h2, c2, g2) = tables
            need1, need2 = needed_width(h1, c1, size), needed_width(h2, c2, size)
            first = (width - gap) * need1 / (need1 + need2)
            used = table(p, top, left, first, t1, h1, c1, g1, row_height, size)
            used = max(used, table(p, top, left + first + gap, width - first - gap, t2, h2,
                                   c2, g2, row_height, size))
            top += used + 12
        else:
            for title, header, cells, given in tables:
                top += table(p, top, left, width, title, header, cells, given, row_height) + 12
    if key:
        t = variant.trace
        p.setPen(INK)
        p.setFont(font(10))
        out = ", ".join(number(v, spec.digits, unicode=True) for v in t.output)
        p.drawText(QRectF(left, top, width, 14), Qt.AlignmentFlag.AlignLeft,
                   f"Output ŷ = {out}; loss L = {number(t.loss, spec.digits, unicode=True)}.")
        p.setPen(MUTED)
        p.setFont(font(9))
        p.drawText(QRectF(left, top + 15, width, 14), Qt.AlignmentFlag.AlignLeft,
                   f"Grade a filled table: nnviz check variant-{variant.index:02d}.nnviz "
                   "answers.csv")
    _footer(p, page, variant, count, key, pages)
    return pages


def _continued(p: QPainter, page: QRectF, variant: Variant, key: bool) -> float:
    """A continuation page's heading; returns where its tables start."""
    p.setPen(INK)
    p.setFont(font(13, bold=True))
    p.drawText(QRectF(page.left(), page.top(), page.width(), 18), Qt.AlignmentFlag.AlignLeft,
               f"Backpropagation exercise {variant.index} (continued)")
    p.setFont(font(11, bold=key))
    p.drawText(QRectF(page.left(), page.top() + 2, page.width(), 18),
               Qt.AlignmentFlag.AlignRight, "ANSWER KEY" if key else "")
    return page.top() + CONTINUED_TOP


def _footer(p: QPainter, page: QRectF, variant: Variant, count: int, key: bool,
            part: int) -> None:
    p.setPen(MUTED)
    p.setFont(font(8))
    more = f", page {part}" if part > 1 else ""
    p.drawText(QRectF(page.left(), page.bottom() - 12, page.width(), 12),
               Qt.AlignmentFlag.AlignCenter,
               f"nnviz exercise --seed {variant.spec.seed} · {'key, ' if key else ''}"
               f"variant {variant.index} of {count}{more}")


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
                draw_page(painter, page, variant, len(variants), key, writer.newPage)
            if progress is not None and progress(i + 1, len(variants)) is False:
                cancelled = True
                break
    finally:
        painter.end()
        buffer.close()
    if cancelled:
        return None
    return fix_dates(bytes(data.data()))


def page_count(data: bytes) -> int:
    """How many pages a PDF of QPdfWriter's holds."""
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def write_sheet(variants: Sequence[Variant], path: str, paper: str = "a4", key: bool = False,
                progress: Callable[[int, int], object] | None = None) -> int:
    """Write the sheet (or key) atomically; returns its pages, 0 if cancelled (nothing
    written)."""
    data = sheet_bytes(variants, paper, key, progress)
    if data is None:
        return 0
    write_atomic(path, data)
    return page_count(data)


__all__ = ["CELLS", "PAPERS", "draw_page", "sheet_bytes", "task_text", "write_sheet"]
