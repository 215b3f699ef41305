"""The backward view's legend says which threshold unit the network uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nnviz.core.document import save
from nnviz.core.examples import load_example


def test_the_legend_names_the_threshold_unit(qtbot, main_window, tmp_path):
    doc = load_example("and")
    doc.network.neurons["o"].activation = "threshold"
    path = tmp_path / "and.nnviz"
    save(doc, path)
    w = main_window
    assert w.files.open_path(str(path), ask=False)
    w.controller.select_sample(3)  # (1, 1)
    QTest.keyClick(w.view, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    assert "threshold: g(z) = 1 if z ≥ 0 else 0" in w.backward.legend.text()
    assert "step:" not in w.backward.legend.text()
    QTest.keyClick(w.view, Qt.Key.Key_B)
