"""Arrays drawn as pictures: the pixel a user sees for each value."""

import numpy as np
from PySide6.QtGui import QColor

from nnviz.app.arrayimage import diverging_image, grey_image
from nnviz.app.canvas.style import MIDDLE, NEGATIVE, POSITIVE


def test_a_grey_picture_is_ink_on_paper_row_by_row(qapp):
    image = grey_image(np.array([[0.0, 1.0], [0.5, np.nan]]))
    assert (image.width(), image.height()) == (2, 2)
    assert image.pixelColor(0, 0) == QColor(255, 255, 255)  # 0: paper
    assert image.pixelColor(1, 0) == QColor(0, 0, 0)  # 1: ink, top row
    assert image.pixelColor(0, 1).red() in (127, 128)
    assert image.pixelColor(1, 1) == QColor(255, 255, 255)  # NaN draws as empty paper


def test_diverging_weights_are_orange_below_zero_and_blue_above_symmetrically(qapp):
    image = diverging_image(np.array([[-2.0, 0.0, 2.0, 1.0]]))
    assert image.pixelColor(0, 0) == NEGATIVE
    assert image.pixelColor(2, 0) == POSITIVE
    mid = image.pixelColor(1, 0)
    assert abs(mid.red() - MIDDLE.red()) <= 2 and abs(mid.blue() - MIDDLE.blue()) <= 2
    half = image.pixelColor(3, 0)  # half the scale: halfway between grey and blue
    assert abs(half.blue() - (MIDDLE.blue() + POSITIVE.blue()) / 2) <= 2


def test_an_all_zero_array_is_plain_grey_not_a_division_by_zero(qapp):
    image = diverging_image(np.zeros((3, 3)))
    mid = image.pixelColor(1, 1)
    assert abs(mid.green() - MIDDLE.green()) <= 2
