"""Neuron maps are computed only when they can differ, and sent while training only as often
as the engine can afford them: counted in forward passes and snapshots, not in time."""

from __future__ import annotations

import threading
from multiprocessing import Pipe

import numpy as np
import pytest

from nnviz.core import engine as engine_module
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.engine import Engine
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings


def session() -> TrainingSession:
    net = initialized(layered([2, 4, 1], "tanh"), "uniform", 1)
    return TrainingSession(net, make_dataset(DatasetSpec("circle")), TrainingSettings())


def counted_forward(s: TrainingSession, monkeypatch) -> list[int]:
    """How many forward passes over the map grid the session makes."""
    calls = []
    plan = s.trainer.plan
    real = plan.forward

    def forward(params, x, *a, **k):
        if len(x) == 100 * 100:
            calls.append(1)
        return real(params, x, *a, **k)
    monkeypatch.setattr(plan, "forward", forward)
    return calls


def test_unchanged_parameters_reuse_the_maps_and_a_step_makes_new_ones(monkeypatch):
    s = session()
    passes = counted_forward(s, monkeypatch)
    first = s.snapshot().grid
    s.sample = 3  # a new traced example: the same parameters
    again = s.snapshot().grid
    assert again is first and len(passes) == 1
    s.step("epoch")
    stepped = s.snapshot().grid
    assert stepped is not first and len(passes) == 2
    fresh = session()
    fresh.step("epoch")
    np.testing.assert_array_equal(stepped.values, fresh.snapshot().grid.values)


@pytest.fixture
def running_engine():
    """An Engine on its own thread with pipes, as the engine process runs it."""
    ours, theirs = Pipe(), Pipe()
    commands_in, commands_out = ours
    events_in, events_out = theirs
    engine = Engine(commands_in, events_out)
    thread = threading.Thread(target=engine.run, daemon=True)
    thread.start()

    def next_snapshot():
        while True:
            assert events_in.poll(30), "no snapshot from the engine"
            message = events_in.recv()
            if message[0] == "snapshot":
                commands_out.send(("ack", ()))
                return message[1]

    yield commands_out, next_snapshot
    commands_out.send(("quit", ()))
    thread.join(30)


def test_while_playing_maps_go_out_only_as_often_as_they_are_afforded(running_engine,
                                                                      monkeypatch):
    # Maps cost "forever": after the one that follows Play, none until something changes.
    monkeypatch.setattr(engine_module, "GRID_COST_SHARE", 1e12)
    send, next_snapshot = running_engine
    net = initialized(layered([2, 4, 1], "tanh"), "uniform", 1)
    send.send(("start", (1, net, make_dataset(DatasetSpec("circle")), TrainingSettings(),
                         None, 0)))
    assert next_snapshot().grid is not None  # paused: always with maps
    send.send(("play", ()))
    playing = [next_snapshot() for _ in range(8)]
    assert all(s.playing for s in playing[1:])
    assert playing[0].grid is not None  # the first after a command
    assert [s.grid for s in playing[1:]] == [None] * 7
    assert playing[-1].epoch > playing[1].epoch  # training went on all the same
    send.send(("pause", ()))
    while (last := next_snapshot()).playing:
        pass
    assert last.grid is not None  # paused again: the maps of exactly these parameters
