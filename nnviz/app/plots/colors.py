"""Colour maps for decision regions: diverging for two classes, one hue per class for K.

Two classes use TensorFlow Playground's orange ↔ blue (orange negative, blue positive),
a pair that stays distinct under the common colour-vision deficiencies. K classes use
the Okabe–Ito palette. Backgrounds are lightened versions so the data points drawn on
top, in the full colours, stay readable.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

ORANGE = (245, 147, 34)
BLUE = (8, 119, 189)
NEUTRAL = (232, 234, 235)
# Okabe & Ito (2008): safe for deuteranopia, protanopia and tritanopia.
OKABE_ITO = [(0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167),
             (86, 180, 233), (213, 94, 0), (240, 228, 66), (110, 110, 110)]
BACKGROUND_STRENGTH = 0.62  # how far a background colour goes from white to the hue
MIDDLE_LIGHT = (246, 247, 247)  # the lightened map's centre
_DEFAULT = (ORANGE, NEUTRAL, BLUE, MIDDLE_LIGHT)


def _rgb(colour: str | tuple) -> tuple[int, int, int]:
    if isinstance(colour, str):
        c = colour.lstrip("#")
        return tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(int(v) for v in colour[:3])


def use_palette(negative: str | tuple | None = None, middle: str | tuple | None = None,
                positive: str | tuple | None = None) -> None:
    """The diverging pair (and centre) of a theme; no arguments: the default orange/blue.

    Maps made afterwards use it; plots pick it up in their ``restyle()``.
    """
    global ORANGE, NEUTRAL, BLUE, MIDDLE_LIGHT
    if negative is None and middle is None and positive is None:
        ORANGE, NEUTRAL, BLUE, MIDDLE_LIGHT = _DEFAULT
        return
    ORANGE = _rgb(negative) if negative is not None else _DEFAULT[0]
    NEUTRAL = _rgb(middle) if middle is not None else _DEFAULT[1]
    BLUE = _rgb(positive) if positive is not None else _DEFAULT[2]
    default_middle = NEUTRAL == _DEFAULT[1]  # noqa: SIM300 (NEUTRAL is the variable)
    MIDDLE_LIGHT = _DEFAULT[3] if default_middle else _lighten(NEUTRAL, 0.25)


def _lighten(rgb: tuple[int, int, int], strength: float = BACKGROUND_STRENGTH) -> tuple:
    # int() first: a uint8 channel minus 255 wraps (or raises under NumPy 2) instead of
    # going negative.
    return tuple(int(round(255 + (int(c) - 255) * strength)) for c in rgb)


def class_colors(k: int) -> np.ndarray:
    """(k, 3) uint8 point colours; binary tasks get orange (negative) and blue (positive)."""
    if k == 2:
        return np.array([ORANGE, BLUE], dtype=np.uint8)
    base = OKABE_ITO
    extra = [pg.intColor(i, hues=max(k - len(base), 1)).getRgb()[:3]
             for i in range(max(k - len(base), 0))]
    return np.array((base + extra)[:k], dtype=np.uint8)


def diverging_map(lighten: bool = True) -> pg.ColorMap:
    """Orange → light grey → blue, lightened for a background unless told otherwise."""
    stops = [ORANGE, NEUTRAL, BLUE]
    if lighten:
        stops = [_lighten(ORANGE), MIDDLE_LIGHT, _lighten(BLUE)]
    # The name keys cached_lut: a new palette must not reuse the old table.
    name = "diverging-" + "-".join("".join(f"{v:02x}" for v in c) for c in stops)
    return pg.ColorMap([0.0, 0.5, 1.0], np.array(stops, dtype=np.ubyte), name=name)


def sequential_map(lighten: bool = True) -> pg.ColorMap:
    """Cividis (perceptually even, colour-blind safe) for targets that do not change sign."""
    cmap = pg.colormap.get("cividis")
    if not lighten:
        return cmap
    pos, colors = cmap.getStops(mode=pg.ColorMap.BYTE)
    light = np.array([_lighten(tuple(c[:3]), 0.8) for c in colors], dtype=np.ubyte)
    return pg.ColorMap(pos, light, name="cividis-light")


def lut(cmap: pg.ColorMap) -> np.ndarray:
    """A 256-entry uint8 lookup table, the form ImageItem's fast path wants."""
    return cmap.getLookupTable(0.0, 1.0, 256, alpha=False).astype(np.uint8)


class ClassImage:
    """Builds the K-class RGBA background into one reused buffer (no per-frame allocation).

    Hue = the winning output, opacity = how clearly it wins: the maximum output
    rescaled so 1/K (a tie) is transparent and 1 is the full background strength.
    """

    def __init__(self, k: int, shape: tuple[int, int]) -> None:
        self.k = k
        self.palette = class_colors(k)
        self.rgba = np.zeros((*shape, 4), dtype=np.uint8)
        self._strength = np.empty(shape, dtype=np.float32)

    def render(self, outputs: np.ndarray, discrete: bool) -> np.ndarray:
        """outputs: (k, rows, cols) network outputs → (rows, cols, 4) uint8 RGBA."""
        winner = outputs.argmax(axis=0)
        self.rgba[..., :3] = self.palette[winner]
        if discrete:
            self.rgba[..., 3] = int(255 * BACKGROUND_STRENGTH)
            return self.rgba
        s = self._strength
        if self.k < 2:
            # One output cannot win against another: nothing to colour (and 1/K = 1).
            self.rgba[..., 3] = 0
            return self.rgba
        np.max(outputs, axis=0, out=s)
        s -= 1.0 / self.k
        s *= 255 * BACKGROUND_STRENGTH / (1.0 - 1.0 / self.k)
        np.clip(s, 0, 255 * BACKGROUND_STRENGTH, out=s)
        np.nan_to_num(s, copy=False)
        self.rgba[..., 3] = s
        return self.rgba


def nice_bound(value: float) -> float:
    """The next of 1, 2, 5, 10, 20, … at or above |value| (at least 1): steady levels."""
    value = abs(float(value))
    if not np.isfinite(value) or value <= 1.0:
        return 1.0
    exp = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 2.0, 5.0, 10.0):
        if value <= step * exp * (1 + 1e-9):
            return float(step * exp)
    return float(10.0 * exp)


_LUTS: dict[str, np.ndarray] = {}


def cached_lut(cmap: pg.ColorMap) -> np.ndarray:
    """The same array for the same map, so ImageItem sees no LUT change between frames."""
    if cmap.name not in _LUTS:
        _LUTS[cmap.name] = lut(cmap)
    return _LUTS[cmap.name]
