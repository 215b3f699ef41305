"""Export a document's figure to a file without a window: ``nnviz export`` and ``nnviz.export``.

Options are checked before Qt starts, so a typo is answered at once. Qt runs on the
offscreen platform unless QT_QPA_PLATFORM says otherwise; an existing QApplication (a
notebook's, a test's) is reused.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

VIEWS = ("network", "backward", "loss", "regions", "surface", "slide")
THEMES = ("light", "dark", "projector", "print")
BACKGROUNDS = ("theme", "white", "transparent")
MAX_TRAIN_EPOCHS = 100_000


def check_options(out: str | os.PathLike[str], view: str = "network", scale: float = 1.0,
                  dpi: float | None = None, train_epochs: int = 0, theme: str = "light",
                  background: str = "theme", step: int | None = None) -> None:
    """Raise ValueError naming the first option that cannot work; cheap, no Qt."""
    out = str(out)
    if step is not None and view != "backward":
        raise ValueError("--step is for --view backward (one step of the step-through)")
    if step is not None and step < 1:
        raise ValueError(f"--step counts from 1, got {step}")
    if os.path.splitext(out)[1].lower() not in (".png", ".svg", ".pdf"):
        raise ValueError(f"cannot tell the format of {out!r}: use .png, .svg or .pdf")
    for name, value, known in (("view", view, VIEWS), ("theme", theme, THEMES),
                               ("background", background, BACKGROUNDS)):
        if value not in known:
            raise ValueError(f"unknown {name} {value!r} (known: {', '.join(known)})")
    if not 1.0 <= scale <= 4.0:
        raise ValueError(f"--scale must be from 1 to 4, got {scale:g}")
    if dpi is not None and not 24 <= dpi <= 1200:
        raise ValueError(f"--dpi must be from 24 to 1200, got {dpi:g}")
    if not 0 <= train_epochs <= MAX_TRAIN_EPOCHS:
        raise ValueError(f"--train-epochs must be from 0 to {MAX_TRAIN_EPOCHS}, "
                         f"got {train_epochs}")
    if not os.path.isdir(os.path.dirname(os.path.abspath(out))):
        raise ValueError(f"cannot write {out}: no such folder")


def reproducible_qt() -> None:
    """Qt's hashes unseeded, so a PDF lists its fonts in the same order on every run.

    QPdfWriter writes its embedded fonts in the order of a QHash, which Qt seeds at
    random per process: the same drawing then differs from run to run. Only takes
    effect before Qt is loaded; hash seeding defends servers against crafted keys, of
    no use to a desktop app whose hashed keys are its own fonts and objects.
    """
    os.environ.setdefault("QT_HASH_SEED", "0")


def _application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    reproducible_qt()
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen plugin chatter
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        raise ValueError(f"export needs PySide6: {exc}") from None
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(_mode, _context, message: str) -> None:  # the offscreen plugin's chatter
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    return QApplication.instance() or QApplication(["nnviz"])


def export_document(document, out: str | os.PathLike[str], view: str = "network",
                    sample: int | None = None, train_epochs: int = 0, scale: float = 1.0,
                    dpi: float | None = None, theme: str = "light", background: str = "theme",
                    title: str = "", step: int | None = None) -> Path:
    """Render ``view`` of ``document`` into ``out`` (.png, .svg or .pdf); returns the path.

    ``train_epochs`` trains a copy first (the document is untouched); ``sample`` traces
    that dataset row (the backward view traces row 0 unless told). ``step`` (from 1,
    backward only) draws that step of the step-through on its 16:9 slide: the frame
    ``nnviz animate --view backward-steps`` shows for it.
    """
    check_options(out, view, scale, dpi, train_epochs, theme, background, step)
    app = _application()
    from nnviz.app import theme as themes
    from nnviz.app.export import write_figure
    from nnviz.app.export.headless import ViewUnavailable, build_views, close_views
    from nnviz.app.export.writers import background_colour

    chosen = themes.apply_theme(theme, app)
    if sample is None and view == "backward":
        sample = 0
    if step is not None:
        try:
            _export_step(document, out, sample, train_epochs, title, step, scale, dpi,
                         background_colour(background, chosen))
        finally:
            themes.apply_theme("light")
        return Path(out)
    views = build_views(document, sample, train_epochs, title)
    try:
        write_figure(views.figure(view), str(out), scale,
                     background_colour(background, chosen), dpi=dpi)
    except ViewUnavailable as exc:
        raise ValueError(str(exc)) from None
    finally:
        close_views(views)
        themes.apply_theme("light")
    return Path(out)


def _export_step(document, out, sample: int, train_epochs: int, title: str, step: int,
                 scale: float, dpi: float | None, background) -> None:
    from nnviz.app.export import write_figure
    from nnviz.app.export.animation_steps import StepSlides

    slides = StepSlides(document, sample, title, train_epochs)
    try:
        if step > len(slides):
            raise ValueError(f"--step {step}: the step-through of this network has "
                             f"{len(slides)} steps")
        write_figure(slides.figure(step - 1), str(out), scale, background, dpi=dpi)
    finally:
        slides.close()
