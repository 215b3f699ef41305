"""nnviz: build, train and take apart neural networks for teaching."""

__version__ = "0.1.0"
