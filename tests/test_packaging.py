"""Every package of nnviz is installed: pyproject.toml lists packages by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; 3.10 runs the rest of the suite
ROOT = Path(__file__).resolve().parents[1]


def test_every_package_directory_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "nnviz").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"


def test_every_shipped_data_file_is_in_the_wheels_package_data():
    """A resource no package-data pattern matches is left out of the wheel (only the sdist
    would carry it), and the app that reads it fails after a plain pip install."""
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["nnviz.resources"]
    shipped = [p.relative_to(ROOT / "resources").as_posix()
               for folder in ("data", "examples", "schema")
               for p in (ROOT / "resources" / folder).rglob("*") if p.is_file()]
    assert "data/digits/optdigits.tes.gz" in shipped and "data/digits/README.md" in shipped
    missing = [p for p in shipped if not any(fnmatch(p, pat) and p.count("/") == pat.count("/")
                                             for pat in patterns)]
    assert missing == []
