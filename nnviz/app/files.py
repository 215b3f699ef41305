"""New, Open, Save, Save As, recent files and recovery: nothing is lost silently.

Opening never half-replaces the document: the file is loaded and validated
completely first, and only a complete document replaces the open one. A
malformed file gets the loader's message (field and reason) in a dialog.
"""

from __future__ import annotations

import os
import time
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from nnviz.app.recovery import scan
from nnviz.core.atomicfile import read_only, remove_stale_temporaries
from nnviz.core.document import DocumentError, blank_document, load
from nnviz.core.examples import example_path, examples_folder

FILTER = "nnviz networks (*.nnviz);;All files (*)"


def markup(text: str) -> str:
    """Text for a Qt dialog that guesses rich text: escaped and marked up, so a title or
    a message quoting a file (``<img width=2000>``) is shown as written, never rendered."""
    return "<p>" + escape(text, quote=False).replace("\n", "<br>") + "</p>"


def ask(parent, title: str, text: str) -> QMessageBox.StandardButton:
    """A Yes/No question whose text is shown as plain text: file names come from anywhere."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.Yes)
    return QMessageBox.StandardButton(box.exec())


MAX_RECENT = 8


class FileManager:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.suggested_path: str | None = None  # Save As's proposal for restored work
        self.recovery_note: str | None = None  # what recovery set aside, for the status bar
        window.model.replaced.connect(self._forget_suggestion)

    def _forget_suggestion(self) -> None:
        self.suggested_path = None

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
        # Training would go on behind the dialog (and change what is about to be saved):
        # pause first, and play on only if the user keeps this document.
        controller = self.window.controller
        playing = controller.playing
        if playing:
            controller.pause()
        answer = QMessageBox.warning(
            self.window, "Unsaved changes",
            markup(f"“{self.display_name()}” has unsaved changes. Save them first?"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save,
        )
        done = self.save() if answer == QMessageBox.Save else answer == QMessageBox.Discard
        if playing and not done:
            controller.play()
        return done

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
            document = load(path, drawable=True)  # a network too big to draw: refused at once
        except DocumentError as exc:
            QMessageBox.critical(self.window, "Cannot open file",
                                 markup(f"“{Path(path).name}” could not be opened:\n\n{exc}"))
            self.window.show_message(f"Could not open {Path(path).name}: {exc}")
            return False
        if shipped(path):
            # A shipped example, opened by its path: an untitled copy, like Open Example,
            # so that Save never writes into the installation.
            self.model.replace(document, None)
            self.window.show_message(f"Opened example {Path(path).name} as an untitled copy")
            return True
        self.model.replace(document, os.path.abspath(path))
        remove_stale_temporaries(path)  # what saves killed half-way left beside it
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
        suggested = (self.model.path or self.suggested_path
                     or os.path.join(self._folder(), "network.nnviz"))
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network", suggested, FILTER)
        if not path:
            return False
        if not path.endswith(".nnviz"):
            path += ".nnviz"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        replace = False
        if read_only(path):  # as a text editor does: ask before replacing a read-only file
            answer = QMessageBox.question(
                self.window, "Replace a read-only file?",
                markup(f"“{Path(path).name}” is read-only ({path}). Replace it anyway?"),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                self.window.show_message(f"Not saved: {Path(path).name} is read-only")
                return False
            replace = True
        try:
            self.model.save(path, replace_read_only=replace)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self.window, "Cannot save",
                                 markup(f"Saving to {path} failed:\n\n{exc}"))
            self.window.show_message(f"Could not save {Path(path).name}: {exc}")
            return False
        self._add_recent(os.path.abspath(path))
        self.window.show_message(f"Saved {Path(path).name}")
        return True

    # ------------------------------------------------------------ recovery
    def offer_recovery(self, path: str | None = None) -> bool:
        """Offer the newest work a crashed session left; True if restored.

        Started on FILE, only work on that file is offered (the rest waits for a plain
        start). The sidecar's path is shown in full and, unless it is the FILE the user
        asked for, is only Save As's suggestion: a planted sidecar cannot aim Save at
        another file.
        """
        found = scan()
        if found.set_aside:  # said after the start's own messages (see MainWindow.start)
            more = len(found.set_aside) - 1
            self.recovery_note = found.set_aside[0] + (f"; and {more} more" if more else "")
        wanted = os.path.abspath(path) if path else None
        offered = [o for o in found.orphans if wanted is None or o.original_path == wanted]
        for o in found.orphans:
            if o not in offered:
                o.release()
        if not offered:
            return False
        newest = offered[0]
        where = newest.original_path
        name = f"“{Path(where).name}”\n({where})" if where else "an untitled network"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.saved_at))
        answer = ask(self.window, "Restore unsaved work?",
                     f"nnviz did not close properly last time. Restore the unsaved changes "
                     f"(written {when}) to {name}?")
        restored = False
        if answer == QMessageBox.Yes:
            keep_path = where if where is not None and where == wanted else None
            self.model.replace(newest.load(), keep_path)
            self.model.mark_unsaved()
            self.suggested_path = where
            self.window.show_message(
                "Restored unsaved work — save it to keep it" if keep_path or not where else
                f"Restored unsaved work of {Path(where).name} — Save asks where to keep it")
            restored = True
        for orphan in offered:
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
