"""The open document as Qt sees it: core commands under a QUndoStack, change signals.

Views never edit the network themselves: they build a core command
(``nnviz.core.commands``) and ``push`` it here. A command that the core refuses
(a cycle, an edge into an input) is not applied and its message goes out on
``message`` for the status bar; the document is untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nnviz.core.commands import PARAMS, Change, Command
from nnviz.core.document import Document, save
from nnviz.core.network import Network


class _UndoCommand(QUndoCommand):
    """Wraps a core command; the first redo is skipped because push applied it already."""

    def __init__(self, model: DocumentModel, command: Command) -> None:
        super().__init__(command.text)
        self.model, self.command = model, command
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.model._emit(self.command.apply(self.model.document))

    def undo(self) -> None:
        self.model._emit(self.command.undo(self.model.document))

    def id(self) -> int:
        key = self.command.merge_key
        return -1 if key is None else hash(key) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        return isinstance(other, _UndoCommand) and self.command.merge(other.command)


class DocumentModel(QObject):
    edited = Signal()  # an edit, undo or redo is about to be announced on ``changed``
    changed = Signal(object)  # a core Change, after every edit, undo and redo
    trained = Signal()  # parameters, epoch or history moved on by training
    replaced = Signal()  # a different document (New, Open, restore)
    pathChanged = Signal(str)
    modifiedChanged = Signal(bool)
    message = Signal(str)  # something the user should read in the status bar

    def __init__(self, document: Document, path: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(1000)
        self._unsaved_outside_undo = False
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._was_modified = False

    @property
    def network(self) -> Network:
        return self.document.network

    # -------------------------------------------------------------- editing
    def push(self, command: Command) -> bool:
        """Apply a command and record it for undo; False (and a message) if refused."""
        try:
            change = command.apply(self.document)
        except (ValueError, KeyError) as exc:
            self.message.emit(str(exc).strip("'\""))
            return False
        self.undo_stack.push(_UndoCommand(self, command))
        self._emit(change)
        return True

    def _emit(self, change: Change) -> None:
        self.edited.emit()  # first: what described the network before is stale now
        self.changed.emit(change)
        self._modified_may_change()

    def apply_training(self, weights: dict, biases: dict, alphas: dict, epoch: int,
                       history) -> None:
        """Take the engine's parameters into the document (not an undo step)."""
        net = self.document.network
        for key, w in weights.items():
            edge = net.edges.get(key)
            if edge is not None:
                edge.weight = w
        for nid, neuron in net.neurons.items():
            if neuron.role != "input" and nid in biases:
                neuron.bias = biases[nid]
                neuron.alpha = alphas[nid]
        changed = epoch != self.document.epoch
        self.document.epoch = epoch
        self.document.history = history
        if changed:
            self._unsaved_outside_undo = True
        self.trained.emit()
        self._modified_may_change()

    # ---------------------------------------------------------- whole files
    def replace(self, document: Document, path: str | None) -> None:
        self.document = document
        self.undo_stack.clear()
        self._unsaved_outside_undo = False
        self.set_path(path)
        self.replaced.emit()
        self.changed.emit(Change("structure"))
        self._modified_may_change()

    def save(self, path: str | None = None, replace_read_only: bool = False) -> None:
        """Save atomically to path (or the current path); raises OSError on failure
        (a read-only file unless ``replace_read_only``)."""
        target = path or self.path
        if not target:
            raise ValueError("no file name to save to")
        save(self.document, target, replace_read_only=replace_read_only)
        self.undo_stack.setClean()
        self._unsaved_outside_undo = False
        self.set_path(target)
        self._modified_may_change()

    def set_path(self, path: str | None) -> None:
        self.path = path
        self.pathChanged.emit(path or "")

    def _on_clean_changed(self, _clean: bool) -> None:
        self._modified_may_change()

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean() or self._unsaved_outside_undo

    def _modified_may_change(self) -> None:
        modified = self.is_modified()
        if modified != self._was_modified:
            self._was_modified = modified
            self.modifiedChanged.emit(modified)

    def mark_unsaved(self) -> None:
        """Count the document as modified though no undo step did it (restored work)."""
        self._unsaved_outside_undo = True
        self._modified_may_change()

    def mark_params(self) -> None:
        """Tell views that parameters changed outside a command (e.g. a reset)."""
        self.changed.emit(Change(PARAMS))
