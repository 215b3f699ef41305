"""The Feature Space dock does no work while hidden, and caps what it draws when shown."""

from __future__ import annotations

import numpy as np

from nnviz.app.plots.points import MAX_SHOWN
from nnviz.core.commands import AddNeuron
from nnviz.core.data import Dataset
from nnviz.core.document import Document, save
from nnviz.core.init import initialized
from nnviz.core.network import Neuron, layered
from nnviz.core.settings import TrainingSettings


def big_document(path, n: int = 20_000) -> str:
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, size=(n, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    data = Dataset(x, y, "binary", ["x1", "x2"], ["y"], np.arange(n), np.arange(0))
    net = initialized(layered([2, 4, 1], "tanh", "sigmoid"))
    save(Document(net, data, TrainingSettings(loss="bce")), path)
    return str(path)


def test_hidden_feature_space_does_no_work_and_shown_draws_a_capped_cloud(qtbot, main_window,
                                                                          tmp_path):
    w, view = main_window, main_window.feature_view
    w.docks["features"].hide()  # hidden by default; a window state saved earlier may differ
    before = dict(view.work)
    assert w.files.open_path(big_document(tmp_path / "big.nnviz"), ask=False)
    w.model.push(AddNeuron(Neuron("extra", "h9", "hidden", "tanh")))
    assert view.work == before  # opened and edited while hidden: nothing computed
    w.docks["features"].show()
    qtbot.waitUntil(lambda: view.work["redraws"] > before["redraws"])
    assert view.work["reloads"] == before["reloads"] + 1
    assert view.work["points_drawn"] - before["points_drawn"] == MAX_SHOWN
    assert len(view.scatter.data) == MAX_SHOWN
    # One brush per class, shared by its points.
    assert len({id(b) for b in view.scatter.data["brush"]}) <= 2
    w.docks["features"].hide()


def test_an_input_the_data_lacks_is_said_not_raised(qtbot, main_window, capfd):
    w, view = main_window, main_window.feature_view
    w.files.open_example("xnor", ask=False)
    w.docks["features"].show()
    qtbot.waitUntil(lambda: len(view.points) == 4)
    w.model.push(AddNeuron(Neuron("x3n", "x3", "input", "identity", feature="x3")))
    qtbot.waitUntil(lambda: "x3" in view.note.text())
    assert "unknown feature 'x3'" in view.note.text()
    assert len(view.scatter.data) == 0
    assert "Traceback" not in capfd.readouterr().err
    w.docks["features"].hide()
