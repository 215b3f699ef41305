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

from nnviz.app import background
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.recovery import scan
from nnviz.core.atomicfile import read_only, remove_stale_temporaries
from nnviz.core.document import DocumentError, blank_document, load
from nnviz.core.examples import example_path, examples_folder

FILTER = QT_TRANSLATE_NOOP("files", "nnviz networks (*.nnviz);;All files (*)")


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
# Files at least this large are read and validated off the GUI thread (about 0.1 s).
BACKGROUND_BYTES = 1_000_000


class FileManager:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.suggested_path: str | None = None  # Save As's proposal for restored work
        self.recovery_note: str | None = None  # what recovery set aside, for the status bar
        self.opening = False  # a large file is being read off the GUI thread
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
        return doc.title or translate("files", "Untitled")

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
            self.window, translate("files", "Unsaved changes"),
            markup(translate("files", "“{name}” has unsaved changes. Save them first?").format(
                name=self.display_name())),
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
            self.window.show_message(translate(
                    "files", "New network for XOR: its inputs and output are in place; add the "
                    "hidden part (+ layer, or click)"))

    def open(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, translate("files", "Open network"),
                                              self._folder(),
                                              translate("files", FILTER))
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: str, ask: bool = True) -> bool:
        if self.opening:
            return False  # input is held back while opening; a drop or a timer is not
        if ask and not self.maybe_save():
            return False
        try:
            document = self._load(path)
        except background.Cancelled:
            self.window.show_message(translate(
                "files", "Opening {name} cancelled; nothing changed").format(name=Path(path).name))
            return False
        except DocumentError as exc:
            QMessageBox.critical(self.window, translate("files", "Cannot open file"),
                                 markup(translate("files",
                                                  "“{name}” could not be opened:\n\n{reason}"
                                                  ).format(name=Path(path).name, reason=exc)))
            self.window.show_message(translate("files", "Could not open {name}: {reason}").format(
                name=Path(path).name, reason=exc))
            return False
        if shipped(path):
            # A shipped example, opened by its path: an untitled copy, like Open Example,
            # so that Save never writes into the installation.
            self.model.replace(document, None)
            self.window.show_message(translate(
                "files", "Opened example {name} as an untitled copy").format(name=Path(path).name))
            return True
        self.model.replace(document, os.path.abspath(path))
        remove_stale_temporaries(path)  # what saves killed half-way left beside it
        self._add_recent(os.path.abspath(path))
        self.window.show_message(translate("files", "Opened {name}").format(name=Path(path).name))
        return True

    def _load(self, path: str):
        """The validated document; a large one is read on a worker thread while the window
        keeps painting (with a progress bar and Cancel after a moment)."""
        def read():
            return load(path, drawable=True)  # a network too big to draw: refused at once
        try:
            large = os.stat(path).st_size >= BACKGROUND_BYTES
        except OSError:
            large = False  # load says what is wrong with it
        if not large:
            return read()
        self.opening = True
        try:
            return background.run(read, self.window, translate(
                "files", "Opening {name}…").format(name=Path(path).name))
        finally:
            self.opening = False

    def open_example(self, name: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            document = load(example_path(name))
        except DocumentError as exc:
            self.window.show_message(translate("files",
                                               "Example {name} is damaged: {reason}").format(
                name=name, reason=exc))
            return False
        # An example opens as an untitled copy, so Save asks where to put it.
        self.model.replace(document, None)
        self.window.show_message(translate("files", "Opened example “{name}”").format(
            name=document.title or name))
        return True

    def save(self) -> bool:
        if not self.model.path:
            return self.save_as()
        return self._save_to(self.model.path)

    def save_as(self) -> bool:
        suggested = (self.model.path or self.suggested_path
                     or os.path.join(self._folder(), "network.nnviz"))
        path, _ = QFileDialog.getSaveFileName(self.window, translate("files", "Save network"),
                                              suggested, translate("files", FILTER))
        if not path:
            return False
        if not path.endswith(".nnviz"):
            path += ".nnviz"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        replace = False
        if read_only(path):  # as a text editor does: ask before replacing a read-only file
            answer = QMessageBox.question(
                self.window, translate("files", "Replace a read-only file?"),
                markup(translate("files",
                                 "“{name}” is read-only ({path}). Replace it anyway?").format(
                    name=Path(path).name, path=path)),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                self.window.show_message(translate("files",
                                                   "Not saved: {name} is read-only").format(
                    name=Path(path).name))
                return False
            replace = True
        try:
            self.model.save(path, replace_read_only=replace)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self.window, translate("files", "Cannot save"),
                                 markup(translate("files", "Saving to {path} failed:\n\n{reason}"
                                                  ).format(path=path, reason=exc)))
            self.window.show_message(translate("files", "Could not save {name}: {reason}").format(
                name=Path(path).name, reason=exc))
            return False
        self._add_recent(os.path.abspath(path))
        self.window.show_message(translate("files", "Saved {name}").format(name=Path(path).name))
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
            self.recovery_note = found.set_aside[0] + (
                translate("files", "; and {n} more").format(n=more) if more else "")
        wanted = os.path.abspath(path) if path else None
        offered = [o for o in found.orphans if wanted is None or o.original_path == wanted]
        for o in found.orphans:
            if o not in offered:
                o.release()
        if not offered:
            return False
        newest = offered[0]
        where = newest.original_path
        name = (f"“{Path(where).name}”\n({where})" if where
                else translate("files", "an untitled network"))
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.saved_at))
        answer = ask(self.window, translate("files", "Restore unsaved work?"),
                     translate("files",
                               "nnviz did not close properly last time. Restore the unsaved "
                               "changes (written {when}) to {name}?").format(when=when, name=name))
        restored = False
        if answer == QMessageBox.Yes:
            keep_path = where if where is not None and where == wanted else None
            self.model.replace(newest.load(), keep_path)
            self.model.mark_unsaved()
            self.suggested_path = where
            self.window.show_message(
                translate("files", "Restored unsaved work — save it to keep it")
                if keep_path or not where else
                translate("files", "Restored unsaved work of {name} — Save asks where to keep it"
                          ).format(name=Path(where).name))
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
