"""The ``.nnviz`` document: network, data, settings and trained state in one JSON file.

Opening a file either yields a complete ``Document`` or raises one ``DocumentError``
naming the field and the reason, so the GUI never half-replaces the open document.
A draft (a network still being built, or one that does not fit the data or the
settings yet) is a valid document: it saves and opens, and ``Document.problems()``
says why it cannot train yet. Corruption (bad values, edges naming no neuron, a
cycle...) is refused. Saving is atomic (temporary file beside the target, fsync,
rename), so a crash or a full disk never leaves a truncated file where a good one
was, and it validates first: nnviz never writes a file it would refuse to open.

Layout (``format_version`` 1), keys in this order::

    format_version, title, notes,
    network:  {neurons: [{id, label, role, activation, bias, alpha, x, y, feature}],
               edges: [{source, target, weight}], groups: [{id, members}]}
    dataset:  {source: "builtin", name, n_points, noise, seed, train_ratio, classes}
            | {source: "embedded", name, task, feature_names, target_names, class_names,
               label_values, x: [[...]], y: [[...]], train: [...], test: [...]}
    settings: TrainingSettings fields (missing ones take their defaults)
    epoch:    epochs trained so far; with the weights and history, the "trained state"
    history:  {epoch, train_loss, test_loss, train_accuracy, test_accuracy}: lists;
              null where a value is undefined (NaN, e.g. regression accuracy) or overflowed
    optimizer_state: what the optimiser has learnt (momentum, Adam's moments), so that
              training goes on exactly; absent when there is none (see optimstate.py)
    view:     free-form GUI state, any JSON object (written with sorted keys)

Older files are upgraded by ``MIGRATIONS`` before validation.
"""

from __future__ import annotations

import copy
import errno
import json
import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nnviz.core.atomicfile import SaveError, read_only, write_atomic
from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec
from nnviz.core.docdata import build, dataset_to_dict, fit_problems, read_dataset
from nnviz.core.docjson import DocumentError, check_plain, dump, fail, kind, parse, short
from nnviz.core.docschema import (
    MAX_EDGES,
    MAX_NEURONS,
    Fields,
    integer,
    read_history,
    read_network,
    read_settings,
    read_view,
    text,
)
from nnviz.core.init import initialized
from nnviz.core.limits import MAX_FILE_BYTES, mb
from nnviz.core.network import Network, layered
from nnviz.core.optimstate import plain, read_optimizer_state
from nnviz.core.settings import TrainingSettings
from nnviz.core.training import History

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["FORMAT_VERSION", "MIGRATIONS", "Document", "DocumentError", "SaveError", "from_dict",
           "from_json", "load", "new_document", "save", "to_dict", "to_json"]

FORMAT_VERSION = 2
#: Runs of at least this many edges that connect a set of sources to a set of targets
#: all-to-all are written as one edge block (see ``_edge_items``); smaller ones, one
#: object per edge, as a person would write them.
BLOCK_EDGES = 256
MAX_EPOCH = 10**12
#: The window draws every neuron and edge as scene items and the engine sends a decision
#: map per neuron with each snapshot, all on the way to the first picture. Opening grows
#: with the edges: measured on the shared 2-core machine under load, 10,300 edges took
#: 7.1 s and 20,466 edges 14.2 s; 193,000 edges blocked the window 63 s and took 2.2 GB.
#: Larger networks are refused at once when opened for drawing. Wide layers are drawn as
#: blocks (see blocking.py): only what is drawn one by one counts.
DRAWABLE_NEURONS = 1_000
DRAWABLE_EDGES = 10_000
FILE_LIMITS = {"neurons": MAX_NEURONS, "edges": MAX_EDGES}


@dataclass(eq=False)
class Document:
    """Everything a lecture demo needs to come back exactly as it was left.

    ``dataset`` is a built-in ``DatasetSpec`` (a few bytes that regenerate the
    points) or an embedded ``Dataset`` (imported data). The trained state is the
    network's weights plus ``epoch`` and ``history``. ``view`` belongs to the GUI:
    any JSON object, kept as it is, unknown keys included. Equality compares the
    serialised form, so weights compare bit for bit and NaN history values match.
    """

    network: Network
    dataset: DatasetSpec | Dataset
    settings: TrainingSettings = field(default_factory=TrainingSettings)
    history: History = field(default_factory=History)
    epoch: int = 0
    view: dict = field(default_factory=dict)
    title: str = ""
    notes: str = ""
    # The optimiser's state in file form (optimstate.py), matching network and settings;
    # None when it has none. Whoever changes the weights or settings without it drops it.
    optimizer_state: dict | None = None

    def build_dataset(self) -> Dataset:
        """The points to train on: generated from the spec, or the embedded Dataset itself."""
        return build(self.dataset)

    def validate(self) -> None:
        """Raise DocumentError unless this document would save and load back unchanged.

        A draft that cannot train yet passes; see ``problems`` for that.
        """
        from_dict(to_dict(self))

    def problems(self) -> list[str]:
        """Why this document cannot train yet, one message each; empty when it can.

        The network's own problems come first; only a network without any is checked
        against the data and the settings (messages start with the field at fault).
        """
        found = self.network.problems()
        if found:
            return found
        try:
            data = self.build_dataset()
        except DocumentError as exc:
            return [str(exc)]
        return fit_problems(self.network, data, self.settings)

    def check_trainable(self) -> None:
        """Raise DocumentError naming the first reason this document cannot train yet."""
        found = self.problems()
        if found:
            raise DocumentError(found[0])

    def copy(self) -> Document:
        return copy.deepcopy(self)

    def __eq__(self, other: object) -> bool:
        # Equal when they serialise alike: floats by repr (bit-exact), NaN equal to NaN,
        # and no element-wise comparison of the embedded arrays.
        if not isinstance(other, Document):
            return NotImplemented
        return _fingerprint(self) == _fingerprint(other)

    __hash__ = None  # type: ignore[assignment]  # mutable


def _fingerprint(doc: Document) -> str:
    return json.dumps(to_dict(doc), default=repr, ensure_ascii=False)


# ---------------------------------------------------------------- migrations
def _v0_to_v1(data: dict) -> dict:
    """Pre-release files had no ``format_version`` and called the edge list ``connections``,
    each ``{"from": ..., "to": ..., "weight": ...}``; version 1 says ``edges`` with
    ``source`` and ``target``."""
    out = dict(data)
    net = out.get("network")
    if isinstance(net, dict) and "connections" in net and "edges" not in net:
        net = {("edges" if k == "connections" else k): v for k, v in net.items()}
        if isinstance(net["edges"], list):
            rename = {"from": "source", "to": "target"}
            net["edges"] = [
                {rename.get(k, k): v for k, v in c.items()} if isinstance(c, dict) else c
                for c in net["edges"]
            ]
        out["network"] = net
    out["format_version"] = 1
    return out


def _v1_to_v2(data: dict) -> dict:
    """Version 2 adds edge blocks to ``network.edges`` (a fully connected layer as one
    item); a version 1 file is a valid version 2 file. The number tells an older nnviz
    that it cannot read the blocks, instead of a puzzling missing ``source``."""
    return {**data, "format_version": 2}


#: version -> function upgrading a document of that version to the next one.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: dict) -> dict:
    """Upgrade a parsed document to FORMAT_VERSION, one version at a time."""
    if "format_version" not in data:
        if "network" not in data:
            raise DocumentError("not a .nnviz file: it has no format_version and no network")
        version = 0
    else:
        version = data["format_version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise fail("format_version", f"must be a whole number, got {short(version)}")
        if version > FORMAT_VERSION:
            raise fail("format_version", f"{version} is newer than this nnviz understands "
                                         f"({FORMAT_VERSION}); please update nnviz")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


# ------------------------------------------------------------ dict <-> Document
def network_to_dict(net: Network) -> dict:
    """The ``network`` part of the file as plain JSON values (unchecked)."""
    return {
        "neurons": [
            {"id": n.id, "label": n.label, "role": n.role, "activation": n.activation,
             "bias": n.bias, "alpha": n.alpha, "x": n.x, "y": n.y, "feature": n.feature}
            for n in net.neurons.values()
        ],
        "edges": _edge_items(net),
        "groups": [{"id": g.id, "members": list(g.members)} for g in net.groups],
    }


def _edge_items(net: Network) -> list[dict]:
    """The edges in their order, a run of them that joins some sources to some targets
    all-to-all (a fully connected layer) as one block of rows of weights. Only runs in
    the network's own order are joined, so reading the file back gives the same order
    (weights are initialised and compared in edge order)."""
    rows: list[tuple[str, list[str], list[float]]] = []  # consecutive edges of one source
    for e in net.edges.values():
        if rows and rows[-1][0] == e.source:
            rows[-1][1].append(e.target)
            rows[-1][2].append(e.weight)
        else:
            rows.append((e.source, [e.target], [e.weight]))
    items: list[dict] = []
    k = 0
    while k < len(rows):
        end = k + 1
        while end < len(rows) and rows[end][1] == rows[k][1]:
            end += 1
        targets = rows[k][1]
        if (end - k) * len(targets) >= BLOCK_EDGES and end - k > 1 and len(targets) > 1 \
                and len(set(targets)) == len(targets):
            items.append({"sources": [r[0] for r in rows[k:end]], "targets": list(targets),
                          "weights": [r[2] for r in rows[k:end]]})
        else:
            items.extend({"source": source, "target": t, "weight": w}
                         for source, ts, ws in rows[k:end] for t, w in zip(ts, ws))
        k = end
    return items


def edge_count(items: object) -> int:
    """How many edges the ``network.edges`` list of a parsed file holds (blocks count
    all their edges); cheap, for the size checks made before a file is read."""
    if not isinstance(items, list):
        return 0
    count = 0
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("sources"), list) \
                and isinstance(item.get("targets"), list):
            count += len(item["sources"]) * len(item["targets"])
        else:
            count += 1
    return count


def check_network(net: Network) -> None:
    """Raise DocumentError unless ``net`` would be accepted in a file (the same checks,
    the same messages): for networks made from outside data, such as a paste."""
    data = network_to_dict(net)
    check_plain(data, ("network",))
    read_network(data)


def to_dict(doc: Document) -> dict:
    """Plain JSON values in file order (unchecked: ``from_dict`` checks)."""
    data = {
        "format_version": FORMAT_VERSION,
        "title": doc.title,
        "notes": doc.notes,
        "network": network_to_dict(doc.network),
        "dataset": dataset_to_dict(doc.dataset),
        "settings": doc.settings.to_dict(),
        "epoch": doc.epoch,
        "history": {k: [v if isinstance(v, float) and math.isfinite(v) else
                        None if isinstance(v, float) else v for v in col]
                    for k, col in doc.history.to_dict().items()},
    }
    if doc.optimizer_state is not None:  # absent otherwise: such files stay as they were
        data["optimizer_state"] = plain(doc.optimizer_state)
    data["view"] = _sorted(doc.view)
    return data


def _sorted(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


def from_dict(data: object) -> Document:
    """Validate a current-version document dict and build the Document (DocumentError if not)."""
    if not isinstance(data, dict):
        raise DocumentError(f"not a .nnviz file: the top level must be an object, got {kind(data)}")
    check_plain(data)
    f = Fields(data, "")
    integer(f.raw("format_version"), "format_version", FORMAT_VERSION, FORMAT_VERSION)
    network = read_network(f.raw("network"))
    dataset = read_dataset(f.raw("dataset"))
    settings = f.get("settings", read_settings, TrainingSettings())
    history = f.get("history", read_history, History())
    epoch = f.get("epoch", integer, 0, low=0, high=MAX_EPOCH)
    state = f.get("optimizer_state", read_optimizer_state, None, network=network,
                  optimizer=settings.optimizer)
    view = f.get("view", read_view, {})
    title = f.get("title", text, "")
    notes = f.get("notes", text, "")
    f.finish()
    build(dataset)  # data that cannot be generated is a bad file, not a draft
    return Document(network, dataset, settings, history, epoch, view, title, notes, state)


# ------------------------------------------------------------------- JSON text
def to_json(doc: Document) -> str:
    """The file text (ending in a newline); raises DocumentError for a document that
    ``from_dict`` would refuse (a draft that cannot train yet is written)."""
    data = to_dict(doc)
    from_dict(data)
    return dump(data) + "\n"


def check_drawable(data: dict) -> None:
    """Raise DocumentError if a parsed document's network is larger than the window and
    the figure exports can draw; cheap (counts only), so it runs before validation.
    A layer wider than blocking.BLOCK_OVER is one block: its neurons, and the edges they
    have, are not drawn one by one and do not count."""
    from nnviz.core.blocking import blocked_ids  # blocking → layering → builders → here

    net = data.get("network")
    if not isinstance(net, dict):
        return
    neurons = net.get("neurons") if isinstance(net.get("neurons"), list) else []
    blocked = blocked_ids((n["id"], n["x"]) for n in neurons
                          if isinstance(n, dict) and isinstance(n.get("id"), str)
                          and isinstance(n.get("x"), (int, float)))
    items = net.get("edges") if isinstance(net.get("edges"), list) else []
    edges = 0
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("sources"), list) \
                and isinstance(item.get("targets"), list):
            edges += (sum(1 for s in item["sources"] if s not in blocked)
                      * sum(1 for t in item["targets"] if t not in blocked))
        elif not (isinstance(item, dict) and (item.get("source") in blocked
                                              or item.get("target") in blocked)):
            edges += 1
    check_drawable_size(len(neurons) - len(blocked), edges)


def check_drawable_size(neurons: int, edges: int) -> None:
    """Raise DocumentError naming the limit if a network that draws this many neurons and
    edges one by one (outside blocks) cannot be drawn."""
    for key, count, limit in (("neurons", neurons, DRAWABLE_NEURONS),
                              ("edges", edges, DRAWABLE_EDGES)):
        if count > limit:
            raise fail(f"network.{key}", f"{count:,} {key} outside blocks: the window and "
                                         f"figure exports draw at most {limit:,} (a layer of "
                                         f"more than 16 neurons is one block; nnviz train and "
                                         f"nnviz trace take up to {FILE_LIMITS[key]:,})")


def from_json(text: str | bytes, drawable: bool = False) -> Document:
    """A complete Document (perhaps a draft) from file text, or one DocumentError naming
    the field at fault. ``drawable``: refuse at once a network too large to draw."""
    data = parse(text)
    if not isinstance(data, dict):
        raise DocumentError(f"not a .nnviz file: the top level must be an object, got {kind(data)}")
    data = migrate(data)
    if drawable:
        check_drawable(data)
    return from_dict(data)


# ------------------------------------------------------------------------ files
def save(doc: Document, path: str | os.PathLike[str], replace_read_only: bool = False,
         private: bool = False) -> None:
    """Write atomically: the target holds either its old or its new content, never a mix.

    Raises DocumentError (before touching the disk) for an invalid document and
    ``SaveError`` (an OSError naming ``path`` and the reason) for a failed write,
    the temporary file removed either way. A read-only target is refused unless
    ``replace_read_only``, as a text editor would; ``private`` writes it 0600.
    """
    payload = to_json(doc).encode("utf-8")
    if read_only(path) and not replace_read_only:
        raise SaveError(Path(path), "the file is read-only")
    write_atomic(path, payload, private=private)


def open_regular(path: str | os.PathLike[str]):
    """Open a regular file for reading, or raise OSError naming what else it is.

    Opened without blocking and checked on the open descriptor: reading a FIFO (or a
    device) would wait for a writer forever, and a check before opening could be raced.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                     (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                     (stat.S_ISSOCK, "a socket")]
            what = next((name for test, name in kinds if test(mode)), "a special file")
            raise OSError(errno.EINVAL, f"not a regular file: it is {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def load(path: str | os.PathLike[str] | Traversable, drawable: bool = False) -> Document:
    """Read and validate a file; every failure, including I/O, is one DocumentError.

    ``path`` may also be an ``importlib.resources`` Traversable (a shipped example
    inside a zipped install has no file system path). ``drawable``: for the window and
    the exports, a network too large to draw is refused before the slow validation.
    """
    try:
        if isinstance(path, (str, os.PathLike)):
            with open_regular(path) as fh:
                raw = fh.read(MAX_FILE_BYTES + 1)
        else:
            raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentError(f"cannot read {path}: larger than {mb(MAX_FILE_BYTES)}")
    return from_json(raw, drawable)


def new_document() -> Document:
    """What File > New opens: TensorFlow Playground's default, 2-4-2-1 tanh on the circle,
    initialised by the settings' own scheme and seed (so "reset" gives the same weights)."""
    settings = TrainingSettings()
    network = initialized(layered([2, 4, 2, 1], "tanh"), settings.init, settings.seed)
    return Document(network, DatasetSpec("circle"), settings)


def blank_document() -> Document:
    """What File > New opens: XOR's inputs and output, wired directly (a 2-1 network).

    The data fixes the ends (two features, one 0/1 target: a sigmoid output with
    cross-entropy), so the class only builds the hidden part, by clicking or with the
    canvas's "+ layer". The output stands two columns right of the inputs, leaving the
    column between free for hidden neurons. The settings train a 2-2-1 net on XOR
    reliably (full batch, momentum 0.9).
    """
    settings = TrainingSettings(learning_rate=0.5, momentum=0.9, batch_mode="full",
                                loss="bce")
    network = layered([2, 1], "tanh", "sigmoid")
    for neuron in network.outputs:
        neuron.x = 2 * 160.0
    network = initialized(network, settings.init, settings.seed)
    return Document(network, DatasetSpec("xor"), settings, title="Untitled")
