"""Gradient check: backprop next to central finite differences for every parameter.

The numbers are computed in the engine process from its current parameters (a
few hundred forward passes are too many for the GUI thread on a big network).
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.companions.common import caption
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.core.gradcheck import GradCheck
from nnviz.core.jobs import gradcheck_of

GOOD, WARN = 1e-5, 1e-3  # relative error thresholds: agree / look closer / disagree
INTRO = QT_TRANSLATE_NOOP(
        "companions.gradcheck_view", "Compare backpropagation with finite differences.")
COLUMNS = [QT_TRANSLATE_NOOP("companions.gradcheck_view", "Parameter"),
           QT_TRANSLATE_NOOP("companions.gradcheck_view", "Backprop ∂L/∂θ"),
           QT_TRANSLATE_NOOP("companions.gradcheck_view", "Finite difference"),
           "|Difference|",
           QT_TRANSLATE_NOOP("companions.gradcheck_view", "Relative error")]


def gradcheck_job(which: str) -> partial:
    """A picklable function of the engine's session: "sample" or the training set."""
    return partial(gradcheck_of, which)


class GradCheckView(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.request = 0
        self.result: GradCheck | None = None
        self.scope = QComboBox()
        self.scope.addItem(translate("companions.gradcheck_view", "Training set"), "train")
        self.scope.addItem(translate("companions.gradcheck_view", "Highlighted example"), "sample")
        self.run_button = QPushButton(translate("companions.gradcheck_view", "Check gradients"))
        self.run_button.clicked.connect(self.run)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("companions.gradcheck_view", "On:")))
        controls.addWidget(self.scope)
        controls.addStretch(1)
        controls.addWidget(self.run_button)

        self.headline = QLabel(translate("companions.gradcheck_view", INTRO))
        font = QFont()
        font.setPointSize(13)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.detail = caption()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [translate("companions.gradcheck_view", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        table_font = QFont()
        table_font.setPointSize(11)
        self.table.setFont(table_font)

        self.headline.setMinimumHeight(2 * self.headline.fontMetrics().height() + 6)
        self.detail.setMinimumHeight(3 * self.detail.fontMetrics().height() + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.table, 1)
        controller.worker.computed.connect(self._on_computed)
        controller.model.replaced.connect(self.clear)

    def clear(self) -> None:
        """Another document: the old network's gradients go (a check running is ignored)."""
        self.request += 1
        self.result = None
        self.headline.setText(translate("companions.gradcheck_view", INTRO))
        self.detail.setText("")
        self.table.setRowCount(0)

    def run(self) -> None:
        if not self.controller.trainable:
            self.headline.setText(self.controller.problem or translate("companions.gradcheck_view",
                                                                       "Nothing to check yet."))
            return
        self.request += 1
        self.headline.setText(translate("companions.gradcheck_view", "Checking…"))
        self.controller.compute(("gradcheck", self.request),
                                gradcheck_job(self.scope.currentData()))

    def _on_computed(self, tag, result) -> None:
        if not (isinstance(tag, tuple) and tag[0] == "gradcheck" and tag[1] == self.request):
            return
        if isinstance(result, Exception):
            self.headline.setText(translate("companions.gradcheck_view", "Gradient check failed: "
                                                                         "{reason}").format(
                reason=result))
            return
        scope, self.result = result
        self._show(scope, self.result)

    def _show(self, scope: str, result: GradCheck) -> None:
        worst = result.worst
        err = result.max_rel_error
        verdict = (translate("companions.gradcheck_view",
                             "backprop agrees with finite differences") if err < GOOD else
                   translate(
                           "companions.gradcheck_view", "small disagreement (a kink of ReLU or "
                           "step nearby?)") if err < WARN else
                   translate(
                           "companions.gradcheck_view", "backprop and finite differences disagree"))
        self.headline.setText(
            translate("companions.gradcheck_view", "Largest relative error: {error}").format(
                error=f"{err:.2e}")
            + (f" ({worst.name})" if worst else "") + f" — {verdict}")
        examples = (translate("companions.gradcheck_view", "{n} example") if result.examples == 1
                    else translate("companions.gradcheck_view", "{n} examples")).format(
                        n=result.examples)
        self.detail.setText(translate(
            "companions.gradcheck_view", "{n} parameters, loss on {scope} ({examples}) = {loss}. "
            "Finite difference: (L(θ + h) − L(θ − h)) / 2h with h = 10⁻⁶. Relative error: "
            "|difference| / max(|backprop|, |finite difference|).").format(
            n=len(result.rows), scope=scope, examples=examples, loss=f"{result.loss:.6g}"))
        self.table.setRowCount(len(result.rows))
        mono = QFont("monospace")
        mono.setStyleHint(QFont.Monospace)
        mono.setPointSize(11)
        for i, row in enumerate(result.rows):
            cells = [row.name, f"{row.backprop:+.8f}", f"{row.numeric:+.8f}",
                     f"{row.abs_error:.2e}", f"{row.rel_error:.2e}"]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    item.setFont(mono)
                self.table.setItem(i, j, item)
            if row.rel_error >= GOOD:
                color = QColor("#fde2cf") if row.rel_error < WARN else QColor("#f6b7a8")
                self.table.item(i, 4).setBackground(QBrush(color))
        self.table.resizeColumnsToContents()

    def rel_errors(self) -> np.ndarray:
        return np.array([r.rel_error for r in self.result.rows]) if self.result else np.empty(0)
