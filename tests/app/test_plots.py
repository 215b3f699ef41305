"""The loss and decision-region plots, fed real training snapshots, checked as a user sees them."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nnviz.app.plots import DecisionPlot, LossPlot, colors
from nnviz.app.plots.history import ENVELOPE_POINTS
from nnviz.app.plots.loss_plot import X_HEADROOM
from nnviz.core import numfmt
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.init import initialized
from nnviz.core.network import layered
from nnviz.core.session import Snapshot, TrainingSession
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import HISTORY_KEYS


def trained(spec: DatasetSpec, shape: list[int], epochs: int, out: str | None = None,
            **settings: object) -> TrainingSession:
    session = TrainingSession(initialized(layered(shape, "tanh", out)), make_dataset(spec),
                              TrainingSettings(**settings))
    for _ in range(epochs):
        session.step("epoch")
    return session


@pytest.fixture(scope="module")
def circle() -> TrainingSession:
    return trained(DatasetSpec("circle", n_points=200), [2, 6, 6, 1], 40, learning_rate=0.1)


@pytest.fixture(scope="module")
def blobs() -> TrainingSession:
    return trained(DatasetSpec("blobs", n_points=150, classes=3), [2, 5, 3], 20, "softmax",
                   learning_rate=0.1, loss="softmax_ce")


def history_snapshot(rows: int, start: int = 0) -> Snapshot:
    epochs = np.arange(start + 1, start + rows + 1, dtype=float)
    loss = 1.0 / epochs
    data = dict(zip(HISTORY_KEYS, (epochs, loss, 1.2 * loss, 1 - loss / 2, 1 - loss)))
    return Snapshot(generation=0, epoch=start + rows, updates=0, playing=True, weights={},
                    biases={}, alphas={}, history_from=start, history_rows=data)


def shown(qtbot, widget, size=(520, 500)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def linear_loss_plot(qtbot) -> LossPlot:
    """A loss plot whose user chose the linear axis (ticked Log scale and unticked it)."""
    plot = shown(qtbot, LossPlot(), (500, 300))
    for _ in range(2):
        plot.log_scale.click()
    return plot


def settle(qtbot, plot: DecisionPlot) -> None:
    """Wait until the square fit has run: the view box is square and the image in it."""
    def square() -> None:
        r = plot.view.geometry()
        assert abs(r.width() - r.height()) <= 2
    qtbot.waitUntil(square, timeout=2000)


# ------------------------------------------------------------------- loss plot
def test_loss_curves_follow_history_incrementally(qtbot):
    session = trained(DatasetSpec("circle", n_points=100), [2, 3, 1], 3)
    plot = shown(qtbot, LossPlot(), (500, 300))
    plot.update_from(session.snapshot(with_grid=False))
    for _ in range(4):
        session.step("epoch")
    plot.update_from(session.snapshot(with_grid=False))  # only the 4 new rows
    history = session.trainer.history
    train, test = plot.curves
    np.testing.assert_array_equal(train.xData, history.array("epoch"))
    np.testing.assert_array_equal(train.yData, history.array("train_loss"))
    np.testing.assert_array_equal(test.yData, history.array("test_loss"))
    assert "epoch 7" in plot.summary.text() and "test accuracy" in plot.summary.text()

    plot.show_accuracy.setChecked(True)
    np.testing.assert_allclose(test.yData, 100 * history.array("test_accuracy"))
    assert plot.plot_item.getAxis("left").labelText == "accuracy (%)"

    session.restart(session.trainer.network(), session.dataset, session.trainer.settings)
    session.step("epoch")
    plot.update_from(session.snapshot(with_grid=False))  # history_from == 0: start over
    assert len(train.xData) == 1

    plot.clear()
    assert train.xData is None or len(train.xData) == 0
    assert "no training" in plot.summary.text()


def test_log_toggle_switches_the_loss_axis(qtbot):
    plot = shown(qtbot, LossPlot(), (500, 300))
    plot.update_from(history_snapshot(50))
    axis = plot.plot_item.getAxis("left")
    assert not axis.logMode
    plot.log_scale.setChecked(True)
    assert axis.logMode
    plot.show_accuracy.setChecked(True)  # accuracy in % is never logarithmic
    assert not axis.logMode and not plot.log_scale.isEnabled()
    plot.show_loss.setChecked(True)
    assert axis.logMode


def test_the_loss_axis_turns_logarithmic_once_the_loss_spans_two_decades(qtbot):
    plot = shown(qtbot, LossPlot(), (500, 300))
    axis = plot.plot_item.getAxis("left")
    plot.update_from(history_snapshot(50))  # 1 down to 0.02: linear still reads well
    assert not axis.logMode and not plot.log_scale.isChecked()
    plot.update_from(history_snapshot(100, start=50))  # down to 1/150
    assert axis.logMode and plot.log_scale.isChecked()
    plot.clear()  # another document starts linear
    assert not axis.logMode
    plot.update_from(history_snapshot(150))
    assert axis.logMode
    plot.log_scale.click()  # the user wants it linear: it stays so
    plot.update_from(history_snapshot(500, start=150))
    assert not axis.logMode and not plot.log_scale.isChecked()


def test_regression_hides_accuracy(qtbot):
    session = trained(DatasetSpec("plane", n_points=100), [2, 3, 1], 2, "identity")
    plot = shown(qtbot, LossPlot(), (500, 300))
    plot.update_from(session.snapshot(with_grid=False))
    assert plot.show_accuracy.isHidden() and "accuracy" not in plot.summary.text()


def test_hover_reads_out_the_epoch_under_the_mouse(qtbot):
    plot = linear_loss_plot(qtbot)
    plot.update_from(history_snapshot(100))
    qtbot.waitUntil(lambda: plot.plot_item.getViewBox().viewRange()[0][1] >= 100)
    vb = plot.plot_item.getViewBox()
    scene = vb.mapViewToScene(QPointF(40.2, 0.5))
    QTest.mouseMove(plot.plot_widget.viewport(), plot.plot_widget.mapFromScene(scene))
    qtbot.waitUntil(lambda: plot.readout.isVisible())
    assert plot.readout.textItem.toPlainText().startswith("epoch 40")
    assert "train loss 0.025" in plot.readout.textItem.toPlainText()


def test_while_playing_the_epoch_axis_runs_ahead_and_paused_it_fits(qtbot):
    plot = linear_loss_plot(qtbot)
    vb = plot.plot_item.getViewBox()
    plot.update_from(history_snapshot(100))
    assert vb.viewRange()[0][1] == pytest.approx(1 + 99 * X_HEADROOM)
    y_range = vb.viewRange()[1]
    plot.update_from(history_snapshot(20, start=100))  # still inside: the axes stay put
    qtbot.waitUntil(lambda: len(plot.curves[0].xData) == 120)
    assert vb.viewRange()[0][1] == pytest.approx(1 + 99 * X_HEADROOM)
    assert vb.viewRange()[1] == y_range
    assert y_range[0] < min(plot.curves[0].yData) and max(plot.curves[1].yData) < y_range[1]
    plot.update_from(history_snapshot(20, start=120))  # past the end: it jumps ahead
    qtbot.waitUntil(lambda: len(plot.curves[0].xData) == 140)
    assert vb.viewRange()[0][1] == pytest.approx(1 + 139 * X_HEADROOM)
    plot.update_from(dataclasses.replace(history_snapshot(1, start=140), playing=False))
    # Paused: the axis fits the data again (with pyqtgraph's usual few % of padding).
    qtbot.waitUntil(lambda: vb.viewRange()[0][1] < 141 * 1.1)
    assert vb.viewRange()[0][1] >= 141

    # A zoom with the wheel: the user's view stays while training goes on.
    viewport = plot.plot_widget.viewport()
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)
    wheel = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 240),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    zoomed = vb.viewRange()[0]
    assert zoomed[1] - zoomed[0] < 100
    plot.update_from(history_snapshot(200, start=141))
    qtbot.waitUntil(lambda: len(plot.curves[0].xData) == 341)
    assert vb.viewRange()[0] == pytest.approx(zoomed)


def test_a_long_run_draws_its_envelope_and_each_snapshot_moves_the_curve(qtbot):
    plot = shown(qtbot, LossPlot(), (500, 300))
    plot.update_from(history_snapshot(100_000))
    plot.update_from(history_snapshot(1, start=100_000))
    assert "epoch 100,001" in plot.summary.text()
    # Drawn at once (no throttle): the curve ends on the new row, exactly (on the log
    # axis the loss switched to by itself)...
    assert plot.log_scale.isChecked()
    x, y = plot.curves[0].getData()
    assert (x[-1], y[-1]) == (100_001, np.log10(1 / 100_001))
    # ...from an envelope a few thousand points long, whatever the run's length, that
    # keeps the highest and the lowest loss.
    assert len(plot.curves[0].xData) <= 2 * ENVELOPE_POINTS + 64
    assert max(plot.curves[0].yData) == 1.0 and min(plot.curves[0].yData) == 1 / 100_001
    plot.update_from(history_snapshot(3, start=100_001))
    assert plot.curves[0].getData()[0][-1] == 100_004


def test_the_loss_plots_last_point_is_the_readouts(qtbot):
    session = trained(DatasetSpec("circle", n_points=100), [2, 3, 1], 0, learning_rate=0.1)
    plot = linear_loss_plot(qtbot)
    for _ in range(3):
        for _ in range(2000):  # past the rows drawn one by one: the envelope is drawn
            session.trainer.step("epoch")
        plot.update_from(session.snapshot(playing=True, with_grid=False))
        last = session.trainer.history.last()
        for curve, key in zip(plot.curves, ("train_loss", "test_loss")):
            x, y = curve.getData()  # as drawn
            assert (x[-1], y[-1]) == (last["epoch"], last[key])
            assert len(x) < 4000 if last["epoch"] > 2 * ENVELOPE_POINTS else len(x) == x[-1]
            assert f"{key.replace('_', ' ')} {numfmt.loss(last[key])}" in plot.summary.text()


def test_the_window_draws_every_playing_snapshot_in_order_and_a_pause_at_once(qtbot):
    plot = linear_loss_plot(qtbot)
    for start in (0, 10, 20):  # while playing: drawn a little later, none lost
        plot.show_snapshot(history_snapshot(10, start=start))
    qtbot.waitUntil(lambda: plot.history.n == 30)
    assert plot.curves[0].getData()[0][-1] == 30
    plot.show_snapshot(history_snapshot(5, start=30))
    paused = dataclasses.replace(history_snapshot(1, start=35), playing=False)
    plot.show_snapshot(paused)  # a pause: everything waiting, then it, now
    assert plot.curves[0].getData()[0][-1] == 36 and plot.history.n == 36
    assert "epoch 36" in plot.summary.text()

    plot.show_snapshot(history_snapshot(10, start=36))
    plot.clear()  # another document: what was waiting of the old run is dropped
    plot.show_snapshot(dataclasses.replace(history_snapshot(3), playing=False))
    assert plot.history.n == 3 and list(plot.curves[0].getData()[0]) == [1, 2, 3]
    plot.show_snapshot(history_snapshot(2, start=3))
    qtbot.waitUntil(lambda: plot.history.n == 5)
    assert list(plot.history.column(0)) == [1, 2, 3, 4, 5]


# --------------------------------------------------------------- decision plot
def far_from_points(snapshot: Snapshot, dataset, extreme: str) -> tuple[float, float, float]:
    """(x, y, output) where the output is highest/lowest, a few pixels from any point."""
    x0, x1, y0, y1 = snapshot.grid.extent
    n = snapshot.grid.values.shape[-1]
    gx, gy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    d = np.hypot(gx[..., None] - dataset.x[:, 0], gy[..., None] - dataset.x[:, 1]).min(-1)
    out = snapshot.grid.outputs()[0].copy()
    out[d < 0.03 * (x1 - x0)] = np.nan  # ~12 px at the test size: clear of every marker
    i = np.nanargmax(out) if extreme == "max" else np.nanargmin(out)
    return float(gx.flat[i]), float(gy.flat[i]), float(out.flat[i])


def pixel(plot: DecisionPlot, x: float, y: float) -> QColor:
    return plot.grab().toImage().pixelColor(plot.map_to_widget(x, y))


def test_binary_regions_have_the_two_class_colours(qtbot, circle):
    snap = circle.snapshot()
    plot = shown(qtbot, DecisionPlot())
    plot.set_dataset(circle.dataset)
    plot.update_from(snap)
    settle(qtbot, plot)
    lut = colors.lut(colors.diverging_map())
    for extreme in ("max", "min"):
        x, y, value = far_from_points(snap, circle.dataset, extreme)
        seen = pixel(plot, x, y)
        want = lut[int(round((np.clip(value, -1, 1) + 1) / 2 * 255))]
        assert abs(value) > 0.5
        # The colour map's colour for that output (smoothing blurs it a little)...
        assert np.abs(np.array(seen.getRgb()[:3]) - want).max() < 30, (seen.getRgb(), want)
        # ...Playground blue where the network says +1, orange where it says -1.
        if extreme == "max":
            assert seen.blue() > seen.red() + 40
        else:
            assert seen.red() > seen.blue() + 40
    assert plot.colour_bar_shown and plot.colour_bar.levels() == (-1.0, 1.0)
    assert plot.plot_item.getAxis("bottom").labelText == "x1"

    plot.set_discrete(True)
    assert set(np.unique(plot.image.image)) <= {-1.0, 1.0}


def test_multiclass_regions_have_one_hue_per_class(qtbot, blobs):
    snap = blobs.snapshot()
    plot = shown(qtbot, DecisionPlot())
    plot.set_dataset(blobs.dataset)
    plot.update_from(snap)
    settle(qtbot, plot)
    rgba = plot.image.image
    assert rgba.dtype == np.uint8 and rgba.shape == (100, 100, 4)
    assert not plot.colour_bar_shown and "class 3" in plot.class_key.text()
    # Sample the screen where each class wins most clearly.
    outputs = snap.grid.outputs()
    x0, x1, y0, y1 = snap.grid.extent
    hues = []
    for k in range(3):
        r, c = np.unravel_index(np.argmax(outputs[k] - np.delete(outputs, k, 0).max(0)),
                                outputs[k].shape)
        color = pixel(plot, x0 + c * (x1 - x0) / 99, y0 + r * (y1 - y0) / 99)
        hues.append(color.hslHue())
    gaps = [abs(a - b) % 360 for i, a in enumerate(hues) for b in hues[i + 1:]]
    assert min(min(g, 360 - g) for g in gaps) > 30, hues


def test_click_on_a_point_emits_its_row_and_rings_it(qtbot, circle):
    ds = circle.dataset
    plot = shown(qtbot, DecisionPlot())
    plot.set_dataset(ds)
    plot.update_from(circle.snapshot())
    settle(qtbot, plot)
    # The training point farthest from its neighbours: unambiguous to click.
    train = ds.train
    d = np.hypot(*(ds.x[train, None, :2] - ds.x[None, :, :2]).transpose(2, 0, 1))
    d[d == 0] = np.inf
    row = int(train[np.argmax(d.min(1))])
    viewport = plot.plot_widget.viewport()
    pos = viewport.mapFrom(plot, plot.map_to_widget(*ds.x[row, :2]))
    pos.setX(pos.x() + 2)  # a near miss still counts
    with qtbot.waitSignal(plot.sampleClicked, timeout=2000) as blocker:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [row]
    assert plot.highlighted == row
    assert len(plot.points.ring.data) == 1


def test_show_map_switches_to_a_neuron_and_back(qtbot, circle):
    snap = circle.snapshot()
    plot = shown(qtbot, DecisionPlot())
    plot.set_dataset(circle.dataset)
    plot.update_from(snap)
    hidden = snap.grid.neuron_ids[2]
    plot.show_map(hidden, "h1")
    np.testing.assert_array_equal(plot.image.image, snap.grid.of(hidden))
    assert plot.colour_bar.getAxis("left").labelText == "h1 activation"
    plot.update_from(circle.snapshot())  # a new snapshot keeps showing the neuron
    np.testing.assert_array_equal(plot.image.image, snap.grid.of(hidden))
    plot.show_map(None)
    np.testing.assert_array_equal(plot.image.image, snap.grid.outputs()[0])
    assert plot.colour_bar.getAxis("left").labelText == "output"


def test_test_toggle_hides_test_points_and_their_clicks(qtbot, circle):
    ds = circle.dataset
    plot = shown(qtbot, DecisionPlot())
    plot.set_dataset(ds)
    tests = [item for item, split in plot.points.items if split == "test"]
    assert tests and all(item.isVisible() for item in tests)
    plot.show_test.click()
    assert not plot.points.show_test and not any(item.isVisible() for item in tests)
    assert all(item.isVisible() for item, split in plot.points.items if split == "train")
    pixel_size = plot.view.viewPixelSize()
    row = int(ds.test[0])
    assert plot.points.nearest(*ds.x[row, :2], pixel_size) != row
    plot.highlight(row)  # the ring of a hidden test point hides with it
    assert len(plot.points.ring.data) == 0
    plot.set_show_test(True)
    assert plot.show_test.isChecked() and len(plot.points.ring.data) == 1
    assert plot.points.nearest(*ds.x[row, :2], pixel_size) in (row, *ds.train)


def test_regression_and_new_data_reuse_the_plot(qtbot):
    session = trained(DatasetSpec("plane", n_points=200), [2, 3, 1], 2, "identity")
    plot = shown(qtbot, DecisionPlot())
    plot.update_from(session.snapshot())  # the snapshot may come before the data
    plot.set_dataset(session.dataset)
    assert plot.image.image is not None
    lo, hi = plot.colour_bar.levels()
    assert lo < 0 < hi and plot.colour_bar.getAxis("left").labelText == "y"
    items = len(plot.plot_item.items)
    plot.set_dataset(session.dataset)
    assert len(plot.plot_item.items) == items  # old scatters were removed
    plot.set_discrete(True)
    plot.update_from(session.snapshot())
    assert len(np.unique(plot.image.image)) <= 10  # bands


def plot_ink(plot: LossPlot) -> tuple[np.ndarray, object]:
    """The loss plot's pixels as grey levels, and its view box's rect in them."""
    image = plot.plot_widget.grab().toImage()
    image = image.convertToFormat(image.Format.Format_Grayscale8)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width()].copy()  # outlives image
    vb = plot.plot_item.getViewBox()
    rect = plot.plot_widget.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    ratio = image.width() / plot.plot_widget.width()
    return data, (int(rect.left() * ratio), int(rect.top() * ratio),
                  int(rect.right() * ratio), int(rect.bottom() * ratio))


def test_an_untrained_loss_plot_says_so_instead_of_an_empty_axis(qtbot):
    plot = shown(qtbot, LossPlot(), (500, 300))
    qtbot.waitUntil(lambda: plot.untrained.isVisible())
    assert plot.untrained.toPlainText() == "Not trained yet"
    left, bottom = plot.plot_item.getAxis("left"), plot.plot_item.getAxis("bottom")
    assert not left.style["showValues"] and not bottom.style["showValues"]
    assert not left.label.isVisible() and not plot.legend.isVisible()

    def message_in_the_middle() -> None:
        grey, (x0, y0, x1, y1) = plot_ink(plot)
        # The message's ink sits in the middle of the box, large enough to read.
        inner = grey[y0 + 4:y1 - 4, x0 + 4:x1 - 4] < 160
        rows, cols = np.flatnonzero(inner.any(axis=1)), np.flatnonzero(inner.any(axis=0))
        assert len(rows) and rows[-1] - rows[0] >= 8 and cols[-1] - cols[0] > 60
        middle = (x0 + 4 + (cols[0] + cols[-1]) / 2, y0 + 4 + (rows[0] + rows[-1]) / 2)
        assert abs(middle[0] - (x0 + x1) / 2) < 10 and abs(middle[1] - (y0 + y1) / 2) < 10
        # Under the box, no tick values: nothing of "0", "2", "4" … "10".
        assert not (grey[y1 + 2:y1 + 30, x0 + 10:x1 - 10] < 160).any()

    qtbot.waitUntil(message_in_the_middle)  # once the plot is laid out
    plot.update_from(history_snapshot(5))  # trained: the axes, the legend, no message
    assert not plot.untrained.isVisible() and plot.legend.isVisible()
    assert left.style["showValues"] and left.label.isVisible()
    plot.clear()  # a new document: the message again
    assert plot.untrained.isVisible() and not plot.legend.isVisible()
    plot.restyle()  # a theme change sets the axis title again: still none while untrained
    assert not left.label.isVisible() and not bottom.label.isVisible()
