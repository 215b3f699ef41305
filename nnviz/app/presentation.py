"""Presentation mode (F5): full screen, everything larger, editing chrome hidden.

Everything visible grows by one factor: the application font (every widget that follows
it), text sized on its own (plot axes, legends, the formula dock and the backward card
read ``uiscale``), and canvas strokes (edges, neuron outlines) through the canvas
style's stroke hook. The editing toolbar and the data, training and inspector docks
hide; the output dock and the run bar (Play/Pause, Step, the large epoch counter)
stay. Shortcuts live on the window, so Space and the arrows keep working; Escape or
F5 leaves. The factor is a preference
(Edit → Preferences…), saved with QSettings as ``presentation/scale``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QToolBar,
)

from nnviz.app import uiscale
from nnviz.app.canvas import style as canvas_style
from nnviz.app.i18n import translate

DEFAULT_SCALE = 1.5
HIDDEN_DOCKS = ("training", "data", "inspector")
# The loss curve is read from the back of the room: at 1280×720 the plot under the region
# map got ~110 px. The output dock gives it at least this; the region map takes the rest.
LOSS_PLOT_MIN = 220


def scale_setting() -> float:
    return float(QSettings().value("presentation/scale", DEFAULT_SCALE))


class Presentation:
    def __init__(self, window) -> None:
        self.window = window
        self.active = False
        self._saved: dict = {}
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.escape.setEnabled(False)
        self.escape.activated.connect(self.leave)
        self._watched: object | None = None

    def _sync_escape(self, *_args: object) -> None:
        """Escape leaves presentation mode, unless a step-through takes it (two shortcuts
        on one key are ambiguous to Qt: neither would fire). Then the next one leaves."""
        other = getattr(self.window, "actions_", {}).get("bp_leave")
        if other is not None and other is not self._watched:
            other.enabledChanged.connect(self._sync_escape)
            self._watched = other
        self.escape.setEnabled(self.active and not (other is not None and other.isEnabled()))

    def _set_scale(self, value: float) -> None:
        uiscale.set_factor(value)  # the formula dock and the backward card listen
        # The plots are restyled here rather than on the signal: pyqtgraph deletes a
        # closed plot's items while its widget may live on until deleteLater runs.
        for plot in (self.window.loss_plot, self.window.decision_plot):
            plot.restyle()

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self, factor: float | None = None) -> None:
        if self.active:
            return
        w = self.window
        factor = factor or scale_setting()
        app = QApplication.instance()
        self._saved = {
            "font": QFont(app.font()), "maximized": w.isMaximized(),
            "fullscreen": w.isFullScreen(), "factor": factor,
            "bars": {b: b.isVisible() for b in w.findChildren(QToolBar)
                     if b is not getattr(w, "run_bar", None)},
            "docks": {k: w.docks[k].isVisible() for k in HIDDEN_DOCKS if k in w.docks},
        }
        font = QFont(app.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        app.setFont(font)
        for bar in self._saved["bars"]:
            bar.hide()
        for key in self._saved["docks"]:
            w.docks[key].hide()
        if getattr(w, "run_bar", None) is not None:
            w.run_bar.show()
        loss = w.loss_plot.plot_widget
        self._saved["loss_min"] = loss.minimumHeight()
        loss.setMinimumHeight(max(LOSS_PLOT_MIN, loss.minimumHeight()))
        self._saved["scale"] = uiscale.factor()
        self._set_scale(self._saved["scale"] * factor)
        self._saved["strokes"] = canvas_style.stroke_scale()
        canvas_style.set_stroke_scale(self._saved["strokes"] * factor)
        w.view.canvas.restyle()
        self.active = True
        self._sync_escape()
        w.showFullScreen()
        w.view.fit()
        w.show_message(translate("presentation", "Presentation mode: Escape or F5 leaves"))

    def leave(self) -> None:
        if not self.active:
            return
        w, s = self.window, self._saved
        QApplication.instance().setFont(s["font"])
        for bar, visible in s["bars"].items():
            bar.setVisible(visible)
        for key, visible in s["docks"].items():
            w.docks[key].setVisible(visible)
        w.loss_plot.plot_widget.setMinimumHeight(s["loss_min"])
        self._set_scale(s["scale"])
        canvas_style.set_stroke_scale(s["strokes"])
        w.view.canvas.restyle()
        self.active = False
        self._sync_escape()
        if s["fullscreen"]:
            return
        w.showMaximized() if s["maximized"] else w.showNormal()
        w.view.fit()


class PreferencesDialog(QDialog):
    """Presentation font scale and theme, saved with QSettings."""

    def __init__(self, parent=None) -> None:
        from nnviz.app import theme

        super().__init__(parent)
        self.setWindowTitle(translate("presentation", "Preferences"))
        self.scale = QDoubleSpinBox(minimum=1.0, maximum=3.0, singleStep=0.25,
                                    value=scale_setting(), suffix=" ×")
        self.theme = QComboBox()
        for t in theme.THEMES.values():
            self.theme.addItem(translate("theme", t.title), t.name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(
            QSettings().value("appearance/theme", "light"))))
        form = QFormLayout(self)
        form.addRow(translate("presentation", "Presentation scale:"), self.scale)
        form.addRow(translate("presentation", "Theme:"), self.theme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        QSettings().setValue("presentation/scale", self.scale.value())
        QSettings().setValue("appearance/theme", self.theme.currentData())


def restore_preferences(window) -> None:
    """At start: the theme chosen in Preferences last time (the projector's, say)."""
    from nnviz.app import theme

    name = QSettings().value("appearance/theme", "light")
    if name in theme.THEMES and name != theme.current().name:
        theme.apply_to_window(window, name, QApplication.instance())


def preferences(window) -> None:
    from nnviz.app import theme

    dialog = PreferencesDialog(window)
    if dialog.exec():
        dialog.save()
        theme.apply_to_window(window, dialog.theme.currentData(), QApplication.instance())
