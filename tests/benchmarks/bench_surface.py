"""Error-surface benchmark: a 60×60 loss grid over two weights, 250 examples.

Run it from the repository root::

    python tests/benchmarks/bench_surface.py [--repeats 7]

The target is ≤ 0.5 s on a 2-8×6-1 tanh network for the worst case (two weights
of the first layer, so the whole network reruns for every grid setting); weights
of the output neuron are the best case. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.plan import Plan  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402
from nnviz.core.surface import loss_surface  # noqa: E402

SHAPES = {"2-4-2-1 tanh": [2, 4, 2, 1], "2-8x6-1 tanh": [2] + [8] * 6 + [1]}
N = 250


def setup(shape: list[int]):
    s = TrainingSettings()
    net = initialized(layered(shape, "tanh"), s.init, 1)
    plan = Plan(net, s.loss_spec)
    rng = np.random.default_rng(0)
    x = rng.uniform(-5, 5, (N, 2))
    y = plan.targets(np.where(np.hypot(x[:, 0], x[:, 1]) < 2.5, 1.0, -1.0)[:, None])
    return net, plan, plan.read(net), x, y


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{'network':<14} {'weights':<12} {'median s':>9} {'min s':>7}")
    for name, shape in SHAPES.items():
        net, plan, theta, x, y = setup(shape)
        inputs = [n.id for n in net.inputs]
        first = next(t for (s, t) in net.edges if s == inputs[0])
        out = net.outputs[0].id
        srcs = [s for (s, t) in net.edges if t == out][:2]
        cases = {"first layer": (plan.edge_slot[(inputs[0], first)],
                                 plan.edge_slot[(inputs[1], first)]),
                 "output": (plan.edge_slot[(srcs[0], out)], plan.edge_slot[(srcs[1], out)])}
        for label, (a, b) in cases.items():
            times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                loss_surface(plan, theta, x, y, a, b, size=60)
                times.append(time.perf_counter() - t0)
            print(f"{name:<14} {label:<12} {statistics.median(times):9.3f} {min(times):7.3f}")


if __name__ == "__main__":
    main()
