"""The training settings form: every field of TrainingSettings, each edit one undo step.

An edit builds new settings, checks them with ``TrainingSettings.problem()`` and only
then pushes ``SetAttribute("settings", …)``; a refused value leaves the settings as
they were, says why under the form and puts the field back. The controller forwards
settings to the worker without a reset, so changing η mid-run keeps the weights.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels import optimizer_form
from nnviz.app.panels.widgets import (
    Guard,
    MergingSetAttribute,
    MessageLabel,
    add_row,
    choice_combo,
    double_spin,
    int_spin,
    new_run,
    select_data,
)
from nnviz.core.commands import Change
from nnviz.core.losses import LOSSES
from nnviz.core.settings import BATCH_MODES, INITS, REGULARIZATIONS, RULES, TrainingSettings
from nnviz.core.trace import CONVENTIONS

# TensorFlow Playground's learning-rate menu, which lectures reproduce.
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
TITLES = {"learning_rate": QT_TRANSLATE_NOOP("panels.settings_form", "Learning rate η"),
          "batch_size": QT_TRANSLATE_NOOP("panels.settings_form", "Batch size"),
          "momentum": QT_TRANSLATE_NOOP("panels.settings_form", "Momentum"),
          "reg_rate": QT_TRANSLATE_NOOP("panels.settings_form", "Regularisation rate"),
          "seed": QT_TRANSLATE_NOOP("panels.settings_form", "Seed"),
          # The choices and switches, as their rows or boxes say (the undo menu names them).
          "batch_mode": QT_TRANSLATE_NOOP("panels.settings_form", "Batch"),
          "regularization": QT_TRANSLATE_NOOP("panels.settings_form", "Regularisation"),
          "loss": QT_TRANSLATE_NOOP("panels.settings_form", "Loss"),
          "half_squared": QT_TRANSLATE_NOOP("panels.settings_form", "Squared error"),
          "reduction": QT_TRANSLATE_NOOP("panels.settings_form", "Batch loss"),
          "convention": QT_TRANSLATE_NOOP("panels.settings_form", "δ convention"),
          "init": QT_TRANSLATE_NOOP("panels.settings_form", "Initialisation"),
          "rule": QT_TRANSLATE_NOOP("panels.settings_form", "Learning rule"),
          "shuffle": QT_TRANSLATE_NOOP("panels.settings_form", "Shuffle every epoch"),
          "l1_zero_crossing": QT_TRANSLATE_NOOP("panels.settings_form",
                                                "L1 zeroes a weight that crosses 0"),
          "carry_partial_batch": QT_TRANSLATE_NOOP("panels.settings_form",
                                                   "Carry a partial last batch on")}
QUIET = ("layout", "params", "labels", "view")  # changes that never touch the settings
REDUCTION_TITLES = {"mean": QT_TRANSLATE_NOOP("core", "Mean over the batch"),
                    "sum": QT_TRANSLATE_NOOP("core", "Sum over the batch")}


def rate_text(value: float) -> str:
    """0.00001 rather than 1e-05, as Playground's menu writes it."""
    return np.format_float_positional(float(value), trim="-")


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w, 1)
    return box



def _title(name: str) -> str:
    """A setting's title, as the form shows it."""
    if name in optimizer_form.TITLES:
        return optimizer_form.title(name)
    return translate("panels.settings_form", TITLES[name])


def _titled(name: str, value: object) -> str:
    """An edit's name for the undo menu: the setting's title and its new value."""
    return f"{_title(name)} {value}"

class SettingsForm(QWidget):
    """Training settings of the open document, edited through undoable commands."""

    def __init__(self, model: DocumentModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.guard = Guard()
        self.run = new_run()  # spin-box steps within one run merge into one undo step
        self._pushing = False
        self.rate = QComboBox()
        self.rate.setEditable(True)
        self.rate.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.rate.setCompleter(None)  # inline completion would turn a typed "0" into 0.00001
        for v in LEARNING_RATES:
            self.rate.addItem(rate_text(v), v)
        self.rate.lineEdit().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.rate.setToolTip(translate(
                "panels.settings_form", "Step size η of gradient descent: pick one or type a "
                "value greater than 0 and at most 10, then press Enter"))
        # QComboBox handles Enter itself and puts back the current item's text when the
        # typed value is not in the list; catch Enter first so a typed rate is judged.
        self.rate.lineEdit().installEventFilter(self)
        self.rate.lineEdit().editingFinished.connect(self._on_rate)
        self.rate.activated.connect(self._on_rate)
        self.batch_mode = self._combo(BATCH_MODES, "batch_mode", translate(
                "panels.settings_form", "How many examples each update averages: all, a "
                "mini-batch, or one"))
        self.batch_size = self._int(1, 100_000, "batch_size",
                                    translate("panels.settings_form", "Examples per mini-batch"))
        self.momentum = self._double(0.0, 0.999, 3, 0.1, "momentum",
                                     translate(
                                             "panels.settings_form", "Fraction of the previous "
                                             "step added to the next (0 = off)"))
        self.reg = self._combo(REGULARIZATIONS, "regularization",
                               translate(
                                       "panels.settings_form", "Weight penalty added to the loss"))
        self.reg_rate = self._double(0.0, 10.0, 5, 0.001, "reg_rate",
                                     translate(
                                             "panels.settings_form", "Strength λ of the weight "
                                             "penalty"))
        self.loss = self._combo(LOSSES, "loss",
                                translate("panels.settings_form", "What the network minimises"))
        self.half = QCheckBox("½ (y − a)²")
        self.half.setToolTip(translate(
                "panels.settings_form", "Squared error with the ½ (one course) or without it "
                "(another)"))
        self.half.toggled.connect(lambda on: self._change(_title("half_squared"), half_squared=on))
        self.reduction = self._combo(REDUCTION_TITLES, "reduction",
                                     translate(
                                             "panels.settings_form", "Batch loss: mean or sum of "
                                             "the examples' losses"))
        self.convention = self._combo(CONVENTIONS, "convention",
                                      translate(
                                              "panels.settings_form", "Which δ the backward view "
                                              "shows; the updates are equal"))
        self.init = self._combo(INITS, "init",
                                translate("panels.settings_form",
                                          "How Reset draws the starting weights"))
        self.seed = self._int(0, 2**31 - 1, "seed", translate(
                "panels.settings_form", "Random seed of initialisation and shuffling: the same "
                "seed replays the same run"))
        self.rule = self._combo(RULES, "rule", translate(
                "panels.settings_form", "Backpropagation, or the perceptron rule w ← w + η (y − "
                "o) x for one step-activation neuron"))
        self.shuffle = QCheckBox(translate("panels.settings_form", "Shuffle every epoch"))
        self.shuffle.setToolTip(translate(
                "panels.settings_form", "Visit the training examples in a new random order each "
                "epoch"))
        self.shuffle.toggled.connect(lambda on: self._change(_title("shuffle"), shuffle=on))
        # TensorFlow Playground's two conventions, so a lecture reproduces its numbers.
        self.l1_zero = QCheckBox(translate("panels.settings_form",
                                           "L1 zeroes a weight that crosses 0"))
        self.l1_zero.setToolTip(translate(
                "panels.settings_form", "As TensorFlow Playground: when the L1 step takes a "
                "weight across zero it becomes exactly 0 and stays 0"))
        self.l1_zero.toggled.connect(
            lambda on: self._change(_title("l1_zero_crossing"), l1_zero_crossing=on))
        self.carry = QCheckBox(translate("panels.settings_form", "Carry a partial last batch on"))
        self.carry.setToolTip(translate(
                "panels.settings_form", "As TensorFlow Playground: a last mini-batch that does "
                "not fill up is added to the next epoch's first one instead of being applied at "
                "the epoch's end"))
        self.carry.toggled.connect(
            lambda on: self._change(_title("carry_partial_batch"),
                                 carry_partial_batch=on))

        box = QGroupBox(translate("panels.settings_form", "Training settings"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for text, widget in (
            (translate("panels.settings_form", "Learning rate η"),
             self.rate), (translate("panels.settings_form", "Batch"),
                          _row(self.batch_mode, self.batch_size)),
            (translate("panels.settings_form", "Regularisation"), _row(self.reg, self.reg_rate)),
            (translate("panels.settings_form", "Loss"),
             self.loss), (translate("panels.settings_form", "Squared error"),
                          self.half), (translate("panels.settings_form", "Batch loss"),
                                       self.reduction),
            (translate("panels.settings_form", "δ convention"),
             self.convention), (translate("panels.settings_form", "Initialisation"), self.init),
            (translate("panels.settings_form", "Seed"),
             self.seed), (translate("panels.settings_form", "Learning rule"),
                          self.rule), (translate("panels.settings_form", "Order"), self.shuffle),
            (translate("panels.settings_form", "Playground"), self.l1_zero), ("", self.carry),
        ):
            add_row(form, text, widget)
        self.optimizer_box = optimizer_form.OptimizerBox(self, self.momentum)
        self.stopping_box = optimizer_form.StoppingBox(self)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.message)
        layout.addWidget(self.optimizer_box)
        layout.addWidget(self.stopping_box)
        model.changed.connect(self._on_changed)
        model.replaced.connect(self.refresh)
        self.refresh()

    # ---------------------------------------------------------- builders
    def _combo(self, choices: dict, name: str, tip: str) -> QComboBox:
        combo = choice_combo(choices, tip)
        combo.activated.connect(lambda _i: self._change(
            f"{_title(name)}: {combo.currentText()}",
            **{name: combo.currentData()}))
        return combo

    def _int(self, low: int, high: int, name: str, tip: str):
        box = int_spin(low, high, tip)
        box.editingFinished.connect(self._end_run)
        box.valueChanged.connect(lambda v: self._change(_titled(name, v), key=name,
                                                        **{name: v}))
        return box

    def _double(self, low: float, high: float, decimals: int, step: float, name: str, tip: str,
                per: float = 1.0):
        """A spin box for field ``name``, which holds the shown value / ``per`` (percent)."""
        box = double_spin(low, high, decimals, step, tip)
        box.editingFinished.connect(self._end_run)
        box.valueChanged.connect(lambda v: self._change(
            _titled(name, f"{v:g}"), key=name, **{name: v / per if per != 1.0 else v}))
        return box

    # ------------------------------------------------------------- edits
    @property
    def settings(self) -> TrainingSettings:
        return self.model.document.settings

    def _change(self, text: str, key: str | None = None, **values: object) -> bool:
        """Push settings with ``values`` changed, unless they are invalid or the same."""
        if self.guard:
            return False
        new = dataclasses.replace(self.settings, **values)
        problem = new.problem()
        if problem:
            field, _, reason = problem.partition(": ")
            reason = reason.split(", got ")[0]  # the value is quoted in front already
            if field == "learning_rate":  # one rule for both ends: 0 and 1e6 alike
                reason = translate(
                        "panels.settings_form", "η must be greater than 0 and at most 10")
            known = field in TITLES or field in optimizer_form.TITLES
            title = _title(field) if known else field.replace("_", " ").capitalize()
            shown = values.get(field, "")
            value = rate_text(shown) if isinstance(shown, float) else repr(shown)
            self.message.show_error(translate(
                "panels.settings_form", "{title} {value} was not applied: {reason}.").format(
                title=title, value=value, reason=reason))
            self.model.message.emit(self.message.text())
            self.refresh()  # put the field back to the value in force
            return False
        self.message.clear()
        if new == self.settings:
            return False
        self._pushing = True
        try:
            return self.model.push(MergingSetAttribute(
                "settings", new, text, None if key is None else (key, self.run)))
        finally:
            self._pushing = False

    def _end_run(self) -> None:
        self.run = new_run()

    def _on_changed(self, change: Change) -> None:
        if not self._pushing:
            self._end_run()  # undo, redo or another panel: never merge across it
        if change.kind not in QUIET:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.rate.lineEdit() and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._on_rate()
            return True
        return super().eventFilter(watched, event)

    def _on_rate(self, *_args: object) -> None:
        if self.guard:
            return
        text = self.rate.currentText().strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            self.message.show_error(translate(
                "panels.settings_form", "Learning rate {value} was not applied: not a number. "
                "Type a value such as 0.03.").format(value=repr(text)))
            self.refresh()
            return
        self._change(translate("panels.settings_form", "Learning rate {value}").format(
            value=rate_text(value)), learning_rate=value)

    # -------------------------------------------------------- refreshing
    def refresh(self) -> None:
        s = self.settings
        with self.guard.hold():
            index = self.rate.findData(s.learning_rate)
            self.rate.setCurrentIndex(index)
            self.rate.setEditText(rate_text(s.learning_rate))
            for combo, value in ((self.batch_mode, s.batch_mode), (self.reg, s.regularization),
                                 (self.loss, s.loss), (self.reduction, s.reduction),
                                 (self.convention, s.convention), (self.init, s.init),
                                 (self.rule, s.rule)):
                select_data(combo, value)
            self.batch_size.setValue(s.batch_size)
            self.momentum.setValue(s.momentum)
            self.reg_rate.setValue(s.reg_rate)
            self.half.setChecked(s.half_squared)
            self.seed.setValue(s.seed)
            self.shuffle.setChecked(s.shuffle)
            self.l1_zero.setChecked(s.l1_zero_crossing)
            self.carry.setChecked(s.carry_partial_batch)
            self.optimizer_box.refresh()
            self.stopping_box.refresh()
            self.l1_zero.setEnabled(s.regularization == "l1")
            self.carry.setEnabled(s.batch_mode == "mini")
            self.batch_size.setEnabled(s.batch_mode == "mini")
            self.reg_rate.setEnabled(s.regularization != "none")
            self.half.setEnabled(s.loss == "squared")
            self.loss.setToolTip(translate(
                "panels.settings_form", "What the network minimises\nNow: {formula}").format(
                formula=s.loss_spec.formula))
