"""Plain-text layouts for the command line: the trace tables and the training summary.

The trace table is what a student holds next to a hand-worked backpropagation
exercise, so it follows the lecture's order (forward z, a, then g'(z) and δ),
states the δ convention and the loss formula in words, shows the bias as the
weight of a constant input 1 (the slides' x0 = 1), and prints plain fixed-point
numbers: no colour, no box drawing, nothing that breaks when pasted into an email.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from nnviz.core import numfmt
from nnviz.core.activations import ACTIVATIONS, THRESHOLD_UNITS
from nnviz.core.losses import LOSSES
from nnviz.core.trace import CONVENTIONS, Trace

DASH = "—"

# What a shared file's text must not send to a terminal: C0 and C1 controls (ESC starts
# the sequences that retitle, clear or recolour it) and the bidirectional overrides and
# isolates that make a line read in another order than it runs (U+202E...).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_KEEPING_LINES = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")  # json escapes the C0 ones itself


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, keep_lines: bool = False) -> str:
    """``text`` with every control or direction-changing character shown as an escape
    (``\\x1b``, ``\\u202e``): visible, and inert on any terminal."""
    return (_UNSAFE_KEEPING_LINES if keep_lines else _UNSAFE).sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text with C1 controls and direction overrides as \\u escapes (still valid JSON)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def number(value: float | None, digits: int, significant: bool = False) -> str:
    """Fixed-point with ``digits`` decimals (or significant digits); tiny non-zero values in
    scientific notation (see ``nnviz.core.numfmt``: one formatter for canvas and CLI).

    A saturated sigmoid's δ of 3e-7 must not print as 0.0000, which a student
    would read as "no gradient"; -0.0000 is shown as 0.0000; huge values as 1.084e+290.
    """
    return numfmt.number(value, digits, significant)


def values(xs: Sequence[float], digits: int, significant: bool = False) -> str:
    return "(" + ", ".join(number(float(x), digits, significant) for x in xs) + ")"


def table(header: Sequence[str], rows: list[Sequence[str]], left: int = 1) -> list[str]:
    """Columns separated by two spaces; the first ``left`` columns left-aligned, numbers right."""
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if i < left else c.rjust(w)
                 for i, (c, w) in enumerate(zip(cells, widths))]
        return "  " + "  ".join(parts).rstrip()

    return [line(header), "  " + "  ".join("-" * w for w in widths)] + [line(r) for r in rows]


def trace_text(t: Trace, digits: int, *, title: str, example: str, backward: bool,
               loss_kind: str, significant: bool = False) -> str:
    """The human-readable trace: header, neurons table, edges table (and biases);
    ``significant``: ``digits`` counts significant digits instead of decimals."""

    def num(value: float | None) -> str:
        return number(value, digits, significant)

    names = {n.id: terminal_safe(n.label) for n in t.neurons}
    mitchell = t.convention == "mitchell"
    out = [terminal_safe(title), terminal_safe(example),
           f"convention: {t.convention}: {CONVENTIONS[t.convention]}"]
    if backward:
        out.append(f"loss: {LOSSES[loss_kind].lower()}, {t.loss_formula} "
                   f"= {num(t.loss)}")
        out.append(f"learning rate: η = {t.learning_rate:g}")
    else:
        out.append("forward pass only: no target for this input (give --target Y,...)")
    out.append("")
    out.append("Neurons")
    header = ["neuron", "activation", "z", "a", "g'(z)"]
    if backward:
        header += ["∂L/∂a", "δ = −∂E/∂net" if mitchell else "δ = ∂L/∂z"]
    rows = []
    for n in t.neurons:
        row = [names[n.id] if n.label == n.id else f"{names[n.id]} ({terminal_safe(n.id)})",
               "input" if n.role == "input" else n.activation,
               num(n.z), num(n.a), num(n.g_prime)]
        if backward:
            row += [num(n.dl_da), num(n.delta)]
        rows.append(row)
    out += table(header, rows, left=2)
    if backward:
        out.append("  ∂L/∂a of an input is ∂L/∂x: how the loss changes with that input.")
    units = [n.activation for n in t.neurons if n.activation in THRESHOLD_UNITS]
    for unit in dict.fromkeys(units):  # the slides differ at z = 0: say which one this is
        out.append(f"  {unit}: {ACTIVATIONS[unit].formula}")
    if any(n.activation == "softmax" for n in t.neurons):
        out.append("  softmax: g'(z) is ∂a_k/∂z_k alone; δ_k = Σ_j ∂L/∂a_j · ∂a_j/∂z_k "
                   "couples the group.")
    out.append("")
    out.append("Weights (a bias is the weight from a constant input 1)")
    header = ["edge", "w"]
    if backward:
        header += ["∂L/∂w", "Δw = η·δ·o" if mitchell else "Δw = −η·∂L/∂w"]
    rows = []
    for e in t.edges:
        row = [f"{names[e.source]} → {names[e.target]}", num(e.weight)]
        if backward:
            row += [num(e.grad), num(e.delta_w)]
        rows.append(row)
    for n in t.neurons:
        if n.role == "input":
            continue
        row = [f"1 → {names[n.id]} (bias)", num(n.bias)]
        if backward:
            row += [num(n.bias_grad), num(n.delta_bias)]
        rows.append(row)
    out += table(header, rows)
    out.append("")
    out.append(f"output: ŷ = {values(t.output, digits, significant)}"
               + (f", target y = {values(t.target, digits, significant)}" if backward else ""))
    return "\n".join(out)


def progress_bar(done: int, total: int, loss: float | None, width: int = 30) -> str:
    """One carriage-return line for a terminal: bar, count and the latest training loss."""
    filled = int(width * done / total) if total else width
    tail = f"  train loss {loss:.4g}" if loss is not None and math.isfinite(loss) else ""
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} epochs{tail}"


def summary_text(result: dict) -> str:
    """The final figures of ``nnviz train``, one per line."""
    lines = [f"trained {result['epochs']} epochs (now at epoch {result['epoch']})"]
    if result.get("optimizer", "sgd") != "sgd" or result.get("schedule", "constant") != "constant":
        lines.append(f"optimizer {result['optimizer']}, learning rate now "
                     f"{result['learning_rate']:.6g}")
    for split in ("train", "test"):
        loss, acc = result[f"{split}_loss"], result[f"{split}_accuracy"]
        text = f"{split:5s} loss {number(loss, 4)}"
        if acc is not None:
            text += f"  accuracy {100 * acc:.1f}%"
        groups = result.get("group_accuracy", {}).get(split, {})
        if acc is not None and groups:
            text += " (all groups right; " + ", ".join(
                f"{name} {100 * v:.1f}%" for name, v in groups.items() if v is not None) + ")"
        lines.append(text)
    if result.get("stopped"):
        lines.append(result["stopped"])
    return "\n".join(lines)
