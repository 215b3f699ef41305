"""A large document is read off the GUI thread: the window keeps answering, a progress bar
with Cancel appears, Cancel leaves the open document as it was."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from nnviz.app import background, files
from nnviz.core.document import load

from .test_feature_space_work import big_document


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> str:
    path = big_document(tmp_path_factory.mktemp("large") / "large.nnviz", 20_000)
    assert os.path.getsize(path) >= files.BACKGROUND_BYTES
    return path


def progress_dialog() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()), None)


def test_opening_a_large_document_reads_it_while_the_window_runs_its_events(
        qtbot, main_window, large, monkeypatch):
    w = main_window
    w.start(None)
    seen = {}
    gui_ran = threading.Event()

    def slow_load(path, drawable=False):
        seen["thread"] = threading.current_thread()
        # A timer queued on the GUI thread below fires only if that thread is free.
        seen["gui ran meanwhile"] = gui_ran.wait(10)
        return load(path, drawable)

    monkeypatch.setattr(files, "load", slow_load)
    QTimer.singleShot(0, gui_ran.set)
    assert w.files.open_path(large, ask=False)
    assert seen["thread"] is not threading.main_thread()
    assert seen["gui ran meanwhile"]
    assert w.model.document.dataset.n == 20_000
    assert "Opened large.nnviz" in w.statusBar().currentMessage()


def test_cancel_on_the_progress_bar_keeps_the_open_document(qtbot, main_window, large,
                                                            monkeypatch):
    w = main_window
    w.start(None)
    before = w.model.document.copy()
    release = threading.Event()
    shown = []

    def blocked_load(path, drawable=False):
        release.wait(10)  # until the test has pressed Cancel
        return load(path, drawable)

    def press_cancel():
        dialog = progress_dialog()
        if dialog is None:
            QTimer.singleShot(10, press_cancel)
            return
        shown.append(dialog.labelText())
        QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        release.set()

    monkeypatch.setattr(files, "load", blocked_load)
    monkeypatch.setattr(background, "PROGRESS_DELAY_MS", 0)
    QTimer.singleShot(0, press_cancel)
    assert not w.files.open_path(large, ask=False)
    assert shown == ["Opening large.nnviz…"]
    assert w.model.document == before
    assert "cancelled" in w.statusBar().currentMessage()
    assert progress_dialog() is None


def test_a_small_document_is_read_directly(main_window, tmp_path, monkeypatch):
    from nnviz.core.examples import example_path
    threads = []
    monkeypatch.setattr(files, "load", lambda p, drawable=False: (
        threads.append(threading.current_thread()), load(p, drawable))[1])
    assert main_window.files.open_path(str(example_path("xnor")), ask=False)
    assert threads == [threading.main_thread()]


def test_a_large_documents_unnamed_data_is_called_imported_data(main_window, large):
    w = main_window
    assert w.files.open_path(large, ask=False)  # points saved without a name
    summary = w.dataset_panel.summary.text()
    assert "Imported data" in summary
    assert "“”" not in summary
    assert "20,000 points" in summary
