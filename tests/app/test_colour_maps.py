"""Colour maps never raise: uint8 stops under NumPy 2, and a map with one output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from nnviz.app.plots import DecisionPlot, colors
from nnviz.core.csvdata import import_csv, read_csv
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.document import Document, save
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.session import GridMaps
from nnviz.core.settings import TrainingSettings

ROOT = Path(__file__).resolve().parents[2]
HOUSING = ROOT / "resources" / "data" / "housing_toy.csv"


def test_the_sequential_map_lightens_uint8_stops():
    """Cividis's stops are uint8: c − 255 must not wrap (OverflowError under NumPy 2.4)."""
    dark = colors.sequential_map(lighten=False).getStops(mode="byte")[1]
    light = colors.sequential_map().getStops(mode="byte")[1]
    for d, lt in zip(dark, light):
        assert tuple(lt[:3]) == tuple(round(255 + (int(c) - 255) * 0.8) for c in d[:3])
    table = colors.lut(colors.sequential_map())
    assert table.shape == (256, 3) and table.dtype == np.uint8


def test_a_class_map_with_one_output_is_transparent(qtbot):
    """Blobs (3 classes) with a one-output network: no ZeroDivisionError, nothing coloured."""
    rgba = colors.ClassImage(1, (4, 4)).render(np.full((1, 4, 4), 0.7), discrete=False)
    assert not rgba[..., 3].any()
    plot = DecisionPlot()
    qtbot.addWidget(plot)
    plot.set_dataset(make_dataset(DatasetSpec("blobs", n_points=60, classes=3)))
    ids = ("n1", "n2", "n3")
    plot.update_from(type("S", (), {"grid": GridMaps((-1, 1, -1, 1), ids,
                                                     np.zeros((3, 100, 100), np.float32),
                                                     ("n3",))})())
    assert plot.image.image.shape == (100, 100, 4)


def test_export_regions_of_the_housing_data(tmp_path):
    """A regression target that does not change sign takes the sequential map, headless."""
    table = read_csv(HOUSING)
    roles = {name: "feature" for name in table.header}
    roles["price_k"] = "target"
    roles["district"] = roles["condition"] = "ignore"
    data = import_csv(table, roles, {})
    net = initialized(layered([len(data.feature_names), 3, 1], "tanh", "identity"))
    for n, name in zip(net.inputs, data.feature_names):
        n.feature = n.label = name
    doc = Document(net, data, TrainingSettings())
    path = tmp_path / "housing.nnviz"
    save(doc, path)
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / "regions.png"
    done = subprocess.run([sys.executable, "-m", "nnviz", "export", str(path), "-o", str(out),
                           "--view", "regions"], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
