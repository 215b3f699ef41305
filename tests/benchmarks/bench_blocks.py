"""Wide layers as blocks: what a 784-input layer costs to repaint, and the slides' network.

Run:  python tests/benchmarks/bench_blocks.py [repeats]   (offscreen; not collected by pytest)

A 784-32-10 tanh network on 28×28 pictures (random pixels, embedded data), in a canvas
of 1280×720: the 784 inputs are one block, the picture of the traced example. Measured
in the same run, each a full synchronous repaint of the viewport:
- a new example: the input block and the hidden strip coloured again, then repainted
  (what each training snapshot with a highlighted example costs the canvas);
- a repaint with nothing new (a hover, a window uncovered);
- the baseline: the same network with the input layer drawn as 784 circles and
  25,088 edges (the block expanded past its limit, as the canvas drew it before blocks).
Then the 2-1024-512-3 network of the slides: scene items, the time to draw it the first
time (sync of the scene from the built network) and its repaint.
Target: the 784-input block repaints in ≤ 16 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NNVIZ_RECOVERY_DIR"] = tempfile.mkdtemp()
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.canvas import NetworkView  # noqa: E402
from nnviz.app.docmodel import DocumentModel  # noqa: E402
from nnviz.core.data import Dataset  # noqa: E402
from nnviz.core.datasets import DatasetSpec  # noqa: E402
from nnviz.core.document import Document  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.plan import Plan  # noqa: E402
from nnviz.core.session import Snapshot  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402
from nnviz.core.trace import trace  # noqa: E402

SIDE = 28


def pictures(n: int = 40) -> Dataset:
    rng = np.random.default_rng(0)
    x = rng.random((n, SIDE * SIDE))
    y = np.eye(10)[rng.integers(0, 10, n)]
    return Dataset(x, y, "multiclass", [f"x{k + 1}" for k in range(SIDE * SIDE)],
                   [f"c{k}" for k in range(10)], np.arange(n // 2), np.arange(n // 2, n),
                   class_names=[str(k) for k in range(10)], name="pictures",
                   image_shape=(SIDE, SIDE))


def stats(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    return f"{name:<44} median {statistics.median(ms):7.2f} ms   p99 {p99:7.2f} ms"


def view_of(doc: Document) -> tuple[NetworkView, DocumentModel]:
    model = DocumentModel(doc)
    view = NetworkView()
    view.resize(1280, 720)
    view.show()
    QApplication.processEvents()
    view.set_document_model(model)
    view.fit()
    QApplication.processEvents()
    return view, model


def traces(doc: Document, rows: int = 10) -> list:
    """The traced example's numbers for a few rows, made before timing (the engine makes
    them in its own process)."""
    data, plan = doc.build_dataset(), Plan(doc.network, doc.settings.loss_spec)
    x = data.inputs(plan.features)
    s = doc.settings
    return [trace(doc.network, x[k], data.y[k], s.loss_spec, s.convention, s.learning_rate,
                  plan) for k in range(rows)]


def repaints(view: NetworkView, repeats: int, examples: list | None) -> list[float]:
    """Full repaints, each after a snapshot with the next example's trace (or none)."""
    vp = view.viewport()
    out = []
    for k in range(repeats):
        t = time.perf_counter()
        if examples:  # what the canvas does with a snapshot of a highlighted example
            view.show_snapshot(Snapshot(0, k, k, True, {}, {}, {}, 0, {},
                                        trace=examples[k % len(examples)]))
            view.canvas.flush()
        vp.repaint()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main(repeats: int = 200) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    settings = TrainingSettings()
    net = initialized(layered([SIDE * SIDE, 32, 10], "tanh", "softmax"), settings.init, 1)
    view, model = view_of(Document(net, pictures(), settings))
    canvas = view.canvas
    blocks = canvas.blocks.items
    print(f"784-32-10 as blocks: {len(canvas.items())} scene items, blocks "
          f"{sorted(len(b.block.ids) for b in blocks.values())}")
    block = next(b for b in blocks.values() if b.block.role == "input")
    print(f"input block {block.block.rows}×{block.block.cols}, on screen "
          f"{view.mapFromScene(block.sceneBoundingRect()).boundingRect().size().toTuple()} px")
    examples = traces(model.document)
    fresh = repaints(view, repeats, examples)
    still = repaints(view, repeats, None)
    print(stats("new example + repaint (block)", fresh))
    print(stats("repaint, nothing new (block)", still))
    # Past the expansion limit: every neuron a circle and every edge a line, the picture
    # the canvas drew before blocks.
    canvas.blocks.expanded.update(blocks)
    t = time.perf_counter()
    canvas.sync()
    print(f"as circles: {len(canvas.neurons)} neurons, {len(canvas.edges)} edge items "
          f"(sync {time.perf_counter() - t:.2f} s)")
    view.fit()
    app.processEvents()
    circles = repaints(view, max(10, repeats // 10), examples)
    print(stats("new example + repaint (784 circles)", circles))
    ratio = statistics.median(circles) / statistics.median(fresh)
    print(f"circles / block: {ratio:.1f}× the repaint time")
    target = statistics.median(fresh) <= 16.0
    print(f"target: block repaint ≤ 16 ms — {'met' if target else 'MISSED'}")
    model.undo_stack.setClean()
    view.close()

    big = layered([2, 1024, 512, 3], "tanh")
    t = time.perf_counter()
    view, model = view_of(Document(big, DatasetSpec("circle"), TrainingSettings()))
    print(f"2-1024-512-3: drawn in {time.perf_counter() - t:.2f} s, "
          f"{len(view.canvas.items())} scene items")
    print(stats("2-1024-512-3 repaint", repaints(view, repeats // 4, None)))
    model.undo_stack.setClean()
    view.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
