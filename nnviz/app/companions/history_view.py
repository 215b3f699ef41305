"""The history scrubber: drag to any recorded epoch; every view shows that moment.

Dragging pauses training and asks the worker to rewind to the checkpoint; its
snapshot then flows through the controller like any other (document weights,
loss plot, decision regions). Play resumes from there, replaying the same run.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from nnviz.app.companions.common import caption
from nnviz.app.i18n import translate
from nnviz.app.plots import style
from nnviz.core.checkpoints import merge_checkpoints

SCRUB_MS = 60  # coalesce slider moves into one rewind per this many milliseconds


class HistoryView(QWidget):
    def __init__(self, controller, loss_plot=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.epochs: tuple[int, ...] = ()
        self.checkpoints: dict[int, object] = {}  # epoch → core Checkpoint
        self.epoch = 0  # of the latest accepted snapshot
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.valueChanged.connect(self._on_slider)
        self.label = QLabel(translate("companions.history_view", "Epoch 0"))
        self.label.setMinimumWidth(110)
        self.play = QPushButton(translate("companions.history_view", "Resume from here"))
        self.play.setToolTip(translate(
                "companions.history_view", "Train on from the epoch shown (the same run replays)"))
        self.play.clicked.connect(controller.play)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.slider, 1)
        row.addWidget(self.play)
        self.note = caption(translate(
                "companions.history_view", "Drag to go back in training; Play resumes from that "
                "moment."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(row)
        layout.addWidget(self.note)

        self.marker = None
        if loss_plot is not None:
            self.marker = pg.InfiniteLine(angle=90, movable=False,
                                          pen=pg.mkPen(style.TEST, width=1.5,
                                                       style=Qt.DashLine))
            self.marker.setZValue(-5)
            loss_plot.plot_item.addItem(self.marker, ignoreBounds=True)
            self.marker.hide()
        self._pending: int | None = None
        self._timer = QTimer(self, singleShot=True, interval=SCRUB_MS)
        self._timer.timeout.connect(self._send)
        controller.snapshot.connect(self._on_snapshot)
        controller.model.replaced.connect(self.clear)

    def clear(self) -> None:
        """Another document: no checkpoints until its session sends its own."""
        self._timer.stop()
        self._pending = None
        self.epochs, self.checkpoints, self.epoch = (), {}, 0
        self.slider.blockSignals(True)
        self.slider.setRange(0, 0)
        self.slider.blockSignals(False)
        self._show_label()

    # ----------------------------------------------------------- snapshots
    def _on_snapshot(self, snap) -> None:
        self.checkpoints = merge_checkpoints(self.checkpoints, snap.new_checkpoints,
                                             snap.checkpoint_epochs)
        if snap.checkpoint_epochs:
            self.epochs = tuple(snap.checkpoint_epochs)
        self.epoch = snap.epoch
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.epochs) - 1, 0))
        if self._pending is None and not self.slider.isSliderDown():
            self.slider.setValue(self._index_of(snap.epoch))
        self.slider.blockSignals(False)
        self._show_label()

    def _index_of(self, epoch: int) -> int:
        before = [i for i, e in enumerate(self.epochs) if e <= epoch]
        return before[-1] if before else 0

    def _show_label(self) -> None:
        latest = self.epochs[-1] if self.epochs else 0
        self.label.setText(translate("companions.history_view", "Epoch {epoch}").format(
            epoch=self.epoch))
        rewound = self.epochs and self.epoch < latest
        self.note.setText(
            translate("companions.history_view", "{n} checkpoints up to epoch {epoch}").format(
                n=len(self.epochs),
                                                                           epoch=latest)
            + (translate(
                    "companions.history_view", " — showing an earlier moment: Play resumes from "
                    "here and forgets the rest.")
               if rewound else translate("companions.history_view",
                                         " — drag to go back in training.")))
        if self.marker is not None:
            # Moving even a hidden line dirties the loss plot's scene: a full repaint of
            # the plot and its axes (~4 ms) on every snapshot. Only a shown marker moves.
            self.marker.setVisible(bool(rewound))
            if rewound:
                self.marker.setValue(self.epoch)

    # -------------------------------------------------------------- scrubbing
    def _on_slider(self, index: int) -> None:
        if not self.epochs:
            return
        self._pending = self.epochs[min(index, len(self.epochs) - 1)]
        self.label.setText(translate("companions.history_view", "Epoch {epoch}").format(
            epoch=self._pending))
        if not self._timer.isActive():
            self._timer.start()

    def _send(self) -> None:
        if self._pending is not None:
            self.controller.rewind(self._pending)
            self._pending = None

    def scrub_to(self, epoch: int) -> None:
        """Move the slider to the checkpoint at or before epoch (as a user would drag)."""
        self.slider.setValue(self._index_of(epoch))
