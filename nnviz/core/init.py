"""Seeded weight initialisation, so that a reset replays a run exactly."""

from __future__ import annotations

import numpy as np

from nnviz.core.network import Network

# TensorFlow Playground starts every bias at 0.1 and every weight uniform in ±0.5.
PLAYGROUND_BIAS = 0.1


def initialized(network: Network, scheme: str = "uniform", seed: int = 1) -> Network:
    """A copy of the network with weights and biases drawn afresh by ``scheme``.

    Draws follow the network's edge order, so the same network, scheme and seed
    always give the same numbers. Xavier and He use each edge's own fan-in
    (incoming edges of its target) and fan-out (outgoing edges of its source),
    which for a layered network is the usual per-layer rule.
    """
    return initialize(network.copy(), scheme, seed)


def initialize(result: Network, scheme: str = "uniform", seed: int = 1) -> Network:
    """``initialized`` in place, for a network nobody else holds yet (a fresh build):
    copying half a million edges costs more than drawing their weights."""
    rng = np.random.default_rng(seed)
    edges = list(result.edges.values())
    fan_in = {nid: 0 for nid in result.neurons}
    fan_out = {nid: 0 for nid in result.neurons}
    for e in edges:
        fan_in[e.target] += 1
        fan_out[e.source] += 1
    if scheme == "uniform":
        values = rng.uniform(-0.5, 0.5, len(edges))
    elif scheme == "xavier":
        limits = np.array([np.sqrt(6.0 / (fan_in[e.target] + fan_out[e.source])) for e in edges])
        values = rng.uniform(-1.0, 1.0, len(edges)) * limits
    elif scheme == "he":
        stds = np.array([np.sqrt(2.0 / fan_in[e.target]) for e in edges])
        values = rng.standard_normal(len(edges)) * stds
    elif scheme == "zeros":
        values = np.zeros(len(edges))
    else:
        raise ValueError(f"unknown initialisation {scheme!r}")
    for e, v in zip(edges, values.tolist()):
        e.weight = v
    bias = PLAYGROUND_BIAS if scheme == "uniform" else 0.0
    for n in result.neurons.values():
        if n.role != "input":
            n.bias = bias
    return result
