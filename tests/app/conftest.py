"""The real main window for GUI tests, closed, its worker and engine process joined afterwards."""

from __future__ import annotations

import operator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from nnviz.app.mainwindow import MainWindow


@pytest.fixture
def main_window(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("NNVIZ_RECOVERY_DIR", str(tmp_path / "recovery"))
    # Closing with unsaved changes asks; at teardown the answer is "Discard".
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    # A first start: the layout and choices an earlier test's window saved on closing
    # (docks shown, sizes) would otherwise make this test depend on the order.
    QSettings().clear()
    w = MainWindow()
    qtbot.addWidget(w)
    # The same size whatever the screen: on offscreen's 800×800 screen it would open maximised.
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    worker = w.controller.worker
    assert worker.isFinished()  # no thread survives the window
    assert worker.engine.process.exitcode is not None  # nor the engine process


def engine_idle(qtbot, window, timeout: int = 10_000) -> None:
    """Wait until every message the engine sent before now has reached the window.

    The engine answers commands in order and its messages arrive in order, but it posts
    the snapshot for the commands it read together with a "compute" after that compute's
    answer: only the answer to a second compute, sent after the first came back, comes
    after every earlier snapshot.
    """
    worker = window.controller.worker
    for _ in range(2):
        with qtbot.waitSignal(worker.computed, timeout=timeout,
                              check_params_cb=lambda tag, _r: tag == "idle?"):
            window.controller.compute("idle?", operator.attrgetter("updates"))
    qtbot.wait(0)  # the snapshot slots posted behind it (acknowledge, applies) run too


@pytest.fixture
def views(qtbot):
    """``views(name, **build_views options)``: headless export views of a shipped example."""
    from nnviz.app.export.headless import build_views, close_views
    from nnviz.core.examples import load_example

    made = []

    def make(name="xnor", **kw):
        v = build_views(load_example(name), **kw)
        made.append(v)
        return v
    yield make
    for v in made:
        close_views(v)
