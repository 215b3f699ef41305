"""The window on common projector and laptop screens: it fits, every panel is usable."""

from __future__ import annotations

import contextlib

import pytest

from tests.realx.conftest import DriverError

SMALL_SCREENS = [(1280, 720), (1366, 768)]

# In the app: what is wrong with the visible panels on this screen (empty when all fit).
PANEL_CHECK = """
def on_screen(widget):
    top_left = widget.mapToGlobal(QtCore.QPoint(0, 0))
    return (top_left.x(), top_left.y(), widget.width(), widget.height())

def panel_problems():
    screen = app.primaryScreen().geometry()
    bad = []
    for dock in window.findChildren(QtWidgets.QDockWidget):
        if not dock.isVisible() or dock.visibleRegion().isEmpty():  # closed, or behind a tab
            continue
        x, y, w, h = rect = on_screen(dock)
        hint = dock.minimumSizeHint()
        if not screen.contains(QtCore.QRect(*rect)):
            bad.append((dock.objectName(), "off screen", rect))
        if w < hint.width() or h < hint.height():
            bad.append((dock.objectName(), "below its minimum size", rect, hint.toTuple()))
    return bad
"""


def inside(rect, width: int, height: int) -> bool:
    left, top, w, h = rect
    return left >= 0 and top >= 0 and left + w <= width and top + h <= height


def assert_panels_fit(nnviz) -> None:
    with contextlib.suppress(DriverError):  # when it times out, the assert says what
        nnviz.wait("not panel_problems()", timeout=5)
    assert nnviz.eval("panel_problems()") == []


@pytest.mark.parametrize("size", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_and_its_panels_fit_a_small_screen(real_app, size):
    nnviz = real_app(*size)
    nnviz.wait("window.frameGeometry().height() > window.geometry().height()")  # framed
    assert inside(nnviz.frame(), *size), nnviz.frame()
    nnviz.exec(PANEL_CHECK)
    nnviz.wait("window.docks['output'].isVisible() and window.view.isVisible()")
    assert_panels_fit(nnviz)
    # The Output panel shows both plots at a usable size, and the canvas has room.
    for plot in ("decision_plot", "loss_plot"):
        x, y, w, h = nnviz.eval(f"on_screen(window.{plot})")
        assert inside((x, y, w, h), *size) and w >= 240 and h >= 150, (plot, (x, y, w, h))
    x, y, w, h = nnviz.eval("on_screen(window.view)")
    assert inside((x, y, w, h), *size) and w >= 400 and h >= 300
    # The canvas is the largest area: wider than any dock beside it.
    docks = nnviz.eval("[d.width() for d in window.docks.values() if d.isVisible()]")
    assert all(w > width for width in docks), (w, docks)

    # The formula dock of the backprop step-through (F6) fits as well.
    nnviz.wait("window.isActiveWindow()")
    nnviz.screen.key("F6")
    nnviz.wait("any(d.isVisible() and 'formula' in d.objectName().lower() "
               "for d in window.findChildren(QtWidgets.QDockWidget))")
    assert_panels_fit(nnviz)
    assert inside(nnviz.frame(), *size), nnviz.frame()


def test_a_first_start_on_a_1080p_screen_uses_the_whole_screen(real_app):
    nnviz = real_app(1920, 1080)
    nnviz.wait("window.isMaximized()")
    nnviz.wait("window.frameGeometry().width() >= 1900")  # not 1400×880 in the middle
    left, top, width, height = nnviz.frame()
    assert width >= 1900 and height >= 1000, nnviz.frame()
    nnviz.wait("window.view.width() > 0.45 * window.width()")
    docks = nnviz.eval("[d.width() for d in window.docks.values() if d.isVisible()]")
    assert all(nnviz.eval("window.view.width()") > width for width in docks), docks


def test_geometry_is_remembered_per_screen(real_app, tmp_path):
    settings = tmp_path / "shared-settings"
    big = real_app(1920, 1080, config=settings)
    big.exec("window.showNormal(); window.setGeometry(60, 60, 1700, 960)")
    big.wait("window.geometry().size().toTuple() == (1700, 960)")
    assert big.close() == 0

    # On a projector the big window must not come back: it opens to fit that screen.
    small = real_app(1280, 720, config=settings)
    assert inside(small.frame(), 1280, 720), small.frame()
    small.exec("window.showNormal(); window.setGeometry(40, 40, 1000, 600)")
    small.wait("window.geometry().size().toTuple() == (1000, 600)")
    assert small.close() == 0

    # Each screen gets back what was left on it.
    again = real_app(1920, 1080, config=settings)
    assert again.eval("window.geometry().size().toTuple()") == [1700, 960]
    again_small = real_app(1280, 720, config=settings)
    assert again_small.eval("window.geometry().size().toTuple()") == [1000, 600]
