"""The main window: the network canvas in the centre, panels and plots in docks."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFormLayout,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QWidget,
)

from nnviz.app import drops
from nnviz.app.about import show_about
from nnviz.app.actions import build_actions, name_tool_buttons
from nnviz.app.backward import install as install_backward
from nnviz.app.canvas.view import NetworkView
from nnviz.app.companions import install as install_companions
from nnviz.app.controller import TrainingController
from nnviz.app.docmodel import DocumentModel
from nnviz.app.files import FileManager
from nnviz.app.i18n import translate
from nnviz.app.panels.dataset_panel import DatasetPanel
from nnviz.app.panels.inspector import Inspector
from nnviz.app.panels.training_panel import TrainingPanel
from nnviz.app.panels.widgets import install_wheel_guard
from nnviz.app.plots.decision_plot import DecisionPlot
from nnviz.app.plots.loss_plot import LossPlot
from nnviz.app.presentation import restore_preferences
from nnviz.app.recovery import RecoveryWriter
from nnviz.app.window_geometry import current_screen, place, remember, screen_key
from nnviz.core import numfmt
from nnviz.core.commands import DATASET, STRUCTURE, Change
from nnviz.core.document import new_document

STATUS_MS = 8000


def _scrolling(panel: QWidget) -> QScrollArea:
    """Tall panels scroll instead of forcing the window taller than a projector's screen.

    Compact: a form row too wide for the dock puts its field under its label, so a side
    dock needs only its widest widget, not its widest label plus field (the canvas is
    the picture the class looks at)."""
    for form in panel.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    area = QScrollArea()
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    scrollbar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(panel.minimumSizeHint().width() + scrollbar + 2)
    return area


def dock_widths(width: int) -> tuple[int, int]:
    """The side docks' widths in a window this wide: (left panels, Output).

    The canvas gets about half of any window (it had 547 of 1400 px); the panels stay
    usable, the Output plots large enough to read a decision map."""
    left = min(max(round(width * 0.22), 260), 380)
    output = min(max(round(width * 0.28), 330), 560)
    return left, output


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        install_wheel_guard(QApplication.instance())  # before any panel's widget is polished
        self.model = DocumentModel(new_document(), None, self)
        # First of the replaced signal's slots: the old document's messages go, and what
        # the others say about the new one (e.g. why it cannot be trained yet) stays.
        self.model.replaced.connect(self.statusBar().clearMessage)
        self.controller = TrainingController(self.model, self)
        self.files = FileManager(self)
        self.recovery = RecoveryWriter(self.model, parent=self)
        self.recovery.failed.connect(self.show_message)
        self.setAcceptDrops(True)  # a .nnviz dropped anywhere opens, a .csv imports

        self.view = NetworkView(self)
        self.view.set_document_model(self.model)
        self.setCentralWidget(self.view)
        self.view.setAccessibleName(translate("mainwindow", "Network canvas"))
        self.view.setAccessibleDescription(translate(
            "mainwindow", "The network: neurons in columns, connected by weighted edges"))
        self.inspector = Inspector(self.model, self.controller)
        self.training_panel = TrainingPanel(self.model, self.controller)
        self.dataset_panel = DatasetPanel(self.model)
        self.loss_plot = LossPlot()
        self.decision_plot = DecisionPlot()
        self.plots = QSplitter(Qt.Vertical)
        self.plots.addWidget(self.decision_plot)
        self.plots.addWidget(self.loss_plot)
        self.plots.setStretchFactor(0, 3)
        self.plots.setStretchFactor(1, 2)
        self.docks = {
            "training": self.add_dock(translate("mainwindow", "Training"),
                                      _scrolling(self.training_panel), Qt.LeftDockWidgetArea,
                                      name="Training"),
            "data": self.add_dock(translate("mainwindow", "Data"), _scrolling(self.dataset_panel),
                                  Qt.LeftDockWidgetArea, name="Data"),
            "inspector": self.add_dock(translate("mainwindow", "Inspector"),
                                       _scrolling(self.inspector), Qt.LeftDockWidgetArea,
                                       name="Inspector"),
            "output": self.add_dock(translate("mainwindow", "Output"), self.plots,
                                    Qt.RightDockWidgetArea, name="Output"),
        }
        self.tabifyDockWidget(self.docks["data"], self.docks["inspector"])
        self.docks["data"].raise_()

        self.epoch_label = QLabel()
        self.epoch_label.setMinimumWidth(420)  # text changes must not re-lay out the bar
        self.epoch_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.statusBar().addPermanentWidget(self.epoch_label)
        self.actions_ = build_actions(self)
        name_tool_buttons(self)
        self._connect()
        install_backward(self)  # View → Backward Pass (B), Step Through Backprop (F6)
        install_companions(self)  # surface, feature space, gradient check, history docks
        self._restore_layout()
        restore_preferences(self)
        # The document the window starts with: its epoch is shown before the engine's
        # first snapshot arrives, never an empty status bar.
        self._show_readout(self.model.document.epoch, {})

    def add_dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea,
                 name: str | None = None) -> QDockWidget:
        """A movable, closable dock; its object name lets the saved layout find it.

        ``name`` (default: the title) is that name's stable part: give the English
        title when ``title`` is translated, so a layout saved in one language restores
        in another.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name or title}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetClosable
                         | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        m, c = self.model, self.controller
        m.message.connect(self.show_message)
        c.status.connect(self.show_message)
        # A message describes the network it was written for: an edit, undo or redo
        # clears it, and the views say what is true now (a refusal changes nothing).
        m.edited.connect(self.statusBar().clearMessage)
        self.view.message.connect(self.show_message)
        m.modifiedChanged.connect(self.setWindowModified)
        m.pathChanged.connect(lambda _p: self._update_title())
        m.changed.connect(self._on_change)
        # Every view that holds state of a document resets on this one signal; those
        # made with the model (panels, canvas, companions, backward view) connect
        # themselves, the plots (also used without a window, for exports) here.
        m.replaced.connect(self._on_replaced)
        m.replaced.connect(self.loss_plot.clear)
        m.replaced.connect(self.decision_plot.clear)
        c.snapshot.connect(self._on_snapshot)
        c.trainableChanged.connect(self._on_trainable)
        c.snapshotApplied.connect(self.view.show_snapshot)
        self.view.selectionChanged.connect(self._on_selection)
        self.view.neuronHovered.connect(self.decision_plot.show_map)
        self.decision_plot.sampleClicked.connect(self._select_sample)

    # ------------------------------------------------------------- startup
    def start(self, path: str | None = None) -> None:
        """Open FILE, or offer crash recovery, or open the playground example."""
        if path:
            # Unsaved work on FILE from a crash first, then FILE itself.
            if not self.files.offer_recovery(path) and not self.files.open_path(path, ask=False):
                self.files.open_example("playground", ask=False)
        elif not self.files.offer_recovery():
            self.files.open_example("playground", ask=False)
        if self.files.recovery_note:  # last, so that "Opened …" does not hide it
            self.show_message(self.files.recovery_note)
            self.files.recovery_note = None

    def _on_replaced(self) -> None:
        self._update_title()
        self._show_readout(self.model.document.epoch, {})
        self._refresh_dataset()
        QTimer.singleShot(0, self.view.fit)  # after the layout has sized the view

    def _on_trainable(self, trainable: bool) -> None:
        if not trainable:  # no snapshot comes: the last one's losses describe another draft
            self._show_readout(self.model.document.epoch, {})
            self.loss_plot.drop_current()

    def _on_change(self, change: Change) -> None:
        if change.kind in (DATASET, STRUCTURE):
            self._refresh_dataset()

    def _refresh_dataset(self) -> None:
        try:
            self.decision_plot.set_dataset(self.model.document.build_dataset())
        except ValueError as exc:
            self.show_message(str(exc))

    def _on_snapshot(self, snap) -> None:
        self.loss_plot.show_snapshot(snap)
        self.decision_plot.update_from(snap)
        self._show_readout(snap.epoch, snap.current)

    def _show_readout(self, epoch: int, now: dict[str, float]) -> None:
        text = translate("mainwindow", "Epoch {epoch}").format(epoch=f"{epoch:,}")
        if now:
            text += translate("mainwindow", " · train loss {train} · test loss {test}").format(
                train=numfmt.loss(now["train_loss"]), test=numfmt.loss(now["test_loss"]))
        self.epoch_label.setText(text)

    def _on_selection(self, neuron_ids: list, edge_keys: list) -> None:
        self.inspector.set_selection(neuron_ids, edge_keys)
        if neuron_ids or edge_keys:
            self.docks["inspector"].raise_()

    def _select_sample(self, row: int) -> None:
        self.controller.select_sample(row)
        self.decision_plot.highlight(row)
        self.show_message(translate("mainwindow", "Highlighted example {row}").format(row=row))

    # -------------------------------------------------------------- chrome
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — nnviz")
        self.setWindowModified(self.model.is_modified())

    def _restore_layout(self) -> None:
        """Geometry, docks and plots as last left on this screen (see window_geometry)."""
        settings = QSettings()
        place(self, settings)
        screen = current_screen(self)
        state = settings.value(screen_key(screen, "state"))
        if state is None or not self.restoreState(state):
            # Docks take their sizes only once the window is laid out.
            QTimer.singleShot(0, self.default_layout)
        else:
            # The plots' splitter is not part of the window state: without its own, a
            # restored window split the regions and the loss by size hints (loss larger).
            plots = settings.value(screen_key(screen, "plots"))
            if plots is None or not self.plots.restoreState(plots):
                QTimer.singleShot(0, self._default_plot_sizes)

    def default_layout(self) -> None:
        """The docks' first sizes (no layout saved for this screen yet)."""
        # Maximised, the window may not have its final size yet (the window manager
        # maximises it after it is mapped): lay out for the screen's area then.
        width = (current_screen(self).availableGeometry().width() if self.isMaximized()
                 else self.width())
        left, output = dock_widths(width)
        self.resizeDocks([self.docks["training"], self.docks["output"]], [left, output],
                         Qt.Horizontal)
        self.resizeDocks([self.docks["training"], self.docks["data"]], [430, 400], Qt.Vertical)
        self._default_plot_sizes()
        self.view.fit()

    def _default_plot_sizes(self) -> None:
        self.plots.setSizes([520, 340])  # the decision regions are the larger picture

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.files.maybe_save():  # pauses training while it asks
            event.ignore()
            return
        settings = QSettings()
        remember(self, settings)
        screen = current_screen(self)
        settings.setValue(screen_key(screen, "state"), self.saveState())
        settings.setValue(screen_key(screen, "plots"), self.plots.saveState())
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop the worker and the recovery timer; safe to call twice."""
        if getattr(self, "_shut_down", False):
            return
        self._shut_down = True
        # Its non-modal dialogs go with the window (an export in progress is cancelled).
        for dialog in self.findChildren(QDialog):
            dialog.close()
        self.recovery.stop()
        self.controller.shutdown()

    def about(self):
        return show_about(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if drops.dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = drops.dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            # After the drop returns: a dialog opened inside it would hold the drag source.
            QTimer.singleShot(0, lambda: drops.take_drop(self, path))
