"""The real main window for GUI tests, closed and its worker joined afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from nnviz.app.mainwindow import MainWindow


@pytest.fixture
def main_window(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("NNVIZ_RECOVERY_DIR", str(tmp_path / "recovery"))
    # Closing with unsaved changes asks; at teardown the answer is "Discard".
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
    assert w.controller.worker.isFinished()  # no thread survives the window
