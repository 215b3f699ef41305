"""Animations without a window: ``nnviz animate`` (checked here before Qt starts).

Two kinds of animation: training (the network, regions, loss or the 16:9 slide at
chosen epochs, replayed from the document's weights and seed, so it matches what the
window shows when it trains) and the backprop step-through (one frame per step of the
stepper). The format follows OUT's suffix: .gif, .png/.apng (animated PNG) or .mp4.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from nnviz.app.export_file import THEMES

TRAINING_VIEWS = ("slide", "network", "regions", "loss")
VIEWS = (*TRAINING_VIEWS, "backward-steps")
FORMATS = {".gif": "gif", ".png": "apng", ".apng": "apng", ".mp4": "mp4"}
CONVENTIONS = ("dl_dz", "mitchell")
MAX_SIDE = 3840  # pixels: a 4K frame, already tens of megabytes per second of GIF
MIN_SIDE = 64
MAX_FRAMES = 2000
MAX_EPOCH_SPAN = 100_000
DEFAULT_EPOCHS = 100  # the next 100 epochs when --epochs is not given
DEFAULT_DURATION = 5.0  # seconds of training animation (before the last frame's hold)
DEFAULT_FPS = {"training": 10.0, "backward-steps": 0.5}  # a formula needs ~2 s to read
DEFAULT_HOLD = 1.5  # the last frame stays this long: the result, before the loop restarts
# GIF delays are whole hundredths of a second, and browsers show anything under 0.02 s
# at 0.1 s: above 50 frames per second a GIF would play slower, not smoother.
MAX_FPS = 50.0


@dataclass(frozen=True)
class AnimationOptions:
    view: str = "slide"
    epochs: tuple[int, int] | None = None  # (first, last), absolute epochs; None: default
    fps: float | None = None  # None: the view's default
    duration: float | None = None  # seconds; training: how many frames, steps: their pace
    hold: float = DEFAULT_HOLD
    size: tuple[int, int] | None = None  # None: the figure's own size
    theme: str = "light"
    convention: str | None = None  # backward-steps: None is the document's
    sample: int | None = None  # backward-steps: the dataset row (default 0)
    title: str = ""

    @property
    def steps(self) -> bool:
        return self.view == "backward-steps"

    @property
    def frame_rate(self) -> float:
        return self.fps if self.fps is not None else DEFAULT_FPS[
            "backward-steps" if self.steps else "training"]


def format_of(out: str | os.PathLike[str]) -> str:
    ext = os.path.splitext(str(out))[1].lower()
    if ext not in FORMATS:
        raise ValueError(f"cannot tell the animation format of {str(out)!r}: "
                         "use .gif, .png (animated PNG), .apng or .mp4")
    return FORMATS[ext]


def parse_epochs(text: str) -> tuple[int, int]:
    """``A:B`` (both epochs shown, A ≤ B) or ``:B`` (from the document's epoch: A = -1)."""
    m = re.fullmatch(r"\s*(\d*)\s*:\s*(\d+)\s*", text)
    if not m:
        raise ValueError(f"--epochs must be A:B (e.g. 0:300), got {text!r}")
    first = int(m.group(1)) if m.group(1) else -1
    last = int(m.group(2))
    if first > last:
        raise ValueError(f"--epochs {text}: the first epoch is after the last")
    return first, last


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not m:
        raise ValueError(f"--size must be WIDTHxHEIGHT in pixels (e.g. 1280x720), got {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    for side in (w, h):
        if not MIN_SIDE <= side <= MAX_SIDE:
            raise ValueError(f"--size {text}: each side must be from {MIN_SIDE} to "
                             f"{MAX_SIDE} pixels")
    return w, h


def check_options(out: str | os.PathLike[str], o: AnimationOptions) -> str:
    """Raise ValueError naming the first option that cannot work; returns the format."""
    fmt = format_of(out)
    for name, value, known in (("view", o.view, VIEWS), ("theme", o.theme, THEMES)):
        if value not in known:
            raise ValueError(f"unknown {name} {value!r} (known: {', '.join(known)})")
    if o.convention is not None and o.convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {o.convention!r} (known: "
                         f"{', '.join(CONVENTIONS)})")
    if o.fps is not None and not 0.1 <= o.fps <= MAX_FPS:
        raise ValueError(f"--fps must be from 0.1 to {MAX_FPS:g}, got {o.fps:g}")
    if o.duration is not None and not 0.1 <= o.duration <= 600:
        raise ValueError(f"--duration must be from 0.1 to 600 seconds, got {o.duration:g}")
    if not 0 <= o.hold <= 60:
        raise ValueError(f"--hold must be from 0 to 60 seconds, got {o.hold:g}")
    if o.steps and o.epochs is not None:
        raise ValueError("--epochs is for training views; backward-steps steps through "
                         "the document's weights as saved (train it first: nnviz train)")
    if not o.steps and o.convention is not None:
        raise ValueError("--convention is for --view backward-steps")
    if not o.steps and o.sample is not None:
        raise ValueError("--sample is for --view backward-steps")
    if o.epochs is not None and o.epochs[1] - max(o.epochs[0], 0) > MAX_EPOCH_SPAN:
        raise ValueError(f"--epochs spans more than {MAX_EPOCH_SPAN} epochs")
    if not os.path.isdir(os.path.dirname(os.path.abspath(str(out)))):
        raise ValueError(f"cannot write {out}: no such folder")
    return fmt


def frame_epochs(start: int, first: int, last: int, frames: int) -> list[int]:
    """About ``frames`` epochs spread evenly from ``first`` to ``last``, both included."""
    if first < start:
        raise ValueError(f"--epochs starts at {first}, before the document's epoch {start}: "
                         "a document keeps only its current weights, so an animation can "
                         f"start at epoch {start} or later")
    span = last - first
    n = max(1, min(frames, span + 1))
    if n == 1:
        return [last]
    return sorted({first + round(span * i / (n - 1)) for i in range(n)})


def training_epochs(doc_epoch: int, o: AnimationOptions) -> list[int]:
    """The epochs a training animation shows, from the options and the document's epoch."""
    first, last = o.epochs if o.epochs is not None else (doc_epoch, doc_epoch + DEFAULT_EPOCHS)
    if first < 0:
        first = doc_epoch
    duration = o.duration if o.duration is not None else DEFAULT_DURATION
    frames = max(1, min(MAX_FRAMES, round(duration * o.frame_rate)))
    return frame_epochs(doc_epoch, first, last, frames)


def frame_delays(count: int, o: AnimationOptions) -> list[int]:
    """Each frame's display time in milliseconds; the last one also holds ``o.hold``.

    Backward steps with ``duration``: the steps share it evenly. Delays are whole
    hundredths of a second, which GIF can store exactly (APNG and MP4 can too).
    """
    paced = o.steps and o.duration is not None
    each = o.duration / max(count, 1) if paced else 1.0 / o.frame_rate
    step = max(2, round(each * 100)) * 10
    delays = [step] * count
    if delays:
        delays[-1] += round(o.hold * 100) * 10
    return delays


def animate_document(document, out: str | os.PathLike[str], o: AnimationOptions,
                     progress=None) -> tuple[int, str]:
    """Write the animation ``o`` of ``document`` to ``out``; returns (frames, format).

    ``progress(done, total, label)`` is called after each frame. The document is never
    changed: training replays on a copy.
    """
    from nnviz.app.export_file import _application

    fmt = check_options(out, o)
    from nnviz.app.export.animation_writers import check_available

    check_available(fmt)  # before Qt starts: "install Pillow" comes at once
    app = _application()
    from nnviz.app import theme as themes
    from nnviz.app.export.animation import AnimationJob
    from nnviz.app.export.writers import background_colour

    previous = themes.current()
    chosen = themes.apply_theme(o.theme, app)
    try:
        job = AnimationJob(document, out, o, background_colour("theme", chosen))
        while (frame := job.step()) is not None:
            if progress is not None:
                progress(job.done, job.count, frame.label)
        job.finish()
    finally:
        themes.apply_theme(previous, app)
    return job.count, fmt
