"""kill -9 of the engine process: the window says so, Play stays honest, and the next
Play, Step or Open starts a new engine with the document as it is, nothing lost."""

from __future__ import annotations

import os
import signal

from nnviz.core.commands import SetWeights


def open_example(qtbot, w, name):
    for key in ("surface", "features", "gradcheck", "history"):
        w.docks[key].hide()  # hidden by default; a shown one's compute would revive it
    w.files.open_example(name, ask=False)
    qtbot.waitUntil(lambda: w.controller.latest is not None
                    and w.controller.latest.generation == w.controller._generation)


def kill_engine(qtbot, w) -> int:
    c = w.controller
    pid = c.worker.engine.process.pid
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: c.engine_down is not None, timeout=10_000)
    return pid


def test_play_after_kill_trains_again_from_where_it_was(qtbot, main_window):
    w, c = main_window, main_window.controller
    open_example(qtbot, w, "playground")
    c.play()
    qtbot.waitUntil(lambda: w.model.document.epoch >= 3, timeout=10_000)
    old_pid = kill_engine(qtbot, w)
    assert "killed (signal 9)" in w.statusBar().currentMessage()
    assert "restarts on the next Play" in w.statusBar().currentMessage()
    # Play is honest while the engine is down: not playing, the button offers Play.
    assert not c.playing and w.actions_["play"].text() == "&Play"
    doc = w.model.document
    epoch, rows = doc.epoch, len(doc.history)
    # The newest snapshot received is in the document: its epoch, weights and history.
    assert epoch == c.latest.epoch and rows == epoch
    # An edit made while the engine is down is kept and trained from.
    key = next(iter(doc.network.edges))
    w.model.push(SetWeights({key: 2.5}))
    c.play()
    assert c.playing and w.actions_["play"].text() == "&Pause"
    assert "restarted it with the document" in w.statusBar().currentMessage()
    assert c.worker.engine.process.pid != old_pid and c.worker.engine_alive
    qtbot.waitUntil(lambda: w.model.document.epoch >= epoch + 2, timeout=10_000)
    c.pause()
    history = w.model.document.history.rows["epoch"]
    assert history[:rows] == doc.history.rows["epoch"][:rows]
    assert history == [float(e) for e in range(1, len(history) + 1)]  # no gap, no restart at 0


def test_step_after_kill_and_the_edit_made_meanwhile_survive(qtbot, main_window):
    w, c = main_window, main_window.controller
    open_example(qtbot, w, "xnor")
    kill_engine(qtbot, w)
    doc = w.model.document
    key = next(iter(doc.network.edges))
    w.model.push(SetWeights({key: 2.5}))
    c.step("sample")
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.updates == 1
                    and c.latest.generation == c._generation, timeout=10_000)
    # One update from 2.5, not from the weight the dead engine last had.
    assert abs(c.latest.weights[key] - 2.5) < 0.5


def test_opening_a_document_after_kill_makes_training_available(qtbot, main_window):
    w, c = main_window, main_window.controller
    open_example(qtbot, w, "xnor")
    kill_engine(qtbot, w)
    open_example(qtbot, w, "playground")
    assert c.trainable and c.engine_down is None and c.worker.engine_alive
    c.play()
    qtbot.waitUntil(lambda: w.model.document.epoch >= 1, timeout=10_000)
    c.pause()
