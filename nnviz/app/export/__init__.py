"""Figures for slides: the network, the plots or a 16:9 slide as PNG, SVG or PDF.

``figures`` turns a view into a ``Figure`` (a size and a paint method), ``writers``
renders a figure into QImage / QSvgGenerator / QPdfWriter (never pyqtgraph's
exporters, see DESIGN.md), ``headless`` builds the views without a window for
``nnviz export`` and ``dialog`` is File → Export… and Edit → Copy as Image.
"""

from nnviz.app.export.figures import Figure, NetworkFigure, PlotFigure, SlideFigure
from nnviz.app.export.writers import FORMATS, render_image, write_figure

__all__ = ["FORMATS", "Figure", "NetworkFigure", "PlotFigure", "SlideFigure", "render_image",
           "write_figure"]
