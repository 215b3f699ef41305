"""With several softmax groups the loss plot's readout gives each group's accuracy beside the
all-groups-right accuracy, the same numbers as the core's Trainer.group_accuracies."""

from __future__ import annotations

import numpy as np

from nnviz.app.plots import LossPlot
from nnviz.core import numfmt
from nnviz.core.data import Dataset
from nnviz.core.network import Network, Neuron, SoftmaxGroup
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings


def two_groups() -> TrainingSession:
    """Group "side" decides by x1 and is right; group "height" is set the wrong way round
    for half the plane, so the two groups' accuracies differ."""
    net = Network()
    for nid in ("x1", "x2"):
        net.add_neuron(Neuron(nid, nid, "input", "identity", feature=nid))
    for nid, src, w in (("low", "x2", -5.0), ("left", "x1", -5.0), ("high", "x1", 5.0),
                        ("right", "x1", 5.0)):
        net.add_neuron(Neuron(nid, nid, "output", "softmax"))
        net.add_edge(src, nid, w)
    net.groups = [SoftmaxGroup("side", ["left", "right"]),
                  SoftmaxGroup("height", ["low", "high"])]
    rng = np.random.default_rng(3)
    n = 200
    x = rng.uniform(-1, 1, size=(n, 2))
    outputs = ["low", "left", "high", "right"]
    y = np.zeros((n, 4))
    y[np.arange(n), np.where(x[:, 1] > 0, outputs.index("high"), outputs.index("low"))] = 1
    y[np.arange(n), np.where(x[:, 0] > 0, outputs.index("right"), outputs.index("left"))] = 1
    data = Dataset(x, y, "multiclass", ["x1", "x2"], outputs, np.arange(150),
                   np.arange(150, n))
    return TrainingSession(net, data, TrainingSettings(loss="softmax_ce", learning_rate=0.01))


def readout(qtbot, snapshot) -> str:
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(snapshot)
    return plot.summary.text()


def expected(session: TrainingSession, split: str) -> str:
    side, height = session.trainer.group_accuracies(split)
    return f"(group 1 {numfmt.percent(side)}, group 2 {numfmt.percent(height)})"


def test_paused_the_readout_gives_each_groups_accuracy_as_the_core_computes_it(qtbot):
    session = two_groups()
    snapshot = session.snapshot()
    side, height = session.trainer.group_accuracies("test")
    assert side != height  # the case where one number per group says more than one in all
    assert snapshot.group_accuracy["test"] == [side, height]
    text = readout(qtbot, snapshot)
    assert expected(session, "test") in text
    everything = session.trainer.evaluate()["test_accuracy"]
    assert f"test accuracy {numfmt.percent(everything)} (group 1" in text


def test_while_playing_the_groups_come_from_the_epoch_the_readout_shows(qtbot):
    session = two_groups()
    session.trainer.run_epochs(3)
    snapshot = session.snapshot(playing=True)
    assert snapshot.epoch == 3
    assert snapshot.group_accuracy["test"] == session.trainer.group_accuracies("test")
    assert expected(session, "test") in readout(qtbot, snapshot)


def test_one_group_shows_no_group_breakdown(qtbot):
    session = two_groups()
    net = session.trainer.synced_network()
    net.groups = [SoftmaxGroup("all", ["low", "left", "high", "right"])]
    single = TrainingSession(net, session.dataset, session.trainer.settings)
    snapshot = single.snapshot()
    assert snapshot.group_accuracy == {}
    assert "group 1" not in readout(qtbot, snapshot)
