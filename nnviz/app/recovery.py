"""Crash recovery: unsaved work is written aside every 30 s and offered back after a crash.

Each running window owns one recovery file, a small sidecar saying which file it
was editing, and a ``QLockFile`` held while it runs. A clean exit or a save
removes all three; files whose lock can be taken are what a crash (or kill -9)
left: Qt's stale-lock detection sees that the owner is gone even when its
process id now belongs to another program, which a bare PID check cannot.

The folder is nobody else's business: created 0700, refused when it belongs to
another user or is not a real folder, files written 0600 by exclusive create and
rename (a planted symlink is replaced, never followed). What is found there is
read like a document from a stranger: sidecars and documents are validated, and
a malformed one is set aside (moved to ``set-aside/``) with a message, never fatal.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from nnviz.app.docmodel import DocumentModel
from nnviz.app.i18n import translate
from nnviz.core.atomicfile import write_atomic
from nnviz.core.docjson import DocumentError, parse
from nnviz.core.document import MAX_FILE_BYTES, Document, from_json, save

INTERVAL_MS = 30_000
# Documents with at least this many embedded points are written on a thread.
BACKGROUND_POINTS = 20_000
MAX_SIDECAR_BYTES = 16_384
MAX_PATH_CHARS = 4096
SET_ASIDE = "set-aside"


class RecoveryUnavailable(Exception):
    """The recovery folder cannot be trusted or used; the message says why and where."""


def recovery_dir() -> Path:
    """The private recovery folder, created 0700; RecoveryUnavailable if it is not ours."""
    base = os.environ.get("NNVIZ_RECOVERY_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    folder = Path(base) / "recovery"
    private_folder(folder)
    return folder


def private_folder(folder: Path) -> None:
    """Make sure ``folder`` is a real folder of this user that only this user can enter."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        info = os.lstat(folder)
    except OSError as exc:
        raise RecoveryUnavailable(f"cannot create {folder}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise RecoveryUnavailable(f"{folder} is not a folder (a link or a file is in its place)")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise RecoveryUnavailable(f"{folder} belongs to another user")
    if info.st_mode & 0o077:
        try:
            os.chmod(folder, 0o700)  # ours, but too open (an older nnviz made it 0755)
        except OSError as exc:
            raise RecoveryUnavailable(f"cannot make {folder} private: {exc.strerror}") from None


def read_private(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, never through a symlink; OSError/ValueError otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ValueError("not a regular file")
        raw = fh.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"larger than {limit} bytes")
    return raw


def read_sidecar(raw: bytes) -> tuple[str | None, float]:
    """(original path, saved-at time) from a sidecar's bytes; DocumentError if malformed."""
    data = parse(raw)
    if not isinstance(data, dict):
        raise DocumentError("the sidecar is not a JSON object")
    unknown = set(data) - {"pid", "original_path", "saved_at"}
    if unknown:
        raise DocumentError(f"the sidecar has unknown fields: {', '.join(sorted(unknown))}")
    original = data.get("original_path")
    if original is not None:
        if not isinstance(original, str) or not original or len(original) > MAX_PATH_CHARS:
            raise DocumentError("original_path must be a file path")
        if not os.path.isabs(original) or any(ord(c) < 32 or ord(c) == 127 for c in original):
            raise DocumentError("original_path must be an absolute path without control "
                                "characters")
    saved_at = data.get("saved_at")
    if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)) \
            or not math.isfinite(saved_at) or saved_at < 0:
        raise DocumentError("saved_at must be a time (a non-negative number)")
    return original, float(saved_at)


@dataclass
class Orphan:
    """Work left behind by a window that did not exit cleanly; holds its lock while kept."""

    stem: str
    folder: Path
    original_path: str | None
    saved_at: float
    document: Document
    lock: QLockFile = field(repr=False)

    @property
    def document_path(self) -> Path:
        return self.folder / f"{self.stem}.nnviz"

    def load(self) -> Document:
        return self.document

    def release(self) -> None:
        """Leave the files for a later start (another document was asked for)."""
        self.lock.unlock()

    def discard(self) -> None:
        for p in _session_files(self.folder, self.stem):
            p.unlink(missing_ok=True)
        self.lock.unlock()


@dataclass
class Scan:
    orphans: list[Orphan]  # newest first, each locked by this process until released
    set_aside: list[str]  # one message per damaged session moved out of the way

    def release(self) -> None:
        for o in self.orphans:
            o.release()


def _session_files(folder: Path, stem: str) -> list[Path]:
    return [folder / f"{stem}.nnviz", folder / f"{stem}.meta.json"]


def _set_aside(folder: Path, stem: str, why: str) -> str:
    aside = folder / SET_ASIDE
    try:
        private_folder(aside)
        for p in _session_files(folder, stem):
            if os.path.lexists(p):
                os.replace(p, aside / p.name)
    except (OSError, RecoveryUnavailable):
        for p in _session_files(folder, stem):  # cannot keep it: do not trip on it again
            p.unlink(missing_ok=True)
        return translate("recovery", "A damaged crash-recovery file was removed ({why})").format(
            why=why)
    return translate("recovery", "A damaged crash-recovery file was set aside in {folder} ({why})"
                     ).format(folder=aside, why=why)


def scan() -> Scan:
    """Sessions whose window is gone, validated; damaged ones are set aside."""
    try:
        folder = recovery_dir()
    except RecoveryUnavailable as exc:
        return Scan([], [translate("recovery", "Crash recovery is off: {why}").format(why=exc)])
    found: list[Orphan] = []
    messages: list[str] = []
    for meta_path in sorted(folder.glob("session-*.meta.json")):
        stem = meta_path.name.removesuffix(".meta.json")
        lock = QLockFile(str(folder / f"{stem}.lock"))
        lock.setStaleLockTime(0)  # alive is decided by the owner's process, not the age
        if not lock.tryLock(0):
            continue  # a running window's
        try:
            original, saved_at = read_sidecar(read_private(meta_path, MAX_SIDECAR_BYTES))
            document = from_json(read_private(folder / f"{stem}.nnviz", MAX_FILE_BYTES))
        except (OSError, ValueError) as exc:  # DocumentError is a ValueError
            why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            messages.append(_set_aside(folder, stem, why[:200]))
            lock.unlock()
            continue
        found.append(Orphan(stem, folder, original, saved_at, document, lock))
    found.sort(key=lambda o: -o.saved_at)
    return Scan(found, messages)


def orphans() -> list[Orphan]:
    """Recovery sessions of windows that are gone, newest first (locked by this process)."""
    return scan().orphans


class RecoveryWriter(QObject):
    """Writes the model's document aside while it has unsaved changes."""

    #: A write failed: a sentence for the status bar (recovery must never stop silently),
    #: said once per reason rather than every 30 s.
    failed = Signal(str)
    _wrote = Signal(object)  # a write on the thread ended: None, or why it failed

    def __init__(self, model: DocumentModel, interval_ms: int = INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.problem: str | None = None
        self._told: str | None = None
        stem = f"session-{os.getpid()}-{secrets.token_hex(4)}"
        self.document_path = self.meta_path = None
        self.lock = QLockFile("")
        try:
            folder = recovery_dir()
        except RecoveryUnavailable as exc:
            self.problem = translate("recovery", "Crash recovery is off: {why}").format(why=exc)
        else:
            self.document_path = folder / f"{stem}.nnviz"
            self.meta_path = folder / f"{stem}.meta.json"
            self.lock = QLockFile(str(folder / f"{stem}.lock"))
            self.lock.setStaleLockTime(0)
            if not self.lock.tryLock(0):
                self.problem = translate(
                    "recovery", "Crash recovery is off: cannot lock a file in {folder}").format(
                    folder=folder)
            with contextlib.suppress(OSError):  # Qt creates it by the umask (0644)
                os.chmod(self.lock.fileName(), 0o600)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._writing: threading.Thread | None = None  # a large document being written
        self._wrote.connect(self._after_write)
        self.timer.start()
        model.modifiedChanged.connect(self._on_modified)

    def write_now(self) -> bool:
        """Write the recovery file if there is unsaved work; True if written."""
        self._join()
        if not self._ready():
            return False
        return self._after_write(self._write(self.model.document, self.model.path))

    def _tick(self) -> None:
        """The timer's write. A document with many embedded points takes seconds to write
        (100,000 points: about 2 s of Python on a busy machine), so it is copied here and
        written on a thread while the window goes on; a small one is written at once."""
        if self._writing is not None and self._writing.is_alive():
            return  # the last one is still being written: the next tick writes this one
        if not self._ready():
            return
        doc = self.model.document
        if doc.dataset is None or getattr(doc.dataset, "n", 0) < BACKGROUND_POINTS:
            self.write_now()
            return
        copy, path = doc.copy(), self.model.path
        self._writing = threading.Thread(
            target=lambda: self._wrote.emit(self._write(copy, path)),
            name="nnviz-recovery", daemon=True)
        self._writing.start()

    def _ready(self) -> bool:
        if not self.model.is_modified():
            return False
        if self.problem is not None or self.document_path is None or self.meta_path is None:
            self._tell(self.problem or translate("recovery", "Crash recovery is off"))
            return False
        return True

    def _write(self, document: Document, original: str | None) -> str | None:
        """Write document and sidecar; None, or why it failed (any thread)."""
        assert self.document_path is not None and self.meta_path is not None
        try:
            save(document, self.document_path, private=True)
            meta = {"original_path": original, "saved_at": time.time()}
            write_atomic(self.meta_path, json.dumps(meta).encode("utf-8"), private=True)
        except (OSError, ValueError) as exc:
            return getattr(exc, "strerror", None) or str(exc)
        return None

    def _after_write(self, reason: str | None) -> bool:
        if reason is not None:
            self._tell(translate(
                "recovery", "Crash recovery could not write your unsaved work ({reason}); save it "
                "yourself with Ctrl+S").format(reason=reason[:200]))
            return False
        self._told = None
        return True

    def _join(self) -> None:
        """Wait for a write under way: removing or rewriting the files under it would race."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None

    def _tell(self, message: str) -> None:
        if message != self._told:
            self._told = message
            self.failed.emit(message)

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def discard(self) -> None:
        self._join()
        for p in (self.document_path, self.meta_path):
            if p is not None:
                p.unlink(missing_ok=True)

    def stop(self) -> None:
        self.timer.stop()
        self.discard()
        self.lock.unlock()
