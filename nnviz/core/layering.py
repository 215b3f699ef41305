"""Columns of the diagram and the Playground-style edits on them (no Qt here).

The canvas lays neurons out in columns ``COLUMN`` apart; a column is every neuron whose
x rounds to the same multiple of ``COLUMN``. On that picture this module builds the
edits a student knows from TensorFlow Playground, each one undoable step: one more or one
fewer neuron in a column (fully connected to the neighbouring columns), one more hidden
layer, a derived feature switched on or off in the input column. It also finds where a
clicked neuron may go without stacking on another, the role a click's place suggests,
and the edges that connect selected columns all-to-all.

New edges get uniform ±0.5 weights from a seed, as Playground initialises them, so the
same clicks on the same document build the same network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from nnviz.core.builders import COLUMN, ROW, add_neuron, fresh_ids, next_label
from nnviz.core.commands import (
    AddEdge,
    AddNeuron,
    Batch,
    Command,
    Remove,
    SetGroups,
    SetNeurons,
)
from nnviz.core.network import Network, Neuron, SoftmaxGroup

# The closest two neuron centres may come: two radii (22) and a clear gap of 20.
MIN_DISTANCE = 64.0
# Playground's derived features, in its order, with the labels the canvas shows.
FEATURES = {"x1": "x1", "x2": "x2", "x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2",
            "sin(x1)": "sin x1", "sin(x2)": "sin x2"}
MAX_COLUMN = 12  # neurons one + may grow a column to (Playground stops at 8)


@dataclass(frozen=True)
class Column:
    index: int  # x / COLUMN, rounded
    ids: tuple[str, ...]  # top to bottom
    roles: frozenset[str]

    @property
    def x(self) -> float:
        return self.index * COLUMN

    @property
    def role(self) -> str:
        """"input" or "output" when every member has that role, else "hidden"."""
        return next(iter(self.roles)) if len(self.roles) == 1 else "hidden"


def column_index(x: float) -> int:
    return int(math.floor(x / COLUMN + 0.5))


def columns(net: Network) -> list[Column]:
    """The occupied columns, left to right."""
    found: dict[int, list[Neuron]] = {}
    for n in net.neurons.values():
        found.setdefault(column_index(n.x), []).append(n)
    return [Column(k, tuple(n.id for n in sorted(members, key=lambda n: (n.y, n.x))),
                   frozenset(n.role for n in members))
            for k, members in sorted(found.items())]


def column_of(net: Network, x: float) -> Column | None:
    index = column_index(x)
    return next((c for c in columns(net) if c.index == index), None)


def role_at(net: Network, x: float) -> str:
    """The role a click at x suggests: its column's, when that is all inputs or outputs."""
    column = column_of(net, x)
    return column.role if column is not None else "hidden"


def free_spot(net: Network, x: float, y: float, snap: bool = True) -> tuple[float, float]:
    """Where a neuron clicked at (x, y) goes: x on its column when snapping, y the nearest
    height at which it keeps ``MIN_DISTANCE`` from every other neuron."""
    if snap:
        x = column_index(x) * COLUMN
    others = [(n.x, n.y) for n in net.neurons.values()]

    def clear(yy: float) -> bool:
        return all(math.hypot(ox - x, oy - yy) >= MIN_DISTANCE for ox, oy in others)

    if clear(y):
        return x, y
    # Heights where the circle of radius MIN_DISTANCE around a neighbour ends, either side.
    candidates = []
    for ox, oy in others:
        dx = abs(ox - x)
        if dx < MIN_DISTANCE:
            # Half a unit more, so rounding to a tenth never brings it closer.
            reach = math.sqrt(MIN_DISTANCE ** 2 - dx ** 2) + 0.5
            candidates += [round(oy - reach, 1), round(oy + reach, 1)]
    best = min((c for c in candidates if clear(c)), key=lambda c: abs(c - y))
    return x, float(best)


def _weights(seed: int | None):
    rng = np.random.default_rng(seed)
    return lambda: round(float(rng.uniform(-0.5, 0.5)), 4)


def _neighbours(net: Network, index: int) -> tuple[Column | None, Column | None]:
    cols = columns(net)
    left = [c for c in cols if c.index < index]
    right = [c for c in cols if c.index > index]
    return (left[-1] if left else None), (right[0] if right else None)


def _stack(ids: list[str], centre: float) -> dict[str, float]:
    return {nid: centre + (k - (len(ids) - 1) / 2) * ROW for k, nid in enumerate(ids)}


def _restack(net: Network, ids: list[str], adding: dict[str, Neuron]) -> dict[str, dict]:
    """Moves that space a column's neurons a row apart around its current centre
    (``adding``: neurons of the same edit, not in the network yet, set directly)."""
    ys = [net.neurons[i].y for i in ids if i in net.neurons]
    centre = (min(ys) + max(ys)) / 2 if ys else 0.0
    moves = {}
    for nid, y in _stack(ids, centre).items():
        if nid in adding:
            adding[nid].y = y
        elif net.neurons[nid].y != y:
            moves[nid] = {"y": y}
    return moves


def _move(moves: dict[str, dict], text: str) -> list[Command]:
    return [SetNeurons(moves, text)] if moves else []


def _wire(net: Network, nid: str, left: Column | None, right: Column | None,
          weight) -> list[Command]:
    """Edges from the left column into nid and from nid into the right one, where allowed."""
    edges: list[Command] = []
    for s in left.ids if left else ():
        if net.neurons[s].role != "output":
            edges.append(AddEdge(s, nid, weight()))
    for t in right.ids if right else ():
        if net.neurons[t].role != "input":
            edges.append(AddEdge(nid, t, weight()))
    return edges


def grow_column(net: Network, index: int, seed: int | None = None) -> Batch:
    """One more neuron at the bottom of column ``index``, like its others, wired to every
    neuron of the neighbouring columns; the column is re-spaced around its centre."""
    column = next((c for c in columns(net) if c.index == index), None)
    if column is None:
        raise ValueError("there is no column there to add a neuron to")
    if len(column.ids) >= MAX_COLUMN:
        raise ValueError(f"a column holds at most {MAX_COLUMN} neurons here")
    last = net.neurons[column.ids[-1]]
    role = column.role
    if role == "input":
        raise ValueError("inputs come from the data: switch a feature on instead")
    command = add_neuron(net, column.x, last.y + ROW, role, last.activation)
    neuron = command.neuron
    left, right = _neighbours(net, index)
    commands: list[Command] = [command]
    moves = _restack(net, [*column.ids, neuron.id], {neuron.id: neuron})
    commands += _move(moves, "Space the column")
    commands += _wire(net, neuron.id, left, right if role != "output" else None,
                      _weights(seed))
    group = net.group_of(last.id)
    if group is not None:  # a softmax output column: the new output joins the group
        commands.append(SetGroups([SoftmaxGroup(g.id, [*g.members, neuron.id]
                                                if g.id == group.id else list(g.members))
                                   for g in net.groups]))
    return Batch(commands, f"Add {neuron.label} to the column")


def shrink_column(net: Network, index: int) -> Batch:
    """One neuron fewer (the bottom one) in column ``index``; the rest is re-spaced."""
    column = next((c for c in columns(net) if c.index == index), None)
    if column is None:
        raise ValueError("there is no column there to remove a neuron from")
    if len(column.ids) <= 1:
        raise ValueError("a column keeps at least one neuron (select it and press Delete "
                         "to remove it)")
    gone = column.ids[-1]
    trial = net.copy()
    trial.remove_neuron(gone)
    commands: list[Command] = [Remove([gone])]
    commands += _move(_restack(trial, list(column.ids[:-1]), {}), "Space the column")
    return Batch(commands, f"Remove {net.neurons[gone].label}")


def add_hidden_layer(net: Network, size: int = 3, activation: str | None = None,
                     seed: int | None = None) -> Batch:
    """A hidden column of ``size`` neurons just before the output column (after the last
    column when there is none). Three by default, not Playground's two: a 2-2-1 tanh net
    stalls on XOR for about one seed in five, a 2-3-1 net trained for every seed tried.
    When the new column's place is taken, the columns from there on move one place right;
    edges that jumped across the new place are replaced by edges through it."""
    cols = columns(net)
    outputs = [c for c in cols if c.role == "output"]
    after = outputs[0] if outputs else None
    before = [c for c in cols if after is None or c.index < after.index]
    left = before[-1] if before else None
    index = (left.index + 1) if left is not None else 0
    commands: list[Command] = []
    # The columns from the new one's place on move right, unless that place is free.
    moved = [c for c in cols if c.index >= index] if any(c.index == index for c in cols) \
        else []
    if moved:
        moves = {nid: {"x": net.neurons[nid].x + COLUMN} for c in moved for nid in c.ids}
        commands.append(SetNeurons(moves, "Make room for a layer"))
    hidden = [n.activation for n in net.by_role("hidden")]
    act = activation or (max(set(hidden), key=hidden.count) if hidden else "tanh")
    ids = fresh_ids(net, size)
    labels: list[str] = []
    right = next((c for c in cols if c.index >= index), None)
    left_ids = set(left.ids) if left else set()
    right_ids = set(right.ids) if right else set()
    for key in net.edges:  # a jump from the left column straight to the right one
        if key[0] in left_ids and key[1] in right_ids:
            commands.append(Remove(edge_keys=[key]))
    centre = 0.0
    if left is not None:
        ys = [net.neurons[i].y for i in left.ids]
        centre = (min(ys) + max(ys)) / 2
    weight = _weights(seed)
    for nid, y in _stack(ids, centre).items():
        label = next_label(net, "hidden", labels)
        labels.append(label)
        commands.append(AddNeuron(Neuron(nid, label, "hidden", act, x=index * COLUMN, y=y)))
    for nid in ids:
        commands += _wire(net, nid, left, right, weight)
    return Batch(commands, f"Add a hidden layer of {size}")


def toggle_feature(net: Network, feature: str, seed: int | None = None) -> Batch:
    """Switch an input reading ``feature`` on (a new input in the input column, wired like
    the others) or off (its inputs removed)."""
    readers = [n.id for n in net.inputs if (n.feature or n.label) == feature]
    cols = [c for c in columns(net) if c.role == "input"]
    column = cols[0] if cols else None
    if readers:
        trial = net.copy()
        for nid in readers:
            trial.remove_neuron(nid)
        commands: list[Command] = [Remove(readers)]
        if column is not None:
            rest = [i for i in column.ids if i not in readers]
            commands += _move(_restack(trial, rest, {}), "Space the inputs")
        return Batch(commands, f"Switch {FEATURES.get(feature, feature)} off")
    nid = fresh_ids(net, 1)[0]
    label = FEATURES.get(feature, feature)
    if label in {n.label for n in net.neurons.values()}:
        label = feature
    x = column.x if column is not None else min((n.x for n in net), default=COLUMN) - COLUMN
    neuron = Neuron(nid, label, "input", "identity", x=x, feature=feature)
    order = [*(column.ids if column else ()), nid]
    order.sort(key=lambda i: _feature_rank(net.neurons.get(i, neuron)))
    commands = [AddNeuron(neuron)]
    commands += _move(_restack(net, order, {nid: neuron}), "Space the inputs")
    template = next((i for i in (column.ids if column else ()) if net.outgoing(i)), None)
    weight = _weights(seed)
    if template is not None:  # fed where the other inputs feed
        commands += [AddEdge(nid, e.target, weight()) for e in net.outgoing(template)]
    else:
        _, right = _neighbours(net, column.index if column else column_index(x))
        commands += _wire(net, nid, None, right, weight)
    return Batch(commands, f"Switch {label} on")


def _feature_rank(neuron: Neuron) -> tuple[int, float]:
    names = list(FEATURES)
    feature = neuron.feature or neuron.label
    return (names.index(feature) if feature in names else len(names), neuron.y)


def connect_columns(net: Network, ids: Iterable[str], seed: int | None = None) -> Batch:
    """Every allowed edge from each column of the chosen neurons to the next such column
    (all-to-all), so two selected groups are joined in one step."""
    chosen = set(ids)
    groups = [[i for i in c.ids if i in chosen] for c in columns(net)]
    groups = [g for g in groups if g]
    weight = _weights(seed)
    trial = net.copy()
    commands: list[Command] = []
    for sources, targets in zip(groups, groups[1:]):
        for s in sources:
            for t in targets:
                if trial.edge_problem(s, t) is None:
                    w = weight()
                    trial.add_edge(s, t, w)
                    commands.append(AddEdge(s, t, w))
    count = len(commands)
    return Batch(commands, f"Connect {count} edge{'s' if count != 1 else ''}")


def connect_to_column(net: Network, source: str, index: int,
                      seed: int | None = None) -> tuple[Batch, list[str]]:
    """Edges from ``source`` to every neuron of column ``index`` that may take one, and
    why the others were refused (one message each)."""
    column = next((c for c in columns(net) if c.index == index), None)
    weight = _weights(seed)
    commands: list[Command] = []
    refused: list[str] = []
    for t in column.ids if column else ():
        problem = net.edge_problem(source, t)
        if problem is None:
            commands.append(AddEdge(source, t, weight()))
        elif t != source:
            refused.append(problem)
    count = len(commands)
    return Batch(commands, f"Connect {net.name(source)} to {count} neuron"
                 f"{'s' if count != 1 else ''}"), refused


def output_activation(task: str, label_values: tuple[float, float] = (0.0, 1.0)) -> str:
    """What an output neuron computes for a task, as "adapt the network" chooses it."""
    if task == "binary":
        return "tanh" if min(label_values) < 0 else "sigmoid"
    return "softmax" if task == "multiclass" else "identity"
