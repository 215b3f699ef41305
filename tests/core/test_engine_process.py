"""The engine process: commands in, snapshots out, backpressure, jobs, failures, lifecycle.

Every test starts a real spawned child (about half a second each), so the engine is
tested exactly as the window uses it, pipes and pickling included.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.engine_process import EngineProcess
from nnviz.core.init import initialized
from nnviz.core.jobs import surface_of
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings

ROOT = Path(__file__).resolve().parents[2]
WAIT = 30.0  # seconds: only a broken engine takes this long


# Jobs run in the child, which imports this module to find them.
def loaded_modules(session) -> list[str]:
    return sorted(sys.modules)


def fail(session):
    raise KeyError("no such weight")


def hang(session):
    time.sleep(600)


@pytest.fixture
def engine():
    e = EngineProcess()
    e.start()
    yield e
    e.stop(drain=True)
    assert not e.alive() and e.process.exitcode == 0  # it quit when asked
    assert not e._sender.is_alive()


def next_message(engine: EngineProcess, kind: str = "snapshot") -> tuple:
    """The next message of this kind; acknowledges every snapshot passed on the way."""
    while True:
        assert engine.poll(WAIT), f"no {kind} message from the engine"
        message = engine.receive()
        assert message is not None, "the engine process ended"
        if message[0] == "snapshot":
            engine.send("ack")
        if message[0] == kind:
            return message


def start(engine: EngineProcess, generation: int = 1, dataset=None) -> None:
    net = initialized(layered([2, 4, 1], "tanh"), "uniform", 1)
    data = dataset if dataset is not None else make_dataset(DatasetSpec("circle"))
    engine.send("start", generation, net, data, TrainingSettings(learning_rate=0.03), None, 0)


def test_commands_in_snapshots_out(engine):
    start(engine)
    snap = next_message(engine)[1]
    assert (snap.generation, snap.epoch, snap.playing) == (1, 0, False)
    assert snap.grid.values.shape == (len(snap.grid.neuron_ids), 100, 100)
    engine.send("step", "epoch")
    assert next_message(engine)[1].epoch == 1
    engine.send("sample", 3)
    snap = next_message(engine)[1]
    assert snap.sample == 3 and snap.trace is not None
    engine.send("play")
    while not (snap := next_message(engine)[1]).epoch >= 5:
        assert snap.playing
    engine.send("pause")
    while (snap := next_message(engine)[1]).playing:
        pass
    engine.send("rewind", 2, 1)
    snap = next_message(engine)[1]
    assert (snap.generation, snap.epoch) == (2, 1)


def test_while_playing_a_new_snapshot_waits_for_the_ack(engine):
    start(engine)
    assert engine.receive()[0] == "snapshot"  # paused: sent without waiting for an ack
    engine.send("ack")
    engine.send("play")
    first = engine.receive()[1]
    assert first.playing
    assert not engine.poll(0.5)  # not acknowledged: nothing more, however long it trains
    engine.send("ack")
    second = engine.receive()[1]
    assert second.epoch > first.epoch  # it trained on meanwhile; the picture is fresh


def test_a_compute_job_returns_its_result_and_its_exception(engine):
    start(engine)
    snap = next_message(engine)[1]
    keys = list(snap.weights)[:2]
    engine.send("compute", "surface", partial(surface_of, 7, keys[0], keys[1], None, 20))
    _, tag, (request, pair, surface) = next_message(engine, "computed")
    assert (tag, request, pair) == ("surface", 7, tuple(keys))
    assert surface.values.shape == (20, 20) and np.isfinite(surface.values).all()
    assert surface.current == (snap.weights[keys[0]], snap.weights[keys[1]])
    engine.send("compute", "bad", fail)
    _, tag, result = next_message(engine, "computed")
    assert tag == "bad" and isinstance(result, KeyError) and "no such weight" in str(result)


def test_a_closure_is_refused_by_send_itself(engine):
    with pytest.raises((AttributeError, TypeError)):  # pickle: "Can't pickle local object"
        engine.send("compute", "x", lambda session: None)


def test_a_refused_start_becomes_a_failed_message_and_the_engine_lives_on(engine):
    net = layered([2, 3], "tanh")  # three outputs for one target column
    engine.send("start", 1, net, make_dataset(DatasetSpec("xor")), TrainingSettings(), None, 0)
    _, message = next_message(engine, "failed")
    assert "3 outputs" in message
    start(engine, generation=2)
    assert next_message(engine)[1].generation == 2
    engine.send("bogus")
    assert "unknown engine command 'bogus'" in next_message(engine, "failed")[1]


def test_the_engine_process_imports_no_qt(engine):
    start(engine)
    engine.send("compute", "modules", loaded_modules)
    modules = next_message(engine, "computed")[2]
    assert "nnviz.core.session" in modules
    assert not [m for m in modules if m.startswith(("PySide6", "shiboken6", "pyqtgraph"))]


def test_send_never_waits_for_the_pipe():
    """Before start() nobody reads the pipe: a blocking write of a big dataset would hang."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200_000, 2))  # 3.2 MB, fifty pipe buffers
    y = (np.hypot(x[:, :1], x[:, 1:]) < 1).astype(float)
    data = Dataset(x, y, "binary", ["x1", "x2"], ["y"],
                   np.arange(150_000), np.arange(150_000, 200_000))
    e = EngineProcess()
    try:
        start(e, generation=3, dataset=data)
        e.start()
        snap = next_message(e)[1]
        assert snap.generation == 3 and snap.grid.extent[0] < x[:, 0].min()
    finally:
        e.stop(drain=True)
    assert not e.alive() and e.process.exitcode == 0


def test_stop_terminates_an_engine_that_does_not_answer():
    e = EngineProcess()
    e.start()
    start(e)
    next_message(e)
    e.send("compute", "forever", hang)
    e.stop(timeout=0.5)  # "quit" waits behind the job: the engine is terminated
    assert e.process.exitcode == -signal.SIGTERM
    assert not e._sender.is_alive()


ORPHAN = r"""
import sys
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.engine_process import EngineProcess
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings
e = EngineProcess()
e.start()
e.send("start", 1, layered([2, 4, 1], "tanh"), make_dataset(DatasetSpec("circle")),
       TrainingSettings(), None, 0)
e.send("play")
assert e.receive()[0] == "snapshot"
print(e.process.pid, flush=True)
sys.stdin.read()  # until killed; the engine trains on meanwhile
"""


def _exited(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")  # dead, not yet reaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfd_open")
def test_an_engine_whose_parent_was_killed_exits_by_itself():
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        child = int(parent.stdout.readline())
        pidfd = os.pidfd_open(child)  # readable once the child has exited
        parent.kill()  # SIGKILL: no atexit, no daemon clean-up, only the closed pipe
        parent.wait()
        readable, _, _ = select.select([pidfd], [], [], WAIT)
        os.close(pidfd)
        assert readable and _exited(child), "the orphaned engine process is still running"
    finally:
        parent.kill()
        parent.wait()
