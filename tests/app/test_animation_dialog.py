"""File → Export Animation…: it writes the file, the window goes on meanwhile, Cancel stops it."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from nnviz.app.export.animation_dialog import AnimationDialog


def choose(dialog: AnimationDialog, path, view="network", last=6, fps=5.0, duration=1.0,
           fmt="png", size="960x540") -> None:
    dialog.view.setCurrentIndex(dialog.view.findData(view))
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.size_.setCurrentIndex(dialog.size_.findData(size))
    dialog.first.setValue(0)
    dialog.last.setValue(last)
    dialog.fps.setValue(fps)
    dialog.duration.setValue(duration)
    dialog.path.setText(str(path))


def open_dialog(window) -> AnimationDialog:
    window.actions_["export_animation"].trigger()
    dialog = window._animation_dialog
    assert dialog.isVisible()
    return dialog


def test_the_dialog_writes_the_animation_and_leaves_the_document_alone(
        main_window, qtbot, tmp_path):
    w = main_window
    w.files.open_example("xnor")
    doc = w.model.document
    weights = {k: e.weight for k, e in doc.network.edges.items()}
    undo = w.model.undo_stack.count()
    dialog = open_dialog(w)
    out = tmp_path / "xnor.png"
    choose(dialog, out)
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    assert done.args == [str(out)]
    with Image.open(out) as im:
        assert im.n_frames == 5 and im.size == (960, 540)
    assert "Wrote xnor.png (5 frames)" in dialog.status.text()
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert w.model.document.epoch == 0 and len(w.model.document.history) == 0
    assert {k: e.weight for k, e in w.model.document.network.edges.items()} == weights
    assert w.model.undo_stack.count() == undo


def test_a_gif_from_the_dialog_is_encoded_off_the_gui_thread(main_window, qtbot, tmp_path):
    dialog = open_dialog(main_window)
    out = tmp_path / "net.gif"
    choose(dialog, out, view="backward-steps", fmt="gif", size="1280x720")
    dialog.fps.setValue(2)
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.thread is not None or not dialog.running,
                        timeout=120_000)
    assert done.args == [str(out)]
    assert dialog.thread is None
    with Image.open(out) as im:
        assert im.format == "GIF" and im.size == (1280, 720) and im.n_frames > 5


def test_cancel_stops_the_export_and_leaves_no_file(main_window, qtbot, tmp_path):
    dialog = open_dialog(main_window)
    out = tmp_path / "export" / "long.png"
    out.parent.mkdir()
    choose(dialog, out, view="slide", last=500, fps=10, duration=20)  # 200 frames
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    job = dialog.job
    # The window's event loop runs between frames: the progress bar moves while it renders.
    qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=60_000)
    with qtbot.waitSignal(dialog.finished_export, timeout=10_000) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [""]
    assert dialog.status.text() == "Cancelled."
    assert not dialog.running and dialog.progress.value() == 0
    assert job.count == 200 and 2 <= job.done < 200
    assert list(out.parent.iterdir()) == []  # neither the file nor its temporary
    stopped_at = job.done
    qtbot.wait(100)
    assert job.done == stopped_at and not dialog.running  # no frame after Cancel


def test_the_dialog_says_why_it_cannot_export(main_window, qtbot, tmp_path):
    dialog = open_dialog(main_window)
    choose(dialog, tmp_path / "no" / "such" / "a.png")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Cannot export: cannot write")
    assert not dialog.running and dialog.export_button.isEnabled()
    assert not (tmp_path / "no").exists()


def test_a_window_training_meanwhile_does_not_draw_epochs_twice(main_window, qtbot, tmp_path):
    """While the window plays, the document's history runs ahead of its weights and epoch
    (taken in every so often): the animation starts from the rows its weights have seen."""
    from nnviz.app.export_file import export_document
    from nnviz.core.examples import load_example
    from nnviz.core.headless import train_document

    w = main_window
    w.files.open_example("xnor")
    ahead, _ = train_document(w.model.document, 10)
    w.model.document.history = ahead.history  # ten rows, the weights still at epoch 0
    dialog = open_dialog(w)
    out = tmp_path / "loss.png"
    choose(dialog, out, view="loss", last=0, size="own")
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    export_document(load_example("xnor"), tmp_path / "still.png", view="loss")
    with Image.open(out) as frame, Image.open(tmp_path / "still.png") as still:
        assert frame.n_frames == 1
        assert np.array_equal(np.asarray(frame.convert("RGB")), np.asarray(still.convert("RGB")))
    assert w.model.document.epoch == 0


def test_a_document_trained_while_the_dialog_is_open_animates_from_its_epoch(
        main_window, qtbot, tmp_path):
    from nnviz.app.export_file import export_document
    from nnviz.core.headless import train_document

    w = main_window
    w.files.open_example("xnor")
    dialog = open_dialog(w)
    out = tmp_path / "loss.png"
    choose(dialog, out, view="loss", last=5, fps=10, duration=0.1, size="own")
    assert dialog.first.value() == 0
    trained, _ = train_document(w.model.document, 5)  # as the window's training does
    net = trained.network
    w.model.apply_training({k: e.weight for k, e in net.edges.items()},
                           {i: n.bias for i, n in net.neurons.items()},
                           {i: n.alpha for i, n in net.neurons.items()}, 5, trained.history)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(out)] and dialog.first.value() == 5
    export_document(trained, tmp_path / "still.png", view="loss")
    with Image.open(out) as frame, Image.open(tmp_path / "still.png") as still:
        assert frame.n_frames == 1
        assert np.array_equal(np.asarray(frame.convert("RGB")), np.asarray(still.convert("RGB")))


def test_closing_the_window_closes_its_animation_dialog(main_window):
    dialog = open_dialog(main_window)
    main_window.close()
    assert not dialog.isVisible()
