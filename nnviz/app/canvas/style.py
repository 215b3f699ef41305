"""The canvas's look: palette, diverging colour map, fonts and the edge style buckets.

Colours follow TensorFlow Playground (orange < 0 < blue, safe for red-green colour
blindness). Edge looks are quantised into buckets, so restyling thousands of edges
after a training step touches only those whose bucket moved.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPen

R = 22.0  # neuron radius (inputs: half the side of a rounded square), scene units
HANDLE = QPointF(R + 8.0, 0.0)  # the "drag to connect" port on a neuron's right side
HANDLE_R = 5.5

# TensorFlow Playground's diverging pair: orange < 0 < blue; safe for red-green colour blindness.
NEGATIVE, MIDDLE, POSITIVE = QColor("#f59322"), QColor("#e8eaeb"), QColor("#0877bd")
CANVAS = QColor("#fbfcfd")
BACKING = QColor(251, 252, 253, 225)  # behind text on the canvas
INK, MUTED, ACCENT = QColor("#1f2933"), QColor("#616e7c"), QColor("#7b3fe4")
# Faint layer columns behind the network; follows the theme (see use_theme).
GRID = QColor("#eceff3")
FILL = {"input": QColor("#eef1f5"), "hidden": QColor("#ffffff"), "output": QColor("#ffffff")}
RING = {"input": (QColor("#52606d"), 1.6), "hidden": (QColor("#323f4b"), 1.8),
        "output": (QColor("#1f2933"), 3.4)}
BOUNDED = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}
WIDTH = (0.7, 1.1, 6.0)  # edge width = base + slope·|w|, at most max (scene units)
LOD_DETAIL = 0.45  # below this zoom: no thumbnails, values or weight labels
LOD_ARROWS = 0.5  # far out, a hairball of arrowheads says nothing and costs a lot
# Text smaller than this on screen is noise from the back row (and a smudge up close): the
# canvas hides such labels (the tooltips still give them on hover). Exports are laid out
# for their own size instead.
MIN_TEXT_PX = 10.0


def _lut() -> np.ndarray:
    """256 colours orange → grey → blue as 0xAARRGGBB, for QImage.Format_ARGB32."""
    t = np.linspace(-1.0, 1.0, 256)[:, None]
    ends = np.array([[c.red(), c.green(), c.blue()] for c in (NEGATIVE, MIDDLE, POSITIVE)],
                    dtype=float)
    rgb = np.where(t < 0, ends[1] + (ends[1] - ends[0]) * t, ends[1] + (ends[2] - ends[1]) * t)
    r, g, b = (np.rint(rgb).astype(np.uint32).T)
    return (0xFF000000 | (r << 16) | (g << 8) | b).astype(np.uint32)


LUT = _lut()


def colour_indices(values: np.ndarray, activations: list[str]) -> np.ndarray:
    """LUT indices for a stack of maps, one per neuron: sigmoid and tanh by their range,
    unbounded activations symmetric around 0 by the map's largest magnitude."""
    lo = np.empty(len(activations))
    hi = np.empty(len(activations))
    flat = np.abs(np.nan_to_num(values.reshape(len(values), -1), posinf=0.0, neginf=0.0))
    biggest = np.maximum(flat.max(axis=1), 1e-9)
    for k, act in enumerate(activations):
        lo[k], hi[k] = BOUNDED.get(act, (-biggest[k], biggest[k]))
    lo, hi = lo[:, None, None], hi[:, None, None]
    t = (np.nan_to_num(values, nan=0.0) - lo) / (hi - lo)
    return np.clip(np.rint(t * 255), 0, 255).astype(np.intp)


def value_colour(value: float, activation: str) -> QColor:
    lo, hi = BOUNDED.get(activation, (-1.0, 1.0))
    t = 0.5 if not math.isfinite(value) else min(max((value - lo) / (hi - lo), 0.0), 1.0)
    return QColor.fromRgba(int(LUT[int(round(t * 255))]))


def _mask(size: int, circle: bool) -> np.ndarray:
    """Pixels inside a neuron's body: a circle, or the inputs' rounded square."""
    yy, xx = np.abs(np.mgrid[0:size, 0:size] + 0.5 - size / 2)
    if circle:
        return (xx**2 + yy**2) <= (size / 2) ** 2
    corner = size * 7 / (2 * R)  # the body's corner radius, in pixels
    inner = size / 2 - corner
    return np.hypot(np.maximum(xx - inner, 0), np.maximum(yy - inner, 0)) <= corner


_MASKS: dict[tuple[int, bool], np.ndarray] = {}


def thumbnail(argb: np.ndarray, circle: bool) -> QImage:
    """A QImage owning a copy of (rows, cols) ARGB pixels, transparent outside the body."""
    size = argb.shape[0]
    mask = _MASKS.get((size, circle))
    if mask is None:
        mask = _MASKS[size, circle] = _mask(size, circle)
    pixels = np.where(mask, argb[::-1], np.uint32(0))  # grid row 0 is the lowest y: flip
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # detach from the NumPy buffer


THUMB = 50  # thumbnail pixels per side (the grid is 100: halved, it still looks sharp)


def thumbnails(values: np.ndarray, rows: list[int], activations: list[str],
               circles: list[bool]) -> list[QImage]:
    """Decision-map images for the given rows of a grid stack, coloured in one pass."""
    if not rows:
        return []
    step = max(1, values.shape[1] // THUMB)
    argb = LUT[colour_indices(values[rows, ::step, ::step], activations)]
    return [thumbnail(argb[k], circle) for k, circle in enumerate(circles)]


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # scales smoothly
    return font


LABEL_FONT, VALUE_FONT, SMALL_FONT = _font(12, True), _font(11), _font(10)

_grown: dict[tuple[str, int], QFont] = {}


def readable(font: QFont, scale: float) -> bool:
    """Whether font, drawn at this view scale, is at least MIN_TEXT_PX tall on screen."""
    return font.pixelSize() * scale >= MIN_TEXT_PX - 1e-6


def legible(font: QFont, scale: float, grow: float = 1.0) -> QFont | None:
    """font, enlarged (by up to ``grow`` times) to be MIN_TEXT_PX tall on screen at this
    view scale; None when even that is too small, and the text should not be drawn."""
    if readable(font, scale):
        return font
    pixels = int(np.ceil(MIN_TEXT_PX / max(scale, 1e-6) - 1e-6))
    if pixels > font.pixelSize() * grow:
        return None
    key = (font.key(), pixels)
    if key not in _grown:
        bigger = QFont(font)
        bigger.setPixelSize(pixels)
        _grown[key] = bigger
    return _grown[key]


def zoomed(font: QFont, zoom: float) -> QFont:
    """font for an export whose text scale is ``zoom``: at least ``zoom`` times the
    smallest canvas text, so every label reaches the export's minimum and none is larger
    than it needs to be (names were crowding their neighbours)."""
    if zoom == 1.0:
        return font
    pixels = max(font.pixelSize(), int(np.ceil(SMALL_FONT.pixelSize() * zoom - 1e-6)))
    key = (font.key(), pixels)
    if key not in _grown:
        bigger = QFont(font)
        bigger.setPixelSize(pixels)
        _grown[key] = bigger
    return _grown[key]


_PENS: dict[tuple[bool, float, float], tuple[QPen, QPen, QBrush]] = {}


def edge_style(weight: float) -> tuple[bool, float, float]:
    """A bucket of (sign, width, opacity): restyling skips edges whose bucket is unchanged."""
    a = abs(weight) if math.isfinite(weight) else 0.0
    width = round(min(WIDTH[0] + WIDTH[1] * a, WIDTH[2]) * 4) / 4
    opacity = round(min(1.0, 0.35 + 0.45 * a) * 20) / 20
    return (weight >= 0, width, opacity)


def edge_codes(weights: np.ndarray) -> np.ndarray:
    """``edge_style`` for many weights at once, as one comparable integer per weight."""
    a = np.where(np.isfinite(weights), np.abs(weights), 0.0)
    width = np.rint(np.minimum(WIDTH[0] + WIDTH[1] * a, WIDTH[2]) * 4).astype(np.int64)
    opacity = np.rint(np.minimum(1.0, 0.35 + 0.45 * a) * 20).astype(np.int64)
    return (weights >= 0) * 1_000_000 + width * 1000 + opacity


def style_of(code: int) -> tuple[bool, float, float]:
    return (code >= 1_000_000, (code % 1_000_000) // 1000 / 4, code % 1000 / 20)


def pens(style: tuple[bool, float, float]) -> tuple[QPen, QPen, QBrush]:
    cached = _PENS.get(style)
    if cached is None:
        positive, width, opacity = style
        # Faded by mixing with the canvas colour rather than by alpha: opaque lines
        # rasterise about three times faster, and crossings stay clean.
        base = POSITIVE if positive else NEGATIVE
        colour = QColor.fromRgbF(*(opacity * c + (1 - opacity) * b for c, b in zip(
            base.getRgbF()[:3], CANVAS.getRgbF()[:3])))
        pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        halo = QColor(ACCENT)
        halo.setAlpha(80)
        cached = (pen, QPen(halo, width + 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap),
                  QBrush(colour))
        _PENS[style] = cached
    return cached


# ------------------------------------------------------------------- themes
_BASE_WIDTH = WIDTH
_RING_WIDTH = {role: width for role, (_, width) in RING.items()}  # the theme's, unscaled
_line_scale = 1.0  # the theme's (print, projector: heavier)
_stroke_scale = 1.0  # presentation mode's factor


def _rescale() -> None:
    """Edge widths and neuron outlines: the theme's widths times both stroke scales."""
    global WIDTH
    k = _line_scale * _stroke_scale
    WIDTH = (_BASE_WIDTH[0] * k, _BASE_WIDTH[1] * k, _BASE_WIDTH[2] * k)
    for role, width in _RING_WIDTH.items():
        RING[role] = (RING[role][0], width * _stroke_scale)
    _PENS.clear()


def stroke_scale() -> float:
    return _stroke_scale


def set_stroke_scale(factor: float) -> None:
    """The stroke hook (presentation mode): multiply edge and outline widths by factor
    (1 restores them). Items pick it up in ``CanvasScene.restyle()``."""
    global _stroke_scale
    _stroke_scale = float(factor)
    _rescale()


def use_theme(theme) -> None:
    """The theme hook (``nnviz.app.theme.apply_theme`` calls it): recolour the shared
    QColor objects in place, so every module that imported them draws in the new theme,
    and drop the caches built from the old colours. Items repaint on their next update."""
    global _line_scale
    for colour, value in ((NEGATIVE, theme.negative), (MIDDLE, theme.middle),
                          (POSITIVE, theme.positive), (CANVAS, theme.canvas),
                          (INK, theme.ink), (MUTED, theme.muted), (ACCENT, theme.accent)):
        colour.setRgba(QColor(value).rgba())
    GRID.setRgba(_mix(QColor(theme.canvas), QColor(theme.ink), 0.08).rgba())
    BACKING.setRgba(QColor(theme.canvas).rgba())
    BACKING.setAlpha(225)
    for role, value in theme.fills.items():
        FILL[role].setRgba(QColor(value).rgba())
    for role, (value, width) in theme.rings.items():
        RING[role] = (QColor(value), width)
        _RING_WIDTH[role] = width
    _line_scale = theme.line_scale
    _rescale()
    LUT[:] = _lut()


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """The colour a fraction t of the way from a to b."""
    return QColor.fromRgbF(*(x + t * (y - x) for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3])))
