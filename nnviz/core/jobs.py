"""Computations the companion views ask of the engine: functions of its TrainingSession.

They travel to the engine process by pickle, so they are module-level functions,
sent with their arguments as ``functools.partial(job, ...)``; the session is the
last argument. Each works on a copy of the current parameters: nothing the
snapshots show changes.
"""

from __future__ import annotations

from nnviz.core.gradcheck import GradCheck, gradient_check
from nnviz.core.surface import Surface, loss_surface


def surface_of(request: int, key_a: tuple[str, str], key_b: tuple[str, str], ranges,
               size: int, session) -> tuple[int, tuple, Surface]:
    """The loss surface over two weights at the session's current parameters."""
    t = session.trainer
    plan = t.plan
    surface = loss_surface(plan, t.theta.copy(), t.x_train, t.y_train,
                           plan.edge_slot[key_a], plan.edge_slot[key_b], ranges, size=size)
    return request, (key_a, key_b), surface


def gradcheck_of(which: str, session) -> tuple[str, GradCheck]:
    """Backprop against finite differences on the traced example or the training set."""
    t = session.trainer
    net = t.synced_network()
    if which == "sample" and session.sample is not None:
        x = t.dataset.inputs(t.plan.features)[[session.sample]]
        y = t.plan.targets(t.dataset.y[[session.sample]])
        scope = f"example {session.sample}"
    else:
        x, y, scope = t.x_train, t.y_train, "the training set"
    return scope, gradient_check(net, t.plan, t.theta.copy(), x, y)

