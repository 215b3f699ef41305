"""The optimiser, learning-rate schedule and stopping rows of the training settings.

Each row edits one TrainingSettings field through the settings form's undoable
``_change``; a hyper-parameter row shows only under the optimiser or schedule that
reads it (β₁ and β₂ under Adam, ρ under RMSprop...). The wheel guard of the
application keeps these spin boxes still unless focused, like every other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels.widgets import add_row, select_data
from nnviz.core.optimizers import HYPERPARAMETERS
from nnviz.core.settings import OPTIMIZERS, SCHEDULES

if TYPE_CHECKING:
    from nnviz.app.panels.settings_form import SettingsForm

EPSILONS = (1e-10, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3)
TITLES = {"optimizer": QT_TRANSLATE_NOOP("panels.optimizer_form", "Optimiser"),
          "beta1": "β₁", "beta2": "β₂", "rho": "ρ", "eps": "ε",
          "weight_decay": QT_TRANSLATE_NOOP("panels.optimizer_form", "Weight decay λ"),
          "schedule": QT_TRANSLATE_NOOP("panels.optimizer_form", "Schedule"),
          "decay_rate": QT_TRANSLATE_NOOP("panels.optimizer_form", "Decay factor γ"),
          "decay_epochs": QT_TRANSLATE_NOOP("panels.optimizer_form", "Decay epochs k"),
          "stop_epochs": QT_TRANSLATE_NOOP("panels.optimizer_form", "Stop after epochs"),
          "stop_loss": QT_TRANSLATE_NOOP("panels.optimizer_form", "Target training loss"),
          "stop_accuracy": QT_TRANSLATE_NOOP("panels.optimizer_form",
                                             "Target training accuracy %"),
          "patience": QT_TRANSLATE_NOOP("panels.optimizer_form", "Early stopping patience")}


def title(name: str) -> str:
    return translate("panels.optimizer_form", TITLES[name])


class OptimizerBox(QGroupBox):
    """Optimiser and schedule, with their hyper-parameters, for ``form``'s document."""

    def __init__(self, form: SettingsForm, momentum: QWidget) -> None:
        super().__init__(translate("panels.optimizer_form", "Optimiser and schedule"))
        self.form = form
        self.optimizer = form._combo(OPTIMIZERS, "optimizer", translate(
                "panels.optimizer_form", "How a gradient becomes an update: plain SGD (with "
                "momentum μ when it is above 0), Nesterov, or the adaptive AdaGrad, RMSprop, "
                "Adam and AdamW"))
        self.optimizer.setObjectName("optimizer")
        self.momentum = momentum
        self.beta1 = form._double(0.0, 0.9999, 4, 0.01, "beta1",
                                  translate(
                                          "panels.optimizer_form", "Adam: decay of the running "
                                          "mean m of the gradients"))
        self.beta2 = form._double(0.0, 0.999999, 6, 0.001, "beta2",
                                  translate(
                                          "panels.optimizer_form", "Adam: decay of the running "
                                          "mean v of their squares"))
        self.rho = form._double(0.0, 0.9999, 4, 0.01, "rho",
                                translate(
                                        "panels.optimizer_form", "RMSprop: decay of the running "
                                        "mean s of the squared gradients"))
        self.eps = QComboBox()
        for value in EPSILONS:
            self.eps.addItem(f"{value:g}", value)
        self.eps.setToolTip(translate(
                "panels.optimizer_form", "Added to the square root so that a tiny mean never "
                "divides by zero"))
        self.eps.activated.connect(lambda _i: form._change(
            f"ε {self.eps.currentText()}", eps=self.eps.currentData()))
        self.weight_decay = form._double(0.0, 10.0, 4, 0.001, "weight_decay",
                                         translate(
                                                 "panels.optimizer_form", "AdamW: each step also "
                                                 "shrinks the weights by η λ w (decoupled from "
                                                 "the gradient)"))
        self.schedule = form._combo(SCHEDULES, "schedule", translate(
                "panels.optimizer_form", "How the learning rate changes over the epochs: "
                "constant, ×γ every k epochs (step), smoothly ×γ per k epochs (exponential), or "
                "a half cosine down to 0 over k epochs"))
        self.schedule.setObjectName("schedule")
        self.decay_rate = form._double(0.0001, 1.0, 4, 0.05, "decay_rate",
                                       translate(
                                               "panels.optimizer_form", "The factor γ the rate is "
                                               "multiplied by every k epochs"))
        self.decay_epochs = form._int(1, 1_000_000, "decay_epochs", translate(
            "panels.optimizer_form", "k: the step and exponential schedules' period, the "
            "cosine's length, in epochs"))
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
        self.rows = {"optimizer": self.optimizer, "momentum": momentum, "beta1": self.beta1,
                     "beta2": self.beta2, "rho": self.rho, "eps": self.eps,
                     "weight_decay": self.weight_decay, "schedule": self.schedule,
                     "decay_rate": self.decay_rate, "decay_epochs": self.decay_epochs}
        for name, widget in self.rows.items():
            text = translate("panels.settings_form", "Momentum") if name == "momentum" \
                else title(name)
            add_row(self.layout_, text, widget)

    def refresh(self) -> None:
        s = self.form.settings
        select_data(self.optimizer, s.optimizer)
        select_data(self.schedule, s.schedule)
        for name in ("beta1", "beta2", "rho", "weight_decay", "decay_rate", "decay_epochs"):
            getattr(self, name).setValue(getattr(s, name))
        index = self.eps.findData(s.eps)
        if index < 0:  # a value typed into a file: listed, so it shows as it is
            self.eps.addItem(f"{s.eps:g}", s.eps)
            index = self.eps.count() - 1
        self.eps.setCurrentIndex(index)
        used = set(HYPERPARAMETERS[s.optimizer])
        for name in ("momentum", "beta1", "beta2", "rho", "eps", "weight_decay"):
            self.layout_.setRowVisible(self.rows[name], name in used)
        for name in ("decay_rate", "decay_epochs"):
            scheduled = s.schedule != "constant" and (name == "decay_epochs"
                                                      or s.schedule != "cosine")
            self.layout_.setRowVisible(self.rows[name], scheduled)


class StoppingBox(QGroupBox):
    """The stopping rules, each off at 0."""

    def __init__(self, form: SettingsForm) -> None:
        super().__init__(translate("panels.optimizer_form", "Stopping"))
        self.form = form
        self.stop_epochs = form._int(0, 1_000_000_000, "stop_epochs",
                                     translate(
                                             "panels.optimizer_form", "Pause once the document has "
                                             "trained this many epochs in all (0 = never)"))
        self.stop_loss = form._double(0.0, 1e6, 4, 0.01, "stop_loss",
                                      translate(
                                              "panels.optimizer_form", "Pause once the training "
                                              "loss is at most this (0 = off)"))
        self.stop_accuracy = form._double(0.0, 100.0, 1, 1.0, "stop_accuracy", translate(
            "panels.optimizer_form", "Pause once the training accuracy reaches this many percent "
            "(0 = off)"), per=100.0)
        self.patience = form._int(0, 1_000_000, "patience",
                                  translate(
                                          "panels.optimizer_form", "Early stopping: pause after "
                                          "this many epochs without a better test loss (0 = "
                                          "off). Training > Restore Best Weights brings back the "
                                          "best epoch's weights."))
        for box in (self.stop_epochs, self.patience):
            box.setSpecialValueText(translate("panels.optimizer_form", "off"))
        for box in (self.stop_loss, self.stop_accuracy):
            box.setSpecialValueText(translate("panels.optimizer_form", "off"))
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for name in ("stop_epochs", "stop_loss", "stop_accuracy", "patience"):
            add_row(layout, title(name), getattr(self, name))

    def refresh(self) -> None:
        s = self.form.settings
        self.stop_epochs.setValue(s.stop_epochs)
        self.stop_loss.setValue(s.stop_loss)
        self.stop_accuracy.setValue(100.0 * s.stop_accuracy)
        self.patience.setValue(s.patience)
