"""How long the GUI thread stalls while opening a 100,000-point document and importing a
100,000-row CSV, each done the way the window does it.

Run: QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_big_data.py [--repeats 3]

A 5 ms heartbeat timer runs on the GUI thread; a stall is the longest gap between two
of its beats while the operation runs (from the call until the document is replaced and
the event queue is idle). "GUI CPU" is the processor time the GUI thread itself spent
(``time.thread_time``), which a busy shared machine does not inflate; the "idle" row is
the stall of a window doing nothing for as long, the machine's own noise. "direct" rows
do the work on the GUI thread, as before it was moved off it, in the same run, so the
ratio holds on a shared machine. The network is
2-8×6-1, the data two inputs and a 0/1 label. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_fresh = tempfile.mkdtemp(prefix="nnviz-bench-big-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_fresh, "config")
os.environ["NNVIZ_RECOVERY_DIR"] = os.path.join(_fresh, "recovery")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nnviz.app import files  # noqa: E402
from nnviz.app.main import configure_interpreter  # noqa: E402
from nnviz.app.mainwindow import MainWindow  # noqa: E402
from nnviz.app.panels import csv_reading  # noqa: E402
from nnviz.app.panels.csv_dialog import CsvImportDialog  # noqa: E402
from nnviz.core.data import Dataset  # noqa: E402
from nnviz.core.document import Document, save  # noqa: E402
from nnviz.core.init import initialized  # noqa: E402
from nnviz.core.network import layered  # noqa: E402
from nnviz.core.settings import TrainingSettings  # noqa: E402

N = 100_000


def make_files(folder: Path) -> tuple[str, str]:
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, size=(N, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    data = Dataset(x, y, "binary", ["x1", "x2"], ["y"], np.arange(N * 4 // 5),
                   np.arange(N * 4 // 5, N))
    net = initialized(layered([2] + [8] * 6 + [1], "tanh", "sigmoid"))
    doc = folder / "big.nnviz"
    save(Document(net, data, TrainingSettings(loss="bce")), doc)
    csv = folder / "big.csv"
    with csv.open("w") as fh:
        fh.write("x1,x2,label\n")
        fh.writelines(f"{a:.5f},{b:.5f},{int(c)}\n"
                      for (a, b), c in zip(x.tolist(), y[:, 0].tolist()))
    return str(doc), str(csv)


class Heartbeat:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)
        self.last = time.perf_counter()
        self.worst = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.cpu = time.thread_time()
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self._beat()
        self.timer.stop()
        return self.worst, time.thread_time() - self.cpu


def wait_until(done) -> None:
    """Run the event loop (sleeping when it has nothing to do) until ``done()``."""
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: done() and loop.quit())
    poll.start(5)
    loop.exec()


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    wait_until(lambda: time.perf_counter() >= end)


def idle_once(app, window, seconds: float, beat: Heartbeat) -> tuple[float, float, float]:
    settle(app)
    beat.start()
    settle(app, seconds)
    return (seconds, *beat.stop())


def open_once(app, window, path: str, beat: Heartbeat) -> tuple[float, float]:
    settle(app)
    beat.start()
    start = time.perf_counter()
    assert window.files.open_path(path, ask=False)
    settle(app, 0.2)
    return (time.perf_counter() - start - 0.2, *beat.stop())


def import_once(app, window, path: str, beat: Heartbeat) -> tuple[float, float]:
    settle(app)
    dialog = CsvImportDialog(window.model, window)
    dialog.show()
    settle(app, 0.1)
    beat.start()
    start = time.perf_counter()
    dialog.load_file(path)
    wait_until(lambda: not dialog.reading)
    assert dialog.dataset is not None, dialog.status.text()
    dialog.accept()
    settle(app, 0.2)
    took = time.perf_counter() - start - 0.2
    dialog.deleteLater()
    return (took, *beat.stop())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    configure_interpreter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.warning = lambda *a, **k: QMessageBox.Discard  # type: ignore[method-assign]
    doc, csv = make_files(Path(tempfile.mkdtemp(prefix="nnviz-bench-big-files-")))
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    window.start(None)
    settle(app, 2)
    beat = Heartbeat()
    rows = []
    background_bytes = files.BACKGROUND_BYTES
    first_import = csv_reading.first_import
    for name, how in (("open 100,000-point document", "direct"),
                      ("open 100,000-point document", "background"),
                      ("import 100,000-row CSV", "direct"),
                      ("import 100,000-row CSV", "background")):
        files.BACKGROUND_BYTES = 1 << 62 if how == "direct" else background_bytes
        csv_reading.first_import = first_import if how == "background" else lambda _r: None
        fn = open_once if name.startswith("open") else import_once
        runs = [fn(app, window, doc if fn is open_once else csv, beat)
                for _ in range(args.repeats)]
        rows.append((name, how, *(statistics.median(r[k] for r in runs) for k in (0, 1)),
                     max(r[1] for r in runs), statistics.median(r[2] for r in runs)))
        idle = [idle_once(app, window, rows[-1][2], beat) for _ in range(args.repeats)]
        rows.append(("  idle window, as long", "", *(statistics.median(r[k] for r in idle)
                                                    for k in (0, 1)),
                     max(r[1] for r in idle), statistics.median(r[2] for r in idle)))
    print(f"{'operation':<30} {'GUI work':<11} {'took s':>7} {'stall ms':>9} {'worst':>7} "
          f"{'GUI CPU s':>9}")
    for name, how, took, stall, worst, cpu in rows:
        print(f"{name:<30} {how:<11} {took:>7.2f} {stall * 1000:>9.0f} {worst * 1000:>7.0f} "
              f"{cpu:>9.2f}")
    window.close()


if __name__ == "__main__":
    main()
