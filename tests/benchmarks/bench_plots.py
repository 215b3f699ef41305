"""Plot benchmarks: what one training snapshot costs the decision-region and loss plots.

Run it from the repository root::

    python tests/benchmarks/bench_plots.py [--frames 200]

For each plot it times ``update_from(snapshot)`` (what the GUI thread does when a
snapshot arrives) and a full repaint (``widget.grab()``, which renders every item the
way a paint event does), over fresh snapshots from a real training session, and
reports median and p95. The budget: the decision plot refreshes ≥ 20×/s while
training and a whole GUI frame stays ≤ 17 ms median, so update + repaint of one plot
must stay well under that. Offscreen (software) rendering unless QT_QPA_PLATFORM is
set. Not collected by pytest (see ``addopts`` in pyproject.toml).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from nnviz.app.plots import DecisionPlot, LossPlot  # noqa: E402
from nnviz.core.datasets import DatasetSpec, make_dataset  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.session import Snapshot, TrainingSession  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402
from nnviz.core.training import HISTORY_KEYS  # noqa: E402

SIZE = (600, 560)  # a decision panel on a 1080p screen


def snapshots(spec: DatasetSpec, shape: list[int], out: str | None, count: int,
              **settings: object) -> tuple[TrainingSession, list[Snapshot]]:
    """`count` successive snapshots, one epoch apart: every update shows new numbers."""
    session = TrainingSession(initialized(layered(shape, "tanh", out)), make_dataset(spec),
                              TrainingSettings(**settings))
    result = []
    for _ in range(count):
        session.step("epoch")
        result.append(session.snapshot())
    return session, result


def history(rows: int, start: int = 0) -> Snapshot:
    epochs = np.arange(start + 1, start + rows + 1, dtype=float)
    noise = np.random.default_rng(start).uniform(0.9, 1.1, rows)
    loss = noise / np.sqrt(epochs)
    data = dict(zip(HISTORY_KEYS, (epochs, loss, 1.3 * loss, 1 - loss / 3, 1 - loss / 2)))
    return Snapshot(generation=0, epoch=start + rows, updates=0, playing=True, weights={},
                    biases={}, alphas={}, history_from=start, history_rows=data)


def timed(frames: int, update: Callable[[int], None], widget: QWidget) -> dict[str, list]:
    app = QApplication.instance()
    out: dict[str, list] = {"update": [], "repaint": [], "frame": []}
    for i in range(frames):
        t0 = time.perf_counter()
        update(i)
        t1 = time.perf_counter()
        widget.grab()
        t2 = time.perf_counter()
        app.processEvents()  # deferred layout work lands between frames, as in the app
        out["update"].append(t1 - t0)
        out["repaint"].append(t2 - t1)
        out["frame"].append(t2 - t0)
    return out


def row(name: str, times: dict[str, list]) -> str:
    def ms(values: list, q: float) -> str:
        return f"{1e3 * float(np.percentile(values, q)):6.2f}"
    cells = [f"{ms(times[k], 50)} / {ms(times[k], 95)}" for k in ("update", "repaint", "frame")]
    rate = 1.0 / statistics.median(times["frame"])
    return f"| {name:<34} | " + " | ".join(cells) + f" | {rate:6.0f}/s |"


def shown(widget: QWidget, size: tuple[int, int]) -> QWidget:
    widget.resize(*size)
    widget.show()
    for _ in range(5):
        QApplication.instance().processEvents()
    return widget


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    n = args.frames
    results = []

    cases = {
        "decision, binary (circle, 500 pts)":
            (DatasetSpec("circle"), [2, 6, 6, 1], None, {}),
        "decision, 5 classes (blobs, 300)":
            (DatasetSpec("blobs", classes=5), [2, 8, 5], "softmax", {"loss": "softmax_ce"}),
    }
    for name, (spec, shape, out, settings) in cases.items():
        session, snaps = snapshots(spec, shape, out, 40, **settings)
        plot = shown(DecisionPlot(), SIZE)
        plot.set_dataset(session.dataset)
        plot.update_from(snaps[0])
        results.append(row(name, timed(n, lambda i, p=plot, s=snaps: p.update_from(s[i % 40]),
                                       plot)))
        if "binary" in name:
            plot.show_map(snaps[0].grid.neuron_ids[3], "h1")
            results.append(row("decision, binary, neuron map", timed(
                n, lambda i, p=plot, s=snaps: p.update_from(s[i % 40]), plot)))
        plot.close()

    plot = shown(LossPlot(), (600, 320))
    plot.update_from(history(100_000))
    results.append(row("loss, +1 row on 100,000", timed(
        n, lambda i: plot.update_from(history(1, 100_000 + i)), plot)))
    # Past 20,000 rows the curves redraw at most every 0.1 s (the numbers above them
    # every time); this case forces a redraw per frame: the worst frame.
    results.append(row("loss, +1 row on 100,000, redrawn", timed(
        n, lambda i: (plot.update_from(history(1, 100_000 + n + i)), plot._refresh_curves()),
        plot)))
    plot.log_scale.setChecked(True)
    results.append(row("loss, +1 row on 100,000, log y", timed(
        n, lambda i: plot.update_from(history(1, 100_000 + 2 * n + i)), plot)))
    plot.close()

    print(f"{n} frames each, widget {SIZE[0]}×{SIZE[1]} (loss 600×320), "
          f"platform {app.platformName()}; times in ms, median / p95")
    print("| case                               | update_from     | repaint (grab)  "
          "| update + repaint | rate    |")
    print("|---|---|---|---|---|")
    print("\n".join(results))


if __name__ == "__main__":
    main()
