"""How many parameters a network learns, layer by layer (the count lectures do by hand).

A layer is a level of the graph (``Network.levels``): inputs, then each hidden depth,
then the outputs. Its parameters are the weights of the edges into it and the biases of
its neurons, plus the learned negative slope of each parametric ReLU. For a fully
connected 2-1024-512-3 network that is 3,072 + 524,800 + 1,539 = 529,411.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.core.network import Network, NetworkError


@dataclass(frozen=True)
class LayerCount:
    level: int
    role: str  # "input", "hidden", "output" (or "hidden" for a mixed level)
    neurons: int
    weights: int  # edges into this layer
    biases: int
    slopes: int = 0  # learned α of parametric ReLU neurons

    @property
    def parameters(self) -> int:
        return self.weights + self.biases + self.slopes


def layer_counts(net: Network) -> list[LayerCount]:
    """One count per level, inputs first; by role when the graph has a cycle."""
    try:
        level = net.levels()
    except NetworkError:
        level = {n.id: ("input", "hidden", "output").index(n.role) for n in net}
    members: dict[int, list[str]] = {}
    for nid, depth in level.items():
        members.setdefault(depth, []).append(nid)
    weights: dict[int, int] = dict.fromkeys(members, 0)
    for _, target in net.edges:
        weights[level[target]] += 1
    counts = []
    for depth in sorted(members):
        neurons = [net.neurons[i] for i in members[depth]]
        roles = {n.role for n in neurons}
        trained = [n for n in neurons if n.role != "input"]
        counts.append(LayerCount(depth, roles.pop() if len(roles) == 1 else "hidden",
                                 len(neurons), weights[depth], len(trained),
                                 sum(n.activation == "prelu" for n in trained)))
    return counts


def total(counts: list[LayerCount]) -> LayerCount:
    """The sum over the layers (``level`` -1)."""
    return LayerCount(-1, "total", sum(c.neurons for c in counts),
                      sum(c.weights for c in counts), sum(c.biases for c in counts),
                      sum(c.slopes for c in counts))


def counts_table(counts: list[LayerCount]) -> str:
    """The counts as a plain-text table with a total line, for the CLI."""
    slopes = any(c.slopes for c in counts)
    head = ["layer", "neurons", "weights", "biases"] + (["slopes"] if slopes else []) + \
        ["parameters"]
    rows = []
    for c in [*counts, total(counts)]:
        name = "total" if c.level < 0 else f"{c.level} {c.role}"
        rows.append([name, f"{c.neurons:,}", f"{c.weights:,}", f"{c.biases:,}"]
                    + ([f"{c.slopes:,}"] if slopes else []) + [f"{c.parameters:,}"])
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if k == 0 else cell.rjust(w)
                       for k, (cell, w) in enumerate(zip(r, widths))) for r in [head, *rows]]
    return "\n".join(lines)
