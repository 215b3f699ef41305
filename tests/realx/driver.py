"""The nnviz window on a real X screen, answering a test's questions over stdin/stdout.

Started by the ``real_app`` fixture (see conftest.py) as
``python driver.py [FILE]`` with QT_QPA_PLATFORM=xcb and DISPLAY set. It starts the
application exactly as ``nnviz`` does (``nnviz.app.main``), then reads one JSON
request per line on stdin and writes one reply per line on stdout, prefixed with
``REPLY_PREFIX`` so that anything else the application prints cannot be mistaken
for a reply. Requests are run on the GUI thread, between events:

- ``{"op": "eval", "code": EXPR}``: the value of EXPR;
- ``{"op": "exec", "code": STATEMENTS}``: run them, reply null;
- ``{"op": "wait", "code": EXPR, "timeout": SECONDS}``: poll EXPR while the event loop
  runs until it is truthy, reply its value (or an error after the timeout).

The namespace holds ``app``, ``window`` (the MainWindow), ``Qt``, ``QtCore``, ``QtGui``,
``QtWidgets`` and whatever earlier ``exec`` requests defined. A reply is
``{"ok": true, "value": ...}`` (the value as JSON, or its repr) or
``{"ok": false, "error": "..."}`` with the traceback.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback

REPLY_PREFIX = "@@nnviz-driver "
POLL_MS = 20


def _jsonable(value: object) -> object:
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return repr(value)


def main(argv: list[str]) -> int:
    from PySide6 import QtCore, QtGui, QtWidgets
    from PySide6.QtCore import QObject, Qt, QTimer, Signal

    from nnviz.app import main as app_main

    class Server(QObject):
        request = Signal(str)
        ended = Signal()

        def __init__(self, namespace: dict) -> None:
            super().__init__()
            self.namespace = namespace
            self.request.connect(self._handle)  # queued: emitted from the reader thread
            self.ended.connect(self._end)

        def _end(self) -> None:
            # The test closed our stdin (it is done, or it died): leave without asking to save.
            window = self.namespace["window"]
            window.shutdown()
            QtWidgets.QApplication.instance().exit(0)

        def _reply(self, payload: dict) -> None:
            sys.stdout.write(REPLY_PREFIX + json.dumps(payload) + "\n")
            sys.stdout.flush()

        def _fail(self) -> None:
            self._reply({"ok": False, "error": traceback.format_exc()})

        def _handle(self, line: str) -> None:
            try:
                req = json.loads(line)
                op, code = req["op"], req["code"]
                if op == "eval":
                    self._reply({"ok": True, "value": _jsonable(eval(code, self.namespace))})
                elif op == "exec":
                    exec(code, self.namespace)
                    self._reply({"ok": True, "value": None})
                elif op == "wait":
                    self._wait(code, time.monotonic() + float(req.get("timeout", 10)))
                else:
                    raise ValueError(f"unknown op {op!r}")
            except Exception:  # noqa: BLE001 (the test reads the traceback)
                self._fail()

        def _wait(self, code: str, deadline: float) -> None:
            try:
                value = eval(code, self.namespace)
            except Exception:  # noqa: BLE001
                self._fail()
                return
            if value:
                self._reply({"ok": True, "value": _jsonable(value)})
            elif time.monotonic() > deadline:
                self._reply({"ok": False, "error": f"timed out waiting for {code!r} "
                             f"(last value {value!r})"})
            else:
                QTimer.singleShot(POLL_MS, lambda: self._wait(code, deadline))

    app = app_main.create_application(sys.argv[:1])
    window = app_main.open_main_window(argv[0] if argv else None)
    namespace = {"app": app, "window": window, "Qt": Qt, "QtCore": QtCore, "QtGui": QtGui,
                 "QtWidgets": QtWidgets}
    server = Server(namespace)

    def read_requests() -> None:
        for line in sys.stdin:
            if line.strip():
                server.request.emit(line)
        server.ended.emit()

    threading.Thread(target=read_requests, name="driver-stdin", daemon=True).start()
    return app.exec()


if __name__ == "__main__":  # the spawned engine process imports this file again
    sys.exit(main(sys.argv[1:]))
