"""Wide layers become blocks: which columns, their grids, and the bundles between them."""

from __future__ import annotations

import numpy as np

from nnviz.core.blocking import (
    BLOCK_OVER,
    BLOCK_WIDTH,
    bundle_weights,
    expansion_cost,
    grid_shape,
    incoming,
    plan_blocks,
)
from nnviz.core.network import layered


def test_only_columns_wider_than_the_threshold_are_blocks():
    net = layered([BLOCK_OVER, BLOCK_OVER + 1, 3], "tanh")
    blocking = plan_blocks(net)
    assert [b.role for b in blocking.blocks.values()] == ["hidden"]
    block = next(iter(blocking.blocks.values()))
    assert len(block.ids) == BLOCK_OVER + 1 and (block.rows, block.cols) == (BLOCK_OVER + 1, 1)
    assert all(blocking.drawn(i) for i in net.by_role("input") for i in [i.id])
    # Inputs to the block, the block to each output: one bundle per pair of ends.
    assert len(blocking.bundles) == BLOCK_OVER + 3
    assert sum(blocking.bundles.values()) == len(net.edges) and not blocking.plain


def test_the_slides_network_is_six_bundles():
    net = layered([2, 1024, 512, 3], "tanh")
    blocking = plan_blocks(net)
    assert len(blocking.blocks) == 2 and len(blocking.bundles) == 6
    big = next(b for b in blocking.blocks.values() if len(b.ids) == 1024)
    assert big.width <= BLOCK_WIDTH and big.rows * big.cols >= 1024 and big.rows > big.cols
    assert big.y == 0.0 and big.x == 160.0


def test_an_image_block_takes_the_pictures_shape_and_pixel_order():
    net = layered([64, 10], "tanh")
    features = [f"x{k + 1}" for k in range(64)]
    # The inputs stand in reverse order on the canvas; the picture still reads row by row.
    for k, n in enumerate(net.inputs):
        n.y = -k * 80.0
    block = next(iter(plan_blocks(net, image_shape=(8, 8), features=features).blocks.values()))
    assert block.image and (block.rows, block.cols) == (8, 8)
    assert [net.neurons[i].feature for i in block.ids] == features
    assert block.place(9) == (1, 1)
    assert block.ids[block.at(block.left + 1.5 * block.cell, block.top + 0.5 * block.cell)] \
        == net.inputs[1].id
    assert block.at(block.left - 1, block.top) is None


def test_grid_shapes():
    assert grid_shape(784, (28, 28)) == (28, 28, True)
    assert grid_shape(784, (8, 8)) == (40, 20, False)  # not that picture: a plain grid
    assert grid_shape(20) == (20, 1, False)
    rows, cols, _ = grid_shape(1000)
    assert rows * cols >= 1000 and rows >= cols


def test_expanded_blocks_are_circles_again_and_expansion_counts_its_items():
    net = layered([2, 40, 3], "tanh")
    blocking = plan_blocks(net)
    key = next(iter(blocking.blocks))
    assert expansion_cost(net, blocking, key) == 40 + 40 * 2 + 40 * 3
    again = plan_blocks(net, expanded=[key])
    assert not again.blocks and len(again.plain) == len(net.edges)


def test_block_grid_and_bundle_weights():
    net = layered([2, 20, 1], "tanh")
    block = next(iter(plan_blocks(net).blocks.values()))
    assert block.grid(range(20)).shape == (20, 1)
    for k, e in enumerate(net.edges.values()):
        e.weight = float(k)
    ins = [n.id for n in net.inputs]
    w = bundle_weights(net, ins, block.ids)
    assert w.shape == (20, 2)
    assert w[3, 1] == net.edges[(ins[1], block.ids[3])].weight
    assert np.isnan(incoming(net, block.ids[0], [block.ids[1]])).all()
