"""Backpropagation as a sequence of teaching steps, with the numbers plugged in.

Pure: built from a core ``Trace`` (the same numbers ``nnviz trace`` prints), so a
step-through on screen can never disagree with the command line. A step names
the neurons and edges it concerns, what is *revealed* once it is done (so the
canvas can dim what is not computed yet) and one formula line per result.

Phases, in lecture order: forward (neuron by neuron) → loss → output δ →
hidden δ (layer by layer, backwards) → gradients → update.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.core.network import Network
from nnviz.core.numfmt import number
from nnviz.core.trace import Trace

PHASES = ("forward", "loss", "output_delta", "hidden_delta", "gradient", "update")
PHASE_TITLES = {"forward": "Forward pass", "loss": "Loss", "output_delta": "Output δ",
                "hidden_delta": "Hidden δ", "gradient": "Gradients", "update": "Update"}
G_SYMBOL = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "LReLU",
            "prelu": "PReLU", "identity": "id", "step": "step",
            "threshold": "𝕀[z≥0]", "softmax": "softmax"}

Reveal = tuple[str, object]  # (quantity, neuron id or edge key): what a step makes known


@dataclass(frozen=True)
class Notation:
    """How numbers and symbols are written; saved in the document's ``view`` dict."""

    digits: int = 3  # decimals, like ``nnviz trace --digits``, or significant digits
    act: str = "a"  # activation symbol: a, o or h
    pre: str = "z"  # pre-activation symbol: z or net
    significant: bool = False  # digits counts significant digits, not decimals

    @classmethod
    def from_view(cls, view: dict) -> Notation:
        """Read back what ``to_view`` wrote; a file without ``backward.significant`` (older
        than the option) means decimals, and anything malformed falls back to the default."""
        digits = view.get("backward.digits", 3)
        act, pre = view.get("backward.act", "a"), view.get("backward.pre", "z")
        significant = view.get("backward.significant", False)
        return cls(int(digits) if isinstance(digits, int) and 0 <= digits <= 10 else 3,
                   act if act in ("a", "o", "h") else "a", pre if pre in ("z", "net") else "z",
                   significant is True)

    def to_view(self) -> dict:
        return {"backward.digits": self.digits, "backward.act": self.act,
                "backward.pre": self.pre, "backward.significant": self.significant}

    @property
    def precision(self) -> str:
        """The precision in words, for the legend: "3 decimals", "3 significant digits"."""
        if self.significant:
            return f"{self.digits} significant digit{'s' if self.digits != 1 else ''}"
        return f"{self.digits} decimal{'s' if self.digits != 1 else ''}"

    def num(self, value: float | None) -> str:
        return fmt(value, self.digits, self.significant)


def fmt(value: float | None, digits: int, significant: bool = False) -> str:
    """``numfmt.number`` with a true minus sign (−) for projection: decimals by default,
    like the CLI; tiny non-zero values in scientific notation so a vanishing gradient
    never reads as 0."""
    return number(value, digits, significant, unicode=True)


def parse(text: str) -> float:
    """The inverse of ``fmt`` (tests read numbers back off the canvas)."""
    return float(text.replace("−", "-").replace("∞", "inf"))


@dataclass(frozen=True)
class Step:
    phase: str
    title: str
    neurons: tuple[str, ...]  # active neurons
    edges: tuple[tuple[str, str], ...]  # active edges
    lines: tuple[str, ...]  # formulas with numbers plugged in
    revealed: frozenset = field(default_factory=frozenset)  # cumulative Reveals

    @property
    def formula(self) -> str:
        return "\n".join(self.lines)


def steps(trace: Trace, network: Network, order: list[str], levels: dict[str, int],
          notation: Notation | None = None) -> list[Step]:
    """Every step of one forward/backward/update pass; ``order`` and ``levels`` from a Plan."""
    nt = notation or Notation()
    mitchell = trace.convention == "mitchell"
    n, lab = trace.neuron, (lambda nid: network.neurons[nid].label)
    A, Z = nt.act, nt.pre
    incoming: dict[str, list[tuple[str, str]]] = {nid: [] for nid in network.neurons}
    outgoing: dict[str, list[tuple[str, str]]] = {nid: [] for nid in network.neurons}
    for key in network.edges:
        incoming[key[1]].append(key)
        outgoing[key[0]].append(key)
    inputs = [nid for nid in order if network.neurons[nid].role == "input"]
    computed = [nid for nid in order if network.neurons[nid].role != "input"]
    outputs = [nid for nid in computed if network.neurons[nid].role == "output"]
    hidden = [nid for nid in computed if network.neurons[nid].role != "output"]
    revealed: set[Reveal] = {("a", nid) for nid in inputs}
    out: list[Step] = []

    def add(phase: str, title: str, neurons, edges, lines, reveals) -> None:
        revealed.update(reveals)
        out.append(Step(phase, title, tuple(neurons), tuple(edges), tuple(lines),
                        frozenset(revealed)))

    for nid in computed:  # forward, neuron by neuron in engine order
        t, edges = n(nid), incoming[nid]
        terms = [f"{_par(nt.num(trace.edge(*k).weight))} × {nt.num(n(k[0]).a)}" for k in edges]
        bias = nt.num(t.bias)
        zline = (f"{Z}_{lab(nid)} = Σ_k w_{lab(nid)},k {A}_k + b = "
                 + " + ".join([*terms, f"({bias})" if bias.startswith("−") else bias])
                 + f" = {nt.num(t.z)}")
        g = G_SYMBOL.get(t.activation, t.activation)
        aline = f"{A}_{lab(nid)} = {g}({nt.num(t.z)}) = {nt.num(t.a)}"
        add("forward", f"Forward: {lab(nid)}", [nid], edges, [zline, aline],
            [("z", nid), ("a", nid), *[("w", k) for k in edges]])
    ys = ", ".join(nt.num(v) for v in trace.target)
    yhat = ", ".join(nt.num(v) for v in trace.output)
    add("loss", "Loss", outputs, [],
        [trace.loss_formula, f"with {A} = ({yhat}) and y = ({ys}):  L = {nt.num(trace.loss)}"],
        [("loss", None)])
    dname = "−∂E/∂net" if mitchell else "∂L/∂z"
    for nid in outputs:
        t = n(nid)
        if t.activation == "softmax":  # g' is a Jacobian: only the product is meaningful
            line = f"δ_{lab(nid)} = {dname}_{lab(nid)} = {nt.num(t.delta)}"
        elif mitchell:
            line = (f"δ_{lab(nid)} = −∂E/∂{A} · g′({Z}_{lab(nid)}) = "
                    f"{nt.num(-t.dl_da)} × {nt.num(t.g_prime)} = {nt.num(t.delta)}")
        else:
            line = (f"δ_{lab(nid)} = ∂L/∂{A} · g′({Z}_{lab(nid)}) = "
                    f"{nt.num(t.dl_da)} × {nt.num(t.g_prime)} = {nt.num(t.delta)}")
        add("output_delta", f"Output δ: {lab(nid)}", [nid], [], [line], [("delta", nid)])
    for nid in sorted(hidden, key=lambda h: (-levels[h], order.index(h))):
        t, edges = n(nid), outgoing[nid]
        terms = " + ".join(f"{_par(nt.num(trace.edge(*k).weight))} × {_par(nt.num(n(k[1]).delta))}"
                           for k in edges) or "0"
        line = (f"δ_{lab(nid)} = g′({Z}_{lab(nid)}) · Σ_k w_k,{lab(nid)} δ_k = "
                f"{nt.num(t.g_prime)} × ({terms}) = {nt.num(t.delta)}")
        add("hidden_delta", f"Hidden δ: {lab(nid)} (layer {levels[nid]})", [nid], edges,
            [line], [("delta", nid), *[("back", k) for k in edges]])
    for nid in computed:  # one step per neuron: its incoming weights and its bias
        t, edges = n(nid), incoming[nid]
        lines = []
        for k in edges:
            e = trace.edge(*k)
            src = lab(k[0])
            if mitchell:  # ∂E/∂w = −δ·o in Mitchell's sign
                lines.append(f"∂E/∂w_{lab(nid)},{src} = −δ_{lab(nid)} · {A}_{src} = "
                             f"−{_par(nt.num(t.delta))} × {nt.num(n(k[0]).a)} = {nt.num(e.grad)}")
            else:
                lines.append(f"∂L/∂w_{lab(nid)},{src} = δ_{lab(nid)} · {A}_{src} = "
                             f"{nt.num(t.delta)} × {nt.num(n(k[0]).a)} = {nt.num(e.grad)}")
        lines.append(f"∂{'E' if mitchell else 'L'}/∂b_{lab(nid)} = {nt.num(t.bias_grad)}")
        add("gradient", f"Gradients into {lab(nid)}", [nid], edges, lines,
            [("grad", k) for k in edges] + [("bias_grad", nid)])
    # The example line uses the weight that moves most: a zero step teaches nothing.
    first = max(trace.edges, key=lambda e: abs(e.delta_w), default=None)
    if trace.optimizer is not None:
        lines = _optimizer_lines(trace, first, lab, nt, mitchell)
    else:
        lines = _sgd_lines(trace, first, lab, n, nt, mitchell)
    add("update", "Update every weight and bias", computed, list(network.edges), lines,
        [("update", k) for k in network.edges])
    return out


def _sgd_lines(trace: Trace, first, lab, n, nt: Notation, mitchell: bool) -> list[str]:
    """SGD's update rule and the weight that moves most as its example."""
    eta = f"{trace.learning_rate:g}"
    rule = ("Δw_ji = η δ_j o_i,  w ← w + Δw" if mitchell else "w ← w − η · ∂L/∂w")
    lines = [rule]
    if first is not None:
        t = n(first.target)
        if mitchell:
            lines.append(f"e.g. Δw_{lab(first.target)},{lab(first.source)} = {eta} × "
                         f"{_par(nt.num(t.delta))} × {nt.num(n(first.source).a)} = "
                         f"{nt.num(first.delta_w)}")
        else:
            lines.append(f"e.g. w_{lab(first.target)},{lab(first.source)} ← "
                         f"{nt.num(first.weight)} − {eta} × {_par(nt.num(first.grad))} = "
                         f"{nt.num(first.weight + first.delta_w)}")
    return lines


def _optimizer_lines(trace: Trace, e, lab, nt: Notation, mitchell: bool) -> list[str]:
    """The optimiser's formula, then its numbers for the weight that moves most: the state
    before (m, v, t...), the new state, and the new weight, in either δ convention. Adam's
    corrected moments are written m_hat and v_hat: a combining hat is drawn out of place in
    the formula panel's font."""
    opt = trace.optimizer
    name, s = opt["name"], opt["settings"]
    eta = f"{trace.learning_rate:g}"
    G = "∂E/∂w" if mitchell else "∂L/∂w"
    step = "Δw = −η" if mitchell else "w ← w − η"
    rules = {
        "sgd": ["v ← μ v − η g,  " + ("Δw = v" if mitchell else "w ← w + v")],
        "nesterov": ["v ← μ v − η g,  " + ("Δw = μ v − η g" if mitchell else
                                          "w ← w + μ v − η g")],
        "adagrad": ["G ← G + g²", f"{step} · g / (√G + ε)"],
        "rmsprop": ["s ← ρ s + (1 − ρ) g²", f"{step} · g / (√s + ε)"],
        "adam": ["m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²",
                 "m_hat = m / (1 − β₁ᵗ),  v_hat = v / (1 − β₂ᵗ)",
                 f"{step} · m_hat / (√v_hat + ε)"],
    }
    rules["adamw"] = [*rules["adam"][:2], f"{step} · (m_hat / (√v_hat + ε) + λ w)"]
    title = {"sgd": "SGD with momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad",
             "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW"}[name]
    lines = [f"{title}, with g = {G}:", *rules[name]]
    if e is None:
        return lines
    key, num = (e.source, e.target), nt.num
    g, w, lr = e.grad, e.weight, trace.learning_rate
    st = opt["edges"][key]
    sub = f"{lab(e.target)},{lab(e.source)}"
    lines.append(f"e.g. w_{sub} = {num(w)}, g = {num(g)}:")
    if name == "sgd":
        lines.append(f"v = {s.momentum:g} × {_par(num(st['velocity']))} − {eta} × "
                     f"{_par(num(g))} = {num(e.delta_w)}")
    elif name == "nesterov":
        mu = s.momentum
        v = mu * st["velocity"] - lr * g
        lines.append(f"v = {mu:g} × {_par(num(st['velocity']))} − {eta} × {_par(num(g))} = "
                     f"{num(v)}")
        lines.append(f"μ v − η g = {mu:g} × {_par(num(v))} − {eta} × {_par(num(g))} = "
                     f"{num(e.delta_w)}")
    elif name == "adagrad":
        acc = st["G"] + g * g
        lines.append(f"G = {num(st['G'])} + {_par(num(g))}² = {num(acc)}")
        lines.append(f"η · g / (√G + ε) = {eta} × {_par(num(g))} / ({num(acc ** 0.5)} + "
                     f"{_g(s.eps)}) = {num(-e.delta_w)}")
    elif name == "rmsprop":
        sq = s.rho * st["s"] + (1 - s.rho) * g * g
        lines.append(f"s = {s.rho:g} × {num(st['s'])} + {1 - s.rho:g} × {_par(num(g))}² = "
                     f"{num(sq)}")
        lines.append(f"η · g / (√s + ε) = {eta} × {_par(num(g))} / ({num(sq ** 0.5)} + "
                     f"{_g(s.eps)}) = {num(-e.delta_w)}")
    else:
        t = opt["step"] + 1
        m = s.beta1 * st["m"] + (1 - s.beta1) * g
        v = s.beta2 * st["v"] + (1 - s.beta2) * g * g
        m_hat, v_hat = m / (1 - s.beta1 ** t), v / (1 - s.beta2 ** t)
        lines.append(f"t = {t},  m = {s.beta1:g} × {_par(num(st['m']))} + {1 - s.beta1:g} × "
                     f"{_par(num(g))} = {num(m)}")
        lines.append(f"v = {s.beta2:g} × {num(st['v'])} + {1 - s.beta2:g} × {_par(num(g))}² = "
                     f"{num(v)}")
        lines.append(f"m_hat = {num(m)} / (1 − {s.beta1:g}^{t}) = {num(m_hat)},  "
                     f"v_hat = {num(v)} / (1 − {s.beta2:g}^{t}) = {num(v_hat)}")
        ratio = f"{num(m_hat)} / ({num(v_hat ** 0.5)} + {_g(s.eps)})"
        if name == "adamw":
            lines.append(f"η · (m_hat / (√v_hat + ε) + λ w) = {eta} × ({ratio} + "
                         f"{s.weight_decay:g} × {_par(num(w))}) = {num(-e.delta_w)}")
        else:
            lines.append(f"η · m_hat / (√v_hat + ε) = {eta} × {ratio} = {num(-e.delta_w)}")
    if mitchell:
        lines.append(f"Δw_{sub} = {num(e.delta_w)},  w ← {num(w)} + {_par(num(e.delta_w))} = "
                     f"{num(w + e.delta_w)}")
    else:
        lines.append(f"w_{sub} ← {num(w)} + {_par(num(e.delta_w))} = {num(w + e.delta_w)}")
    return lines


def _par(text: str) -> str:
    return f"({text})" if text.startswith("−") else text


def next_phase(seq: list[Step], i: int) -> int:
    """Index of the first step of the next phase (or the last step)."""
    phase = seq[i].phase
    for j in range(i + 1, len(seq)):
        if seq[j].phase != phase:
            return j
    return len(seq) - 1


def prev_phase(seq: list[Step], i: int) -> int:
    """Index of the first step of this phase, or of the previous one when already there."""
    j = i
    while j > 0 and seq[j - 1].phase == seq[i].phase:
        j -= 1
    if j < i:
        return j
    if j == 0:
        return 0
    k = j - 1
    while k > 0 and seq[k - 1].phase == seq[j - 1].phase:
        k -= 1
    return k


def _g(value: float) -> str:
    """A hyper-parameter as written (1e−08), with a true minus sign."""
    return f"{value:g}".replace("-", "−")
