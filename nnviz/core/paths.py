"""Gradients as path sums on the reversed graph (the CS 2109S picture).

Treat g′(z) as the weight of the edge z → a inside every neuron, reverse every edge,
and ∂L/∂v of any value v (an input x or a neuron's activation a) is the sum, over
every path from v to the outputs, of the product of the factors met on the way:

    ∂L/∂x1 = ∂L/∂ŷ · g′(z_ŷ) · w_ŷ,a1 · g′(z_a1) · w_a1,x1
           + ∂L/∂ŷ · g′(z_ŷ) · w_ŷ,a2 · g′(z_a2) · w_a2,x1

Every factor is a number of the core ``Trace`` (its ∂L/∂a at an output, its g′(z), its
weights): nothing is differentiated here. A path is written from the output back to v,
the order in which the reversed graph is walked.

Softmax: an output of a softmax group does not have one g′ (its derivative is a
Jacobian over the group), so paths through it start at its δ = ∂L/∂z instead of
∂L/∂a · g′(z); that δ already sums the coupling over the group. A softmax output's own
∂L/∂a is the loss's direct derivative (one path of one factor).

Deep or wide nets have exponentially many paths: the sum and the number of paths
are computed by dynamic programming over the graph (linear in its size), and only the
first ``limit`` paths are listed — all of them in the network's order when they fit,
otherwise the ``limit`` largest in magnitude, with the rest summed as "k more paths".
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from nnviz.core.network import Network
from nnviz.core.stepper import Notation
from nnviz.core.trace import Trace

LIMIT = 4  # paths listed in full; the formula dock stays readable


@dataclass(frozen=True)
class Factor:
    symbol: str  # "∂L/∂ŷ", "δ_ŷ1", "g′(z_a1)", "w_a1,x1"
    value: float
    kind: str  # "dl_da" (start at an output), "delta" (start at a softmax output), "g", "w"


@dataclass(frozen=True)
class Path:
    neurons: tuple[str, ...]  # from the output back to v
    factors: tuple[Factor, ...]

    @property
    def product(self) -> float:
        return _product(self.factors)


@dataclass(frozen=True)
class PathSum:
    of: str  # neuron id
    symbol: str  # "∂L/∂x1", "∂L/∂a_a1"
    value: float  # the sum over every path, listed or not
    count: int  # number of paths, listed or not
    paths: tuple[Path, ...]  # at most ``limit`` of them
    largest: bool  # the listed paths are the largest ones (too many to list them all)

    @property
    def more(self) -> int:
        return self.count - len(self.paths)

    @property
    def rest(self) -> float:
        """What the paths not listed add up to (the total stays exact)."""
        return self.value - sum(p.product for p in self.paths)

    def lines(self, notation: Notation | None = None) -> list[str]:
        """The formula with symbols, then with the numbers plugged in, then the value; how
        many paths there are is ``count`` (the formula dock says it under the formula)."""
        nt = notation or Notation()
        if self.count == 0:
            return [f"{self.symbol} = 0   (no path from here to an output)"]
        if self.count == 1 and len(self.paths[0].factors) == 1:  # an output's own ∂L/∂a
            return [f"{self.symbol} = {nt.num(self.value)}   (the loss's own derivative, where "
                    "every path back starts)"]
        more = f" + … ({self.more} more path{'s' if self.more != 1 else ''})" if self.more \
            else ""
        symbols = " + ".join(" · ".join(f.symbol for f in p.factors) for p in self.paths)
        numbers = " + ".join("·".join(_par(nt.num(f.value)) for f in p.factors)
                             for p in self.paths)
        rest = (f" + {_par(nt.num(self.rest))} ({self.more} more path"
                f"{'s' if self.more != 1 else ''})") if self.more else ""
        return [f"{self.symbol} = {symbols}{more}",
                f"= {numbers}{rest}", f"= {nt.num(self.value)}"]


def path_sum(trace: Trace, network: Network, of: str, limit: int = LIMIT,
             notation: Notation | None = None) -> PathSum:
    """∂L/∂a of neuron (or input) ``of`` as a sum over paths, numbers from ``trace``."""
    nt = notation or Notation()
    label = network.neurons[of].label
    role = network.neurons[of].role
    symbol = f"∂L/∂{label}" if role in ("input", "output") else f"∂L/∂{nt.act}_{label}"
    if role == "output":  # the loss's own derivative: the path of length zero
        value = trace.neuron(of).dl_da
        return PathSum(of, symbol, value, 1, (Path((of,), (Factor(symbol, value, "dl_da"),)),),
                       False)
    graph = _Graph(trace, network, nt)
    total, count = graph.totals(of)
    if count <= limit:
        listed, largest = list(graph.walk(of)), False
    else:
        listed, largest = graph.largest(of, limit), True
    return PathSum(of, symbol, total, count, tuple(listed), largest)


class _Graph:
    """The reversed graph with its factors: for each value, the links towards the outputs."""

    def __init__(self, trace: Trace, network: Network, nt: Notation) -> None:
        self.network, self.nt = network, nt
        self.t = {n.id: n for n in trace.neurons}
        softmax = {nid for g in network.groups for nid in g.members}
        self.start: dict[str, tuple[Factor, ...]] = {}
        for n in trace.neurons:
            if n.role != "output":
                continue
            lab = network.neurons[n.id].label
            if n.id in softmax or n.activation == "softmax":
                # bias_grad is ∂L/∂z in either δ convention (δ flips sign under Mitchell's)
                self.start[n.id] = (Factor(f"∂L/∂{nt.pre}_{lab}", n.bias_grad, "delta"),)
            else:
                self.start[n.id] = (Factor(f"∂L/∂{lab}", n.dl_da, "dl_da"),
                                    Factor(f"g′({nt.pre}_{lab})", n.g_prime, "g"))
        weights = {(e.source, e.target): e.weight for e in trace.edges}
        # value v → [(neuron it feeds, factors of that link: w, then g′ of the fed neuron)]
        self.out: dict[str, list[tuple[str, tuple[Factor, ...]]]] = {
            nid: [] for nid in network.neurons}
        for (src, tgt) in network.edges:
            tl = network.neurons[tgt].label
            w = Factor(f"w_{tl},{network.neurons[src].label}", weights[(src, tgt)], "w")
            through = () if tgt in self.start else (
                Factor(f"g′({nt.pre}_{tl})", self.t[tgt].g_prime, "g"),)
            self.out[src].append((tgt, (w, *through)))
        # a path's tail from an output: one path, the product of its start factors
        self._memo: dict[str, tuple[float, int]] = {
            o: (_product(f), 1) for o, f in self.start.items()}

    def totals(self, v: str) -> tuple[float, int]:
        """(sum of every path's product, number of paths) from v, by dynamic programming."""
        for u in self._below(v):  # successors first: every tail is known before u
            if u in self._memo:
                continue
            total, count = 0.0, 0
            for tgt, factors in self.out[u]:
                t_sum, t_count = self._memo[tgt]
                total += _product(factors) * t_sum
                count += t_count
            self._memo[u] = (total, count)
        return self._memo[v]

    def _below(self, v: str) -> list[str]:
        """v and every value reachable from it, successors before predecessors."""
        seen, order, stack = set(), [], [(v, False)]
        while stack:
            u, done = stack.pop()
            if done:
                order.append(u)
                continue
            if u in seen:
                continue
            seen.add(u)
            stack.append((u, True))
            stack.extend((tgt, False) for tgt, _ in self.out[u])
        return order

    def walk(self, v: str):
        """Every path from v, in the network's edge order (only when there are few)."""
        if v in self.start:
            yield Path((v,), self.start[v])
            return
        for tgt, factors in self.out[v]:
            for rest in self.walk(tgt):  # rest runs output → tgt; this link is appended
                yield Path((*rest.neurons, v), (*rest.factors, *factors[::-1]))

    def largest(self, v: str, limit: int) -> list[Path]:
        """The ``limit`` paths of largest |product|: each value keeps its ``limit`` best
        tails (a best path's tail is among its successor's best), so this is linear too."""
        best: dict[str, list[Path]] = {}
        for u in self._below(v):
            if u in self.start:
                best[u] = [Path((u,), self.start[u])]
                continue
            candidates = (Path((*tail.neurons, u), (*tail.factors, *factors[::-1]))
                          for tgt, factors in self.out[u] for tail in best[tgt])
            best[u] = heapq.nlargest(limit, candidates, key=lambda p: abs(p.product))
        return best[v]


def _product(factors) -> float:
    out = 1.0
    for f in factors:
        out *= f.value
    return out


def _par(text: str) -> str:
    return f"({text})" if text.startswith("−") else text
