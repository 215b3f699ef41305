"""The real-X harness itself: a managed window on a real screen, real input reaching it."""

from __future__ import annotations

import pytest

from tests.realx import conftest


def test_window_is_managed_and_takes_real_keys(real_app):
    nnviz = real_app(1280, 720)
    assert nnviz.eval("QtGui.QGuiApplication.platformName()") == "xcb"
    assert nnviz.eval("app.primaryScreen().size().toTuple()") == [1280, 720]
    _, _, width, height = nnviz.frame()
    client_width, client_height = nnviz.eval("window.geometry().size().toTuple()")
    assert width >= client_width and height > client_height  # openbox framed it
    nnviz.wait("window.isActiveWindow()")
    assert nnviz.eval("window.actions_['thumbnails'].isChecked()") is True
    nnviz.screen.key("t")  # T toggles the neuron thumbnails: a key press through X
    nnviz.wait("not window.actions_['thumbnails'].isChecked()")


@pytest.mark.parametrize("ci, outcome", [("", pytest.skip.Exception),
                                         ("true", pytest.fail.Exception)])
def test_missing_x_tools_skip_locally_and_fail_under_ci(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(conftest.shutil, "which", lambda tool: None)
    with pytest.raises(outcome, match="openbox, x11-utils, xdotool, xvfb"):
        conftest.require_x()
