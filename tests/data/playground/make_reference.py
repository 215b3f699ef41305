"""Make reference.json: TensorFlow Playground's own numbers for its two conventions.

How it was made (once; the test only reads the stored numbers):

1. Playground's engine: ``src/nn.ts`` of github.com/tensorflow/playground at commit
   02469bd (not part of nnviz), compiled with TypeScript 5:
   ``tsc --target es2017 --module commonjs nn.ts`` → ``nn.js``.
2. ``python tests/data/playground/make_reference.py /path/to/nn.js`` (node 20) draws the
   cases below (Playground-style uniform ±0.5 weights, biases 0.1, points of a circle
   with labels ±1, in a fixed order), runs them through ``run_playground.js`` and
   writes the cases with Playground's results to ``reference.json``.

The cases: a 2-4-2-1 tanh network with squared error, as Playground trains it, with
(a) L1 strong enough that weights cross zero (Playground sets them to exactly 0 and
freezes them), (b) a batch size that does not divide the training set (Playground
carries the partial batch into the next epoch), (c) both.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SHAPE = [2, 4, 2, 1]


def case(name: str, seed: int, n: int, batch: int, lr: float, reg: str, rate: float,
         epochs: int) -> dict:
    rng = np.random.default_rng(seed)
    radius = np.sqrt(rng.uniform(0, 25, size=n))
    angle = rng.uniform(0, 2 * np.pi, size=n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1) / 5.0
    label = np.where(radius < 3.0, 1.0, -1.0)
    weights = [rng.uniform(-0.5, 0.5, size=(m, k)).tolist() for k, m in zip(SHAPE, SHAPE[1:])]
    biases = [[0.1] * m for m in SHAPE[1:]]
    return {"name": name, "shape": SHAPE, "batch_size": batch, "learning_rate": lr,
            "regularization": reg, "reg_rate": rate, "epochs": epochs,
            "points": [[float(a), float(b), float(c)] for (a, b), c in zip(x, label)],
            "weights": weights, "biases": biases}


CASES = [
    case("l1_zero_crossing", 1, 100, 10, 0.1, "l1", 0.03, 40),
    case("partial_batch", 2, 100, 30, 0.1, "none", 0.0, 40),
    case("both", 3, 100, 30, 0.3, "l1", 0.01, 40),
]


def main(nn_js: str) -> None:
    cases = HERE / "cases.tmp.json"
    cases.write_text(json.dumps(CASES))
    try:
        out = subprocess.run(["node", str(HERE / "run_playground.js"), nn_js, str(cases)],
                             check=True, capture_output=True, text=True).stdout
    finally:
        cases.unlink()
    results = json.loads(out)
    reference = [dict(c, playground=r) for c, r in zip(CASES, results)]
    (HERE / "reference.json").write_text(json.dumps(reference, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
