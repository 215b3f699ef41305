"""The docks' first layout leaves the canvas the largest area at every window size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nnviz.app.mainwindow import dock_widths

SIZES = [(1280, 720), (1366, 768), (1400, 860), (1920, 1050)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_canvas_is_the_largest_area_and_the_docks_stay_usable(main_window, qtbot, size):
    w = main_window
    w.resize(*size)
    # The docks have followed the new size, then get a first start's layout.
    qtbot.waitUntil(lambda: w.docks["output"].geometry().right() == size[0] - 1)
    w.default_layout()
    left, output = dock_widths(size[0])
    qtbot.waitUntil(lambda: abs(w.docks["output"].width() - output) <= 2)
    canvas = w.view.width()
    docks = {k: w.docks[k].width() for k in ("training", "data", "output")}
    # It had 547 of 1400 px, beside 381 + 460 px of docks.
    assert canvas >= 0.45 * size[0], (canvas, docks)
    assert all(canvas > width for width in docks.values()), (canvas, docks)
    for name in ("training", "data", "output"):
        dock = w.docks[name]
        hint = dock.minimumSizeHint()
        assert dock.width() >= hint.width() and dock.height() >= hint.height(), name
    for plot in (w.decision_plot, w.loss_plot):
        assert plot.width() >= 300 and plot.height() >= 180, (plot, plot.size())


def test_a_form_row_wraps_in_a_narrow_dock_instead_of_widening_it(main_window):
    from PySide6.QtWidgets import QFormLayout

    forms = main_window.training_panel.findChildren(QFormLayout)
    assert forms and all(f.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows
                         for f in forms)
    area = main_window.docks["training"].widget()
    assert area.minimumWidth() < main_window.training_panel.sizeHint().width()
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
