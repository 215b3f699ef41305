"""The layering rule: nnviz.core never imports Qt or pyqtgraph, so it runs headless."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "PyQt")

PROBE = """
import importlib, json, pkgutil, sys
import nnviz.core
names = [m.name for m in pkgutil.iter_modules(nnviz.core.__path__, "nnviz.core.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""


def test_core_imports_no_qt():
    # A fresh interpreter: this test process may well have Qt loaded by other tests.
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    report = json.loads(result.stdout)
    assert "nnviz.core.plan" in report["modules"]
    leaked = [m for m in report["loaded"] if m.startswith(FORBIDDEN)]
    assert not leaked, f"nnviz.core pulled in {leaked}"
