"""Backward-pass view, computational graph and step-through teaching mode (issue #4)."""

from nnviz.app.backward.mode import BackwardMode, install

__all__ = ["BackwardMode", "install"]
