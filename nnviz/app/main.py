"""Start the desktop application: ``nnviz [FILE]``."""

from __future__ import annotations

import os
import sys

# pyqtgraph picks PyQt6 first when both are installed; nnviz is a PySide6 application.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


def configure_interpreter() -> None:
    """Let the GUI thread have the GIL back quickly from the worker's threads.

    Training runs in its own process (nnviz.core.engine); the GUI shares its
    interpreter only with the relay and sender threads, which hold the GIL
    briefly (unpickling a snapshot: ~0.2 ms). A 1 ms switch interval keeps a
    hand-over short should one of them be busy when the GUI wants it (with an
    in-process training thread it halved the GUI's frame time).
    """
    sys.setswitchinterval(0.001)


def create_application(argv: list[str] | None = None):
    """The QApplication with nnviz's names and icon (an existing one is reused)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from nnviz.app.i18n import install_translators
    from nnviz.app.resources import icon_path

    configure_interpreter()
    existing = QApplication.instance()
    app = existing or QApplication(argv or sys.argv[:1])
    if existing is None:  # the system locale's language (NNVIZ_LANG overrides), once
        install_translators(app)
    app.setApplicationName("nnviz")
    app.setOrganizationName("nnviz")
    app.setApplicationDisplayName("nnviz")
    # The desktop entry's name (nnviz.desktop): Wayland compositors match windows to it.
    app.setDesktopFileName("nnviz")
    icon = icon_path()
    if icon:
        app.setWindowIcon(QIcon(icon))
    return app


def open_main_window(path: str | None = None):
    """Show the main window and open FILE (or recovery, or the playground example) in it."""
    from nnviz.app.mainwindow import MainWindow

    window = MainWindow()
    window.show()
    window.start(path)
    return window


def run(path: str | None = None, argv: list[str] | None = None) -> int:
    from nnviz.app.xcb_check import check_xcb

    problem = check_xcb()  # before Qt: its own abort would name one library at best
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = create_application(argv)
    window = open_main_window(path)  # noqa: F841 (kept alive until exec returns)
    return app.exec()
