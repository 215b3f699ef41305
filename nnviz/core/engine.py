"""The training engine's command loop: owns a TrainingSession, takes commands, sends snapshots.

It runs in a child process (see ``engine_process.py``), so training never holds the
GIL the GUI needs. Messages are plain tuples over two one-way pipes:

- in: ``(name, args)``; the names are those of ``Engine.handle``, plus ``"ack"``
  (the GUI has drawn the last snapshot) and ``"quit"``;
- out: ``("snapshot", Snapshot)``, ``("failed", message)``, ``("computed", tag, result)``.

End of file on the command pipe means the parent is gone (even killed with -9):
the loop returns and the process exits by itself.
"""

from __future__ import annotations

import pickle
import signal
import time
import traceback
from multiprocessing.connection import Connection

from nnviz.core import accel
from nnviz.core.session import TrainingSession

SNAPSHOT_INTERVAL = 1 / 24  # seconds between snapshots while playing (plot rate ≥ 20 Hz)
SLICE = 0.012  # seconds of training between looks at the command pipe
MIN_SLICE = 0.002  # ... once a snapshot is due, so that the GUI's ack is seen at once
IDLE_POLL = 0.002  # seconds to wait for a command while paced or waiting for an ack
PIPE_GONE = (EOFError, BrokenPipeError, ConnectionResetError)
# While playing, the neuron maps (a forward pass over the 100×100 grid for every neuron,
# 20-60 ms for 2-8×6-1 on a busy machine) go with a snapshot at most once per this many
# times their own cost: they take at most a fifth of the engine's time, so a deep net's
# maps refresh a few times a second and a small net's with every snapshot. The other
# snapshots carry none and the window keeps the last ones.
GRID_COST_SHARE = 5.0


class Quit(Exception):
    """The parent asked the engine to stop."""


class Engine:
    def __init__(self, commands: Connection, events: Connection) -> None:
        self.commands, self.events = commands, events
        self.session: TrainingSession | None = None
        self.playing = False
        self.epochs_per_second: float | None = None  # None: as fast as possible
        # Backpressure: while playing, a new snapshot waits for the GUI's "ack" of the
        # last one, so the GUI is never flooded; it gets fewer, fresher pictures.
        self.awaiting_ack = False
        self._dirty = False
        self._last_emit = 0.0
        self._play_clock = (time.perf_counter(), 0)  # (start time, epoch at start) for pacing
        self._seconds_per_batch = 1e-3  # measured while playing flat out
        self._grid_due = True  # the next snapshot carries maps (after any command)
        self._last_grid = 0.0  # when maps last went out

    def run(self) -> None:
        """Serve until "quit" or until the parent's end of a pipe closes."""
        try:
            while True:
                self._take_commands()
                trained = False
                if self.playing and self.session is not None:
                    trained = self._train_slice()
                    self._dirty |= trained
                    if self.session.trainer.diverged or self.session.stopped:
                        self.playing = False
                        self._dirty = True
                if not self._maybe_emit() and self.playing and not trained:
                    # Paced below full speed, or waiting for the ack: wait on the pipe
                    # rather than spin, so an ack or a command wakes the loop at once.
                    self.commands.poll(IDLE_POLL)
        except (Quit, *PIPE_GONE):
            return

    # ------------------------------------------------------------ commands
    def _take_commands(self) -> None:
        """Block for a command when idle; then apply everything queued before training on."""
        if self.session is None:
            self._dirty = False  # nothing to show yet (a refused start)
        if not self.playing and not self._dirty:
            self._apply(self.commands.recv())
        while self.commands.poll(0):
            self._apply(self.commands.recv())

    def _apply(self, message: tuple) -> None:
        name, args = message
        if name == "quit":
            raise Quit
        if name == "ack":
            self.awaiting_ack = False
            return
        try:
            was_playing = self.playing
            changed = self.handle(name, args)
            self._dirty |= changed
            self._grid_due |= changed
            if self.playing and not was_playing and self.session:
                self._play_clock = (time.perf_counter(), self.session.trainer.epoch)
        except Exception as exc:  # noqa: BLE001 - reported to the user, not lost
            self.playing = False
            self._dirty = True
            self._post("failed", describe(exc))

    def handle(self, name: str, args: tuple) -> bool:
        """Apply one command; True when the state the GUI shows changed."""
        s = self.session
        if name == "speed":  # the pace of Play, kept across sessions (also before the first)
            self.epochs_per_second = args[0]
            return False
        # Commands that change what the snapshots show carry a generation number
        # first, so that the GUI can drop snapshots made before them.
        if name in ("start", "network", "settings"):
            self._seconds_per_batch = 1e-3  # another network or batch: measure afresh
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
        elif name == "settings":  # (generation, settings)
            s.set_settings(args[1])
            s.generation = args[0]
        elif name == "play":
            self.playing = not s.trainer.diverged
            s.stopped = None  # Play again after a stop: the rules look at the next epoch
        elif name == "pause":
            self.playing = False
        elif name == "step":
            self.playing = False
            s.step(args[0])
        elif name == "sample":
            s.sample = args[0]
        elif name == "refresh":
            pass
        elif name == "rewind":  # (generation, epoch): back to a recorded checkpoint
            self.playing = False
            s.rewind(args[1])
            s.generation = args[0]
        elif name == "compute":  # (tag, picklable function of the session)
            # Companion views (error surface, gradient check) ask for a pure
            # computation on the current parameters; nothing the snapshots show changes.
            try:
                result = args[1](s)
            except Exception as exc:  # noqa: BLE001 - the asking view reports it
                result = portable(exc)
            self._post("computed", args[0], result)
            return False
        else:
            raise ValueError(f"unknown engine command {name!r}")
        return True

    # ------------------------------------------------------------ training
    def _train_slice(self) -> bool:
        session = self.session
        assert session is not None
        start = time.perf_counter()
        # End the slice when the next snapshot is due: a whole SLICE after it would
        # put snapshots 48 ms apart (21 Hz) instead of 1/24 s.
        end = min(start + SLICE, max(self._last_emit + SNAPSHOT_INTERVAL, start + MIN_SLICE))
        trained = False
        while time.perf_counter() < end:
            if self.epochs_per_second is not None:
                t0, e0 = self._play_clock
                allowed = e0 + int((time.perf_counter() - t0) * self.epochs_per_second) + 1
                if session.trainer.epoch >= allowed:
                    break
                # Slow speeds move in batches so the picture changes smoothly.
                session.step("batch" if self.epochs_per_second <= 10 else "epoch")
            else:
                # Flat out: as many batches per call as fit in what is left of the slice
                # (one call trains many in the compiled kernel), from the measured rate.
                t0 = time.perf_counter()
                made, _ = session.advance(self._batches_for(end - t0))
                if made:
                    per, was = (time.perf_counter() - t0) / made, self._seconds_per_batch
                    # Up at once (a slower network must not overrun the slice), down gently.
                    self._seconds_per_batch = per if per > was else 0.7 * was + 0.3 * per
            trained = True
            if session.trainer.diverged or session.stopped:
                break
        return trained

    def _batches_for(self, seconds: float) -> int:
        return max(1, min(100_000, int(seconds / max(self._seconds_per_batch, 1e-7))))

    # ------------------------------------------------------------ snapshots
    def _maybe_emit(self) -> bool:
        now = time.perf_counter()
        if self._dirty and self.session is not None and (not self.playing or (
            now - self._last_emit >= SNAPSHOT_INTERVAL and not self.awaiting_ack
        )):
            self.awaiting_ack = True
            with_grid = self._grid_due or not self.playing or (
                now - self._last_grid >= GRID_COST_SHARE * self.session.grid_seconds)
            self._post("snapshot", self.session.snapshot(playing=self.playing,
                                                         with_grid=with_grid))
            self._last_emit, self._dirty = now, False
            if with_grid:
                self._grid_due, self._last_grid = False, now
            return True
        return False

    def _post(self, kind: str, *payload: object) -> None:
        try:
            self.events.send((kind, *payload))
        except PIPE_GONE:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a compute result that cannot be pickled
            if kind != "computed":
                raise
            self.events.send((kind, payload[0], portable(exc)))


def serve(commands: Connection, events: Connection) -> None:
    """Entry point of the engine process."""
    # Ctrl+C in a terminal reaches the whole process group: the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Compile (or read from the disk cache) the training kernel in the background;
    # training runs in NumPy until it is ready, so nothing waits for the compiler.
    accel.start_loading()
    try:
        Engine(commands, events).run()
    finally:
        commands.close()
        events.close()


def describe(exc: Exception) -> str:
    """A message for the user: a ValueError says what is wrong, anything else is a bug."""
    if isinstance(exc, ValueError):
        return str(exc)
    return f"training stopped: {type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=3)


def portable(exc: Exception) -> Exception:
    """The exception itself if it survives pickling, else a RuntimeError saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - custom constructors may not unpickle
        return RuntimeError(f"{type(exc).__name__}: {exc}")
