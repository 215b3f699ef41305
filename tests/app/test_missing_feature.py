"""An input neuron that reads a feature the data lacks (a third input on 2-D data) is
said, never raised: no view prints DataError on a change."""

from __future__ import annotations

from nnviz.core.commands import AddNeuron
from nnviz.core.network import Neuron

COMPANIONS = ("surface", "features", "gradcheck", "history")


def test_a_third_input_raises_nowhere(qtbot, main_window, capfd):
    w = main_window
    w.files.open_example("xnor", ask=False)
    for key in COMPANIONS:
        w.docks[key].show()
    w.controller.select_sample(1)
    w.actions_["backward"].setChecked(True)  # the backward view traces the example
    qtbot.waitUntil(lambda: bool(w.backward.overlay.texts))
    w.model.push(AddNeuron(Neuron("x3n", "x3", "input", "identity", feature="x3")))
    # The numbers on screen are marked stale, or gone: either way nothing raises.
    qtbot.waitUntil(lambda: "no trace" in w.backward.legend.text() or w.backward.overlay.stale)
    w.backward.refresh()  # as the next snapshot or a click on a point does
    assert "no trace" in w.backward.legend.text()
    qtbot.waitUntil(lambda: "unknown feature 'x3'" in w.feature_view.note.text())
    assert "x3" in w.statusBar().currentMessage() or not w.controller.trainable
    w.model.push(AddNeuron(Neuron("h9", "h9", "hidden", "tanh")))  # another change
    w.backward.refresh()
    assert "no trace" in w.backward.legend.text()
    assert "Traceback" not in capfd.readouterr().err
    w.actions_["backward"].setChecked(False)
    for key in COMPANIONS:
        w.docks[key].hide()
