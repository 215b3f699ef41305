"""Run a slow, side-effect-free function off the GUI thread while the window keeps painting.

Opening a document with 100,000 embedded points spends a second or more parsing and
validating JSON. Run on the GUI thread, the window froze for that long. Here the work
runs on a plain thread and the caller waits in a local event loop: the window repaints,
timers run, and after ``PROGRESS_DELAY_MS`` a busy bar with Cancel appears. The caller
still gets its answer synchronously, so code such as ``open_path`` keeps returning
whether it opened the file.

While it waits, input meant for anything but the progress bar is dropped: an edit made
to the old document during the load would be lost when the new one replaces it, and a
second Open would nest inside the first. Cancel only stops waiting: the function has no
side effects, so its thread finishes on its own and its result is thrown away.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from nnviz.app.i18n import translate

T = TypeVar("T")

# A wait that ends sooner shows no progress bar (it would only flash).
PROGRESS_DELAY_MS = 300

_USER_INPUT = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
               QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
               QEvent.Type.Wheel, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
               QEvent.Type.Drop, QEvent.Type.ContextMenu}


class Cancelled(Exception):
    """The user pressed Cancel before the work finished."""


class _Done(QObject):
    finished = Signal()  # emitted on the worker thread, delivered queued on the GUI thread


class _InputGate(QObject):
    """Drops user input to everything except the progress dialog."""

    def __init__(self, allowed: QWidget) -> None:
        super().__init__()
        self.allowed = allowed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _USER_INPUT:
            return False
        target = watched
        while target is not None:
            if target is self.allowed:
                return False
            target = target.parent()
        return True


def run(fn: Callable[[], T], parent: QWidget | None, label: str) -> T:
    """``fn()`` on a worker thread; its value, or its exception re-raised here.

    Raises ``Cancelled`` when the user cancels the wait."""
    done = _Done()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome["error"] = exc
        done.finished.emit()

    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    progress = QProgressDialog(label, translate("background", "Cancel"), 0, 0, parent)
    progress.setWindowTitle("nnviz")
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.hide()  # a QProgressDialog shows itself at once otherwise
    cancelled = []
    progress.canceled.connect(lambda: (cancelled.append(True), loop.quit()))
    show = QTimer()
    show.setSingleShot(True)
    show.timeout.connect(progress.show)
    gate = _InputGate(progress)
    app = QApplication.instance()
    app.installEventFilter(gate)
    thread = threading.Thread(target=work, name="nnviz-background", daemon=True)
    try:
        thread.start()
        show.start(PROGRESS_DELAY_MS)
        loop.exec()  # the finished signal is queued: it quits this loop even if already sent
    finally:
        app.removeEventFilter(gate)
        show.stop()
        progress.hide()
        progress.deleteLater()
    if cancelled:
        raise Cancelled
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
