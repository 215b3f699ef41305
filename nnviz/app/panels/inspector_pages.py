"""The inspector's page for one neuron, and what every inspector page shares.

Each page reads the document in ``refresh`` (called under the inspector's guard),
updates trained parameters in ``refresh_values`` and traced numbers in ``show_trace``.
Combos react to ``activated`` (user choices only) and spin boxes to ``valueChanged``,
which the guard silences while the page writes them itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.app.panels.edits import feature_edit, neuron_edit
from nnviz.app.panels.widgets import add_row, double_spin, fmt, in_run, select_data
from nnviz.core.activations import ACTIVATIONS
from nnviz.core.builders import set_role
from nnviz.core.commands import SetNeurons
from nnviz.core.network import ROLES
from nnviz.core.trace import Trace

if TYPE_CHECKING:
    from nnviz.app.panels.inspector import Inspector

ROLE_NAMES = {"input": QT_TRANSLATE_NOOP("panels.inspector_pages", "Input"),
              "hidden": QT_TRANSLATE_NOOP("panels.inspector_pages", "Hidden"),
              "output": QT_TRANSLATE_NOOP("panels.inspector_pages", "Output")}
ROLE_TIPS = {
    "input": QT_TRANSLATE_NOOP("panels.inspector_pages",
                               "Input: fed by one feature of the data, no incoming edges"),
    "hidden": QT_TRANSLATE_NOOP("panels.inspector_pages",
                                "Hidden: computes a = g(z) from its incoming edges"),
    "output": QT_TRANSLATE_NOOP("panels.inspector_pages",
                                "Output: compared with a target by the loss")}


def form_box(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return box, form


def _number() -> QLabel:
    label = QLabel("—")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def fill_activations(combo: QComboBox, softmax: bool) -> None:
    """Titles with formulas as tooltips; softmax only where outputs are edited."""
    combo.clear()
    for name, act in ACTIVATIONS.items():
        if name == "softmax" and not softmax:
            continue
        combo.addItem(act.title, name)
        combo.setItemData(combo.count() - 1, act.formula, Qt.ItemDataRole.ToolTipRole)


def _activation_tip(name: str | None) -> str:
    act = ACTIVATIONS.get(name or "")
    head = translate("panels.inspector_pages", "Activation g applied to z = Σ w·a + b")
    if act is None:
        return head
    return translate("panels.inspector_pages", "{head}\nNow: {title}, {formula}").format(
        head=head, title=act.title, formula=act.formula)


class Page(QWidget):
    """A page of the inspector: refreshed under its guard, shows trained and traced numbers."""

    def __init__(self, inspector: Inspector) -> None:
        super().__init__()
        self.inspector = inspector
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.trace_box, self.trace_form = form_box(translate("panels.inspector_pages",
                                                             "Traced example"))
        self.trace_note = QLabel(translate(
                "panels.inspector_pages", "Click a data point to trace one example through the "
                "network."))
        self.trace_note.setWordWrap(True)

    def _push(self, command) -> bool:
        return self.inspector.push(command)

    def _spin(self, low: float, high: float, step: float, tip: str, slot) -> QDoubleSpinBox:
        box = double_spin(low, high, 5, step, tip)
        box.valueChanged.connect(lambda v: None if self.inspector.guard else slot(v))
        box.editingFinished.connect(self.inspector.end_run)
        return box

    def _trace_rows(self, rows: list[tuple[str, str]]) -> dict[str, QLabel]:
        """Read-only number rows; each row text is "label|tooltip"."""
        labels = {}
        for key, text in rows:
            label, _, tip = text.partition("|")
            labels[key] = _number()
            add_row(self.trace_form, label, labels[key], tip)
        self.trace_form.addRow(self.trace_note)
        return labels

    def refresh_values(self) -> None:
        pass

    def show_trace(self, trace: Trace | None, sample: int | None) -> None:
        pass

    def _show_trace_note(self, trace: Trace | None, sample: int | None) -> None:
        title = (translate("panels.inspector_pages", "Traced example") if sample is None else
                 translate("panels.inspector_pages", "Traced example (row {row})").format(
                     row=sample))
        self.trace_box.setTitle(title)
        self.trace_note.setVisible(trace is None)


class NeuronPage(Page):
    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        box, form = form_box(translate("panels.inspector_pages", "Neuron"))
        self.form = form
        self.label = QLineEdit()
        self.label.setToolTip(translate(
                "panels.inspector_pages", "The name shown on the canvas and in traces (Enter to "
                "apply)"))
        self.label.editingFinished.connect(self._on_label)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(translate("panels.inspector_pages", ROLE_NAMES[role]), role)
            self.role.setItemData(self.role.count() - 1,
                                  translate("panels.inspector_pages", ROLE_TIPS[role]),
                                  Qt.ItemDataRole.ToolTipRole)
        self.role.setToolTip(translate("panels.inspector_pages", "Input, hidden or output neuron"))
        self.role.activated.connect(self._on_role)
        self.activation = QComboBox()
        self.activation.activated.connect(self._on_activation)
        self.bias = self._spin(-1e4, 1e4, 0.1,
                               translate("panels.inspector_pages",
                                         "Bias b, added to z (arrows and wheel: ±0.1)"),
                               self._on_bias)
        self.alpha = self._spin(-10.0, 10.0, 0.01, translate(
            "panels.inspector_pages", "Slope α of the negative part: g(z) = α·z for z < 0"),
            self._on_alpha)
        self.feature = QComboBox()
        self.feature.setToolTip(translate(
                "panels.inspector_pages", "The feature of the data that feeds this input (raw "
                "columns, then x1², x1·x2, sin…)"))
        self.feature.activated.connect(self._on_feature)
        for text, widget in ((translate("panels.inspector_pages", "Label"), self.label),
                             (translate("panels.inspector_pages", "Role"), self.role),
                             (translate("panels.inspector_pages", "Activation"),
                              self.activation),
                             (translate("panels.inspector_pages", "Bias b"), self.bias),
                             (translate("panels.inspector_pages", "Slope α"), self.alpha),
                             (translate("panels.inspector_pages", "Feature"), self.feature)):
            add_row(form, text, widget)
        self.numbers = self._trace_rows([
            ("z", translate("panels.inspector_pages", "z|Net input z = Σ w·a + b")),
            ("a", translate("panels.inspector_pages", "a = g(z)|Activation a = g(z)")),
            ("g", translate("panels.inspector_pages", "g′(z)|Derivative of the activation at z")),
            ("delta", translate(
                    "panels.inspector_pages", "δ|Error signal δ of this neuron (see the "
                    "convention setting)")),
            ("dl_da", translate(
                    "panels.inspector_pages", "∂L/∂a|Gradient of the loss with respect to this "
                    "activation")),
        ])
        self.layout_.addWidget(box)
        self.layout_.addWidget(self.trace_box)
        self.layout_.addStretch(1)

    @property
    def nid(self) -> str:
        return self.inspector.neuron_ids[0]

    def refresh(self) -> None:
        n = self.inspector.model.network.neuron(self.nid)
        self.label.setText(n.label)
        select_data(self.role, n.role)
        fill_activations(self.activation, softmax=n.role == "output")
        select_data(self.activation, n.activation)
        self.activation.setToolTip(_activation_tip(n.activation))
        self.feature.clear()
        features = self.inspector.features()
        current = n.feature or n.label
        for f in features if current in features else [*features, current]:
            self.feature.addItem(f if f in features else translate(
                "panels.inspector_pages", "{feature} (not in this data)").format(feature=f), f)
        select_data(self.feature, current)
        is_input = n.role == "input"
        self.form.setRowVisible(self.activation, not is_input)
        self.form.setRowVisible(self.bias, not is_input)
        self.form.setRowVisible(self.alpha, n.activation in ("leaky_relu", "prelu"))
        self.form.setRowVisible(self.feature, is_input)
        self.refresh_values()

    def refresh_values(self) -> None:
        n = self.inspector.model.network.neuron(self.nid)
        for box, value in ((self.bias, n.bias), (self.alpha, n.alpha)):
            if not box.hasFocus():  # never overwrite what the user is typing
                box.setValue(value)

    def show_trace(self, trace: Trace | None, sample: int | None) -> None:
        self._show_trace_note(trace, sample)
        t = None
        if trace is not None:
            t = next((n for n in trace.neurons if n.id == self.nid), None)
        is_input = t is not None and t.role == "input"
        values = {"z": t and t.z, "a": t and t.a, "g": t and t.g_prime,
                  "delta": t and t.delta, "dl_da": t and t.dl_da}
        for key, label in self.numbers.items():
            label.setText(fmt(values[key]) if t is not None else "—")
            self.trace_form.setRowVisible(label, t is not None and (not is_input or key in
                                                                    ("a", "dl_da")))
        a_label = self.trace_form.labelForField(self.numbers["a"])
        a_label.setText("x" if is_input else "a = g(z)")
        self.trace_form.labelForField(self.numbers["dl_da"]).setText(
            "∂L/∂x" if is_input else "∂L/∂a")
        if trace is not None:
            sign = "δ = ∂L/∂z" if trace.convention == "dl_dz" else "δ = −∂E/∂net"
            self.numbers["delta"].setToolTip(translate(
                "panels.inspector_pages", "Error signal, convention {sign}").format(sign=sign))

    # ------------------------------------------------------------- edits
    def _on_label(self) -> None:
        if self.inspector.guard:
            return
        net = self.inspector.model.network
        text = self.label.text().strip()
        old = net.neuron(self.nid).label
        if text == old:
            return
        if not text:
            self.inspector.refuse(translate(
                    "panels.inspector_pages", "A neuron needs a label; the empty label was not "
                    "applied."))
            with self.inspector.guard.hold():
                self.label.setText(old)
            return
        self._push(SetNeurons({self.nid: {"label": text}}, translate(
            "panels.inspector_pages", "Rename {old} to {new}").format(old=old, new=text)))

    def _on_role(self, _index: int) -> None:
        net = self.inspector.model.network
        role = self.role.currentData()
        if role == net.neuron(self.nid).role:
            return
        try:
            command = set_role(net, self.nid, role)
        except ValueError as exc:  # the edges forbid it: say why, show the role in force
            self.inspector.refuse(translate(
                "panels.inspector_pages", "Role not changed: {reason}.").format(reason=exc))
            self.inspector.refresh()
            return
        self._push(command)

    def _on_activation(self, _index: int) -> None:
        name = self.activation.currentData()
        net = self.inspector.model.network
        if name == net.neuron(self.nid).activation:
            return
        title = ACTIVATIONS[name].title
        self._push(neuron_edit(net, {self.nid: {"activation": name}},
                               translate("panels.inspector_pages", "Activation {name}").format(
                                   name=title)))

    def _on_bias(self, value: float) -> None:
        self._push(in_run(SetNeurons({self.nid: {"bias": value}},
                                     translate("panels.inspector_pages", "Set bias"), merge=True),
                          self.inspector.run))

    def _on_alpha(self, value: float) -> None:
        self._push(in_run(SetNeurons({self.nid: {"alpha": value}},
                                     translate("panels.inspector_pages",
                                               "Set slope α"), merge=True),
                          self.inspector.run))

    def _on_feature(self, _index: int) -> None:
        feature = self.feature.currentData()
        n = self.inspector.model.network.neuron(self.nid)
        if feature != (n.feature or n.label):
            self._push(feature_edit(self.inspector.model.network, self.nid, feature))
