"""docs/api.md runs as written: its python blocks in order, one namespace, an empty folder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_api_walk_through_runs(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text("utf-8"),
                        re.S)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
    assert (tmp_path / "circle.nnviz").is_file() and (tmp_path / "xnor-backward.svg").is_file()


def test_import_nnviz_gives_the_api_without_starting_qt():
    probe = ("import sys, nnviz; "
             "print(sorted(set(nnviz.__all__) - set(dir(nnviz))), 'PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["[]", "False"]
