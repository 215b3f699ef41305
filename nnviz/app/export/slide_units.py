"""Slide units: the text sizes, fonts and colours every exported panel is drawn with.

A slide is 900 units high (``SlideFigure.HEIGHT``); panels draw in their own units and
are scaled onto it, so text and strokes keep their share of the slide at any resolution.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QColor, QFont, QPainter

from nnviz.app.export.figures import SlideFigure

# Slide units (of 900): text at least 2 % of the slide's height, read from the back row.
MIN_TEXT = 0.02 * SlideFigure.HEIGHT
TICK_PX, LABEL_PX, LEGEND_PX, MESSAGE_PX = 20.0, 22.0, 22.0, 32.0


def colour(name: str) -> QColor:
    """A colour of the plots' style (TEXT, AXIS, MUTED, TRAIN, TEST, BACKGROUND), which the
    theme sets: the slide's plots look like the window's."""
    from nnviz.app.plots import style

    return QColor(getattr(style, name))


def slide_font(pixels: float, bold: bool = False) -> QFont:
    """A font sized in slide units; unhinted, so glyphs scale the same at every DPI."""
    font = QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def into(painter: QPainter, target: QRectF, size: QSizeF) -> None:
    """Draw in the panel's own units from here on, filling ``target``."""
    painter.translate(target.x(), target.y())
    painter.scale(target.width() / size.width(), target.height() / size.height())
