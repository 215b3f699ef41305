"""The core commands behind inspector edits (no Qt here).

Softmax couples outputs, so it lives in a SoftmaxGroup rather than on one neuron:
an activation edit that makes an output softmax, or stops one being softmax, also
rewrites the group, in the same Batch so that one undo puts both back. (Role changes
use ``nnviz.core.builders.set_role``, which fixes groups, features and labels.)
"""

from __future__ import annotations

from nnviz.app.i18n import translate
from nnviz.core.commands import Batch, Command, SetGroups, SetNeurons
from nnviz.core.network import Network, SoftmaxGroup


def neuron_edit(net: Network, values: dict[str, dict[str, object]], text: str) -> Command:
    """SetNeurons, plus the softmax group that activation or role changes imply.

    All outputs that use softmax after the edit form one group (the way lectures draw
    a K-class output layer); a single member is allowed for a moment, since the user
    switches outputs one at a time, and the trainer explains why it waits.
    """
    edit = SetNeurons(values, text)
    touched = any("activation" in p or "role" in p for p in values.values())
    if not touched:
        return edit

    def after(nid: str, prop: str) -> object:
        return values.get(nid, {}).get(prop, getattr(net.neurons[nid], prop))

    members = [nid for nid in net.neurons
               if after(nid, "role") == "output" and after(nid, "activation") == "softmax"]
    wanted = [members] if members else []
    if [g.members for g in net.groups] == wanted:
        return edit
    gid = net.groups[0].id if net.groups else net.new_id("g")
    groups = [SoftmaxGroup(gid, members)] if members else []
    return Batch([edit, SetGroups(groups, text)], text)


def feature_edit(net: Network, nid: str, feature: str) -> Command:
    """Point an input at another feature; an input named after its feature is renamed too."""
    neuron = net.neuron(nid)
    props: dict[str, object] = {"feature": feature}
    if neuron.label == (neuron.feature or neuron.label):
        props["label"] = feature
    text = translate("panels.edits", "Feed {neuron} from {feature}")
    return SetNeurons({nid: props}, text.format(neuron=neuron.label, feature=feature))
