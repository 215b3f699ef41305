"""The decision-region map of a network with two softmax groups shows one group at a time."""

from __future__ import annotations

import numpy as np

from nnviz.app.plots import DecisionPlot
from nnviz.core.data import Dataset
from nnviz.core.network import Network, Neuron, SoftmaxGroup
from nnviz.core.session import TrainingSession
from nnviz.core.settings import TrainingSettings


def two_decisions() -> TrainingSession:
    """Group "left/right" decides by x1, group "low/high" by x2 (weights set by hand)."""
    net = Network()
    for nid in ("x1", "x2"):
        net.add_neuron(Neuron(nid, nid, "input", "identity", feature=nid))
    for nid, src, w in (("low", "x2", -5.0), ("left", "x1", -5.0), ("high", "x2", 5.0),
                        ("right", "x1", 5.0)):
        net.add_neuron(Neuron(nid, nid, "output", "softmax"))
        net.add_edge(src, nid, w)
    net.groups = [SoftmaxGroup("side", ["left", "right"]),
                  SoftmaxGroup("height", ["low", "high"])]
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(60, 2))
    outputs = ["low", "left", "high", "right"]
    y = np.zeros((60, 4))
    y[np.arange(60), np.where(x[:, 1] > 0, outputs.index("high"), outputs.index("low"))] = 1
    y[np.arange(60), np.where(x[:, 0] > 0, outputs.index("right"), outputs.index("left"))] = 1
    data = Dataset(x, y, "multiclass", ["x1", "x2"], outputs, np.arange(60), np.arange(0))
    return TrainingSession(net, data, TrainingSettings(loss="softmax_ce"))


def test_a_group_choice_switches_the_map_between_the_groups(qtbot):
    session = two_decisions()
    plot = DecisionPlot()
    qtbot.addWidget(plot)
    plot.resize(520, 500)
    plot.show()
    plot.set_dataset(session.dataset)
    plot.update_from(session.snapshot())
    assert plot.group_choice.isVisible() and plot.group_choice.count() == 2
    assert plot.group_choice.currentText() == "Group 1 (left, right)"

    def colour(row: int, col: int) -> tuple:  # rows run along x2, columns along x1
        return tuple(plot.image.image[row, col, :3])

    # Group "side": left and right differ, low and high at one x1 do not.
    assert colour(50, 5) != colour(50, 94)
    assert colour(5, 94) == colour(94, 94)
    assert "left" in plot.class_key.text() and "high" not in plot.class_key.text()
    plot.group_choice.setCurrentIndex(1)
    assert colour(5, 50) != colour(94, 50)
    assert colour(94, 5) == colour(94, 94)
    assert "high" in plot.class_key.text() and "left" not in plot.class_key.text()
    # The points follow the group: each point is drawn in its class of this group.
    counts = sorted(len(item.data) for item, split in plot.points.items if split == "train")
    assert sum(counts) == 60 and counts == sorted(
        [int((session.dataset.x[:, 1] > 0).sum()), int((session.dataset.x[:, 1] <= 0).sum())])
