"""The parent's handle on the engine process: commands in without blocking, messages out.

The engine (``engine.py``) runs in a child started with the ``spawn`` method: forking a
process with Qt's threads alive is unsafe, and a fresh interpreter has its own GIL,
so training flat out no longer slows the GUI. Two one-way pipes connect them. The
parent keeps only its own ends, so when either side dies the other reads end of file.

The child imports the parent's main script, as spawn always does, unless it is a
``__main__`` module of a package or there is none (``python -c``): a script that
opens the window must do so under ``if __name__ == "__main__":``.

``send`` pickles on the caller's thread (a command that cannot be pickled fails
there, at once) and hands the bytes to a sender thread: writing a large dataset into
a full pipe never blocks the caller. ``receive`` blocks (releasing the GIL) and is
meant for one relay thread.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.reduction import ForkingPickler

from nnviz.core.engine import PIPE_GONE, serve

STOP_TIMEOUT = 3.0  # seconds the engine gets to quit before it is terminated

# The engine's BLAS runs one thread. Its products are small (a batch of 10 through a
# layer of at most a few hundred): a second thread only adds hand-offs, and on a
# 2-core laptop it competes with the window for the other core. Measured under load:
# a batch-10 product through a 256-wide layer took 889 µs with two OpenBLAS threads
# and 111 µs with one (tests/benchmarks/bench_kernel.py --threads reruns it). The
# variables are read when NumPy loads, so they are set for the child only, while it
# starts; the GUI's own BLAS is left as it is. A value the user set is kept.
ENGINE_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                  "VECLIB_MAXIMUM_THREADS": "1", "NUMBA_NUM_THREADS": "1"}


class EngineProcess:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._child_commands, self._commands = ctx.Pipe(duplex=False)
        self._events, self._child_events = ctx.Pipe(duplex=False)
        # daemon: should the parent exit without stop(), multiprocessing ends the child.
        self.process = ctx.Process(target=serve, args=(self._child_commands, self._child_events),
                                   name="nnviz-engine", daemon=True)
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_loop, name="nnviz-engine-sender",
                                        daemon=True)
        self._started = self._stopped = False

    def start(self) -> None:
        with engine_environment():
            self.process.start()
        self._child_commands.close()  # the child has them now; keeping them would
        self._child_events.close()  # hide the child's death (no end of file)
        self._sender.start()
        self._started = True

    def send(self, name: str, *args: object) -> None:
        """Queue a command for the engine; never waits for the pipe."""
        if self._stopped:
            return
        self._outbox.put(ForkingPickler.dumps((name, args)))

    def receive(self) -> tuple | None:
        """The next message from the engine, or None once it has gone (then closed)."""
        try:
            return self._events.recv()
        except PIPE_GONE:
            self._events.close()
            return None
        except Exception as exc:  # noqa: BLE001 - a message that did not unpickle here
            return ("failed", f"engine message lost: {type(exc).__name__}: {exc}")

    def poll(self, timeout: float | None = None) -> bool:
        """True when a message (or the end of file) is waiting within ``timeout`` seconds."""
        return self._events.poll(timeout)

    def stop(self, timeout: float = STOP_TIMEOUT, drain: bool = False) -> None:
        """Ask the engine to quit, terminate it if it does not, and join the sender.

        A snapshot is larger than a pipe buffer: an engine can only quit once its
        last messages are read. The worker's relay thread reads them; a caller
        without one passes ``drain=True`` to have them read and dropped here.
        """
        if self._stopped:
            return
        self.send("quit")
        self._stopped = True
        self._outbox.put(None)
        if drain and self._started:
            deadline = time.monotonic() + timeout
            while (left := deadline - time.monotonic()) > 0 and self.poll(left):
                if self.receive() is None:
                    break
        if self._started:
            self.process.join(timeout)
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(timeout)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self._sender.join()  # a write into a dead child's pipe fails at once
        else:
            self._child_commands.close()
            self._child_events.close()
            self._events.close()
        self._commands.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    @property
    def stopping(self) -> bool:
        """stop() was called: an end of file from here on is expected."""
        return self._stopped

    def exit_description(self) -> str:
        """Why the engine ended, once it has: for a message to the user."""
        self.process.join(STOP_TIMEOUT)
        code = self.process.exitcode
        if code is None:
            return "the training engine stopped answering"
        if code < 0:
            return f"the training engine process was killed (signal {-code})"
        return f"the training engine process exited (status {code})"

    def _send_loop(self) -> None:
        while (data := self._outbox.get()) is not None:
            try:
                self._commands.send_bytes(data)
            except PIPE_GONE:
                return  # the engine is gone; stop() reports nothing more


@contextmanager
def engine_environment() -> Iterator[None]:
    """The environment a spawned engine starts with: one BLAS thread unless the user chose."""
    added = {k: v for k, v in ENGINE_THREADS.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for key in added:
            os.environ.pop(key, None)
