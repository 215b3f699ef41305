"""Canvas benchmark: 200 neurons and 5,000 edges, a neuron dragged with real mouse events.

Run:  python tests/benchmarks/bench_canvas.py   (offscreen; not collected by pytest)

Times, per drag step, the mouse-move handling (items move, edges follow) and a full
synchronous repaint of the viewport; then the restyle of all edges that training's
``trained`` signal triggers ~30 times a second, with the repaint that follows.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.canvas import NetworkView  # noqa: E402
from nnviz.app.docmodel import DocumentModel  # noqa: E402
from nnviz.core.datasets import DatasetSpec  # noqa: E402
from nnviz.core.document import Document  # noqa: E402
from nnviz.core.network import Network, Neuron  # noqa: E402
from nnviz.core.session import GridMaps, Snapshot  # noqa: E402
from nnviz.core.trace import NeuronTrace, Trace  # noqa: E402

COLUMNS, ROWS, EDGES = 10, 20, 5000


def big_network(seed: int = 0) -> Network:
    rng = np.random.default_rng(seed)
    net = Network()
    grid = []
    for c in range(COLUMNS):
        role = "input" if c == 0 else "output" if c == COLUMNS - 1 else "hidden"
        column = []
        for r in range(ROWS):
            nid = f"c{c}r{r}"
            net.add_neuron(Neuron(nid, f"h{c}_{r}", role, "identity" if role == "input" else
                                  "tanh", x=160.0 * c, y=80.0 * (r - ROWS / 2)))
            column.append(nid)
        grid.append(column)
    pairs = [(s, t) for c in range(COLUMNS - 1) for s in grid[c] for t in grid[c + 1]]
    skips = [(s, t) for c in range(COLUMNS - 2) for s in grid[c] for t in grid[c + 2]]
    picked = rng.choice(len(skips), EDGES - len(pairs), replace=False)
    for s, t in pairs + [skips[i] for i in sorted(picked)]:
        net.add_edge(s, t, float(rng.normal(0, 1.5)))
    return net


def stats(name: str, values: list[float]) -> str:
    v = np.array(values)
    return (f"{name:<38} median {np.median(v):6.1f} ms   p95 {np.percentile(v, 95):6.1f} ms"
            f"   max {v.max():6.1f} ms   (n={len(v)})")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    net = big_network()
    model = DocumentModel(Document(net, DatasetSpec("xor")))
    view = NetworkView()
    view.resize(1280, 800)
    view.show()
    QTest.qWaitForWindowExposed(view)
    t = time.perf_counter()
    view.set_document_model(model)
    build = (time.perf_counter() - t) * 1000
    app.processEvents()
    print(f"{len(net.neurons)} neurons, {len(net.edges)} edges, view 1280x800, "
          f"scale {view.transform().m11():.2f}; building the scene took {build:.0f} ms")

    full = []
    for _ in range(5):
        t = time.perf_counter()
        view.viewport().repaint()
        full.append((time.perf_counter() - t) * 1000)
    print(stats("full repaint, nothing cached", full))

    # Drag a neuron of the middle column (fan-in and fan-out ~50 edges) with mouse events.
    nid = f"c{COLUMNS // 2}r{ROWS // 2}"
    degree = sum(1 for k in net.edges if nid in k)
    vp = view.viewport()
    start = view.mapFromScene(QPointF(net.neurons[nid].x, net.neurons[nid].y))
    t = time.perf_counter()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + start.__class__(3, 3))  # the first move freezes still edges
    first = (time.perf_counter() - t) * 1000
    events, paints = [], []
    for k in range(1, 61):
        pos = start.__class__(start.x() + 4 * k, start.y() + int(60 * np.sin(k / 8)))
        t = time.perf_counter()
        QTest.mouseMove(vp, pos)
        t2 = time.perf_counter()
        vp.repaint()
        t3 = time.perf_counter()
        events.append((t2 - t) * 1000)
        paints.append((t3 - t2) * 1000)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    print(f"dragging {nid} ({degree} edges follow it); drag start (edge cache) {first:.0f} ms")
    print(stats("drag step: mouse move handling", events))
    print(stats("drag step: repaint", paints))
    print(stats("drag step: total", [a + b for a, b in zip(events, paints)]))
    print(f"undo steps after the drag: {model.undo_stack.count()}")

    # Training: weights drift a little every snapshot; now and then a lot. The scene
    # restyles at once while its paints are cheap; a slow-painting big scene defers it
    # (at most every ~4 paint durations), so "signal" is what a snapshot costs the GUI
    # thread and "restyle" the restyle of all edges itself.
    rng = np.random.default_rng(1)
    keys = list(net.edges)
    base = np.array([net.edges[k].weight for k in keys])
    for label, scale in (("trained, small drift", 0.01), ("trained, all weights jump", 1)):
        signal, restyle, repaint = [], [], []
        for _ in range(20):
            new = base + rng.normal(0, scale, len(keys))
            weights = dict(zip(keys, new.tolist()))
            t = time.perf_counter()
            model.apply_training(weights, {}, {}, 1, model.document.history)
            t2 = time.perf_counter()
            view.canvas.flush()  # the deferred restyle, if it was deferred
            view.canvas.restyle_edges()
            t3 = time.perf_counter()
            vp.repaint()
            t4 = time.perf_counter()
            signal.append((t2 - t) * 1000)
            restyle.append((t3 - t2) * 1000)
            repaint.append((t4 - t3) * 1000)
        print(stats(label + ": signal", signal))
        print(stats(label + ": restyle", restyle))
        print(stats(label + ": repaint", repaint))
    # Snapshots: every neuron's activation (fill) and decision map (thumbnail) change.
    ids = tuple(net.neurons)
    frames, repaint = [], []
    for k in range(10):
        values = rng.uniform(-1, 1, (len(ids), 100, 100)).astype(np.float32)
        grid = GridMaps((-1.0, 1.0, -1.0, 1.0), ids, values, ids[-ROWS:])
        neurons = [NeuronTrace(i, i, "hidden", "tanh", 0.1, float(np.tanh(k * 0.1 + j)), 1.0,
                               0.0, 0.0, 0.0, 0.0, 0.0) for j, i in enumerate(ids)]
        trace = Trace(0.1, [0.0], [0.0], neurons, [], "dl_dz", 0.1, "")
        snap = Snapshot(0, k, k, True, {}, {}, {}, 0, {}, grid=grid, trace=trace)
        t = time.perf_counter()
        view.show_snapshot(snap)
        view.canvas.flush()
        t2 = time.perf_counter()
        vp.repaint()
        t3 = time.perf_counter()
        frames.append((t2 - t) * 1000)
        repaint.append((t3 - t2) * 1000)
    print(stats("snapshot (200 fills + thumbnails)", frames))
    print(stats("snapshot: repaint", repaint))
    print(f"median of a full repaint: {statistics.median(full):.1f} ms")
    view.close()


if __name__ == "__main__":
    main()
