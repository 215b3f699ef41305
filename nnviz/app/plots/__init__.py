"""Live plots fed by training snapshots: the loss curves and the decision regions."""

import os

# pyqtgraph picks PyQt6 first when both are installed; this runs before any module of
# the package imports pyqtgraph (a package's __init__ runs before its submodules).
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from nnviz.app.plots.decision_plot import DecisionPlot
from nnviz.app.plots.loss_plot import LossPlot

__all__ = ["DecisionPlot", "LossPlot"]
