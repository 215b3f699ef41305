"""Companion views of issue #4: error surface, feature space, gradient check, history.

``install(window)`` adds them to a MainWindow as docks, hidden until the user
shows them from the View menu (the gradient check also from Tools, Ctrl+G).
Each view talks to the window's controller and document model only; heavy
computations run in the engine process through ``controller.compute``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from nnviz.app.companions.feature_view import FeatureView
from nnviz.app.companions.gradcheck_view import GradCheckView
from nnviz.app.companions.history_view import HistoryView
from nnviz.app.companions.surface_view import SurfaceView

if TYPE_CHECKING:
    from nnviz.app.mainwindow import MainWindow

__all__ = ["install"]


def _menu(window: MainWindow, title: str, before: str | None = None) -> QMenu:
    """The menu bar's menu called title ("&View"), made (before another) if missing."""
    bar = window.menuBar()
    for action in bar.actions():
        if action.menu() is not None and action.text().replace("&", "") == title.replace("&", ""):
            return action.menu()
    menu = QMenu(title, window)
    anchor = next((a for a in bar.actions()
                   if before and a.text().replace("&", "") == before.replace("&", "")), None)
    bar.insertMenu(anchor, menu) if anchor else bar.addMenu(menu)
    return menu


def install(window: MainWindow) -> dict[str, QDockWidget]:
    c, m = window.controller, window.model
    window.surface_view = SurfaceView(m, c)
    window.feature_view = FeatureView(m, c)
    window.gradcheck_view = GradCheckView(c)
    window.history_view = HistoryView(c, getattr(window, "loss_plot", None))
    specs = [("surface", "Error Surface", window.surface_view, Qt.RightDockWidgetArea),
             ("features", "Feature Space", window.feature_view, Qt.RightDockWidgetArea),
             ("gradcheck", "Gradient Check", window.gradcheck_view, Qt.RightDockWidgetArea),
             ("history", "History", window.history_view, Qt.BottomDockWidgetArea)]
    docks: dict[str, QDockWidget] = {}
    for key, title, widget, area in specs:
        docks[key] = window.add_dock(title, widget, area)
    # The three analysis views share one tab stack beside the output plots.
    window.tabifyDockWidget(docks["surface"], docks["features"])
    window.tabifyDockWidget(docks["surface"], docks["gradcheck"])
    for dock in docks.values():
        dock.hide()
    window.docks.update(docks)

    view = _menu(window, "&View")
    view.addSeparator()
    for dock in docks.values():
        view.addAction(dock.toggleViewAction())
    tools = _menu(window, "&Tools", before="&Help")
    check = QAction("&Gradient Check…", window)
    check.setShortcut(QKeySequence("Ctrl+G"))
    check.setStatusTip("Compare backprop with finite differences for every weight and bias")
    check.triggered.connect(lambda _c=False: _gradient_check(window))
    window.addAction(check)
    tools.addAction(check)
    if hasattr(window, "actions_"):
        window.actions_["gradient_check"] = check
    return docks


def _gradient_check(window: MainWindow) -> None:
    dock = window.docks["gradcheck"]
    dock.show()
    dock.raise_()
    window.gradcheck_view.run()
