"""Reading the fields of a ``.nnviz`` document: every value checked, every error located.

A file may come from another version, a text editor or a broken disk, so nothing
in it is trusted. Each reader turns plain JSON values (already checked by
``docjson.check_plain``: finite numbers, sensible sizes) into model objects, or
raises one ``DocumentError`` whose message starts with the field path, e.g.
``network.neurons[2].activation: unknown activation 'tanhh' (known: ...)``.
Graph rules are not restated here: ``Network.integrity_problems()`` words them. A
draft that cannot train yet (no output, a softmax group of one...) is a valid file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields
from itertools import repeat
from typing import Any

from nnviz.core.activations import ACTIVATIONS
from nnviz.core.docjson import DocumentError, fail, kind, short
from nnviz.core.limits import MAX_EDGES, MAX_NAME, MAX_NEURONS
from nnviz.core.network import ROLES, Edge, Network, Neuron, SoftmaxGroup
from nnviz.core.settings import SettingsError, TrainingSettings
from nnviz.core.training import HISTORY_KEYS, History

#: Any finite number: training may leave huge (finite) weights just before it diverges,
#: and that work must still save and load. NaN and ±inf are refused.
MAX_PARAMETER = sys.float_info.max
MAX_VIEW_DEPTH = 32

_REQUIRED: Any = object()


def problem(message: str, prefix: str = "") -> DocumentError:
    """A DocumentError from a ``"field: reason"`` message of another module, re-rooted."""
    path, _, reason = message.partition(": ")
    if not reason:
        return fail(prefix, message)
    full = f"{prefix}.{path}" if prefix and not path.startswith(prefix) else path
    return DocumentError(f"{full}: {reason}", full)


def text(value: object, path: str, nonempty: bool = False, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise fail(path, f"must be a string, got {kind(value)}")
    if nonempty and not value:
        raise fail(path, "must not be empty")
    if limit is not None and len(value) > limit:
        raise fail(path, f"must be at most {limit} characters long, got {len(value)}")
    return value


def number(value: object, path: str, limit: float = MAX_PARAMETER) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(path, f"must be a finite number, got {kind(value)}")
    if not abs(value) <= limit:  # also false for NaN
        raise fail(path, f"must be a finite number from {-limit:g} to {limit:g}, "
                         f"got {short(value)}")
    return float(value)


def integer(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = short(value) if isinstance(value, (int, float, str)) else kind(value)
        raise fail(path, f"must be a whole number from {low} to {high}, got {shown}")
    return value


def array(value: object, path: str, limit: int | None = None) -> list:
    if not isinstance(value, (list, tuple)):
        raise fail(path, f"must be a list, got {kind(value)}")
    if limit is not None and len(value) > limit:
        raise fail(path, f"has {len(value)} entries; nnviz handles at most {limit}")
    return list(value)


class Fields:
    """One JSON object being read: take each known field, then ``finish`` refuses the rest."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise fail(path, f"must be an object, got {kind(value)}")
        self.data: dict = value
        self.path = path
        self.seen: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, default: Any = _REQUIRED) -> Any:
        self.seen.add(key)
        if key in self.data:
            return self.data[key]
        if default is _REQUIRED:
            raise fail(self.at(key), "required field is missing")
        return default

    def get(self, key: str, read: Callable[..., Any], default: Any = _REQUIRED, **kw: Any) -> Any:
        """``read(value, path, **kw)`` of the field, or the default when it is absent."""
        value = self.raw(key, default)
        if key not in self.data:
            return value
        return read(value, self.at(key), **kw)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.seen:
                raise fail(self.at(key), "unknown field")


# ------------------------------------------------------------------------ network
def read_network(value: object, path: str = "network") -> Network:
    """The network, its ids unique, its edges naming real neurons, its graph sound.

    A draft network (no output yet, an output no input reaches, an incomplete softmax
    group) is read as it is; ``Network.draft_problems`` says why it cannot train yet.
    """
    f = Fields(value, path)
    net = Network()
    where: dict = {}  # neuron id or edge key -> where the file names it first
    for i, item in enumerate(array(f.raw("neurons"), f.at("neurons"), MAX_NEURONS)):
        neuron = _read_neuron(item, f"{path}.neurons[{i}]")
        if neuron.id in net.neurons:
            raise fail(f"{path}.neurons[{i}].id",
                       f"duplicate id {short(neuron.id)} (also {where[neuron.id]})")
        where[neuron.id] = f"{path}.neurons[{i}]"
        net.neurons[neuron.id] = neuron
    items = array(f.raw("edges"), f.at("edges"), MAX_EDGES)
    for i, item in enumerate(items):
        p = f"{path}.edges[{i}]"
        if isinstance(item, dict) and "sources" in item:
            _read_block(net, item, p, where)
            continue
        ef = Fields(item, p)
        ends = [ef.get(k, text, limit=MAX_NAME) for k in ("source", "target")]
        edge = Edge(ends[0], ends[1], ef.get("weight", number))
        ef.finish()
        for key, nid in zip(("source", "target"), ends):
            if nid not in net.neurons:
                raise fail(ef.at(key), f"no neuron with id {short(nid)}")
        if edge.key in net.edges:
            raise _duplicate(edge.key, p, where.get(edge.key) or _place(edge.key, net, where))
        where[edge.key] = p
        net.edges[edge.key] = edge
    if len(net.edges) > MAX_EDGES:
        raise fail(f.at("edges"), f"{len(net.edges):,} edges; a network holds at most "
                                  f"{MAX_EDGES:,}")
    # A group has two or more members: more groups than half the neurons cannot be sound.
    group_ids: set[str] = set()
    for i, item in enumerate(array(f.raw("groups", []), f.at("groups"), MAX_NEURONS // 2)):
        p = f"{path}.groups[{i}]"
        gf = Fields(item, p)
        gid = gf.get("id", text, nonempty=True, limit=MAX_NAME)
        members = array(gf.raw("members"), gf.at("members"), MAX_NEURONS)
        members = [text(m, f"{p}.members[{j}]", limit=MAX_NAME) for j, m in enumerate(members)]
        gf.finish()
        if gid in group_ids:  # a set: linear in the number of groups
            raise fail(gf.at("id"), f"duplicate softmax group id {short(gid)}")
        group_ids.add(gid)
        net.groups.append(SoftmaxGroup(gid, members))
    f.finish()
    _check_graph(net, path)
    return net


def _duplicate(key: tuple[str, str], p: str, also: str) -> DocumentError:
    return fail(p, f"duplicate edge {short(key[0])} → {short(key[1])} (also {also})")


def _read_block(net: Network, item: dict, p: str, where: dict) -> None:
    """An edge block: an edge from every one of ``sources`` to every one of ``targets``,
    ``weights[i][j]`` on sources[i] → targets[j]. A fully connected layer is one block,
    one row of numbers per source instead of one object per edge."""
    bf = Fields(item, p)
    ends = {}
    for key in ("sources", "targets"):
        ids = array(bf.raw(key), bf.at(key), MAX_NEURONS)
        for j, nid in enumerate(ids):
            text(nid, f"{p}.{key}[{j}]", nonempty=True, limit=MAX_NAME)
            if nid not in net.neurons:
                raise fail(f"{p}.{key}[{j}]", f"no neuron with id {short(nid)}")
        if len(set(ids)) != len(ids):
            j = next(j for j, nid in enumerate(ids) if ids.index(nid) != j)
            raise fail(f"{p}.{key}[{j}]", f"{short(ids[j])} appears twice in the block")
        ends[key] = ids
    sources, targets = ends["sources"], ends["targets"]
    rows = array(bf.raw("weights"), bf.at("weights"), len(sources))
    bf.finish()
    if len(rows) != len(sources):
        raise fail(bf.at("weights"), f"must have one row per source ({len(sources)}), "
                                     f"got {len(rows)}")
    if len(net.edges) + len(sources) * len(targets) > MAX_EDGES:
        raise fail(p, f"{len(net.edges) + len(sources) * len(targets):,} edges so far; a "
                      f"network holds at most {MAX_EDGES:,}")
    edges = net.edges
    for i, (s, row) in enumerate(zip(sources, rows)):
        rp = f"{p}.weights[{i}]"
        row = array(row, rp, len(targets))
        if len(row) != len(targets):
            raise fail(rp, f"must have one weight per target ({len(targets)}), got {len(row)}")
        if not all(type(w) is float for w in row):  # ints, or something that is no number
            row = [number(w, f"{rp}[{j}]") for j, w in enumerate(row)]
        # A row at a time, in C: no Python statement per edge.
        new = dict(zip(zip(repeat(s), targets), map(Edge, repeat(s), targets, row)))
        if not new.keys().isdisjoint(edges.keys()):  # a view: walks the smaller side
            key = next(k for k in new if k in edges)
            raise _duplicate(key, p, where.get(key) or _place(key, net, where))
        edges.update(new)
    where[id(item)] = (p, frozenset(sources), frozenset(targets))


def _place(key: tuple[str, str], net: Network, where: dict) -> str:
    """Where an edge block read before holds ``key`` (only looked up for a message)."""
    return next(p for p, sources, targets in
                (v for v in where.values() if isinstance(v, tuple))
                if key[0] in sources and key[1] in targets)


def _read_neuron(item: object, p: str) -> Neuron:
    nf = Fields(item, p)
    nid = nf.get("id", text, nonempty=True, limit=MAX_NAME)
    role = nf.get("role", text)
    if role not in ROLES:
        raise fail(nf.at("role"), f"unknown role {short(role)} (known: {', '.join(ROLES)})")
    act = nf.get("activation", text)
    if act not in ACTIVATIONS:
        raise fail(nf.at("activation"),
                   f"unknown activation {short(act)} (known: {', '.join(ACTIVATIONS)})")
    feature = nf.raw("feature", None)
    neuron = Neuron(
        nid, nf.get("label", text, nid, limit=MAX_NAME), role, act,
        bias=nf.get("bias", number, 0.0), alpha=nf.get("alpha", number, 0.01),
        x=nf.get("x", number, 0.0), y=nf.get("y", number, 0.0),
        feature=None if feature is None else text(feature, nf.at("feature"), limit=MAX_NAME),
    )
    nf.finish()
    return neuron


def _check_graph(net: Network, path: str) -> None:
    """The model's integrity rules. There is no depth limit: levels are assigned without
    recursion, so any graph that can be built can be saved and loaded."""
    found = net.integrity_problems()
    if found:
        more = f" (and {len(found) - 1} more problem(s))" if len(found) > 1 else ""
        raise fail(path, found[0] + more)


# ----------------------------------------------------------------------- settings
def read_settings(value: object, path: str = "settings") -> TrainingSettings:
    """TrainingSettings, type-checked first so its own range checks see the right types."""
    f = Fields(value, path)
    for fld in fields(TrainingSettings):
        if fld.name in f.data and isinstance(fld.default, str):
            text(f.raw(fld.name), f.at(fld.name))
    try:
        return TrainingSettings.from_dict(dict(f.data))
    except (SettingsError, TypeError) as exc:
        raise problem(str(exc), path) from None


# ------------------------------------------------------------------------ history
def read_history(value: object, path: str = "history") -> History:
    """Rows of numbers; null stands for an undefined value (NaN), e.g. regression accuracy."""
    f = Fields(value, path)
    history = History()
    for key in HISTORY_KEYS:
        column = array(f.raw(key, []), f.at(key))
        history.rows[key] = [
            float("nan") if v is None else number(v, f"{f.at(key)}[{i}]", float("inf"))
            for i, v in enumerate(column)
        ]
        if len(column) != len(history.rows["epoch"]):
            raise fail(f.at(key), f"has {len(column)} entries but history.epoch has "
                                  f"{len(history.rows['epoch'])}")
    f.finish()
    return history


# --------------------------------------------------------------------------- view
def read_view(value: object, path: str = "view") -> dict:
    """Free-form view settings of the GUI: any plain JSON object, unknown keys kept."""
    if not isinstance(value, dict):
        raise fail(path, f"must be an object, got {kind(value)}")
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if depth > MAX_VIEW_DEPTH:
            raise fail(path, f"is nested more than {MAX_VIEW_DEPTH} levels deep")
        children = v.values() if isinstance(v, dict) else v if isinstance(v, list) else ()
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return value
