"""Helpers the companion views share: choosing edges and neurons, compiling the document."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from nnviz.app.plots import style
from nnviz.core.network import Network, NetworkError
from nnviz.core.plan import Plan


def edge_name(network: Network, key: tuple[str, str]) -> str:
    return f"{network.neurons[key[0]].label} → {network.neurons[key[1]].label}"


def fill_combo(combo: QComboBox, items: list[tuple[str, object]], keep: object = None) -> None:
    """Replace the entries (text, data), keeping the chosen data when it is still there."""
    current = combo.currentData() if keep is None else keep
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = next((i for i, (_, d) in enumerate(items) if d == current), -1)
    combo.setCurrentIndex(max(index, 0) if items else -1)
    combo.blockSignals(False)


def compile_plan(network: Network, loss=None) -> Plan | None:
    try:
        return Plan(network, loss)
    except (NetworkError, ValueError):
        return None


def caption(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # captions quote labels from the file
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {style.TEXT}; font-size: {style.LABEL_PT}pt;")
    return label


def padded(lo: float, hi: float, pad: float = 0.08) -> tuple[float, float]:
    span = max(hi - lo, 1e-6)
    return lo - pad * span, hi + pad * span


def finite_bounds(values: np.ndarray) -> tuple[float, float]:
    v = values[np.isfinite(values)]
    return (float(v.min()), float(v.max())) if v.size else (0.0, 1.0)
