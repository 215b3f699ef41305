"""Crash recovery offers the work back however nnviz starts, and nothing planted in its
folder can stop the app, be followed when writing, or aim Save at another file."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnviz.app import recovery
from nnviz.app.mainwindow import MainWindow
from nnviz.core.commands import SetWeights
from nnviz.core.document import load, new_document, save

CRASHING_SESSION = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from nnviz.app.mainwindow import MainWindow
from nnviz.core.commands import SetWeights

app = QApplication(sys.argv[:1])
window = MainWindow()
window.start(sys.argv[1])
key = next(iter(window.model.network.edges))
window.model.push(SetWeights({key: 2.5}, "Type weight"))
assert window.recovery.write_now()
print("ready", flush=True)
time.sleep(600)
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "recovery"
    monkeypatch.setenv("NNVIZ_RECOVERY_DIR", str(path))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    return path / "recovery"


@pytest.fixture
def answers(monkeypatch):
    """Questions asked through files.ask, answered Yes."""
    asked: list[str] = []
    monkeypatch.setattr("nnviz.app.files.ask",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    return asked


def open_window(qtbot, path: str | None = None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.start(path)
    return window


def crash(script: str, base: Path, *args: str) -> None:
    """Run a window script that prints "ready" once its work is written aside, then kill -9
    it; ``base`` is its NNVIZ_RECOVERY_DIR."""
    env = dict(os.environ, NNVIZ_RECOVERY_DIR=str(base), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", script, *args], env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
    finally:
        proc.send_signal(signal.SIGKILL)  # kill -9: no chance to clean up
        proc.wait()


def plant(folder: Path, stem: str, meta: object, document=None) -> None:
    recovery.private_folder(folder)
    save(document or new_document(), folder / f"{stem}.nnviz")
    (folder / f"{stem}.meta.json").write_text(json.dumps(meta))


def test_restarting_on_the_same_file_after_a_crash_offers_the_unsaved_work(
        qtbot, tmp_path, folder, answers):
    document = tmp_path / "lecture.nnviz"
    save(new_document(), document)
    crash(CRASHING_SESSION, folder.parent, str(document))
    window = open_window(qtbot, str(document))
    assert len(answers) == 1 and str(document) in answers[0]
    assert 2.5 in [e.weight for e in window.model.network.edges.values()]
    assert window.model.path == str(document)  # the file the user named: Save goes there
    assert window.isWindowModified()
    assert load(document) == new_document()  # nothing written until the user saves
    own = window.recovery.lock.fileName()
    assert [str(p) for p in folder.glob("session-*")] == [own]  # the crashed one is gone
    window.close()


def test_a_malformed_sidecar_is_set_aside_with_a_message_and_never_stops_the_start(
        qtbot, folder, answers):
    plant(folder, "session-1-deadbeef", {"saved_at": None})
    plant(folder, "session-2-deadbeef", {"saved_at": 1.0, "original_path": "relative.nnviz"})
    (folder / "session-3-deadbeef.meta.json").write_text("{" * 100_000)
    messages = []
    window = MainWindow()
    qtbot.addWidget(window)
    window.statusBar().messageChanged.connect(lambda m: m and messages.append(m))
    window.start(None)
    assert answers == []  # nothing valid to offer
    assert window.model.document.title  # the playground example opened
    assert "set aside" in messages[-1] and "and 2 more" in messages[-1]  # seen last
    assert window.statusBar().currentMessage() == messages[-1]
    aside = folder / recovery.SET_ASIDE
    assert sorted(p.name for p in aside.iterdir()) == [
        "session-1-deadbeef.meta.json", "session-1-deadbeef.nnviz",
        "session-2-deadbeef.meta.json", "session-2-deadbeef.nnviz",
        "session-3-deadbeef.meta.json"]
    window.close()


def test_recovery_files_are_private_and_planted_symlinks_are_replaced_not_followed(
        qtbot, tmp_path, folder):
    old = os.umask(0o022)
    try:
        window = open_window(qtbot)
        writer = window.recovery
        victim = tmp_path / "victim.txt"
        victim.write_text("precious")
        writer.document_path.symlink_to(victim)
        writer.meta_path.symlink_to(victim)
        key = next(iter(window.model.network.edges))
        window.model.push(SetWeights({key: 1.5}))
        assert writer.write_now()
    finally:
        os.umask(old)
    assert victim.read_text() == "precious"
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    for p in (writer.document_path, writer.meta_path, Path(writer.lock.fileName())):
        info = os.lstat(p)
        assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600
    window.close()


def test_a_folder_of_another_user_is_refused_and_the_window_says_so(
        qtbot, folder, monkeypatch):
    recovery.private_folder(folder)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)  # as if someone else owned it
    window = open_window(qtbot)
    assert window.recovery.problem and "another user" in window.recovery.problem
    window.model.push(SetWeights({next(iter(window.model.network.edges)): 1.5}))
    with qtbot.waitSignal(window.recovery.failed):
        assert not window.recovery.write_now()
    assert "Crash recovery is off" in window.statusBar().currentMessage()
    assert list(folder.iterdir()) == []
    window.close()


def test_an_existing_folder_that_is_too_open_is_made_private(folder):
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    recovery.recovery_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_planted_orphan_cannot_aim_save_at_another_file(qtbot, tmp_path, folder, answers,
                                                          monkeypatch):
    victim = tmp_path / "notes.txt"
    victim.write_text("precious")
    plant(folder, "session-9-deadbeef", {"saved_at": 5.0, "original_path": str(victim)})
    window = open_window(qtbot)
    assert str(victim) in answers[0]  # the full path is shown before anything happens
    assert window.model.path is None
    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: suggested.append(a[2]) or ("", ""))
    window.actions_["save"].trigger()
    assert suggested == [str(victim)]  # a proposal the user sees, not a silent target
    assert victim.read_text() == "precious"
    window.close()


def test_a_planted_symlink_document_is_set_aside_not_read(qtbot, tmp_path, folder, answers):
    elsewhere = tmp_path / "elsewhere.nnviz"
    save(new_document(), elsewhere)
    recovery.private_folder(folder)
    (folder / "session-4-deadbeef.nnviz").symlink_to(elsewhere)
    (folder / "session-4-deadbeef.meta.json").write_text(json.dumps({"saved_at": 1.0}))
    window = open_window(qtbot)
    assert answers == []
    assert (folder / recovery.SET_ASIDE / "session-4-deadbeef.nnviz").is_symlink()
    assert load(elsewhere) == new_document()
    window.close()


def test_liveness_is_the_lock_not_the_pid(qtbot, folder, answers):
    """A lock whose process id now belongs to another program is stale: offered. The
    lock of a window still running is not."""
    busy = subprocess.Popen(["sleep", "60"])
    try:
        plant(folder, "session-7-deadbeef", {"saved_at": 3.0, "pid": busy.pid})
        host = os.uname().nodename
        (folder / "session-7-deadbeef.lock").write_text(f"{busy.pid}\nnnviz\n{host}\n")
        running = open_window(qtbot)
        assert len(answers) == 1  # the crashed one, though its pid is alive
        running.model.push(SetWeights({next(iter(running.model.network.edges)): 1.5}))
        assert running.recovery.write_now()
        assert recovery.orphans() == []  # the running window's work is not an orphan
        running.close()
    finally:
        busy.kill()
        busy.wait()
