"""Building and hidden-view benchmarks: Ctrl+B on 201 neurons, Feature Space on 100k points.

Run it from the repository root::

    python tests/benchmarks/bench_build.py

1. ``build_shape`` of a 2-33×6-1 network (201 neurons, 5,511 edges), which Ctrl+B runs,
   against a baseline measured in the same run: the same edges put into a dict with no
   checks at all. The cycle check is done once, so the ratio stays small (it was
   quadratic: one whole-graph walk per edge).
2. The lectures' 2-1024-512-3 network (527,872 edges): build, save and open against
   baselines of the same run (a plain dict of its edges; ``json`` writing and reading
   the saved file's data with no checks), and the file's size. It used to take hours
   to build (one cycle check per edge) and was over the edge limit.
3. The Feature Space view's redraw on 1,000 and on 100,000 points: it draws a fixed
   subset of at most MAX_SHOWN with shared brushes, so the two cost about the same;
   hidden, it does nothing (the work counter stays put).
Not collected by pytest (see ``addopts`` in pyproject.toml).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHAPE = "2-" + "-".join(["33"] * 6) + "-1"


def best(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_build() -> None:
    from nnviz.core.builders import build_shape, parse_shape
    from nnviz.core.network import Edge

    sizes = parse_shape(SHAPE)
    ids = [[f"{layer}_{k}" for k in range(n)] for layer, n in enumerate(sizes)]

    def baseline() -> None:
        edges = {}
        for src, dst in zip(ids, ids[1:]):
            for s in src:
                for t in dst:
                    edges[(s, t)] = Edge(s, t, 0.0)

    base = best(baseline)
    built = best(lambda: build_shape(SHAPE))
    print(f"build {SHAPE}: {built * 1e3:.1f} ms, plain dict of the edges "
          f"{base * 1e3:.1f} ms, ratio {built / base:.1f}")


def bench_big() -> None:
    import json
    import tempfile

    from nnviz.core.builders import build_shape
    from nnviz.core.document import load, new_document, save, to_dict
    from nnviz.core.network import Edge

    shape = "2-1024-512-3"
    sizes = [2, 1024, 512, 3]
    ids = [[f"{layer}_{k}" for k in range(n)] for layer, n in enumerate(sizes)]

    def baseline() -> None:
        edges = {}
        for src, dst in zip(ids, ids[1:]):
            for s in src:
                for t in dst:
                    edges[(s, t)] = Edge(s, t, 0.0)

    base = best(baseline, 3)
    built = best(lambda: build_shape(shape), 3)
    print(f"build {shape}: {built * 1e3:.0f} ms, plain dict of the edges {base * 1e3:.0f} ms, "
          f"ratio {built / base:.1f}")
    doc = new_document()
    doc.network = build_shape(shape).new
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.nnviz"
        saved = best(lambda: save(doc, path), 3)
        data = to_dict(doc)
        plain = best(lambda: path.with_suffix(".json").write_text(json.dumps(data)), 3)
        opened = best(lambda: load(path), 3)
        parse = best(lambda: json.loads(path.read_text()), 3)
        print(f"save {saved * 1e3:.0f} ms (json.dumps + write {plain * 1e3:.0f} ms, ratio "
              f"{saved / plain:.1f}); open {opened * 1e3:.0f} ms (json.loads "
              f"{parse * 1e3:.0f} ms, ratio {opened / parse:.1f}); file "
              f"{path.stat().st_size / 2**20:.1f} MB")


def bench_feature_view() -> None:
    from PySide6.QtWidgets import QApplication

    from nnviz.app.companions.feature_view import FeatureView
    from nnviz.app.controller import TrainingController
    from nnviz.app.docmodel import DocumentModel
    from nnviz.core.data import Dataset
    from nnviz.core.document import Document
    from nnviz.core.init import initialized
    from nnviz.core.network import layered

    app = QApplication.instance() or QApplication([])
    for n in (1_000, 100_000):
        rng = np.random.default_rng(0)
        x = rng.uniform(-1, 1, size=(n, 2))
        data = Dataset(x, (x[:, :1] > 0).astype(float), "binary", ["x1", "x2"], ["y"],
                       np.arange(n), np.arange(0))
        model = DocumentModel(Document(initialized(layered([2, 8, 8, 8, 8, 8, 8, 1])), data))
        controller = TrainingController(model)
        view = FeatureView(model, controller)
        hidden = best(view.reload, 3)
        assert view.work["redraws"] == 0  # hidden: nothing computed
        view.show()
        app.processEvents()
        def redraw(view=view) -> None:
            view.redraw()
            app.processEvents()

        shown = statistics.median([best(redraw, 1) for _ in range(5)])
        print(f"feature space, {n:,} points: hidden reload {hidden * 1e6:.0f} µs, "
              f"shown redraw {shown * 1e3:.1f} ms ({view.work['points_drawn'] // 6:,} "
              "points drawn per redraw)")
        view.close()
        controller.shutdown()


if __name__ == "__main__":
    bench_build()
    bench_big()
    bench_feature_view()
