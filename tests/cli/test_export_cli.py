"""``nnviz export`` as a user runs it: in a subprocess, with no display configured."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
XNOR = str(ROOT / "resources" / "examples" / "xnor.nnviz")


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "nnviz", "export", *args], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_export_png_without_a_display(tmp_path) -> None:
    out = tmp_path / "x.png"
    done = run(XNOR, "-o", str(out), "--scale", "2")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("view", ["network", "slide", "regions", "loss"])
def test_export_svg_views(tmp_path, view) -> None:
    out = tmp_path / f"{view}.svg"
    done = run(str(ROOT / "resources" / "examples" / "playground.nnviz"), "-o", str(out),
               "--view", view, "--train-epochs", "3", "--theme", "print")
    assert done.returncode == 0, done.stderr
    ET.parse(out)


def test_export_pdf(tmp_path) -> None:
    out = tmp_path / "x.pdf"
    assert run(XNOR, "-o", str(out), "--view", "slide").returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == 1


@pytest.mark.parametrize("args, words", [
    (["-o", "/tmp/x.gif"], "format"),
    (["-o", "/tmp/x.png", "--scale", "9"], "--scale"),
    (["-o", "/tmp/x.png", "--view", "nope"], "invalid choice"),
    (["-o", "/nonexistent-dir/x.png"], "no such folder"),
    (["-o", "/tmp/x.png", "--sample", "999"], "out of range"),
])
def test_bad_arguments_are_one_line_exit_2(args, words) -> None:
    done = run(XNOR, *args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error:") and words in lines[0]


def test_the_error_surface_exports_with_no_display(tmp_path) -> None:
    out = tmp_path / "surface.png"
    done = run(XNOR, "-o", str(out), "--view", "surface")
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() > 300 and image.height() > 300
    # Not blank: the surface's colours vary across the picture.
    probes = range(60, 300, 40)
    colours = {image.pixelColor(x, y).name() for x in probes for y in probes}
    assert len(colours) > 5
