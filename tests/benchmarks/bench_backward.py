"""Stepping and animating the backprop step-through on 2-8×6-1 with every annotation on.

Not a timed test: run ``python tests/benchmarks/bench_backward.py``; prints frames per second
(goal ≥ 50) for a step (relayout + dim + repaint) and for one animation frame (repaint).
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


def main() -> None:
    app = QApplication([])
    w = MainWindow()
    w.resize(1500, 900)
    w.show()
    w.files.open_example("playground", ask=False)
    w.model.push(build_shape("2-8-8-8-8-8-8-1", "tanh"))
    app.processEvents()
    w.actions_["grads"].setChecked(True)
    w.actions_["stepping"].trigger()
    mode, vp = w.backward, w.view.viewport()
    n = len(mode.seq)
    t0 = time.perf_counter()
    for k in range(n):
        mode.go(k)
        vp.repaint()
    step = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    for k in range(60):
        mode._pulse(k / 60)
        vp.repaint()
    frame = (time.perf_counter() - t0) / 60
    print(f"{n} steps: {1 / step:.0f} steps/s; animation: {1 / frame:.0f} frames/s")
    mode.leave()
    w.model.undo_stack.clear()
    w.shutdown()


if __name__ == "__main__":
    main()
