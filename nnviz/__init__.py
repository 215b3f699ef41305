"""nnviz: build, train and take apart neural networks for teaching.

The desktop window is ``nnviz`` on the command line; this package is also a small API
for notebooks and autograders (see ``nnviz.api`` and docs/api.md)::

    import nnviz
    doc = nnviz.load("xnor")
    nnviz.trace(doc, inputs=[0, 1]).neuron("a1").a
"""

__version__ = "0.1.0"

from nnviz.api import (  # noqa: E402  (the version first: the build reads it from here)
    TrainingDiverged,
    animate,
    document,
    examples,
    export,
    layered,
    load,
    save,
    trace,
    train,
)
from nnviz.core.document import Document  # noqa: E402
from nnviz.core.network import Edge, Network, Neuron, SoftmaxGroup  # noqa: E402
from nnviz.core.trace import Trace  # noqa: E402

__all__ = ["Document", "Edge", "Network", "Neuron", "SoftmaxGroup", "Trace", "TrainingDiverged",
           "__version__", "animate", "document", "examples", "export", "layered", "load", "save",
           "trace", "train"]
