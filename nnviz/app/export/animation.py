"""The frames of an animation, rendered by the still exports' own code.

A training frame at epoch E is ``build_views`` of the document trained to E, drawn by
``HeadlessViews.figure`` and ``render_image``, exactly as ``nnviz export --train-epochs``
draws it: one Trainer replays the run from the document's weights and seed (its
shuffling order replays too), and each frame's views are built afresh from the trained
copy, so a frame is the still of its epoch, pixel for pixel. A backward frame is one step
of the stepper on the backward view (see ``animation_steps``).

Frames come from generators, one per ``next()``: the command line renders them in a
loop, the window's dialog one per timer tick, so the window stays responsive. Widgets
are involved, so frames are made on the GUI thread; only encoding runs elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QThread
from PySide6.QtGui import QColor, QImage, QPainter

from nnviz.app.animate_file import AnimationOptions, training_epochs
from nnviz.app.export.figures import Figure
from nnviz.app.export.writers import render_image


@dataclass(frozen=True)
class Frame:
    image: QImage
    label: str  # "epoch 120", "Forward: h1"


def fit_image(figure: Figure, size: tuple[int, int] | None, background: QColor) -> QImage:
    """The figure rendered as large as fits ``size`` (its own size when None), centred on
    the background. When the figure has the frame's proportions this is ``render_image``
    at that scale, the same pixels as ``nnviz export --scale``."""
    natural = figure.size()
    if size is None:
        return render_image(figure, 1.0, background)
    w, h = size
    scale = min(w / natural.width(), h / natural.height())
    image = render_image(figure, max(0.1, min(scale, 50.0)), background)
    if (image.width(), image.height()) == (w, h):
        return image
    frame = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    frame.fill(background)
    painter = QPainter(frame)
    try:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.drawImage(QPoint((w - image.width()) // 2, (h - image.height()) // 2), image)
    finally:
        painter.end()
    frame.setDotsPerMeterX(image.dotsPerMeterX())
    frame.setDotsPerMeterY(image.dotsPerMeterY())
    return frame


class Cancelled(Exception):
    """The user stopped the export."""


class TrainingReplay:
    """The document trained on to each frame's epoch, by one Trainer (never the original)."""

    def __init__(self, document) -> None:
        from nnviz.core.training import Trainer

        self.document = document
        self.trainer = Trainer(document.network, document.build_dataset(), document.settings,
                               document.history.from_dict(document.history.to_dict()),
                               document.epoch)

    def at(self, epoch: int):
        """A copy of the document at ``epoch`` (not before the current one)."""
        t = self.trainer
        while t.epoch < epoch:
            t.step("epoch")
            if t.diverged:
                raise ValueError(f"training diverged at epoch {t.epoch}: {t.diverged}")
        return dataclasses.replace(self.document, network=t.network(),
                                   history=t.history.from_dict(t.history.to_dict()),
                                   epoch=t.epoch)


def training_frames(document, o: AnimationOptions,
                    background: QColor) -> tuple[int, Iterator[Frame]]:
    """How many frames, and the frames: ``o.view`` of the document at each chosen epoch."""
    from nnviz.app.export.headless import build_views, close_views

    epochs = training_epochs(document.epoch, o)

    def frames() -> Iterator[Frame]:
        replay = TrainingReplay(document)
        size = o.size
        for epoch in epochs:
            views = build_views(replay.at(epoch), title=o.title)
            try:
                image = fit_image(views.figure(o.view), size, background)
            finally:
                close_views(views)
                # Without an event loop (the command line) deleteLater waits for ever:
                # about 11 MB a slide frame. The window's loop deletes them between ticks.
                if QThread.currentThread().loopLevel() == 0:
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            size = size or (image.width(), image.height())  # every frame as large as the first
            yield Frame(image, f"epoch {epoch}")

    return len(epochs), frames()


def animation_frames(document, o: AnimationOptions,
                     background: QColor) -> tuple[int, Iterator[Frame]]:
    """The frames ``o`` asks for (training or backward steps)."""
    if o.steps:
        from nnviz.app.export.animation_steps import step_frames

        return step_frames(document, o, background)
    return training_frames(document, o, background)


class AnimationJob:
    """Render and write one animation a frame at a time: ``step()`` until it returns None,
    then ``finish()`` (no Qt: a thread may run it), or ``abort()`` at any point."""

    def __init__(self, document, out, o: AnimationOptions, background: QColor) -> None:
        from nnviz.app.animate_file import check_options, frame_delays
        from nnviz.app.export.animation_writers import check_available, open_writer

        fmt = check_options(out, o)
        check_available(fmt)
        self.format = fmt
        self.count, self._frames = animation_frames(document, o, background)
        self.delays = frame_delays(self.count, o)
        self.writer = open_writer(fmt, out, self.count, background)
        self.done = 0
        self.last: Frame | None = None

    def step(self) -> Frame | None:
        """Render and add the next frame; None once every frame is in."""
        try:
            frame = next(self._frames, None)
            if frame is not None:
                self.writer.add(frame.image, self.delays[self.done])
                self.done += 1
                self.last = frame
        except BaseException:
            self.abort()
            raise
        return frame

    def finish(self, cancelled=lambda: False) -> bool:
        return self.writer.finish(cancelled)

    def abort(self) -> None:
        self._frames.close()  # the generator's views are closed by its finally
        self.writer.abort()
