"""Backprop step-through frames: the backward view at each step, with the formula dock's text.

The network is the still backward export (``headless.backward_figure``: the scene with
its BackwardOverlay, the legend under it), put in each step's state the way the window's
step-through does (``BackwardMode.go``: the overlay's step, unrevealed items faded by
``backward.mode.dim``, the update applied as the same command at the last step). Above
it the step's title and the phase trail, below it the step's formulas with the numbers
plugged in: what the formula dock shows, in slide units.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from nnviz.app.animate_file import AnimationOptions
from nnviz.app.export.animation import Frame, fit_image
from nnviz.app.export.figures import Figure, NetworkFigure, _fit
from nnviz.app.export.slide_panels import slide_font
from nnviz.core.stepper import PHASE_TITLES, PHASES, Step

TITLE_PX, TRAIL_PX, FORMULA_PX, MIN_FORMULA_PX = 40.0, 24.0, 28.0, 14.0
INSET = 24.0  # the formulas' margin inside their box
FORMULA_ROOM = 300.0  # slide units at most for the formulas; more lines get smaller type


class StepFigure(Figure):
    """One step on a 16:9 slide: title, phase trail, the network, the step's formulas."""

    WIDTH, HEIGHT = 1600.0, 900.0
    PAD = 40.0

    def __init__(self, network: NetworkFigure, step: Step, index: int, count: int,
                 ink: QColor, muted: QColor, accent: QColor) -> None:
        self.network, self.step, self.index, self.count = network, step, index, count
        self.ink, self.muted, self.accent = QColor(ink), QColor(muted), QColor(accent)
        self.title = f"Backprop step {index + 1} of {count}: {step.title}"

    def size(self) -> QSizeF:
        return QSizeF(self.WIDTH, self.HEIGHT)

    def formula_px(self) -> float:
        """The largest formula type (at most FORMULA_PX) at which every line fits."""
        width = self.WIDTH - 2 * self.PAD - 2 * INSET
        px = FORMULA_PX
        lines = self.step.lines or ("",)
        px = min(px, FORMULA_ROOM / (1.25 * len(lines)))
        fm = QFontMetricsF(slide_font(px))
        widest = max(fm.horizontalAdvance(line) for line in lines)
        if widest > width:
            px *= width / widest
        return max(MIN_FORMULA_PX, px)

    def paint(self, painter: QPainter, target: QRectF, background: QColor) -> None:
        painter.save()
        painter.translate(target.x(), target.y())
        painter.scale(target.width() / self.WIDTH, target.height() / self.HEIGHT)
        pad, w = self.PAD, self.WIDTH - 2 * self.PAD
        font = slide_font(TITLE_PX, bold=True)
        painter.setFont(font)
        painter.setPen(self.ink)
        title = QFontMetricsF(font).elidedText(self.title, Qt.TextElideMode.ElideRight, w)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(pad, 24, w, 60), left, title)
        self._trail(painter, QRectF(pad, 88, w, 36))
        px = self.formula_px()
        font = slide_font(px)
        fm = QFontMetricsF(font)
        lines = list(self.step.lines)
        line_h = fm.height() * 1.2
        box_h = line_h * len(lines) + 2 * 18
        box = QRectF(pad, self.HEIGHT - pad - box_h, w, box_h)
        net = QRectF(pad, 140, w, box.top() - 20 - 140)
        painter.save()
        self.network.paint(painter, _fit(net, self.network.size()), background)
        painter.restore()
        fill = QColor(self.ink)
        fill.setAlpha(16)
        painter.setPen(QPen(self.muted, 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 10, 10)
        painter.setFont(font)
        painter.setPen(self.ink)
        for i, line in enumerate(lines):
            painter.drawText(QRectF(box.left() + INSET, box.top() + 18 + i * line_h,
                                    box.width() - 2 * INSET, line_h), left, line)
        painter.restore()

    def _trail(self, painter: QPainter, rect: QRectF) -> None:
        """Forward pass → Loss → … with the current phase bold in the accent colour."""
        x = rect.left()
        for i, phase in enumerate(PHASES):
            current = phase == self.step.phase
            font = slide_font(TRAIL_PX, bold=current)
            painter.setFont(font)
            painter.setPen(self.accent if current else self.muted)
            text = PHASE_TITLES[phase] + ("  →  " if i < len(PHASES) - 1 else "")
            painter.drawText(QRectF(x, rect.top(), rect.right() - x, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += QFontMetricsF(font).horizontalAdvance(text)


def step_frames(document, o: AnimationOptions,
                background: QColor) -> tuple[int, Iterator[Frame]]:
    """One frame per step of the step-through of row ``o.sample`` (0 when not given)."""
    from nnviz.core.headless import example_from_row, trace_example
    from nnviz.core.plan import Plan
    from nnviz.core.stepper import Notation, steps

    doc = document
    if o.convention is not None and o.convention != doc.settings.convention:
        doc = dataclasses.replace(doc, settings=dataclasses.replace(
            doc.settings, convention=o.convention))
    row = 0 if o.sample is None else o.sample
    plan = Plan(doc.network, doc.settings.loss_spec)
    try:
        example = example_from_row(doc.build_dataset(), plan, row)
    except ValueError as exc:
        raise ValueError(f"--sample: {exc}") from None
    # The steps depend on the network's shape only: counted here, before any widget.
    count = len(steps(trace_example(doc, example, plan), doc.network, plan.order,
                      plan.level_of, Notation.from_view(doc.view)))
    return count, _frames(doc, row, o, background)


def _frames(doc, row: int, o: AnimationOptions, background: QColor) -> Iterator[Frame]:
    from nnviz.app import theme
    from nnviz.app.backward.mode import dim, updated_network
    from nnviz.app.export.headless import backward_figure, build_views, close_views
    from nnviz.core.commands import set_parameters
    from nnviz.core.plan import Plan
    from nnviz.core.stepper import Notation, steps
    from nnviz.core.trace import trace

    views = build_views(doc, sample=row, title=o.title)  # the update step changes its copy
    try:
        figure = backward_figure(views)  # the still backward export's figure and overlay
        t = views.snapshot.trace
        overlay = next(i for i in views.view.canvas.overlays if hasattr(i, "legend_lines"))
        notation = Notation.from_view(doc.view)
        plan = Plan(doc.network, doc.settings.loss_spec)
        data = doc.build_dataset()
        x, y = data.inputs(plan.features)[row], data.y[row]
        s = doc.settings
        seq = steps(t, doc.network, plan.order, plan.level_of, notation)
        updated = updated_network(t, doc.network)
        overlay.notation = notation
        overlay.example = f"row {row}, x = ({', '.join(notation.num(v) for v in x)})"
        overlay.after = trace(updated, x, y, s.loss_spec, s.convention, s.learning_rate, plan)
        th = theme.current()
        colours = QColor(th.ink), QColor(th.muted), QColor(th.accent)
        size = o.size
        for i, step in enumerate(seq):
            if step.phase == "update":  # as the window does: one command, the Δ applied
                views.model.push(set_parameters(views.model.document.network, updated,
                                                "Backprop update (one example)"))
            overlay.step = step
            dim(views.view.canvas, step)
            overlay.relayout()
            image = fit_image(StepFigure(figure, step, i, len(seq), *colours), size, background)
            size = size or (image.width(), image.height())
            yield Frame(image, step.title)
    finally:
        close_views(views)
