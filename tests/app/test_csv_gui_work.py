"""What the CSV import dialog does on the GUI thread: the first encoding of a file happens on
its reading thread; a choice made afterwards re-encodes once; a 1,000-column preview asks
its model only for the cells it shows."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from nnviz.app.docmodel import DocumentModel
from nnviz.app.panels import CsvImportDialog, csv_dialog, csv_reading
from nnviz.app.panels.csv_columns import VISIBLE_ROWS
from nnviz.app.panels.csv_preview import PREVIEW_ROWS, SIZED_COLUMNS
from nnviz.core.csvdata import suggest_roles
from nnviz.core.document import new_document


@pytest.fixture
def model():
    model = DocumentModel(new_document())
    yield model
    model.undo_stack.clear()


@pytest.fixture
def encodes(monkeypatch):
    """Every import_csv call by the dialog or its reader, with the thread it ran on."""
    calls: list[threading.Thread] = []
    for module in (csv_dialog, csv_reading):
        real = module.import_csv

        def counted(*a, _real=real, **k):
            calls.append(threading.current_thread())
            return _real(*a, **k)
        monkeypatch.setattr(module, "import_csv", counted)
    return calls


def open_dialog(qtbot, model, path) -> CsvImportDialog:
    dialog = CsvImportDialog(model)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.load_file(str(path))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=20000)
    return dialog


def test_the_first_encoding_runs_on_the_reading_thread(qtbot, model, tmp_path, encodes):
    path = tmp_path / "points.csv"
    path.write_text("a,b,label\n" + "".join(f"{i * 0.1},{i % 7},{i % 2}\n" for i in range(3000)))
    dialog = open_dialog(qtbot, model, path)
    assert dialog.ok_button.isEnabled()
    assert dialog.status.text().startswith("Ready: 3000 rows")
    assert len(encodes) == 1 and encodes[0] is not threading.main_thread()
    dialog.columns.set_column("b", "ignore")  # a choice: encoded again, now on the GUI thread
    assert len(encodes) == 2 and dialog.status.text().startswith("Ready: 3000 rows → 1 input")


def test_a_training_share_changed_while_reading_is_what_gets_imported(qtbot, model, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("a,label\n" + "".join(f"{i},{i % 2}\n" for i in range(100)))
    dialog = CsvImportDialog(model)
    qtbot.addWidget(dialog)
    dialog.load_file(str(path))
    dialog.ratio.setValue(50)  # the reader started with 80 %
    qtbot.waitUntil(lambda: not dialog.reading, timeout=20000)
    assert "50 train / 50 test" in dialog.status.text()


def test_bad_cells_found_by_the_reading_thread_are_listed(qtbot, model, tmp_path, encodes):
    path = tmp_path / "bad.csv"
    path.write_text("a,label\n" + "".join(f"{i},{i % 2}\n" for i in range(40)) + "abc,1\n")
    dialog = open_dialog(qtbot, model, path)
    assert encodes and all(t is not threading.main_thread() for t in encodes)
    assert not dialog.ok_button.isEnabled()
    assert any("row 42, column 'a': not a number" in dialog.errors.item(i).text()
               for i in range(dialog.errors.count()))


def test_a_thousand_column_preview_asks_only_for_the_cells_it_shows(qtbot, model, tmp_path):
    header = ",".join(f"c{j}" for j in range(999)) + ",y"
    rows = [",".join(f"{(i * j) % 97 / 10:.1f}" for j in range(999)) + f",{i % 2}"
            for i in range(60)]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join([header] + rows) + "\n")
    dialog = open_dialog(qtbot, model, path)
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.preview.calls > 0)  # painted at least once
    assert preview.columnCount() == 1000 and preview.rowCount() == PREVIEW_ROWS
    # The columns sized from their text, then what one screen of the view paints: far
    # below the 50,000 cells of the preview.
    assert preview.preview.calls <= (SIZED_COLUMNS + 100) * PREVIEW_ROWS
    assert preview.model().index(3, 998).data() == f"{(3 * 998) % 97 / 10:.1f}"
    assert preview.model().headerData(3, Qt.Orientation.Vertical) == "5"  # its file line


def test_a_thousand_columns_get_combo_boxes_only_as_their_rows_come_into_view(
        qtbot, model, tmp_path):
    header = ",".join(f"c{j}" for j in range(999)) + ",y"
    rows = [",".join(f"{(i * j) % 97 / 10:.1f}" for j in range(999)) + f",{i % 2}"
            for i in range(30)]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join([header] + rows) + "\n")
    dialog = open_dialog(qtbot, model, path)
    table = dialog.columns
    combos = lambda: len(table.findChildren(QComboBox))  # noqa: E731
    assert table.rowCount() == 1000
    assert combos() <= 2 * (VISIBLE_ROWS + 10)  # two per row on screen, not 2,000
    # Every column's choice is there all the same, and what Import uses.
    roles, encodings = suggest_roles(dialog.table)
    assert table.roles() == roles
    assert table.encodings() == {c: e for c, e in encodings.items() if roles[c] != "ignore"}
    features = sum(r == "feature" for r in roles.values())
    assert dialog.ok_button.isEnabled()
    assert f"{features} input column(s)" in dialog.status.text()
    before = combos()
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.cellWidget(999, 1) is not None)
    assert combos() - before <= 2 * (VISIBLE_ROWS + 10)
    assert table.cellWidget(999, 1).currentData() == "target"
    assert roles["c500"] == "feature"
    table.set_column("c500", "ignore")  # a row never shown: its widgets made to choose
    assert table.roles()["c500"] == "ignore"
    assert f"{features - 1} input column(s)" in dialog.status.text()
