"""Little pictures of the built-in datasets for the dataset buttons, as Playground shows.

Each is drawn once per process from a small, noise-free sample of the real generator,
so a picture never disagrees with the data it stands for.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from nnviz.app.arrayimage import grey_image
from nnviz.core.data import Dataset
from nnviz.core.datasets import BUILTIN_DATASETS, DatasetSpec, make_dataset

SIZE = 44
# Playground's colours: orange for the negative class, blue for the positive one.
NEGATIVE, POSITIVE = QColor("#f59322"), QColor("#0877bd")
CLASS_COLOURS = [QColor(c) for c in ("#0877bd", "#f59322", "#2a9d3a", "#8e5bc0", "#d13b3b")]


def colours(dataset: Dataset) -> list[QColor]:
    """One colour per row: by class, or orange → white → blue over a regression target."""
    if dataset.task == "multiclass":
        return [CLASS_COLOURS[c % len(CLASS_COLOURS)] for c in dataset.classes]
    if dataset.task == "binary":
        return [POSITIVE if c else NEGATIVE for c in dataset.classes]
    y = dataset.y[:, 0]
    t = np.clip(y / (np.abs(y).max() or 1.0), -1.0, 1.0)
    out = []
    for v in t:
        end = POSITIVE if v > 0 else NEGATIVE
        k = abs(float(v))
        out.append(QColor.fromRgbF(1 + (end.redF() - 1) * k, 1 + (end.greenF() - 1) * k,
                                   1 + (end.blueF() - 1) * k))
    return out


@cache
def thumbnail(name: str, size: int = SIZE) -> QPixmap:
    """A size × size picture of a built-in dataset (cached)."""
    task = BUILTIN_DATASETS[name][1]
    points = 400 if task == "regression" else 240  # logic gates keep their four rows
    data = make_dataset(DatasetSpec(name, n_points=points, noise=0.0, seed=3))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#c8c8c8"))
    painter.setBrush(QColor("#fbfbfb"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 4, 4)
    if data.image_shape is not None:
        _pictures(painter, data, size)
        painter.end()
        return pixmap
    x = data.x if data.x.shape[1] > 1 else np.column_stack([data.x[:, 0], np.zeros(data.n)])
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    few = data.n <= 4  # logic gates: four big dots
    margin, radius = (size * 0.25, 4.0) if few else (4.0, 1.3)
    scale = (size - 2 * margin) / span
    painter.setPen(Qt.PenStyle.NoPen)
    for (px, py), colour in zip(x, colours(data)):
        painter.setBrush(colour)
        centre = QPointF(margin + (px - lo[0]) * scale[0], size - margin - (py - lo[1]) * scale[1])
        painter.drawEllipse(centre, radius, radius)
    painter.end()
    return pixmap


def _pictures(painter: QPainter, data: Dataset, size: int) -> None:
    """Pictures as data: the first example of the first four classes, two by two."""
    cell = (size - 6) / 2
    for k in range(4):
        rows = np.flatnonzero(data.classes == k) if data.classes.size else np.arange(data.n)
        row = int(rows[0]) if rows.size else min(k, data.n - 1)
        image = grey_image(data.x[row].reshape(data.image_shape))
        target = QRectF(3 + (k % 2) * cell, 3 + (k // 2) * cell, cell, cell)
        painter.drawImage(target, image)
