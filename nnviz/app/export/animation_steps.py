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
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from nnviz.app.animate_file import AnimationOptions
from nnviz.app.export.animation import Frame, fit_image
from nnviz.app.export.figures import Figure, NetworkFigure
from nnviz.app.export.slide_panels import MIN_TEXT, slide_font
from nnviz.core.stepper import PHASE_TITLES, PHASES, Step

TITLE_PX, TRAIL_PX, FORMULA_PX, COLUMN_FORMULA_PX = 40.0, 24.0, 28.0, 24.0
LEGEND_PX = MIN_TEXT + 2  # the legend's type, a little above the slide's smallest
INSET = 24.0  # the formulas' margin inside their box
FORMULA_ROOM = 140.0  # slide units for the formulas' lines; more lines get smaller type
COLUMN = 0.32  # of the width: the legend's (and the formulas') column beside the network
GAP = 20.0
SPREADS = (1.0, 1.5, 2.0, 3.0)  # how far apart the neurons may be moved
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


def wrapped_height(lines: list[str], font, width: float) -> float:
    """How tall ``lines`` are set in ``width`` with words wrapped, one paragraph each."""
    fm = QFontMetricsF(font)
    return sum(fm.boundingRect(QRectF(0, 0, width, 1e6), WRAP, line).height()
               for line in lines)


class StepFigure(Figure):
    """One step on a 16:9 slide: title, phase trail, the network, its legend, the step's
    formulas. Sized as the still slide is: every text at least 2 % of the height (the
    network's through ``NetworkFigure.min_text``), the network filling the room left.

    Three arrangements, the one leaving the network largest is drawn: the formulas in a
    band at the bottom with the legend under the network or in a column beside it, or the
    formulas and the legend in a column beside a network of the full height."""

    WIDTH, HEIGHT = 1600.0, 900.0
    PAD, TOP = 40.0, 140.0

    def __init__(self, network: NetworkFigure, step: Step, index: int, count: int,
                 ink: QColor, muted: QColor, accent: QColor, legend: list[str] | None = None,
                 legend_room: list[str] | None = None,
                 formula_rooms: tuple[float, float] = (0.0, 0.0)) -> None:
        self.network, self.step, self.index, self.count = network, step, index, count
        self.ink, self.muted, self.accent = QColor(ink), QColor(muted), QColor(accent)
        self.title = f"Backprop step {index + 1} of {count}: {step.title}"
        self.legend = list(legend or ())
        # The rooms are the step-through's largest (the update step's legend, the longest
        # formulas, in the band and in the column), so the network stays in one place
        # from frame to frame.
        self.legend_room = list(legend_room or self.legend)
        self.formula_rooms = formula_rooms
        network.min_text = MIN_TEXT
        network.show_legend = False

    def size(self) -> QSizeF:
        return QSizeF(self.WIDTH, self.HEIGHT)

    @classmethod
    def widths(cls) -> tuple[float, float]:
        """The formulas' box width in the band and in the column."""
        w = cls.WIDTH - 2 * cls.PAD
        return w, w * COLUMN

    def formula_px(self, width: float) -> float:
        """The formulas' type in a box ``width`` wide: FORMULA_PX, smaller for many lines
        or a wide one, never below the slide's smallest text (a line still too wide wraps)."""
        inner = width - 2 * INSET
        lines = self.step.lines or ("",)
        px = min(FORMULA_PX, FORMULA_ROOM / (1.4 * len(lines)))  # a line is ~1.4 px
        fm = QFontMetricsF(slide_font(px))
        widest = max(fm.horizontalAdvance(line) for line in lines)
        if widest > inner:
            px *= inner / widest
        # In the column a long line wraps rather than shrinks far: it is the slide's point.
        return max(MIN_TEXT if width >= self.widths()[0] else COLUMN_FORMULA_PX, px)

    def formula_lines(self, width: float) -> tuple[QFont, list[tuple[str, float]]]:
        """The formulas' font and each line with its (wrapped) height."""
        font = slide_font(self.formula_px(width))
        inner = width - 2 * INSET
        fm = QFontMetricsF(font)
        return font, [(line, fm.boundingRect(QRectF(0, 0, inner, 1e6), WRAP, line).height()
                       * 1.2) for line in self.step.lines]

    def formula_height(self, width: float) -> float:
        return sum(h for _, h in self.formula_lines(width)[1]) + 2 * 18

    def arrangements(self) -> list[tuple[QRectF, QRectF, QRectF]]:
        """Every (network, legend, formulas) arrangement that fits, in slide units."""
        band_w, column_w = self.widths()
        x, top, bottom = self.PAD, self.TOP, self.HEIGHT - self.PAD
        font = slide_font(LEGEND_PX)
        out = []
        room = max(self.formula_rooms[0], self.formula_height(band_w))
        formulas = QRectF(x, bottom - self.formula_height(band_w), band_w,
                          self.formula_height(band_w))
        region = QRectF(x, top, band_w, bottom - room - GAP - top)
        h = wrapped_height(self.legend_room, font, band_w) if self.legend_room else -GAP
        out.append((QRectF(x, top, band_w, region.height() - h - GAP),
                    QRectF(x, region.bottom() - max(h, 0), band_w, max(h, 0)), formulas))
        h = wrapped_height(self.legend_room, font, column_w)
        right = x + band_w - column_w
        if h <= region.height():
            out.append((QRectF(x, top, band_w - column_w - GAP, region.height()),
                        QRectF(right, region.center().y() - h / 2, column_w, h), formulas))
        room = max(self.formula_rooms[1], self.formula_height(column_w))
        if room + GAP + h <= bottom - top:
            out.append((QRectF(x, top, band_w - column_w - GAP, bottom - top),
                        QRectF(right, top + room + GAP, column_w, h),
                        QRectF(right, top, column_w, self.formula_height(column_w))))
        return out

    def layout(self) -> tuple[QRectF, QRectF, QRectF]:
        """The arrangement leaving the network largest (at its text size now)."""
        src = self.network.source().size()

        def scale(arrangement) -> float:
            net = arrangement[0]
            return min(net.width() / max(src.width(), 1.0), net.height() / max(src.height(), 1.0))

        return max(self.arrangements(), key=scale)

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
        net, legend, box = self.layout()
        painter.save()
        self.network.paint(painter, net, background)  # it fits itself into its whole box
        painter.restore()
        painter.setFont(slide_font(LEGEND_PX))
        painter.setPen(self.ink)
        y = legend.top()
        for line in self.legend:
            h = wrapped_height([line], painter.font(), legend.width())
            painter.drawText(QRectF(legend.left(), y, legend.width(), h), WRAP, line)
            y += h
        fill = QColor(self.ink)
        fill.setAlpha(16)
        painter.setPen(QPen(self.muted, 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 10, 10)
        font, lines = self.formula_lines(box.width())
        painter.setFont(font)
        painter.setPen(self.ink)
        y = box.top() + 18
        for line, h in lines:
            painter.drawText(QRectF(box.left() + INSET, y, box.width() - 2 * INSET, h), WRAP,
                             line)
            y += h
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


class StepSlides:
    """The backward view of one example, put in the state of each step of its
    step-through as the window's ``BackwardMode.go`` does; ``figure(i)`` is step i's
    slide. The frames of ``nnviz animate --view backward-steps`` and the still of one
    step (``nnviz export --view backward --step N``) are both drawn from here."""

    def __init__(self, doc, row: int, title: str = "", train_epochs: int = 0) -> None:
        from nnviz.app import theme
        from nnviz.app.backward.mode import updated_network
        from nnviz.app.export.headless import backward_figure, build_views
        from nnviz.core.plan import Plan
        from nnviz.core.stepper import Notation, steps
        from nnviz.core.trace import trace

        self.views = views = build_views(doc, sample=row, train_epochs=train_epochs,
                                         title=title)
        try:
            doc = views.model.document  # the views' copy, trained if asked
            self.network = backward_figure(views)  # the still backward export's figure
            t = views.snapshot.trace
            self.overlay = overlay = next(i for i in views.view.canvas.overlays
                                          if hasattr(i, "legend_lines"))
            notation = Notation.from_view(doc.view)
            plan = Plan(doc.network, doc.settings.loss_spec)
            data = doc.build_dataset()
            x, y = data.inputs(plan.features)[row], data.y[row]
            s = doc.settings
            self.steps = steps(t, doc.network, plan.order, plan.level_of, notation)
            self.updated = updated_network(t, doc.network)
            overlay.notation = notation
            overlay.example = f"row {row}, x = ({', '.join(notation.num(v) for v in x)})"
            overlay.after = trace(self.updated, x, y, s.loss_spec, s.convention,
                                  s.learning_rate, plan)
            th = theme.current()
            self.colours = QColor(th.ink), QColor(th.muted), QColor(th.accent)
            self.applied = False
            self.legend_room = self._legend_at(len(self.steps) - 1)
            self.formula_rooms = (0.0, 0.0)
            figures = [self._figure(i) for i in range(len(self.steps))]
            self.formula_rooms = tuple(max(f.formula_height(w) for f in figures)
                                       for w in StepFigure.widths())
            self._spread()
        except BaseException:
            self.close()
            raise

    def __len__(self) -> int:
        return len(self.steps)

    def _legend_at(self, i: int) -> list[str]:
        was = self.overlay.step
        self.overlay.step = self.steps[i]
        try:
            return self.overlay.legend_lines()
        finally:
            self.overlay.step = was

    def _figure(self, i: int, legend: list[str] | None = None) -> StepFigure:
        return StepFigure(self.network, self.steps[i], i, len(self.steps), *self.colours,
                          legend=legend, legend_room=self.legend_room,
                          formula_rooms=self.formula_rooms)

    def _spread(self) -> None:
        """Move the neurons apart (never closer) so that the network, its cards at their
        largest, fills the slide's room with the largest text and no card over another:
        a small network's cards otherwise crowd round it and the whole stays small. Done
        once, so every step draws the same network, and only on the views' own scene."""
        scene = self.network.scene
        items = list(scene.neurons.values())
        home = {item: item.pos() for item in items}
        centre = scene.content_rect(0).center()
        self.overlay.step = self.steps[-1]  # the largest cards (the update step's)
        probe = self._figure(len(self.steps) - 1)

        def place(fx: float, fy: float) -> None:
            for item in items:
                d = home[item] - centre
                item.setPos(centre.x() + d.x() * fx, centre.y() + d.y() * fy)

        def score(spread: tuple[float, float]) -> tuple:
            place(*spread)
            self.overlay.relayout()
            net = probe.layout()[0]
            zoom = self.network.text_zoom(net)
            with self.network.zoomed(zoom):
                size = self.network.source().size()
                boxes = [label[0] for label in self.overlay.texts]
                names = [item.sceneBoundingRect() for item in items]  # with name and value
            k = min(net.width() / size.width(), net.height() / size.height())
            overlaps = sum(a.intersects(b) for group in (boxes, names)
                           for i, a in enumerate(group) for b in group[i + 1:])
            text = min(MIN_TEXT, self.network.smallest_text() * zoom * k)
            return (-overlaps, round(text, 1), -spread[0] - spread[1])

        best = max(((fx, fy) for fx in SPREADS for fy in SPREADS if fy <= fx), key=score)
        place(*best)
        self.overlay.step = None
        self.overlay.relayout()

    def figure(self, i: int) -> StepFigure:
        """Step ``i`` (0-based) on its slide; steps go forward (the update is applied once)."""
        from nnviz.app.backward.mode import dim
        from nnviz.core.commands import set_parameters

        step, views = self.steps[i], self.views
        if step.phase == "update" and not self.applied:  # as the window does: one command
            views.model.push(set_parameters(views.model.document.network, self.updated,
                                            "Backprop update (one example)"))
            self.applied = True
        self.overlay.step = step
        dim(views.view.canvas, step)
        self.overlay.relayout()
        return self._figure(i, self.overlay.legend_lines())

    def close(self) -> None:
        from nnviz.app.export.headless import close_views

        close_views(self.views)


def _frames(doc, row: int, o: AnimationOptions, background: QColor) -> Iterator[Frame]:
    slides = StepSlides(doc, row, o.title)
    try:
        size = o.size
        for i in range(len(slides)):
            figure = slides.figure(i)
            image = fit_image(figure, size, background)
            size = size or (image.width(), image.height())
            yield Frame(image, figure.step.title)
    finally:
        slides.close()
