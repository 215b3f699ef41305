"""The Playground conventions are two checkboxes in the training panel, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_playground_checkboxes_set_the_documents_settings(qtbot, main_window):
    w = main_window
    w.files.open_example("playground", ask=False)
    form = w.training_panel.settings
    assert not form.carry.isChecked() and form.carry.isEnabled()  # mini-batch
    assert not form.l1_zero.isEnabled()  # no L1 in this example
    qtbot.mouseClick(form.carry, Qt.MouseButton.LeftButton)
    assert w.model.document.settings.carry_partial_batch
    w.model.undo_stack.undo()
    assert not w.model.document.settings.carry_partial_batch and not form.carry.isChecked()
    form.reg.setCurrentIndex(form.reg.findData("l1"))
    form.reg.activated.emit(form.reg.currentIndex())  # as a choice in the menu does
    assert form.l1_zero.isEnabled()
    qtbot.mouseClick(form.l1_zero, Qt.MouseButton.LeftButton)
    assert w.model.document.settings.l1_zero_crossing
