"""Canvas benchmark: 200 neurons and 5,000 edges, a neuron dragged with real mouse events.

Run:  python tests/benchmarks/bench_canvas.py   (offscreen; not collected by pytest)

Times, per drag step, the mouse-move handling (items move, edges follow) and a full
synchronous repaint of the viewport; then the restyle of all edges that training's
``trained`` signal triggers ~30 times a second, with the repaint that follows.

Then the lecture-sized case, in the main window at 1400x860: ``playground.nnviz`` rebuilt as
2-8-8-8-8-8-8-1 tanh with thumbnails on (as ``bench_backward.py`` builds it), its full
viewport repaint, and what applying one real training snapshot costs the GUI thread
(``NetworkScene.on_trained`` + ``show_snapshot``: restyled edges and 49 thumbnails).
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
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.canvas import NetworkView  # noqa: E402
from nnviz.app.docmodel import DocumentModel  # noqa: E402
from nnviz.app.mainwindow import MainWindow  # noqa: E402
from nnviz.core.builders import build_shape  # noqa: E402
from nnviz.core.datasets import DatasetSpec  # noqa: E402
from nnviz.core.document import Document  # noqa: E402
from nnviz.core.network import Network, Neuron  # noqa: E402
from nnviz.core.session import GridMaps, Snapshot, TrainingSession  # noqa: E402
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

    full = cold_repaints(view.canvas, view.viewport(), 5)
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        view.viewport().repaint()
        warm.append((time.perf_counter() - t) * 1000)
    print(stats("full repaint, nothing cached", full))
    print(stats("full repaint, caches valid", warm))

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
    lecture_network(app)


def cold_repaints(scene, viewport, n: int = 10) -> list[float]:
    """Full repaints with every item's pixmap cache invalid (as after a restyle)."""
    times = []
    for _ in range(n):
        for item in scene.items():
            item.update()
        t = time.perf_counter()
        viewport.repaint()
        times.append((time.perf_counter() - t) * 1000)
    return times


def lecture_network(app: QApplication) -> None:
    """2-8×6-1 in the main window: full repaint, and one training snapshot applied."""
    w = MainWindow()
    w.resize(1400, 860)
    w.show()
    QTest.qWaitForWindowExposed(w)
    w.files.open_example("playground", ask=False)
    w.model.push(build_shape("2-8-8-8-8-8-8-1", "tanh"))
    w.view.fit()  # Ctrl+0, as a lecturer would after building it
    app.processEvents()
    doc, scene, vp = w.model.document, w.view.canvas, w.view.viewport()
    # Real snapshots, made here rather than by the worker (which stays paused): each one
    # after a training epoch, so weights, fills and decision maps all move.
    session = TrainingSession(doc.network.copy(), doc.build_dataset(), doc.settings)
    session.sample = 0
    snaps = []
    for _ in range(21):
        session.step("epoch")
        snaps.append(session.snapshot())
    w.view.show_snapshot(snaps[0])
    app.processEvents()
    full = cold_repaints(scene, vp)
    shown = sum(1 for i in scene.neurons.values() if i.image is not None)
    print(f"\n2-8x6-1 in the main window 1400x860: {len(scene.neurons)} neurons, "
          f"{len(scene.edges)} edges, {shown} thumbnails, scale {w.view.transform().m11():.2f}")
    print(stats("2-8x6-1: full repaint", full))
    # The fit in this window is below LOD_DETAIL (no thumbnails, no arrowheads drawn):
    # zoomed in to 1:1, as on a projector, everything is drawn.
    w.view.resetTransform()
    w.view.centerOn(scene.content_rect().center())
    app.processEvents()
    print(stats("2-8x6-1 at 1:1: full repaint", cold_repaints(scene, vp)))
    if os.environ.get("BENCH_GRAB"):  # e.g. BENCH_GRAB=scratch/forward.png: look at it
        w.view.grab().save(os.environ["BENCH_GRAB"])
    apply, repaint = [], []
    for snap in snaps[1:]:
        t = time.perf_counter()
        w.model.apply_training(snap.weights, snap.biases, snap.alphas, snap.epoch,
                               doc.history)  # -> NetworkScene.on_trained
        w.view.show_snapshot(snap)
        scene.flush()
        t2 = time.perf_counter()
        vp.repaint()
        t3 = time.perf_counter()
        apply.append((t2 - t) * 1000)
        repaint.append((t3 - t2) * 1000)
    print(stats("2-8x6-1: apply a snapshot", apply))
    print(stats("2-8x6-1: snapshot: repaint", repaint))
    w.model.undo_stack.clear()
    w.shutdown()


if __name__ == "__main__":
    main()
