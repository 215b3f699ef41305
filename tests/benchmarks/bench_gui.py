"""GUI frame interval and training throughput while the window trains flat out.

Run: QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui.py [seconds]

Opens the real main window on a 2-8×6-1 tanh network (circle data, 250
training points, batch 10) with the decision plot and neuron thumbnails live,
presses Play at the fastest speed, and measures in the same run:
- the GUI frame interval: a 60 Hz precise QTimer that also repaints the canvas
  and the decision plot (median, p99);
- epochs per second in the window, against the same training headless;
- how often the decision plot was refreshed per second;
and the same with Python's default 5 ms switch interval, as the baseline the
design improves on. Figures are ratios within this run: machines are noisy.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.main import configure_interpreter  # noqa: E402
from nnviz.app.mainwindow import MainWindow  # noqa: E402
from nnviz.core.datasets import DatasetSpec  # noqa: E402
from nnviz.core.document import Document  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402
from nnviz.core.training import Trainer  # noqa: E402

SHAPE = [2, 8, 8, 8, 8, 8, 8, 1]


def document() -> Document:
    net = initialized(layered(SHAPE, "tanh"), "uniform", 1)
    return Document(net, DatasetSpec("circle", seed=1), TrainingSettings(learning_rate=0.03))


def headless_epochs_per_second(seconds: float) -> float:
    doc = document()
    trainer = Trainer(doc.network, doc.build_dataset(), doc.settings)
    start, epochs = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        trainer.step("epoch")
        epochs += 1
    return epochs / (time.perf_counter() - start)


def in_window(app: QApplication, seconds: float) -> dict[str, float]:
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    window.model.replace(document(), None)
    window.controller.set_speed(None)
    intervals: list[float] = []
    snapshots = []
    window.controller.snapshot.connect(lambda s: snapshots.append((time.perf_counter(), s)))
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setTimerType(Qt.PreciseTimer)
    timer.setInterval(16)

    def frame() -> None:
        if clock.isValid():
            intervals.append(clock.nsecsElapsed() / 1e6)
        clock.restart()
        # Offscreen windows are never exposed: repaint what a screen would show.
        window.view.viewport().repaint()
        window.decision_plot.repaint()

    timer.timeout.connect(frame)
    loop = QEventLoop()
    QTimer.singleShot(300, window.controller.play)
    QTimer.singleShot(300, timer.start)
    QTimer.singleShot(int(300 + seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    window.controller.pause()
    playing = [(t, s) for t, s in snapshots if s.playing]
    (t0, s0), (t1, s1) = playing[0], playing[-1]
    window.model.undo_stack.setClean()
    window.model._unsaved_outside_undo = False
    window.close()
    intervals.sort()
    return {
        "median_ms": statistics.median(intervals),
        "p99_ms": intervals[int(0.99 * (len(intervals) - 1))],
        "epochs_per_s": (s1.epoch - s0.epoch) / (t1 - t0),
        "plot_refresh_per_s": (len(playing) - 1) / (t1 - t0),
    }


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    app = QApplication(sys.argv[:1])
    headless = headless_epochs_per_second(seconds)
    sys.setswitchinterval(0.005)
    naive = in_window(app, seconds)
    configure_interpreter()
    tuned = in_window(app, seconds)
    print(f"headless engine: {headless:.0f} epochs/s")
    print(f"{'':28}{'frame median':>14}{'frame p99':>12}{'epochs/s':>10}"
          f"{'vs headless':>13}{'plot Hz':>9}")
    for name, r in (("switch interval 5 ms", naive), ("switch interval 1 ms", tuned)):
        print(f"{name:28}{r['median_ms']:>11.1f} ms{r['p99_ms']:>9.1f} ms"
              f"{r['epochs_per_s']:>10.0f}{r['epochs_per_s'] / headless:>12.0%}"
              f"{r['plot_refresh_per_s']:>9.1f}")


if __name__ == "__main__":
    main()
