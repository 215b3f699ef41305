"""The connect gesture (drag from one neuron to another) and the right-click menus."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QMenu

from nnviz.app.canvas.items import NeuronItem
from nnviz.app.canvas.style import ACCENT
from nnviz.core.commands import AddEdge, Remove, SetWeights

if TYPE_CHECKING:
    from nnviz.app.canvas.view import NetworkView

REFUSED = QColor("#d64545")
_rng = random.Random()


class ConnectGesture:
    """A dashed line from a neuron to the pointer; released on another neuron, an edge.

    The neuron under the pointer glows accent when the edge is allowed and red when
    it is not, and the reason goes to the status bar before the button is released.
    New edges start with a small random weight (±0.5, like Playground's initialiser),
    so a fresh hidden neuron does not sit on a symmetric zero.
    """

    def __init__(self, view: NetworkView, source: NeuronItem, pos: QPointF, button) -> None:
        self.view, self.source, self.start, self.button = view, source, pos, button
        self.target: NeuronItem | None = None
        self.moved = False
        self.line = QGraphicsLineItem(source.x(), source.y(), pos.x(), pos.y())
        self.line.setPen(QPen(ACCENT, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        self.line.setZValue(1.0)  # above the edges, below the neurons it leaves and reaches
        view.canvas.addItem(self.line)
        for item in view.canvas.neurons.values():  # the scene sees no moves meanwhile
            if item.hovered:
                item.hovered = False
                item.update()

    def drag(self, pos: QPointF) -> None:
        self.line.setLine(self.source.x(), self.source.y(), pos.x(), pos.y())
        if (pos - self.start).manhattanLength() > 4 / max(self.view.transform().m11(), 1e-3):
            self.moved = True
        target = self.view.canvas.neuron_at(pos)
        target = None if target is self.source else target
        if target is not self.target:
            self._mark(None)
            self.target = target
            if target is not None:
                problem = self.view.model.network.edge_problem(self.source.id, target.id)
                self._mark("bad" if problem else "ok")
                if problem:
                    self.view.message.emit(problem[0].upper() + problem[1:])
        pen = self.line.pen()
        pen.setColor(REFUSED if self.target and self.target.connect_state == "bad" else ACCENT)
        self.line.setPen(pen)

    def finish(self, global_pos: QPoint, modifiers) -> None:
        view, source, target = self.view, self.source, self.target
        self.cancel()
        if target is not None:  # the model says why, should the core refuse it
            view.model.push(AddEdge(source.id, target.id, round(_rng.uniform(-0.5, 0.5), 3)))
        elif not self.moved:  # a click, not a drag
            if self.button == Qt.MouseButton.RightButton:
                view.select([source.id])
                view.context_menu(self.start).popup(global_pos)
            elif modifiers & Qt.KeyboardModifier.ShiftModifier:
                source.setSelected(not source.isSelected())
            else:
                view.select([source.id])

    def cancel(self) -> None:
        self._mark(None)
        self.view.canvas.removeItem(self.line)

    def _mark(self, state: str | None) -> None:
        if self.target is not None:
            self.target.connect_state = state
            self.target.update()


def context_menu(view: NetworkView, pos: QPointF) -> QMenu:
    """The right-click menu for what is at pos: a neuron, an edge or empty space."""
    menu = QMenu(view)
    canvas, model = view.canvas, view.model
    neuron = canvas.neuron_at(pos)
    edge = None if neuron else canvas.edge_at(pos, view.tolerance())
    if neuron is not None:
        nid = neuron.id
        menu.addAction("Rename…", lambda: view.edit_label(nid))
        roles = menu.addMenu("Role")
        for role in ("input", "hidden", "output"):
            action = roles.addAction(role.capitalize(), lambda r=role: view.set_role(nid, r))
            action.setCheckable(True)
            action.setChecked(model.network.neurons[nid].role == role)
        menu.addAction("Delete", lambda: model.push(Remove([nid])))
    elif edge is not None:
        key = edge.key
        menu.addAction("Edit weight…", lambda: view.edit_weight(key))
        menu.addAction("Set weight to 0",
                       lambda: model.push(SetWeights({key: 0.0}, "Zero weight")))
        menu.addAction("Delete edge", lambda: model.push(Remove(edge_keys=[key])))
    else:
        for role in ("hidden", "input", "output"):
            menu.addAction(f"Add {role} neuron here", lambda r=role: view.add_neuron_at(pos, r))
        menu.addSeparator()
        menu.addAction("Paste", view.paste)
        menu.addAction("Select all", view.select_all)
        menu.addAction("Tidy up (auto layout)", view.auto_layout)
        menu.addAction("Fit to window", view.fit)
    return menu
