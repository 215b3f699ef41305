"""In front of a class on a real 1280×720 screen: the backward view's numbers read from the
back row, presentation mode keeps a usable loss plot while stepping through, and the run
bar's controls are all in sight in English and in German."""

from __future__ import annotations

from pathlib import Path

import pytest

XNOR = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "xnor.nnviz")

# In the app: the on-screen pixel height of the backward labels drawn as text, by kind
# (True: on edges, False: neurons' cards; a kind drawn as dots is left out), and whether
# a run-bar control is out of sight.
CHECKS = """
def label_heights():
    ov, scale = window.backward.overlay, window.view.transform().m11()
    dotted = ov.dotted(scale)
    kinds = {label[3] for label in ov.texts}
    return {str(k): ov.font(k).pixelSize() * scale for k in kinds if not dotted[k]}

def hidden_run_controls():
    bar = window.run_bar
    out = []
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if action.isSeparator() or widget is None:
            continue
        if not widget.isVisible() or not bar.rect().contains(widget.geometry()):
            out.append(action.text())
    return out

def screen_bottom(widget):
    return widget.mapToGlobal(widget.rect().bottomLeft()).y()
"""


def backward_on(nnviz, key: str = "b") -> None:
    nnviz.exec(CHECKS)
    nnviz.wait("len(window.view.canvas.neurons) == 5")
    nnviz.wait("window.isActiveWindow()")
    nnviz.screen.key(key)
    nnviz.wait("bool(window.backward.overlay.texts)")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_backward_views_numbers_read_from_the_back_row(real_app, size):
    nnviz = real_app(*size, XNOR)
    backward_on(nnviz)
    nnviz.wait("window.backward.fit() or True")
    heights = nnviz.eval("label_heights()")
    assert "False" in heights, heights  # the cards are written out
    assert min(heights.values()) >= 11 - 1e-6, heights


def test_presentation_mode_keeps_a_usable_loss_plot_while_stepping(real_app):
    nnviz = real_app(1280, 720, XNOR)
    backward_on(nnviz, "F6")  # the step-through and its formula dock
    nnviz.screen.key("F5")
    nnviz.wait("window.presentation.active and window.isFullScreen()")
    nnviz.wait("window.loss_plot.plot_widget.height() >= 200")
    plot = "window.loss_plot.plot_widget"
    assert nnviz.eval(f"screen_bottom({plot})") <= 720  # not off the screen
    assert nnviz.eval(f"{plot}.isVisible()")
    assert nnviz.eval("window.backward.dock.isVisible()")
    # the canvas above the dock still writes its numbers out (the legend card makes way)
    nnviz.wait("not window.backward.legend.isVisible()")
    nnviz.exec("window.backward.fit()")
    heights = nnviz.eval("label_heights()")
    assert "False" in heights and min(heights.values()) >= 11 - 1e-6, heights
    nnviz.screen.key("Escape", "Escape")  # the step-through, then presentation mode
    nnviz.wait("not window.presentation.active")
    nnviz.screen.key("F6")  # stepping again, outside presentation mode: the card is back
    nnviz.wait("window.backward.index == 0 and window.backward.legend.isVisible()")
    assert nnviz.eval(f"{plot}.minimumHeight()") < 200  # the normal layout again


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_run_bar_control_is_in_sight_at_1280(real_app, monkeypatch, lang):
    monkeypatch.setenv("NNVIZ_LANG", lang)
    nnviz = real_app(1280, 720, XNOR)
    nnviz.exec(CHECKS)
    nnviz.wait("len(window.view.canvas.neurons) == 5")
    nnviz.wait("not hidden_run_controls()")
    assert nnviz.eval("window.run_bar.counter.text()").startswith(
        "Epoche" if lang == "de" else "Epoch")
