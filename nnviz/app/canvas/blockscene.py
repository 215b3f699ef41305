"""The scene's wide layers: keeps its block and bundle items in step with the network,
fills them with the highlighted example's numbers (or the backward view's δ), and
answers a hovered unit with its weight card. The scene owns one ``SceneBlocks``.

Which blocks are expanded is the viewer's choice, kept here (not in the document, so not
in the undo history); a new document starts with every wide layer as a block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from nnviz.app.canvas.blocks import BlockItem, BundleItem
from nnviz.app.canvas.weightcard import SHEET_UNITS, UnitWeights, WeightCard, WeightSheet
from nnviz.app.i18n import translate
from nnviz.core.blocking import (
    BLOCK_OVER,
    EXPAND_LIMIT,
    Blocking,
    expansion_cost,
    incoming,
    plan_blocks,
)
from nnviz.core.layering import column_of
from nnviz.core.numfmt import number

if TYPE_CHECKING:
    from nnviz.app.canvas.scene import NetworkScene


class SceneBlocks:
    def __init__(self, scene: NetworkScene) -> None:
        self.scene = scene
        self.blocking = Blocking()
        self.items: dict[str, BlockItem] = {}
        self.bundles: dict[tuple[str, str], BundleItem] = {}
        self.expanded: set[str] = set()
        self.backward = None  # the backward overlay whose numbers the blocks show
        self.card = WeightCard(scene)  # in the scene from its first showing on
        self._picture: tuple[object, tuple | None, list[str]] = (None, None, [])

    # ------------------------------------------------------------- planning
    def picture(self) -> tuple[tuple[int, int] | None, list[str]]:
        """The dataset's image shape and feature order, read again when the data change."""
        doc = self.scene.model.document
        if self._picture[0] is not doc.dataset:
            try:
                data = doc.build_dataset()
                shape, names = data.image_shape, list(data.feature_names)
            except Exception:  # noqa: BLE001 — data that cannot be built has no picture
                shape, names = None, []
            self._picture = (doc.dataset, shape, names)
        return self._picture[1], self._picture[2]

    def picture_changed(self) -> bool:
        """New data: is its picture (image shape, pixel order) another one for a block?"""
        if not any(b.role == "input" for b in self.blocking.blocks.values()):
            return False
        before = self._picture[1:]
        return self.picture() != before

    def plan(self) -> Blocking:
        shape, names = self.picture()
        self.blocking = plan_blocks(self.scene.network, self.expanded, shape, names)
        return self.blocking

    def reset(self) -> None:
        """Another document: every wide layer a block again."""
        self.expanded.clear()
        self._picture = (None, None, [])

    def sync(self) -> None:
        """Block and bundle items for the current plan (after the scene's neurons)."""
        scene, blocking = self.scene, self.blocking
        net = scene.network
        for key in [k for k, item in self.items.items()
                    if blocking.blocks.get(k) != item.block]:
            scene.removeItem(self.items.pop(key))
        for key, block in blocking.blocks.items():
            if key not in self.items:
                first = net.neurons[block.ids[0]]
                item = self.items[key] = BlockItem(block, first.activation)
                scene.addItem(item)
        for bundle in self.bundles.values():
            bundle.detach()
            scene.removeItem(bundle)
        self.bundles.clear()
        for ends, count in blocking.bundles.items():
            source, target = self._end(ends[0]), self._end(ends[1])
            if source is not None and target is not None:
                item = self.bundles[ends] = BundleItem(ends, count, source, target)
                scene.addItem(item)
        sides: dict[tuple[str, int], int] = {}
        for ends in self.bundles:
            for side, end in enumerate(ends):
                if end in self.items:
                    sides[(end, side)] = sides.get((end, side), 0) + 1
        for ends, item in self.bundles.items():
            item.share = max(sides.get((end, side), 1) for side, end in enumerate(ends))
        if self.card.isVisible():
            self.card.hide()

    def _end(self, end: str):
        return self.items.get(end) or self.scene.neurons.get(end)

    # ------------------------------------------------------------ numbers
    def show(self, values: dict[str, float]) -> None:
        """The highlighted example's activations, or what the backward view shows."""
        ov = self.backward
        trace = ov.trace if ov is not None else None
        if trace is None:
            for item in self.items.values():
                item.set_values(np.array([values.get(i, np.nan) for i in item.block.ids]))
            return
        step = ov.step
        by_id = {n.id: n for n in trace.neurons}
        forward = step is not None and step.phase == "forward"
        for item in self.items.values():
            ids = item.block.ids
            kind = "a" if item.block.role == "input" or forward else "delta"
            known = (lambda nid: True) if step is None else \
                (lambda nid, q=kind: (q, nid) in step.revealed)
            vals = [(by_id[i].a if kind == "a" else by_id[i].delta)
                    if i in by_id and known(i) else None for i in ids]
            focus = next((ids.index(n) for n in step.neurons if n in ids), None) \
                if step is not None else None
            item.set_values(np.array([np.nan if v is None else v for v in vals]), kind, focus)

    def set_backward(self, overlay) -> None:
        self.backward = overlay
        self.scene.refresh_blocks()

    def fmt(self, value: float) -> str:
        ov = self.backward
        if ov is not None:
            return ov.notation.num(value)
        return number(value, 4, significant=True)

    # ------------------------------------------------------------- weights
    def sources(self, nid: str) -> tuple[list[str], tuple[int, int]] | None:
        """Where a unit's weights come from, as a picture: the block feeding it (in that
        block's grid: 8×8 for a digit), else the ordinary neurons feeding it (a strip)."""
        blocking = self.blocking
        mine = blocking.end(nid)
        feeding = [ends[0] for ends in blocking.bundles if ends[1] == mine]
        blocks = [blocking.blocks[e] for e in feeding if e in blocking.blocks]
        if blocks:
            block = max(blocks, key=lambda b: len(b.ids))
            return list(block.ids), (block.rows, block.cols)
        plain = [e for e in feeding if e not in blocking.blocks]
        return (plain, (len(plain), 1)) if plain else None

    def unit_weights(self, nid: str) -> UnitWeights | None:
        found = self.sources(nid)
        if found is None:
            return None
        ids, (rows, cols) = found
        net = self.scene.network
        ov = self.backward
        trace = ov.trace if ov is not None else None
        # The backward view shows gradients; a step-through, once it has reached them.
        if trace is not None and (ov.step is None or ov.step.phase in ("gradient", "update")):
            by_id = {n.id: n for n in trace.neurons}
            unit = by_id.get(nid)
            w = incoming(net, nid, ids)
            if unit is None or unit.bias_grad is None:
                return None
            # ∂L/∂w_jk = ∂L/∂z_j · a_k, whichever sign convention δ is written in.
            a = np.array([by_id[i].a if i in by_id else np.nan for i in ids])
            values, symbol = np.where(np.isfinite(w), unit.bias_grad * a, np.nan), "∂L/∂w"
        else:
            values, symbol = incoming(net, nid, ids), "w"
        grid = np.full(rows * cols, np.nan)
        grid[:len(values)] = values
        labels = tuple(net.neurons[i].label for i in ids)
        return UnitWeights(net.neurons[nid].label, labels, grid.reshape(rows, cols), symbol)

    def hover_cell(self, item: BlockItem | None, k: int | None, nid: str | None = None) -> bool:
        """The pointer is over cell k of a block (or over neuron nid): show its weights
        (False when it has none to show)."""
        header = ""
        if k is not None and item is not None:
            nid = item.block.ids[k]
            header = item.value_text(k)
        weights = self.unit_weights(nid) if nid is not None else None
        if weights is None:
            self.card.hide_soon()
            return False
        if item is not None:
            box = item.cell_rect(k)
            pos = item.mapToScene(box.topRight())
            x = item.block.left + item.block.width + 6
        else:
            neuron = self.scene.neurons[nid]
            pos, x = neuron.pos(), neuron.x() + 30
        if self.card.scene() is None:
            self.scene.addItem(self.card)
        self.card.show_weights(weights, x, pos.y(), header)
        return True

    def sheet(self, key: str, parent=None) -> WeightSheet | None:
        """Every unit's weight picture of block ``key`` (the first SHEET_UNITS of them)."""
        item = self.items.get(key)
        if item is None:
            return None
        ids = item.block.ids
        units = [u for u in (self.unit_weights(i) for i in ids[:SHEET_UNITS]) if u is not None]
        if not units:
            return None
        title = translate("canvas.blockscene", "Weights into each unit: {title}").format(
            title=item.title())
        return WeightSheet(title, units, len(ids), parent)

    # ------------------------------------------------------------ expansion
    def column_key(self, nid: str) -> str | None:
        """The block key of the wide column holding neuron nid (a block or expanded)."""
        if nid in self.blocking.owner:
            return self.blocking.owner[nid]
        net = self.scene.network
        column = column_of(net, net.neurons[nid].x) if nid in net.neurons else None
        if column is None or len(column.ids) <= BLOCK_OVER:
            return None
        return column.ids[0]

    def expand(self, key: str) -> bool:
        """Draw block ``key``'s neurons as circles again, unless that means too many items."""
        scene = self.scene
        block = self.blocking.blocks.get(key)
        if block is None:
            return False
        cost = expansion_cost(scene.network, self.blocking, key)
        if cost > EXPAND_LIMIT:
            scene.message.emit(translate(
                "canvas.blockscene", "Not expanded: its {n} neurons and their edges would be "
                "{items} items on the canvas, more than the {limit} it draws for one layer. "
                "Hover its cells for each neuron's numbers.").format(
                    n=f"{len(block.ids):,}", items=f"{cost:,}", limit=f"{EXPAND_LIMIT:,}"))
            return False
        self.expanded.add(key)
        scene.sync()
        scene.blocksChanged.emit()
        return True

    def collapse(self, key: str) -> bool:
        if key not in self.expanded:
            return False
        self.expanded.discard(key)
        self.scene.sync()
        self.scene.blocksChanged.emit()
        return True

    def bundle_tooltip(self, bundle: BundleItem) -> str:
        net = self.scene.network
        names = []
        for end in bundle.ends:
            item = self.items.get(end)
            names.append(item.title() if item is not None else net.neurons[end].label)
        src, tgt = (self._members(e) for e in bundle.ends)
        weights = np.array([e.weight for s in src for t in tgt
                            if (e := net.edges.get((s, t))) is not None]) if \
            len(src) * len(tgt) <= 200_000 else np.zeros(0)
        low = float(weights.min()) if weights.size else float("nan")
        high = float(weights.max()) if weights.size else float("nan")
        return bundle.tooltip(names[0], names[1], low, high)

    def _members(self, end: str) -> list[str]:
        block = self.blocking.blocks.get(end)
        return list(block.ids) if block is not None else [end]
