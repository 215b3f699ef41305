"""Companion views: error surface, feature space, gradient check, metrics, history.

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

from nnviz.app.actions import find_menu
from nnviz.app.companions.feature_view import FeatureView
from nnviz.app.companions.gradcheck_view import GradCheckView
from nnviz.app.companions.history_view import HistoryView
from nnviz.app.companions.metrics_view import MetricsView
from nnviz.app.companions.surface_view import SurfaceView
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from nnviz.app.mainwindow import MainWindow

__all__ = ["install"]


def _menu(window: MainWindow, key: str, title: str, before: str | None = None) -> QMenu:
    """The menu bar's menu ``key`` ("view"), made with ``title`` (before menu ``before``) if
    missing. Menus are found by object name, not by their translated titles."""
    menu = find_menu(window, key)
    if menu is not None:
        return menu
    menu = QMenu(title, window.menuBar())
    menu.setObjectName(f"menu-{key}")
    anchor = find_menu(window, before) if before else None
    bar = window.menuBar()
    bar.insertMenu(anchor.menuAction(), menu) if anchor else bar.addMenu(menu)
    return menu


def install(window: MainWindow) -> dict[str, QDockWidget]:
    c, m = window.controller, window.model
    window.surface_view = SurfaceView(m, c)
    window.feature_view = FeatureView(m, c)
    window.gradcheck_view = GradCheckView(c)
    window.history_view = HistoryView(c, getattr(window, "loss_plot", None))
    window.metrics_view = MetricsView(m)
    plot = getattr(window, "decision_plot", None)
    if plot is not None:
        window.metrics_view.cellRows.connect(plot.highlight_rows)
    specs = [("surface", QT_TRANSLATE_NOOP("companions", "Error Surface"), window.surface_view,
              Qt.RightDockWidgetArea),
             ("features", QT_TRANSLATE_NOOP("companions", "Feature Space"), window.feature_view,
              Qt.RightDockWidgetArea),
             ("gradcheck", QT_TRANSLATE_NOOP("companions", "Gradient Check"),
              window.gradcheck_view, Qt.RightDockWidgetArea),
             ("metrics", QT_TRANSLATE_NOOP("companions", "Metrics"), window.metrics_view,
              Qt.RightDockWidgetArea),
             ("history", QT_TRANSLATE_NOOP("companions", "History"), window.history_view,
              Qt.BottomDockWidgetArea)]
    docks: dict[str, QDockWidget] = {}
    for key, title, widget, area in specs:
        docks[key] = window.add_dock(translate("companions", title), widget, area, name=title)
    # The three analysis views share one tab stack beside the output plots.
    window.tabifyDockWidget(docks["surface"], docks["features"])
    window.tabifyDockWidget(docks["surface"], docks["gradcheck"])
    window.tabifyDockWidget(docks["surface"], docks["metrics"])
    for dock in docks.values():
        dock.hide()
    window.docks.update(docks)

    view = _menu(window, "view", translate("companions", "&View"))
    view.addSeparator()
    for dock in docks.values():
        view.addAction(dock.toggleViewAction())
    tools = _menu(window, "tools", translate("companions", "&Tools"), before="help")
    check = QAction(translate("companions", "&Gradient Check…"), window)
    check.setShortcut(QKeySequence("Ctrl+G"))
    check.setStatusTip(translate(
        "companions", "Compare backprop with finite differences for every weight and bias"))
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
