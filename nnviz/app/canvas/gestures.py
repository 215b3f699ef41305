"""The connect gesture (drag from one neuron to another) and the right-click menus."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QMenu, QToolTip

from nnviz.app.canvas.items import NeuronItem
from nnviz.app.canvas.style import ACCENT, R
from nnviz.app.i18n import QT_TRANSLATE_NOOP, translate
from nnviz.core.builders import ROW
from nnviz.core.commands import AddEdge, Remove, SetWeights
from nnviz.core.layering import Column, column_of

if TYPE_CHECKING:
    from nnviz.app.canvas.view import NetworkView

REFUSED = QColor("#d64545")
_rng = random.Random()


class ConnectGesture:
    """A dashed line from a neuron to the pointer; released on another neuron, an edge;
    released on a column's empty space, edges to every neuron of that column.

    The neuron (or column) under the pointer glows accent when the edge is allowed and
    red when it is not, and the reason shows at the pointer and in the status bar
    before the button is released.
    New edges start with a small random weight (±0.5, like Playground's initialiser),
    so a fresh hidden neuron does not sit on a symmetric zero.
    """

    def __init__(self, view: NetworkView, source: NeuronItem, pos: QPointF, button) -> None:
        self.view, self.source, self.start, self.button = view, source, pos, button
        self.target: NeuronItem | None = None
        self.column: Column | None = None  # the column under the pointer, off its neurons
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
        column = self._column_at(pos) if target is None and self.moved else None
        if target is not self.target or column != self.column:
            self._mark(None)
            self.target, self.column = target, column
            net = self.view.model.network
            problems = [net.edge_problem(self.source.id, t.id) for t in self._targets()]
            for item, problem in zip(self._targets(), problems):
                item.connect_state = "bad" if problem else "ok"
                item.update()
            if problems:
                problem = next((p for p in problems if p), None) if all(problems) else None
                if problem:
                    self._refused(pos, problem[0].upper() + problem[1:])
                else:
                    QToolTip.hideText()
        bad = bool(self._targets()) and all(t.connect_state == "bad" for t in self._targets())
        pen = self.line.pen()
        pen.setColor(REFUSED if bad else ACCENT)
        self.line.setPen(pen)

    def _column_at(self, pos: QPointF) -> Column | None:
        """The column whose empty space is under the pointer (near its x, within its span)."""
        net = self.view.model.network
        column = column_of(net, pos.x())
        if column is None or abs(pos.x() - column.x) > 1.6 * R:
            return None
        ys = [net.neurons[i].y for i in column.ids]
        if not min(ys) - ROW <= pos.y() <= max(ys) + ROW:
            return None
        if column.ids == (self.source.id,):
            return None
        return column

    def _targets(self) -> list[NeuronItem]:
        if self.target is not None:
            return [self.target]
        if self.column is not None:
            items = self.view.canvas.neurons
            return [items[i] for i in self.column.ids if i in items and i != self.source.id]
        return []

    def _refused(self, pos: QPointF, why: str) -> None:
        """Say why at the pointer (and in the status bar, where it stays a while)."""
        view = self.view
        QToolTip.showText(view.viewport().mapToGlobal(view.mapFromScene(pos)), why,
                          view.viewport())
        view.message.emit(why)

    def finish(self, global_pos: QPoint, modifiers) -> None:
        view, source, target, column = self.view, self.source, self.target, self.column
        self.cancel()
        if target is not None:  # the model says why, should the core refuse it
            if view.model.push(AddEdge(source.id, target.id,
                                       round(_rng.uniform(-0.5, 0.5), 3))):
                view.message.emit(translate(
                    "canvas.gestures", "Connected {source} → {target}").format(
                    source=source.label, target=target.label))
        elif column is not None:
            done, text = view.builder.connect_to_column(source.id, column.index)
            if not done:
                view.message.emit(text)
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
        QToolTip.hideText()
        self.view.canvas.removeItem(self.line)

    def _mark(self, state: str | None) -> None:
        for item in self._targets():
            item.connect_state = state
            item.update()


ROLE_TITLES = {"input": QT_TRANSLATE_NOOP("canvas.gestures", "Input"),
               "hidden": QT_TRANSLATE_NOOP("canvas.gestures", "Hidden"),
               "output": QT_TRANSLATE_NOOP("canvas.gestures", "Output")}

def context_menu(view: NetworkView, pos: QPointF) -> QMenu:
    """The right-click menu for what is at pos: a neuron, an edge or empty space."""
    menu = QMenu(view)
    canvas, model = view.canvas, view.model
    neuron = canvas.neuron_at(pos)
    block = canvas.block_at(pos) if neuron is None else None
    edge = None if neuron or block else canvas.edge_at(pos, view.tolerance())
    if block is not None:
        block_menu(view, menu, block)
        return menu
    if neuron is not None:
        nid = neuron.id
        menu.addAction(translate("canvas.gestures", "Rename…"), lambda: view.edit_label(nid))
        roles = menu.addMenu(translate("canvas.gestures", "Role"))
        for role in ("input", "hidden", "output"):
            action = roles.addAction(translate("canvas.gestures", ROLE_TITLES[role]),
                                     lambda r=role: view.set_role(nid, r))
            action.setCheckable(True)
            action.setChecked(model.network.neurons[nid].role == role)
        menu.addAction(translate("canvas.gestures", "Delete"), lambda: model.push(Remove([nid])))
        key = canvas.blocks.column_key(nid)
        if key is not None and key in canvas.blocks.expanded:
            menu.addAction(translate("canvas.gestures", "Collapse Layer into a Block") + "\tE",
                           lambda: canvas.blocks.collapse(key))
    elif edge is not None:
        key = edge.key
        menu.addAction(translate("canvas.gestures", "Edit weight…"), lambda: view.edit_weight(key))
        menu.addAction(translate("canvas.gestures", "Set weight to 0"),
                       lambda: model.push(SetWeights({key: 0.0},
                                                     translate("canvas.gestures", "Zero weight"))))
        menu.addAction(translate("canvas.gestures", "Delete edge"),
                       lambda: model.push(Remove(edge_keys=[key])))
    else:
        for role, text in (("hidden", translate("canvas.gestures", "Add hidden neuron here")),
                           ("input", translate("canvas.gestures", "Add input neuron here")),
                           ("output", translate("canvas.gestures", "Add output neuron here"))):
            menu.addAction(text, lambda r=role: view.add_neuron_at(pos, r))
        menu.addSeparator()
        menu.addAction(translate("canvas.gestures", "Paste"), view.paste)
        menu.addAction(translate("canvas.gestures", "Select all"), view.select_all)
        menu.addAction(translate("canvas.gestures", "Tidy up (auto layout)"), view.auto_layout)
        menu.addAction(translate("canvas.gestures", "Fit to window"), view.fit)
    return menu


def block_menu(view: NetworkView, menu: QMenu, block) -> None:
    """A block's menu: expand it, see every unit's weight picture."""
    canvas, key = view.canvas, block.key
    menu.addAction(translate("canvas.gestures", "Expand into {n} Neurons").format(
        n=f"{len(block.block.ids):,}") + "\tE", lambda: canvas.blocks.expand(key))
    if block.block.role != "input":
        menu.addAction(translate("canvas.gestures", "Weight Pictures of All Units…"),
                       lambda: view.show_weight_sheet(key))
