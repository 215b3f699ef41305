"""Themes: light, dark, a high-contrast projector theme and a print theme.

One ``Theme`` holds every colour the canvas and the plots use. ``apply_theme``
pushes it into the canvas style (``canvas.style.use_theme`` updates the shared
QColor objects in place, so every module that imported them sees the change),
into the plot style (read whenever a plot widget is made) and, when a
QApplication exists, into its palette. ``contrast`` is the WCAG 2 contrast ratio
the tests hold every theme's text to (at least 4.5:1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QPalette

from nnviz.app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Theme:
    name: str
    title: str
    canvas: str  # background of the canvas and of exported figures
    ink: str  # text and outlines
    muted: str  # secondary text (values under neurons)
    accent: str  # selection
    negative: str  # diverging palette: < 0
    middle: str
    positive: str  # > 0
    fills: dict = field(default_factory=dict)  # neuron body by role
    rings: dict = field(default_factory=dict)  # neuron outline (colour, width) by role
    plot_background: str = "#ffffff"
    axis: str = "#4a4a4a"
    train: str = "#0072b2"
    test: str = "#d55e00"
    line_scale: float = 1.0  # print: thicker strokes
    window: str = "#f3f4f6"  # Qt palette: window and base
    base: str = "#ffffff"
    dark: bool = False


# The themes' titles, translated where shown (Preferences).
_TITLES = (QT_TRANSLATE_NOOP("theme", "Light"), QT_TRANSLATE_NOOP("theme", "Dark"),
           QT_TRANSLATE_NOOP("theme", "Projector (high contrast)"),
           QT_TRANSLATE_NOOP("theme", "Print"))
LIGHT = Theme(
    "light", "Light", canvas="#fbfcfd", ink="#1f2933", muted="#616e7c", accent="#7b3fe4",
    negative="#f59322", middle="#e8eaeb", positive="#0877bd",
    fills={"input": "#eef1f5", "hidden": "#ffffff", "output": "#ffffff"},
    rings={"input": ("#52606d", 1.6), "hidden": ("#323f4b", 1.8), "output": ("#1f2933", 3.4)},
)
DARK = Theme(
    "dark", "Dark", canvas="#1b1f24", ink="#e6e9ed", muted="#aab4bf", accent="#b794f6",
    negative="#f5a04a", middle="#3a4048", positive="#4aa8e8",
    fills={"input": "#2a3038", "hidden": "#22272e", "output": "#22272e"},
    rings={"input": ("#9aa5b1", 1.6), "hidden": ("#c4ccd4", 1.8), "output": ("#e6e9ed", 3.4)},
    plot_background="#1b1f24", axis="#aab4bf", train="#56b4e9", test="#e69f00",
    window="#23272e", base="#1b1f24", dark=True,
)
# Projectors wash out mid-tones: pure white, black ink, saturated hues, heavier lines.
PROJECTOR = Theme(
    "projector", "Projector (high contrast)", canvas="#ffffff", ink="#000000",
    muted="#2b2b2b", accent="#6a00d8", negative="#e06c00", middle="#d9d9d9",
    positive="#005a9c",
    fills={"input": "#e8e8e8", "hidden": "#ffffff", "output": "#ffffff"},
    rings={"input": ("#000000", 2.4), "hidden": ("#000000", 2.6), "output": ("#000000", 4.4)},
    axis="#000000", train="#005a9c", test="#c04000", line_scale=1.5,
)
# Print: white paper, a colour-blind-safe diverging pair (Okabe-Ito vermillion / blue)
# that also differs in lightness, so it survives greyscale copies; thicker lines.
PRINT = Theme(
    "print", "Print", canvas="#ffffff", ink="#000000", muted="#333333", accent="#6a3d9a",
    negative="#d55e00", middle="#f0f0f0", positive="#0072b2",
    fills={"input": "#f0f0f0", "hidden": "#ffffff", "output": "#ffffff"},
    rings={"input": ("#000000", 2.0), "hidden": ("#000000", 2.2), "output": ("#000000", 4.0)},
    axis="#000000", train="#0072b2", test="#d55e00", line_scale=1.6,
)
THEMES = {t.name: t for t in (LIGHT, DARK, PROJECTOR, PRINT)}
_current = LIGHT


def current() -> Theme:
    return _current


def get(name: str) -> Theme:
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r} (themes: {', '.join(THEMES)})") from None


def apply_theme(theme: Theme | str, app=None) -> Theme:
    """Make ``theme`` current for the canvas, for plots made from now on and for app."""
    global _current
    theme = get(theme) if isinstance(theme, str) else theme
    _current = theme
    from nnviz.app.canvas import style as canvas_style
    from nnviz.app.plots import style as plot_style

    canvas_style.use_theme(theme)
    plot_style.BACKGROUND, plot_style.AXIS = theme.plot_background, theme.axis
    plot_style.TEXT, plot_style.MUTED = theme.ink, theme.muted
    plot_style.TRAIN, plot_style.TEST = theme.train, theme.test
    plot_style.LINE_SCALE = theme.line_scale
    from nnviz.app.plots import colors as plot_colors

    if theme is LIGHT:
        plot_colors.use_palette()  # exactly the built-in orange/blue maps
    else:
        plot_colors.use_palette(theme.negative, theme.middle, theme.positive)
    if app is not None:
        app.setPalette(palette(theme))
    return theme


def palette(theme: Theme) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, theme.window), (role.Base, theme.base),
                      (role.AlternateBase, theme.window), (role.Button, theme.window),
                      (role.WindowText, theme.ink), (role.Text, theme.ink),
                      (role.ButtonText, theme.ink), (role.ToolTipBase, theme.base),
                      (role.ToolTipText, theme.ink), (role.Highlight, theme.accent),
                      (role.HighlightedText, "#ffffff"), (role.PlaceholderText, theme.muted)):
        pal.setColor(r, QColor(colour))
    # setColor(role, …) sets every colour group, the disabled one too: switching theme
    # made a disabled Undo or batch-size box look as enabled as any other. Disabled text
    # is the ink faded most of the way into the window colour, as Qt's own palettes do.
    faded = disabled_ink(theme)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText,
              role.HighlightedText, role.BrightText):
        pal.setColor(disabled, r, faded)
    pal.setColor(disabled, role.Highlight, QColor(theme.muted))
    return pal


def disabled_ink(theme: Theme) -> QColor:
    """The colour of disabled text: 40 % ink on the window colour."""
    ink, back = QColor(theme.ink), QColor(theme.window)
    mix = [round(0.4 * a + 0.6 * b) for a, b in zip(ink.getRgb()[:3], back.getRgb()[:3])]
    return QColor(*mix)


def restyle_plot(widget, theme: Theme | None = None) -> None:
    """Recolour an existing pyqtgraph PlotWidget: background, axes, text."""
    import pyqtgraph as pg

    theme = theme or _current
    widget.setBackground(theme.plot_background)
    item = widget.getPlotItem()
    for side in ("left", "bottom", "top", "right"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(theme.axis, width=theme.line_scale))
        axis.setTextPen(pg.mkPen(theme.ink))
        if axis.label is not None:
            axis.label.setDefaultTextColor(QColor(theme.ink))


def apply_to_window(window, theme: Theme | str, app=None) -> Theme:
    """Switch a running window to ``theme``: canvas, plots (curves, maps, background)."""
    chosen = apply_theme(theme, app)
    for plot in (window.loss_plot, window.decision_plot):
        restyle_plot(plot.plot_widget, chosen)
        plot.restyle()
    window.view.canvas.restyle()
    return chosen


# ------------------------------------------------------------------ contrast
def luminance(colour: str | QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
