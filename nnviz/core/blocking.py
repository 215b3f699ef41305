"""Wide layers drawn as blocks: which columns, in what grid of cells, and the bundles of
edges between them (no Qt here; the canvas draws what this decides).

A column of more than ``BLOCK_OVER`` neurons is drawn as one block of cells, one cell per
neuron, instead of a stack of circles: seventeen circles a row apart already stand taller
than a 1080p canvas shows at 1:1, and their thousands of edges are a grey wall that
teaches nothing. A block of inputs whose dataset rows are pictures (``image_shape``) is
that picture; any other block is a strip (up to ``STRIP_MAX`` cells) or a near-square
grid, read row by row. Edges with a block at either end are drawn as one bundle per pair
of ends (a block, or an ordinary neuron), so a 2-1024-512-3 network is six bundles, not
527,872 lines.

Which blocks are expanded (drawn as circles again) is the viewer's choice, not the
document's: a block is named by the id of its first neuron, which stays the same while
its column grows or shrinks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from nnviz.core.layering import column_index, columns
from nnviz.core.network import Network

#: A column of more neurons than this is a block (see the module docstring).
BLOCK_OVER = 16
#: A block of at most this many cells is one column of cells (a strip), beside the
#: neurons it replaces; more would stand taller than the canvas, so they wrap into a grid.
STRIP_MAX = 32
#: How wide a block may be, in scene units: a column (builders.COLUMN, 160) less the room a
#: bundle needs to reach the next column's neurons or block.
BLOCK_WIDTH = 96.0
#: A strip is at most this tall; cells are at most MAX_CELL a side (an 8×8 digit at 12).
STRIP_HEIGHT = 384.0
MAX_CELL = 24.0
#: Expanding a block may add at most this many items (neurons plus the edges between
#: ordinary neurons): a scene of that many items still repaints in tens of milliseconds.
EXPAND_LIMIT = 2_000


@dataclass(frozen=True)
class Block:
    key: str  # the id of its first neuron (see the module docstring)
    index: int  # its column, as layering.columns numbers them
    ids: tuple[str, ...]  # its neurons, top to bottom: cell k is ids[k], row by row
    role: str  # "input", "hidden" or "output"
    rows: int
    cols: int
    image: bool  # the cells are the dataset's picture (its image_shape)
    x: float  # the column's x
    y: float  # the middle of its neurons' heights
    cell: float  # a cell's side, scene units

    @property
    def width(self) -> float:
        return self.cols * self.cell

    @property
    def height(self) -> float:
        return self.rows * self.cell

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    def at(self, x: float, y: float) -> int | None:
        """The neuron (index into ids) whose cell holds the scene point (x, y), or None."""
        col = math.floor((x - self.left) / self.cell)
        row = math.floor((y - self.top) / self.cell)
        k = row * self.cols + col
        inside = 0 <= col < self.cols and 0 <= row < self.rows and k < len(self.ids)
        return k if inside else None

    def place(self, k: int) -> tuple[int, int]:
        """Row and column of neuron k's cell."""
        return divmod(k, self.cols)

    def grid(self, values: Iterable[float]) -> np.ndarray:
        """Values in neuron order as a (rows, cols) array; cells past the last neuron NaN."""
        flat = np.full(self.rows * self.cols, np.nan)
        v = np.fromiter(values, float)
        flat[:len(v)] = v[:len(flat)]
        return flat.reshape(self.rows, self.cols)


def grid_shape(n: int, image_shape: tuple[int, int] | None = None) -> tuple[int, int, bool]:
    """(rows, cols, is the picture) for a block of n cells. A grid that is no picture
    stands about twice as tall as wide: a block is narrow (BLOCK_WIDTH), the canvas tall
    enough, and taller cells are larger cells to point at."""
    if image_shape is not None and image_shape[0] * image_shape[1] == n:
        return image_shape[0], image_shape[1], True
    if n <= STRIP_MAX:
        return n, 1, False
    cols = math.ceil(math.sqrt(n / 2))
    return math.ceil(n / cols), cols, False


def cell_size(rows: int, cols: int) -> float:
    """A cell's side: as large as the block's width (or a strip's height) allows."""
    if cols == 1:
        return min(MAX_CELL, STRIP_HEIGHT / rows)
    return min(MAX_CELL, BLOCK_WIDTH / cols)


@dataclass
class Blocking:
    """The canvas's picture of a network: its blocks and what is drawn the ordinary way."""

    blocks: dict[str, Block] = field(default_factory=dict)  # by key
    owner: dict[str, str] = field(default_factory=dict)  # neuron id → its block's key
    # (source end, target end) → edge count; an end is a block key or a neuron id.
    bundles: dict[tuple[str, str], int] = field(default_factory=dict)
    plain: list[tuple[str, str]] = field(default_factory=list)  # edges drawn one by one

    def end(self, neuron_id: str) -> str:
        return self.owner.get(neuron_id, neuron_id)

    def drawn(self, neuron_id: str) -> bool:
        """Is this neuron drawn as its own item (not a cell of a block)?"""
        return neuron_id not in self.owner


def plan_blocks(net: Network, expanded: Iterable[str] = (),
                image_shape: tuple[int, int] | None = None,
                features: Sequence[str] = ()) -> Blocking:
    """Blocks for every column wider than BLOCK_OVER whose key is not in ``expanded``.

    ``image_shape`` applies to the input block that has exactly that many cells; its
    cells then follow ``features`` (the dataset's pixel order) when every input reads one.
    """
    keep = set(expanded)
    result = Blocking()
    for column in columns(net):
        if len(column.ids) <= BLOCK_OVER or column.ids[0] in keep:
            continue
        ys = [net.neurons[i].y for i in column.ids]
        role = column.role
        rows, cols, image = grid_shape(len(column.ids),
                                       image_shape if role == "input" else None)
        ids = _pixel_order(net, column.ids, features) if image else column.ids
        block = Block(column.ids[0], column.index, ids, role, rows, cols, image,
                      column.x, (min(ys) + max(ys)) / 2, cell_size(rows, cols))
        result.blocks[block.key] = block
        result.owner.update(dict.fromkeys(column.ids, block.key))
    owner = result.owner
    if not owner:
        result.plain = list(net.edges)
        return result
    bundles, plain = result.bundles, result.plain
    for key in net.edges:
        s, t = owner.get(key[0]), owner.get(key[1])
        if s is None and t is None:
            plain.append(key)
        else:
            ends = (s or key[0], t or key[1])
            bundles[ends] = bundles.get(ends, 0) + 1
    return result


def _pixel_order(net: Network, ids: tuple[str, ...], features: Sequence[str]) -> tuple[str, ...]:
    """The inputs in the dataset's pixel order, or as they stand when some read no pixel."""
    rank = {name: k for k, name in enumerate(features)}
    keys = [rank.get(net.neurons[i].feature or net.neurons[i].label) for i in ids]
    if None in keys:
        return ids
    return tuple(i for _, i in sorted(zip(keys, ids)))


def blocked_ids(positions: Iterable[tuple[str, float]]) -> set[str]:
    """Of (neuron id, x) pairs, the neurons the canvas draws as cells of a block (every
    block collapsed): what the size limits for drawing leave out of their count."""
    by_column: dict[int, list[str]] = {}
    for nid, x in positions:
        by_column.setdefault(column_index(x), []).append(nid)
    return {nid for ids in by_column.values() if len(ids) > BLOCK_OVER for nid in ids}


def drawn_size(net: Network) -> tuple[int, int]:
    """Neurons and edges the canvas draws one by one when every block is collapsed."""
    blocked = blocked_ids((n.id, n.x) for n in net.neurons.values())
    edges = sum(1 for s, t in net.edges if s not in blocked and t not in blocked)
    return len(net.neurons) - len(blocked), edges


def expansion_cost(net: Network, blocking: Blocking, key: str) -> int:
    """Items that expanding block ``key`` adds: its neurons plus every edge between two
    neurons that would then both be drawn on their own."""
    block = blocking.blocks[key]
    members = set(block.ids)
    owner = blocking.owner
    edges = 0
    for s, t in net.edges:
        if (s in members and (t in members or t not in owner)) or \
                (t in members and s not in owner):
            edges += 1
    return len(block.ids) + edges


def incoming(net: Network, target: str, sources: Iterable[str]) -> np.ndarray:
    """The weights from each of ``sources`` into ``target`` (NaN where there is no edge)."""
    edges = net.edges
    return np.array([e.weight if (e := edges.get((s, target))) is not None else np.nan
                     for s in sources], dtype=float)


def bundle_weights(net: Network, sources: Iterable[str], targets: Iterable[str]) -> np.ndarray:
    """(targets, sources) weights of a bundle, NaN where an edge is missing."""
    src = list(sources)
    return np.array([incoming(net, t, src) for t in targets], dtype=float).reshape(-1, len(src))
