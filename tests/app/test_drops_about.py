"""Drag a file onto the window as a user would; read the About box."""

from __future__ import annotations

import shutil
from importlib import resources

import numpy
import PySide6
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

import nnviz
from nnviz.app.panels.csv_dialog import CsvImportDialog
from nnviz.core.document import load

EXAMPLES = resources.files("nnviz.resources") / "examples"
DATA = resources.files("nnviz.resources") / "data"


def drag_onto(window, *paths) -> tuple[bool, bool]:
    """(accepted on enter, accepted on drop) of a drag of these files onto the canvas."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = window.view.viewport()
    point = target.rect().center()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPoint(point).toPointF(), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_dropped_nnviz_file_opens(qtbot, main_window, tmp_path):
    main_window.start(None)
    mine = tmp_path / "homework.nnviz"
    shutil.copy(EXAMPLES / "spiral.nnviz", mine)
    assert drag_onto(main_window, mine) == (True, True)
    qtbot.waitUntil(lambda: main_window.model.path == str(mine))
    assert main_window.model.document == load(mine)
    assert "homework.nnviz" in main_window.windowTitle()


def test_a_dropped_csv_opens_the_import_dialog_on_it(qtbot, main_window, tmp_path):
    main_window.start(None)
    data = tmp_path / "iris.csv"
    shutil.copy(DATA / "iris_small.csv", data)
    before = main_window.model.document
    assert drag_onto(main_window, data) == (True, True)

    def dialog():
        return main_window.dataset_panel.findChild(CsvImportDialog)

    qtbot.waitUntil(lambda: dialog() is not None and dialog().isVisible())
    assert dialog().path.text() == str(data)
    assert main_window.docks["data"].isVisible()
    assert main_window.model.document == before  # nothing imported before the user says so
    dialog().reject()


def test_other_drops_are_refused_and_change_nothing(qtbot, main_window, tmp_path):
    main_window.start(None)
    before = main_window.model.document
    picture = tmp_path / "photo.jpg"
    picture.write_bytes(b"\xff\xd8")
    two = [tmp_path / "a.nnviz", tmp_path / "b.nnviz"]
    for p in two:
        shutil.copy(EXAMPLES / "xor.nnviz", p)
    assert drag_onto(main_window, picture) == (False, False)
    assert drag_onto(main_window, *two) == (False, False)
    qtbot.wait(10)
    assert main_window.model.document == before


def test_about_names_the_versions_and_the_licence(qtbot, main_window):
    box = main_window.about()
    qtbot.addWidget(box)
    text = box.text()
    for part in (f"nnviz {nnviz.__version__}", PySide6.__version__, numpy.__version__,
                 "MIT licence"):
        assert part in text
    box.close()
