"""Step, reset, speed and the live loss read-out, above the settings form.

Play/Pause and the epoch are the run bar's (large, and kept on screen in presentation
mode); a second copy here only took the panel's room. Buttons talk to the
TrainingController; its signals drive what the panel shows (Step greys out, with the
reason underneath, while the network cannot be trained).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.controller import SPEEDS, TrainingController
from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels.settings_form import SettingsForm
from nnviz.app.panels.widgets import MessageLabel, add_row
from nnviz.core import numfmt, schedules
from nnviz.core.session import Snapshot

STEP_UNITS = {"sample": QT_TRANSLATE_NOOP("panels.training_panel", "one example"),
              "batch": QT_TRANSLATE_NOOP("panels.training_panel", "one batch"),
              "epoch": QT_TRANSLATE_NOOP("panels.training_panel", "one epoch")}


class TrainingPanel(QWidget):
    """Run controls for ``controller`` and the settings of ``model``'s document."""

    def __init__(self, model: DocumentModel, controller: TrainingController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.controller = model, controller
        style = self.style()
        self.step = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward),
                                translate("panels.training_panel", "Step"))
        self.step.setToolTip(translate("panels.training_panel",
                                       "Train one step of the chosen size, then stop"))
        self.step.clicked.connect(lambda: controller.step(self.unit.currentData()))
        self.unit = QComboBox()
        for unit, title in STEP_UNITS.items():
            self.unit.addItem(translate("panels.training_panel", title), unit)
        self.unit.setCurrentIndex(self.unit.findData("batch"))
        self.unit.setToolTip(translate(
                "panels.training_panel", "How far one Step goes: one example, one (mini-)batch "
                "or one epoch"))
        self.reset = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward),
                                 translate("panels.training_panel", "Reset"))
        self.reset.setToolTip(translate(
                "panels.training_panel", "Start over from the same initial weights (same seed): "
                "replays the same run exactly. Undo brings the trained weights back."))
        self.reset.clicked.connect(lambda: controller.reset())
        self.reseed = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
                                  translate("panels.training_panel", "Re-seed"))
        self.reseed.setToolTip(translate(
                "panels.training_panel", "Pick a new seed, then reset: different initial "
                "weights, a different run"))
        self.reseed.clicked.connect(lambda: controller.reset(reseed=True))
        self.speed = QComboBox()
        for title, eps in SPEEDS.items():
            self.speed.addItem(translate("controller", title), eps)
        speeds = list(SPEEDS.values())
        self.speed.setCurrentIndex(speeds.index(controller.speed)
                                   if controller.speed in speeds else 0)
        self.speed.setToolTip(translate(
                "panels.training_panel", "How fast Play trains; slow speeds let you watch each "
                "change"))
        self.speed.currentIndexChanged.connect(
            lambda _i: controller.set_speed(self.speed.currentData()))

        buttons = QGridLayout()
        buttons.addWidget(self.step, 0, 0)
        buttons.addWidget(self.unit, 0, 1)
        buttons.addWidget(self.reset, 1, 0)
        buttons.addWidget(self.reseed, 1, 1)
        buttons.setColumnStretch(0, 1)
        buttons.setColumnStretch(1, 1)

        self.train_loss = self._number(translate(
                "panels.training_panel", "Mean loss over the training examples, with the weights "
                "shown now"))
        self.test_loss = self._number(translate(
                "panels.training_panel", "Mean loss over the held-out test examples, with the "
                "weights shown now"))
        self.rate_now = self._number(translate(
                "panels.training_panel", "The learning rate of the epoch being trained: η, or "
                "what the schedule has made of it"))
        self.rate_now.setObjectName("rate-now")
        stats = QFormLayout()
        stats.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        add_row(stats, translate("panels.training_panel", "Speed"), self.speed)
        add_row(stats, translate("panels.training_panel", "Rate now"), self.rate_now)
        add_row(stats, translate("panels.training_panel", "Training loss"), self.train_loss)
        add_row(stats, translate("panels.training_panel", "Test loss"), self.test_loss)

        run = QGroupBox(translate("panels.training_panel", "Training"))
        run_layout = QVBoxLayout(run)
        run_layout.addLayout(buttons)
        run_layout.addLayout(stats)
        self.problem = MessageLabel()
        run_layout.addWidget(self.problem)
        self.settings = SettingsForm(model)
        layout = QVBoxLayout(self)
        layout.addWidget(run)
        layout.addWidget(self.settings)
        layout.addStretch(1)

        controller.trainableChanged.connect(self._on_trainable)
        controller.problemChanged.connect(lambda _p: self._on_trainable(controller.trainable))
        controller.snapshot.connect(self._on_snapshot)
        model.replaced.connect(lambda: self._show_losses({}))
        model.replaced.connect(self._show_document_rate)
        self._on_trainable(controller.trainable)
        self._show_losses({})
        self._show_document_rate()

    def step_unit(self) -> str:
        """What one Step does: "sample", "batch" or "epoch" (the Right-arrow key uses it)."""
        return self.unit.currentData()

    @staticmethod
    def _number(tip: str) -> QLabel:
        label = QLabel("—")
        label.setToolTip(tip)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _on_trainable(self, trainable: bool) -> None:
        self.step.setEnabled(trainable)
        if trainable:
            self.problem.clear()
        else:
            # The losses shown were of a network and data that no longer go together.
            self._show_losses({})
            self.problem.show_error(self.controller.problem or translate("panels.training_panel",
                                                                         "Nothing to train yet."))

    def _on_snapshot(self, snap: Snapshot) -> None:
        self._show_losses(snap.current)
        self.rate_now.setText(f"{snap.rate:.4g}")

    def _show_document_rate(self) -> None:
        """Before the engine's first word on a document: the rate its settings give."""
        doc = self.model.document
        self.rate_now.setText(f"{schedules.rate(doc.settings, doc.epoch):.4g}")

    def _show_losses(self, now: dict[str, float]) -> None:
        for label, key in ((self.train_loss, "train_loss"), (self.test_loss, "test_loss")):
            label.setText(numfmt.loss(now.get(key)))
