"""Choose the data: built-in sets as Playground-style picture buttons, sampling controls,
CSV import, and a plain-words warning (with a fix) when the network does not fit the data.

Every change replaces the document's DatasetSpec through ``SetAttribute("dataset", …)``,
so it undoes; the controller restarts training on the new data.
"""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.core_terms import core_title
from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels.adapt import adapt_commands, mismatches
from nnviz.app.panels.csv_dialog import CsvImportDialog
from nnviz.app.panels.thumbnails import thumbnail
from nnviz.app.panels.widgets import (
    Guard,
    MergingSetAttribute,
    MessageLabel,
    add_row,
    int_spin,
    new_run,
)
from nnviz.core.commands import Batch, Change, SetAttribute
from nnviz.core.data import DataError, Dataset
from nnviz.core.datasets import BUILTIN_DATASETS, REAL_DATA, DatasetSpec
from nnviz.core.limits import MAX_ROWS

SECTIONS = {
    "Classification": ("circle", "quadrants", "gauss", "spiral"),
    "Regression": ("plane", "multigauss"),
    "Logic gates": ("and", "or", "not", "xor", "xnor"),
    "Several classes": ("blobs", "spiral_arms"),
    "Pictures": ("digits",),
}
SHORT = {"quadrants": QT_TRANSLATE_NOOP("panels.dataset_panel", "Quadrants"),
         "gauss": QT_TRANSLATE_NOOP("panels.dataset_panel", "Gaussians"),
         "plane": QT_TRANSLATE_NOOP("panels.dataset_panel", "Plane"),
         "multigauss": QT_TRANSLATE_NOOP("panels.dataset_panel", "Bumps"),
         "spiral_arms": QT_TRANSLATE_NOOP("panels.dataset_panel", "Arms"),
         "blobs": QT_TRANSLATE_NOOP("panels.dataset_panel", "Blobs"),
         "digits": QT_TRANSLATE_NOOP("panels.dataset_panel", "Digits")}
# The section names are SECTIONS' keys: translated where they are shown.
SECTION_ROWS = [["Classification"], ["Regression", "Several classes"], ["Logic gates"],
                ["Pictures"]]
_SECTION_TITLES = (QT_TRANSLATE_NOOP("panels.dataset_panel", "Classification"),
                   QT_TRANSLATE_NOOP("panels.dataset_panel", "Regression"),
                   QT_TRANSLATE_NOOP("panels.dataset_panel", "Several classes"),
                   QT_TRANSLATE_NOOP("panels.dataset_panel", "Logic gates"),
                   QT_TRANSLATE_NOOP("panels.dataset_panel", "Pictures"),
                   QT_TRANSLATE_NOOP("panels.dataset_panel", "More"))


def describe(data: Dataset) -> str:
    """One line about the data: size, split, features and task."""
    d, k = data.x.shape[1], data.y.shape[1]
    task = {"binary": translate("panels.dataset_panel", "two classes"),
            "multiclass": translate("panels.dataset_panel", "{k} classes").format(k=k),
            "regression": translate("panels.dataset_panel", "regression")}[data.task]
    features = (translate("panels.dataset_panel", "{d} feature") if d == 1
                else translate("panels.dataset_panel", "{d} features")).format(d=d)
    line = translate("panels.dataset_panel",
                     "{n} points ({train} train, {test} test) · {features} · {task}")
    return line.format(n=f"{data.n:,}", train=f"{len(data.train):,}",
                       test=f"{len(data.test):,}", features=features, task=task)


class DatasetPanel(QWidget):
    def __init__(self, model: DocumentModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.guard = Guard()
        self.run = new_run()  # spin-box steps within one run merge into one undo step
        self._pushing = False
        self._built: tuple[object, Dataset | None] = (None, None)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        listed = {n for names in SECTIONS.values() for n in names}
        sections = dict(SECTIONS, More=tuple(n for n in BUILTIN_DATASETS if n not in listed))
        data_layout = QVBoxLayout()
        for row in SECTION_ROWS + [["More"]]:
            line = QHBoxLayout()
            for title in row:
                names = [n for n in sections[title] if n in BUILTIN_DATASETS]
                if names:
                    line.addLayout(self._section(title, names))
            line.addStretch(1)
            data_layout.addLayout(line)
        data_box = QGroupBox(translate("panels.dataset_panel", "Data"))
        data_box.setLayout(data_layout)

        self.points = int_spin(4, MAX_ROWS, translate(
                "panels.dataset_panel", "Number of points to generate (the logic gates always "
                "have their truth table)"))
        self.points.editingFinished.connect(self._end_run)
        self.points.valueChanged.connect(lambda v: self._change(
            translate("panels.dataset_panel", "{n} points").format(n=v), "n", n_points=v))
        self.classes = int_spin(3, 5,
                                translate("panels.dataset_panel",
                                          "Number of classes of a multi-class set"))
        self.classes.valueChanged.connect(lambda v: self._change(
            translate("panels.dataset_panel", "{k} classes").format(k=v), classes=v))
        self.noise, self.noise_value = self._slider(0, 50, translate(
                "panels.dataset_panel", "Noise added to the points, as in Playground (0–50)"), "{}")
        self.noise.valueChanged.connect(lambda v: self._change(
            translate("panels.dataset_panel", "Noise {value}").format(value=v), noise=float(v)))
        self.ratio, self.ratio_value = self._slider(
            10, 90, translate("panels.dataset_panel",
                              "Share of the points used for training; the rest test"),
            translate("panels.dataset_panel", "{} % train"))
        self.ratio.valueChanged.connect(
            lambda v: self._change(translate("panels.dataset_panel", "Training share {value} %"
                                             ).format(value=v), train_ratio=v / 100))
        self.seed = int_spin(0, 2**31 - 1,
                             translate("panels.dataset_panel",
                                       "Random seed of the points and of the split"))
        self.seed.editingFinished.connect(self._end_run)
        self.seed.valueChanged.connect(lambda v: self._change(
            translate("panels.dataset_panel", "Data seed {value}").format(value=v), "seed", seed=v))
        self.resample = QPushButton(translate("panels.dataset_panel", "New sample"))
        self.resample.setToolTip(translate(
                "panels.dataset_panel", "Draw a fresh sample of the same set (next seed)"))
        self.resample.clicked.connect(self.new_sample)
        seed_row = QWidget()
        seed_layout = QHBoxLayout(seed_row)
        seed_layout.setContentsMargins(0, 0, 0, 0)
        seed_layout.addWidget(self.seed, 1)
        seed_layout.addWidget(self.resample)
        self.sampling = sampling = QGroupBox(translate("panels.dataset_panel", "Sampling"))
        self.form = QFormLayout(sampling)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.split_row = _pair(self.ratio, self.ratio_value)
        for text, widget in ((translate("panels.dataset_panel", "Points"), self.points),
                             (translate("panels.dataset_panel", "Classes"), self.classes),
                             (translate("panels.dataset_panel", "Noise"),
                              _pair(self.noise, self.noise_value)),
                             (translate("panels.dataset_panel", "Split"), self.split_row),
                             (translate("panels.dataset_panel", "Seed"), seed_row)):
            add_row(self.form, text, widget)

        self.import_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
            translate("panels.dataset_panel", "Import CSV…"))
        self.import_button.setToolTip(translate(
                "panels.dataset_panel", "Use your own table: choose columns, encodings and the "
                "train/test split"))
        self.import_button.clicked.connect(self.open_import_dialog)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(translate("panels.dataset_panel", "The data the network trains on"))
        self.warning = MessageLabel()
        self.adapt = QPushButton(translate("panels.dataset_panel", "Adapt the network"))
        self.adapt.setToolTip(translate(
                "panels.dataset_panel", "Add or remove output and input neurons and point the "
                "inputs at the data's features (one undo step)"))
        self.adapt.clicked.connect(self.adapt_network)
        self.message = MessageLabel()

        layout = QVBoxLayout(self)
        for w in (data_box, sampling, self.import_button, self.summary, self.warning,
                  self.adapt, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        model.changed.connect(self._on_changed)
        model.replaced.connect(self.refresh)
        self.refresh()

    # ---------------------------------------------------------- builders
    def _section(self, title: str, names: list[str]) -> QVBoxLayout:
        header = QLabel(translate("panels.dataset_panel", title))
        header.setStyleSheet("font-weight: 600;")
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for name in names:
            buttons.addWidget(self._button(name))
        section = QVBoxLayout()
        section.setSpacing(2)
        section.addWidget(header)
        section.addLayout(buttons)
        return section

    def _button(self, name: str) -> QToolButton:
        title = BUILTIN_DATASETS[name][0]
        button = QToolButton()
        button.setCheckable(True)
        button.setIcon(thumbnail(name))
        button.setIconSize(QSize(44, 44))
        short = SHORT.get(name)
        button.setText(translate("panels.dataset_panel", short) if short else core_title(title))
        button.setToolTip(translate("panels.dataset_panel", "{title}: {task} data").format(
            title=core_title(title), task=core_title(BUILTIN_DATASETS[name][1])))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setAutoRaise(True)
        button.setMinimumHeight(44 + button.fontMetrics().height() + 12)  # room for descenders
        if BUILTIN_DATASETS[name][1] != "binary" or name in SECTIONS["Classification"]:
            button.setMinimumWidth(64)  # the gates' short names leave room for five in a row
        button.setObjectName(f"dataset_{name}")
        self.buttons.addButton(button)
        button.clicked.connect(lambda _checked=False, n=name: self.choose(n))
        return button

    def _slider(self, low: int, high: int, tip: str, text: str) -> tuple[QSlider, QLabel]:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(low, high)
        slider.setTracking(False)  # regenerate once on release, not at every pixel
        slider.setToolTip(tip)
        value = QLabel()
        value.setMinimumWidth(value.fontMetrics().horizontalAdvance(text.format(100)))
        value.setToolTip(tip)
        value.setText(text.format(low))
        slider.sliderMoved.connect(lambda v: value.setText(text.format(v)))
        slider.valueChanged.connect(lambda v: value.setText(text.format(v)))
        return slider, value

    # ------------------------------------------------------------- edits
    def choose(self, name: str) -> bool:
        """Switch to a built-in dataset, keeping noise, split and seed."""
        current = self.model.document.dataset
        if isinstance(current, DatasetSpec):
            if current.name == name:
                return False
            spec = dataclasses.replace(current, name=name, n_points=None)
        else:
            spec = DatasetSpec(name)
        text = translate("panels.dataset_panel", "Dataset: {name}").format(
            name=core_title(BUILTIN_DATASETS[name][0]))
        return self.model.push(SetAttribute("dataset", spec, text))

    def _change(self, text: str, key: str | None = None, **values: object) -> None:
        spec = self.model.document.dataset
        if self.guard or not isinstance(spec, DatasetSpec):
            return
        try:
            new = dataclasses.replace(spec, **values)
        except DataError as exc:
            self.message.show_error(
                translate("panels.dataset_panel", "Not applied: {reason}").format(reason=exc))
            self.refresh()
            return
        if new != spec:
            self.message.clear()
            self._pushing = True
            try:
                self.model.push(MergingSetAttribute(
                    "dataset", new, text, None if key is None else (key, self.run)))
            finally:
                self._pushing = False

    def new_sample(self) -> None:
        """The same set drawn again with the next seed; each click its own undo step."""
        self.run = new_run()
        self.seed.setValue(self.seed.value() + 1)

    def _end_run(self) -> None:
        self.run = new_run()

    def open_import_dialog(self, path: str | None = None) -> CsvImportDialog:
        """Open the CSV import dialog (modeless, so a test or tutorial can drive it)."""
        dialog = CsvImportDialog(self.model, self, path=path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def adapt_network(self) -> bool:
        data = self.dataset()
        if data is None:
            return False
        doc = self.model.document
        commands = adapt_commands(doc.network, data, doc.settings)
        text = translate("panels.dataset_panel", "Adapt the network to the data")
        # Announced as new data too: after a refused switch the trainer still has the old.
        return bool(commands) and self.model.push(Batch(list(commands), text))

    # -------------------------------------------------------- refreshing
    def dataset(self) -> Dataset | None:
        """The document's data, built once per dataset value (None if it cannot be built)."""
        source = self.model.document.dataset
        if self._built[0] is not source:
            try:
                self._built = (source, self.model.document.build_dataset())
            except ValueError as exc:
                self._built = (source, None)
                self.message.show_error(translate(
                    "panels.dataset_panel", "The data cannot be built: {reason}").format(
                    reason=exc))
        return self._built[1]

    def _on_changed(self, change: Change) -> None:
        if not self._pushing:
            self.run = new_run()  # undo, redo or another panel: never merge across it
        if change.kind not in ("layout", "params", "view"):
            self.refresh()

    def refresh(self) -> None:
        source = self.model.document.dataset
        spec = source if isinstance(source, DatasetSpec) else None
        with self.guard.hold():
            for button in self.buttons.buttons():
                on = spec is not None and button.objectName() == f"dataset_{spec.name}"
                button.setChecked(on)
            if spec is None:  # an imported table: nothing to pick among the buttons
                self.buttons.setExclusive(False)
                for button in self.buttons.buttons():
                    button.setChecked(False)
                self.buttons.setExclusive(True)
            else:
                self.points.setValue(spec.size)
                self.classes.setValue(spec.classes)
                self.noise.setValue(round(spec.noise))
                self.ratio.setValue(round(spec.train_ratio * 100))
                self.seed.setValue(spec.seed)
            gate = spec is not None and spec.size <= 4
            real = spec is not None and spec.name in REAL_DATA  # pictures from a file
            self.points.setEnabled(spec is not None and not gate and not real)
            self.noise.setEnabled(spec is not None and not gate and not real)
            self.ratio.setEnabled(spec is not None and not gate)
            for w in (self.seed, self.resample, self.classes):
                w.setEnabled(spec is not None)
            # Imported points are not generated: a built-in set's size, noise, split and
            # seed would stand beside them as if they were theirs.
            self.sampling.setVisible(spec is not None)
            # A logic gate trains and tests on its whole truth table: no split to show.
            self.form.setRowVisible(self.split_row, not gate)
            multiclass = spec is not None and not real and \
                BUILTIN_DATASETS[spec.name][1] == "multiclass"
            self.form.setRowVisible(self.classes, multiclass)
        data = self.dataset()
        if data is None:
            self.summary.setText("")
            self.warning.clear()
            self.adapt.hide()
            return
        if spec:
            name = core_title(BUILTIN_DATASETS[spec.name][0])
        elif data.name:
            name = translate("panels.dataset_panel", "Imported “{name}”").format(name=data.name)
        else:  # embedded points a file or a script saved without a name
            name = translate("panels.dataset_panel", "Imported data")
        self.summary.setText(f"<b>{escape(name)}</b><br>{escape(describe(data))}")
        found = mismatches(self.model.network, data)
        if found:
            self.warning.show_error("<br>".join(f"• {escape(m)}" for m in found))
        else:
            self.warning.clear()
        self.adapt.setVisible(bool(found))


def _pair(slider: QSlider, value: QLabel) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(slider, 1)
    layout.addWidget(value)
    return box
