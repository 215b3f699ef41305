"""The network a user builds: neurons, weighted edges and softmax groups.

This is the editable document model. It allows any feed-forward graph (skip
connections, missing edges, a different activation on every neuron); the engine
compiles it into dense per-level matrices (see ``plan.py``) before training.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat

from nnviz.core.activations import ACTIVATIONS

ROLES = ("input", "hidden", "output")


class NetworkError(ValueError):
    """A network that cannot be compiled; the message names the neuron or edge at fault."""


@dataclass
class Neuron:
    id: str
    label: str
    role: str = "hidden"
    activation: str = "sigmoid"
    bias: float = 0.0
    # Slope for z < 0 of leaky and parametric ReLU (learned for the parametric one).
    alpha: float = 0.01
    # Position on the editor canvas, in scene units.
    x: float = 0.0
    y: float = 0.0
    # Inputs only: the dataset feature that feeds this neuron ("x1", "x1^2", a CSV column).
    feature: str | None = None


@dataclass(slots=True)  # over half a million of them in a 2-1024-512-3 network
class Edge:
    source: str
    target: str
    weight: float = 0.0

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.target)


@dataclass
class SoftmaxGroup:
    """Output neurons whose activations are coupled by a softmax."""

    id: str
    members: list[str] = field(default_factory=list)


@dataclass
class Network:
    neurons: dict[str, Neuron] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)
    groups: list[SoftmaxGroup] = field(default_factory=list)

    # ----------------------------------------------------------------- queries
    def copy(self) -> Network:
        """A deep copy. Neurons and edges hold only numbers and strings, so a shallow
        copy of each is enough: ten times faster than deepcopy on a big network."""
        return Network({k: copy.copy(n) for k, n in self.neurons.items()},
                       {k: Edge(e.source, e.target, e.weight) for k, e in self.edges.items()},
                       [SoftmaxGroup(g.id, list(g.members)) for g in self.groups])

    def neuron(self, neuron_id: str) -> Neuron:
        try:
            return self.neurons[neuron_id]
        except KeyError:
            raise NetworkError(f"no neuron with id {neuron_id!r}") from None

    def name(self, neuron_id: str) -> str:
        """How messages refer to a neuron: its label, and its id when they differ."""
        neuron = self.neurons.get(neuron_id)
        if neuron is None or neuron.label == neuron_id:
            return repr(neuron_id)
        return f"{neuron.label!r} ({neuron_id})"

    def by_role(self, role: str) -> list[Neuron]:
        return [n for n in self.neurons.values() if n.role == role]

    @property
    def inputs(self) -> list[Neuron]:
        return self.by_role("input")

    @property
    def outputs(self) -> list[Neuron]:
        return self.by_role("output")

    def incoming(self, neuron_id: str) -> list[Edge]:
        return [e for e in self.edges.values() if e.target == neuron_id]

    def outgoing(self, neuron_id: str) -> list[Edge]:
        return [e for e in self.edges.values() if e.source == neuron_id]

    def group_of(self, neuron_id: str) -> SoftmaxGroup | None:
        for group in self.groups:
            if neuron_id in group.members:
                return group
        return None

    def new_id(self, prefix: str = "n") -> str:
        taken = set(self.neurons) | {g.id for g in self.groups}
        k = len(taken) + 1
        while f"{prefix}{k}" in taken:
            k += 1
        return f"{prefix}{k}"

    def reaches(self, start: str, goal: str) -> bool:
        """True when a directed path of edges leads from start to goal."""
        successors: dict[str, list[str]] = {}
        for e in self.edges.values():
            successors.setdefault(e.source, []).append(e.target)
        stack, seen = [start], {start}
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for nxt in successors.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def edge_problem(self, source: str, target: str, cycles: bool = True) -> str | None:
        """Why an edge source → target may not be added, or None when it may.

        ``cycles=False`` leaves out the cycle check, which walks the whole graph: a
        caller adding many edges checks the graph once instead (see ``add_edges``).
        """
        for nid in (source, target):
            if nid not in self.neurons:
                return f"no neuron with id {nid!r}"
        src, dst = self.neurons[source], self.neurons[target]
        if source == target:
            why = ": a neuron cannot feed itself"
        elif dst.role == "input":
            why = ": inputs take no incoming edges"
        elif src.role == "output":
            why = ": outputs do not feed other neurons"
        elif (source, target) in self.edges:
            why = " exists already"
        elif cycles and self.reaches(target, source):
            why = " would make a cycle (a path already leads back)"
        else:
            return None  # the common case: no message to format
        return f"edge {self.name(source)} → {self.name(target)}{why}"

    # ---------------------------------------------------------------- mutation
    def add_neuron(self, neuron: Neuron) -> Neuron:
        if neuron.id in self.neurons:
            raise NetworkError(f"a neuron with id {neuron.id!r} exists already")
        if neuron.role not in ROLES:
            raise NetworkError(f"neuron {neuron.id!r}: unknown role {neuron.role!r}")
        self.neurons[neuron.id] = neuron
        return neuron

    def remove_neuron(self, neuron_id: str) -> Neuron:
        neuron = self.neuron(neuron_id)
        for key in [k for k in self.edges if neuron_id in k]:
            del self.edges[key]
        for group in self.groups:
            if neuron_id in group.members:
                group.members.remove(neuron_id)
        self.groups = [g for g in self.groups if g.members]
        del self.neurons[neuron_id]
        return neuron

    def add_edge(self, source: str, target: str, weight: float = 0.0,
                 cycles: bool = True) -> Edge:
        """Add one edge; ``cycles=False`` for a caller that has ruled out a cycle itself."""
        problem = self.edge_problem(source, target, cycles)
        if problem:
            raise NetworkError(problem)
        edge = Edge(source, target, float(weight))
        self.edges[edge.key] = edge
        return edge

    def add_edges(self, edges: Iterable[tuple[str, str, float]]) -> list[Edge]:
        """Add many edges, checking the graph for a cycle once at the end, not per edge
        (per edge, a cycle check walks every edge: quadratic for a big layered network).
        On any problem no edge is added and NetworkError says what."""
        added: list[Edge] = []
        try:
            for source, target, weight in edges:
                problem = self.edge_problem(source, target, cycles=False)
                if problem:
                    raise NetworkError(problem)
                edge = Edge(source, target, float(weight))
                self.edges[edge.key] = edge
                added.append(edge)
            self.levels()  # raises on a cycle
        except NetworkError:
            for edge in added:
                del self.edges[edge.key]
            raise
        return added

    def remove_edge(self, source: str, target: str) -> Edge:
        try:
            return self.edges.pop((source, target))
        except KeyError:
            raise NetworkError(f"no edge {self.name(source)} → {self.name(target)}") from None

    # -------------------------------------------------------------- structure
    def levels(self) -> dict[str, int]:
        """Depth of every neuron: inputs 0, others 1 + deepest source; outputs share the last.

        Outputs are lifted to one common final level so that a softmax group is
        computed together and the output slice of the engine is contiguous.
        Raises NetworkError on a cycle.
        """
        sources: dict[str, list[str]] = {nid: [] for nid in self.neurons}
        for e in self.edges.values():
            sources[e.target].append(e.source)
        try:
            level = self._levels_in_order(sources)
        except KeyError:  # some neuron comes before one of its sources: walk the graph
            level = self._levels_by_walk(sources)
        others = [d for nid, d in level.items() if self.neurons[nid].role != "output"]
        last = max(others, default=0) + 1
        for n in self.outputs:
            level[n.id] = last
        return level

    def _levels_in_order(self, sources: dict[str, list[str]]) -> dict[str, int]:
        """Levels in one pass over the neurons, for the usual network whose neurons come
        after their sources (every built one): no Python step per edge. KeyError if a
        neuron comes before one of its sources."""
        level: dict[str, int] = {}
        for nid, n in self.neurons.items():
            srcs = sources[nid]
            level[nid] = 0 if n.role == "input" else \
                1 + max(map(level.__getitem__, srcs)) if srcs else 1
        return level

    def _levels_by_walk(self, sources: dict[str, list[str]]) -> dict[str, int]:
        level: dict[str, int] = {}
        visiting: set[str] = set()
        # Depth first with an explicit stack, in the order a recursive walk would take
        # (so a cycle names the same neuron), but with no limit on the depth of the graph.
        for root in self.neurons:
            if root in level:
                continue
            stack: list[tuple[str, int]] = [(root, 0)]
            visiting.add(root)
            while stack:
                nid, i = stack[-1]
                srcs = sources[nid] if self.neurons[nid].role != "input" else []
                if i < len(srcs):
                    stack[-1] = (nid, i + 1)
                    s = srcs[i]
                    if s in level:
                        continue
                    if s in visiting:
                        raise NetworkError(f"the edges into {self.name(s)} form a cycle")
                    visiting.add(s)
                    stack.append((s, 0))
                    continue
                stack.pop()
                visiting.discard(nid)
                level[nid] = 0 if self.neurons[nid].role == "input" else \
                    1 + max((level[x] for x in srcs), default=0)
        return level

    def problems(self) -> list[str]:
        """Everything that stops this network from being trained, one message each.

        Integrity problems come first (see ``integrity_problems``), then the
        problems of a draft that is still being built (see ``draft_problems``).
        """
        return self.integrity_problems() + self.draft_problems()

    def integrity_problems(self) -> list[str]:
        """What the editor never produces and a file must not contain, one message each.

        Edges stored under a wrong key or naming unknown neurons, self-loops, edges
        into inputs or out of outputs, unknown roles or activations, and cycles.
        """
        found: list[str] = []
        for key, e in self.edges.items():
            if key != (e.source, e.target):
                found.append(f"edge {key}: stored under the wrong key")
            for nid in (e.source, e.target):
                if nid not in self.neurons:
                    found.append(f"edge {e.source!r} → {e.target!r}: no neuron with id {nid!r}")
        if found:
            return found
        roles = {nid: n.role for nid, n in self.neurons.items()}
        for e in self.edges.values():
            # The message is only formatted for an edge at fault: this loop runs per edge.
            if e.source == e.target:
                why = "a neuron cannot feed itself"
            elif roles[e.target] == "input":
                why = "inputs take no incoming edges"
            elif roles[e.source] == "output":
                why = "outputs do not feed other neurons"
            else:
                continue
            found.append(f"edge {self.name(e.source)} → {self.name(e.target)}: {why}")
        for n in self.neurons.values():
            if n.role not in ROLES:
                found.append(f"neuron {self.name(n.id)}: unknown role {n.role!r}")
            if n.activation not in ACTIVATIONS:
                found.append(f"neuron {self.name(n.id)}: unknown activation {n.activation!r}")
        # Groups must name real neurons once each: views look members up without checks.
        seen: set[str] = set()
        for group in self.groups:
            for nid in group.members:
                if nid not in self.neurons:
                    found.append(f"softmax group {group.id!r}: no neuron with id {nid!r}")
                elif nid in seen:
                    found.append(f"neuron {self.name(nid)} is in two softmax groups")
                seen.add(nid)
        if found:
            return found
        try:
            self.levels()
        except NetworkError as exc:
            return [str(exc)]
        return found

    def draft_problems(self) -> list[str]:
        """What a network still being built may lack before it can train, one message each.

        No input or output neuron, an output no input reaches, and every softmax
        group problem. A draft with these is saved and opened like any other.
        """
        found: list[str] = []
        if not self.inputs:
            found.append("the network has no input neuron")
        if not self.outputs:
            found.append("the network has no output neuron")
        if found:
            return found
        fed = reachable_from(self, [n.id for n in self.inputs])
        for n in self.outputs:
            if n.id not in fed:
                found.append(f"output {self.name(n.id)} has no path from any input")
        found.extend(self._group_problems())
        return found

    def _group_problems(self) -> list[str]:
        found: list[str] = []
        seen: dict[str, str] = {}
        for group in self.groups:
            if len(group.members) < 2:
                found.append(
                    f"softmax group {group.id!r} has {len(group.members)} member(s); "
                    "softmax needs two or more"
                )
            for nid in group.members:
                if nid not in self.neurons or nid in seen:
                    continue  # an integrity problem, reported there
                seen[nid] = group.id
                if self.neurons[nid].role != "output":
                    found.append(f"softmax group {group.id!r}: {self.name(nid)} is not an output")
                if self.neurons[nid].activation != "softmax":
                    found.append(
                        f"softmax group {group.id!r}: {self.name(nid)} has activation "
                        f"{self.neurons[nid].activation!r}, not softmax"
                    )
        for n in self.neurons.values():
            if n.activation == "softmax" and n.id not in seen:
                found.append(f"neuron {self.name(n.id)} uses softmax but is in no softmax group")
        return found

    def validate(self) -> None:
        """Raise NetworkError naming the first problem, if there is one."""
        found = self.problems()
        if found:
            raise NetworkError(found[0])

    def __iter__(self) -> Iterator[Neuron]:
        return iter(self.neurons.values())


def reachable_from(network: Network, starts: Iterable[str]) -> set[str]:
    successors: dict[str, list[str]] = {}
    for e in network.edges.values():
        successors.setdefault(e.source, []).append(e.target)
    seen = set(starts)
    stack = list(seen)
    while stack:
        for nxt in successors.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def layered(
    shape: Iterable[int],
    activation: str = "tanh",
    output_activation: str | None = None,
    spacing: tuple[float, float] = (160.0, 80.0),
) -> Network:
    """A fully connected layered network such as ``layered([2, 4, 2, 1], "tanh")``.

    Inputs are labelled x1.., hidden neurons h{layer}_{k}, outputs ŷ (or ŷ1..).
    A softmax output activation puts all outputs in one softmax group. Weights
    and biases start at zero; see ``init.py`` to initialise them.
    """
    sizes = [int(s) for s in shape]
    if len(sizes) < 2 or min(sizes) < 1:
        raise NetworkError(f"a layered shape needs two or more positive sizes, got {sizes}")
    out_act = output_activation or activation
    net = Network()
    layers: list[list[str]] = []
    dx, dy = spacing
    for li, size in enumerate(sizes):
        role = "input" if li == 0 else "output" if li == len(sizes) - 1 else "hidden"
        ids = []
        for k in range(size):
            if role == "input":
                label = f"x{k + 1}"
            elif role == "output":
                label = "ŷ" if size == 1 else f"ŷ{k + 1}"
            else:
                label = f"h{k + 1}" if len(sizes) == 3 else f"h{li}_{k + 1}"
            nid = f"n{len(net.neurons) + 1}"  # what new_id gives on a fresh network, in O(1)
            act = "identity" if role == "input" else out_act if role == "output" else activation
            net.add_neuron(
                Neuron(
                    nid, label, role, act, x=li * dx, y=(k - (size - 1) / 2) * dy,
                    feature=label if role == "input" else None,
                )
            )
            ids.append(nid)
        layers.append(ids)
    # Sound by construction (fresh ids, inputs first, outputs last, no cycle), so the
    # edges go straight into the dict: half a million of them in a fraction of a second.
    edges = net.edges
    for prev, nxt in zip(layers, layers[1:]):
        zeros = [0.0] * len(nxt)
        for s in prev:
            edges.update(zip(zip(repeat(s), nxt), map(Edge, repeat(s), nxt, zeros)))
    if out_act == "softmax":
        net.groups.append(SoftmaxGroup(net.new_id("g"), list(layers[-1])))
    return net
