"""The data seen through two hidden neurons, and the next neuron's line in that plane.

The lecture's (a1, a2) slide: the XNOR points, not separable in (x1, x2), become
separable in the hidden activations, and the output neuron's z = 0 is a line there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.core.network import Network
from nnviz.core.plan import Plan


@dataclass(frozen=True)
class Line:
    """w_a · a + w_b · b + c = 0 in the (a, b) plane: the z = 0 line of ``neuron``."""

    neuron: str
    w_a: float
    w_b: float
    c: float
    exact: bool  # the neuron reads only these two: the line is its whole decision
    note: str

    def points(self, lo: float, hi: float) -> np.ndarray:
        """Two (a, b) points of the line across [lo, hi] on the steeper axis."""
        if abs(self.w_b) >= abs(self.w_a):
            a = np.array([lo, hi])
            return np.column_stack([a, -(self.w_a * a + self.c) / self.w_b])
        if self.w_a == 0:
            return np.empty((0, 2))
        b = np.array([lo, hi])
        return np.column_stack([-(self.w_b * b + self.c) / self.w_a, b])


def hidden_activations(plan: Plan, theta: np.ndarray, x: np.ndarray) -> np.ndarray:
    """(batch, neurons) activations of every neuron in plan.order for inputs x."""
    with np.errstate(all="ignore"):
        return plan.forward(plan.params(theta), x).a.T.copy()


def feature_points(plan: Plan, theta: np.ndarray, x: np.ndarray, a_id: str,
                   b_id: str) -> np.ndarray:
    """(batch, 2) activations of neurons a_id and b_id for every row of x."""
    acts = hidden_activations(plan, theta, x)
    return acts[:, [plan.index[a_id], plan.index[b_id]]]


def decision_line(network: Network, plan: Plan, theta: np.ndarray, x: np.ndarray,
                  a_id: str, b_id: str, target: str | None = None) -> Line | None:
    """The z = 0 line of the neuron that reads a and b, or None when none reads both.

    With ``target`` unset, a neuron whose only inputs are a and b wins (its line is
    exact); else an output reading both; else the first neuron reading both. Other
    inputs of an inexact line's neuron sit at their mean over x.
    """
    readers = [nid for nid in plan.order
               if (a_id, nid) in network.edges and (b_id, nid) in network.edges]
    if target is None:
        if not readers:
            return None
        only = [r for r in readers if {e.source for e in network.incoming(r)} == {a_id, b_id}]
        outputs = [r for r in readers if network.neurons[r].role == "output"]
        target = (only or outputs or readers)[0]
    elif target not in readers:
        return None
    sources = [e.source for e in network.incoming(target)]
    others = [s for s in sources if s not in (a_id, b_id)]
    c = float(theta[plan.bias_offset + plan.index[target]])
    if others:
        mean = hidden_activations(plan, theta, x).mean(axis=0)
        c += sum(float(theta[plan.edge_slot[(s, target)]]) * float(mean[plan.index[s]])
                 for s in others)
    name = network.neurons[target].label
    note = (f"{name}: z = 0" if not others else
            f"{name}: z = 0 with its {len(others)} other input{'s' * (len(others) != 1)} "
            f"held at their mean")
    return Line(target, float(theta[plan.edge_slot[(a_id, target)]]),
                float(theta[plan.edge_slot[(b_id, target)]]), c, not others, note)


def hidden_pair(network: Network, plan: Plan) -> tuple[str, str] | None:
    """A default pair: the first two hidden neurons of the last hidden level."""
    hidden = [nid for nid in plan.order if network.neurons[nid].role == "hidden"]
    if len(hidden) < 2:
        return None
    last = max(plan.level_of[h] for h in hidden)
    same = [h for h in hidden if plan.level_of[h] == last]
    chosen = same if len(same) >= 2 else hidden
    return chosen[0], chosen[1]
