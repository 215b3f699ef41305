"""The UCI handwritten digits shipped in ``resources/data/digits`` (see its README.md).

The file is the original ``optdigits.tes``, gzip-compressed: one row per picture, 64
pixel counts 0-16 (8×8, row by row) and then the class 0-9. It is read once per
process; callers get copies, so a Dataset can never change the cached pixels.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files

import numpy as np

SHAPE = (8, 8)
LEVELS = 16  # a pixel counts the black cells of a 4×4 block: 0 to 16
CLASSES = 10
FILE = "optdigits.tes.gz"


@cache
def _table() -> np.ndarray:
    raw = (files("nnviz.resources") / "data" / "digits" / FILE).read_bytes()
    lines = gzip.decompress(raw).split()
    table = np.array([line.split(b",") for line in lines], dtype=np.uint8)
    table.setflags(write=False)
    return table


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """(pixels (1797, 64) as counts 0-16, classes (1797,)) in the file's row order."""
    table = _table()
    return table[:, :-1].copy(), table[:, -1].astype(np.intp)


def pixel_names() -> list[str]:
    """Feature names "px row,col", counted from 0 at the top left (as the array indexes)."""
    rows, cols = SHAPE
    return [f"px {r},{c}" for r in range(rows) for c in range(cols)]
