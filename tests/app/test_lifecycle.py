"""Launch, train, close: the process must exit with code 0 every time.

With a live worker thread the interpreter can abort at exit ("Fatal Python
error"); the window stops and joins the worker before Qt objects die. These
run the real application in fresh processes, as a user starts it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CYCLE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from nnviz.app.main import configure_interpreter
from nnviz.app.mainwindow import MainWindow

configure_interpreter()
app = QApplication(sys.argv[:1])
window = MainWindow()
window.show()
window.start(None)
def close():
    window.model.undo_stack.setClean()
    window.model._unsaved_outside_undo = False  # training made it "modified": don't ask
    window.close()
QTimer.singleShot(50, window.controller.play)
QTimer.singleShot(900, close)
sys.exit(app.exec())
"""


def _one_cycle(tmp: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNVIZ_RECOVERY_DIR=tmp,
               XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp)
    return subprocess.run([sys.executable, "-c", CYCLE], env=env, capture_output=True,
                          text=True, timeout=120)


def test_twenty_launch_train_close_cycles_exit_cleanly(tmp_path):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_one_cycle, [str(tmp_path)] * 20))
    for i, result in enumerate(results):
        assert "Fatal Python error" not in result.stderr, (i, result.stderr[-2000:])
        assert result.returncode == 0, (i, result.returncode, result.stderr[-2000:])


COPY_THEN_QUIT = CYCLE.replace("QTimer.singleShot(50, window.controller.play)",
                               "QTimer.singleShot(50, window.actions_['copy_image'].trigger)")


def test_quitting_after_copy_as_image_exits_cleanly(tmp_path):
    """A QMimeData made in Python left on the clipboard segfaulted PySide6 at exit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNVIZ_RECOVERY_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", COPY_THEN_QUIT], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
