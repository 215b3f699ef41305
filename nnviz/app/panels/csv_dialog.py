"""Import a CSV file as the document's dataset.

The file is read on its own thread (``CsvRead``) with a progress bar and Cancel, so
the window never waits on a large file; Enter in the path field reads it into the
preview, it never imports. The dialog then re-runs the core import after every
choice, so what it shows is what Import will do: a summary when the table encodes
cleanly, otherwise every refused cell by file row and column (click one to find it
in the preview), with Import disabled until nothing is left. Accepting pushes
``SetAttribute("dataset", Dataset)`` (and, if asked, the edits that make the network
fit) as one undo step.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
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
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.core_terms import core_title
from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import translate
from nnviz.app.panels.adapt import adapt_commands, mismatches
from nnviz.app.panels.csv_columns import ENCODINGS, ColumnTable
from nnviz.app.panels.csv_preview import PREVIEW_ROWS, PreviewTable
from nnviz.app.panels.csv_reading import CsvRead, ReadResult
from nnviz.app.panels.widgets import MessageLabel
from nnviz.core.commands import Batch, SetAttribute
from nnviz.core.csvdata import NUMERIC_ENCODINGS, CsvError, CsvTable, import_csv
from nnviz.core.data import DataError, Dataset

#: A read that ends sooner shows no progress bar (it would only flash).
PROGRESS_DELAY_MS = 300


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
        self.reader: CsvRead | None = None
        self.setWindowTitle(translate("panels.csv_dialog", "Import CSV data"))
        self.resize(780, 700)

        self.path = QLineEdit()
        self.path.setPlaceholderText(translate("panels.csv_dialog",
                                               "A .csv file: first line names the columns"))
        self.path.setToolTip(translate("panels.csv_dialog",
                                       "Path of the CSV file (press Enter to preview it)"))
        self.path.installEventFilter(self)  # Enter previews the file; it never imports
        browse = QPushButton(translate("panels.csv_dialog", "Browse…"))
        browse.setToolTip(translate("panels.csv_dialog", "Choose a CSV file"))
        browse.clicked.connect(self._browse)
        self.examples = QComboBox()
        self.examples.addItem(translate("panels.csv_dialog", "Example data…"), None)
        for p in example_files():
            self.examples.addItem(p.name, str(p))
        self.examples.setToolTip(translate("panels.csv_dialog", "Small tables shipped with nnviz"))
        self.examples.activated.connect(
            lambda _i: self.examples.currentData() and self.load_file(self.examples.currentData()))
        source = QHBoxLayout()
        source.addWidget(self.path, 1)
        source.addWidget(browse)
        source.addWidget(self.examples)

        self.columns = ColumnTable()
        self.columns.changed.connect(self.reimport)
        self.preview = PreviewTable()
        self.preview.setToolTip(translate(
            "panels.csv_dialog", "The first {rows} rows; row numbers are file lines").format(
            rows=PREVIEW_ROWS))
        self.ratio = QSpinBox()
        self.ratio.setRange(10, 90)
        self.ratio.setValue(80)
        self.ratio.setSuffix(translate("panels.csv_dialog", " % train"))
        self.ratio.setToolTip(translate(
                "panels.csv_dialog", "Share of the rows used for training; the rest are held out "
                "for testing (statistics come from the training rows)"))
        self.ratio.valueChanged.connect(lambda _v: self.reimport())

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat(translate("panels.csv_dialog", "Reading… %p %"))
        self.progress.setToolTip(translate("panels.csv_dialog",
                                           "How much of the file has been read"))
        self.cancel_read = QPushButton(translate("panels.csv_dialog", "Cancel reading"))
        self.cancel_read.setToolTip(translate("panels.csv_dialog",
                                              "Stop reading this file (nothing is imported)"))
        self.cancel_read.setAutoDefault(False)
        self.cancel_read.clicked.connect(self.stop_reading)
        self.reading_row = QWidget()
        reading_layout = QHBoxLayout(self.reading_row)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.progress, 1)
        reading_layout.addWidget(self.cancel_read)
        self.reading_row.hide()
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setInterval(PROGRESS_DELAY_MS)
        self.progress_timer.timeout.connect(lambda: self.reading_row.setVisible(self.reading))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.errors = QListWidget()
        self.errors.setToolTip(translate(
                "panels.csv_dialog", "Every value the import refuses; click one to find it"))
        self.errors.currentItemChanged.connect(self._show_error_cell)
        self.errors.setMaximumHeight(130)
        self.warning = MessageLabel()
        self.adapt = QCheckBox(translate(
                "panels.csv_dialog", "Adapt the network to this data (outputs, inputs, softmax)"))
        self.adapt.setChecked(True)
        self.adapt.setToolTip(translate(
                "panels.csv_dialog", "Also add or remove output and input neurons so that the "
                "network fits; undone together with the import"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setText(translate("panels.csv_dialog", "Import"))
        self.ok_button.setToolTip(translate("panels.csv_dialog",
                                            "Use this data in the document (Ctrl+Z undoes it)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        columns_box = QGroupBox(translate("panels.csv_dialog", "Columns"))
        QVBoxLayout(columns_box).addWidget(self.columns)
        preview_box = QGroupBox(translate("panels.csv_dialog", "Preview"))
        QVBoxLayout(preview_box).addWidget(self.preview)
        split = QHBoxLayout()
        split.addWidget(QLabel(translate("panels.csv_dialog", "Training share")))
        split.addWidget(self.ratio)
        split.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.reading_row)
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
        path, _ = QFileDialog.getOpenFileName(self, translate("panels.csv_dialog", "Import CSV"),
                                              self.path.text(),
                                              translate(
                                                      "panels.csv_dialog", "CSV files (*.csv *.tsv "
                                                      "*.txt);;All files (*)"))
        if path:
            self.load_file(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.path and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            # Consumed here: passed on, the dialog would press its default button, Import.
            self.load_file(self.path.text())
            return True
        return super().eventFilter(watched, event)

    @property
    def reading(self) -> bool:
        """True while a file is being read (Import stays disabled)."""
        return self.reader is not None

    def load_file(self, path: str) -> None:
        """Start reading a file into the preview; the result arrives in ``_on_read``."""
        self.stop_reading()
        self.path.setText(str(path))
        self.table = None
        self.columns.set_table(None)
        self._fill_preview()
        self.reader = CsvRead(str(path), self, self.ratio.value() / 100)
        self.reader.progressed.connect(self._on_progress)
        self.reader.done.connect(self._on_read)
        self.progress.setValue(0)
        self.progress.setFormat(translate("panels.csv_dialog", "Reading… %p %"))
        self._show_result()
        self.reader.start()
        self.progress_timer.start()

    def stop_reading(self) -> None:
        """Cancel the read under way, if any, and forget it (its result is ignored)."""
        reader, self.reader = self.reader, None
        self.progress_timer.stop()
        self.reading_row.hide()
        if reader is not None:
            reader.done.disconnect(self._on_read)
            reader.cancel()
            reader.wait()  # stops at its next progress report: a few thousand lines
            reader.deleteLater()
            self._show_result(cancelled=True)

    def _on_progress(self, done: int, total: int) -> None:
        if self.reader is not None and self.sender() is self.reader and total > 0:
            self.progress.setValue(min(1000, done * 1000 // total))
            if done >= total:  # what is left: suggesting roles, which parses each column
                self.progress.setFormat(translate("panels.csv_dialog",
                                                  "Read; checking the columns…"))

    def _on_read(self, result: ReadResult) -> None:
        if self.reader is None or self.sender() is not self.reader:
            return  # a read that was replaced or cancelled
        self.reader.wait()
        self.reader.deleteLater()
        self.reader = None
        self.progress_timer.stop()
        self.reading_row.hide()
        self.table = result.table
        self.columns.set_table(result.table, (result.roles, result.encodings))
        self._fill_preview()
        if result.table is None:
            self._show_result(errors=result.errors, cancelled=result.cancelled)
        elif (result.encoded and result.train_ratio == self.ratio.value() / 100
              and self.columns.roles() == result.roles
              and self.columns.encodings() == {c: e for c, e in result.encodings.items()
                                               if result.roles[c] != "ignore"}):
            # Encoded on the reading thread with exactly these choices: 100,000 rows cost
            # the GUI thread a few tenths of a second here otherwise.
            self.dataset = result.dataset
            self._show_result(errors=result.import_errors or None)
        else:
            self.reimport()

    def done(self, r: int) -> None:
        self.stop_reading()  # a thread must not outlive its dialog
        super().done(r)

    def _fill_preview(self) -> None:
        self.preview.set_table(self.table)

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

    def _show_result(self, errors: list | None = None, cancelled: bool = False) -> None:
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
            names = ", ".join(d.feature_names[:6]) + ("…" if d.x.shape[1] > 6 else "")
            self.status.setText(translate(
                "panels.csv_dialog", "Ready: {rows} rows → {inputs} input column(s) ({names}), "
                "{targets} target column(s), task {task}; {train} train / {test} test.").format(
                rows=d.n, inputs=d.x.shape[1], names=names, targets=d.y.shape[1],
                task=core_title(d.task), train=len(d.train), test=len(d.test)))
        elif errors and self.table is None:  # the file itself was refused
            self.status.setStyleSheet("color: #b3261e;")
            self.status.setText(translate("panels.csv_dialog", "{name} cannot be imported:").format(
                name=Path(self.path.text()).name))
        elif errors:
            n = len(errors)
            self.status.setStyleSheet("color: #b3261e;")
            text = (translate("panels.csv_dialog", "{n} problem: fix the file or change the "
                              "column choices above.") if n == 1 else
                    translate("panels.csv_dialog", "{n} problems: fix the file or change the "
                              "column choices above."))
            self.status.setText(text.format(n=n) + self._categories_hint(errors))
        elif self.reading:
            self.status.setStyleSheet("")
            self.status.setText(translate("panels.csv_dialog", "Reading {name}…").format(
                name=Path(self.path.text()).name))
        elif cancelled:
            self.status.setStyleSheet("")
            self.status.setText(translate(
                    "panels.csv_dialog", "Reading cancelled; nothing was imported. Choose a file."))
        else:
            self.status.setStyleSheet("")
            self.status.setText(translate("panels.csv_dialog",
                                          "Choose a file, or try one of the examples."))
        if found:
            self.warning.show_error("<br>".join(f"• {m}" for m in found))
        else:
            self.warning.clear()
        self.adapt.setVisible(bool(found))
        self.ok_button.setEnabled(self.dataset is not None)

    def _categories_hint(self, errors: list) -> str:
        """How to use a number column's values as categories, when that is what went wrong."""
        encodings = self.columns.encodings()
        columns = list(dict.fromkeys(
            c for _, c, m in errors
            if m.startswith("not a number") and encodings.get(c) in NUMERIC_ENCODINGS))
        if not columns:
            return ""
        bad = sum(1 for _, c, m in errors if c == columns[0] and m.startswith("not a number"))
        choice = translate("panels.csv_columns", ENCODINGS["feature"]["onehot"])
        target = self.columns.roles().get(columns[0]) == "target"
        if target:
            choice = translate("panels.csv_columns", ENCODINGS["target"]["onehot"])
        text = (translate("panels.csv_dialog", " Column {column} holds numbers except for {n} "
                          "cell: correct it in the file, or choose the encoding “{choice}” to "
                          "use every value as a category.") if bad == 1 else
                translate("panels.csv_dialog", " Column {column} holds numbers except for {n} "
                          "cells: correct them in the file, or choose the encoding “{choice}” to "
                          "use every value as a category."))
        return text.format(column=repr(columns[0]), n=bad, choice=choice)

    def _show_error_cell(self, item: QListWidgetItem | None) -> None:
        if item is None or self.table is None:
            return
        row, column = item.data(Qt.ItemDataRole.UserRole)
        if row in self.table.lines[:PREVIEW_ROWS]:
            i = self.table.lines.index(row)
            j = self.table.header.index(column) if column in self.table.header else 0
            self.preview.show_cell(i, j)

    # ----------------------------------------------------------- accepting
    def accept(self) -> None:
        if self.dataset is None:
            return  # Import is disabled then; Enter must not slip through either
        doc, data = self.model.document, self.dataset
        text = translate("panels.csv_dialog", "Import {name}").format(
            name=Path(self.path.text()).name or translate("panels.csv_dialog", "CSV data"))
        commands = [SetAttribute("dataset", data, text)]
        if not self.adapt.isHidden() and self.adapt.isChecked():
            commands += adapt_commands(doc.network, data, doc.settings)
        command = commands[0] if len(commands) == 1 else Batch(list(commands), text)
        if self.model.push(command):
            self.imported.emit(data)
            super().accept()
