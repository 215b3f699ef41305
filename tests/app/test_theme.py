"""Switching the theme in a running window, and presentation mode's stroke scale."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor

from nnviz.app import theme
from nnviz.app.canvas import style as canvas_style
from nnviz.app.plots import colors


@pytest.fixture
def light_after():
    yield
    theme.apply_theme("light")


def test_switching_theme_restyles_plots(main_window, qtbot, light_after) -> None:
    w = main_window
    w.files.open_example("xnor", ask=False)
    qtbot.waitUntil(lambda: w.decision_plot.grid is not None, timeout=5000)
    dark = theme.apply_to_window(w, "dark")
    train, test = (c.opts["pen"].color() for c in w.loss_plot.curves)
    assert train == QColor(dark.train) and test == QColor(dark.test)
    qtbot.wait(20)
    image = w.loss_plot.plot_widget.grab().toImage()
    assert QColor(image.pixel(image.width() // 2, 3)) == QColor(dark.plot_background)
    # The decision map's colours are the theme's diverging palette.
    cmap = colors.diverging_map(lighten=False)
    stops = cmap.getStops(mode=cmap.BYTE)[1]
    assert tuple(stops[0][:3]) == QColor(dark.negative).getRgb()[:3]
    assert tuple(stops[-1][:3]) == QColor(dark.positive).getRgb()[:3]
    plot = w.decision_plot
    assert plot.colour_bar.colorMap().name == colors.diverging_map().name
    assert plot.dataset.task == "binary"
    assert plot.image.lut is colors.cached_lut(colors.diverging_map())
    # Back to light: exactly the built-in maps again.
    theme.apply_to_window(w, "light")
    assert w.loss_plot.curves[0].opts["pen"].color() == QColor(theme.LIGHT.train)
    assert colors.diverging_map(lighten=False).getStops(mode=cmap.BYTE)[1][0][:3].tolist() \
        == list(colors.ORANGE)


def test_print_theme_uses_its_colour_blind_safe_pair(light_after) -> None:
    theme.apply_theme("print")
    stops = colors.diverging_map(lighten=False).getStops(mode=pg.ColorMap.BYTE)[1]
    assert tuple(stops[0][:3]) == (0xD5, 0x5E, 0x00)
    assert tuple(stops[-1][:3]) == (0x00, 0x72, 0xB2)


def test_presentation_scales_strokes(main_window) -> None:
    w = main_window
    scene = w.view.canvas
    key, edge = next(iter(scene.network.edges.items()))
    edge.weight = 1.0  # a width on the quarter grid at both scales
    scene.restyle()
    item = scene.edges[key]
    neuron = scene.neurons[key[0]]
    width = item.pen.widthF()
    ring = canvas_style.RING[neuron.role][1]
    w.presentation.enter(2.0)
    try:
        assert item.pen.widthF() == pytest.approx(2 * width)
        assert canvas_style.RING[neuron.role][1] == pytest.approx(2 * ring)
    finally:
        w.presentation.leave()
    assert item.pen.widthF() == pytest.approx(width)
    assert canvas_style.RING[neuron.role][1] == pytest.approx(ring)
    assert canvas_style.stroke_scale() == 1.0


def _darkest(widget) -> int:
    """The lightness of the darkest pixel a widget paints (its text, on a light theme)."""
    image = widget.grab().toImage()
    return min(QColor(image.pixel(x, y)).lightness()
               for x in range(image.width()) for y in range(image.height()))


def test_applying_preferences_keeps_disabled_controls_disabled_and_looking_it(
        main_window, qtbot, monkeypatch, light_after) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog, QToolBar

    from nnviz.app.presentation import PreferencesDialog, preferences

    w = main_window
    w.actions_["new"].trigger()  # full batch, nothing to undo
    batch = w.training_panel.settings.batch_size
    undo = w.actions_["undo"]
    assert not batch.isEnabled() and not undo.isEnabled()

    def choose_projector(dialog):
        dialog.theme.setCurrentIndex(dialog.theme.findData("projector"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose_projector)
    try:
        preferences(w)
    finally:
        QSettings().remove("appearance/theme")
    assert theme.current().name == "projector"
    qtbot.wait(10)  # the new palette reaches the widgets through the event loop
    assert not batch.isEnabled() and not undo.isEnabled()
    bar = w.findChild(QToolBar, "toolbar-main")
    assert not w.actions_["undo_tool"].isEnabled()
    undo_button = bar.widgetForAction(w.actions_["undo_tool"])
    new_button = bar.widgetForAction(w.actions_["new"])
    # Disabled text is drawn faded, not in the same black as the enabled buttons'.
    assert _darkest(undo_button) > _darkest(new_button) + 60
