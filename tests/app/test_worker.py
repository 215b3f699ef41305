"""The worker and its engine process: snapshots arrive, the GUI never waits, nothing
outlives a test."""

from __future__ import annotations

import pytest

from nnviz.app.worker import TrainingWorker
from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings


@pytest.fixture
def worker(qtbot):
    w = TrainingWorker()
    snaps = []

    def take(snapshot):  # the consumer acknowledges each snapshot, as the controller does
        snaps.append(snapshot)
        w.acknowledge()

    w.snapshotReady.connect(take)
    w.snaps = snaps
    w.start()
    yield w
    w.stop()
    assert w.isFinished() and not w.engine.alive()


def start(worker, generation=1, lr=0.03, dataset=None):
    net = initialized(layered([2, 4, 1], "tanh"), "uniform", 1)
    data = dataset or make_dataset(DatasetSpec("circle"))
    worker.send("start", generation, net, data, TrainingSettings(learning_rate=lr), None, 0)
    return net


def test_play_sends_snapshots_with_growing_epochs_and_pause_stops(qtbot, worker):
    start(worker)
    qtbot.waitUntil(lambda: len(worker.snaps) >= 1)
    worker.send("play")
    qtbot.waitUntil(lambda: worker.snaps[-1].epoch >= 5, timeout=10_000)
    worker.send("pause")
    qtbot.waitUntil(lambda: not worker.snaps[-1].playing)
    epoch = worker.snaps[-1].epoch
    worker.send("refresh")
    qtbot.waitUntil(lambda: worker.snaps[-1].playing is False and len(worker.snaps) > 0)
    assert worker.snaps[-1].epoch == epoch


def test_while_playing_a_new_snapshot_waits_for_the_last_to_be_taken(qtbot):
    w = TrainingWorker()
    snaps = []
    w.snapshotReady.connect(snaps.append)  # never acknowledges
    w.start()
    try:
        start(w)
        qtbot.waitUntil(lambda: len(snaps) == 1)  # paused: sent without waiting
        w.acknowledge()
        w.send("play")
        qtbot.waitUntil(lambda: len(snaps) == 2)
        with qtbot.assertNotEmitted(w.snapshotReady, wait=300):
            pass  # the GUI has not taken the last one: nothing floods its queue
        w.acknowledge()
        qtbot.waitUntil(lambda: len(snaps) == 3)
    finally:
        w.stop()


def test_step_units(qtbot, worker):
    start(worker)
    qtbot.waitUntil(lambda: len(worker.snaps) == 1)
    worker.send("step", "sample")
    qtbot.waitUntil(lambda: len(worker.snaps) == 2)
    assert worker.snaps[-1].updates == 1 and worker.snaps[-1].epoch == 0
    worker.send("step", "epoch")
    qtbot.waitUntil(lambda: len(worker.snaps) == 3)
    assert worker.snaps[-1].epoch == 1


def test_generation_tags_every_snapshot_after_an_edit(qtbot, worker):
    net = start(worker, generation=1)
    qtbot.waitUntil(lambda: len(worker.snaps) >= 1)
    key = next(iter(net.edges))
    net.edges[key].weight = 1.25
    worker.send("params", 2, net)
    qtbot.waitUntil(lambda: worker.snaps[-1].generation == 2)
    assert worker.snaps[-1].weights[key] == 1.25


def test_divergence_pauses_and_keeps_finite_weights(qtbot, worker):
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2)) * 1e3
    data = Dataset(x, x.sum(axis=1, keepdims=True) * 1e3, "regression", ["x1", "x2"], ["y"],
                   np.arange(30), np.arange(30, 40))
    net = initialized(layered([2, 1], "identity"), "uniform", 1)
    worker.send("start", 1, net, data, TrainingSettings(learning_rate=10.0), None, 0)
    worker.send("play")
    qtbot.waitUntil(lambda: bool(worker.snaps and worker.snaps[-1].diverged), timeout=10_000)
    snap = worker.snaps[-1]
    assert not snap.playing
    assert "diverged" in snap.diverged
    assert all(np.isfinite(w) for w in snap.weights.values())


def test_bad_start_reports_instead_of_dying(qtbot, worker):
    failures = []
    worker.failed.connect(failures.append)
    net = layered([2, 3], "tanh")  # three outputs
    worker.send("start", 1, net, make_dataset(DatasetSpec("xor")), TrainingSettings(), None, 0)
    qtbot.waitUntil(lambda: bool(failures))
    assert "3 outputs" in failures[0]
    start(worker, generation=2)  # the thread is still alive and works
    qtbot.waitUntil(lambda: bool(worker.snaps) and worker.snaps[-1].generation == 2)


def test_an_engine_that_dies_is_reported_not_silent(qtbot, worker):
    import os
    import signal

    failures = []
    worker.failed.connect(failures.append)
    start(worker)
    qtbot.waitUntil(lambda: len(worker.snaps) >= 1)
    os.kill(worker.engine.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert "killed (signal 9)" in failures[0]
    worker.send("play")  # nobody listens any more; the GUI side must not mind
