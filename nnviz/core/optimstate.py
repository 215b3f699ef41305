"""The optimiser's state in a document, in the network's own terms.

The trainer keeps momentum, AdaGrad's sums and Adam's moments in its Plan's flat
parameter order, which depends on how a version of nnviz lays the network out. A
file stores them by name instead, so any version reads them the same way::

    optimizer_state: {optimizer: "adam", step: 250,
                      slots: {m: {weights: [...], biases: [...], alphas: [...]}, v: {...}}}

``weights`` has one value per edge in (source id, target id) order, ``biases`` and
``alphas`` one per non-input neuron in id order. Written only when the optimiser has
learnt something (SGD without momentum never does), so such files are unchanged.

In memory (a Document's ``optimizer_state``, a snapshot's) the parts are NumPy arrays,
cheap enough to send with every snapshot; ``plain`` turns them into lists for the file.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

import numpy as np

from nnviz.core.docjson import fail
from nnviz.core.docschema import Fields, array, integer, number, text
from nnviz.core.network import Network
from nnviz.core.optimizers import CLASSES, OptimizerState
from nnviz.core.plan import Plan

PARTS = ("weights", "biases", "alphas")


def _keys(network: Network) -> tuple[list[tuple[str, str]], list[str]]:
    edges = sorted(network.edges)
    neurons = sorted(nid for nid, n in network.neurons.items() if n.role != "input")
    return edges, neurons


# Per plan: where each part's values sit in the Plan's parameter vector.
_PLACES: WeakKeyDictionary[Plan, dict[str, np.ndarray]] = WeakKeyDictionary()


def _places(plan: Plan, network: Network) -> dict[str, np.ndarray]:
    places = _PLACES.get(plan)
    if places is None:
        edges, neurons = _keys(network)
        at = np.array([plan.index[n] for n in neurons], dtype=np.intp)
        places = _PLACES[plan] = {
            "weights": np.array([plan.edge_slot[k] for k in edges], dtype=np.intp),
            "biases": plan.bias_offset + at, "alphas": plan.alpha_offset + at}
    return places


def to_portable(state: OptimizerState, plan: Plan, network: Network) -> dict | None:
    """The file form of ``state`` (Plan order) for ``network`` (the plan's own structure),
    parts as arrays; None when there is nothing."""
    if state.is_blank():
        return None
    places = _places(plan, network)
    slots = {name: {part: vec[places[part]] for part in PARTS}
             for name, vec in state.slots.items()}
    return {"optimizer": state.name, "step": state.step, "slots": slots}


def plain(portable: dict) -> dict:
    """The file form with lists of floats for JSON (the parts may be arrays)."""
    return {"optimizer": portable["optimizer"], "step": int(portable["step"]),
            "slots": {name: {part: np.asarray(values, dtype=float).tolist()
                             for part, values in parts.items()}
                      for name, parts in portable["slots"].items()}}


def from_portable(data: dict, plan: Plan, network: Network) -> OptimizerState:
    """The Plan-order state of a checked file form (see ``read_optimizer_state``)."""
    places = _places(plan, network)
    slots = {}
    for name, parts in data["slots"].items():
        vec = slots[name] = np.zeros(plan.size)
        for part in PARTS:
            vec[places[part]] = parts[part]
    return OptimizerState(data["optimizer"], data["step"], slots)


def read_optimizer_state(value: object, path: str, network: Network, optimizer: str) -> dict:
    """The checked file form: the settings' optimiser, its slots, one value per parameter."""
    f = Fields(value, path)
    name = text(f.raw("optimizer"), f.at("optimizer"))
    if name != optimizer:
        raise fail(f.at("optimizer"), f"is {name!r} but settings.optimizer is {optimizer!r}")
    step = integer(f.raw("step", 0), f.at("step"), 0, 10**15)
    edges, neurons = _keys(network)
    sizes = {"weights": len(edges), "biases": len(neurons), "alphas": len(neurons)}
    want = set(CLASSES[name].slot_names)
    slots_f = Fields(f.raw("slots"), f.at("slots"))
    if set(slots_f.data) != want:
        raise fail(slots_f.path, f"must hold {', '.join(sorted(want))} for {name}, got "
                                 f"{', '.join(sorted(slots_f.data)) or 'none'}")
    slots = {}
    for slot in sorted(want):
        parts_f = Fields(slots_f.raw(slot), slots_f.at(slot))
        parts = {}
        for part in PARTS:
            values = array(parts_f.raw(part), parts_f.at(part))
            if len(values) != sizes[part]:
                what = "edges" if part == "weights" else "non-input neurons"
                raise fail(parts_f.at(part), f"has {len(values)} values but the network has "
                                             f"{sizes[part]} {what}")
            parts[part] = [number(v, f"{parts_f.at(part)}[{i}]") for i, v in enumerate(values)]
        parts_f.finish()
        slots[slot] = parts
    slots_f.finish()
    f.finish()
    return {"optimizer": name, "step": step, "slots": slots}
