"""Building by mouse: where a clicked neuron goes, which role it gets, Playground's layer
edits, connecting whole columns. Each turns into one core command pushed through the
view's model (one undo step), followed by a status message describing the network as it
is after the edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from nnviz.app.canvas.style import R
from nnviz.app.i18n import translate
from nnviz.core.builders import add_neuron
from nnviz.core.layering import (
    FEATURES,
    add_hidden_layer,
    column_index,
    columns,
    connect_columns,
    connect_to_column,
    free_spot,
    grow_column,
    output_activation,
    role_at,
    shrink_column,
    toggle_feature,
)

if TYPE_CHECKING:
    from nnviz.app.canvas.view import NetworkView


def _count(count: int, one: str, many: str) -> str:
    """"1 neuron" or "3 neurons": ``one`` and ``many`` are translated, with {n}."""
    return (one if count == 1 else many).format(n=count)


def _neurons(count: int) -> str:
    return _count(count, translate("canvas.building", "{n} neuron"),
                  translate("canvas.building", "{n} neurons"))


class Builder:
    def __init__(self, view: NetworkView) -> None:
        self.view = view

    @property
    def model(self):
        return self.view.model

    def seed(self) -> int:
        """New edges' weights: the same clicks on the same document give the same network."""
        net = self.model.network
        return self.model.document.settings.seed * 7919 + 31 * len(net.neurons) + len(net.edges)

    def _push(self, command, message: str | None = None) -> bool:
        if not self.model.push(command):
            return False
        if message:
            self.view.message.emit(message)
        return True

    # ---------------------------------------------------------- placement
    def place(self, pos: QPointF, role: str | None = None) -> str | None:
        """Add a neuron at the click (role None: the one its column suggests), moved only as
        far as needed to keep clear of the others; the view follows it. Returns its id."""
        net = self.model.network
        role = role or role_at(net, pos.x())
        x, y = free_spot(net, pos.x(), pos.y(), self.view.canvas.snap)
        activation = None
        if role == "output":
            activation = self._output_activation()
        command = add_neuron(net, x, y, role, activation)
        label = command.neuron.label
        where = "" if (x, y) == (pos.x(), pos.y()) or abs(y - pos.y()) < 1 else \
            translate("canvas.building", " (moved clear of its neighbours)")
        kind = {"input": translate("canvas.building", "input"),
                "hidden": translate("canvas.building", "hidden"),
                "output": translate("canvas.building", "output")}.get(role, role)
        text = translate("canvas.building", "Added {role} neuron {label}").format(
            role=kind, label=label)
        if not self._push(command, text + where):
            return None
        self.view.select([command.neuron.id])
        self.keep_in_view(x, y)
        return command.neuron.id

    def _output_activation(self) -> str | None:
        """An output computes what the task needs (None: what the other outputs use)."""
        net = self.model.network
        try:
            data = self.model.document.build_dataset()
        except ValueError:
            return None
        if data.task == "multiclass" or net.outputs:
            return None
        return output_activation(data.task, data.label_values)

    def keep_in_view(self, x: float, y: float) -> None:
        """Bring a neuron and its label into the viewport: a view that follows the network
        refits (everything stays in sight), one the user zoomed or panned pans."""
        view = self.view
        box = QRectF(x - R - 12, y - R - 12, 2 * R + 24, 2 * R + 44)
        if view.visible_rect().contains(box):
            return
        if view.following():
            view.fit()
        else:
            view.ensureVisible(box, 8, 8)

    # ------------------------------------------------------- layer controls
    def grow_column(self, index: int) -> None:
        try:
            command = grow_column(self.model.network, index, self.seed())
        except ValueError as exc:
            self.view.message.emit(str(exc)[0].upper() + str(exc)[1:])
            return
        if self._push(command):
            self._say_column(index, translate("canvas.building", "Added a neuron"))

    def shrink_column(self, index: int) -> None:
        try:
            command = shrink_column(self.model.network, index)
        except ValueError as exc:
            self.view.message.emit(str(exc)[0].upper() + str(exc)[1:])
            return
        if self._push(command):
            self._say_column(index, translate("canvas.building", "Removed a neuron"))

    def _say_column(self, index: int, what: str) -> None:
        column = next((c for c in columns(self.model.network) if c.index == index), None)
        count = len(column.ids) if column else 0
        self.view.message.emit(translate(
            "canvas.building", "{what}: this layer has {count} now").format(
            what=what, count=_neurons(count)))

    def add_hidden_layer(self) -> None:
        command = add_hidden_layer(self.model.network, seed=self.seed())
        if self._push(command):
            sizes = "-".join(str(len(c.ids)) for c in columns(self.model.network))
            self.view.message.emit(translate(
                "canvas.building", "Added a hidden layer: the network is {sizes} now").format(
                sizes=sizes))
            self.view.fit_if_following()

    def toggle_feature(self, feature: str) -> None:
        on = any((n.feature or n.label) == feature for n in self.model.network.inputs)
        command = toggle_feature(self.model.network, feature, self.seed())
        if self._push(command):
            count = len(self.model.network.inputs)
            inputs = _count(count, translate("canvas.building", "{n} input"),
                            translate("canvas.building", "{n} inputs"))
            text = (translate("canvas.building", "{feature} off: {inputs} now") if on
                    else translate("canvas.building", "{feature} on: {inputs} now"))
            self.view.message.emit(text.format(feature=FEATURES.get(feature, feature),
                                               inputs=inputs))
            self.view.fit_if_following()

    # ---------------------------------------------------------- connecting
    def connect_selection(self) -> None:
        ids, _ = self.view.canvas.selection()
        net = self.model.network
        groups = {column_index(net.neurons[i].x) for i in ids}
        if len(groups) < 2:
            self.view.message.emit(translate(
                    "canvas.building", "Select neurons in two or more columns to connect them "
                    "all-to-all"))
            return
        command = connect_columns(net, ids, self.seed())
        if not command.commands:
            self.view.message.emit(translate(
                    "canvas.building", "Nothing to connect: those edges exist already or would "
                    "go backwards"))
            return
        edges = _count(len(command.commands), translate("canvas.building", "{n} edge"),
                       translate("canvas.building", "{n} edges"))
        self._push(command, translate("canvas.building", "Connected {edges}").format(edges=edges))

    def connect_to_column(self, source: str, index: int) -> tuple[bool, str]:
        """Edges from source to the whole column; (added any, what happened)."""
        net = self.model.network
        command, refused = connect_to_column(net, source, index, self.seed())
        if not command.commands:
            why = refused[0] if refused else translate("canvas.building", "that column is empty")
            return False, why[0].upper() + why[1:]
        self.model.push(command)
        text = translate("canvas.building", "Connected {source} to {count}").format(
            source=net.neurons[source].label, count=_neurons(len(command.commands)))
        if refused:
            text += translate("canvas.building", " ({n} refused: {why})").format(
                n=len(refused), why=refused[0])
        self.view.message.emit(text)
        return True, text
