"""The compiled kernel against TensorFlow Playground's engine, a C loop and NumPy, in one run.

Run it from the repository root (numba installed, node and gcc optional)::

    python tests/benchmarks/bench_kernel.py [--repeats 5] [--seconds 0.5] [--no-scaling]
    python tests/benchmarks/bench_kernel.py --threads      # BLAS threads in the engine

Part 1, Playground's networks: 250 circle points, batch 10, learning rate 0.03, and the
train and test loss after every epoch (as Playground's page computes them), for
2-4-2-1 tanh and 2-8×6-1 tanh. Timed interleaved, repeat by repeat, so drifts in clock
speed and load hit every engine alike; medians and ratios are reported:

- Playground: ``playground/nn.ts`` compiled with TypeScript, run by node (skipped,
  with a message, without node);
- C: the same fixed-shape SGD loop written in C (``c_loop.c``), compiled into a
  temporary folder with ``gcc -O3`` (skipped without gcc);
- NumPy loop: the fixed-shape loop of bench_engine.py, plus the two losses;
- nnviz NumPy / nnviz kernel: nnviz's Trainer with the kernel off and on.

Then every optimiser (its defaults), NumPy engine against kernel, on both networks.

Part 2, scaling: epochs/s of nnviz's Trainer with the NumPy engine and with the kernel
(forced, past the crossover too), varying one of width, depth, points, inputs and batch
from a 2-8-8-1 tanh net on 250 points with batch 10; "chosen" is the engine
``accel.worth_it`` picks (the crossover ``accel.BLAS_CROSSOVER`` encodes), and "choice"
says whether it picked the faster one (within 10 %, a tie, either is right).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# BLAS threads as the engine process has them (engine_process.ENGINE_THREADS), set
# before NumPy loads; a value in the environment is kept.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from nnviz.core import accel  # noqa: E402
from nnviz.core.data import Dataset  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.settings import OPTIMIZERS, TrainingSettings  # noqa: E402
from nnviz.core.training import Trainer  # noqa: E402
from tests.benchmarks.bench_engine import NaiveLoop, rate  # noqa: E402

SHAPES = {"2-4-2-1 tanh": [2, 4, 2, 1], "2-8x6-1 tanh": [2] + [8] * 6 + [1]}
N_TRAIN, BATCH, LR = 250, 10, 0.03
CACHE = Path.home() / ".cache" / "nnviz-bench"



def playground_data(n_train: int = N_TRAIN, n_in: int = 2, seed: int = 0) -> Dataset:
    """Twice n_train points, half training and half test, ±1 labels inside a circle."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5.0, 5.0, (2 * n_train, n_in))
    y = np.where(np.hypot(x[:, 0], x[:, 1]) < 2.5, 1.0, -1.0)
    names = [f"x{k + 1}" for k in range(n_in)]
    return Dataset(x, y, "binary", names, ["y"], np.arange(n_train),
                   np.arange(n_train, 2 * n_train), label_values=(-1.0, 1.0))


def make_trainer(shape: list[int], data: Dataset, batch: int = BATCH,
                 optimizer: str = "sgd") -> Trainer:
    settings = TrainingSettings(learning_rate=LR, batch_size=batch, optimizer=optimizer)
    return Trainer(initialized(layered(shape, "tanh"), "uniform", 1), data, settings)


def trainer_rate(shape: list[int], data: Dataset, kernel: bool | None, seconds: float,
                 batch: int = BATCH, optimizer: str = "sgd") -> float:
    """Trainer epochs/s: kernel True forces it on (past the crossover too), False off,
    None lets accel choose as the engine does."""
    if kernel is None:
        accel.use_now()
        return _rate(make_trainer(shape, data, batch, optimizer), seconds)
    crossover = accel.BLAS_CROSSOVER
    try:
        accel.BLAS_CROSSOVER = float("inf")
        with accel.forced(kernel):
            return _rate(make_trainer(shape, data, batch, optimizer), seconds)
    finally:
        accel.BLAS_CROSSOVER = crossover


def _rate(trainer: Trainer, seconds: float) -> float:
    return rate(lambda: trainer.step("epoch"), seconds)


class NumpyLoop(NaiveLoop):
    """bench_engine's fixed-shape NumPy loop, plus the train and test loss every epoch."""

    def __init__(self, shape: list[int], data: Dataset) -> None:
        super().__init__(shape, data)
        self.x_test, self.y_test = data.x[data.test], data.y[data.test]

    def loss(self, x: np.ndarray, y: np.ndarray) -> float:
        a = x
        for w, b in zip(self.W, self.b):
            a = np.tanh(a @ w.T + b)
        return float((0.5 * (a - y) ** 2).mean())

    def full_epoch(self) -> None:
        self.epoch()
        self.loss(self.x, self.y), self.loss(self.x_test, self.y_test)


# ------------------------------------------------------------ other engines
class External:
    """Playground's engine in node, or the C loop: compiled once, timed in a subprocess."""

    def __init__(self, work: Path, data: Dataset) -> None:
        self.work, self.data = work, data
        self.playground = self._compile_playground()
        self.c_loop = self._compile_c()
        rows = np.column_stack([data.x, data.y[:, 0]])
        (work / "data.txt").write_text("\n".join(" ".join(repr(float(v)) for v in r) for r in rows))
        points = [[float(a), float(b), float(c)] for a, b, c in rows]
        (work / "data.json").write_text(json.dumps({
            "train": points[:N_TRAIN], "test": points[N_TRAIN:], "batch": BATCH, "rate": LR}))

    def _compile_playground(self) -> Path | str:
        if not shutil.which("node"):
            return "node is not installed: Playground's engine not measured"
        tsc = os.environ.get("TSC") or shutil.which("tsc")
        if not tsc:
            tsc = CACHE / "tsc" / "node_modules" / ".bin" / "tsc"
            if not tsc.exists():
                if not shutil.which("npm"):
                    return "no tsc and no npm to install TypeScript: Playground not measured"
                subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                                "--prefix", str(CACHE / "tsc"), "typescript@5"], check=True)
        out = self.work / "playground"
        subprocess.run([str(tsc), "--target", "es2017", "--module", "commonjs", "--outDir",
                        str(out), str(HERE / "playground" / "nn.ts")], check=True)
        return out

    def _compile_c(self) -> Path | str:
        gcc = shutil.which("gcc")
        if not gcc:
            return "gcc is not installed: the C loop not measured"
        exe = self.work / "c_loop"
        subprocess.run([gcc, "-O3", "-o", str(exe), str(HERE / "c_loop.c"), "-lm"], check=True)
        return exe

    def playground_rate(self, shape: list[int], seconds: float) -> float | None:
        if isinstance(self.playground, str):
            return None
        out = subprocess.run(["node", str(HERE / "playground" / "run_playground.js"),
                              str(self.playground), "-".join(map(str, shape)), str(seconds),
                              str(self.work / "data.json")],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)["epochs_per_second"]

    def c_rate(self, shape: list[int], seconds: float) -> float | None:
        if isinstance(self.c_loop, str):
            return None
        with open(self.work / "data.txt") as data:
            out = subprocess.run([str(self.c_loop), str(seconds), str(BATCH), str(N_TRAIN),
                                  str(N_TRAIN), *map(str, shape)], stdin=data, check=True,
                                 capture_output=True, text=True).stdout
        return json.loads(out)["epochs_per_second"]


def med(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def part_playground(repeats: int, seconds: float) -> None:
    data = playground_data()
    with tempfile.TemporaryDirectory() as tmp:
        ext = External(Path(tmp), data)
        for note in (ext.playground, ext.c_loop):
            if isinstance(note, str):
                print(f"note: {note}")
        print(f"\nepochs/s, median of {repeats} interleaved repeats of {seconds:g} s "
              f"({N_TRAIN} points, batch {BATCH}, train + test loss every epoch)\n")
        header = ("network", "Playground", "C -O3", "NumPy loop", "nnviz NumPy", "nnviz kernel",
                  "×Playground", "×C", "×NumPy")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for name, shape in SHAPES.items():
            runs: dict[str, list] = {k: [] for k in header[1:6]}
            for _ in range(repeats):
                runs["Playground"].append(ext.playground_rate(shape, seconds))
                runs["C -O3"].append(ext.c_rate(shape, seconds))
                runs["NumPy loop"].append(rate(NumpyLoop(shape, data).full_epoch, seconds))
                runs["nnviz NumPy"].append(trainer_rate(shape, data, False, seconds))
                runs["nnviz kernel"].append(trainer_rate(shape, data, True, seconds))
            m = {k: med(v) for k, v in runs.items()}
            ours = m["nnviz kernel"]

            def ratio(base: float | None, ours: float = ours) -> str:
                return f"{ours / base:.2f}×" if base else "—"

            cells = [f"{m[k]:,.0f}" if m[k] else "—" for k in header[1:6]]
            print(f"| {name} | " + " | ".join(cells) + f" | {ratio(m['Playground'])} | "
                  f"{ratio(m['C -O3'])} | {ratio(m['nnviz NumPy'])} |")


def part_optimizers(repeats: int, seconds: float) -> None:
    data = playground_data()
    print(f"\noptimisers: nnviz's Trainer, epochs/s, NumPy engine and kernel in turn, median "
          f"of {repeats}\n")
    print("| network | optimiser | nnviz NumPy | nnviz kernel | ×NumPy |")
    print("|---|---|---|---|---|")
    for name, shape in SHAPES.items():
        for opt in OPTIMIZERS:
            runs = [(trainer_rate(shape, data, False, seconds, optimizer=opt),
                     trainer_rate(shape, data, True, seconds, optimizer=opt))
                    for _ in range(repeats)]
            numpy_rate, kernel_rate = (statistics.median(c) for c in zip(*runs))
            ratio = statistics.median(k / n for n, k in runs)
            print(f"| {name} | {opt} | {numpy_rate:,.0f} | {kernel_rate:,.0f} | {ratio:.2f}× |")


# ------------------------------------------------------------------ scaling
def scaling_cases() -> list[tuple[str, list[int], int, int, int]]:
    """(label, shape, points, inputs, batch): one dimension varied at a time, with the
    sizes either side of the crossover (width 24 and 32, batch 100 and 250)."""
    cases = []
    for w in (4, 16, 24, 32, 64, 128, 256):
        cases.append((f"width {w}", [2, w, w, 1], 250, 2, BATCH))
    for d in (1, 2, 4, 8):
        cases.append((f"depth {d}", [2] + [8] * d + [1], 250, 2, BATCH))
    for p in (2_500, 25_000, 250_000):
        cases.append((f"points {p:,}", [2, 8, 8, 1], p, 2, BATCH))
    for i in (10, 100, 784):
        cases.append((f"inputs {i}", [i, 8, 8, 1], 250, i, BATCH))
    for b in (1, 50, 100, 250):
        cases.append((f"batch {b}", [2, 8, 8, 1], 250, 2, b))
    return cases


def part_scaling(seconds: float, repeats: int) -> None:
    print(f"\nscaling: nnviz's Trainer, epochs/s (train + test loss every epoch); the NumPy "
          f"engine and the kernel (forced, also past the crossover) timed in turn, {repeats} "
          f"times; ratios are the median of each turn's ratio\n")
    print("| case | weights × batch | NumPy engine | kernel | kernel ÷ NumPy | chosen | "
          "chosen ÷ NumPy | choice |")
    print("|---|---|---|---|---|---|---|---|")
    accel.use_now()
    for label, shape, points, n_in, batch in scaling_cases():
        data = playground_data(points, n_in)
        t = seconds if points < 25_000 else 0.0  # one epoch is long enough there
        runs = [(trainer_rate(shape, data, False, t, batch), trainer_rate(shape, data, True, t,
                                                                            batch))
                for _ in range(repeats if points < 250_000 else 1)]
        numpy_rate, kernel_rate = (statistics.median(c) for c in zip(*runs))
        ratio = statistics.median(k / n for n, k in runs)
        kernel_chosen = make_trainer(shape, data, batch).kernel_plan() is not None
        # The chosen engine is one of the two measured: its ratio is the kernel's or 1.
        chosen_ratio = ratio if kernel_chosen else 1.0
        right = (ratio >= 1.0) == kernel_chosen or 0.9 <= ratio <= 1.1  # a tie is either
        size = sum(a * b for a, b in zip(shape, shape[1:])) * batch
        print(f"| {label} | {size:,} | {numpy_rate:,.1f} | {kernel_rate:,.1f} | {ratio:.2f}× | "
              f"{'kernel' if kernel_chosen else 'NumPy'} | {chosen_ratio:.2f}× | "
              f"{'right' if right else 'WRONG'} |")


# ------------------------------------------------------------------ threads
THREAD_PROBE = """
import time, numpy as np
rng = np.random.default_rng(0)
w, a = rng.normal(size=(256, 256)), rng.normal(size=(256, 10))
out = np.empty((256, 10))
g = rng.normal(size=(10000, 8)); w8 = rng.normal(size=(8, 8))
def best(fn, n):
    times = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n): fn()
        times.append((time.perf_counter() - t) / n)
    return min(times)
mm = best(lambda: np.matmul(w, a, out=out), 2000)
big = best(lambda: np.tanh(g @ w8.T), 200)
print(mm * 1e6, big * 1e3)
"""


def part_threads() -> None:
    print("\nBLAS threads in a fresh process (as the engine starts), best of 5:\n")
    print("| OPENBLAS_NUM_THREADS | 256×256 @ 256×10 | 10,000×8 @ 8×8 + tanh |")
    print("|---|---|---|")
    for threads in ("1", "2"):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads)
        out = subprocess.run([sys.executable, "-c", THREAD_PROBE], env=env, check=True,
                             capture_output=True, text=True).stdout.split()
        print(f"| {threads} | {float(out[0]):.1f} µs | {float(out[1]):.2f} ms |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats (5)")
    parser.add_argument("--seconds", type=float, default=0.5, help="per timing (0.5)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling table")
    parser.add_argument("--only-scaling", action="store_true", help="only the scaling table")
    parser.add_argument("--threads", action="store_true", help="only the BLAS thread table")
    args = parser.parse_args(argv)
    if args.threads:
        part_threads()
        return 0
    if accel.use_now() is None:
        print(f"the compiled kernel is not available: {accel.status()}", file=sys.stderr)
        return 1
    print(f"NumPy {np.__version__}, Python {sys.version.split()[0]}, {accel.status()}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    if not args.only_scaling:
        part_playground(args.repeats, args.seconds)
        part_optimizers(min(args.repeats, 3), min(args.seconds, 0.3))
    if not args.no_scaling:
        part_scaling(min(args.seconds, 0.2), args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
