"""The digits in the window: epochs per second and frame times with the gallery live.

Run: QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_digits.py [seconds]

Opens the real main window on the shipped digits example (64-32-10, tanh, softmax over
ten classes, Adam, 898 training pictures in batches of 10: 90 updates an epoch), presses
Play at the fastest speed and measures, with bench_gui's own harness (a 60 Hz timer that
also repaints the canvas and the Output dock's plot, here the gallery of test examples):
- epochs per second in the window, against the same training headless in this process;
- the GUI frame interval (median, p99);
- how often the gallery took new outputs and re-sorted its tiles per second.
Early stopping is switched off for the run (the example stops itself after ~75 epochs).
Rows at 1280×720 (a laptop, the size an instructor tries first) and 1920×1080, and as
the baseline of the same run the playground example (2-4-2-1, its decision map live)
at 1280×720: on a busy machine the frame times of both rise together.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# First: bench_gui sets the offscreen platform and fresh settings folders on import.
from bench_gui import headless_epochs_per_second, in_window  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.app.main import configure_interpreter  # noqa: E402
from nnviz.app.plots.gallery import Gallery  # noqa: E402
from nnviz.core import accel  # noqa: E402
from nnviz.core.examples import load_example  # noqa: E402

TARGETS = {"epochs_per_s": 20.0, "p99_ms": 20.0}
SIZES = ((1280, 720), (1920, 1080))


def digits():
    doc = load_example("digits")
    return dataclasses.replace(doc, settings=dataclasses.replace(doc.settings, patience=0))


class GalleryClock:
    """Counts the gallery's re-sorts (each one a new set of outputs shown) while it runs."""

    def __init__(self) -> None:
        self.times: list[float] = []
        original = Gallery._take_pending

        def counted(gallery: Gallery) -> None:
            self.times.append(time.perf_counter())
            original(gallery)

        Gallery._take_pending = counted

    def rate(self, since: int) -> float:
        t = self.times[since:]
        return (len(t) - 1) / (t[-1] - t[0]) if len(t) > 1 else 0.0


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    app = QApplication(sys.argv[:1])
    configure_interpreter()
    accel.use_now()  # headless trains with the engine the window's engine picks
    headless = headless_epochs_per_second(digits, seconds)
    print(f"digits 64-32-10: headless engine {headless:.1f} epochs/s ({accel.status()})")
    clock = GalleryClock()
    rows = []
    for size in SIZES:
        start = len(clock.times)
        r = in_window(app, digits, seconds, size=size)
        rows.append((f"digits {size[0]}×{size[1]}", r, clock.rate(start)))
    base = in_window(app, lambda: load_example("playground"), seconds, size=SIZES[0])
    rows.append(("baseline: playground 1280×720", base, float("nan")))
    print(f"{'':30}{'frame median':>14}{'frame p99':>12}{'epochs/s':>10}{'vs headless':>13}"
          f"{'gallery Hz':>12}")
    t = TARGETS
    print(f"{'target':30}{'':>14}{'≤ ' + format(t['p99_ms'], '.0f'):>9} ms"
          f"{'≥ ' + format(t['epochs_per_s'], '.0f'):>10}")
    for name, r, gallery_hz in rows:
        ok = r["epochs_per_s"] >= t["epochs_per_s"] and r["p99_ms"] <= t["p99_ms"]
        verdict = "" if name.startswith("baseline") else "meets both" if ok else "misses"
        ratio = f"{r['epochs_per_s'] / headless:>12.0%}" if verdict else f"{'':>12}"
        print(f"{name:30}{r['median_ms']:>11.1f} ms{r['p99_ms']:>9.1f} ms"
              f"{r['epochs_per_s']:>10.1f}{ratio}{gallery_hz:>12.1f}  {verdict}")


if __name__ == "__main__":
    main()
