"""Presentation mode (F5) scales everything on screen, and Play and the epoch stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QToolBar


def sizes(w) -> dict[str, float]:
    """The type sizes a person sees, in points or pixels, one per kind of text."""
    loss_axis = w.loss_plot.plot_item.getAxis("left")
    return {
        "backward card": QFontInfo(w.backward.legend.font()).pixelSize(),
        "formula dock": QFontInfo(w.backward.panel.formula.font()).pixelSize(),
        "formula title": QFontInfo(w.backward.panel.title.font()).pixelSize(),
        "loss ticks": loss_axis.style["tickFont"].pointSizeF(),
        "loss axis label": float(loss_axis.labelStyle["font-size"].removesuffix("pt")),
        "loss legend": float(w.loss_plot.legend.opts["labelTextSize"].removesuffix("pt")),
        "loss header": w.loss_plot.summary.font().pointSizeF(),
        "region ticks": w.decision_plot.plot_item.getAxis("bottom").style["tickFont"]
        .pointSizeF(),
        "colour bar ticks": w.decision_plot.colour_bar.axis.style["tickFont"].pointSizeF(),
        "epoch counter": w.run_bar.counter.font().pointSizeF(),
        "play": w.run_bar.play_button.font().pointSizeF(),
    }


def test_presentation_scales_every_text_and_keeps_play_and_the_epoch(qtbot, main_window):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.actions_["backward"].setChecked(True)  # the card over the canvas
    w.actions_["stepping"].trigger()  # the formula dock, with a step in it
    qtbot.waitUntil(lambda: w.backward.panel.formula.text() != "")
    before = sizes(w)
    w.presentation.enter(2.0)
    try:
        qtbot.waitUntil(lambda: w.isFullScreen())
        qtbot.wait(20)  # the larger application font reaches the widgets by events
        during = sizes(w)
        for kind, size in before.items():
            assert during[kind] == pytest.approx(2 * size, rel=0.1), kind
        main_bar = w.findChild(QToolBar, "toolbar-main")
        assert not main_bar.isVisible()  # editing chrome goes
        assert w.run_bar.isVisible() and w.run_bar.play_button.isVisible()
        assert w.run_bar.counter.isVisible() and w.run_bar.counter.text().startswith("Epoch")
        assert w.docks["output"].isVisible() and w.backward.dock.isVisible()
    finally:
        w.presentation.leave()
    qtbot.wait(20)
    assert sizes(w) == before


def test_escape_leaves_a_step_through_first_then_presentation_mode(qtbot, main_window):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.presentation.enter(1.5)
    try:
        w.actions_["stepping"].trigger()
        assert w.backward.index >= 0
        qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Escape)
        assert w.backward.index < 0 and w.presentation.active
        qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Escape)
        assert not w.presentation.active
    finally:
        w.presentation.leave()


def test_the_theme_chosen_in_preferences_is_back_at_the_next_start(qtbot, monkeypatch,
                                                                   tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from nnviz.app import theme
    from nnviz.app.mainwindow import MainWindow

    monkeypatch.setenv("NNVIZ_RECOVERY_DIR", str(tmp_path))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    QSettings().setValue("appearance/theme", "projector")
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert theme.current().name == "projector"
        window.close()
    finally:
        QSettings().remove("appearance/theme")
        theme.apply_theme("light")
