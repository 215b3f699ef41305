"""The CSV import dialog as a user meets it: typing a path, Enter, a bad cell, a huge file,
Cancel, and a shipped example imported into the real window end to end."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nnviz.app.docmodel import DocumentModel
from nnviz.app.panels import CsvImportDialog
from nnviz.app.panels.csv_dialog import example_files
from nnviz.app.panels.csv_reading import CsvRead
from nnviz.core import limits
from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import new_document


@pytest.fixture
def model():
    model = DocumentModel(new_document())
    yield model
    model.undo_stack.clear()  # before the model goes (see test_panels)


def _dialog(qtbot, model) -> CsvImportDialog:
    dialog = CsvImportDialog(model)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _read(qtbot, dialog: CsvImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.reading, timeout=20000)


def _errors(dialog: CsvImportDialog) -> list[str]:
    return [dialog.errors.item(i).text() for i in range(dialog.errors.count())]


def _write(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_enter_in_the_path_field_previews_and_never_imports(qtbot, model, tmp_path):
    path = _write(tmp_path / "good.csv", ["a,b,label"] + [f"{i},{i % 5},{i % 2}"
                                                          for i in range(30)])
    dialog = _dialog(qtbot, model)
    dialog.path.setFocus()
    qtbot.keyClicks(dialog.path, path)
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)
    _read(qtbot, dialog)
    assert dialog.preview.rowCount() == 30 and dialog.ok_button.isEnabled()
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)  # again, now that Import could run
    QTest.keyClick(dialog.path, Qt.Key.Key_Enter)
    _read(qtbot, dialog)
    assert dialog.isVisible() and dialog.preview.rowCount() == 30
    assert model.document.dataset == DatasetSpec("circle")  # nothing imported
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # Import does
    assert isinstance(model.document.dataset, Dataset) and not dialog.isVisible()


def _iris_with_abc(tmp_path) -> str:
    rng = np.random.default_rng(3)
    lines = ["sepal_len,petal_wid,species"] + [
        f"{rng.uniform(4, 8):.1f},{rng.uniform(0.1, 2.5):.2f},{['setosa', 'virginica'][i % 2]}"
        for i in range(40)]
    lines[8] = "5.1,abc,setosa"  # file line 9
    return _write(tmp_path / "iris.csv", lines)


def test_one_bad_cell_is_named_and_categories_are_only_an_explicit_choice(qtbot, model, tmp_path):
    dialog = _dialog(qtbot, model)
    dialog.load_file(_iris_with_abc(tmp_path))
    _read(qtbot, dialog)
    assert _errors(dialog) == ["row 9, column 'petal_wid': not a number (value 'abc')"]
    assert not dialog.ok_button.isEnabled()
    assert "“One-of-k (nominal)” to use every value as a category" in dialog.status.text()
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert model.document.dataset == DatasetSpec("circle")
    dialog.columns.set_column("petal_wid", "feature", "onehot")  # the user's choice
    assert dialog.ok_button.isEnabled() and _errors(dialog) == []
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    data = model.document.dataset
    assert "petal_wid=abc" in data.feature_names and len(data.feature_names) > 30


def test_half_a_million_rows_are_refused_with_the_limit_while_the_dialog_answers(
        qtbot, model, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w") as fh:
        fh.write("a,b,y\n")
        fh.writelines(f"{i},{i % 7},{i % 2}\n" for i in range(500_000))
    dialog = _dialog(qtbot, model)
    reads: list[CsvRead] = []
    dialog.load_file(str(path))
    reads.append(dialog.reader)
    assert dialog.reading and not dialog.ok_button.isEnabled()  # load_file did not wait
    results = []
    reads[0].done.connect(results.append)
    _read(qtbot, dialog)
    assert _errors(dialog) == ["the file has 500,001 lines; nnviz imports at most 100,000 rows"]
    assert results and results[0].read == 0  # refused before parsing a row
    assert dialog.table is None and not dialog.ok_button.isEnabled()


def test_a_file_over_the_size_limit_is_refused_with_its_size(qtbot, model, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(100 * 2**20)
    dialog = _dialog(qtbot, model)
    dialog.load_file(str(path))
    _read(qtbot, dialog)
    assert _errors(dialog) == [f"cannot read {path}: the file is 100 MB; nnviz imports CSV "
                               f"files of at most {limits.mb(limits.MAX_CSV_BYTES)}"]
    assert dialog.status.text() == "huge.csv cannot be imported:"


def test_cancel_stops_a_read_and_keeps_the_document(qtbot, model, tmp_path, monkeypatch):
    path = _write(tmp_path / "rows.csv", ["a,y"] + [f"{i},{i % 2}" for i in range(50_000)])
    first_report = threading.Event()
    clicked = threading.Event()
    original = CsvRead._progress

    def held(self, done, total):  # the read waits at its first report until Cancel is clicked
        answer = original(self, done, total)
        if not first_report.is_set():
            first_report.set()
            clicked.wait(10)
        return answer and not self._cancel.is_set()

    monkeypatch.setattr(CsvRead, "_progress", held)
    monkeypatch.setattr("nnviz.app.panels.csv_dialog.PROGRESS_DELAY_MS", 0)
    dialog = _dialog(qtbot, model)
    dialog.progress_timer.setInterval(0)
    dialog.load_file(path)
    reader = dialog.reader
    results = []
    reader.done.connect(results.append)
    qtbot.waitUntil(lambda: first_report.is_set() and dialog.cancel_read.isVisible())
    qtbot.mouseClick(dialog.cancel_read, Qt.MouseButton.LeftButton)
    clicked.set()
    assert not dialog.reading and reader.isFinished()
    assert dialog.status.text().startswith("Reading cancelled")
    assert dialog.table is None and dialog.preview.rowCount() == 0
    assert model.document.dataset == DatasetSpec("circle")


def test_closing_the_dialog_while_reading_leaves_no_thread(qtbot, model, tmp_path):
    path = _write(tmp_path / "rows.csv", ["a,y"] + [f"{i},{i % 2}" for i in range(50_000)])
    dialog = _dialog(qtbot, model)
    dialog.load_file(path)
    reader = dialog.reader
    dialog.reject()
    assert reader.isFinished() and not dialog.reading


def test_a_failed_autosave_says_so_in_the_status_bar(qtbot, main_window, tmp_path):
    recovery = main_window.recovery
    recovery.document_path = tmp_path / "gone" / "session.nnviz"  # its folder was removed
    main_window.dataset_panel.choose("spiral")  # unsaved work to protect
    assert recovery.write_now() is False
    message = main_window.statusBar().currentMessage()
    assert message.startswith("Crash recovery could not write your unsaved work (")
    assert message.endswith("save it yourself with Ctrl+S")


def test_levels_editors_are_made_only_for_thermometer_columns(qtbot, model, tmp_path):
    header = ",".join(f"c{j}" for j in range(300)) + ",y"
    rows = [",".join(str((i * j) % 5) for j in range(300)) + f",{i % 2}" for i in range(12)]
    dialog = _dialog(qtbot, model)
    dialog.load_file(_write(tmp_path / "wide.csv", [header] + rows))
    _read(qtbot, dialog)
    table = dialog.columns
    assert table.rowCount() == 301
    assert all(table.cellWidget(i, 3) is None for i in range(table.rowCount()))
    table.set_column("c7", "feature", "thermometer")
    levels = table._levels(7)
    assert levels.isVisible() and levels.text() == "0, 1, 2, 3, 4"
    assert table.cellWidget(8, 3) is None


def test_the_shipped_regression_example_imports_and_shows_in_the_window(qtbot, main_window):
    housing = next(p for p in example_files() if p.name == "housing_toy.csv")
    dialog = main_window.dataset_panel.open_import_dialog()
    dialog.load_file(str(housing))
    _read(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), _errors(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    data = main_window.model.document.dataset
    assert isinstance(data, Dataset) and data.task == "regression" and data.n == 50
    assert "Imported “housing_toy”" in main_window.dataset_panel.summary.text()
    controller = main_window.controller
    controller.step("epoch")
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.epoch > 0,
                    timeout=10000)
    # More than two inputs: no map over two of them, the test houses in a gallery, each
    # with its predicted and true price, the largest errors first.
    plot = main_window.decision_plot
    assert plot.isVisible() and plot.gallery_shown
    gallery = plot.gallery
    qtbot.waitUntil(lambda: gallery.outputs is not None)
    assert len(gallery.ranking) == len(data.test) > 0
    assert gallery.tile_label(0).startswith("ŷ ") and " · y " in gallery.tile_label(0)
    errors = gallery.ranking.confidence
    assert (np.diff(errors) <= 1e-9 + 0.05).all()  # largest first, to the order's step


def test_regression_data_on_a_cross_entropy_network_gets_the_squared_error(qtbot, model):
    from nnviz.app.panels.adapt import adapt_commands
    from nnviz.core.docdata import fit_problems
    from nnviz.core.examples import build_examples

    doc = build_examples()["xnor"]
    assert doc.settings.loss == "bce"
    housing = next(p for p in example_files() if p.name == "housing_toy.csv")
    dialog = CsvImportDialog(DocumentModel(doc))
    qtbot.addWidget(dialog)
    dialog.load_file(str(housing))
    _read(qtbot, dialog)
    for command in adapt_commands(doc.network, dialog.dataset, doc.settings):
        command.apply(doc)
    assert doc.settings.loss == "squared"  # a price's cross-entropy would be negative
    assert fit_problems(doc.network, dialog.dataset, doc.settings) == []
    dialog.model.undo_stack.clear()
