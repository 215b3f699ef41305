"""nnviz as a user installs it: a wheel (not editable) and the sdist, used from a clean folder.

The README's commands are run against the installed wheel in an empty directory, where
the repository's resources/ does not exist, and must print what the README shows. The
sdist must carry everything needed to build that wheel, test it and package it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
SKIP = shutil.ignore_patterns(".git", ".venv", ".ci-venv", "build", "dist", "*.egg-info",
                              "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis",
                              "shots", "scratch")


def pip(*args: str, cwd: Path | None = None) -> None:
    subprocess.run([*PIP, *args], check=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A wheel built from a copy of the tree, installed into a folder of its own, and the sdist."""
    work = tmp_path_factory.mktemp("install")
    tree = work / "tree"
    shutil.copytree(ROOT, tree, ignore=SKIP)
    pip("wheel", "--no-deps", "-w", str(work / "wheels"), str(tree))
    wheel = next((work / "wheels").glob("nnviz-*.whl"))
    site = work / "site"
    pip("install", "--no-deps", "--target", str(site), str(wheel))
    # The sdist with the build backend pyproject.toml asks for, as a frontend would use it.
    backend = work / "backend"
    pip("install", "--target", str(backend), "setuptools>=77")
    env = {**os.environ, "PYTHONPATH": str(backend)}
    subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                    "print(build_meta.build_sdist(sys.argv[1]))", str(work / "sdist")],
                   check=True, cwd=tree, env=env, timeout=600, capture_output=True)
    sdist = next((work / "sdist").glob("nnviz-*.tar.gz"))
    return {"wheel": wheel, "site": site, "sdist": sdist, "work": work}


def installed(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "nnviz", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def readme_console_blocks() -> list[tuple[list[str], list[str]]]:
    """(command words, shown output lines up to a '...') of every `$ nnviz` console block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, re.S):
        lines = body.rstrip("\n").split("\n")
        assert lines[0].startswith("$ nnviz ")
        shown = lines[1:]
        if "..." in shown:
            shown = shown[: shown.index("...")]
        blocks.append((shlex.split(lines[0][2:])[1:], shown))
    return blocks


def test_the_installed_package_is_the_wheel_not_the_repository(built, tmp_path):
    probe = subprocess.run([sys.executable, "-c", "import nnviz; print(nnviz.__file__)"],
                           cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(built["site"])},
                           capture_output=True, text=True, check=True)
    assert Path(probe.stdout.strip()).is_relative_to(built["site"])


@pytest.mark.parametrize("index", range(len(readme_console_blocks())))
def test_readme_commands_print_what_the_readme_shows(built, tmp_path, index):
    words, shown = readme_console_blocks()[index]
    done = installed(built["site"], *words, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[: len(shown)] == shown


def test_readme_export_and_examples_commands_work_installed(built, tmp_path):
    done = installed(built["site"], "export", "xnor", "-o", "xnor.svg", "--theme", "print",
                     cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"<svg" in (tmp_path / "xnor.svg").read_bytes()
    listed = installed(built["site"], "examples", cwd=tmp_path)
    assert listed.returncode == 0 and "xnor" in listed.stdout


def test_the_sdist_carries_what_builds_tests_and_packages_nnviz(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for needed in ("LICENSE", "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "pyproject.toml",
                   ".ci/run", "packaging/nnviz.spec", "packaging/build.sh",
                   "tests/conftest.py", "tests/realx/conftest.py", "tests/test_readme.py",
                   "resources/examples/xnor.nnviz", "docs/screenshots/xnor-network.png"):
        assert needed in names, needed
    assert not any("__pycache__" in name for name in names)


def test_a_wheel_built_from_the_sdist_equals_the_wheel_from_the_tree(built):
    unpacked = built["work"] / "unpacked"
    with tarfile.open(built["sdist"]) as tar:
        tar.extractall(unpacked, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    source = next(unpacked.iterdir())
    pip("wheel", "--no-deps", "-w", str(built["work"] / "from-sdist"), str(source))
    again = next((built["work"] / "from-sdist").glob("nnviz-*.whl"))
    with zipfile.ZipFile(built["wheel"]) as a, zipfile.ZipFile(again) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert "nnviz/resources/examples/xnor.nnviz" in a.namelist()
        # The digits' pictures and their source and licence travel together.
        assert {"nnviz/resources/data/digits/optdigits.tes.gz",
                "nnviz/resources/data/digits/README.md"} <= set(a.namelist())
        metadata = a.read(next(n for n in a.namelist() if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    import nnviz
    assert f"Version: {nnviz.__version__}\n" in metadata
