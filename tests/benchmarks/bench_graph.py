"""The computational-graph mode on 2-8×6-1 (262,144 paths from each input), as ratios.

Not a timed test: run ``python tests/benchmarks/bench_graph.py``. Prints, each against a
baseline measured in the same run:
- a path sum of an input (the exact total by dynamic programming, the 6 largest paths
  listed) against the single-example trace it reads its factors from;
- a repaint of the canvas in the graph mode against one in the normal backward view;
- hovering a new neuron (path sum, formula dock, lit paths, repaint) against a repaint.
"""

from __future__ import annotations

import os
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NNVIZ_RECOVERY_DIR"] = tempfile.mkdtemp()
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()

from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.mainwindow import MainWindow  # noqa: E402
from nnviz.core.builders import build_shape  # noqa: E402
from nnviz.core.paths import path_sum  # noqa: E402
from nnviz.core.trace import trace  # noqa: E402


def best(fn, repeat: int = 5, number: int = 5) -> float:
    """Best of ``repeat`` runs of ``number`` calls, per call (the machine is shared)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def main() -> None:
    app = QApplication([])
    w = MainWindow()
    w.resize(1500, 900)
    w.show()
    w.files.open_example("playground", ask=False)
    w.model.push(build_shape("2-8-8-8-8-8-8-1", "tanh"))
    app.processEvents()
    w.actions_["backward"].setChecked(True)
    app.processEvents()
    mode, vp = w.backward, w.view.viewport()
    doc, t = w.model.document, mode.trace
    s = doc.settings
    first = mode.plan.input_ids[0]
    ps = path_sum(t, doc.network, first)
    tr = best(lambda: trace(doc.network, mode.x, t.target, s.loss_spec, s.convention,
                            s.learning_rate, mode.plan))
    pt = best(lambda: path_sum(t, doc.network, first))
    print(f"path sum of {first} ({ps.count} paths, {len(ps.paths)} listed): "
          f"{pt * 1e3:.2f} ms = {pt / tr:.1f}× the trace ({tr * 1e3:.2f} ms)")
    normal = best(vp.repaint)
    w.actions_["graph"].setChecked(True)
    app.processEvents()
    graph = best(vp.repaint)
    print(f"repaint, graph mode: {graph * 1e3:.1f} ms = {graph / normal:.2f}× the normal "
          f"backward view ({normal * 1e3:.1f} ms)")
    ids = [nid for nid in doc.network.neurons]
    k = [0]

    def hover() -> None:
        k[0] += 1
        w.view.canvas.hover(ids[k[0] % len(ids)])
        vp.repaint()

    hov = best(hover)
    print(f"hover a new neuron: {hov * 1e3:.1f} ms = {hov / graph:.2f}× a graph-mode repaint"
          f" ({1 / hov:.0f} per second)")
    w.model.undo_stack.clear()  # closing would ask to save the built network
    w.shutdown()


if __name__ == "__main__":
    main()
