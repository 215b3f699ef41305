"""The network-diagram editor: NetworkView (the widget), NetworkScene, NeuronItem, EdgeItem."""

from nnviz.app.canvas.items import EdgeItem, NeuronItem
from nnviz.app.canvas.scene import NetworkScene
from nnviz.app.canvas.view import NetworkView

__all__ = ["EdgeItem", "NetworkScene", "NetworkView", "NeuronItem"]
