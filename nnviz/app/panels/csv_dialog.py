"""Import a CSV file as the document's dataset.

The dialog re-runs the core import after every choice, so what it shows is what
Import will do: a summary when the table encodes cleanly, otherwise every refused
cell by file row and column (click one to find it in the preview), with Import
disabled until nothing is left. Accepting pushes ``SetAttribute("dataset", Dataset)``
(and, if asked, the edits that make the network fit) as one undo step.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.docmodel import DocumentModel
from nnviz.app.panels.adapt import adapt_commands, mismatches
from nnviz.app.panels.csv_columns import ColumnTable
from nnviz.app.panels.widgets import MessageLabel
from nnviz.core.commands import Batch, SetAttribute
from nnviz.core.csvdata import CsvError, CsvTable, import_csv, read_csv
from nnviz.core.data import DataError, Dataset

PREVIEW_ROWS = 50


def problem_text(row: int | None, column: str | None, message: str) -> str:
    """"row 3, column 'x1': not a number", the way CsvError words each problem."""
    where = ", ".join(([f"row {row}"] if row is not None else [])
                      + ([f"column {column!r}"] if column else []))
    return f"{where}: {message}" if where else message


def example_files() -> list[Path]:
    """The small CSV files shipped with nnviz, for trying the import without a file."""
    try:
        folder = resources.files("nnviz.resources") / "data"
        return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".csv"))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return []


class CsvImportDialog(QDialog):
    imported = Signal(object)  # the Dataset, after it was pushed on the document

    def __init__(self, model: DocumentModel, parent: QWidget | None = None,
                 path: str | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table: CsvTable | None = None
        self.dataset: Dataset | None = None
        self.setWindowTitle("Import CSV data")
        self.resize(780, 700)

        self.path = QLineEdit()
        self.path.setPlaceholderText("A .csv file: first line names the columns")
        self.path.setToolTip("Path of the CSV file (press Enter to load it)")
        self.path.returnPressed.connect(lambda: self.load_file(self.path.text()))
        browse = QPushButton("Browse…")
        browse.setToolTip("Choose a CSV file")
        browse.clicked.connect(self._browse)
        self.examples = QComboBox()
        self.examples.addItem("Example data…", None)
        for p in example_files():
            self.examples.addItem(p.name, str(p))
        self.examples.setToolTip("Small tables shipped with nnviz")
        self.examples.activated.connect(
            lambda _i: self.examples.currentData() and self.load_file(self.examples.currentData()))
        source = QHBoxLayout()
        source.addWidget(self.path, 1)
        source.addWidget(browse)
        source.addWidget(self.examples)

        self.columns = ColumnTable()
        self.columns.changed.connect(self.reimport)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setToolTip(f"The first {PREVIEW_ROWS} rows; row numbers are file lines")
        self.preview.verticalHeader().setDefaultSectionSize(
            self.preview.fontMetrics().height() + 8)
        self.preview.horizontalHeader().setMinimumSectionSize(70)
        self.ratio = QSpinBox()
        self.ratio.setRange(10, 90)
        self.ratio.setValue(80)
        self.ratio.setSuffix(" % train")
        self.ratio.setToolTip("Share of the rows used for training; the rest are held out "
                              "for testing (statistics come from the training rows)")
        self.ratio.valueChanged.connect(lambda _v: self.reimport())

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.errors = QListWidget()
        self.errors.setToolTip("Every value the import refuses; click one to find it")
        self.errors.currentItemChanged.connect(self._show_error_cell)
        self.errors.setMaximumHeight(130)
        self.warning = MessageLabel()
        self.adapt = QCheckBox("Adapt the network to this data (outputs, inputs, softmax)")
        self.adapt.setChecked(True)
        self.adapt.setToolTip("Also add or remove output and input neurons so that the network "
                              "fits; undone together with the import")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setText("Import")
        self.ok_button.setToolTip("Use this data in the document (Ctrl+Z undoes it)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        columns_box = QGroupBox("Columns")
        QVBoxLayout(columns_box).addWidget(self.columns)
        preview_box = QGroupBox("Preview")
        QVBoxLayout(preview_box).addWidget(self.preview)
        split = QHBoxLayout()
        split.addWidget(QLabel("Training share"))
        split.addWidget(self.ratio)
        split.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(columns_box, 2)
        layout.addWidget(preview_box, 3)
        layout.addLayout(split)
        for w in (self.status, self.errors, self.warning, self.adapt):
            layout.addWidget(w)
        layout.addWidget(self.buttons)
        self._show_result()
        if path:
            self.load_file(path)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # ------------------------------------------------------------ loading
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import CSV", self.path.text(),
                                              "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        """Read a file into the dialog; False (with the reasons listed) if it is unreadable."""
        self.path.setText(str(path))
        try:
            self.table = read_csv(Path(path))
        except CsvError as exc:
            self.table = None
            self.columns.set_table(None)
            self._fill_preview()
            self._show_result(errors=exc.errors)
            return False
        except DataError as exc:  # the file itself: missing, unreadable, not UTF-8
            self.table = None
            self.columns.set_table(None)
            self._fill_preview()
            self._show_result(errors=[(None, None, str(exc))])
            return False
        self.columns.set_table(self.table)
        self._fill_preview()
        self.reimport()
        return True

    def _fill_preview(self) -> None:
        table = self.table
        self.preview.clear()
        rows = table.rows[:PREVIEW_ROWS] if table else []
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(len(table.header) if table else 0)
        if table is None:
            return
        self.preview.setHorizontalHeaderLabels(table.header)
        self.preview.setVerticalHeaderLabels([str(n) for n in table.lines[:PREVIEW_ROWS]])
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                self.preview.setItem(i, j, QTableWidgetItem(cell))
        self.preview.resizeColumnsToContents()

    # ---------------------------------------------------------- importing
    def reimport(self) -> None:
        """Encode the table with the current choices; list what is refused."""
        if self.table is None:
            return
        try:
            self.dataset = import_csv(self.table, self.columns.roles(), self.columns.encodings(),
                                      self.columns.levels(), self.ratio.value() / 100)
        except CsvError as exc:
            self._show_result(errors=exc.errors)
        except DataError as exc:
            self._show_result(errors=[(None, None, str(exc))])
        else:
            self._show_result()

    def _show_result(self, errors: list | None = None) -> None:
        self.errors.clear()
        if errors is not None or self.table is None:
            self.dataset = None
        for row, column, message in errors or []:
            item = QListWidgetItem(problem_text(row, column, message))
            item.setData(Qt.ItemDataRole.UserRole, (row, column))
            self.errors.addItem(item)
        self.errors.setVisible(bool(errors))
        found = mismatches(self.model.network, self.dataset) if self.dataset else []
        if self.dataset is not None:
            d = self.dataset
            self.status.setStyleSheet("")
            self.status.setText(
                f"Ready: {d.n} rows → {d.x.shape[1]} input column(s) "
                f"({', '.join(d.feature_names[:6])}{'…' if d.x.shape[1] > 6 else ''}), "
                f"{d.y.shape[1]} target column(s), task {d.task}; "
                f"{len(d.train)} train / {len(d.test)} test.")
        elif errors:
            n = len(errors)
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(f"{n} problem{'s' * (n != 1)}: fix the file or change the "
                                "column choices above.")
        else:
            self.status.setStyleSheet("")
            self.status.setText("Choose a file, or try one of the examples.")
        if found:
            self.warning.show_error("<br>".join(f"• {m}" for m in found))
        else:
            self.warning.clear()
        self.adapt.setVisible(bool(found))
        self.ok_button.setEnabled(self.dataset is not None)

    def _show_error_cell(self, item: QListWidgetItem | None) -> None:
        if item is None or self.table is None:
            return
        row, column = item.data(Qt.ItemDataRole.UserRole)
        if row in self.table.lines[:PREVIEW_ROWS]:
            i = self.table.lines.index(row)
            j = self.table.header.index(column) if column in self.table.header else 0
            self.preview.setCurrentCell(i, j)
            self.preview.scrollToItem(self.preview.item(i, j))

    # ----------------------------------------------------------- accepting
    def accept(self) -> None:
        if self.dataset is None:
            return  # Import is disabled then; Enter must not slip through either
        doc, data = self.model.document, self.dataset
        text = f"Import {Path(self.path.text()).name or 'CSV data'}"
        commands = [SetAttribute("dataset", data, text)]
        if not self.adapt.isHidden() and self.adapt.isChecked():
            commands += adapt_commands(doc.network, data, doc.settings)
        command = commands[0] if len(commands) == 1 else Batch(list(commands), text)
        if self.model.push(command):
            self.imported.emit(data)
            super().accept()
