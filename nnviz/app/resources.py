"""Where the Qt layer finds shipped files (icons), through importlib.resources."""

from __future__ import annotations

from importlib import resources


def icon_path() -> str | None:
    """The application icon as a file path, or None if it is not shipped."""
    candidate = resources.files("nnviz.resources") / "icons" / "nnviz.svg"
    return str(candidate) if candidate.is_file() else None
