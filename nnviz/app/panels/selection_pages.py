"""The inspector's pages for one edge and for several selected items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSlider

from nnviz.app.i18n import translate
from nnviz.app.panels.edits import neuron_edit
from nnviz.app.panels.inspector_pages import Page, fill_activations, form_box
from nnviz.app.panels.widgets import add_row, fmt, in_run, select_data
from nnviz.core.activations import ACTIVATIONS
from nnviz.core.commands import SetNeurons, SetWeights
from nnviz.core.trace import Trace

if TYPE_CHECKING:
    from nnviz.app.panels.inspector import Inspector

FINE_RANGE = 5.0  # the weight slider spans ±5 in steps of 0.01


class EdgePage(Page):
    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        box, form = form_box(translate("panels.selection_pages", "Edge"))
        self.route = QLabel()
        self.route.setTextFormat(Qt.TextFormat.PlainText)  # neuron labels, never markup
        self.route.setToolTip(translate("panels.selection_pages",
                                        "The edge carries a_source · w into z_target"))
        self.weight = self._spin(-1e4, 1e4, 0.1,
                                 translate("panels.selection_pages",
                                           "Weight w (arrows and wheel: ±0.1)"),
                                 self._set_weight)
        self.fine = QSlider(Qt.Orientation.Horizontal)
        self.fine.setRange(-int(FINE_RANGE * 100), int(FINE_RANGE * 100))
        self.fine.setToolTip(translate(
            "panels.selection_pages", "Drag to sweep the weight from −{range} to {range}").format(
            range=f"{FINE_RANGE:g}"))
        self.fine.valueChanged.connect(
            lambda v: None if self.inspector.guard else self._set_weight(v / 100))
        self.fine.sliderReleased.connect(self.inspector.end_run)
        add_row(form, translate("panels.selection_pages", "Edge"), self.route)
        add_row(form, translate("panels.selection_pages", "Weight w"), self.weight)
        add_row(form, translate("panels.selection_pages", "Sweep"), self.fine)
        self.numbers = self._trace_rows([
            ("w", translate("panels.selection_pages", "w|The weight when the example was traced")),
            ("grad", translate("panels.selection_pages", "∂L/∂w|Gradient: δ_target · a_source")),
            ("delta_w", translate(
                    "panels.selection_pages", "Δw|The change one gradient step makes: −η ∂L/∂w")),
        ])
        self.layout_.addWidget(box)
        self.layout_.addWidget(self.trace_box)
        self.layout_.addStretch(1)

    @property
    def key(self) -> tuple[str, str]:
        return self.inspector.edge_keys[0]

    def refresh(self) -> None:
        net = self.inspector.model.network
        s, t = self.key
        self.route.setText(f"{net.neuron(s).label}  →  {net.neuron(t).label}")
        self.refresh_values()

    def refresh_values(self) -> None:
        w = self.inspector.model.network.edges[self.key].weight
        if not self.weight.hasFocus():
            self.weight.setValue(w)
        if not self.fine.isSliderDown():
            self.fine.setValue(round(max(-FINE_RANGE, min(FINE_RANGE, w)) * 100))

    def _set_weight(self, value: float) -> None:
        self._push(in_run(SetWeights({self.key: value},
                                     translate("panels.selection_pages", "Set weight"), merge=True),
                          self.inspector.run))

    def show_trace(self, trace: Trace | None, sample: int | None) -> None:
        self._show_trace_note(trace, sample)
        e = None
        if trace is not None:
            e = next((e for e in trace.edges if (e.source, e.target) == self.key), None)
        values = {"w": e and e.weight, "grad": e and e.grad, "delta_w": e and e.delta_w}
        for key, label in self.numbers.items():
            label.setText(fmt(values[key]) if e is not None else "—")
            self.trace_form.setRowVisible(label, e is not None)


class MultiPage(Page):
    """Several items: set one activation, bias or weight on all of them at once."""

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        box, form = form_box(translate("panels.selection_pages", "Selection"))
        self.form = form
        self.count = QLabel()
        self.count.setToolTip(translate(
                "panels.selection_pages", "What is selected on the canvas; edits below apply to "
                "all of it"))
        self.activation = QComboBox()
        self.activation.setPlaceholderText(translate("panels.selection_pages", "(mixed)"))
        self.activation.setToolTip(translate("panels.selection_pages",
                                             "Give every selected neuron this activation"))
        self.activation.activated.connect(self._on_activation)
        self.bias = self._spin(-1e4, 1e4, 0.1,
                               translate("panels.selection_pages",
                                         "Give every selected neuron this bias"),
                               self._on_bias)
        self.weight = self._spin(-1e4, 1e4, 0.1,
                                 translate("panels.selection_pages",
                                           "Give every selected edge this weight"),
                                 self._on_weight)
        for text, widget in ((translate("panels.selection_pages", "Selected"), self.count),
                             (translate("panels.selection_pages", "Activation"), self.activation),
                             (translate("panels.selection_pages", "Bias b"), self.bias),
                             (translate("panels.selection_pages", "Weight w"), self.weight)):
            add_row(form, text, widget)
        self.layout_.addWidget(box)
        self.layout_.addStretch(1)

    def _targets(self) -> list[str]:
        net = self.inspector.model.network
        return [nid for nid in self.inspector.neuron_ids if net.neuron(nid).role != "input"]

    def refresh(self) -> None:
        net = self.inspector.model.network
        n, e = len(self.inspector.neuron_ids), len(self.inspector.edge_keys)
        neurons = (translate("panels.selection_pages", "{n} neuron") if n == 1
                   else translate("panels.selection_pages", "{n} neurons"))
        edges = (translate("panels.selection_pages", "{n} edge") if e == 1
                 else translate("panels.selection_pages", "{n} edges"))
        parts = [neurons.format(n=n) if n else "", edges.format(n=e) if e else ""]
        self.count.setText(translate("panels.selection_pages", " and ").join(p for p in parts if p))
        targets = self._targets()
        outputs_only = bool(targets) and all(net.neuron(t).role == "output" for t in targets)
        fill_activations(self.activation, softmax=outputs_only)
        acts = {net.neuron(t).activation for t in targets}
        select_data(self.activation, acts.pop() if len(acts) == 1 else None)
        self.form.setRowVisible(self.activation, bool(targets))
        self.form.setRowVisible(self.bias, bool(targets))
        self.form.setRowVisible(self.weight, bool(self.inspector.edge_keys))
        self.refresh_values()

    def refresh_values(self) -> None:
        net = self.inspector.model.network
        targets = self._targets()
        for box, values in ((self.bias, [net.neuron(t).bias for t in targets]),
                            (self.weight, [net.edges[k].weight
                                           for k in self.inspector.edge_keys])):
            if values and not box.hasFocus():
                box.setValue(values[0])
                same = max(values) - min(values) < 1e-12
                box.setPrefix("" if same else "≠ ")  # the values differ; editing sets all

    def _on_activation(self, _index: int) -> None:
        name = self.activation.currentData()
        values = {t: {"activation": name} for t in self._targets()}
        title = ACTIVATIONS[name].title
        self._push(neuron_edit(self.inspector.model.network, values,
                               translate("panels.selection_pages", "Activation {name}").format(
                                   name=title)))

    def _on_bias(self, value: float) -> None:
        values = {t: {"bias": value} for t in self._targets()}
        self._push(in_run(SetNeurons(values, translate("panels.selection_pages", "Set biases"),
                                     merge=True), self.inspector.run))

    def _on_weight(self, value: float) -> None:
        weights = dict.fromkeys(self.inspector.edge_keys, value)
        self._push(in_run(SetWeights(weights, translate("panels.selection_pages", "Set weights"),
                                     merge=True), self.inspector.run))
