"""Loss (or accuracy) per epoch for the training and the test split, live while training.

History arrives in snapshots as a few new rows at a time; the rows go into
preallocated column buffers that double when full (plots/history.py). While the view
follows the data the curves draw a min/max envelope of the history kept up to date row
by row, so a redraw costs the same at 100 epochs and at a million and the curves move
with every snapshot; a view the user zoomed into draws the rows themselves.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.plots import style
from nnviz.app.plots.history import (
    EPOCH,
    TEST_ACC,
    TEST_LOSS,
    TRAIN_ACC,
    TRAIN_LOSS,
    BestRow,
    HistoryBuffer,
    PeakEnvelope,
)
from nnviz.core import numfmt
from nnviz.core.session import Snapshot

# While training plays, the axes run ahead of the data and jump only when a curve
# reaches an edge: every range change redraws the axes and re-clips the curves (a
# repaint of ~6.5 ms against ~1.5 ms with both ranges still). The epoch axis reaches
# X_HEADROOM times the span; the value axis has Y_MARGIN of its span on either side.
# Paused, the axes fit the data again, as figures and exports want them.
X_HEADROOM = 1.25
Y_MARGIN = 0.15
EMPTY_EPOCHS = (0, 10)  # the epoch axis before the first epoch
# What the plot (and an export's loss panel) says then; translated where it is drawn.
NOT_TRAINED = QT_TRANSLATE_NOOP("plots.loss_plot", "Not trained yet")
# Once the training loss spans two decades, a linear axis shows a spike and a flat line:
# the plot switches to a log axis by itself, until the user chooses either.
AUTO_LOG_SPAN = 100.0
# While training plays, the window hands the curves their snapshot this much later than
# the decision map (see show_snapshot).
LATER_MS = 8



def _spans() -> tuple[str, str]:
    """The openings of a train and a test line in the curves' colours."""
    return f"<span style='color:{style.TRAIN}'>", f"<span style='color:{style.TEST}'>"


def _y_label(accuracy: bool) -> str:
    return translate("plots.loss_plot",
                     "accuracy (%)") if accuracy else translate("plots.loss_plot", "loss")

def _epoch_and_losses(row) -> list[str]:
    """A history row's epoch (bold) and its two losses in the curves' colours, as rich text."""
    train, test = _spans()
    return ["<b>" + translate("plots.loss_plot",
                              "epoch {epoch}").format(epoch=f"{int(row[EPOCH]):,}") + "</b>",
            train + translate("plots.loss_plot", "train loss {value}").format(
                value=numfmt.loss(row[TRAIN_LOSS])) + "</span>",
            test + translate("plots.loss_plot", "test loss {value}").format(
                value=numfmt.loss(row[TEST_LOSS])) + "</span>"]


def _pct(value: float) -> str:
    """An accuracy the buffer holds in percent, written as every readout writes it."""
    return numfmt.percent(value / 100.0)


class LossPlot(QWidget):
    """Train/test loss vs epoch (or accuracy in %), a log toggle and a hover readout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = HistoryBuffer()
        self._envelope = PeakEnvelope()
        self._best = BestRow()
        self._has_accuracy = False
        self._log_y = False
        self._live = False  # the latest snapshot was made while playing
        # The latest snapshot's epoch and its loss and accuracy now (after an edit they
        # are not the last row's): what the summary above the plot says.
        self._now: tuple[int, dict[str, float]] | None = None
        self._group_now: dict[str, list[float]] = {}  # per softmax group, with _now
        self._follow = True  # the view follows the data until the user pans or zooms
        self._waiting: list[Snapshot] = []  # made while playing, for show_snapshot's timer
        self._later = QTimer(self, singleShot=True, interval=LATER_MS)
        self._later.timeout.connect(self._show_waiting)
        self._x_span: tuple[float, float] | None = None  # the running-ahead ranges
        self._y_span: tuple[float, float] | None = None

        self.summary = QLabel(translate("plots.loss_plot", "no training yet"))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        # New text ~30 times a second must not re-lay out the window: a label whose
        # size follows its text made every snapshot repaint every dock.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Two lines, always: a narrow dock (1280×720, presentation mode's larger type)
        # wraps the numbers instead of cutting off the test loss.
        self.summary.setWordWrap(True)
        self._fit_summary()
        self.show_loss = QRadioButton(translate("plots.loss_plot", "Loss"))
        self.show_accuracy = QRadioButton(translate("plots.loss_plot", "Accuracy"))
        self.show_loss.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.show_loss)
        group.addButton(self.show_accuracy)
        self.log_scale = QCheckBox(translate("plots.loss_plot", "Log scale"))
        self.log_scale.setToolTip(translate(
                "plots.loss_plot", "Logarithmic loss axis: shows progress once the loss is "
                "small. Turns on by itself when the loss spans two decades, until you choose."))
        self._auto_log = True  # the plot picks the scale until the user clicks the box
        self._loss_range = (math.inf, 0.0)  # smallest and largest positive training loss
        self.log_scale.clicked.connect(self._user_chose_scale)
        controls = QHBoxLayout()
        controls.addWidget(self.show_loss)
        controls.addWidget(self.show_accuracy)
        controls.addSpacing(12)
        controls.addWidget(self.log_scale)
        controls.addStretch(1)

        self.plot_widget = style.plot_widget(translate("plots.loss_plot", "epoch"),
                                             translate("plots.loss_plot", "loss"))
        self.plot_widget.setAccessibleName(translate("plots.loss_plot", "Loss curves"))
        self.plot_widget.setAccessibleDescription(translate(
            "plots.loss_plot", "Training and test loss (or accuracy) over the epochs"))
        self.plot_item = self.plot_widget.getPlotItem()
        # No grid: pyqtgraph redraws it with the axes whenever the range grows (every
        # epoch while auto-ranging), measured at 3.5-7 ms of a 4-11 ms repaint; the hover
        # readout gives exact values instead.
        self.plot_item.setMenuEnabled(False)
        # The top and right axes only close the box (no ticks, no values): unlinked from
        # the view, a range change no longer regenerates them (6.8 → 4.6 ms a repaint).
        for side in ("top", "right"):
            self.plot_item.getAxis(side).unlinkFromView()
        # Between range changes the axes look the same: blit them from a pixmap instead of
        # replaying their text on every repaint (as the decision plot does).
        for side in ("left", "bottom", "top", "right"):
            self.plot_item.getAxis(side).setCacheMode(
                QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.curves = [self._curve(style.TRAIN, translate("plots.loss_plot", "train")),
                       self._curve(style.TEST, translate("plots.loss_plot", "test"))]
        self.legend = pg.LegendItem(offset=(-8, 8), labelTextColor=style.TEXT,
                                    labelTextSize=style.legend_size(),
                                    brush=pg.mkBrush(255, 255, 255, 220),
                                    pen=pg.mkPen("#c8c8c8"))
        self.legend.setParentItem(self.plot_item.getViewBox())
        for curve in self.curves:
            self.legend.addItem(curve, curve.name())
        self._init_hover()
        self._init_untrained()
        self._init_best()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 1)

        self.plot_item.getViewBox().sigRangeChangedManually.connect(self._on_user_range)
        self.show_accuracy.toggled.connect(self._on_mode)
        self.log_scale.toggled.connect(self._on_mode)
        self._on_mode()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self._fit_summary()
        super().changeEvent(event)

    def _fit_summary(self) -> None:
        self.summary.setFixedHeight(2 * self.fontMetrics().lineSpacing() + 2)

    def _curve(self, color: str, name: str) -> pg.PlotDataItem:
        # autoDownsampleFactor 1: one (min, max) pair per pixel column is all a screen
        # shows; pyqtgraph's default of 5 draws five times the segments for nothing.
        curve = pg.PlotDataItem(pen=pg.mkPen(color, width=2), name=name, antialias=False,
                                autoDownsampleFactor=1.0)
        self.plot_item.addItem(curve)
        # Clip to the visible epochs and keep min/max per pixel: 100,000 rows stay cheap
        # and a spike in the loss is never averaged away. Set after addItem, which
        # overwrites both with the PlotItem's own (off) settings.
        curve.setClipToView(True)
        curve.setDownsampling(auto=not self._follow, method="peak")
        return curve

    def _init_hover(self) -> None:
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False,
                                           pen=pg.mkPen(style.MUTED, width=1, style=Qt.DashLine))
        self.cursor_dots = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1.5))
        self._dot_brushes = [pg.mkBrush(style.TRAIN), pg.mkBrush(style.TEST)]
        self.readout = pg.TextItem(color=style.TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                                   border=pg.mkPen("#c8c8c8"))
        for item in (self.cursor_line, self.cursor_dots, self.readout):
            item.setZValue(20)
            item.hide()
            self.plot_item.addItem(item, ignoreBounds=True)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.installEventFilter(self)

    def _init_best(self) -> None:
        """A dashed line at the best epoch (lowest test loss; training loss without a test
        set): the weights Training > Restore Best Weights brings back."""
        self.best_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(style.TEXT, width=1, style=Qt.PenStyle.DashLine),
            label=translate("plots.loss_plot", "best"),
            # Low and on a white ground: the legend holds the top right, where a late best
            # epoch's line runs, and the curves may pass behind the word.
            labelOpts={"position": 0.2, "color": style.TEXT, "fill": (255, 255, 255, 220),
                       "anchors": [(1, 0.5), (1, 0.5)]})
        self.best_line.setZValue(-5)
        self.best_line.setVisible(False)
        self.plot_item.addItem(self.best_line, ignoreBounds=True)
        self.best_epoch: int | None = None

    def _show_best(self) -> None:
        row = self._best.row
        best = None if row is None else int(self.history.data[EPOCH, row])
        if best != self.best_epoch:  # moving the line re-lays it out and repaints it
            self.best_epoch = best
            if best is not None:
                self.best_line.setValue(best)
            self.best_line.setVisible(best is not None)

    def _init_untrained(self) -> None:
        # With no history the plot says so: an empty 0-1 axis read as a broken plot (or
        # as a loss of zero), and it looked like a stale run after File -> New.
        self.untrained = pg.TextItem(translate("plots.loss_plot", NOT_TRAINED), color=style.MUTED,
                                     anchor=(0.5, 0.5))
        self.untrained.setFont(self._untrained_font())
        self.untrained.setParentItem(self.plot_item.getViewBox())  # in the box's pixels
        self.untrained.setZValue(30)
        self.plot_item.getViewBox().sigResized.connect(self._place_untrained)
        self._empty: bool | None = None

    @staticmethod
    def _untrained_font():
        font = style.tick_font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        return font

    def _place_untrained(self, *_: object) -> None:
        self.untrained.setPos(self.plot_item.getViewBox().boundingRect().center())

    def _show_trained_state(self) -> None:
        """No history: the message in an empty box (no ticks, no legend); else the axes."""
        empty = self.history.n == 0
        # setLabel (a mode or theme change) shows an axis title again: checked each time.
        titled = [self.plot_item.getAxis(side) for side in ("left", "bottom")]
        if empty == self._empty and all(a.label.isVisible() != empty for a in titled):
            return
        self._empty = empty
        self.untrained.setVisible(empty)
        self.legend.setVisible(not empty)
        for side in ("left", "bottom", "top", "right"):
            axis = self.plot_item.getAxis(side)
            axis.setTicks([[], []] if empty else None)  # not even a dot of a tick
            if axis in titled:
                axis.setStyle(showValues=not empty)
                axis.showLabel(not empty)
        # Lay the axes out now, not on the next event: the box the curves are mapped into
        # (and the hover's pointer) must be the one on screen from the first row on.
        self.plot_item.layout.activate()
        self._place_untrained()

    # ------------------------------------------------------------ public API
    def restyle(self) -> None:
        """Re-read plots/style (after a theme change): background, axes, curves, hover."""
        style.restyle_widget(self.plot_widget)
        for curve, colour in zip(self.curves, (style.TRAIN, style.TEST)):
            curve.setPen(pg.mkPen(colour, width=2 * style.LINE_SCALE))
        backdrop = pg.mkColor(style.BACKGROUND)
        backdrop.setAlpha(220)
        self.legend.setBrush(pg.mkBrush(backdrop))
        self.legend.setLabelTextColor(style.TEXT)
        self.legend.setLabelTextSize(style.legend_size())
        for _sample, label in self.legend.items:
            label.setText(label.text)  # pyqtgraph applies a new colour only on new text
        self.readout.setFont(style.tick_font())
        self.cursor_line.setPen(pg.mkPen(style.MUTED, width=1, style=Qt.DashLine))
        self.cursor_dots.setPen(pg.mkPen(style.BACKGROUND, width=1.5))
        self._dot_brushes = [pg.mkBrush(style.TRAIN), pg.mkBrush(style.TEST)]
        backdrop.setAlpha(230)
        self.readout.fill = pg.mkBrush(backdrop)
        self.readout.setColor(style.TEXT)
        self.untrained.setColor(style.MUTED)
        self.untrained.setFont(self._untrained_font())
        self._place_untrained()
        self.plot_item.getAxis("left").setLabel(_y_label(self.accuracy_shown),
                                                **style.label_style())
        self._show_trained_state()  # setLabel showed the title: none while untrained
        self._refresh_summary()
        self.plot_widget.update()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """The window's update: a snapshot made while playing is drawn LATER_MS from now,
        any other (a step, a pause, an edit) at once, after those still waiting.

        Half a frame apart, the decision map's repaint and the curves' fall in different
        frames instead of adding up in one (a frame late by their sum is what the
        presenter sees stutter). Every snapshot is drawn, in order: each brings rows."""
        self._waiting.append(snapshot)
        if not getattr(snapshot, "playing", False):
            self._show_waiting()
        elif not self._later.isActive():
            self._later.start()

    def _show_waiting(self) -> None:
        self._later.stop()
        waiting, self._waiting = self._waiting, []
        for snapshot in waiting:
            if snapshot.history_from == 0:
                self.clear()
            self.update_from(snapshot)

    def update_from(self, snapshot: Snapshot) -> None:
        """Append the snapshot's new history rows (history_from == 0 starts over)."""
        rows = snapshot.history_rows
        self._live = bool(getattr(snapshot, "playing", False))
        current = getattr(snapshot, "current", None)
        self._now = (snapshot.epoch, current) if current else None
        self._group_now = dict(getattr(snapshot, "group_accuracy", None) or {})
        if snapshot.history_from == 0:
            self.history.clear()
        if len(rows["epoch"]) == 0 and snapshot.history_from != 0:
            self._refresh_summary()
            return
        if snapshot.history_from == 0:
            self._loss_range = (math.inf, 0.0)
        start = self.history.extend(snapshot.history_from, rows)
        self._envelope.rewritten(start)
        self._best.update(self.history, start)
        self._pick_scale(rows["train_loss"])
        has_accuracy = bool(np.isfinite(self.history.column(TRAIN_ACC)[-1:]).any())
        if has_accuracy != self._has_accuracy:
            self._has_accuracy = has_accuracy
            self._on_mode()
        else:
            self._refresh_curves()
        self._refresh_summary()

    def clear(self) -> None:
        self._later.stop()
        self._waiting = []  # of the run cleared away
        self.history.clear()
        self._envelope.rewritten(0)
        self._best.reset()
        self._now = None
        self._group_now = {}
        self._loss_range = (math.inf, 0.0)
        if self._auto_log:
            self.log_scale.setChecked(False)  # a new document starts linear again
        self._follow = True
        self._refresh_curves()
        self._refresh_summary()
        self._hide_hover()

    def drop_current(self) -> None:
        """Forget the latest snapshot's losses and accuracy (the network can no longer be
        evaluated on the data); the header falls back to the history."""
        self._show_waiting()  # their rows stay; their losses "now" are dropped with the rest
        self._now, self._group_now = None, {}
        self._refresh_summary()

    @property
    def accuracy_shown(self) -> bool:
        return self._has_accuracy and self.show_accuracy.isChecked()

    # -------------------------------------------------------------- drawing
    def _on_mode(self) -> None:
        # Regression has no accuracy: the choice disappears rather than show an empty plot.
        self.show_loss.setVisible(self._has_accuracy)
        self.show_accuracy.setVisible(self._has_accuracy)
        accuracy = self.accuracy_shown
        self.log_scale.setEnabled(not accuracy)
        self._log_y = self.log_scale.isChecked() and not accuracy
        self.plot_item.setLogMode(y=self._log_y)
        self.plot_item.getAxis("left").setLabel(_y_label(accuracy), **style.label_style())
        # Loss falls to the bottom right, accuracy climbs to the top right: keep the
        # legend in the corner the curves leave free.
        self.legend.anchor(itemPos=(1, 1 if accuracy else 0),
                           parentPos=(1, 1 if accuracy else 0),
                           offset=(-8, -8 if accuracy else 8))
        self._follow, self._x_span, self._y_span = True, None, None
        self.plot_item.enableAutoRange()
        self._refresh_curves()

    def _refresh_curves(self) -> None:
        first = TRAIN_ACC if self.accuracy_shown else TRAIN_LOSS
        for offset, curve in enumerate(self.curves):
            if self._follow:  # the whole run in view: its envelope is what a screen shows
                x, y = self._envelope.curve(self.history, first + offset)
            else:  # zoomed in: the rows themselves, clipped and downsampled by pyqtgraph
                x, y = self.history.column(EPOCH), self.history.column(first + offset)
            # pyqtgraph's own downsampling drops the rows after its last whole step (the
            # curve would end short of the readout): only for the rows of a zoomed view.
            curve.setDownsampling(auto=not self._follow)
            curve.setData(x, y)
        self._show_best()
        self._show_trained_state()
        self._frame_live(self.history.column(EPOCH))

    def _frame_live(self, x: np.ndarray) -> None:
        """Playing: the ranges run ahead of the data (X_HEADROOM, Y_MARGIN). Paused: they fit."""
        if not self._follow:
            return
        vb = self.plot_item.getViewBox()
        if len(x) == 0:
            # Auto-range keeps the last range when there is nothing to fit: an empty plot
            # would still show the previous document's 0–6,000 epochs.
            self._x_span = self._y_span = None
            vb.setRange(xRange=EMPTY_EPOCHS, yRange=(-3, 0) if self._log_y else (0, 1),
                        padding=0)
            return
        if not self._live:
            self._x_span = self._y_span = None
            if not all(vb.autoRangeEnabled()):
                vb.enableAutoRange()
            return
        lo, last = float(x[0]), float(x[-1])
        if self._x_span is None or last > self._x_span[1] or lo != self._x_span[0]:
            self._x_span = (lo, lo + max(last - lo, 1.0) * X_HEADROOM)
            vb.setXRange(*self._x_span, padding=0)  # turns off auto-range for x only
        bounds = vb.childrenBounds()[1]  # in view coordinates: log10 on a log axis
        if bounds is None or not np.all(np.isfinite(bounds)):
            return
        y0, y1 = (float(b) for b in bounds)
        span = self._y_span
        if span is None or y0 < span[0] or y1 > span[1] or y1 - y0 < 0.5 * (span[1] - span[0]):
            margin = Y_MARGIN * max(y1 - y0, 1e-9)
            self._y_span = (y0 - margin, y1 + margin)
            vb.setYRange(*self._y_span, padding=0)

    def _user_chose_scale(self) -> None:
        self._auto_log = False

    def _pick_scale(self, new_losses: np.ndarray) -> None:
        """Log y once the training loss spans AUTO_LOG_SPAN (the new rows only are read)."""
        if not self._auto_log or self.log_scale.isChecked() or len(new_losses) == 0:
            return
        values = np.asarray(new_losses, dtype=float)
        values = values[np.isfinite(values) & (values > 0)]
        if values.size == 0:
            return
        lo, hi = self._loss_range
        lo, hi = min(lo, float(values.min())), max(hi, float(values.max()))
        self._loss_range = (lo, hi)
        if hi >= AUTO_LOG_SPAN * lo:
            self.log_scale.setChecked(True)  # redraws through _on_mode

    def _on_user_range(self, *_: object) -> None:
        if self._follow:  # a pan or zoom: leave the view where the user put it...
            self._follow = False
            self._refresh_curves()  # ...and show it every row, not the run's envelope

    def _refresh_summary(self) -> None:
        h = self.history
        if self._now is not None:
            epoch, now = self._now
            last = [epoch, now["train_loss"], now["test_loss"],
                    100 * now["train_accuracy"], 100 * now["test_accuracy"]]
        elif h.n:
            last = h.data[:, h.n - 1]
        else:
            self.summary.setText(translate("plots.loss_plot", "no training yet"))
            return
        train, test = _spans()
        parts = _epoch_and_losses(last)
        groups = self._group_now if self._now is not None else {}
        if math.isfinite(last[TEST_ACC]):
            parts.append(test + translate("plots.loss_plot", "test accuracy {value}").format(
                value=_pct(last[TEST_ACC])) + self._per_group(groups.get("test")) + "</span>")
        elif math.isfinite(last[TRAIN_ACC]):
            parts.append(translate("plots.loss_plot", "train accuracy {value}").format(
                value=_pct(last[TRAIN_ACC])) + self._per_group(groups.get("train")))
        self.summary.setText(" · ".join(parts))

    @staticmethod
    def _per_group(accuracies: list[float] | None) -> str:
        """" (group 1 80 %, group 2 62 %)": with several softmax groups, "accuracy" counts
        an example right only when every group is, so each group's own share is shown too."""
        if not accuracies or len(accuracies) < 2:
            return ""
        return " (" + ", ".join(translate("plots.loss_plot", "group {n} {value}").format(
            n=i + 1, value=numfmt.percent(a)) for i, a in enumerate(accuracies)) + ")"

    # ----------------------------------------------------------------- hover
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot_item.getViewBox()
        h = self.history
        if h.n == 0 or not vb.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        mouse = vb.mapSceneToView(scene_pos)
        epochs = h.column(EPOCH)
        i = int(np.clip(np.searchsorted(epochs, mouse.x()), 0, h.n - 1))
        if i > 0 and abs(epochs[i - 1] - mouse.x()) < abs(epochs[i] - mouse.x()):
            i -= 1
        row = h.data[:, i]
        train, test = _spans()
        lines = _epoch_and_losses(row)
        if self._has_accuracy:
            lines += [train + translate("plots.loss_plot", "train accuracy {value}").format(
                          value=_pct(row[TRAIN_ACC])) + "</span>",
                      test + translate("plots.loss_plot", "test accuracy {value}").format(
                          value=_pct(row[TEST_ACC])) + "</span>"]
        self.readout.setHtml("<br>".join(lines))
        first = TRAIN_ACC if self.accuracy_shown else TRAIN_LOSS
        ys = row[first:first + 2]
        if self._log_y:
            with np.errstate(all="ignore"):
                ys = np.log10(ys)
        self.cursor_line.setPos(row[EPOCH])
        self.cursor_dots.setData([row[EPOCH]] * 2, ys, brush=self._dot_brushes)
        # The readout sits at the top of the view, on the side away from the pointer.
        (x0, x1), (_, y1) = vb.viewRange()
        right = mouse.x() < 0.5 * (x0 + x1)
        self.readout.setAnchor((0, 0) if right else (1, 0))
        self.readout.setPos(row[EPOCH] + (1 if right else -1) * 6 * vb.viewPixelSize()[0], y1)
        for item in (self.cursor_line, self.cursor_dots, self.readout):
            item.show()

    def _hide_hover(self) -> None:
        for item in (self.cursor_line, self.cursor_dots, self.readout):
            item.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.plot_widget and event.type() == QEvent.Type.Leave:
            self._hide_hover()
        return super().eventFilter(watched, event)
