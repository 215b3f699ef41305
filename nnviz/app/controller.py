"""Connects the document to the training worker, both ways.

Edits become worker commands (structure → a new plan, weights → new parameters,
settings → new settings, data → a restart); snapshots come back, are checked
against the latest edit (an older snapshot is dropped, so an edit is never
overwritten by weights trained before it) and written into the document.

The check is a generation number: every document change moves it on, whether or
not the engine is told (a draft that cannot train is not sent), and only the
messages that hand the engine the document's state carry it. A snapshot from
before any change, seen or unseen, therefore never matches.
"""

from __future__ import annotations

import copy
import time

from PySide6.QtCore import QObject, QTimer, Signal

from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.worker import TrainingWorker
from nnviz.core.commands import (
    DATASET,
    PARAMS,
    SETTINGS,
    STRUCTURE,
    TRAINING,
    Batch,
    Change,
    SetAttribute,
    SetTraining,
    set_parameters,
)
from nnviz.core.init import initialized
from nnviz.core.session import Snapshot
from nnviz.core.training import History

APPLY_INTERVAL = 0.125  # seconds between snapshots applied to the document while playing
CANVAS_DELAY_MS = 20  # after a snapshot, when its weights go to the canvas (see _on_snapshot)
# The kinds of change that alter what the engine trains or what its snapshots carry.
ENGINE_KINDS = frozenset({STRUCTURE, PARAMS, SETTINGS, DATASET, TRAINING})
# Titles, translated where shown (the training panel's speed menu).
SPEEDS = {"1 epoch/s": 1.0, "3 epochs/s": 3.0, "10 epochs/s": 10.0, "30 epochs/s": 30.0,
          "100 epochs/s": 100.0, "Fastest": None}
_SPEED_TITLES = (QT_TRANSLATE_NOOP("controller", "1 epoch/s"),
                 QT_TRANSLATE_NOOP("controller", "3 epochs/s"),
                 QT_TRANSLATE_NOOP("controller", "10 epochs/s"),
                 QT_TRANSLATE_NOOP("controller", "30 epochs/s"),
                 QT_TRANSLATE_NOOP("controller", "100 epochs/s"),
                 QT_TRANSLATE_NOOP("controller", "Fastest"))
# Play starts at a speed a class can watch: "Fastest" ran 2,400 epochs in 5 s, a loss
# curve of one spike and a flat line. At 30 epochs/s the playground's circle is learnt
# in a few seconds, each change visible.
DEFAULT_SPEED = 30.0


class TrainingController(QObject):
    snapshot = Signal(object)  # every accepted Snapshot (plots, numbers)
    snapshotApplied = Signal(object)  # a Snapshot whose weights went into the document
    playingChanged = Signal(bool)
    status = Signal(str)  # messages for the status bar
    trainableChanged = Signal(bool)
    problemChanged = Signal(object)  # why the document cannot train now (str), or None

    def __init__(self, model: DocumentModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.worker = TrainingWorker()
        self.worker.snapshotReady.connect(self._on_snapshot)
        self.worker.failed.connect(self._on_failed)
        self.worker.died.connect(self._on_died)
        self.engine_down: str | None = None  # why the engine died, until it is revived
        self.latest: Snapshot | None = None
        self.playing = False
        self.trainable = False
        self.problem: str | None = None
        self.sample: int | None = None
        self.speed: float | None = DEFAULT_SPEED  # epochs per second; None: as fast as it can
        self._generation = 0
        self._history = History()
        self._applied_at = 0.0
        self._received = 0  # snapshots taken, numbered, so a late apply never wins
        self._applied_number = 0
        # (epoch, weights, biases, alphas) of the best epoch so far, for Restore Best Weights.
        self.best: tuple | None = None
        self._replaced = False
        model.changed.connect(self._on_change)
        model.replaced.connect(self._on_replaced)
        self.worker.start()
        self.set_speed(self.speed)
        self.restart()

    # ------------------------------------------------------------ commands
    def _on_replaced(self) -> None:
        """Another document: nothing of the old run (its rows, its highlighted example) stays."""
        self.latest = None
        self.sample = None
        self._history = History()
        self.restart()
        # The "structure" change that follows a replace is this new document itself, all
        # of which restart() has just sent (its optimiser state included).
        self._replaced = True

    def restart(self) -> None:
        """Send the whole document to the worker: a fresh session."""
        doc = self.model.document
        self._set_playing(False)
        # A new generation even when the engine is not restarted (the document cannot be
        # trained yet): snapshots of the old session still on their way are dropped, so
        # they never write the old run's epoch and history into this document.
        self._generation += 1
        self.best = None
        self._revive()
        if not self._check():
            return
        try:
            dataset = doc.build_dataset()
        except ValueError as exc:
            self._refuse(str(exc))
            return
        self._history = copy.deepcopy(doc.history)
        self.worker.send("start", self._generation, doc.network.copy(), dataset,
                         copy.deepcopy(doc.settings), copy.deepcopy(doc.history), doc.epoch,
                         copy.deepcopy(doc.optimizer_state))
        self.worker.send("sample", self.sample if self.sample is not None and
                         self.sample < dataset.n else None)

    def _check(self) -> bool:
        problems = self.model.document.problems()  # the network, and how it fits the data
        if problems:
            self._refuse(translate("controller",
                                   "Cannot train yet: {problem}").format(problem=problems[0]))
            return False
        if not self.trainable:
            self.trainable, self.problem = True, None
            self.trainableChanged.emit(True)
            self.problemChanged.emit(None)
        return True

    def _refuse(self, message: str) -> None:
        self._set_playing(False)
        self.worker.send("pause")
        changed = message != self.problem
        self.problem = message
        if self.trainable:
            self.trainable = False
            self.trainableChanged.emit(False)
        if changed:  # every view of it describes the draft as it is now
            self.problemChanged.emit(message)
        self.status.emit(message)

    def _on_change(self, change: Change) -> None:
        doc = self.model.document
        if self._replaced:
            self._replaced = False
            if change.kinds == {STRUCTURE}:
                return
        if not change.kinds & ENGINE_KINDS:
            return  # layout, labels, view: nothing a snapshot carries or depends on
        # The optimiser's state belongs to the weights and settings it was saved with; the
        # engine's next snapshot brings the state that fits the edited ones.
        doc.optimizer_state = None
        if change.kinds & {DATASET, TRAINING} or (change.kind in (STRUCTURE, SETTINGS)
                                                  and not self.trainable):
            # New data, another epoch and history (Reset, its undo), or a draft that
            # may have become trainable: the engine starts over from the document.
            self.restart()
            return
        self._generation += 1  # before anything is sent: a refusal sends "pause" too
        if change.kinds & {STRUCTURE, SETTINGS} and not self._check():
            return
        if not self.trainable:
            return  # parameters of a draft: the next start sends them
        # A batch may change several kinds (Re-seed: settings and weights): send each.
        if SETTINGS in change.kinds:
            self.worker.send("settings", self._generation, copy.deepcopy(doc.settings))
        if STRUCTURE in change.kinds:  # the new plan takes the network's parameters too
            self.best = None  # weights of another structure
            self.worker.send("network", self._generation, doc.network.copy())
        elif PARAMS in change.kinds:
            self.worker.send("params", self._generation, doc.network.copy())

    def _revive(self) -> bool:
        """Start a new engine if the last one died; True when one was started.

        The new engine starts empty: the caller sends it the document, which holds
        every weight applied so far and every edit made since, so nothing is lost.
        """
        if self.engine_down is None:
            return False
        self.engine_down = None
        self.worker.revive()
        self.status.emit(translate(
                "controller", "The training engine had stopped; restarted it with the document "
                "as it is now."))
        return True

    def _on_died(self, why: str) -> None:
        self._set_playing(False)
        self.engine_down = why
        snap = self.latest
        if snap is not None and snap.generation == self._generation \
                and self._applied_number < self._received:
            # While playing, the document takes a snapshot only every APPLY_INTERVAL: the
            # newest one received goes in now, so the new engine starts from the epoch,
            # weights and history last seen, not from an older epoch under newer rows.
            self._apply(snap, self._received)
            self.snapshotApplied.emit(snap)
        self.status.emit(translate(
            "controller", "Training is unavailable: {why}. It restarts on the next Play, Step or "
            "document opened.").format(why=why))

    def play(self) -> None:
        if self.engine_down is not None:
            self.restart()
        if not self.trainable:
            self.status.emit(self.problem or translate("controller", "Nothing to train"))
            return
        self.worker.send("play")
        self._set_playing(True)

    def pause(self) -> None:
        self.worker.send("pause")
        self._set_playing(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, unit: str = "batch") -> None:
        if self.engine_down is not None:
            self.restart()
        if not self.trainable:
            self.status.emit(self.problem or translate("controller", "Nothing to train"))
            return
        self._set_playing(False)
        self.worker.send("step", unit)

    def set_speed(self, epochs_per_second: float | None) -> None:
        self.speed = epochs_per_second
        self.worker.send("speed", epochs_per_second)

    def rewind(self, epoch: int) -> None:
        """Pause and go back to the checkpoint at or before ``epoch`` (Play resumes there).

        A new generation: snapshots trained before the rewind are dropped on arrival.
        """
        if not self.trainable:
            return
        self.pause()
        self._generation += 1
        self.worker.send("rewind", self._generation, epoch)

    def compute(self, tag: object, function) -> None:
        """Run function(session) in the engine process; the result comes as worker.computed.

        The function travels by pickle: a module-level function (or a functools.partial
        of one), never a closure.
        """
        if self.engine_down is not None:
            self.restart()  # a dead engine would never answer
        self.worker.send("compute", tag, function)

    def select_sample(self, row: int | None) -> None:
        self.sample = row
        self.worker.send("sample", row)

    def reset(self, reseed: bool = False) -> None:
        """Re-initialise the weights (same seed, or a new one) and start the history over."""
        doc = self.model.document
        settings = copy.deepcopy(doc.settings)
        if reseed:
            settings.seed = (settings.seed * 1103515245 + 12345) % (2**31)
        fresh = initialized(doc.network, settings.init, settings.seed)
        self.pause()
        text = (translate("controller", "Re-seed and reset weights") if reseed
                else translate("controller", "Reset weights"))
        # One undo step for weights, epoch and history: undo gives the trained state back.
        commands: list = [SetAttribute(SETTINGS, settings, text)] if reseed else []
        commands += [set_parameters(doc.network, fresh, text), SetTraining(0, History(), text)]
        self.model.push(Batch(commands, text))  # the change restarts the engine

    def restore_best(self) -> bool:
        """Give the network the weights of the best epoch (lowest test loss): one undo step.

        False (and a status message) when there is no best epoch of this network yet."""
        if self.best is None:
            self.status.emit(translate("controller", "No best epoch yet: train first"))
            return False
        epoch, weights, biases, alphas = self.best
        doc = self.model.document
        source = doc.network.copy()
        for key, w in weights.items():
            if key in source.edges:
                source.edges[key].weight = w
        for nid, neuron in source.neurons.items():
            if neuron.role != "input" and nid in biases:
                neuron.bias, neuron.alpha = biases[nid], alphas[nid]
        self.pause()
        text = translate("controller", "Restore best weights (epoch {epoch})").format(epoch=epoch)
        self.model.push(set_parameters(doc.network, source, text))
        self.status.emit(translate(
            "controller", "Restored the weights of epoch {epoch}, the best so far").format(
            epoch=epoch))
        return True

    def shutdown(self) -> None:
        """Stop the engine process and join the worker; call before the window goes away."""
        self.worker.snapshotReady.disconnect(self._on_snapshot)
        self.worker.stop()

    # ------------------------------------------------------------ snapshots
    def _on_snapshot(self, snap: Snapshot) -> None:
        # Ask for the next one only after this one is drawn: the acknowledgement is
        # queued behind the repaints this snapshot causes.
        QTimer.singleShot(0, self.worker.acknowledge)
        if snap.generation != self._generation:
            return  # made before the latest edit
        if snap.history_from == 0:
            self._history = History()
        for i in range(len(snap.history_rows["epoch"])):
            self._history.append(**{k: v[i] for k, v in snap.history_rows.items()})
        self.latest = snap
        self._received += 1
        if snap.new_best is not None:
            self.best = snap.new_best
        if not snap.playing:  # a step, a pause, an edit: into the document at once
            self._apply(snap, self._received)
        if snap.diverged and self.playing:
            self.status.emit(snap.diverged)
            self._set_playing(False)
        elif snap.stopped and self.playing and not snap.playing:
            self.status.emit(snap.stopped[0].upper() + snap.stopped[1:])
            self._set_playing(False)
        self.snapshot.emit(snap)
        if not snap.playing:
            self.snapshotApplied.emit(snap)
        elif time.monotonic() - self._applied_at >= APPLY_INTERVAL:
            # Playing: weights into the document (canvas restyled), then thumbnails, each
            # after a timer rather than a posted call. Qt runs every posted event - the
            # repaints they cause included - in one batch, and a frame due meanwhile
            # would wait for all of it (tests/benchmarks/bench_gui.py measures that).
            # The canvas's turn comes halfway to the next snapshot, so its repaint and
            # this snapshot's plot repaints fall in different frames.
            self._applied_at = time.monotonic()
            number = self._received
            QTimer.singleShot(CANVAS_DELAY_MS, lambda: self._apply_later(snap, number))

    def _apply(self, snap: Snapshot, number: int) -> None:
        self._applied_number = number
        self.model.document.optimizer_state = snap.optimizer_state
        self.model.apply_training(snap.weights, snap.biases, snap.alphas, snap.epoch,
                                  self._history)

    def _apply_later(self, snap: Snapshot, number: int) -> None:
        if snap.generation != self._generation or self._applied_number > number:
            return  # an edit, or a newer snapshot (a pause, a step), came in between
        self._apply(snap, number)
        QTimer.singleShot(1, lambda: self._show_applied(snap, number))

    def _show_applied(self, snap: Snapshot, number: int) -> None:
        if snap.generation == self._generation and self._applied_number == number:
            self.snapshotApplied.emit(snap)

    def _on_failed(self, message: str) -> None:
        self._set_playing(False)
        self.status.emit(message)

    def _set_playing(self, playing: bool) -> None:
        if playing != self.playing:
            self.playing = playing
            self.playingChanged.emit(playing)
