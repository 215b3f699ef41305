"""Command builders: the bigger edits of the editor, each one undoable step.

Every function reads the network and returns a core ``Command`` (usually a
``Batch``) without changing anything; the caller pushes it. So "add a layer",
"connect all", "auto layout" and "paste" undo in one step, and a test can
apply, undo and redo them without Qt.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from types import SimpleNamespace

import numpy as np

from nnviz.core.activations import ACTIVATIONS
from nnviz.core.commands import (
    STRUCTURE,
    AddEdge,
    AddNeuron,
    Batch,
    Change,
    Command,
    DocumentLike,
    SetGroups,
    SetNeurons,
)
from nnviz.core.docjson import DocumentError, check_plain, parse
from nnviz.core.document import check_drawable_size, check_network
from nnviz.core.init import initialize
from nnviz.core.limits import MAX_EDGES, MAX_NEURONS
from nnviz.core.network import (
    ROLES,
    Network,
    NetworkError,
    Neuron,
    SoftmaxGroup,
    layered,
    reachable_from,
)

COLUMN, ROW = 160.0, 80.0  # the canvas grid: layer columns and neuron rows, scene units
CLIPBOARD_FORMAT = "nnviz-selection"


def fresh_ids(net: Network, count: int, prefix: str = "n") -> list[str]:
    """``count`` ids unused by the network and by each other."""
    taken = set(net.neurons) | {g.id for g in net.groups}
    ids: list[str] = []
    k = len(taken) + 1
    while len(ids) < count:
        candidate = f"{prefix}{k}"
        if candidate not in taken:
            taken.add(candidate)
            ids.append(candidate)
        k += 1
    return ids


def next_label(net: Network, role: str, also_used: Iterable[str] = ()) -> str:
    """A readable label for a new neuron: x3 for an input, h5 for a hidden one, ŷ2..."""
    prefix = {"input": "x", "hidden": "h", "output": "ŷ"}[role]
    used = {n.label for n in net.neurons.values()} | set(also_used)
    k = len(net.by_role(role)) + 1
    while f"{prefix}{k}" in used:
        k += 1
    return f"{prefix}{k}"


def add_layer(net: Network, n: int, activation: str = "tanh", x: float | None = None,
              role: str = "hidden") -> Batch:
    """``n`` new neurons in one column at ``x`` (default: right of everything), rows centred."""
    if n < 1:
        raise ValueError(f"a layer needs at least one neuron, got {n}")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if x is None:
        x = max((nn.x for nn in net.neurons.values()), default=-COLUMN) + COLUMN
    act = "identity" if role == "input" else activation
    commands: list[Command] = []
    labels: set[str] = set()
    for k, nid in enumerate(fresh_ids(net, n)):
        label = next_label(net, role, labels)
        labels.add(label)
        commands.append(AddNeuron(Neuron(
            nid, label, role, act, x=float(x), y=(k - (n - 1) / 2) * ROW,
            feature=label if role == "input" else None)))
    return Batch(commands, f"Add layer of {n}")


def connect_all(net: Network, sources: Iterable[str], targets: Iterable[str],
                weight: float = 0.0, seed: int | None = None) -> Batch:
    """Edges from every source to every target that the network allows.

    Refused pairs (an existing edge, a cycle, into an input...) are skipped, checked
    against the edges added so far, so the batch always applies. With a ``seed`` the
    weights are drawn uniform in ±0.5 (Playground's start) instead of ``weight``.
    """
    trial = net.copy()
    rng = np.random.default_rng(seed) if seed is not None else None
    commands: list[Command] = []
    targets = list(targets)
    sources = list(dict.fromkeys(sources))
    # When no target reaches a source now, no set of source → target edges can close a
    # cycle: one walk of the graph instead of one per edge (quadratic on big layers).
    reachable = reachable_from(trial, [t for t in targets if t in trial.neurons])
    cycles = any(s in reachable for s in sources)
    for s in sources:
        for t in dict.fromkeys(targets):
            if trial.edge_problem(s, t, cycles) is None:
                w = float(rng.uniform(-0.5, 0.5)) if rng is not None else weight
                trial.add_edge(s, t, w, cycles)
                commands.append(AddEdge(s, t, w))
    return Batch(commands, f"Connect {len(commands)} edge{'s' if len(commands) != 1 else ''}")


def parse_shape(shape: str | Sequence[int]) -> list[int]:
    """"2-4-2-1", "2,4,1" or "2 4 1" (or a list) as layer sizes; ValueError says what is wrong."""
    if isinstance(shape, str):
        parts = [p for p in re.split(r"[\s,\-x×]+", shape.strip()) if p]
        try:
            sizes = [int(p) for p in parts]
        except ValueError:
            raise ValueError(f"shape {shape!r}: write layer sizes like 2-4-1") from None
    else:
        sizes = [int(s) for s in shape]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"shape {shape!r}: needs two or more layers of at least one neuron")
    # The limits of a document, so that what is built also saves and opens again.
    if sum(sizes) > MAX_NEURONS:
        raise ValueError(f"shape {shape!r}: {sum(sizes):,} neurons is too many (a network "
                         f"holds at most {MAX_NEURONS:,})")
    edges = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if edges > MAX_EDGES:
        raise ValueError(f"shape {shape!r}: {edges:,} edges is too many (a network holds at "
                         f"most {MAX_EDGES:,})")
    return sizes


class ReplaceNetwork(Command):
    """Swap the whole network's contents (a new shape); the Network object stays the same.

    Views and the controller may hold the document's Network, so the neurons,
    edges and groups are swapped inside it rather than the object replaced.

    The contents are handed over, not copied (a copy of half a million edges takes
    longer than building them): when this command is undone or redone, every later
    command has been undone, so the network holds exactly what this one put there, and
    swapping the containers back and forth restores each state. The command owns the
    network given to it.
    """

    def __init__(self, network: Network, text: str = "New network") -> None:
        self.new: Network | None = network
        self.old: Network | None = None
        self.text = text

    @staticmethod
    def _swap(doc: DocumentLike, content: Network) -> tuple[Network, Change]:
        net = doc.network
        taken = Network(net.neurons, net.edges, net.groups)
        changed = Change(STRUCTURE, frozenset(net.neurons.keys() | content.neurons.keys()),
                         frozenset(net.edges.keys() | content.edges.keys()))
        net.neurons, net.edges, net.groups = content.neurons, content.edges, content.groups
        return taken, changed

    def apply(self, doc: DocumentLike) -> Change:
        assert self.new is not None, "apply twice"
        self.old, changed = self._swap(doc, self.new)
        self.new = None
        return changed

    def undo(self, doc: DocumentLike) -> Change:
        assert self.old is not None, "undo before apply"
        self.new, changed = self._swap(doc, self.old)
        self.old = None
        return changed


def build_shape(shape: str | Sequence[int], activation: str = "tanh",
                output_activation: str | None = None, init: str | None = "uniform",
                seed: int = 1) -> ReplaceNetwork:
    """A command replacing the network by a fully connected layered one, e.g. "2-4-2-1"."""
    sizes = parse_shape(shape)
    try:
        net = layered(sizes, activation, output_activation, spacing=(COLUMN, ROW))
    except NetworkError as exc:
        raise ValueError(str(exc)) from None
    if init is not None:
        initialize(net, init, seed)
    return ReplaceNetwork(net, f"New network {'-'.join(map(str, sizes))}")


def auto_layout(net: Network, dx: float = COLUMN, dy: float = ROW) -> SetNeurons:
    """Neurons in columns by depth (Network.levels), rows evenly spaced and centred.

    Within a column the current top-to-bottom order is kept, so tidying up
    never scrambles what the user arranged.
    """
    try:
        level = net.levels()
    except NetworkError:  # a cycle cannot come from commands; fall back to roles
        level = {n.id: ROLES.index(n.role) for n in net.neurons.values()}
    columns: dict[int, list[Neuron]] = {}
    for n in net.neurons.values():
        columns.setdefault(level[n.id], []).append(n)
    moves: dict[str, dict[str, object]] = {}
    for depth, members in columns.items():
        members.sort(key=lambda n: (n.y, n.x))
        for k, n in enumerate(members):
            x, y = depth * dx, (k - (len(members) - 1) / 2) * dy
            if (n.x, n.y) != (x, y):
                moves[n.id] = {"x": x, "y": y}
    return SetNeurons(moves, "Auto layout")


def copy_selection(net: Network, ids: Iterable[str]) -> dict:
    """The chosen neurons, the edges among them and their softmax groups, as plain JSON data."""
    chosen = [nid for nid in net.neurons if nid in set(ids)]
    inside = set(chosen)
    groups = [{"members": [m for m in g.members if m in inside]} for g in net.groups]
    return {
        "format": CLIPBOARD_FORMAT,
        "neurons": [asdict(net.neurons[nid]) for nid in chosen],
        "edges": [asdict(e) for e in net.edges.values()
                  if e.source in inside and e.target in inside],
        "groups": [g for g in groups if len(g["members"]) >= 2],
    }


def paste(net: Network, clipboard: dict, offset: tuple[float, float] = (40.0, 40.0)) -> Batch:
    """Add a copied selection with fresh ids, shifted by ``offset``; ValueError if malformed."""
    if not isinstance(clipboard, dict) or clipboard.get("format") != CLIPBOARD_FORMAT:
        raise ValueError("the clipboard holds no nnviz neurons")
    try:
        neurons = [_neuron_from(n) for n in clipboard["neurons"]]
        edges = [(str(e["source"]), str(e["target"]), float(e["weight"]))
                 for e in clipboard.get("edges", [])]
        groups = [list(g["members"]) for g in clipboard.get("groups", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"the copied neurons cannot be read: {exc}") from None
    if not neurons:
        raise ValueError("nothing to paste")
    new_id = dict(zip((n.id for n in neurons), fresh_ids(net, len(neurons))))
    commands: list[Command] = []
    for n in neurons:
        commands.append(AddNeuron(Neuron(**{
            **asdict(n), "id": new_id[n.id],
            "x": float(n.x) + offset[0], "y": float(n.y) + offset[1]})))
    for s, t, w in edges:
        if s in new_id and t in new_id:
            commands.append(AddEdge(new_id[s], new_id[t], w))
    if groups:
        taken = {g.id for g in net.groups} | set(net.neurons) | set(new_id.values())
        added = []
        for members in groups:
            gid = next(f"g{k}" for k in range(1, len(taken) + 2) if f"g{k}" not in taken)
            taken.add(gid)
            added.append(SoftmaxGroup(gid, [new_id[m] for m in members if m in new_id]))
        commands.append(SetGroups(copy.deepcopy(net.groups) + added))
    return Batch(commands, f"Paste {len(neurons)} neuron{'s' if len(neurons) != 1 else ''}")


def paste_text(net: Network, text: str, offset: tuple[float, float] = (40.0, 40.0)) -> Batch:
    """``paste`` from clipboard text, checked exactly as a file is: strict JSON (no NaN,
    no runaway nesting), then the network it would give read by the file reader.

    Raises ValueError (a DocumentError when a field is at fault) with the reason; the
    network is not changed.
    """
    if not text.lstrip().startswith("{"):
        raise ValueError("the clipboard holds no nnviz neurons")
    try:
        data = parse(text)
        check_plain(data)
    except DocumentError as exc:
        reason = str(exc).removeprefix("not a .nnviz file: ")
        raise DocumentError(f"the copied neurons cannot be read: {reason}", exc.path) from None
    from nnviz.core.blocking import drawn_size  # blocking → layering → this module

    command = paste(net, data, offset)  # type: ignore[arg-type]  # checked inside
    trial = copy.deepcopy(net)
    command.apply(SimpleNamespace(network=trial))
    try:
        check_network(trial)
        check_drawable_size(*drawn_size(trial))
    except DocumentError as exc:
        raise DocumentError(f"cannot paste: {exc}", exc.path) from None
    return command


def _neuron_from(data: dict) -> Neuron:
    """A neuron from clipboard data, checked: the clipboard may hold anyone's JSON."""
    n = Neuron(**data)
    for name in ("bias", "alpha", "x", "y"):
        value = getattr(n, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"neuron {n.id!r}: {name} is not a number")
        setattr(n, name, float(value))
    if not isinstance(n.id, str) or not isinstance(n.label, str):
        raise ValueError("a neuron id or label is not text")
    if n.role not in ROLES:
        raise ValueError(f"neuron {n.id!r}: unknown role {n.role!r}")
    if n.activation not in ACTIVATIONS:
        raise ValueError(f"neuron {n.id!r}: unknown activation {n.activation!r}")
    return n


def added_neurons(command: Command) -> list[str]:
    """Ids of the neurons a command (an AddNeuron or a Batch of them) adds."""
    if isinstance(command, AddNeuron):
        return [command.neuron.id]
    if isinstance(command, Batch):
        return [nid for c in command.commands for nid in added_neurons(c)]
    return []


def _most_common(values: Iterable[str], default: str) -> str:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else default


def _free_feature(net: Network) -> str:
    used = {n.feature for n in net.inputs}
    k = 1
    while f"x{k}" in used:
        k += 1
    return f"x{k}"


def add_neuron(net: Network, x: float, y: float, role: str = "hidden",
               activation: str | None = None) -> AddNeuron:
    """One new neuron at (x, y); by default with the activation its role mostly uses."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role == "input":
        act, feature = "identity", _free_feature(net)
    else:
        same = [n.activation for n in net.by_role(role) if n.activation != "softmax"]
        act, feature = activation or _most_common(same, "tanh"), None
    nid = fresh_ids(net, 1)[0]
    label = feature or next_label(net, role)
    return AddNeuron(Neuron(nid, label, role, act, x=float(x), y=float(y), feature=feature))


_AUTO_LABEL = re.compile(r"^(x\d+|h\d+(_\d+)?|ŷ\d*)$")


def set_role(net: Network, neuron_id: str, role: str) -> Command:
    """Make a neuron an input, hidden or output one, fixing what the new role needs.

    Raises ValueError when the edges forbid it (an input with incoming edges, an
    output feeding others). An automatic label (x2, h3, ŷ) follows the new role.
    """
    n = net.neuron(neuron_id)
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role == "input" and net.incoming(neuron_id):
        raise ValueError(f"{net.name(neuron_id)} has incoming edges; inputs take none")
    if role == "output" and net.outgoing(neuron_id):
        raise ValueError(f"{net.name(neuron_id)} feeds other neurons; outputs do not")
    props: dict[str, object] = {"role": role}
    if role == "input":
        props |= {"activation": "identity", "feature": _free_feature(net)}
    else:
        props["feature"] = None
        if n.role == "input" or n.activation == "softmax":
            others = [m.activation for m in net.by_role(role) if m.activation != "softmax"]
            props["activation"] = _most_common(others, "tanh")
    if _AUTO_LABEL.match(n.label):
        props["label"] = props["feature"] or next_label(net, role)
    commands: list[Command] = [SetNeurons({neuron_id: props}, f"Make {n.label} {role}")]
    if net.group_of(neuron_id) is not None:
        groups = [SoftmaxGroup(g.id, [m for m in g.members if m != neuron_id])
                  for g in net.groups]
        commands.append(SetGroups([g for g in groups if g.members]))
    return Batch(commands, f"Make {n.label} {role}")
