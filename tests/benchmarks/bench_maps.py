"""The engine alone, flat out (circle, batch 10), every snapshot acknowledged at once:
epochs/s, snapshots/s, how many snapshots carried neuron maps, and MB/s pickled to the GUI.

Run: python tests/benchmarks/bench_maps.py

The engine runs on a thread of this process with real pipes (as in its process). Maps go
with a snapshot at most once per GRID_COST_SHARE times their cost while playing, so on
2-4-2-1 every snapshot has them and on 2-8×6-1 a fraction; compare against an older
checkout with PYTHONPATH=that/checkout. Not collected by pytest.
"""

from __future__ import annotations

import pickle
import threading
import time
from multiprocessing import Pipe

from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.engine import Engine
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings


def run(shape: list[int], seconds: float = 4.0) -> None:
    (ci, co), (ei, eo) = Pipe(), Pipe()
    e = Engine(ci, eo)
    t = threading.Thread(target=e.run, daemon=True)
    t.start()
    net = initialized(layered(shape, "tanh"), "xavier", 1)
    co.send(("start", (1, net, make_dataset(DatasetSpec("circle")),
                        TrainingSettings(batch_size=10), None, 0)))
    co.send(("speed", (None,)))
    ei.recv()
    co.send(("ack", ()))
    co.send(("play", ()))
    n = grids = size = 0
    first = last = None
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if not ei.poll(0.5):
            continue
        b = ei.recv_bytes()
        size += len(b)
        m = pickle.loads(b)
        if m[0] != "snapshot":
            continue
        co.send(("ack", ()))
        s = m[1]
        if first is None:
            first = (time.perf_counter(), s.epoch)
        n += 1
        grids += s.grid is not None
        last = (time.perf_counter(), s.epoch)
    co.send(("quit", ()))
    t.join(10)
    assert first is not None and last is not None
    dt = last[0] - first[0]
    print(f"{'-'.join(map(str, shape)):<16} {(last[1] - first[1]) / dt:7.0f} epochs/s "
          f"{n / dt:5.1f} snapshots/s  maps in {grids}/{n}  {size / dt / 1e6:5.2f} MB/s")


if __name__ == "__main__":
    for shape in ([2, 4, 2, 1], [2] + [8] * 6 + [1]):
        run(shape)
