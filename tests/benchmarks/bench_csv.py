"""CSV import benchmark: read, suggest roles and encode 10,000 and 100,000 rows, and refuse
500,000 rows, each as the import dialog does it.

Run it from the repository root::

    python tests/benchmarks/bench_csv.py [--repeats 3]

The import path must be linear: the 100k/10k ratio stays near 10 (it was far above
before columns were parsed once and encoded with NumPy), and re-encoding after a
choice in the dialog (the table already parsed) is a small part of the first import.
The 500,000-row file is refused on its line count (counted in C) before any row is
parsed, so it costs a small part of a 10,000-row import. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nnviz.core.csvdata import CsvError, import_csv, read_csv, suggest_roles  # noqa: E402


def write(path: Path, rows: int) -> Path:
    rng = np.random.default_rng(0)
    values = rng.normal(size=(rows, 3))
    with path.open("w") as fh:
        fh.write("a,b,c,kind,label\n")
        fh.writelines(f"{a:.5f},{b:.5f},{c:.5f},{'xyz'[i % 3]},{i % 2}\n"
                      for i, (a, b, c) in enumerate(values.tolist()))
    return path


def timed(fn, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nnviz-bench-csv-"))
    files = {n: write(folder / f"{n}.csv", n) for n in (10_000, 100_000, 500_000)}

    def first_import(path: Path):
        table = read_csv(path)
        return table, import_csv(table, *suggest_roles(table))

    def refuse(path: Path) -> None:
        try:
            read_csv(path)
        except CsvError:
            return
        raise AssertionError("500,000 rows were not refused")

    print(f"{'case':<34} {'median s':>9} {'min s':>7}")
    medians = {}
    for n in (10_000, 100_000):
        medians[n] = statistics.median(t := timed(lambda p=files[n]: first_import(p),
                                                  args.repeats))
        print(f"{f'read+suggest+encode {n:,} rows':<34} {medians[n]:>9.3f} {min(t):>7.3f}")
    table, _ = first_import(files[100_000])
    roles, encodings = suggest_roles(table)
    t = timed(lambda: import_csv(table, roles, encodings), args.repeats)
    print(f"{'re-encode 100,000 rows (parsed)':<34} {statistics.median(t):>9.3f} {min(t):>7.3f}")
    t = timed(lambda: refuse(files[500_000]), args.repeats)
    print(f"{'refuse 500,000 rows':<34} {statistics.median(t):>9.3f} {min(t):>7.3f}")
    print(f"ratio 100k/10k: {medians[100_000] / medians[10_000]:.1f} (linear is 10)")


if __name__ == "__main__":
    main()
