"""The confusion matrix and per-class precision, recall and F1 of a classification document.

The counting is nnviz.core.metrics; this view runs one forward pass of the data on the
GUI thread (cheap, like the feature view) when a snapshot arrives, and only while the
dock is visible: hidden, it only notes that it is stale and catches up when shown.
Clicking a cell rings that cell's points in the decision plot; clicking it again clears.

Precision, recall, F1 and the number of examples are rows under the matrix, one column
per class as in the matrix: ten classes (the digits) fit a 1280×720 window's dock
without scrolling, each class's numbers in its matrix column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.companions.common import caption, compile_plan
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.plots import style
from nnviz.core import metrics
from nnviz.core.commands import DATASET, STRUCTURE
from nnviz.core.data import DataError

HOT = QColor(0, 114, 178)  # a full row share: the train colour of the plots
# The per-class rows under the matrix (translated where shown).
SCORE_ROWS = (QT_TRANSLATE_NOOP("companions.metrics_view", "Precision"),
              QT_TRANSLATE_NOOP("companions.metrics_view", "Recall"),
              QT_TRANSLATE_NOOP("companions.metrics_view", "F1"),
              QT_TRANSLATE_NOOP("companions.metrics_view", "Examples"))
ROOMY = 5  # up to this many classes, rows get more air


@dataclass
class GroupCounts:
    """One decision's labels (one softmax group, or the whole output) on both splits."""

    names: list[str]
    true: dict[str, np.ndarray]  # split → true class per row of that split
    pred: dict[str, np.ndarray]
    rows: dict[str, np.ndarray]  # split → dataset rows

    def counts(self, split: str) -> np.ndarray:
        return metrics.confusion_matrix(self.true[split], self.pred[split], len(self.names))


class MetricsView(QWidget):
    cellRows = Signal(object)  # dataset rows of the chosen cell (None: no cell chosen)

    def __init__(self, model, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.groups: list[GroupCounts] = []
        self.selected: tuple[int, str, int, int] | None = None  # (group, split, true, pred)
        self._stale = True
        self.work = {"computes": 0}  # for tests: forward passes run

        self.train_button = QRadioButton(translate("companions.metrics_view", "Train"))
        self.test_button = QRadioButton(translate("companions.metrics_view", "Test"))
        self.train_button.setChecked(True)
        self.counts_button = QRadioButton(translate("companions.metrics_view", "Counts"))
        self.share_button = QRadioButton(translate("companions.metrics_view", "Row shares"))
        self.share_button.setToolTip(translate(
            "companions.metrics_view", "Each row divided by its total: the recall of its class"))
        self.counts_button.setChecked(True)
        self.group_choice = QComboBox()
        self.group_choice.setVisible(False)
        split_box, norm_box = QWidget(), QWidget()  # two radio groups: one parent each
        for box, buttons in ((split_box, (self.train_button, self.test_button)),
                             (norm_box, (self.counts_button, self.share_button))):
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for b in buttons:
                row.addWidget(b)
                b.toggled.connect(self._on_toggle)
        self.group_choice.currentIndexChanged.connect(self._on_toggle)
        controls = QHBoxLayout()
        controls.addWidget(split_box)
        controls.addSpacing(12)
        controls.addWidget(norm_box)
        controls.addWidget(self.group_choice)
        controls.addStretch(1)

        self.matrix = QTableWidget()
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.matrix.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matrix.cellClicked.connect(self._on_cell)
        self.scores = QTableWidget()
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.scores.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scores.setRowCount(len(SCORE_ROWS))
        self.scores.setVerticalHeaderLabels([translate("companions.metrics_view", name)
                                             for name in SCORE_ROWS])
        for table in (self.matrix, self.scores):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.axes = caption(translate("companions.metrics_view",
                                      "Rows: true class · columns: predicted class"))
        self.note = caption()

        # Under the matrix, the scores' columns are the matrix's classes: no second header.
        self.scores.horizontalHeader().hide()
        self.matrix.setToolTip(translate("companions.metrics_view",
                                         "Click a cell to ring its points; click it again to "
                                         "clear."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)  # ten classes and the Output dock share a 720-pixel screen
        layout.addLayout(controls)
        layout.addWidget(self.axes)
        layout.addWidget(self.matrix)
        layout.addWidget(self.scores)
        layout.addWidget(self.note)
        layout.addStretch(1)

        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.recompute)
        model.changed.connect(self._on_change)
        model.replaced.connect(self._on_replaced)
        model.trained.connect(self._schedule)

    # ------------------------------------------------------------- when to work
    def _schedule(self) -> None:
        if self.isVisible():
            if not self._later.isActive():
                self._later.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.recompute()
        else:
            self._send_rows()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        # Hidden, the rings would not follow training: they go until the dock is back.
        self.cellRows.emit(None)

    def _on_change(self, change) -> None:
        if change.kind == STRUCTURE or DATASET in change.kinds:
            self.selected = None  # the cell may no longer exist
        self._schedule()

    def _on_replaced(self) -> None:
        self.selected = None
        self.groups = []
        self._stale = True
        self.cellRows.emit(None)
        self._schedule()

    # ---------------------------------------------------------------- computing
    def recompute(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.groups = []
        message = self._compute()
        if message is not None:
            self.selected = None
            self._show_message(message)
            self.cellRows.emit(None)
            return
        if self.selected is not None:
            g, split, i, j = self.selected
            if g >= len(self.groups) or max(i, j) >= len(self.groups[g].names):
                self.selected = None
        self._refill_groups()
        self._draw()
        self._send_rows()

    def _compute(self) -> str | None:
        """Fill self.groups from the document; a message instead when there is nothing."""
        doc = self.model.document
        try:
            ds = doc.build_dataset()
        except ValueError:
            return translate("companions.metrics_view", "Needs data to count on.")
        if ds.task == "regression":
            return translate("companions.metrics_view",
                             "Metrics are for classification: this document is a regression.")
        plan = compile_plan(doc.network, doc.settings.loss_spec)
        if plan is None:
            return translate("companions.metrics_view", "Needs a network that can run.")
        try:
            x = ds.inputs(plan.features)
        except DataError as exc:
            return translate("companions.metrics_view", "Cannot place the data: {why}.").format(
                why=exc)
        if x.shape[1] != plan.n_in or plan.out_hi - plan.out_lo != ds.y.shape[1]:
            return translate("companions.metrics_view",
                             "The network's outputs do not match the data's targets.")
        self.work["computes"] += 1
        with np.errstate(all="ignore"):
            out = plan.predict(plan.params(plan.read(doc.network)), x)
        splits = {"train": ds.train, "test": ds.test}
        if ds.task == "binary":
            names = (ds.class_names or ["negative", "positive"])[:2]
            pred = metrics.predicted_labels(out, threshold=ds.threshold)
            true = ds.classes
            self.groups = [GroupCounts(list(names), {s: true[r] for s, r in splits.items()},
                                       {s: pred[r] for s, r in splits.items()}, splits)]
            return None
        column_groups = [list(g) for g in plan.user_output_groups] or [
            list(range(ds.y.shape[1]))]
        all_names = ds.class_names if len(ds.class_names) == ds.y.shape[1] else ds.target_names
        for cols in column_groups:
            names = [(all_names[c] if c < len(all_names) and all_names[c] else
                      translate("companions.metrics_view", "class {n}").format(n=c + 1))
                     for c in cols]
            pred = metrics.predicted_labels(out[:, cols])
            true = metrics.predicted_labels(ds.y[:, cols])
            self.groups.append(GroupCounts(names, {s: true[r] for s, r in splits.items()},
                                           {s: pred[r] for s, r in splits.items()}, splits))
        return None

    def _refill_groups(self) -> None:
        several = len(self.groups) > 1
        wanted = len(self.groups) if several else 0
        if self.group_choice.count() != wanted:
            keep = self.group_choice.currentIndex()
            self.group_choice.blockSignals(True)
            self.group_choice.clear()
            for i, g in enumerate(self.groups if several else []):
                self.group_choice.addItem(translate(
                    "companions.metrics_view", "Group {n} ({names})").format(
                    n=i + 1, names=", ".join(g.names)))
            self.group_choice.setCurrentIndex(keep if 0 <= keep < wanted else 0)
            self.group_choice.blockSignals(False)
        self.group_choice.setVisible(several)

    # ----------------------------------------------------------------- showing
    @property
    def split(self) -> str:
        return "test" if self.test_button.isChecked() else "train"

    @property
    def group(self) -> int:
        return max(self.group_choice.currentIndex(), 0) if len(self.groups) > 1 else 0

    def current_counts(self) -> np.ndarray | None:
        return self.groups[self.group].counts(self.split) if self.groups else None

    def _show_message(self, text: str) -> None:
        self.matrix.clear()
        self.matrix.setRowCount(0)
        self.matrix.setColumnCount(0)
        self.scores.setColumnCount(0)
        self.group_choice.setVisible(False)
        for w in (self.matrix, self.scores, self.axes):
            w.setVisible(False)
        self.note.setText(text)

    def _on_toggle(self, *_args) -> None:
        if self.selected is not None and self.selected[:2] != (self.group, self.split):
            self.selected = None  # the rings belong to a cell no longer on show
        if self.groups:
            self._draw()
            self._send_rows()

    def _draw(self) -> None:
        for w in (self.matrix, self.scores, self.axes):
            w.setVisible(True)
        g = self.groups[self.group]
        counts = g.counts(self.split)
        shares = metrics.normalise_by_true(counts)
        k = len(g.names)
        table = self.matrix
        table.setRowCount(k)
        table.setColumnCount(k)
        table.setVerticalHeaderLabels(g.names)
        table.setHorizontalHeaderLabels(g.names)
        normalised = self.share_button.isChecked()
        chosen = self.selected[1:] if self.selected and self.selected[0] == self.group else None
        for i in range(k):
            for j in range(k):
                share = shares[i, j]
                text = ("—" if math.isnan(share) else f"{share:.2f}") if normalised \
                    else f"{counts[i, j]:,}"
                item = table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    table.setItem(i, j, item)
                item.setText(text)
                item.setData(Qt.ItemDataRole.UserRole, int(counts[i, j]))
                level = 0.0 if math.isnan(share) else float(share)
                item.setBackground(QBrush(_blend(level)))
                item.setForeground(QBrush(QColor("white" if level > 0.55 else style.TEXT)))
                font = item.font()
                font.setBold(chosen == (self.split, i, j))
                item.setFont(font)
                item.setToolTip(translate(
                    "companions.metrics_view",
                    "True {true}, predicted {pred}: {count} examples; click to ring them "
                    "in the decision plot").format(true=g.names[i], pred=g.names[j],
                                                   count=f"{counts[i, j]:,}"))
        scores = metrics.class_metrics(counts)
        self.scores.setColumnCount(k)
        self.scores.setHorizontalHeaderLabels(g.names)
        for i in range(k):
            for r, value in enumerate((scores.precision[i], scores.recall[i], scores.f1[i])):
                self._score(r, i, "—" if math.isnan(value) else f"{value:.2f}")
            self._score(3, i, f"{int(scores.support[i]):,}")
        _fit(self.matrix, self.scores, k)
        total = int(counts.sum())
        if not total:
            self.note.setText(translate("companions.metrics_view", "This split has no examples."))
            return
        if self.split == "train":
            text = translate("companions.metrics_view",
                             "{right} of {total} training examples right at epoch {epoch}.")
        else:
            text = translate("companions.metrics_view",
                             "{right} of {total} test examples right at epoch {epoch}.")
        self.note.setText(text.format(right=f"{int(np.trace(counts)):,}", total=f"{total:,}",
                                      epoch=f"{self.model.document.epoch:,}"))

    def _score(self, r: int, i: int, text: str) -> None:
        """Row r (precision, recall, F1, examples) of class i."""
        item = self.scores.item(r, i)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.scores.setItem(r, i, item)
        item.setText(text)

    # ----------------------------------------------------------------- clicking
    def _on_cell(self, i: int, j: int) -> None:
        cell = (self.group, self.split, i, j)
        self.selected = None if self.selected == cell else cell
        self._draw()
        self._send_rows()

    def selected_rows(self) -> np.ndarray | None:
        """Dataset rows of the chosen cell as the shown split counts them now."""
        if self.selected is None or not self.groups:
            return None
        g, split, i, j = self.selected
        if g >= len(self.groups):
            return None
        grp = self.groups[g]
        return grp.rows[split][metrics.cell_rows(grp.true[split], grp.pred[split], i, j)]

    def _send_rows(self) -> None:
        self.cellRows.emit(self.selected_rows())


def _fit(matrix: QTableWidget, scores: QTableWidget, k: int) -> None:
    """Both tables exactly as tall as their rows (nothing scrolls), rows a little
    tighter for many classes, and the row titles equally wide, so that each class's
    scores sit in its matrix column."""
    line = matrix.fontMetrics().height()
    row = line + (6 if k <= ROOMY else 1)
    width = max(matrix.verticalHeader().sizeHint().width(),
                scores.verticalHeader().sizeHint().width())
    for table, rows in ((matrix, k), (scores, len(SCORE_ROWS))):
        header = table.horizontalHeader()
        table.verticalHeader().setMinimumSectionSize(row)
        table.verticalHeader().setDefaultSectionSize(row)
        table.verticalHeader().setFixedWidth(width)
        header.setFixedHeight(row)
        shown = rows + (not header.isHidden())
        table.setFixedHeight(row * shown + 2 * table.frameWidth())


def _blend(level: float) -> QColor:
    """White for an empty share, the hot colour for a whole row."""
    level = min(max(level, 0.0), 1.0)
    return QColor(round(255 + (HOT.red() - 255) * level),
                  round(255 + (HOT.green() - 255) * level),
                  round(255 + (HOT.blue() - 255) * level))
