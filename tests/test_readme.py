"""The README's quick start and CI run the same test command, so the README stays true."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    install, test = commands
    assert install.endswith(".venv/bin/nnviz") and "pip install -e ." in install
    assert "'.[test]'" in test and "pytest" in test and "QT_QPA_PLATFORM=offscreen" in test


def test_ci_runs_the_readme_test_command_verbatim():
    script = ROOT / ".ci" / "run"
    text = script.read_text(encoding="utf-8")
    test_command = quick_start_commands()[1]
    assert f'TEST_COMMAND="{test_command}"' in text
    assert 'bash -c "$TEST_COMMAND"' in text
    assert "set -euo pipefail" in text
    assert os.access(script, os.X_OK)
