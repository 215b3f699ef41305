"""Play starts at a watchable speed, and the epoch is written large beside Play."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from nnviz.app.i18n import install_translators, remove_translators
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


def overflowed(bar) -> list[str]:
    """Run-bar actions a user cannot see: hidden, or out of the bar (behind its » arrow)."""
    room = bar.rect()
    out = []
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if action.isSeparator() or widget is None:
            continue
        if not widget.isVisible() or not room.contains(widget.geometry()):
            out.append(action.text() or type(widget).__name__)
    return out


@pytest.fixture(params=["en", "de"])
def window_in(request, qapp):
    """The main window in English, and in German (longer words: Gewichte zurücksetzen)."""
    translators = install_translators(qapp, "de_DE") if request.param == "de" else []
    try:
        yield request.getfixturevalue("main_window")
    finally:
        remove_translators(translators, qapp)


def named(bar) -> bool:
    text = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    return all(b.toolButtonStyle() == text for b in bar.extras)


def test_every_run_bar_control_is_in_sight_at_1280_wide(qtbot, window_in):
    w = window_in
    w.resize(1280, 720)
    bar = w.run_bar
    qtbot.waitUntil(lambda: not overflowed(bar))
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    for button in bar.extras:  # named, or an icon whose tooltip names it
        assert button.toolTip()
    w.resize(1920, 1080)  # room again: Step and Reset are named
    qtbot.waitUntil(lambda: named(bar))
    assert not overflowed(bar)
