"""Start the desktop application: ``nnviz [FILE]``."""

from __future__ import annotations

import os
import sys

# pyqtgraph picks PyQt6 first when both are installed; nnviz is a PySide6 application.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def configure_interpreter() -> None:
    """Let the GUI thread in often while the worker trains.

    NumPy's small-array calls hold the GIL; with the default 5 ms switch
    interval a worker training flat out doubled the GUI's frame time here.
    1 ms brought frames back to 16 ms at the same training throughput.
    """
    sys.setswitchinterval(0.001)


def run(path: str | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from nnviz.app.mainwindow import MainWindow
    from nnviz.app.resources import icon_path

    configure_interpreter()
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("nnviz")
    app.setOrganizationName("nnviz")
    app.setApplicationDisplayName("nnviz")
    icon = icon_path()
    if icon:
        app.setWindowIcon(QIcon(icon))
    window = MainWindow()
    window.show()
    window.start(path)
    return app.exec()
