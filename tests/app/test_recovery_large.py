"""Crash recovery writes a document with many embedded points on a thread (seconds of work
that froze the window every 30 s), from a copy, and never races the files it removes."""

from __future__ import annotations

import threading

from nnviz.app import recovery
from nnviz.core.commands import SetWeights
from nnviz.core.document import load

from .test_feature_space_work import big_document


def test_a_large_document_is_written_aside_on_a_thread_from_a_copy(qtbot, main_window,
                                                                  tmp_path, monkeypatch):
    w = main_window
    assert w.files.open_path(big_document(tmp_path / "big.nnviz", recovery.BACKGROUND_POINTS),
                             ask=False)
    key = next(iter(w.model.network.edges))
    w.model.push(SetWeights({key: 1.5}))
    written = []
    release = threading.Event()
    real_save = recovery.save

    def save(document, path, **kw):
        written.append((threading.current_thread(), document))
        release.wait(10)  # the window goes on meanwhile: the test edits again below
        real_save(document, path, **kw)
    monkeypatch.setattr(recovery, "save", save)

    writer = w.recovery
    writer._tick()  # as the 30 s timer does
    qtbot.waitUntil(lambda: len(written) == 1)
    thread, document = written[0]
    assert thread is not threading.main_thread()
    assert document is not w.model.document  # a copy: training may change the document
    w.model.push(SetWeights({key: -2.0}))  # the GUI thread is free while it writes
    release.set()
    writer.discard()  # waits for the write, then removes: nothing is left behind
    assert not writer.document_path.exists()

    writer._tick()
    qtbot.waitUntil(lambda: len(written) == 2)
    writer._join()
    assert load(writer.document_path).network.edges[key].weight == -2.0
