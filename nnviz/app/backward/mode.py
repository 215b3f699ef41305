"""The backward-pass view and the step-through, wired to the window.

The trace is computed here from the document (same call as ``nnviz trace
--sample ROW``), for the highlighted example or row 0. It is recomputed when
training sends a snapshot; an edit in between leaves the old numbers on screen,
greyed and marked stale, because they no longer belong to the weights shown.
During a step-through nothing is recomputed: the student is reading those numbers.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, QRectF, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QAction, QKeySequence

from nnviz.app import uiscale
from nnviz.app.actions import find_menu
from nnviz.app.backward.overlay import BackwardOverlay
from nnviz.app.backward.panel import FormulaPanel, Legend
from nnviz.app.backward.sizing import fit_labels
from nnviz.app.i18n import translate
from nnviz.core import schedules
from nnviz.core.commands import VIEW, SetView, set_parameters
from nnviz.core.network import Network
from nnviz.core.optimstate import from_portable
from nnviz.core.paths import path_sum
from nnviz.core.plan import Plan
from nnviz.core.stepper import Notation, Step, next_phase, prev_phase, steps
from nnviz.core.trace import Trace, trace


class BackwardMode(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w, self.model, self.view = window, window.model, window.view
        self.scene = self.view.canvas
        self.overlay = BackwardOverlay(self.scene)
        self.legend = Legend(self.view.viewport())
        self.view.add_card(self.legend)
        self.panel = FormulaPanel()
        self.dock = window.add_dock(translate("backward.mode", "Backprop formulas"), self.panel,
                                    Qt.DockWidgetArea.BottomDockWidgetArea,
                                    name="Backprop formulas")
        self.dock.hide()
        # Under the canvas only: the Output dock on the right keeps its full height, or
        # the loss plot shrank to a strip while stepping through at 1280×720.
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.on = False
        self.trace: Trace | None = None
        self.row = 0
        self.seq: list[Step] = []
        self.index = -1  # -1: not stepping
        self.focus: str | None = None  # graph mode: whose path sum the formula dock shows
        self._update_index: int | None = None  # undo-stack index after our update command
        self._sized_for: tuple | None = None  # the room and network the labels are sized for
        self.anim = QVariantAnimation(self)
        self.anim.setStartValue(0.0)
        self.anim.setEndValue(1.0)
        self.anim.setDuration(650)
        self.anim.valueChanged.connect(self._pulse)
        self.anim.finished.connect(lambda: self._pulse(-1.0))
        self.animate = True
        # presentation mode in or out: once it has said so (it scales the type first)
        # (a method, not a lambda: the connection ends with this window's mode)
        uiscale.notifier.changed.connect(self._scale_changed)
        self.scene.selectionChanged.connect(self._show_paths)
        self.scene.neuronHovered.connect(self._show_paths)
        self.model.changed.connect(self._on_changed)
        self.model.replaced.connect(self._on_replaced)
        window.controller.snapshot.connect(self._on_snapshot)

    # ------------------------------------------------------------ the trace
    @property
    def notation(self) -> Notation:
        return Notation.from_view(self.model.document.view)

    def compute(self) -> Trace | None:
        doc = self.model.document
        try:
            data = doc.build_dataset()
            plan = Plan(doc.network, doc.settings.loss_spec)
            inputs = data.inputs(plan.features)  # DataError: an input the data lacks
        except Exception:  # noqa: BLE001 — an unfinished network simply has no trace yet
            return None
        sample = self.w.controller.sample
        self.row = sample if sample is not None and sample < data.n else 0
        self.chosen = sample is not None and sample < data.n
        self.plan = plan
        x = inputs[self.row]
        self.x, self.y = x, data.y[self.row]
        s = doc.settings
        # The optimiser's update from its state as last paused (Adam's m, v, t...).
        state = None if doc.optimizer_state is None else from_portable(doc.optimizer_state, plan,
                                                                       doc.network)
        return trace(doc.network, x, self.y, s.loss_spec, s.convention,
                     schedules.rate(s, doc.epoch), plan, (s, state))

    def refresh(self) -> None:
        if not self.on and self.index < 0:
            return
        self.trace = self.compute()
        self.overlay.notation = self.notation
        self.overlay.set_trace(self.trace, stale=False)
        self._legend()
        self._show_paths()

    def is_stale(self) -> bool:
        """Do the numbers on screen still belong to the document's weights and biases?"""
        t, net = self.trace, self.model.document.network
        if t is None:
            return False
        for e in t.edges:
            edge = net.edges.get((e.source, e.target))
            if edge is None or edge.weight != e.weight:
                return True
        return any(n.bias is not None and (n.id not in net.neurons
                                           or net.neurons[n.id].bias != n.bias)
                   for n in t.neurons)

    def _on_changed(self, change) -> None:
        if change.kind == VIEW:
            self.overlay.notation = self.notation
            self.overlay.relayout()
            self._legend()
            self._show_paths()
            return
        if self.trace is None or (not self.on and self.index < 0):
            return
        if self.index >= 0 and self.seq[self.index].phase == "update":
            return  # our own update: the numbers explain it, they are not stale
        stale = self.is_stale() or change.kind == "structure"
        if stale != self.overlay.stale:
            self.overlay.stale = stale
            self.overlay.relayout()
            self._legend()

    def _on_replaced(self) -> None:
        """Another document: no step, no formula and no numbers of the old network."""
        self.leave()
        self.panel.clear()
        self.trace = None
        self.refresh()  # the new network's numbers, if the backward view is on

    def _on_snapshot(self, _snap) -> None:
        if self.on and self.index < 0:
            self.refresh()

    def _legend(self) -> None:
        """The overlay writes the legend (export draws the same lines under a figure)."""
        ov, t = self.overlay, self.trace
        if t is not None:
            nt = self.notation
            x = ", ".join(nt.num(v) for v in self.x)
            ov.example = (f"row {self.row}, x = ({x})" if self.chosen else
                          f"row 0 (none highlighted — click a point in the decision plot),"
                          f" x = ({x})")
        lines = [escape(line, quote=False) for line in ov.legend_lines()]
        lines[0] = "<b>" + lines[0].replace(" — ", "</b> — ", 1) if " — " in lines[0] \
            else f"<b>{lines[0]}</b>"
        if ov.stale and t is not None:
            lines[-1] = f"<b style='color:#c2410c'>{lines[-1]}</b>"
        self.legend.set_lines(lines)
        self._sync_legend()

    def _scale_changed(self, _factor: float) -> None:
        QTimer.singleShot(0, self, self._sync_legend)

    def _sync_legend(self, *_args: object) -> None:
        """The card shows with the annotations, except while stepping through in
        presentation mode: there the formula dock names each step in large type, and at
        1280×720 the card took half of what the dock leaves of the canvas."""
        presenting = getattr(getattr(self.w, "presentation", None), "active", False)
        shown = self.overlay.scene() is not None and not (presenting and self.index >= 0)
        if shown != self.legend.isVisible():
            self.legend.setVisible(shown)
            if self.view.following() and self.view.fit_source is not None:
                self.fit()

    # ------------------------------------------------------------ toggles
    def set_backward(self, on: bool) -> None:
        self.on = on
        if on:
            self.scene.add_overlay(self.overlay)
            self.scene.set_weight_labels_visible(False)  # the overlay labels the edges
            # The building controls (+/−, "+ layer", features, captions) would sit under
            # the cards, and a click meant for a card would edit the network.
            self.view.controls.set_visible(False)
            self.view.hint.hide()  # the building tools' hint: room for the network instead
            self.view.fit_source = self._fit_rect
            self.legend.show()
            self._sync_legend()
            self.refresh()
            self.fit()
        elif self.index < 0:
            self._hide()

    def fit(self) -> None:
        """Fit the network and its labels; the view keeps them in sight on resizes."""
        self.view.fit()

    def _fit_rect(self) -> QRectF:
        """The network and its labels (the view keeps them clear of the legend card), the
        labels sized for the room first: again only when the room or the network changed."""
        ov, sc = self.overlay, self.scene
        free = self.view.free_rect()
        key = (round(free.width()), round(free.height()), uiscale.factor(), ov.show_grads,
               ov.graph_mode, self.index >= 0, ov.notation, ov.trace is None,
               tuple((nid, i.x(), i.y()) for nid, i in sc.neurons.items()), len(sc.edges))
        if key != self._sized_for:
            self._sized_for = key
            fit_labels(ov, self._labels_rect, self.view.fit_scale)
        return self._labels_rect()

    def _labels_rect(self) -> QRectF:
        rect = self.scene.overlay_rect(10)
        return rect if rect.isNull() else rect.adjusted(-20, -20, 20, 20)

    def _hide(self) -> None:
        self.view.fit_source = None
        self.scene.remove_overlay(self.overlay)
        self.scene.set_weight_labels_visible(True)
        self.view.controls.set_visible(True)
        self.view.hint.show()
        self.legend.hide()
        if self.view.following():  # the controls take their room again
            self.view.fit()

    def set_graph(self, on: bool) -> None:
        self.overlay.graph_mode = on
        if on and not self.on:
            self.w.actions_["backward"].setChecked(True)
        self.overlay.relayout()  # cards move clear of the wider capsules
        self._legend()
        if on:  # the path sums of a clicked neuron are written there
            self.dock.show()
        if self.on:  # after the dock has taken its room from the canvas
            QTimer.singleShot(0, self, self.fit)  # dropped if the window goes first
        self._show_paths()

    # ---------------------------------------------------------- path sums
    def _show_paths(self, _hovered=None) -> None:
        """In the graph mode, ∂L/∂v of the hovered (else the selected) neuron or input as a
        sum over its paths to the outputs, with the numbers plugged in."""
        ov = self.overlay
        graph = ov.graph_mode and ov.scene() is not None and self.index < 0
        focus = None
        if graph and self.trace is not None:
            hovered = self.scene.hovered
            chosen = self.scene.selection()[0]
            focus = hovered if hovered in self.scene.neurons else (chosen[0] if chosen else None)
            if focus is not None and all(n.id != focus for n in self.trace.neurons):
                focus = None  # added after the trace was computed: it has no numbers yet
        if focus != self.focus:
            self.focus = focus
            ov.focus.set_focus(focus)
        if not graph:
            return
        if focus is None:
            hint = translate("backward.mode", "Click or hover a neuron or an input: its"
                             " gradient appears here as a sum over paths.")
            self.panel.show_lines(translate("backward.mode", "Path sums"), [], hint)
            return
        ps = path_sum(self.trace, self.model.document.network, focus, notation=self.notation)
        notes = []
        if ps.count > 1:
            notes.append(translate("backward.mode", "{count} paths back from the loss.").format(
                count=ps.count))
        elif ps.paths and len(ps.paths[0].factors) > 1:
            notes.append(translate("backward.mode", "1 path back from the loss."))
        if any(f.kind == "delta" for p in ps.paths for f in p.factors):
            notes.append(translate("backward.mode", "Paths through a softmax output start at"
                                   " its ∂L/∂z (δ): the group couples its outputs, so one g′"
                                   " per output would be wrong."))
        if ps.more:
            notes.append(translate("backward.mode", "The {shown} largest are written out, the other"
                                   " {more} are summed; the total is exact.").format(
                                       shown=len(ps.paths), more=ps.more))
        if ov.stale:
            notes.append(translate("backward.mode", "Stale: the weights changed since these numbers"
                                   " were computed."))
        title = translate("backward.mode", "{symbol} = {value}, a sum over paths").format(
            symbol=ps.symbol, value=self.notation.num(ps.value))
        self.panel.show_lines(title, ps.lines(self.notation), " ".join(notes))

    def set_grads(self, on: bool) -> None:
        self.overlay.show_grads = on
        self.overlay.relayout()
        if self.on and self.view.following():  # larger boxes: sized and fitted again
            self.fit()

    def set_notation(self, **changes) -> None:
        values = self.notation.to_view() | {f"backward.{k}": v for k, v in changes.items()}
        self.model.push(SetView(values, "Change backprop notation"))

    # ----------------------------------------------------------- stepping
    def toggle_stepping(self) -> None:
        self.leave() if self.index >= 0 else self.start()

    def start(self) -> None:
        self.w.controller.pause()
        was_on = self.on
        self.on = True
        self.set_backward(True)
        self.on = was_on
        if self.trace is None:
            self.w.show_message(translate("backward.mode", "Step-through needs a network that"
                                          " runs on the data"))
            return
        doc = self.model.document
        self.seq = steps(self.trace, doc.network, self.plan.order, self.plan.level_of,
                         self.notation)
        self._update_index = None
        s = doc.settings  # the update step writes this example's numbers before → after it
        self.overlay.after = trace(self._updated(), self.x, self.y, s.loss_spec, s.convention,
                                   schedules.rate(s, doc.epoch), self.plan)
        self.w.actions_["step"].setEnabled(False)  # → and ← drive the stepper now
        for key in ("next", "prev", "next_phase", "prev_phase", "leave"):
            self.w.actions_[f"bp_{key}"].setEnabled(True)
        self.dock.show()
        self.dock.raise_()
        if not self.chosen:
            self.w.show_message(translate("backward.mode", "Stepping through row 0 of the"
                                          " training set (no example highlighted)"))
        self.go(0)

    def leave(self) -> None:
        if self.index < 0:
            return
        self.index = -1
        self.anim.stop()
        self.overlay.step, self.overlay.pulse, self.overlay.after = None, -1.0, None
        for item in [*self.scene.neurons.values(), *self.scene.edges.values()]:
            item.setOpacity(1.0)
        self.w.actions_["step"].setEnabled(True)
        for key in ("next", "prev", "next_phase", "prev_phase", "leave"):
            self.w.actions_[f"bp_{key}"].setEnabled(False)
        self.panel.show_step(None, 0, 0, translate("backward.mode", "Step-through left."))
        if self.on:
            self.refresh()
        else:
            self._hide()

    def go(self, i: int) -> None:
        if not self.seq:
            return
        i = max(0, min(i, len(self.seq) - 1))
        upd = next(k for k, s in enumerate(self.seq) if s.phase == "update")
        if i < upd <= self.index:
            self._undo_update()
        self.index = i
        step = self.seq[i]
        if step.phase == "update" and self._update_index is None:
            self._apply_update()
        self.overlay.step = step
        self._dim(step)
        self.overlay.relayout()
        self._legend()  # the update step says which numbers are before and which after
        note = (translate("backward.mode", "Weights updated (Edit → Undo, or ← , restores"
                          " them exactly).") if step.phase == "update" else "")
        self.panel.show_step(step, i, len(self.seq), note)
        if self.animate and step.edges and step.phase != "update":
            self.anim.stop()
            self.anim.start()

    def _updated(self):
        return updated_network(self.trace, self.model.document.network)

    def _apply_update(self) -> None:
        """One undoable command: every weight and bias moved by this example's Δ."""
        net = self.model.document.network
        if self.model.push(set_parameters(net, self._updated(), "Backprop update (one example)")):
            self._update_index = self.model.undo_stack.index()

    def _undo_update(self) -> None:
        stack = self.model.undo_stack
        if self._update_index is not None and stack.index() == self._update_index:
            stack.undo()
        self._update_index = None

    def _dim(self, step: Step) -> None:
        dim(self.scene, step)

    def _pulse(self, value) -> None:
        self.overlay.pulse = float(value)
        self.overlay.active.update()  # the labels above stay cached

    def step_by(self, delta: int) -> None:
        if self.index >= 0:
            self.go(self.index + delta)

    def jump(self, forward: bool) -> None:
        if self.index >= 0:
            self.go(next_phase(self.seq, self.index) if forward
                    else prev_phase(self.seq, self.index))


def updated_network(t: Trace, network: Network) -> Network:
    """A copy of ``network`` with every weight and bias moved by the traced example's Δ
    (the step-through's update step; the animation export draws the same)."""
    new = network.copy()
    for e in t.edges:
        new.edges[(e.source, e.target)].weight = e.weight + e.delta_w
    for n in t.neurons:
        if n.bias is not None:
            new.neurons[n.id].bias = n.bias + n.delta_bias
    return new


def dim(scene, step: Step) -> None:
    """Fade what ``step`` has not revealed yet (the window's step-through and its export)."""
    # Only what changes: a step reveals a few items, and every setOpacity (even to
    # the same value) runs itemChange and regroups an edge in the edge layer.
    known = step.revealed
    for nid, item in scene.neurons.items():
        opacity = 1.0 if ("a", nid) in known else 0.3
        if item.opacity() != opacity:
            item.setOpacity(opacity)
    for key, item in scene.edges.items():
        opacity = 1.0 if ("w", key) in known else 0.25
        if item.opacity() != opacity:
            item.setOpacity(opacity)


def install(window) -> BackwardMode:
    """Add the backward view, computational graph, step-through and formula dock to window."""
    mode = BackwardMode(window)
    a = window.actions_

    def act(key, text, slot, shortcut=None, checkable=False, enabled=True, tip=""):
        action = QAction(text, window, checkable=checkable)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setEnabled(enabled)
        (action.toggled if checkable else action.triggered).connect(slot)
        window.addAction(action)
        a[key] = action
        return action

    act("backward", translate("backward.mode", "&Backward Pass"), mode.set_backward, "B",
        True, tip=translate("backward.mode", "Annotate every neuron and edge with g′(z) and δ"
                            " of the highlighted example"))
    act("graph", translate("backward.mode", "&Computational Graph"), mode.set_graph, "G",
        True, tip=translate("backward.mode", "Draw each neuron as a Σ node and an activation"
                            " node"))
    act("grads", translate("backward.mode", "Show ∂L/∂w and Δw"), mode.set_grads, None, True,
        tip=translate("backward.mode", "Also write each weight's gradient and update on its"
                      " edge"))
    act("stepping", translate("backward.mode", "Step &Through Backprop"),
        lambda _c=False: mode.toggle_stepping(), "F6",
        tip=translate("backward.mode", "Forward, loss, δ, gradients, update: one step per →"
                      " key"))
    act("animate", translate("backward.mode", "Animate Signal"),
        lambda on: setattr(mode, "animate", on), None, True)
    a["animate"].setChecked(True)
    act("bp_next", translate("backward.mode", "Next Step"),
        lambda _c=False: mode.step_by(1), "Right", enabled=False)
    act("bp_prev", translate("backward.mode", "Previous Step"),
        lambda _c=False: mode.step_by(-1), "Left", enabled=False)
    act("bp_next_phase", translate("backward.mode", "Next Phase"),
        lambda _c=False: mode.jump(True), "Shift+Right", enabled=False)
    act("bp_prev_phase", translate("backward.mode", "Previous Phase"),
        lambda _c=False: mode.jump(False), "Shift+Left", enabled=False)
    act("bp_leave", translate("backward.mode", "Leave Step-Through"),
        lambda _c=False: mode.leave(), "Escape", enabled=False)
    view_menu = find_menu(window, "view")
    if view_menu is not None:
        view_menu.addSeparator()
        for key in ("backward", "graph", "grads", "stepping", "animate"):
            view_menu.addAction(a[key])
        notation = view_menu.addMenu(translate("backward.mode", "Backprop &Notation"))
        for significant in (False, True):
            for digits in (2, 3, 4):
                notation.addAction(
                    Notation(digits, significant=significant).precision,
                    lambda d=digits, s=significant: mode.set_notation(digits=d, significant=s))
        notation.addSeparator()
        for sym in ("a", "o", "h"):
            notation.addAction(translate("backward.mode", "activation: {symbol}").format(
                symbol=sym),
                               lambda s=sym: mode.set_notation(act=s))
        for sym in ("z", "net"):
            notation.addAction(translate("backward.mode", "pre-activation: {symbol}").format(
                symbol=sym),
                               lambda s=sym: mode.set_notation(pre=s))
        view_menu.addAction(mode.dock.toggleViewAction())
    window.backward = mode
    return mode
