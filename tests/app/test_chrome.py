"""The window's chrome as a user meets it: where Save As starts, quitting while training,
a toolbar that keeps its shape while editing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from nnviz.core.examples import example_path


def test_save_as_starts_in_the_documents_folder_never_the_shipped_examples(
        qtbot, main_window, monkeypatch, tmp_path):
    w = main_window
    documents = tmp_path / "Documents"  # what the desktop calls the user's documents
    documents.mkdir()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) == str(documents)
    QSettings().remove("files/recent")  # a first start: no folder used before
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, folder, _filter: asked.append(folder) or ("", ""))
    for opening in (lambda: w.files.open_example("xnor", ask=False),
                    # the shipped file opened by its path, as File → Open or the command line
                    lambda: w.files.open_path(str(example_path("spiral")), ask=False)):
        assert opening()
        assert w.model.path is None
        w.actions_["save"].trigger()  # an untitled copy: Save asks where
        shipped = Path(str(example_path("xnor"))).parent.resolve()
        assert Path(asked[-1]).parent.resolve() != shipped
        assert Path(asked[-1]).parent == Path(documents)
    assert w.model.path is None


def test_quitting_while_training_pauses_before_asking_and_cancel_plays_on(
        qtbot, main_window, monkeypatch):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.view.add_neuron_at(QPointF(400, 300), "hidden")  # unsaved work: closing asks
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.epoch > 0, timeout=10_000)
    playing_when_asked = []

    def cancel(*_args, **_kwargs):
        playing_when_asked.append(w.controller.playing)
        return QMessageBox.Cancel

    monkeypatch.setattr(QMessageBox, "warning", cancel)
    w.close()
    assert playing_when_asked == [False] and w.isVisible()
    assert w.controller.playing  # the user stayed: training goes on
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)


def test_toolbar_undo_keeps_its_width_and_names_the_command_in_its_tooltip(qtbot, main_window):
    w = main_window
    w.start(None)
    bar = w.findChild(QToolBar, "toolbar-main")
    button = bar.widgetForAction(w.actions_["undo_tool"])
    assert not button.isEnabled() and button.text() == "Undo"
    width, bar_width = button.sizeHint().width(), bar.sizeHint().width()
    w.view.add_neuron_at(QPointF(400, 300))
    assert button.isEnabled() and button.text() == "Undo"
    assert button.sizeHint().width() == width and bar.sizeHint().width() == bar_width
    assert button.toolTip() == "Undo " + w.model.undo_stack.undoText()
    count = len(w.model.network.neurons)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(w.model.network.neurons) == count - 1
    redo = bar.widgetForAction(w.actions_["redo_tool"])
    assert redo.isEnabled() and redo.text() == "Redo" and redo.toolTip().startswith("Redo ")


def test_new_while_training_pauses_before_asking(qtbot, main_window, monkeypatch):
    w = main_window
    w.start(None)
    qtbot.waitUntil(lambda: w.controller.trainable)
    w.actions_["play"].trigger()
    qtbot.waitUntil(lambda: w.model.document.epoch > 0, timeout=10_000)
    assert w.model.is_modified()  # trained: New asks
    asked = []

    def discard(*_args, **_kwargs):
        asked.append(w.controller.playing)
        return QMessageBox.Discard

    monkeypatch.setattr(QMessageBox, "warning", discard)
    w.actions_["new"].trigger()
    assert asked == [False] and not w.controller.playing
    assert w.model.document.epoch == 0
