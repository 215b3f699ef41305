"""Backward-view label sizes for the room the canvas has.

The numbers must read from the back row: each at least MIN_PX tall on screen, and
~TARGET_PX where the room allows. Growing a label enlarges what the view must fit, so
the zoom drops as the text grows: the sizes are found in a few rounds, each from the
zoom the last one gives. Edge labels grow less (they sit between neurons one column
apart); where even that stays too small they become dots on their edges, the numbers
in the tooltip (a neuron's card repeats its g′ and δ anyway).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF

from nnviz.app import uiscale
from nnviz.app.backward.overlay import EDGE_FONT, FONT, MIN_PX, BackwardOverlay

TARGET_PX = 13.0  # what a label grows towards on screen (presentation mode: times its factor)
CARD_GROWTH = 1.8  # a neuron's card, at most this many times its font
EDGE_GROWTH = 1.3  # an edge label: more would crowd the edges
ROUNDS = 4


def fit_labels(overlay: BackwardOverlay, rect: Callable[[], QRectF],
               scale_for: Callable[[QRectF], float]) -> float:
    """Size the overlay's labels for the zoom ``scale_for(rect())`` fit will give; returns
    that zoom. Starts from plain labels every time (no growth or dots left from a
    smaller window). Numbers on the edges come before large cards: where growing the
    cards to TARGET_PX would turn the edges into dots, the cards grow only to MIN_PX if
    that keeps the edges written out."""
    target = TARGET_PX * uiscale.factor()
    card, edge, dots, scale = _settle(overlay, rect, scale_for, target)
    if dots and target > MIN_PX:
        _, plain_edge, plain_dots, plain_scale = _settle(overlay, rect, scale_for, MIN_PX,
                                                         dots_allowed=False)
        if EDGE_FONT.pixelSize() * plain_edge * plain_scale >= MIN_PX - 1e-6:
            return plain_scale
        overlay.set_text_size(card, edge, dots)
    return scale


def _settle(overlay: BackwardOverlay, rect: Callable[[], QRectF],
            scale_for: Callable[[QRectF], float], target: float,
            dots_allowed: bool = True) -> tuple[float, float, bool, float]:
    """Grow the labels towards ``target`` pixels in rounds; (card, edge, dots, zoom)."""
    overlay.set_text_size()
    card = edge = 1.0
    dots = False
    scale = scale_for(rect())
    for _ in range(ROUNDS):
        new_card = min(CARD_GROWTH, max(card, target / (FONT.pixelSize() * scale)))
        new_edge = min(EDGE_GROWTH, max(edge, target / (EDGE_FONT.pixelSize() * scale)))
        new_dots = dots or (dots_allowed and round(EDGE_FONT.pixelSize() * new_edge) * scale
                            < MIN_PX - 1e-6)
        if new_dots:
            new_edge = 1.0
        if (new_card, new_edge, new_dots) == (card, edge, dots):
            break
        overlay.set_text_size(new_card, new_edge, new_dots)
        new_scale = scale_for(rect())
        if new_card * new_scale < card * scale and not (new_dots and not dots):
            # the labels are most of what is fitted: growing them shrank them on screen
            overlay.set_text_size(card, edge, dots)
            break
        card, edge, dots, scale = new_card, new_edge, new_dots, new_scale
    return card, edge, dots, scale
