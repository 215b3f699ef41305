"""The look both plots share: a light, high-contrast style that survives a projector.

Lecture halls wash out dark themes and thin grey text, so the plots are always drawn
on white with near-black axes and fonts a size above the widget default, whatever
the application's palette says.
"""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QFont

from nnviz.app import uiscale

BACKGROUND = "#ffffff"
AXIS = "#4a4a4a"
TEXT = "#1f1f1f"
MUTED = "#6b6b6b"
# Okabe–Ito blue and vermillion: train and test stay apart for every colour vision.
TRAIN = "#0072b2"
TEST = "#d55e00"
LINE_SCALE = 1.0  # the theme's stroke scale (print and projector: heavier)
TICK_PT = 10
LABEL_PT = 11


def tick_font() -> QFont:
    font = QFont()
    font.setPointSizeF(TICK_PT * uiscale.factor())
    return font


def label_style() -> dict[str, str]:
    return {"color": TEXT, "font-size": f"{LABEL_PT * uiscale.factor():g}pt"}


def legend_size() -> str:
    """The size of legend and readout text: the tick labels' (a pyqtgraph size string)."""
    return f"{TICK_PT * uiscale.factor():g}pt"


def style_axis(axis: pg.AxisItem, label: str = "", units: str | None = None) -> None:
    axis.setPen(pg.mkPen(AXIS, width=1))
    axis.setTextPen(pg.mkPen(TEXT))
    axis.setTickFont(tick_font())
    axis.setStyle(tickLength=-5, tickTextOffset=4)
    # "loss (x0.001)" confuses more than it saves. enableAutoSIPrefix(False) alone is not
    # enough in pyqtgraph 0.14: it recomputes the scale from the current range and the
    # tick labels keep using it, so the scale is reset by hand.
    axis.autoSIPrefix = False
    axis.autoSIPrefixScale = 1.0
    axis.labelUnitPrefix = ""
    axis.setLabel(escape(label), units=units, **label_style())  # pyqtgraph renders HTML


def plot_widget(x_label: str, y_label: str) -> pg.PlotWidget:
    """A PlotWidget in the shared style: white, boxed axes, no antialiasing (speed)."""
    widget = pg.PlotWidget(background=BACKGROUND)
    widget.setAntialiasing(False)
    item = widget.getPlotItem()
    style_axis(item.getAxis("bottom"), x_label)
    style_axis(item.getAxis("left"), y_label)
    # Closing the box on the top and right reads as a finished figure on a slide.
    for side in ("top", "right"):
        item.showAxis(side)
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(AXIS, width=1))
        axis.setStyle(showValues=False, tickLength=0)
    return widget


def restyle_widget(widget: pg.PlotWidget) -> None:
    """Re-read the style into an existing PlotWidget: background, axis pens, text and its
    size (presentation mode's factor)."""
    widget.setBackground(BACKGROUND)
    item = widget.getPlotItem()
    for side in ("left", "bottom", "top", "right"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(AXIS, width=LINE_SCALE))
        axis.setTextPen(pg.mkPen(TEXT))
        axis.setTickFont(tick_font())
        if axis.label is not None:
            axis.labelStyle = {**axis.labelStyle, **label_style()}
            axis._updateLabel()
