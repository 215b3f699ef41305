"""Help → About: what this nnviz is, what it runs on, and its licence."""

from __future__ import annotations

import html
import platform

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import nnviz
from nnviz.app.i18n import translate


def versions() -> dict[str, str]:
    """The versions a bug report needs, by component."""
    return {"nnviz": nnviz.__version__, "Qt": qVersion(), "PySide6": PySide6.__version__,
            "pyqtgraph": pyqtgraph.__version__, "NumPy": numpy.__version__,
            "Python": platform.python_version()}


def about_text() -> str:
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>&nbsp;{html.escape(v)}</td></tr>"
                   for k, v in versions().items())
    return (f"<h3>nnviz {html.escape(nnviz.__version__)}</h3>"
            "<p>" + translate("about", "Build neural networks by clicking, train them live, and "
                                   "step through backpropagation with the real numbers.") + "</p>"
            f"<table>{rows}</table>"
            "<p>" + translate("about",
                              "Free software under the MIT licence. © The nnviz developers.")
            + "</p>")


def show_about(parent: QWidget) -> QMessageBox:
    """The About box (modeless-safe: returned so a test can read and close it)."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, translate("about", "About nnviz"), about_text(),
                      QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.open()
    return box
