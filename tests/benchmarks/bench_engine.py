"""Engine benchmarks: nnviz's Trainer against a hand-written NumPy loop, measured together.

Run it from the repository root::

    python tests/benchmarks/bench_engine.py [--repeats 7] [--seconds 0.4]

Machines differ and so does one run from the next, so the figures that matter are
ratios measured in the same run: every repeat times the Trainer and the naive
loop back to back (interleaved), and the table reports medians. The Trainer's
figure includes what the app really does at each epoch end, the history row
(one forward pass over the training and one over the test split); its cost is
reported separately. Not collected by pytest (see ``addopts`` in pyproject.toml).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nnviz.core.data import Dataset  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402
from nnviz.core.training import Trainer  # noqa: E402

SHAPES = {"2-4-2-1 tanh": [2, 4, 2, 1], "2-8x6-1 tanh": [2] + [8] * 6 + [1]}
N_TRAIN, BATCH, LR = 250, 10, 0.03


def playground_data() -> Dataset:
    """500 points, half training and half test, ±1 labels: Playground's circle at 50 %."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-5.0, 5.0, (2 * N_TRAIN, 2))
    y = np.where(np.hypot(x[:, 0], x[:, 1]) < 2.5, 1.0, -1.0)
    return Dataset(x, y, "binary", ["x1", "x2"], ["y"], np.arange(N_TRAIN),
                   np.arange(N_TRAIN, 2 * N_TRAIN), label_values=(-1.0, 1.0))


class NaiveLoop:
    """The fixed-shape loop a student writes: one W and b per layer, rows = examples."""

    def __init__(self, shape: list[int], data: Dataset, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.W = [rng.uniform(-0.5, 0.5, (o, i)) for i, o in zip(shape, shape[1:])]
        self.b = [np.full(o, 0.1) for o in shape[1:]]
        self.x, self.y = data.x[data.train], data.y[data.train]
        self.order_rng = np.random.default_rng(seed)

    def epoch(self) -> None:
        order = self.order_rng.permutation(len(self.x))
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            x, y = self.x[idx], self.y[idx]
            acts = [x]
            for w, b in zip(self.W, self.b):
                acts.append(np.tanh(acts[-1] @ w.T + b))
            delta = (acts[-1] - y) / len(idx) * (1.0 - acts[-1] ** 2)
            for li in range(len(self.W) - 1, -1, -1):
                gw, gb = delta.T @ acts[li], delta.sum(axis=0)
                if li:
                    delta = (delta @ self.W[li]) * (1.0 - acts[li] ** 2)
                self.W[li] -= LR * gw
                self.b[li] -= LR * gb


def make_trainer(shape: list[int], data: Dataset) -> Trainer:
    settings = TrainingSettings(learning_rate=LR, batch_size=BATCH)
    return Trainer(initialized(layered(shape, "tanh"), "uniform", 1), data, settings)


def rate(run_epoch: Callable[[], None], seconds: float) -> float:
    """Epochs per second of ``run_epoch``, timed over about ``seconds``."""
    run_epoch()  # warm: workspaces, caches
    count, start = 0, time.perf_counter()
    while True:
        run_epoch()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count / elapsed


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def bench_training(repeats: int, seconds: float) -> list[tuple[str, float, float, float]]:
    """(network, trainer epochs/s, naive epochs/s, ms per history row) per shape."""
    data = playground_data()
    rows = []
    for name, shape in SHAPES.items():
        ours, naive = [], []
        for _ in range(repeats):  # interleaved, so drifts in clock speed hit both alike
            trainer, loop = make_trainer(shape, data), NaiveLoop(shape, data)
            ours.append(rate(lambda t=trainer: t.step("epoch"), seconds))
            naive.append(rate(loop.epoch, seconds))
        trainer = make_trainer(shape, data)
        eval_ms = median_ms(trainer.evaluate, 200)
        rows.append((name, statistics.median(ours), statistics.median(naive), eval_ms))
    return rows


def bench_grid(repeats: int) -> float:
    """ms for one 100×100 grid forward pass that leaves every neuron's map in ws.a."""
    trainer = make_trainer(SHAPES["2-8x6-1 tanh"], playground_data())
    g = np.linspace(-6.0, 6.0, 100)
    grid = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)
    return median_ms(lambda: trainer.plan.forward(trainer.params, grid), 20 * repeats)


IMPORT_PROBE = """
import importlib, pkgutil, time
start = time.perf_counter()
import numpy
middle = time.perf_counter()
import nnviz.core
for m in pkgutil.iter_modules(nnviz.core.__path__, "nnviz.core."):
    importlib.import_module(m.name)
print(middle - start, time.perf_counter() - start)
"""


def bench_import(repeats: int = 5) -> tuple[float, float]:
    """Median ms to import nnviz.core and all its modules in a new process, and NumPy's share."""
    numpy_ms, total_ms = [], []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        numpy_ms.append(float(out[0]) * 1000.0)
        total_ms.append(float(out[1]) * 1000.0)
    return statistics.median(total_ms), statistics.median(numpy_ms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="interleaved repeats (7)")
    parser.add_argument("--seconds", type=float, default=0.4, help="per timing (0.4)")
    args = parser.parse_args(argv)
    print(f"NumPy {np.__version__}, Python {sys.version.split()[0]}; "
          f"{N_TRAIN} training points, batch {BATCH}, {N_TRAIN // BATCH} updates per epoch; "
          f"median of {args.repeats}")
    print()
    print(f"{'network':<14} {'Trainer ep/s':>13} {'naive ep/s':>11} {'ratio':>6} "
          f"{'history row':>12} {'share':>6}")
    for name, ours, naive, eval_ms in bench_training(args.repeats, args.seconds):
        share = eval_ms / (1000.0 / ours)
        print(f"{name:<14} {ours:>13.0f} {naive:>11.0f} {ours / naive:>5.2f}x "
              f"{eval_ms:>9.3f} ms {share:>5.0%}")
    print()
    print(f"100x100 grid forward, every neuron's map (2-8x6-1): {bench_grid(args.repeats):.2f} ms")
    total, numpy_part = bench_import()
    print(f"import nnviz.core + all modules, fresh process:     {total:.0f} ms "
          f"(NumPy itself {numpy_part:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
