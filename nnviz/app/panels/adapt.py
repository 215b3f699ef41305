"""Does the network fit the data, and the commands that make it fit (no Qt here).

A new dataset often has more targets than the network has outputs (three iris species
against one ŷ) or features the inputs do not read. The panels say so in words and offer
to adapt the network: inputs are re-pointed at unread features (new inputs for the rest),
outputs are added or removed, and a multi-class target gets a softmax group with
softmax cross-entropy. New edges start at weight 0; Reset gives them random values.
"""

from __future__ import annotations

import dataclasses

from nnviz.app.i18n import translate
from nnviz.core.commands import (
    AddEdge,
    AddNeuron,
    Batch,
    Command,
    Remove,
    SetAttribute,
    SetGroups,
    SetNeurons,
)
from nnviz.core.data import Dataset, check_feature
from nnviz.core.network import Network, Neuron, SoftmaxGroup
from nnviz.core.settings import TrainingSettings

ROW_GAP = 80.0  # vertical spacing of added neurons, as in ``layered``


def _targets(count: int) -> str:
    return (translate("panels.adapt", "{n} target") if count == 1
            else translate("panels.adapt", "{n} targets")).format(n=count)


def _outputs(count: int) -> str:
    return (translate("panels.adapt", "{n} output") if count == 1
            else translate("panels.adapt", "{n} outputs")).format(n=count)


def mismatches(network: Network, dataset: Dataset) -> list[str]:
    """What does not fit, one sentence each; empty when the network fits the data."""
    found = []
    k, m = dataset.y.shape[1], len(network.outputs)
    if k != m:
        names = ", ".join(dataset.target_names[:6]) + ("…" if k > 6 else "")
        text = translate("panels.adapt",
                         "The data has {targets} ({names}) but the network has {outputs}.")
        found.append(text.format(targets=_targets(k), names=names, outputs=_outputs(m)))
    bad = [n for n in network.inputs
           if check_feature(n.feature or n.label, dataset.feature_names)]
    has = ", ".join(dataset.feature_names[:8]) + ("…" if len(dataset.feature_names) > 8 else "")
    if bad:
        which = ", ".join(repr(n.feature or n.label) for n in bad)
        text = (translate("panels.adapt", "Input {which} reads what this data does not have "
                          "(it has {has}).") if len(bad) == 1 else
                translate("panels.adapt", "Inputs {which} read what this data does not have "
                          "(it has {has})."))
        found.append(text.format(which=which, has=has))
    else:
        unread = _unread(network, dataset)
        if unread:
            found.append(translate("panels.adapt", "No input reads {features}.").format(
                features=", ".join(repr(f) for f in unread)))
    return found


def _unread(network: Network, dataset: Dataset) -> list[str]:
    read = {n.feature or n.label for n in network.inputs}
    derived = any(f not in dataset.feature_names for f in read)
    if derived and not _has_bad_inputs(network, dataset):
        return []  # x1², sin(x1)… inputs: a hand-made feature choice, leave it alone
    return [f for f in dataset.feature_names if f not in read]


def _has_bad_inputs(network: Network, dataset: Dataset) -> bool:
    return any(check_feature(n.feature or n.label, dataset.feature_names)
               for n in network.inputs)


class _Ids:
    """Fresh neuron ids, unique among the network's and the ones handed out already."""

    def __init__(self, network: Network) -> None:
        self.taken = set(network.neurons) | {g.id for g in network.groups}

    def __call__(self, prefix: str = "n") -> str:
        k = len(self.taken) + 1
        while f"{prefix}{k}" in self.taken:
            k += 1
        self.taken.add(f"{prefix}{k}")
        return f"{prefix}{k}"


def adapt_commands(network: Network, dataset: Dataset,
                   settings: TrainingSettings) -> list[Command]:
    """Commands that make the network fit (structure edits, then a loss change if needed).

    Wrap them, with the dataset change if there is one, in one core ``Batch``.
    """
    ids, net = _Ids(network), network
    steps: list[Command] = []
    _fit_inputs(net, dataset, ids, steps)
    outputs = _fit_outputs(net, dataset, ids, steps)
    settings_step = _fit_activations(net, dataset, settings, outputs, ids, steps)
    result: list[Command] = [Batch(steps,
                                   translate("panels.adapt",
                                             "Adapt the network to the data"))] if steps else []
    if settings_step is not None:
        result.append(settings_step)
    return result


def _fit_inputs(net: Network, dataset: Dataset, ids: _Ids, steps: list[Command]) -> None:
    free = _unread(net, dataset)
    inputs = net.inputs
    for n in inputs:
        feature = n.feature or n.label
        if not check_feature(feature, dataset.feature_names):
            continue
        if free:
            new = free.pop(0)
            label = new if n.label == feature else n.label  # auto-named inputs follow
            steps.append(SetNeurons({n.id: {"feature": new, "label": label}},
                                    translate("panels.adapt", "Set feature")))
        else:
            steps.append(Remove([n.id]))
    if not free:
        return
    template = inputs[0] if inputs else None
    targets = [e.target for e in net.outgoing(template.id)] if template else \
        [o.id for o in net.outputs]
    x = template.x if template else 0.0
    y = max((n.y for n in inputs), default=-ROW_GAP)
    for feature in free:
        y += ROW_GAP
        nid = ids()
        steps.append(AddNeuron(Neuron(nid, feature, "input", "identity", x=x, y=y,
                                      feature=feature)))
        steps.extend(AddEdge(nid, t) for t in targets)


def _fit_outputs(net: Network, dataset: Dataset, ids: _Ids, steps: list[Command]) -> list[str]:
    """Add or remove outputs to match the targets; returns the output ids afterwards."""
    outputs = net.outputs
    k = dataset.y.shape[1]
    if len(outputs) > k:
        steps.append(Remove([o.id for o in outputs[k:]]))
        return [o.id for o in outputs[:k]]
    kept = [o.id for o in outputs]
    if len(outputs) == k:
        return kept
    last = outputs[-1] if outputs else None
    sources = [e.source for e in net.incoming(last.id)] if last else \
        [n.id for n in net.neurons.values() if n.role == "hidden"] or [n.id for n in net.inputs]
    x = last.x if last else max((n.x for n in net.neurons.values()), default=0.0) + 160.0
    y = last.y if last else -ROW_GAP
    activation = last.activation if last else "sigmoid"
    for i in range(len(outputs), k):
        y += ROW_GAP
        nid = ids()
        steps.append(AddNeuron(Neuron(nid, f"ŷ{i + 1}", "output", activation, x=x, y=y)))
        steps.extend(AddEdge(s, nid) for s in sources)
        kept.append(nid)
    if len(outputs) == 1 and outputs[0].label == "ŷ":
        steps.append(SetNeurons({outputs[0].id: {"label": "ŷ1"}},
                                translate("panels.adapt", "Rename output")))
    return kept


def _fit_activations(net: Network, dataset: Dataset, settings: TrainingSettings,
                     outputs: list[str], ids: _Ids, steps: list[Command]) -> Command | None:
    """Softmax + cross-entropy for several classes; off softmax when the task is not."""
    acts = {nid: net.neurons[nid].activation if nid in net.neurons else None for nid in outputs}
    if dataset.task == "multiclass" and len(outputs) >= 2:
        # Neurons this batch adds are not in ``net`` yet (None here): they are set too.
        change = {nid: {"activation": "softmax"} for nid, a in acts.items() if a != "softmax"}
        if change or [g.members for g in net.groups] != [outputs]:
            steps.append(SetNeurons(change, translate("panels.adapt", "Softmax outputs")))
            gid = net.groups[0].id if net.groups else ids("g")
            steps.append(SetGroups([SoftmaxGroup(gid, list(outputs))]))
        if settings.loss != "softmax_ce":
            return SetAttribute("settings", dataclasses.replace(settings, loss="softmax_ce"),
                                translate("panels.adapt", "Use softmax cross-entropy"))
        return None
    bounded = ("sigmoid", "tanh", "step", "threshold")
    if dataset.task == "regression" and float(abs(dataset.y).max(initial=0.0)) > 1.0 and any(
            acts[nid] in bounded for nid in outputs if nid in net.neurons):
        # Targets beyond ±1 (prices in k€) are out of a sigmoid's or tanh's reach.
        steps.append(SetNeurons({nid: {"activation": "identity"} for nid in outputs},
                                translate("panels.adapt", "Linear outputs")))
    if dataset.task == "regression" and settings.loss == "bce":
        # Cross-entropy of a price is no loss at all (it goes negative): regress on squares.
        return SetAttribute("settings", dataclasses.replace(settings, loss="squared"),
                            translate("panels.adapt", "Use the squared error"))
    if any(a == "softmax" for a in acts.values()) or settings.loss == "softmax_ce":
        signed = dataset.task == "binary" and min(dataset.label_values) < 0
        plain = {"binary": "tanh" if signed else "sigmoid"}.get(dataset.task, "identity")
        steps.append(SetNeurons({nid: {"activation": plain} for nid in outputs},
                                translate("panels.adapt", "Output activation")))
        steps.append(SetGroups([]))
        if settings.loss == "softmax_ce":
            loss = "bce" if plain == "sigmoid" else "squared"
            return SetAttribute("settings", dataclasses.replace(settings, loss=loss),
                                translate("panels.adapt", "Change the loss"))
    return None
