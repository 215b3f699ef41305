"""Edit commands on a network: each applies itself and knows its exact inverse.

The editor never changes the network directly; it builds a command and pushes
it (the Qt layer wraps these in a QUndoStack). Commands remember where removed
neurons and edges stood in their dicts, so undoing every edit returns a network
equal to the original, order included — the engine orders outputs by it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Protocol

from nnviz.core.network import Edge, Network, NetworkError, Neuron, SoftmaxGroup


class DocumentLike(Protocol):
    """What commands edit: a document with a network, settings, dataset and view."""

    network: Network
    settings: Any
    dataset: Any
    view: dict
    epoch: int
    history: Any

# What an edit changed, so views refresh only what they must.
STRUCTURE, PARAMS, LAYOUT, LABELS = "structure", "params", "layout", "labels"
SETTINGS, DATASET, VIEW = "settings", "dataset", "view"
TRAINING = "training"  # the trained state beside the weights: epoch count and history
NEURON_PROPS = ("label", "role", "activation", "bias", "alpha", "feature", "x", "y")


@dataclass(frozen=True)
class Change:
    kind: str  # the weightiest kind of change (see _RANK): what a view must redo at least
    neurons: frozenset[str] = frozenset()
    edges: frozenset[tuple[str, str]] = frozenset()
    # Every kind a batch changed: new data with new outputs is both DATASET and STRUCTURE.
    kinds: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", self.kinds | {self.kind})


class Command:
    text = "Edit"
    # Commands with the same non-None merge key in a row collapse into one undo step.
    merge_key: object = None

    def apply(self, doc: DocumentLike) -> Change:
        raise NotImplementedError

    def undo(self, doc: DocumentLike) -> Change:
        raise NotImplementedError

    def merge(self, later: Command) -> bool:
        return False


def _insert_at(d: dict, index: int, key, value) -> None:
    items = list(d.items())
    items.insert(min(index, len(items)), (key, value))
    d.clear()
    d.update(items)


class AddNeuron(Command):
    def __init__(self, neuron: Neuron) -> None:
        self.neuron = copy.copy(neuron)
        self.text = f"Add neuron {neuron.label}"

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        net.add_neuron(copy.copy(self.neuron))
        return Change(STRUCTURE, frozenset({self.neuron.id}))

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        net.remove_neuron(self.neuron.id)
        return Change(STRUCTURE, frozenset({self.neuron.id}))


class AddEdge(Command):
    def __init__(self, source: str, target: str, weight: float = 0.0) -> None:
        self.key, self.weight = (source, target), float(weight)
        self.text = "Connect neurons"

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        net.add_edge(*self.key, self.weight)
        return Change(STRUCTURE, edges=frozenset({self.key}))

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        net.remove_edge(*self.key)
        return Change(STRUCTURE, edges=frozenset({self.key}))


class Remove(Command):
    """Remove neurons (with their edges) and edges; undo puts each back where it stood."""

    def __init__(self, neuron_ids=(), edge_keys=()) -> None:
        self.neuron_ids = list(dict.fromkeys(neuron_ids))
        self.edge_keys = list(dict.fromkeys(edge_keys))
        count = len(self.neuron_ids) + len(self.edge_keys)
        self.text = f"Delete {count} item{'s' if count != 1 else ''}"
        self._neurons: list[tuple[int, Neuron]] = []
        self._edges: list[tuple[int, Edge]] = []
        self._groups: list[SoftmaxGroup] = []

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        gone = set(self.neuron_ids)
        keys = set(self.edge_keys) | {k for k in net.edges if k[0] in gone or k[1] in gone}
        self._edges = [(i, e) for i, (k, e) in enumerate(net.edges.items()) if k in keys]
        self._neurons = [(i, n) for i, (k, n) in enumerate(net.neurons.items()) if k in gone]
        self._groups = copy.deepcopy(net.groups)
        for _, e in self._edges:
            del net.edges[e.key]
        for _, n in self._neurons:
            net.remove_neuron(n.id)
        return Change(STRUCTURE, frozenset(gone), frozenset(keys))

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        for i, n in self._neurons:
            _insert_at(net.neurons, i, n.id, n)
        for i, e in self._edges:
            _insert_at(net.edges, i, e.key, e)
        net.groups = copy.deepcopy(self._groups)
        return Change(STRUCTURE, frozenset(n.id for _, n in self._neurons),
                      frozenset(e.key for _, e in self._edges))


class SetWeights(Command):
    """Set edge weights; repeated edits of the same edges (wheel, slider) merge."""

    def __init__(self, weights: dict[tuple[str, str], float], text: str = "Set weight",
                 merge: bool = False) -> None:
        self.new = {k: float(v) for k, v in weights.items()}
        self.old: dict[tuple[str, str], float] = {}
        self.text = text
        self.merge_key = ("weights", frozenset(self.new)) if merge else None

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        for key in self.new:
            if key not in net.edges:
                raise NetworkError(f"no edge {net.name(key[0])} → {net.name(key[1])}")
        self.old = {key: net.edges[key].weight for key in self.new}
        for key, value in self.new.items():
            net.edges[key].weight = value
        return Change(PARAMS, edges=frozenset(self.new))

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        for key, value in self.old.items():
            net.edges[key].weight = value
        return Change(PARAMS, edges=frozenset(self.old))

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetWeights) or later.merge_key != self.merge_key:
            return False
        self.new.update(later.new)
        return True


class SetNeurons(Command):
    """Set properties (bias, activation, label, position...) of one or more neurons."""

    def __init__(self, values: dict[str, dict[str, object]], text: str = "Edit neuron",
                 merge: bool = False) -> None:
        for props in values.values():
            for name in props:
                if name not in NEURON_PROPS:
                    raise ValueError(f"neurons have no property {name!r}")
        self.new = {nid: dict(props) for nid, props in values.items()}
        self.old: dict[str, dict[str, object]] = {}
        self.text = text
        names = frozenset(p for props in values.values() for p in props)
        self.merge_key = ("neurons", frozenset(values), names) if merge else None

    def _kind(self) -> str:
        names = {p for props in self.new.values() for p in props}
        if names <= {"x", "y"}:
            return LAYOUT
        if names <= {"bias", "alpha"}:
            return PARAMS
        if names <= {"label"}:
            return LABELS
        return STRUCTURE

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        self.old = {nid: {p: getattr(net.neuron(nid), p) for p in props}
                    for nid, props in self.new.items()}
        self._set(net, self.new)
        return Change(self._kind(), frozenset(self.new))

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        self._set(net, self.old)
        return Change(self._kind(), frozenset(self.old))

    @staticmethod
    def _set(net: Network, values: dict[str, dict[str, object]]) -> None:
        for nid, props in values.items():
            neuron = net.neuron(nid)
            for name, value in props.items():
                setattr(neuron, name, value)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetNeurons) or later.merge_key != self.merge_key:
            return False
        for nid, props in later.new.items():
            self.new[nid].update(props)
        return True


class SetGroups(Command):
    """Replace the softmax groups (they change with output activations)."""

    def __init__(self, groups: list[SoftmaxGroup], text: str = "Change softmax groups") -> None:
        self.new = copy.deepcopy(groups)
        self.old: list[SoftmaxGroup] = []
        self.text = text

    def apply(self, doc: DocumentLike) -> Change:
        net = doc.network
        self.old, net.groups = net.groups, copy.deepcopy(self.new)
        return Change(STRUCTURE)

    def undo(self, doc: DocumentLike) -> Change:
        net = doc.network
        net.groups = copy.deepcopy(self.old)
        return Change(STRUCTURE)


@dataclass
class Batch(Command):
    """Several commands as one undo step (a whole layer, paste, auto-layout...)."""

    commands: list[Command] = field(default_factory=list)
    text: str = "Edit"

    def apply(self, doc: DocumentLike) -> Change:
        done: list[Command] = []
        try:
            changes = []
            for c in self.commands:
                changes.append(c.apply(doc))
                done.append(c)
        except Exception:
            for c in reversed(done):
                c.undo(doc)
            raise
        return _union(changes)

    def undo(self, doc: DocumentLike) -> Change:
        return _union([c.undo(doc) for c in reversed(self.commands)])


class SetAttribute(Command):
    """Replace a whole document attribute: ``settings`` or ``dataset``."""

    def __init__(self, name: str, value: object, text: str) -> None:
        if name not in (SETTINGS, DATASET):
            raise ValueError(f"documents have no replaceable attribute {name!r}")
        self.name, self.new, self.old, self.text = name, copy.deepcopy(value), None, text

    def apply(self, doc: DocumentLike) -> Change:
        self.old = getattr(doc, self.name)
        setattr(doc, self.name, copy.deepcopy(self.new))
        return Change(self.name)

    def undo(self, doc: DocumentLike) -> Change:
        setattr(doc, self.name, self.old)
        return Change(self.name)


class SetTraining(Command):
    """Set the epoch count and the history (Reset starts them over; its undo brings them back).

    Part of the same undo step as the weights it goes with, so trained weights are
    never labelled untrained nor fresh ones trained.
    """

    def __init__(self, epoch: int, history: object, text: str = "Reset training") -> None:
        self.new = (epoch, copy.deepcopy(history))
        self.old: tuple[int, object] | None = None
        self.text = text

    def apply(self, doc: DocumentLike) -> Change:
        self.old = (doc.epoch, doc.history)
        doc.epoch, doc.history = self.new[0], copy.deepcopy(self.new[1])
        return Change(TRAINING)

    def undo(self, doc: DocumentLike) -> Change:
        assert self.old is not None
        doc.epoch, doc.history = self.old
        return Change(TRAINING)


class SetView(Command):
    """Change view settings saved with the document (conventions, digits, toggles)."""

    def __init__(self, values: dict[str, object], text: str = "Change view") -> None:
        self.new, self.old, self.text = dict(values), {}, text

    def apply(self, doc: DocumentLike) -> Change:
        self.old = {k: doc.view.get(k, _MISSING) for k in self.new}
        doc.view.update(self.new)
        return Change(VIEW)

    def undo(self, doc: DocumentLike) -> Change:
        for k, v in self.old.items():
            if v is _MISSING:
                doc.view.pop(k, None)
            else:
                doc.view[k] = v
        return Change(VIEW)


_MISSING = object()
_RANK = {LAYOUT: 0, LABELS: 1, VIEW: 2, TRAINING: 3, PARAMS: 4, SETTINGS: 5, DATASET: 6,
         STRUCTURE: 7}


def _union(changes: list[Change]) -> Change:
    if not changes:
        return Change(LAYOUT)
    kinds = frozenset().union(*(c.kinds for c in changes))
    return Change(max(kinds, key=_RANK.__getitem__),
                  frozenset().union(*(c.neurons for c in changes)),
                  frozenset().union(*(c.edges for c in changes)), kinds)


def set_parameters(net: Network, source: Network, text: str = "Set weights") -> Batch:
    """A command giving ``net`` the weights, biases and slopes of ``source`` (same structure)."""
    weights = {k: e.weight for k, e in source.edges.items() if k in net.edges}
    neurons = {nid: {"bias": n.bias, "alpha": n.alpha}
               for nid, n in source.neurons.items() if nid in net.neurons}
    return Batch([SetWeights(weights), SetNeurons(neurons)], text)
