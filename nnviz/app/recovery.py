"""Crash recovery: unsaved work is written aside every 30 s and offered back after a crash.

Each running window owns one recovery file named after its process id, with a
small sidecar saying which file it was editing. A clean exit or a save removes
it; a recovery file whose process is gone is what a crash (or kill -9) left.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from nnviz.app.docmodel import DocumentModel
from nnviz.core.document import Document, load, save

INTERVAL_MS = 30_000


def recovery_dir() -> Path:
    base = os.environ.get("NNVIZ_RECOVERY_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    folder = Path(base) / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Orphan:
    """Work left behind by a window that did not exit cleanly."""

    document_path: Path
    meta_path: Path
    original_path: str | None
    saved_at: float

    def load(self) -> Document:
        return load(self.document_path)

    def discard(self) -> None:
        for p in (self.document_path, self.meta_path):
            p.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphans() -> list[Orphan]:
    """Recovery files of processes that are gone, newest first."""
    found = []
    for meta_path in recovery_dir().glob("*.meta.json"):
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            pid = int(meta["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            meta_path.unlink(missing_ok=True)
            continue
        doc_path = meta_path.with_name(meta_path.name.replace(".meta.json", ".nnviz"))
        if _alive(pid) or not doc_path.exists():
            continue
        found.append(Orphan(doc_path, meta_path, meta.get("original_path"),
                            float(meta.get("saved_at", 0))))
    return sorted(found, key=lambda o: -o.saved_at)


class RecoveryWriter(QObject):
    """Writes the model's document aside while it has unsaved changes."""

    #: A write failed: a sentence for the status bar (recovery must never stop silently).
    failed = Signal(str)

    def __init__(self, model: DocumentModel, interval_ms: int = INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        stem = f"session-{os.getpid()}"
        self.document_path = recovery_dir() / f"{stem}.nnviz"
        self.meta_path = recovery_dir() / f"{stem}.meta.json"
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_now)
        self.timer.start()
        model.modifiedChanged.connect(self._on_modified)

    def write_now(self) -> bool:
        """Write the recovery file if there is unsaved work; True if written."""
        if not self.model.is_modified():
            return False
        try:
            save(self.model.document, self.document_path)
            meta = {"pid": os.getpid(), "original_path": self.model.path,
                    "saved_at": time.time()}
            self.meta_path.write_text(json.dumps(meta), "utf-8")
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.failed.emit(f"Crash recovery could not write your unsaved work ({reason[:200]}); "
                             "save it yourself with Ctrl+S")
            return False
        return True

    def _on_modified(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def discard(self) -> None:
        for p in (self.document_path, self.meta_path):
            p.unlink(missing_ok=True)

    def stop(self) -> None:
        self.timer.stop()
        self.discard()
