"""The ``nnviz`` command line: trace tables against the lecture's numbers, train, errors."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from nnviz.cli import main
from nnviz.cli_format import number, progress_bar
from nnviz.core.document import load, save
from nnviz.core.examples import example_names, load_example

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
XNOR = str(EXAMPLES / "xnor.nnviz")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def trace_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "trace", *argv, "--json")
    assert code == 0, err
    assert out.count("\n") == 1  # exactly one JSON object, on one line
    return json.loads(out)


def activations(result: dict) -> dict[str, float]:
    return {n["id"]: n["a"] for n in result["neurons"]}


# ----------------------------------------------------------------- trace: XNOR
def test_xnor_worked_example_row_0_1(capsys):
    result = trace_json(capsys, XNOR, "--input", "0,1")
    a = activations(result)
    assert round(a["a1"], 3) == 0.119 and round(a["a2"], 3) == 0.119
    assert round(result["output"][0], 3) == 0.435
    assert result["target"] == [0.0]  # taken from the dataset row with these inputs
    assert math.isclose(result["loss"], -math.log(1 - result["output"][0]))
    assert {"id", "label", "z", "a", "g_prime", "delta"} <= set(result["neurons"][0])
    assert {"source", "target", "weight", "grad", "delta_w"} <= set(result["edges"][0])
    inputs = [n for n in result["neurons"] if n["role"] == "input"]
    assert all(n["z"] is None and n["g_prime"] is None and n["delta"] is None for n in inputs)


# The lecture's table: x1, x2 → a1, a2, ŷ (CURRICULUM.md §2).
XNOR_TABLE = [((0, 0), 0.002, 0.881, 0.595), ((0, 1), 0.119, 0.119, 0.435),
              ((1, 0), 0.119, 0.119, 0.435), ((1, 1), 0.881, 0.002, 0.595)]


@pytest.mark.parametrize(("row", "expected"), list(enumerate(XNOR_TABLE)))
def test_xnor_all_four_rows(capsys, row, expected):
    (x1, x2), a1, a2, y_hat = expected
    result = trace_json(capsys, XNOR, "--sample", str(row))
    a = activations(result)
    assert result["input"] == [x1, x2]
    assert (round(a["a1"], 3), round(a["a2"], 3), round(a["y_hat"], 3)) == (a1, a2, y_hat)


# ------------------------------------------------------------ trace: logic gates
GATES = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "not": [1, 0]}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_gate_truth_tables_in_the_human_table(capsys, gate):
    path = str(EXAMPLES / f"{gate}.nnviz")
    rows = ["0", "1"] if gate == "not" else ["0,0", "0,1", "1,0", "1,1"]
    for x, want in zip(rows, GATES[gate]):
        code, out, err = run(capsys, "trace", path, "--input", x)
        assert code == 0, err
        assert f"output: ŷ = ({want}.0000), target y = ({want}.0000)" in out
        assert "step" in out


# ------------------------------------------------------------------ conventions
def test_mitchell_delta_is_minus_dl_dz(capsys):
    plain = trace_json(capsys, XNOR, "--input", "0,0", "--convention", "dl_dz")
    mitchell = trace_json(capsys, XNOR, "--input", "0,0", "--convention", "mitchell")
    assert mitchell["convention"] == "mitchell"
    for p, m in zip(plain["neurons"], mitchell["neurons"]):
        if p["delta"] is None:
            assert m["delta"] is None
        else:
            assert m["delta"] == -p["delta"] and p["delta"] != 0
    # ∂L/∂w and Δw are the same numbers whichever way δ is written.
    assert [e["grad"] for e in plain["edges"]] == [e["grad"] for e in mitchell["edges"]]
    assert [e["delta_w"] for e in plain["edges"]] == [e["delta_w"] for e in mitchell["edges"]]
    # Row (0, 0) has target 1 and ŷ = 0.595 < 1: dL/dz < 0 at the output, Mitchell's δ > 0.
    assert plain["neurons"][-1]["delta"] < 0 < mitchell["neurons"][-1]["delta"]


def test_human_table_contains_the_numbers(capsys):
    code, out, err = run(capsys, "trace", XNOR, "--input", "0,1")
    assert code == 0 and err == ""
    for text in ["δ = ∂L/∂z", "w ← w − η·δ·a", "L = −y log a − (1 − y) log(1 − a)",
                 "dataset row 1", "-2.0000", "0.1192", "0.4350", "0.1050",
                 "x1 → a1", "1 → a1 (bias)", "-6.0000", "target y = (0.0000)"]:
        assert text in out, text
    code, out, _ = run(capsys, "trace", XNOR, "--input", "0,1", "--convention", "mitchell",
                       "--digits", "2")
    assert "δ = −∂E/∂net" in out and "Δw = η·δ·o" in out and "0.12" in out
    assert "0.1192" not in out


def test_significant_digits_in_the_table(capsys):
    code, out, err = run(capsys, "trace", XNOR, "--input", "0,1", "--digits", "3",
                         "--significant")
    assert code == 0 and err == ""
    rows = {line.split()[0]: line.split() for line in out.splitlines()
            if line.split()[1:2] == ["sigmoid"]}
    assert rows["a1"][2:] == ["-2.00", "0.119", "0.105", "0.435", "0.0457"]
    assert "1.77" in out and "-6.00" in out  # ∂L/∂ŷ and a bias, three digits each


def test_input_without_matching_row_traces_forward_only(capsys):
    code, out, _ = run(capsys, "trace", XNOR, "--input", "0.5,0.5")
    assert code == 0
    assert "forward pass only" in out and "--target" in out
    assert "δ" not in out.split("Neurons")[1]
    result = trace_json(capsys, XNOR, "--input", "0.5,0.5")
    assert result["loss"] is None and result["backward"] is False
    assert all(n["delta"] is None for n in result["neurons"])
    assert all(e["grad"] is None for e in result["edges"])


def test_explicit_target_and_sample(capsys):
    result = trace_json(capsys, XNOR, "--input", "0,1", "--target", "1")
    assert result["target"] == [1.0]
    assert math.isclose(result["loss"], -math.log(result["output"][0]))
    code, out, _ = run(capsys, "trace", XNOR, "--sample", "3")
    assert code == 0 and "dataset row 3 (0-based)" in out and "x1 = 1, x2 = 1" in out


def test_derived_features_are_computed_from_raw_inputs(capsys):
    result = trace_json(capsys, str(EXAMPLES / "spiral.nnviz"), "--input", "2,3")
    assert result["input"][:5] == [2.0, 3.0, 4.0, 9.0, 6.0]  # x1, x2, x1², x2², x1·x2
    assert math.isclose(result["input"][5], math.sin(2.0))


# ------------------------------------------------------------------------ train
def test_train_json_fields(capsys):
    code, out, err = run(capsys, "train", str(EXAMPLES / "playground.nnviz"),
                         "--epochs", "3", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {"epochs", "train_loss", "test_loss", "train_accuracy", "test_accuracy"} <= set(result)
    assert result["epochs"] == 3
    assert 0 <= result["train_accuracy"] <= 1 and result["train_loss"] > 0
    code, out, _ = run(capsys, "train", str(EXAMPLES / "regression.nnviz"), "--epochs", "2",
                       "--json")
    result = json.loads(out)
    assert result["train_accuracy"] is None and result["test_accuracy"] is None


def test_train_seed_changes_only_the_shuffling(capsys):
    path = str(EXAMPLES / "playground.nnviz")
    runs = [json.loads(run(capsys, "train", path, "--epochs", "2", "--json", *extra)[1])
            for extra in ([], [], ["--seed", "99"])]
    assert runs[0] == runs[1]
    assert runs[2]["train_loss"] != runs[0]["train_loss"]


def test_train_out_writes_a_loadable_document(capsys, tmp_path):
    source = tmp_path / "circle.nnviz"
    source.write_bytes((EXAMPLES / "playground.nnviz").read_bytes())
    before = source.read_bytes(), source.stat().st_mtime_ns
    out = tmp_path / "trained.nnviz"
    code, text, err = run(capsys, "train", str(source), "--epochs", "4", "--out", str(out))
    assert code == 0, err
    assert "train loss" in text and "accuracy" in text and f"wrote {out}" in text
    trained = load(out)
    assert trained.epoch == 4 and len(trained.history) == 4
    assert trained.history.rows["epoch"] == [1.0, 2.0, 3.0, 4.0]
    original = load(source)
    assert trained.network.edges.keys() == original.network.edges.keys()
    assert trained.network.edges != original.network.edges
    assert trained.settings == original.settings and trained.title == original.title
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    # Training on from the written file continues the epoch count and the history.
    code, text, _ = run(capsys, "train", str(out), "--epochs", "1", "--json")
    assert json.loads(text)["epoch"] == 5


def test_train_the_shipped_digits_by_name_keeps_their_spec(capsys, tmp_path):
    out = tmp_path / "digits.nnviz"
    code, text, err = run(capsys, "train", "digits", "--epochs", "3", "--json",
                          "--out", str(out))
    assert code == 0, err
    result = json.loads(text)
    assert result["optimizer"] == "adam" and result["epoch"] == 3
    assert result["test_accuracy"] > 0.8  # ten classes: a guess gets 0.1
    stored = json.loads(out.read_text("utf-8"))["dataset"]
    assert stored["source"] == "builtin" and stored["name"] == "digits" and "x" not in stored


def test_train_refuses_to_overwrite_its_input_unless_forced(capsys, tmp_path):
    source = tmp_path / "circle.nnviz"
    source.write_bytes((EXAMPLES / "playground.nnviz").read_bytes())
    before = source.read_bytes()
    code, out, err = run(capsys, "train", str(source), "--epochs", "1", "--out", str(source))
    assert code == 2 and "--force" in err and source.read_bytes() == before
    code, _, err = run(capsys, "train", str(source), "--epochs", "1", "--out", str(source),
                       "--force")
    assert code == 0, err
    assert load(source).epoch == 1


def test_train_divergence_exits_3_and_writes_nothing(capsys, tmp_path):
    doc = load_example("regression")
    doc = dataclasses.replace(doc, settings=dataclasses.replace(doc.settings, learning_rate=10.0))
    path, out = tmp_path / "wild.nnviz", tmp_path / "out.nnviz"
    save(doc, path)
    code, text, err = run(capsys, "train", str(path), "--epochs", "50", "--json",
                          "--out", str(out))
    assert code == 3
    result = json.loads(text)
    assert "diverged" in result["diverged"] and result["out"] is None
    assert "diverged" in err and "Traceback" not in err
    assert not out.exists()


def test_progress_bar_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(capsys, "train", str(EXAMPLES / "xor.nnviz"), "--epochs", "3")
    assert code == 0
    assert "\r[" in err and "3/3 epochs" in err
    assert progress_bar(5, 10, 0.25, width=10) == "\r[#####.....] 5/10 epochs  train loss 0.25"


def test_number_format():
    assert number(0.119202922, 3) == "0.119"
    assert number(-0.0, 4) == "0.0000" and number(-1e-9, 4) == "-1.00e-09"
    assert number(None, 4) == "—" and number(2.5e300, 2) == "2.500e+300"


# ----------------------------------------------------------- examples, version
def test_examples_lists_names_and_titles(capsys):
    code, out, _ = run(capsys, "examples")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == example_names()
    assert any("XNOR worked example" in line for line in lines)


def test_version_and_help_return_0(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("nnviz 0.")
    code, out, _ = run(capsys, "trace", "--help")
    assert code == 0 and "--convention" in out and "--sample" in out


def test_check_engine_trains_in_its_own_process_like_the_engine_in_this_one():
    """Run as a user (or the bundle's smoke test) runs it: python -m nnviz in a subprocess."""
    from nnviz.core.training import Trainer

    result = subprocess.run([sys.executable, "-m", "nnviz", "check-engine"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    doc = load_example("xnor")
    trainer = Trainer(doc.network, doc.build_dataset(), doc.settings, doc.history, doc.epoch)
    trainer.step("epoch")
    loss = trainer.history.last()["train_loss"]
    assert result.stdout == (f"engine process ok: epoch {trainer.epoch}, train loss {loss:.4f}, "
                             f"{len(doc.network.neurons)} neuron maps\n")


def test_check_engine_trains_with_the_compiled_kernel_in_the_engine_process():
    """The engine process loads the kernel in the background and trains with it, giving
    the same epoch as NumPy in this process (what the bundle's smoke test runs)."""
    pytest.importorskip("numba", reason="the compiled kernel needs numba")
    from nnviz.core.training import Trainer

    env = {k: v for k, v in os.environ.items() if k != "NNVIZ_KERNEL"}
    result = subprocess.run([sys.executable, "-m", "nnviz", "check-engine", "--kernel"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    doc = load_example("xnor")
    trainer = Trainer(doc.network, doc.build_dataset(), doc.settings, doc.history, doc.epoch)
    trainer.step("epoch")
    loss = trainer.history.last()["train_loss"]
    assert result.stdout.splitlines() == [
        f"engine process ok: epoch {trainer.epoch}, train loss {loss:.4f}, "
        f"{len(doc.network.neurons)} neuron maps",
        "trained by: compiled kernel (numba)",
    ]


def test_check_engine_kernel_fails_when_the_kernel_is_switched_off():
    env = dict(os.environ, NNVIZ_KERNEL="off")
    result = subprocess.run([sys.executable, "-m", "nnviz", "check-engine", "--kernel"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "trained by: NumPy (compiled kernel switched off" in result.stdout
    assert "did not train with the compiled kernel" in result.stderr


# ------------------------------------------------------------------------- GUI
def test_gui_is_started_with_the_file(capsys, monkeypatch):
    calls = []
    fake = types.ModuleType("nnviz.app.main")
    fake.run = lambda path=None: calls.append(path) or 0
    monkeypatch.setitem(sys.modules, "nnviz.app.main", fake)
    assert main([]) == 0 and main([XNOR]) == 0
    assert calls == [None, XNOR]


def test_gui_not_built_yet(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "nnviz.app.main", None)
    code, _, err = run(capsys)
    assert code == 2
    assert err == ("nnviz: the desktop window is not built yet; "
                   "use 'nnviz trace' or 'nnviz train'\n")


# ---------------------------------------------------------------------- errors
def bad_files(tmp: Path) -> dict[str, str]:
    (tmp / "garbage.nnviz").write_text("{not json")
    (tmp / "empty.nnviz").write_text("")
    doc = json.loads((EXAMPLES / "xnor.nnviz").read_text())
    doc["network"]["edges"][0]["weight"] = "heavy"
    (tmp / "badweight.nnviz").write_text(json.dumps(doc))
    return {name: str(tmp / f"{name}.nnviz") for name in ("garbage", "empty", "badweight")}


ERRORS = [
    (["trace", "missing.nnviz", "--sample", "0"], "missing.nnviz"),
    (["trace", "{garbage}", "--sample", "0"], ""),
    (["trace", "{empty}", "--sample", "0"], ""),
    (["trace", "{badweight}", "--sample", "0"], "weight"),
    (["trace", XNOR, "--input", "0,1,1"], "3 value(s)"),
    (["trace", XNOR, "--input", "0,x"], "numbers"),
    (["trace", XNOR, "--input", "0,nan"], "finite"),
    (["trace", XNOR, "--input", "0,1", "--target", "1,0"], "1 output(s)"),
    (["trace", XNOR, "--sample", "4"], "out of range"),
    (["trace", XNOR, "--sample", "-1"], "out of range"),
    (["trace", XNOR, "--sample", "one"], "invalid int"),
    (["trace", XNOR, "--sample", "0", "--convention", "hinton"], "invalid choice"),
    (["trace", XNOR, "--sample", "0", "--digits", "99"], "--digits"),
    (["trace", XNOR, "--sample", "0", "--digits", "0", "--significant"], "--digits"),
    (["trace", XNOR], "required"),
    (["trace", XNOR, "--sample", "0", "--input", "0,1"], "not allowed"),
    (["train", XNOR, "--epochs", "0"], "--epochs"),
    (["train", XNOR, "--epochs", "-3"], "--epochs"),
    (["train", XNOR], "required"),
    (["train", "missing.nnviz", "--epochs", "1"], "missing.nnviz"),
    (["train", XNOR, "--epochs", "1", "--out", "/nonexistent-dir/x.nnviz"], "nonexistent"),
    (["nosuchfile.nnviz"], "no such file"),
    (["frobnicate", "x"], "unknown command"),
    (["trace", XNOR, "--sample", "0", "--bogus"], "unrecognized"),
]


@pytest.mark.parametrize(("argv", "fragment"), ERRORS, ids=[" ".join(a[:3]) for a, _ in ERRORS])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, argv, fragment):
    files = bad_files(tmp_path)
    code, out, err = run(capsys, *[a.format(**files) for a in argv])
    assert code == 2
    assert out == ""
    assert err.startswith("nnviz: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert fragment in err


# ------------------------------------------------------------- real processes
def test_python_m_nnviz_trace_and_error():
    ok = subprocess.run([sys.executable, "-m", "nnviz", "trace", XNOR, "--input", "1,1",
                         "--json"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert round(json.loads(ok.stdout)["output"][0], 3) == 0.595
    bad = subprocess.run([sys.executable, "-m", "nnviz", "train", XNOR, "--epochs", "x"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("nnviz: error:")


def test_headless_commands_do_not_import_qt():
    probe = (
        "import sys; from nnviz.cli import main\n"
        f"main(['trace', {XNOR!r}, '--sample', '0']); main(['examples'])\n"
        f"main(['train', {XNOR!r}, '--epochs', '2'])\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))]\n"
        "print('QT', bad)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("QT []")
