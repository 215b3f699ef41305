"""Files dropped on the window: a .nnviz opens, a .csv goes to the import dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

OPENS = (".nnviz",)
IMPORTS = (".csv", ".tsv", ".txt")


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file of a drag that nnviz can take, else None (the cursor says no)."""
    urls = [u for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
    if len(urls) != 1:
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in OPENS + IMPORTS else None


def take_drop(window, path: Path) -> None:
    """Open a network (asking to save the current one first) or start importing data."""
    if path.suffix.lower() in OPENS:
        window.files.open_path(str(path))
        return
    dock = window.docks["data"]
    dock.show()
    dock.raise_()
    window.dataset_panel.open_import_dialog(str(path))
