"""Play, step, reset, speed and the live epoch/loss read-out, above the settings form.

Buttons talk to the TrainingController; its signals drive what the panel shows
(Play turns into Pause while training runs; Play and Step grey out, with the reason
underneath, while the network cannot be trained).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
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
from nnviz.app.panels.settings_form import SettingsForm
from nnviz.app.panels.widgets import MessageLabel, add_row
from nnviz.core import numfmt
from nnviz.core.session import Snapshot

STEP_UNITS = {"sample": "one example", "batch": "one batch", "epoch": "one epoch"}


class TrainingPanel(QWidget):
    """Run controls for ``controller`` and the settings of ``model``'s document."""

    def __init__(self, model: DocumentModel, controller: TrainingController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.controller = model, controller
        style = self.style()
        self._icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
                       False: style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)}
        self.play = QPushButton()
        self.play.setIconSize(QSize(22, 22))
        self.play.setMinimumHeight(40)
        font = QFont(self.play.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.play.setFont(font)
        self.play.clicked.connect(controller.toggle)
        self.step = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward),
                                "Step")
        self.step.setToolTip("Train one step of the chosen size, then stop")
        self.step.clicked.connect(lambda: controller.step(self.unit.currentData()))
        self.unit = QComboBox()
        for unit, title in STEP_UNITS.items():
            self.unit.addItem(title, unit)
        self.unit.setCurrentIndex(self.unit.findData("batch"))
        self.unit.setToolTip("How far one Step goes: one example, one (mini-)batch or one epoch")
        self.reset = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward),
                                 "Reset")
        self.reset.setToolTip("Start over from the same initial weights (same seed): replays "
                              "the same run exactly. Undo brings the trained weights back.")
        self.reset.clicked.connect(lambda: controller.reset())
        self.reseed = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
                                  "Re-seed")
        self.reseed.setToolTip("Pick a new seed, then reset: different initial weights, a "
                               "different run")
        self.reseed.clicked.connect(lambda: controller.reset(reseed=True))
        self.speed = QComboBox()
        for title, eps in SPEEDS.items():
            self.speed.addItem(title, eps)
        speeds = list(SPEEDS.values())
        self.speed.setCurrentIndex(speeds.index(controller.speed)
                                   if controller.speed in speeds else 0)
        self.speed.setToolTip("How fast Play trains; slow speeds let you watch each change")
        self.speed.currentIndexChanged.connect(
            lambda _i: controller.set_speed(self.speed.currentData()))

        buttons = QGridLayout()
        buttons.addWidget(self.play, 0, 0, 1, 2)
        buttons.addWidget(self.step, 1, 0)
        buttons.addWidget(self.unit, 1, 1)
        buttons.addWidget(self.reset, 2, 0)
        buttons.addWidget(self.reseed, 2, 1)
        buttons.setColumnStretch(0, 1)
        buttons.setColumnStretch(1, 1)

        self.epoch = self._number("Finished epochs (passes over the training set)")
        self.train_loss = self._number("Mean loss over the training examples, with the "
                                       "weights shown now")
        self.test_loss = self._number("Mean loss over the held-out test examples, with the "
                                      "weights shown now")
        stats = QFormLayout()
        stats.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        add_row(stats, "Speed", self.speed)
        add_row(stats, "Epoch", self.epoch)
        add_row(stats, "Training loss", self.train_loss)
        add_row(stats, "Test loss", self.test_loss)

        run = QGroupBox("Training")
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

        controller.playingChanged.connect(self._on_playing)
        controller.trainableChanged.connect(self._on_trainable)
        controller.problemChanged.connect(lambda _p: self._on_trainable(controller.trainable))
        controller.snapshot.connect(self._on_snapshot)
        model.replaced.connect(self._show_document_epoch)
        self._on_playing(controller.playing)
        self._on_trainable(controller.trainable)
        self._show_document_epoch()

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

    def _on_playing(self, playing: bool) -> None:
        self.play.setIcon(self._icons[playing])
        self.play.setText("Pause" if playing else "Play")
        self.play.setToolTip("Pause training" if playing else "Train continuously at the "
                             "chosen speed")

    def _on_trainable(self, trainable: bool) -> None:
        self.play.setEnabled(trainable)
        self.step.setEnabled(trainable)
        if trainable:
            self.problem.clear()
        else:
            self.problem.show_error(self.controller.problem or "Nothing to train yet.")

    def _on_snapshot(self, snap: Snapshot) -> None:
        self.epoch.setText(f"{snap.epoch:,}")
        self._show_losses(snap.current)

    def _show_document_epoch(self) -> None:
        # Another document: its epoch, and no loss until its engine has measured one.
        self.epoch.setText(f"{self.model.document.epoch:,}")
        self._show_losses({})

    def _show_losses(self, now: dict[str, float]) -> None:
        for label, key in ((self.train_loss, "train_loss"), (self.test_loss, "test_loss")):
            label.setText(numfmt.loss(now.get(key)))
