"""Play starts at a watchable speed, and the epoch is written large beside Play."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nnviz.app.runbar import epoch_text
from tests.app.conftest import engine_idle


def test_play_trains_at_a_watchable_pace_with_the_epoch_large_beside_it(qtbot, main_window):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    assert w.training_panel.speed.currentText() == "30 epochs/s"
    bar = w.run_bar
    started = time.monotonic()
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert bar.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: w.model.document.epoch >= 16, timeout=20_000)
    # Paced, not flat out: 16 epochs at 30 a second take at least half a second
    # (flat out, the playground does hundreds a second here).
    assert time.monotonic() - started >= 15 / 30
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    engine_idle(qtbot, w)
    assert bar.play_button.text() == "Play"
    epoch = w.model.document.epoch
    assert bar.counter.text() == f"Epoch {epoch_text(epoch)}"
    assert epoch_text(123) == "000,123"
    # Large, and beside Play.
    app_pt = QApplication.font().pointSizeF()
    assert bar.counter.font().pointSizeF() >= 1.8 * app_pt
    play, counter = bar.play_button.geometry(), bar.counter.geometry()
    assert play.right() < counter.left() < play.right() + 40  # right beside it
    assert abs(play.center().y() - counter.center().y()) < 10

    w.actions_["new"].trigger()
    assert bar.counter.text() == "Epoch 000,000"
