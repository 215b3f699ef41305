"""The training thread: owns the TrainingSession, takes commands, sends snapshots.

The GUI thread never waits on it. Commands go in through a thread-safe queue;
immutable Snapshots come out through a queued Qt signal at most ~30 times a
second (and after every single step). Exceptions travel back as a signal.
``stop()`` ends the loop and joins the thread, so no thread outlives the window.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback

from PySide6.QtCore import QThread, Signal

from nnviz.core.session import TrainingSession

SNAPSHOT_INTERVAL = 1 / 24  # seconds between snapshots while playing (plot rate ≥ 20 Hz)
SLICE = 0.012  # seconds of training between looks at the command queue


class TrainingWorker(QThread):
    snapshotReady = Signal(object)  # a core Snapshot
    failed = Signal(str)  # a message for the user; training is paused
    computed = Signal(object, object)  # (tag, result) of a "compute" command

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._commands: queue.SimpleQueue = queue.SimpleQueue()
        self.session: TrainingSession | None = None  # touched by the worker thread only
        self.playing = False
        self.epochs_per_second: float | None = None  # None: as fast as possible
        self.step_unit = "batch"
        # Set by the GUI once it has drawn the last snapshot (see TrainingController).
        self.snapshot_taken = threading.Event()
        self.snapshot_taken.set()

    # ------------------------------------------------------------ GUI side
    def send(self, name: str, *args) -> None:
        """Queue a command; see ``_handle`` for the names."""
        self._commands.put((name, args))

    def stop(self) -> None:
        self.send("quit")
        self.wait()

    # --------------------------------------------------------- worker side
    def run(self) -> None:
        last_emit = 0.0
        dirty = False
        play_clock = (time.perf_counter(), 0)  # (start time, epoch at start) for pacing
        while True:
            timeout = None if not self.playing else 0.0
            try:
                name, args = self._commands.get(timeout=timeout) if timeout is None \
                    else self._commands.get_nowait()
            except queue.Empty:
                name = None
            if name == "quit":
                return
            if name is not None:
                try:
                    was_playing = self.playing
                    dirty |= self._handle(name, args)
                    if self.playing and not was_playing and self.session:
                        play_clock = (time.perf_counter(), self.session.trainer.epoch)
                except Exception as exc:  # noqa: BLE001 - reported to the user, not lost
                    self.playing = False
                    self.failed.emit(_describe(exc))
                    dirty = True
                while True:  # drain everything queued before training further
                    try:
                        name, args = self._commands.get_nowait()
                    except queue.Empty:
                        break
                    if name == "quit":
                        return
                    try:
                        dirty |= self._handle(name, args)
                    except Exception as exc:  # noqa: BLE001
                        self.playing = False
                        self.failed.emit(_describe(exc))
            trained = False
            if self.playing and self.session is not None:
                trained = self._train_slice(play_clock)
                dirty |= trained
                if self.session.trainer.diverged:
                    self.playing = False
                    dirty = True
            now = time.perf_counter()
            # While playing, a new snapshot waits until the GUI has drawn the last one:
            # the GUI is never flooded, it just gets fewer, fresher pictures.
            if dirty and self.session is not None and (not self.playing or (
                now - last_emit >= SNAPSHOT_INTERVAL and self.snapshot_taken.is_set()
            )):
                self._emit()
                last_emit, dirty = now, False
            elif self.playing and not trained:
                # Paced below full speed, or waiting for the GUI to take a snapshot:
                # sleep rather than spin, which would hold the GIL the GUI needs.
                time.sleep(0.002)

    def _train_slice(self, play_clock: tuple[float, int]) -> bool:
        session = self.session
        assert session is not None
        start = time.perf_counter()
        trained = False
        while time.perf_counter() - start < SLICE:
            if self.epochs_per_second is not None:
                t0, e0 = play_clock
                allowed = e0 + int((time.perf_counter() - t0) * self.epochs_per_second) + 1
                if session.trainer.epoch >= allowed:
                    break
                # Slow speeds move in batches so the picture changes smoothly.
                session.step("batch" if self.epochs_per_second <= 10 else "epoch")
            else:
                session.step("batch")
            # Releasing the GIL after each batch lets a waiting GUI thread in at once
            # instead of after the switch interval. Measured (tests/benchmarks/bench_gui.py):
            # frame median 33-65 ms with it, 86-92 ms without; training slows to ~20 %
            # of headless against ~50 %. The window staying responsive comes first.
            time.sleep(0)
            trained = True
            if session.trainer.diverged:
                break
        return trained

    def _emit(self) -> None:
        assert self.session is not None
        self.snapshot_taken.clear()
        self.snapshotReady.emit(self.session.snapshot(playing=self.playing))

    def _handle(self, name: str, args: tuple) -> bool:
        """Apply one command; True when the state the GUI shows changed."""
        s = self.session
        # Commands that change what the snapshots show carry a generation number
        # first, so that the GUI can drop snapshots made before them.
        if name == "start":  # (generation, network, dataset, settings, history, epoch)
            if s is None:
                s = self.session = TrainingSession(*args[1:])
            else:
                s.restart(*args[1:])
            s.generation = args[0]
            self.playing = False
        elif s is None:
            return False
        elif name == "network":  # (generation, network)
            s.set_network(args[1])
            s.generation = args[0]
        elif name == "params":  # (generation, network)
            s.set_parameters(args[1])
            s.generation = args[0]
        elif name == "settings":
            s.set_settings(args[0])
        elif name == "play":
            self.playing = not s.trainer.diverged
        elif name == "pause":
            self.playing = False
        elif name == "step":
            self.playing = False
            s.step(args[0])
        elif name == "speed":
            self.epochs_per_second = args[0]
            return False
        elif name == "sample":
            s.sample = args[0]
        elif name == "refresh":
            pass
        elif name == "rewind":  # (generation, epoch): back to a recorded checkpoint
            self.playing = False
            s.rewind(args[1])
            s.generation = args[0]
        elif name == "compute":  # (tag, function of the session): off the GUI thread
            # Companion views (error surface, gradient check) ask for a pure
            # computation on the current parameters; nothing the snapshots show changes.
            try:
                result = args[1](s)
            except Exception as exc:  # noqa: BLE001 - the asking view reports it
                result = exc
            self.computed.emit(args[0], result)
            return False
        else:
            raise ValueError(f"unknown worker command {name!r}")
        return True


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValueError):
        return str(exc)
    return f"training stopped: {type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=3)
