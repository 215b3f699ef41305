"""Small arrays drawn as pictures: an input example in grey, weights or gradients diverging.

One place turns a (rows, cols) array into a QImage, so the canvas's blocks, the
gallery of examples and the exports colour the same numbers the same way. The
diverging map is the canvas's (orange < 0 < blue, as in TensorFlow Playground),
symmetric around 0 so that white always means zero.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from nnviz.app.canvas.style import LUT


def _image(argb: np.ndarray) -> QImage:
    """A QImage owning a copy of (rows, cols) 0xAARRGGBB pixels, row 0 at the top."""
    pixels = np.ascontiguousarray(argb, dtype=np.uint32)
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32)
    return image.copy()  # detach from the NumPy buffer, which goes away with this frame


def grey_image(values: np.ndarray, lo: float = 0.0, hi: float = 1.0) -> QImage:
    """Ink on paper: lo is white, hi is black (a digit reads as a pen stroke)."""
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=lo)
    t = np.clip((v - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
    g = np.rint(255 * (1.0 - t)).astype(np.uint32)
    return _image(0xFF000000 | (g << 16) | (g << 8) | g)


def diverging_image(values: np.ndarray, scale: float | None = None) -> QImage:
    """Negative orange, zero white-grey, positive blue; scale is the magnitude drawn at full
    colour (default: the array's largest finite magnitude)."""
    v = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
    if scale is None:
        scale = float(np.abs(v).max()) if v.size else 0.0
    scale = scale if scale > 0 else 1.0
    index = np.clip(np.rint((v / scale + 1.0) * 127.5), 0, 255).astype(np.intp)
    return _image(LUT[index])
