"""The inspector: edit what is selected on the canvas, read its traced numbers.

One neuron, one edge, several items or nothing each get their own page. Every edit is
a core command pushed on the DocumentModel (so it undoes); the pages rebuild
themselves from the document on ``changed``/``replaced`` and take trained values on
``trained``, holding a Guard so that writing a widget never pushes an edit back.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from nnviz.app.controller import TrainingController
from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels.inspector_pages import NeuronPage
from nnviz.app.panels.selection_pages import EdgePage, MultiPage
from nnviz.app.panels.widgets import Guard, MessageLabel, new_run
from nnviz.core.commands import Change, Command
from nnviz.core.session import Snapshot
from nnviz.core.trace import Trace

HINT = (QT_TRANSLATE_NOOP(
        "panels.inspector", "Click a neuron or edge to edit it. Double-click the canvas to add a "
        "neuron; drag from a neuron with the right mouse button to connect."))


class Inspector(QWidget):
    """Properties of the canvas selection; call ``set_selection`` when it changes."""

    def __init__(self, model: DocumentModel, controller: TrainingController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.neuron_ids: list[str] = []
        self.edge_keys: list[tuple[str, str]] = []
        self.guard = Guard()
        self.run = new_run()  # spin-box edits in one run merge into one undo step
        self._pushing = False
        self._trace: Trace | None = None
        self._sample: int | None = None
        self._features: tuple[object, list[str]] = (None, [])

        self.hint = QLabel(translate("panels.inspector", HINT))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setObjectName("inspectorHint")
        self.hint.setStyleSheet("color: palette(placeholder-text); padding: 6px;")
        self.neuron_page = NeuronPage(self)
        self.edge_page = EdgePage(self)
        self.multi_page = MultiPage(self)
        self.stack = QStackedWidget()
        for page in (self.hint, self.neuron_page, self.edge_page, self.multi_page):
            self.stack.addWidget(page)
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.message)
        layout.addStretch(1)

        model.changed.connect(self._on_changed)
        model.replaced.connect(self._on_replaced)
        model.trained.connect(self._on_trained)
        if controller is not None:
            controller.snapshot.connect(self.set_snapshot)
        self.refresh()

    # ------------------------------------------------------------- public
    def set_selection(self, neuron_ids: Iterable[str],
                      edge_keys: Iterable[tuple[str, str]]) -> None:
        self.neuron_ids = list(dict.fromkeys(neuron_ids))
        # Keys may arrive as lists through a Qt signal; the network keys edges by tuples.
        self.edge_keys = list(dict.fromkeys(tuple(k) for k in edge_keys))
        self.run = new_run()
        self.message.clear()
        self.refresh()

    def set_snapshot(self, snapshot: Snapshot | None) -> None:
        """Show the traced example of the latest snapshot (None clears the numbers)."""
        self._trace = snapshot.trace if snapshot is not None else None
        self._sample = snapshot.sample if snapshot is not None else None
        page = self.stack.currentWidget()
        if page is not self.hint:
            page.show_trace(self._trace, self._sample)

    # ------------------------------------------------------------ editing
    def push(self, command: Command) -> bool:
        """Push an edit; refusals appear under the form as well as in the status bar."""
        self._pushing = True
        try:
            ok = self.model.push(command)
        finally:
            self._pushing = False
        if ok:
            self.message.clear()
        return ok

    def refuse(self, text: str) -> None:
        self.message.show_error(text)
        self.model.message.emit(text)

    def end_run(self) -> None:
        """The user finished one spin-box or slider interaction: the next edit is new."""
        self.run = new_run()

    def features(self) -> list[str]:
        """Features an input may read from the current data (cached per dataset)."""
        dataset = self.model.document.dataset
        if self._features[0] is not dataset:
            try:
                names = self.model.document.build_dataset().available_features()
            except ValueError:
                names = []
            self._features = (dataset, names)
        return self._features[1]

    # ----------------------------------------------------------- refreshing
    def refresh(self) -> None:
        net = self.model.network
        # Undo or another view may have removed what was selected.
        self.neuron_ids = [n for n in self.neuron_ids if n in net.neurons]
        self.edge_keys = [k for k in self.edge_keys if k in net.edges]
        count = len(self.neuron_ids) + len(self.edge_keys)
        if count == 0:
            page = self.hint
        elif count > 1:
            page = self.multi_page
        else:
            page = self.neuron_page if self.neuron_ids else self.edge_page
        self.stack.setCurrentWidget(page)
        if page is not self.hint:
            with self.guard.hold():
                page.refresh()
            page.show_trace(self._trace, self._sample)

    def _on_changed(self, change: Change) -> None:
        if not self._pushing:
            self.end_run()  # undo/redo or another view: never merge across it
        self.refresh()

    def _on_replaced(self) -> None:
        self.neuron_ids, self.edge_keys, self._trace = [], [], None
        self.message.clear()
        self.refresh()

    def _on_trained(self) -> None:
        page = self.stack.currentWidget()
        if page is not self.hint:
            with self.guard.hold():
                page.refresh_values()
