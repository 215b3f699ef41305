"""The ``nnviz`` command: the desktop window, or headless ``trace``, ``train`` and ``examples``.

::

    nnviz [FILE]                    open the desktop window (on FILE)
    nnviz trace FILE --input 0,1    forward/backward table for one example
    nnviz trace FILE --sample 3     ... for row 3 (0-based) of the document's data
    nnviz train FILE --epochs 100 --out trained.nnviz
    nnviz examples                  list the shipped examples
    nnviz export FILE -o OUT.png    a figure of the network, a plot or a slide (PNG/SVG/PDF)
    nnviz animate FILE -o OUT.gif   training or the backprop steps as GIF, APNG or MP4
    nnviz check-engine [--kernel]   train one epoch in the engine process (smoke test)
    nnviz exercise --count 30 -o sheet.pdf --key key.pdf   randomised backprop exercises
    nnviz check FILE ANSWERS.csv    grade a filled exercise table against the trace

The headless commands never import Qt at start-up, so they work over SSH and in CI;
``export`` imports it when it runs, on the offscreen platform unless
QT_QPA_PLATFORM says otherwise. Bad
input (a missing or malformed file, a wrong number of values, an unknown
option) prints one line ``nnviz: error: ...`` on stderr and exits with 2.
``nnviz train`` exits with 3 when training diverged (see ``train``'s help).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import re
import sys
import time
from typing import NoReturn

import numpy as np

import nnviz
from nnviz.app.animate_file import VIEWS as ANIMATION_VIEWS
from nnviz.app.export_file import THEMES as EXPORT_THEMES
from nnviz.app.export_file import VIEWS as EXPORT_VIEWS
from nnviz.cli_format import json_safe, progress_bar, summary_text, terminal_safe, trace_text
from nnviz.core.atomicfile import SaveError, check_writable
from nnviz.core.data import DataError, Dataset
from nnviz.core.document import MAX_EPOCH, DocumentError, load, save
from nnviz.core.examples import document_path, example_names
from nnviz.core.headless import (
    Example,
    example_from_inputs,
    example_from_row,
    trace_example,
    train_document,
    with_target,
)
from nnviz.core.network import NetworkError
from nnviz.core.plan import Plan
from nnviz.core.settings import OPTIMIZERS, SCHEDULES
from nnviz.core.trace import CONVENTIONS
from nnviz.core.training import Trainer

EXIT_USAGE = 2  # bad input of any kind
EXIT_DIVERGED = 3  # nnviz train: the weights became NaN or infinite
COMMANDS = ("trace", "train", "info", "examples", "export", "animate", "exercise", "check",
            "check-engine", "install-desktop")
ENGINE_WAIT = 60.0  # seconds check-engine waits for the engine process to answer
MAX_EPOCHS = 10_000_000


class UsageError(Exception):
    """Bad command-line input; main prints it as one ``nnviz: error:`` line."""


class Parser(argparse.ArgumentParser):
    """argparse, but an error is one line and exit code 2, not usage text plus a message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> Parser:
    parser = Parser(prog="nnviz", usage="%(prog)s [FILE]\n       %(prog)s [-h] [--version] "
                    "COMMAND ...", description="Build, train and take apart neural networks. "
                    "Without a command, opens the desktop window (on FILE, if given).")
    parser.add_argument("--version", action="version", version=f"nnviz {nnviz.__version__}")
    # prog="nnviz": otherwise argparse builds each sub-command's prog from the custom
    # top-level usage, and every sub-command's usage line starts with all of it.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                prog="nnviz")

    p = sub.add_parser("trace", help="forward and backward pass of one example, as a table",
                       description="Print z, a, g'(z), ∂L/∂a and δ of every neuron and w, "
                       "∂L/∂w and Δw of every edge for one example.")
    p.add_argument("file", metavar="FILE")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--input", metavar="X1,X2,...", help="the example's raw feature values "
                       "(x1,x2,...; derived input features such as x1^2 are computed), or one "
                       "value per input neuron")
    which.add_argument("--sample", metavar="N", type=int,
                       help="row N (0-based) of the document's dataset")
    p.add_argument("--target", metavar="Y,...", help="target values, one per output; default: "
                   "the target of the dataset row with exactly these inputs")
    p.add_argument("--convention", choices=list(CONVENTIONS),
                   help="δ = ∂L/∂z (dl_dz) or δ = −∂E/∂net (mitchell); default: the file's")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")
    p.add_argument("--digits", metavar="K", type=int, default=4,
                   help="decimals in the table (default 4; JSON always has full precision)")
    p.add_argument("--significant", action="store_true",
                   help="--digits counts significant digits instead of decimals")

    p = sub.add_parser("train", help="train for some epochs and report losses and accuracies",
                       description="Train with the file's settings, continuing from its "
                       "weights, history and epoch. FILE is never written; --out writes the "
                       "trained document. Exit status: 0 done, 2 bad input, 3 training "
                       "diverged (weights became NaN or infinite; nothing is written).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--epochs", metavar="N", type=int, required=True, help="epochs to train")
    p.add_argument("--seed", metavar="S", type=int, help="seed of the shuffling order for this "
                   "run only (the weights are not re-initialised, OUT keeps the file's seed)")
    p.add_argument("--out", metavar="OUT", help="write the trained document here")
    p.add_argument("--force", action="store_true",
                   help="allow OUT to be FILE itself, or a read-only file")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")
    g = p.add_argument_group("optimiser, schedule and stopping (default: the file's; "
                             "OUT keeps what is given here)")
    g.add_argument("--optimizer", choices=list(OPTIMIZERS), help="how gradients become updates")
    g.add_argument("--lr", metavar="ETA", type=float, help="learning rate η")
    for flag, field, what in TRAIN_FLAGS:
        g.add_argument(flag, metavar=field.upper(), dest=field,
                       type=int if field in INT_FIELDS else float, help=what)
    g.add_argument("--schedule", choices=list(SCHEDULES), help="learning-rate schedule")

    p = sub.add_parser("info", help="the network's size: neurons and parameters per layer",
                       description="Print each layer's neurons, weights (edges into it), "
                       "biases and parameters, and the total, as a lecture counts them.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")

    sub.add_parser("examples", help="list the shipped example documents",
                   description="List the shipped examples: name and title. Open one with "
                   "nnviz FILE, using the path printed by --paths.").add_argument(
        "--paths", action="store_true", help="print each example's file path too")

    p = sub.add_parser("check-engine", help="train one epoch in the engine process (smoke test)",
                       description="Start the training engine in its own process, as the "
                       "window does, train the XNOR example one epoch there and print what "
                       "came back. Exit status 1 if no snapshot arrives.")
    p.add_argument("--kernel", action="store_true",
                   help="wait for the compiled training kernel (numba) and fail unless the "
                   "epoch was trained with it")
    sub.add_parser("install-desktop", help="make .nnviz files open in nnviz (this user)",
                   description="Install the desktop entry, the application/x-nnviz MIME type, "
                   "AppStream metainfo and icons under XDG_DATA_HOME (~/.local/share), and "
                   "make nnviz the default application for .nnviz files, for the current "
                   "user only. The entry starts this installation of nnviz.").add_argument(
        "--uninstall", action="store_true", help="remove them again")
    p = sub.add_parser("export", help="render the network, a plot or a slide to PNG/SVG/PDF",
                       description="Render a figure of FILE without opening a window. The "
                       "format follows OUT's suffix: .png (raster, --scale or --dpi), .svg "
                       "(vectors, selectable text) or .pdf (one page sized to the figure).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--out", metavar="OUT", required=True,
                   help="output file: .png, .svg or .pdf")
    p.add_argument("--view", default="network", choices=list(EXPORT_VIEWS),
                   help="what to draw (default: network; slide = 16:9 network, regions, loss)")
    p.add_argument("--sample", metavar="N", type=int,
                   help="trace row N (0-based): neurons filled by its activations")
    p.add_argument("--train-epochs", metavar="N", type=int, default=0,
                   help="train N epochs first, from the file's weights (default 0)")
    p.add_argument("--scale", metavar="K", type=float, default=1.0,
                   help="PNG pixels per figure pixel, 1 to 4 (default 1)")
    p.add_argument("--dpi", metavar="D", type=float,
                   help="PNG resolution instead of --scale (96 DPI = scale 1), e.g. 300")
    p.add_argument("--theme", default="light", choices=list(EXPORT_THEMES),
                   help="colours (default light; print: white, colour-blind safe, thick lines)")
    p.add_argument("--background", default="theme", choices=("theme", "white", "transparent"),
                   help="figure background (default: the theme's)")
    p.add_argument("--title", help="slide title (default: the document's title)")
    p.add_argument("--step", metavar="N", type=int,
                   help="with --view backward: step N (from 1) of the backprop step-through "
                   "on a 16:9 slide, as nnviz animate --view backward-steps draws it")
    add_exercise_parsers(sub)
    add_animate_parser(sub)
    return parser


def add_exercise_parsers(sub) -> None:
    from nnviz.core.exercise import ACTIVATIONS, CELLS, LOSSES, MAX_COUNT

    p = sub.add_parser("exercise", help="randomised backprop exercise sheets and answer keys (PDF)",
                       description="Make COUNT variants of one forward and backward pass by "
                       "hand: weights, biases and inputs with one decimal, no saturated "
                       "neuron. Each is a page of SHEET (the network with its weights, the "
                       "example, the learning rate and empty tables); --key writes the same "
                       "pages filled from nnviz trace. The same seed gives the same files, "
                       "byte for byte. Layout of the answers CSV: docs/exercises.md.")
    p.add_argument("--shape", default="2-2-1", help="layer sizes (default 2-2-1)")
    p.add_argument("--activation", default="sigmoid", choices=ACTIVATIONS,
                   help="every neuron's activation (default sigmoid)")
    p.add_argument("--loss", default="half_se", choices=list(LOSSES),
                   help="half_se: ½(y − ŷ)², se: (y − ŷ)², bce: cross-entropy (default half_se)")
    p.add_argument("--convention", default="dl_dz", choices=list(CONVENTIONS),
                   help="δ = ∂L/∂z with ∂L/∂w (dl_dz, default) or δ = −∂E/∂net with Δw "
                   "(mitchell)")
    p.add_argument("--learning-rate", metavar="ETA", type=float, default=0.5,
                   help="η (default 0.5)")
    p.add_argument("--seed", metavar="S", type=int, default=1,
                   help="variant k of seed S is always the same (default 1)")
    p.add_argument("--count", metavar="N", type=int, default=1,
                   help=f"variants, one page each (default 1, at most {MAX_COUNT})")
    p.add_argument("--digits", metavar="D", type=int, default=4,
                   help="decimals asked for and in the key, 3 to 8 (default 4)")
    p.add_argument("--cells", metavar="LIST", default="",
                   help=f"the columns to fill, comma-separated, from {', '.join(CELLS)} "
                   "(default: z,a,g_prime,delta and dL_dw,w_new; delta_w,w_new for mitchell)")
    p.add_argument("--paper", default="a4", choices=("a4", "letter"),
                   help="page size (default a4)")
    p.add_argument("-o", "--out", metavar="SHEET", required=True, help="the sheet (.pdf)")
    p.add_argument("--key", metavar="KEY", help="also write the answer key (.pdf)")
    p.add_argument("--documents", metavar="DIR", help="also write each variant as "
                   "DIR/variant-NN.nnviz, to open in nnviz or grade with nnviz check")
    p.add_argument("--answers-template", action="store_true",
                   help="with --documents: an empty answers table DIR/variant-NN.csv beside "
                   "each document")

    p = sub.add_parser("check", help="grade a filled exercise table (CSV) against the trace",
                       description="Compare the answers in ANSWERS (a CSV with the sheet's "
                       "columns: item,z,a,g_prime,delta,dL_dw,delta_w,w_new, see "
                       "docs/exercises.md) with the trace of FILE's example and list each "
                       "wrong or empty cell with the expected value and the tolerance. Exit "
                       "status: 0 all right, 1 something wrong, 2 unreadable input.")
    p.add_argument("file", metavar="FILE", help="the variant's .nnviz (nnviz exercise "
                   "--documents)")
    p.add_argument("answers", metavar="ANSWERS", help="the filled table (.csv)")
    p.add_argument("--digits", metavar="D", type=int, help="decimals the answers were asked "
                   "to (default: the exercise's, else 4); sets the tolerance")
    p.add_argument("--sample", metavar="N", type=int, default=0,
                   help="the dataset row the exercise is about (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead")


def add_animate_parser(sub) -> None:
    p = sub.add_parser("animate", help="an animation of training or of the backprop steps "
                       "(GIF, APNG, MP4)",
                       description="Render an animation of FILE without opening a window: "
                       "training (the network, decision regions and loss evolving, replayed "
                       "from the file's weights and seed, as the window would train it) or "
                       "the backprop step-through, one frame per step with its formulas. "
                       "Each frame is drawn like nnviz export draws that epoch. The format "
                       "follows OUT's suffix: .gif (needs Pillow: pip install 'nnviz[anim]'), "
                       ".png or .apng (animated PNG) or .mp4 (needs ffmpeg on PATH).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--out", metavar="OUT", required=True,
                   help="output file: .gif, .png/.apng or .mp4")
    p.add_argument("--view", default="slide", choices=list(ANIMATION_VIEWS),
                   help="what to animate (default: slide = 16:9 network, regions and loss; "
                   "backward-steps = the step-through)")
    p.add_argument("--epochs", metavar="A:B",
                   help="training: from epoch A to epoch B, both shown (default: the file's "
                   "epoch and the next 100; :B starts at the file's epoch)")
    p.add_argument("--fps", metavar="N", type=float,
                   help="frames per second (default 10; backward-steps 0.5, two seconds a "
                   "step)")
    p.add_argument("--duration", metavar="S", type=float,
                   help="seconds: training spreads S × fps frames over the epochs (default "
                   "5); backward-steps shares S among its steps instead of --fps")
    p.add_argument("--hold", metavar="S", type=float, default=1.5,
                   help="extra seconds on the last frame before the loop starts again "
                   "(default 1.5)")
    p.add_argument("--size", metavar="WxH",
                   help="frame size in pixels, e.g. 1280x720 (default: the figure's own, "
                   "1600x900 for slide and backward-steps)")
    p.add_argument("--theme", default="light", choices=list(EXPORT_THEMES),
                   help="colours (default light)")
    p.add_argument("--convention", choices=list(CONVENTIONS),
                   help="backward-steps: δ = ∂L/∂z (dl_dz) or δ = −∂E/∂net (mitchell); "
                   "default: the file's")
    p.add_argument("--sample", metavar="N", type=int,
                   help="backward-steps: step through row N (0-based) of the data (default 0)")
    p.add_argument("--title", help="slide title (default: the document's title)")


# ------------------------------------------------------------------ helpers
# A comma-separated list of numbers as a student types it or copies it from a table:
# -0.5,1  1e-3  −0.25 (the canvas's true minus sign)  .5,+2
_NUMBER = r"\s*[-+−]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*"
NUMBER_LIST = re.compile(rf"^{_NUMBER}(?:,{_NUMBER})*$")
VALUE_OPTIONS = ("--input", "--target")  # options whose value may start with a minus


def join_number_values(argv: list[str]) -> list[str]:
    """``--input -0.5,1`` → ``--input=-0.5,1``: argparse takes a value starting with "-"
    for an option unless it is one plain negative number, so a list of them is joined."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in VALUE_OPTIONS and i + 1 < len(argv) and NUMBER_LIST.match(argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def floats(text: str, what: str) -> np.ndarray:
    try:
        out = np.array([float(v.replace("−", "-")) for v in text.split(",")], dtype=float)
    except ValueError:
        raise UsageError(f"{what} must be comma-separated numbers, got {text!r}") from None
    if not np.isfinite(out).all():
        raise UsageError(f"{what} must be finite numbers, got {text!r}")
    return out


def finite_or_none(value: float) -> float | None:
    return value if isinstance(value, float) and math.isfinite(value) else None


def clean(obj: object) -> object:
    """JSON-safe copy: NaN and infinities become null (JSON has no NaN)."""
    if isinstance(obj, float):
        return finite_or_none(obj)
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    return obj


def print_json(data: dict) -> None:
    print(json_safe(json.dumps(clean(data), ensure_ascii=False, allow_nan=False)))


# -------------------------------------------------------------------- trace
def resolve_example(args: argparse.Namespace, data: Dataset, plan: Plan) -> Example:
    """The example ``--input`` or ``--sample`` names, with ``--target`` if given."""
    try:
        if args.sample is not None:
            example = example_from_row(data, plan, args.sample)
        else:
            example = example_from_inputs(data, plan, floats(args.input, "--input"))
        if args.target is not None:
            example = with_target(example, plan, floats(args.target, "--target"))
    except ValueError as exc:
        which = ("--target" if args.target is not None and "target" in str(exc)
                 else "--sample" if args.sample is not None else "--input")
        raise UsageError(f"{which}: {exc}") from None
    return example


def overflowed(t, backward: bool) -> str | None:
    """Which pass overflowed (a number became infinite or NaN) and where, or None.

    Weights near 1e308 are valid numbers, but a table of inf and nan teaches nothing.
    """
    for n in t.neurons:
        for name, value in (("z", n.z), ("a", n.a)):
            if value is not None and not math.isfinite(value):
                return (f"the forward pass overflowed: {name} of neuron {n.label!r} is "
                        f"{value} (the weights or inputs are too large to compute with)")
    if backward:
        values = [(n.label, n.dl_da) for n in t.neurons] + [
            (f"{e.source} → {e.target}", e.grad) for e in t.edges]
        for where, value in [("the loss", t.loss), *values]:
            if value is not None and not math.isfinite(value):
                return (f"the backward pass overflowed at {where} ({value}); the weights "
                        "or inputs are too large to compute with")
    return None


def cmd_trace(args: argparse.Namespace) -> int:
    """Without a target the backward columns would be invented, so they are left out."""
    if args.digits is not None and not (1 if args.significant else 0) <= args.digits <= 15:
        raise UsageError(f"--digits must be from {1 if args.significant else 0} to 15"
                         f"{' with --significant' if args.significant else ''}, got {args.digits}")
    doc = load(args.file)
    data = doc.build_dataset()
    settings = doc.settings
    plan = Plan(doc.network, settings.loss_spec)
    example = resolve_example(args, data, plan)
    x, where, backward = example.x, example.where, example.y is not None
    t = trace_example(doc, example, plan, args.convention)
    overflow = overflowed(t, backward)
    if overflow:
        raise UsageError(overflow)
    if args.json:
        result = t.to_dict()
        result |= {"input": [float(v) for v in x], "loss_formula": t.loss_formula,
                   "backward": backward, "source": where}
        if not backward:
            result["loss"] = result["target"] = None
            for n in result["neurons"]:
                n.update(delta=None, dl_da=None, bias_grad=None, delta_bias=None)
            for e in result["edges"]:
                e.update(grad=None, delta_w=None)
        print_json(result)
        return 0
    names = ", ".join(f"{n.label} = {v:g}" for n, v in zip(
        [doc.network.neurons[i] for i in plan.input_ids], x))
    shown = getattr(args, "file_as_given", args.file)  # "xnor", not the installed path
    title = f"nnviz trace of {doc.title or os.path.basename(shown)} ({shown})"
    print(trace_text(t, args.digits, title=title, example=f"example: {names}   [{where}]",
                     backward=backward, loss_kind=settings.loss, significant=args.significant))
    print(parameters_line(doc.network))
    return 0


def parameters_line(net) -> str:
    """``parameters: 9 (6 weights, 3 biases)``: the count ``nnviz info`` breaks down."""
    from nnviz.core.params import layer_counts, total

    t = total(layer_counts(net))
    slopes = f", {t.slopes:,} slopes" if t.slopes else ""
    return (f"parameters: {t.parameters:,} ({t.weights:,} weights, {t.biases:,} biases"
            f"{slopes}; per layer: nnviz info)")


# -------------------------------------------------------------------- train
def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


TRAIN_FLAGS = (
    ("--momentum", "momentum", "SGD, Nesterov: momentum μ (0 to 0.999)"),
    ("--beta1", "beta1", "Adam, AdamW: β₁"), ("--beta2", "beta2", "Adam, AdamW: β₂"),
    ("--rho", "rho", "RMSprop: ρ"), ("--eps", "eps", "AdaGrad, RMSprop, Adam, AdamW: ε"),
    ("--weight-decay", "weight_decay", "AdamW: decoupled weight decay λ"),
    ("--decay-rate", "decay_rate", "step, exponential: factor γ per decay period"),
    ("--decay-epochs", "decay_epochs", "step, exponential: period k; cosine: its length"),
    ("--stop-loss", "stop_loss", "stop once the training loss is at most this"),
    ("--stop-accuracy", "stop_accuracy", "stop once the training accuracy (0..1) is at least this"),
    ("--patience", "patience", "stop early after this many epochs without a better test loss"),
)
INT_FIELDS = ("decay_epochs", "patience")


def overridden(doc, args: argparse.Namespace):
    """The document with the settings given on the command line (UsageError naming the flag)."""
    changes = {field: getattr(args, field) for _, field, _ in TRAIN_FLAGS
               if getattr(args, field) is not None}
    if args.optimizer is not None:
        changes["optimizer"] = args.optimizer
    if args.schedule is not None:
        changes["schedule"] = args.schedule
    if args.lr is not None:
        changes["learning_rate"] = args.lr
    if not changes:
        return doc
    settings = dataclasses.replace(doc.settings, **changes)
    problem = settings.problem()
    if problem:
        field, _, reason = problem.partition(": ")
        flag = {"learning_rate": "--lr"}.get(field, "--" + field.replace("_", "-"))
        raise UsageError(f"{flag}: {reason}")
    # Another optimiser starts afresh: the file's state is the old one's.
    state = doc.optimizer_state if settings.optimizer == doc.settings.optimizer else None
    return dataclasses.replace(doc, settings=settings, optimizer_state=state)


def cmd_train(args: argparse.Namespace) -> int:
    """Train a copy; FILE is only ever read, and OUT is written after a good run only."""
    if args.epochs <= 0 or args.epochs > MAX_EPOCHS:
        raise UsageError(f"--epochs must be from 1 to {MAX_EPOCHS}, got {args.epochs}")
    if args.out and same_file(args.out, args.file) and not args.force:
        raise UsageError("--out is FILE itself; add --force to overwrite it")
    if args.out and not os.path.isdir(os.path.dirname(os.path.abspath(args.out))):
        raise UsageError(f"cannot write {args.out}: no such folder")  # say so before training
    if args.out:
        try:  # a read-only folder or file, a full disk: say so before training, not after
            check_writable(args.out, replace_read_only=args.force)
        except SaveError as exc:
            hint = "; add --force to replace it" if exc.reason == "the file is read-only" else ""
            raise UsageError(f"{exc}{hint}") from None
    doc = overridden(load(args.file), args)
    if doc.epoch + args.epochs > MAX_EPOCH:
        raise UsageError(f"--epochs {args.epochs} would take the epoch past {MAX_EPOCH}, "
                         f"the largest a document holds (it is at {doc.epoch})")
    show = sys.stderr.isatty() and not args.json
    last_draw = 0.0

    def progress(done: int, trainer: Trainer) -> None:
        nonlocal last_draw
        if show and (time.monotonic() - last_draw > 0.05 or done == args.epochs):
            last_draw = time.monotonic()
            loss = trainer.history.last().get("train_loss")
            print(progress_bar(done, args.epochs, loss), end="", file=sys.stderr, flush=True)

    trained, trainer = train_document(doc, args.epochs, args.seed, progress)
    start = doc.epoch
    if show:
        print(file=sys.stderr)
    last = trainer.history.last() or dict.fromkeys(
        ("train_loss", "test_loss", "train_accuracy", "test_accuracy"), float("nan"))
    result = {"epochs": trainer.epoch - start, "epoch": trainer.epoch,
              **{k: finite_or_none(last[k]) for k in
                 ("train_loss", "test_loss", "train_accuracy", "test_accuracy")},
              "diverged": trainer.diverged, "out": None if trainer.diverged else args.out,
              "optimizer": trainer.settings.optimizer, "schedule": trainer.settings.schedule,
              "learning_rate": trainer.rate, "stopped": trainer.stopped}
    if len(trainer.plan.output_groups) > 1 and trainer.dataset.task == "multiclass":
        # "accuracy" counts every group right at once; each group's own is shown too.
        names = [g.id for g in doc.network.groups]
        result["group_accuracy"] = {
            split: dict(zip(names, map(finite_or_none, trainer.group_accuracies(split))))
            for split in ("train", "test")}
    if result["out"]:
        try:
            save(trained, args.out, replace_read_only=args.force)
        except SaveError as exc:
            raise UsageError(str(exc)) from None
    if args.json:
        print_json(result)
    else:
        print(summary_text(result))
        if result["out"]:
            print(f"wrote {args.out}")
    if trainer.diverged:
        print(f"nnviz: {terminal_safe(trainer.diverged)}", file=sys.stderr)
        return EXIT_DIVERGED
    return 0


# --------------------------------------------------------------------- info
def cmd_info(args: argparse.Namespace) -> int:
    """Counts only: works for a network too big to draw or to trace readably."""
    from nnviz.core.params import counts_table, layer_counts, total

    doc = load(args.file)
    counts = layer_counts(doc.network)
    if args.json:
        keys = ("level", "role", "neurons", "weights", "biases", "slopes", "parameters")
        print_json({"layers": [{k: getattr(c, k) for k in keys} for c in counts],
                    "total": {k: getattr(total(counts), k) for k in keys[2:]}})
        return 0
    shown = getattr(args, "file_as_given", args.file)
    print(f"nnviz info of {doc.title or os.path.basename(shown)} ({shown})")
    print(counts_table(counts))
    return 0


# ----------------------------------------------------------------- examples
def cmd_examples(args: argparse.Namespace) -> int:
    """Titles come from the files themselves, so the list cannot drift from them."""
    from nnviz.core.examples import example_names, example_path, load_example

    names = example_names()
    width = max((len(n) for n in names), default=0)
    for name in names:
        line = f"{name:<{width}}  {load_example(name).title}"
        print(line + (f"  ({example_path(name)})" if args.paths else ""))
    return 0


# ------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    """Check everything cheap first, then start Qt (offscreen unless told otherwise)."""
    from nnviz.app.export_file import check_options, export_document  # Qt is started later

    options = dict(view=args.view, scale=args.scale, dpi=args.dpi,
                   train_epochs=args.train_epochs, theme=args.theme,
                   background=args.background, step=args.step)
    try:
        check_options(args.out, **options)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    doc = load(args.file, drawable=True)  # too big to draw: refused before any work
    try:
        export_document(doc, args.out, sample=args.sample, title=args.title or "", **options)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {args.out}")
    return 0


# ----------------------------------------------------------------- exercise
def _pdf_target(path: str, option: str) -> None:
    if not path.lower().endswith(".pdf"):
        raise UsageError(f"{option} {path}: the sheet is a PDF; name it .pdf")
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise UsageError(f"cannot write {path}: no such folder")


def cmd_exercise(args: argparse.Namespace) -> int:
    """Everything cheap is checked before any variant is drawn or Qt starts."""
    from nnviz.core.answers import template
    from nnviz.core.atomicfile import write_atomic
    from nnviz.core.exercise import MAX_COUNT, ExerciseError, make_variants, spec_from_options

    if not 1 <= args.count <= MAX_COUNT:
        raise UsageError(f"--count must be from 1 to {MAX_COUNT}, got {args.count}")
    _pdf_target(args.out, "-o")
    if args.key:
        _pdf_target(args.key, "--key")
        if same_file(args.key, args.out):
            raise UsageError("--key is the sheet itself; give the key its own file")
    if args.answers_template and not args.documents:
        raise UsageError("--answers-template writes beside the documents: add --documents DIR")
    if args.documents and os.path.exists(args.documents) and not os.path.isdir(args.documents):
        raise UsageError(f"--documents {args.documents}: not a folder")
    try:
        spec = spec_from_options(args.shape, args.activation, args.loss, args.convention,
                                 args.learning_rate, args.seed, args.cells, args.digits)
        variants = make_variants(spec, args.count)
    except ExerciseError as exc:
        raise UsageError(str(exc)) from None
    from nnviz.app.export_file import _application

    _application()  # first: it sets up Qt for reproducible PDFs before Qt loads
    from nnviz.app.export.sheet import write_sheet

    pages = write_sheet(variants, args.out, args.paper)
    print(f"wrote {args.out} ({pages} page{'s' * (pages > 1)}, "
          f"{args.paper.upper() if args.paper == 'a4' else 'Letter'})")
    if args.key:
        write_sheet(variants, args.key, args.paper, key=True)
        print(f"wrote {args.key} (answer key)")
    if args.documents:
        os.makedirs(args.documents, exist_ok=True)
        for v in variants:
            base = os.path.join(args.documents, f"variant-{v.index:02d}")
            save(v.document, base + ".nnviz")
            if args.answers_template:
                write_atomic(base + ".csv", template(v.trace, spec.chosen_cells).encode())
        extra = " and answer templates (.csv)" if args.answers_template else ""
        print(f"wrote {len(variants)} document{'s' * (len(variants) > 1)}{extra} in "
              f"{args.documents}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when every cell is right, 1 when any is wrong or empty, 2 for bad input."""
    from nnviz.core.answers import check
    from nnviz.core.document import open_regular

    doc = load(args.file)
    meta = doc.view.get("exercise") if isinstance(doc.view.get("exercise"), dict) else {}
    digits = args.digits if args.digits is not None else meta.get("digits", 4)
    if not isinstance(digits, int) or not 0 <= digits <= 10:
        raise UsageError(f"--digits must be from 0 to 10, got {digits}")
    data = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    try:
        example = example_from_row(data, plan, args.sample)
    except ValueError as exc:
        raise UsageError(f"--sample: {exc}") from None
    t = trace_example(doc, example, plan)
    overflow = overflowed(t, backward=True)
    if overflow:
        raise UsageError(overflow)
    try:
        with open_regular(args.answers) as fh:
            raw = fh.read(2_000_000)
    except OSError as exc:
        raise UsageError(f"cannot read {args.answers}: {exc.strerror or exc}") from None
    report = check(t, raw, digits, os.path.basename(args.answers))
    if args.json:
        print_json({"checked": report.checked, "right": report.right,
                    "wrong": [vars(m) | {"text": m.text(digits)} for m in report.mistakes]})
    else:
        shown = getattr(args, "file_as_given", args.file)
        print(f"nnviz check of {terminal_safe(os.path.basename(args.answers))} against "
              f"{terminal_safe(doc.title or os.path.basename(shown))}: {report.checked} "
              f"cells, {report.right} right, {len(report.mistakes)} wrong")
        for m in report.mistakes:
            print(terminal_safe(m.text(digits)))
    return 1 if report.mistakes else 0


def cmd_animate(args: argparse.Namespace) -> int:
    """Options first (one line for a typo, before any training), then Qt, then frames."""
    from nnviz.app.animate_file import (
        AnimationOptions,
        animate_document,
        check_options,
        parse_epochs,
        parse_size,
    )

    try:
        options = AnimationOptions(
            view=args.view, epochs=parse_epochs(args.epochs) if args.epochs else None,
            fps=args.fps, duration=args.duration, hold=args.hold,
            size=parse_size(args.size) if args.size else None, theme=args.theme,
            convention=args.convention, sample=args.sample, title=args.title or "")
        check_options(args.out, options)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    doc = load(args.file, drawable=True)
    show = sys.stderr.isatty()
    last_draw = 0.0

    def progress(done: int, total: int, label: str) -> None:
        nonlocal last_draw
        if show and (time.monotonic() - last_draw > 0.1 or done == total):
            last_draw = time.monotonic()
            print(f"\r{terminal_safe(f'frame {done}/{total}: {label}')[:70]:<70}", end="",
                  file=sys.stderr, flush=True)

    try:
        frames, fmt = animate_document(doc, args.out, options, progress)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    finally:
        if show:
            print(file=sys.stderr)
    print(f"wrote {args.out} ({frames} frames, {fmt.upper()})")
    return 0


# ------------------------------------------------------------ check-engine
def cmd_check_engine(args: argparse.Namespace) -> int:
    """The window's engine process, headless: proves a bundle can spawn it and talk to it."""
    from nnviz.core import accel
    from nnviz.core.engine_process import EngineProcess
    from nnviz.core.examples import load_example

    doc = load_example("xnor")
    engine = EngineProcess()
    engine.start()
    snap, trained_by = None, None
    try:
        engine.send("start", 1, doc.network, doc.build_dataset(), doc.settings, doc.history,
                    doc.epoch)
        if args.kernel:  # first wait until the kernel is loaded, then train with it
            engine.send("compute", "kernel", accel.engine_report)
        engine.send("step", "epoch")
        deadline = time.monotonic() + ENGINE_WAIT + (120.0 if args.kernel else 0.0)
        while (left := deadline - time.monotonic()) > 0 and engine.poll(left):
            message = engine.receive()
            if message is None or message[0] == "failed":
                break
            if message[0] == "computed":
                trained_by = message[2]
            elif message[0] == "snapshot":
                engine.send("ack")
                if message[1].epoch == doc.epoch + 1:
                    snap = message[1]
                    break
    finally:
        engine.stop(drain=True)
    if snap is None:
        print("nnviz: error: the engine process sent no snapshot", file=sys.stderr)
        return 1
    print(f"engine process ok: epoch {snap.epoch}, train loss {snap.last['train_loss']:.4f}, "
          f"{len(snap.grid.neuron_ids)} neuron maps")
    if args.kernel:
        print(f"trained by: {trained_by}")
        if not str(trained_by).startswith("compiled kernel"):
            print("nnviz: error: the engine did not train with the compiled kernel",
                  file=sys.stderr)
            return 1
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from nnviz.app import install_desktop as desktop  # Qt, for the icons

    report = desktop.uninstall() if args.uninstall else desktop.install()
    print(desktop.summary(report, installing=not args.uninstall))
    return 0


# --------------------------------------------------------------------- GUI
def open_window(path: str | None) -> int:
    """Start the desktop window; Qt is imported only here."""
    if path is not None:
        path = document_path(path)
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file (nor the name of an example: "
                             f"{', '.join(example_names())})")
    from nnviz.app.export_file import reproducible_qt

    reproducible_qt()  # before Qt loads: PDFs made in the window are reproducible too
    try:
        from nnviz.app.main import run
    except ModuleNotFoundError as exc:
        if exc.name in ("nnviz.app", "nnviz.app.main"):
            print("nnviz: the desktop window is not built yet; use 'nnviz trace' or "
                  "'nnviz train'", file=sys.stderr)
            return EXIT_USAGE
        raise UsageError(f"cannot start the desktop window: {exc}") from None
    return int(run(path) or 0)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``nnviz`` script and ``python -m nnviz``; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        first = args_list[0] if args_list else None
        if first is None or (first not in COMMANDS and not first.startswith("-")):
            if len(args_list) > 1:
                raise UsageError(f"unknown command {first!r} (commands: {', '.join(COMMANDS)}); "
                                 "to open a file in the window: nnviz FILE")
            return open_window(first)
        try:
            args = build_parser().parse_args(join_number_values(args_list))
        except SystemExit as done:  # --help and --version print, then exit 0
            return int(done.code or 0)
        if args.command is None:
            return open_window(None)
        if getattr(args, "file", None) is not None:
            args.file_as_given, args.file = args.file, document_path(args.file)
        command = {"trace": cmd_trace, "train": cmd_train, "info": cmd_info,
                   "examples": cmd_examples,
                   "export": cmd_export, "exercise": cmd_exercise, "check": cmd_check,
                   "animate": cmd_animate,
                   "check-engine": cmd_check_engine,
                   "install-desktop": cmd_install_desktop}
        return command[args.command](args)
    except (UsageError, DocumentError, DataError, NetworkError, ValueError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. nnviz examples | head -1
            return 0
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"nnviz: error: {terminal_safe(message)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
