"""The relay between the GUI and the engine process (``nnviz.core.engine``).

The engine process owns the TrainingSession; this QThread only waits on its pipe
(a blocking read releases the GIL), and turns what arrives into queued Qt signals:
snapshots already unpickled, failures, compute results. The GUI thread never
waits: ``send`` queues a command, a sender thread writes it. ``acknowledge`` tells
the engine the last snapshot is drawn (backpressure). ``stop()`` ends the process
and joins both threads, so nothing outlives the window. An engine that dies
(kill -9, a crash) is reported with ``died``; ``revive()`` starts a fresh one, to
which the caller sends the document's state.
"""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from nnviz.app.i18n import translate
from nnviz.core.engine_process import EngineProcess


class TrainingWorker(QThread):
    snapshotReady = Signal(object)  # a core Snapshot
    failed = Signal(str)  # a message for the user; training is paused
    computed = Signal(object, object)  # (tag, result) of a "compute" command
    died = Signal(str)  # the engine process ended unasked; revive() brings one back

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.engine = EngineProcess()

    # ------------------------------------------------------------ GUI side
    def start(self) -> None:  # noqa: D102 - QThread.start, with the engine process first
        self.engine.start()
        super().start()

    def send(self, name: str, *args) -> None:
        """Queue a command; see ``nnviz.core.engine.Engine.handle`` for the names."""
        self.engine.send(name, *args)

    def acknowledge(self) -> None:
        """The last snapshot is drawn: the engine may send the next one."""
        self.engine.send("ack")

    def stop(self) -> None:
        self.engine.stop()
        self.wait()  # the relay reads end of file once the process is gone

    @property
    def engine_alive(self) -> bool:
        return self.engine.alive() and not self.engine.stopping

    def revive(self) -> None:
        """A fresh engine process and relay after the old engine died (it starts empty).

        The relay thread ends on the dead engine's end of file; it is joined first,
        so only one thread ever reads a pipe.
        """
        self.wait()
        self.engine.stop()  # joins the dead process and closes its pipes
        self.engine = EngineProcess()
        self.start()

    # ---------------------------------------------------------- relay side
    def run(self) -> None:
        while (message := self.engine.receive()) is not None:
            kind = message[0]
            if kind == "snapshot":
                self.snapshotReady.emit(message[1])
            elif kind == "failed":
                self.failed.emit(message[1])
            elif kind == "computed":
                self.computed.emit(message[1], message[2])
        if not self.engine.stopping:  # not asked to go: say so rather than go quiet
            why = self.engine.exit_description()
            self.failed.emit(translate("worker", "Training is unavailable: {why}.").format(why=why))
            self.died.emit(why)
