"""Tools → Make Exercise Sheet…: the options of ``nnviz exercise`` in a dialog.

Pages are drawn on the GUI thread (a QPainter on a QPdfWriter is not for other
threads here, and a page takes milliseconds); between pages the progress bar moves
and events are processed, so Cancel works. A cancelled run writes nothing: every
file is written only once all of them are drawn.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from nnviz.app.i18n import translate
from nnviz.core.exercise import (
    ACTIVATIONS,
    CELLS,
    DEFAULT_CELLS,
    LOSSES,
    MAX_COUNT,
    MIN_DIGITS,
    ExerciseError,
    make_variant,
    spec_from_options,
)
from nnviz.core.trace import CONVENTIONS

LOSS_TEXT = {"half_se": "½ (y − ŷ)²", "se": "(y − ŷ)²", "bce": "−y log ŷ − (1 − y) log(1 − ŷ)"}
CELL_TEXT = {"z": "z", "a": "a", "g_prime": "g'(z)", "delta": "δ", "dL_dw": "∂L/∂w",
             "delta_w": "Δw", "w_new": "new w"}


def outputs(sheet: str) -> tuple[str, str]:
    """The key and the documents folder that go with a sheet: beside it, named after it."""
    stem = sheet[:-4] if sheet.lower().endswith(".pdf") else sheet
    return stem + "-key.pdf", stem + "-documents"


class ExerciseDialog(QDialog):
    def __init__(self, parent=None, convention: str = "dl_dz", folder: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("export.sheet_dialog", "Make exercise sheet"))
        self.running = False
        self.cancelled = False
        self.written: list[str] = []
        self.shape = QLineEdit("2-2-1")
        self.activation, self.loss, self.convention, self.paper = (
            QComboBox(), QComboBox(), QComboBox(), QComboBox())
        for combo, items in ((self.activation, {a: a for a in ACTIVATIONS}),
                             (self.loss, {k: LOSS_TEXT[k] for k in LOSSES}),
                             (self.convention, CONVENTIONS),
                             (self.paper, {"a4": "A4",
                                           "letter": translate("export.sheet_dialog", "Letter")})):
            for key, text in items.items():
                combo.addItem(text, key)
        self.convention.setCurrentIndex(max(0, self.convention.findData(convention)))
        self.rate = QDoubleSpinBox(minimum=0.01, maximum=10.0, value=0.5, singleStep=0.1,
                                   decimals=2)
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=1)
        self.count = QSpinBox(minimum=1, maximum=MAX_COUNT, value=30)
        self.digits = QSpinBox(minimum=MIN_DIGITS, maximum=8, value=4)
        self.cells = {c: QCheckBox(CELL_TEXT[c]) for c in CELLS}
        cells = QWidget()
        grid = QGridLayout(cells)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.cells.values()):
            grid.addWidget(box, i // 4, i % 4)
        self.convention.currentIndexChanged.connect(self._default_cells)
        self._default_cells()
        folder = folder or QSettings().value("exercise/folder", os.path.expanduser("~"))
        self.path = QLineEdit(os.path.join(str(folder), "exercise-sheet.pdf"))
        browse = QPushButton(translate("export.sheet_dialog", "Browse…"))
        browse.clicked.connect(self._browse)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.key = QCheckBox(translate("export.sheet_dialog", "Answer key (…-key.pdf)"))
        self.key.setChecked(True)
        self.documents = QCheckBox(translate(
            "export.sheet_dialog", "Each variant as .nnviz with an answers template (…-documents)"))
        self.documents.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton(
            translate("export.sheet_dialog", "Make"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.make_button.clicked.connect(self.make)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        form = QFormLayout(self)
        form.addRow(translate("export.sheet_dialog", "Network shape:"), self.shape)
        form.addRow(translate("export.sheet_dialog", "Activation:"), self.activation)
        form.addRow(translate("export.sheet_dialog", "Loss:"), self.loss)
        form.addRow(translate("export.sheet_dialog", "Convention:"), self.convention)
        form.addRow(translate("export.sheet_dialog", "Learning rate η:"), self.rate)
        form.addRow(translate("export.sheet_dialog", "Seed:"), self.seed)
        form.addRow(translate("export.sheet_dialog", "Variants:"), self.count)
        form.addRow(translate("export.sheet_dialog", "Decimals:"), self.digits)
        form.addRow(translate("export.sheet_dialog", "Cells to fill:"), cells)
        form.addRow(translate("export.sheet_dialog", "Paper:"), self.paper)
        form.addRow(translate("export.sheet_dialog", "Sheet:"), where)
        form.addRow("", self.key)
        form.addRow("", self.documents)
        form.addRow(self.progress)
        form.addRow(self.status)
        form.addRow(self.buttons)

    def _default_cells(self) -> None:
        chosen = DEFAULT_CELLS[self.convention.currentData()]
        for name, box in self.cells.items():
            box.setChecked(name in chosen)

    def _browse(self) -> None:
        title = translate("export.sheet_dialog", "Exercise sheet")
        path, _ = QFileDialog.getSaveFileName(self, title, self.path.text(), "PDF (*.pdf)")
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancelled = True
        else:
            self.reject()

    def reject(self) -> None:  # Escape or the window's close button while drawing: cancel
        if self.running:
            self.cancelled = True
            return
        super().reject()

    def _step(self, done: int, total: int) -> bool:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        QCoreApplication.processEvents()
        return not self.cancelled

    def make(self) -> bool:
        """Draw everything, then write; True when the files are on disk."""
        from nnviz.app.export.sheet import sheet_bytes
        from nnviz.core.answers import template
        from nnviz.core.atomicfile import write_atomic
        from nnviz.core.document import save

        sheet = self.path.text().strip()
        if not sheet.lower().endswith(".pdf"):
            sheet += ".pdf"
        if not os.path.isdir(os.path.dirname(os.path.abspath(sheet))):
            self.status.setText(translate(
                "export.sheet_dialog", "Cannot write {path}: no such folder.").format(path=sheet))
            return False
        cells = ",".join(c for c, box in self.cells.items() if box.isChecked())
        if not cells:
            self.status.setText(translate("export.sheet_dialog",
                                          "Choose at least one cell to fill."))
            return False
        try:
            spec = spec_from_options(self.shape.text(), self.activation.currentData(),
                                     self.loss.currentData(), self.convention.currentData(),
                                     self.rate.value(), self.seed.value(), cells,
                                     self.digits.value())
        except ExerciseError as exc:
            self.status.setText(str(exc).replace("--", "", 1))
            return False
        count, with_key = self.count.value(), self.key.isChecked()
        total = count * (3 if with_key else 2)
        self.running, self.cancelled = True, False
        self.make_button.setEnabled(False)
        self.cancel_button.setText(translate("export.sheet_dialog", "Cancel"))
        self.status.setText(translate("export.sheet_dialog", "Drawing…"))
        try:
            variants = []
            for k in range(1, count + 1):
                variants.append(make_variant(spec, k))
                if not self._step(k, total):
                    break
            pages = [None, None]
            if not self.cancelled:
                pages[0] = sheet_bytes(variants, self.paper.currentData(), False,
                                       lambda d, _t: self._step(count + d, total))
            if with_key and not self.cancelled:
                pages[1] = sheet_bytes(variants, self.paper.currentData(), True,
                                       lambda d, _t: self._step(2 * count + d, total))
            if self.cancelled:
                self.progress.setValue(0)
                self.status.setText(translate("export.sheet_dialog",
                                              "Cancelled: nothing was written."))
                return False
            key, folder = outputs(sheet)
            write_atomic(sheet, pages[0])
            self.written = [sheet]
            if with_key:
                write_atomic(key, pages[1])
                self.written.append(key)
            if self.documents.isChecked():
                os.makedirs(folder, exist_ok=True)
                for v in variants:
                    base = os.path.join(folder, f"variant-{v.index:02d}")
                    save(v.document, base + ".nnviz")
                    write_atomic(base + ".csv", template(v.trace, spec.chosen_cells).encode())
                self.written.append(folder)
        except (OSError, ValueError) as exc:
            self.status.setText(translate(
                "export.sheet_dialog", "Could not make the sheet: {error}").format(error=exc))
            return False
        finally:
            self.running = False
            self.make_button.setEnabled(True)
            self.cancel_button.setText(translate("export.sheet_dialog", "Close"))
        QSettings().setValue("exercise/folder", os.path.dirname(os.path.abspath(sheet)))
        files = ", ".join(os.path.basename(p) for p in self.written)
        self.status.setText(translate("export.sheet_dialog", "Wrote {files}.").format(
            files=files))
        parent = self.parent()
        if hasattr(parent, "show_message"):
            parent.show_message(self.status.text())
        return True


def make_exercise_sheet(window) -> ExerciseDialog:
    """Open the dialog over the window."""
    convention = window.model.document.settings.convention
    dialog = ExerciseDialog(window, convention)
    # Modal to the window: closing the window (or a second dialog) while pages are drawn
    # between processed events would pull the parent out from under the loop.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    window._exercise_dialog = dialog  # one at a time, kept alive while open
    return dialog
