"""Companion views driven through the real window: surface, feature space, gradient
check and the history scrubber."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from nnviz.app.companions import surface_view


@pytest.fixture
def window(main_window):
    return main_window


def open_example(qtbot, w, name):
    w.files.open_example(name, ask=False)
    qtbot.waitUntil(lambda: w.controller.latest is not None
                    and w.controller.latest.generation == w.controller._generation)


def test_docks_start_hidden_and_menus_offer_them(window):
    for key in ("surface", "features", "gradcheck", "history"):
        assert not window.docks[key].isVisible()
    menus = {a.menu().objectName() for a in window.menuBar().actions() if a.menu()}
    assert "menu-tools" in menus  # found by name: its title is whoever made it first's
    assert window.actions_["gradient_check"].shortcut().toString() == "Ctrl+G"


def test_surface_computes_off_the_gui_thread_and_tracks_the_path(qtbot, window, monkeypatch):
    open_example(qtbot, window, "playground")
    view = window.surface_view
    window.docks["surface"].show()
    assert view.keys[0][1] == view.keys[1][1]  # two weights into the same neuron
    qtbot.waitUntil(lambda: not view.pending, timeout=10_000)
    # A finer grid than usual, so the computation takes long enough to watch the GUI.
    real_job = surface_view.surface_job

    def big_job(*args, **kwargs):
        return real_job(*args, size=160)

    monkeypatch.setattr(surface_view, "surface_job", big_job)
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    try:
        t0 = time.perf_counter()
        view.recompute.click()
        assert time.perf_counter() - t0 < 0.05  # the click only sends a request
        qtbot.waitUntil(lambda: not view.pending and view.surface is not None, timeout=20_000)
        t1 = time.perf_counter()
    finally:
        timer.stop()
    during = [t for t in ticks if t0 <= t <= t1]
    assert len(during) >= 3  # the GUI kept processing events while the engine computed
    assert view.surface.values.shape == (160, 160)
    monkeypatch.setattr(surface_view, "surface_job", real_job)
    view.recompute.click()  # back to the usual 60 × 60
    qtbot.waitUntil(lambda: not view.pending and view.surface.values.shape == (60, 60))
    s = view.surface
    # The current weights of the document sit at the grid's centre with the current loss.
    net = window.model.document.network
    assert s.current == (net.edges[view.keys[0]].weight, net.edges[view.keys[1]].weight)
    window.controller.step("epoch")
    window.controller.step("epoch")
    qtbot.waitUntil(lambda: window.model.document.epoch == 2)
    qtbot.waitUntil(lambda: len(view.path) >= 3)
    assert [p[0] for p in view.path][-1] == 2
    a, b = view.path[-1][1:]
    assert (a, b) == (net.edges[view.keys[0]].weight, net.edges[view.keys[1]].weight)


def test_a_hidden_surface_collects_the_path_and_draws_it_when_shown(qtbot, window):
    open_example(qtbot, window, "playground")
    view = window.surface_view
    window.docks["surface"].hide()
    assert not view.isVisible()
    for _ in range(3):
        window.controller.step("epoch")
    qtbot.waitUntil(lambda: window.model.document.epoch == 3 and view.path[-1][0] == 3)
    drawn = view.path_line.getData()[0]
    assert drawn is None or len(drawn) < 4  # collected, not drawn
    window.docks["surface"].show()
    qtbot.waitUntil(view.isVisible)
    assert [p[0] for p in view.path] == [0, 1, 2, 3]  # rebuilt from the checkpoints
    xs, ys = view.path_line.getData()
    assert list(zip(xs, ys)) == [(a, b) for _, a, b in view.path]
    net = window.model.document.network
    assert view.path[-1][1:] == (net.edges[view.keys[0]].weight, net.edges[view.keys[1]].weight)


def test_feature_space_places_the_xnor_points(qtbot, window):
    open_example(qtbot, window, "xnor")
    window.docks["features"].show()
    view = window.feature_view
    assert (view.combo_a.currentText(), view.combo_b.currentText()) == ("a1", "a2")
    expected = {(0.002, 0.881), (0.119, 0.119), (0.881, 0.002)}
    got = {(round(a, 3), round(b, 3)) for a, b in view.points}
    assert got == expected and len(view.points) == 4
    assert view.line.exact and "whole decision" in view.note.text()
    view.combo_a.setCurrentIndex(1)
    view.combo_b.setCurrentIndex(0)
    assert {(round(b, 3), round(a, 3)) for a, b in view.points} == expected


def test_gradient_check_from_the_tools_menu(qtbot, window):
    open_example(qtbot, window, "xnor")
    window.actions_["gradient_check"].trigger()
    view = window.gradcheck_view
    qtbot.waitUntil(lambda: view.result is not None, timeout=10_000)
    assert window.docks["gradcheck"].isVisible()
    assert view.table.rowCount() == 9
    assert view.table.item(0, 0).text() == "x1 → a1"
    assert view.result.max_rel_error < 1e-5
    assert "Largest relative error" in view.headline.text()


def test_scrubbing_rewinds_every_view_and_play_resumes_there(qtbot, window):
    open_example(qtbot, window, "playground")
    window.docks["history"].show()
    history, c = window.history_view, window.controller
    for _ in range(6):
        c.step("epoch")
    qtbot.waitUntil(lambda: window.model.document.epoch == 6)
    qtbot.waitUntil(lambda: history.epochs == (0, 1, 2, 3, 4, 5, 6))
    assert history.slider.maximum() == 6
    theta3 = history.checkpoints[3].theta
    history.slider.setValue(3)  # as a drag would
    qtbot.waitUntil(lambda: window.model.document.epoch == 3, timeout=5_000)
    doc = window.model.document
    from nnviz.core.plan import Plan
    plan = Plan(doc.network, doc.settings.loss_spec)
    np.testing.assert_array_equal(plan.read(doc.network)[: plan.n_weights],
                                  theta3[: plan.n_weights])
    assert len(doc.history) == 3
    assert window.loss_plot.history.n == 3
    assert history.marker.isVisible()
    assert history.slider.value() == 3
    # Forward again while paused: the later checkpoints are still there.
    history.slider.setValue(5)
    qtbot.waitUntil(lambda: window.model.document.epoch == 5, timeout=5_000)
    history.slider.setValue(3)
    qtbot.waitUntil(lambda: window.model.document.epoch == 3, timeout=5_000)
    history.play.click()  # resume from here
    qtbot.waitUntil(lambda: window.model.document.epoch >= 5, timeout=10_000)
    c.pause()
    epochs = window.model.document.history.rows["epoch"]
    assert epochs[:5] == [1.0, 2.0, 3.0, 4.0, 5.0]  # continued from epoch 3, not 6
