"""A real mouse wheel over the Data panel scrolls it and never moves the Split slider."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(1280, 720)])
def test_real_wheel_over_split_slider_scrolls_the_data_panel(real_app, size):
    nnviz = real_app(*size)
    nnviz.exec("dock = window.docks['data']; dock.raise_(); area = dock.widget(); "
               "bar = area.verticalScrollBar(); split = window.dataset_panel.ratio")
    nnviz.wait("dock.isVisible() and bar.maximum() > 0")
    nnviz.exec("area.ensureWidgetVisible(split)")
    split, ratio = nnviz.eval("(split.value(), window.model.document.dataset.train_ratio)")
    x, y = nnviz.eval("split.mapToGlobal(split.rect().center()).toTuple()")
    assert 0 <= x < size[0] and 0 <= y < size[1]  # on screen, under the pointer
    start, most = nnviz.eval("(bar.value(), bar.maximum())")
    direction, end = ("down", most) if start < most else ("up", 0)
    for _ in range(3):  # one notch at a time: each must have reached the panel
        last = nnviz.eval("bar.value()")
        nnviz.screen.wheel(x, y, direction)
        nnviz.wait(f"bar.value() != {last} or bar.value() == {end}")
    assert nnviz.eval("bar.value()") != start  # the panel scrolled
    assert nnviz.eval("split.value()") == split
    assert nnviz.eval("window.model.document.dataset.train_ratio") == ratio
    assert nnviz.eval("split.hasFocus()") is False
