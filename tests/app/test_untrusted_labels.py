"""Names from a file or a CSV are shown as text in Qt labels, never rendered as markup."""

from __future__ import annotations

import numpy as np

from nnviz.app.files import markup
from nnviz.app.plots.decision_plot import DecisionPlot
from nnviz.core.data import Dataset

IMG = "<img width=2000>"


def three_classes() -> Dataset:
    rng = np.random.default_rng(0)
    k = rng.integers(3, size=30)
    return Dataset(rng.normal(size=(30, 2)), np.eye(3)[k], "multiclass", [f"<b>{IMG}</b>", "x2"],
                   ["c0", "c1", "c2"], np.arange(20), np.arange(20, 30),
                   class_names=[IMG, "b", "c"])


def test_class_names_and_feature_names_are_not_rendered(qtbot):
    plot = DecisionPlot()
    qtbot.addWidget(plot)
    plot.set_dataset(three_classes())
    plot.show()
    qtbot.waitExposed(plot)
    assert "&lt;img width=2000&gt;" in plot.class_key.text()
    assert plot.class_key.sizeHint().width() < 1000  # a rendered image would be 2000 px
    axis = plot.plot_item.getAxis("bottom")
    assert axis.label.toPlainText().strip() == f"<b>{IMG}</b>"  # shown as written


def test_dialog_text_is_escaped_markup():
    assert markup(f"“{IMG}” has unsaved changes") == \
        "<p>“&lt;img width=2000&gt;” has unsaved changes</p>"
