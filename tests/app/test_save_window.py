"""Saving from the window: a read-only file is asked about, a read-only folder is reported
with the user's file and the reason, and leftovers of killed saves go away on Open."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from nnviz.core.commands import SetWeights
from nnviz.core.document import load, new_document, save
from tests.unwritable import as_ordinary_user, shared_folder


def edit(window) -> None:
    window.model.push(SetWeights({next(iter(window.model.network.edges)): 2.5}))


def test_saving_over_a_read_only_file_asks_first(qtbot, main_window, tmp_path, monkeypatch):
    target = tmp_path / "prepared.nnviz"
    save(new_document(), target)
    target.chmod(0o444)
    main_window.files.open_path(str(target), ask=False)
    edit(main_window)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.Cancel)
    assert not main_window.files.save()
    assert "read-only" in asked[0] and load(target) == new_document()
    assert "read-only" in main_window.statusBar().currentMessage()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert main_window.files.save()
    assert load(target) != new_document() and not main_window.isWindowModified()


def test_a_read_only_folder_names_the_file_and_the_reason(qtbot, main_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    with shared_folder() as folder:
        locked = folder / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        main_window.start(None)
        edit(main_window)
        with as_ordinary_user():
            assert not main_window.files._save_to(str(locked / "homework.nnviz"))
    assert "homework.nnviz" in shown[0] and "permission denied" in shown[0]
    assert ".tmp" not in shown[0]
    assert main_window.isWindowModified()


def test_opening_a_file_removes_what_killed_saves_of_it_left(qtbot, main_window, tmp_path):
    target = tmp_path / "doc.nnviz"
    save(new_document(), target)
    leftover = tmp_path / ".doc.nnviz.2d1f77e2.tmp"
    leftover.write_bytes(b"\0" * 4096)
    assert main_window.files.open_path(str(target), ask=False)
    assert not leftover.exists()
