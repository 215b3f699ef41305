"""New, Open, Save, Save As, recent files and recovery: nothing is lost silently.

Opening never half-replaces the document: the file is loaded and validated
completely first, and only a complete document replaces the open one. A
malformed file gets the loader's message (field and reason) in a dialog.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from nnviz.app.recovery import orphans
from nnviz.core.document import DocumentError, blank_document, load
from nnviz.core.examples import example_path, examples_folder

FILTER = "nnviz networks (*.nnviz);;All files (*)"
MAX_RECENT = 8


class FileManager:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window

    @property
    def model(self):
        return self.window.model

    def display_name(self) -> str:
        doc = self.model.document
        if self.model.path:
            return Path(self.model.path).name
        return doc.title or "Untitled"

    # ------------------------------------------------------------- asking
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, clean)."""
        if not self.model.is_modified():
            return True
        answer = QMessageBox.warning(
            self.window, "Unsaved changes",
            f"“{self.display_name()}” has unsaved changes. Save them first?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save,
        )
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # -------------------------------------------------------------- files
    def new(self) -> None:
        if self.maybe_save():
            self.model.replace(blank_document(), None)
            self.window.show_message("New network for XOR: its inputs and output are in "
                                     "place; add the hidden part (+ layer, or click)")

    def open(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Open network", self._folder(),
                                              FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            document = load(path)
        except DocumentError as exc:
            QMessageBox.critical(self.window, "Cannot open file",
                                 f"“{Path(path).name}” could not be opened:\n\n{exc}")
            self.window.show_message(f"Could not open {Path(path).name}: {exc}")
            return False
        if shipped(path):
            # A shipped example, opened by its path: an untitled copy, like Open Example,
            # so that Save never writes into the installation.
            self.model.replace(document, None)
            self.window.show_message(f"Opened example {Path(path).name} as an untitled copy")
            return True
        self.model.replace(document, os.path.abspath(path))
        self._add_recent(os.path.abspath(path))
        self.window.show_message(f"Opened {Path(path).name}")
        return True

    def open_example(self, name: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            document = load(example_path(name))
        except DocumentError as exc:
            self.window.show_message(f"Example {name} is damaged: {exc}")
            return False
        # An example opens as an untitled copy, so Save asks where to put it.
        self.model.replace(document, None)
        self.window.show_message(f"Opened example “{document.title or name}”")
        return True

    def save(self) -> bool:
        if not self.model.path:
            return self.save_as()
        return self._save_to(self.model.path)

    def save_as(self) -> bool:
        suggested = self.model.path or os.path.join(self._folder(), "network.nnviz")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network", suggested, FILTER)
        if not path:
            return False
        if not path.endswith(".nnviz"):
            path += ".nnviz"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        try:
            self.model.save(path)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self.window, "Cannot save", f"Saving to {path} failed:\n\n{exc}")
            return False
        self._add_recent(os.path.abspath(path))
        self.window.show_message(f"Saved {Path(path).name}")
        return True

    # ------------------------------------------------------------ recovery
    def offer_recovery(self) -> bool:
        """Offer the newest work a crashed session left; True if restored."""
        found = orphans()
        if not found:
            return False
        newest = found[0]
        name = Path(newest.original_path).name if newest.original_path else "an untitled network"
        answer = QMessageBox.question(
            self.window, "Restore unsaved work?",
            f"nnviz did not close properly last time. Restore the unsaved changes to {name}?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes,
        )
        restored = False
        if answer == QMessageBox.Yes:
            try:
                document = newest.load()
            except DocumentError as exc:
                self.window.show_message(f"The recovery file is damaged: {exc}")
            else:
                self.model.replace(document, newest.original_path)
                self.model.mark_unsaved()
                self.window.show_message("Restored unsaved work — save it to keep it")
                restored = True
        for orphan in found:
            orphan.discard()
        return restored

    # -------------------------------------------------------------- recent
    def recent(self) -> list[str]:
        value = QSettings().value("files/recent", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if os.path.exists(p)]

    def _add_recent(self, path: str) -> None:
        paths = [path] + [p for p in self.recent() if p != path]
        QSettings().setValue("files/recent", paths[:MAX_RECENT])

    def _folder(self) -> str:
        """Where Open and Save As start: the document's folder, else the last one used,
        never the shipped examples' (a student would save into the installation), else
        the user's documents folder."""
        for path in ([self.model.path] if self.model.path else []) + self.recent():
            if not shipped(path):
                return str(Path(path).parent)
        return documents_folder()


def documents_folder() -> str:
    """The user's documents folder, or the home folder where there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and os.path.isdir(folder) else str(Path.home())


def shipped(path: str) -> bool:
    """Is path one of the example files installed with nnviz?"""
    try:
        folder = Path(str(examples_folder())).resolve()
        return Path(path).resolve().parent == folder
    except OSError:
        return False
