"""nnviz exercise and nnviz check as an instructor and an autograder run them."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz.cli import main
from nnviz.core import numfmt
from nnviz.core.document import load

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def made(tmp_path, capsys):
    code, out, err = run(capsys, "exercise", "--shape", "2-2-1", "--activation", "sigmoid",
                         "--loss", "half_se", "--seed", "5", "--count", "3",
                         "-o", str(tmp_path / "sheet.pdf"), "--key", str(tmp_path / "key.pdf"),
                         "--documents", str(tmp_path / "docs"), "--answers-template")
    assert code == 0, err
    assert "wrote" in out and (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    return tmp_path


def test_exercise_writes_sheet_key_documents_and_templates(made):
    assert sorted(p.name for p in (made / "docs").iterdir()) == [
        "variant-01.csv", "variant-01.nnviz", "variant-02.csv", "variant-02.nnviz",
        "variant-03.csv", "variant-03.nnviz"]
    pages = re.findall(rb"/Type\s*/Page\b", (made / "key.pdf").read_bytes())
    assert len(pages) == 3


def test_the_same_seed_gives_the_same_pdf_byte_for_byte(made, capsys):
    again = made / "again"
    again.mkdir()
    assert run(capsys, "exercise", "--seed", "5", "--count", "3", "-o",
               str(again / "sheet.pdf"), "--key", str(again / "key.pdf"))[0] == 0
    for name in ("sheet.pdf", "key.pdf"):
        data = (again / name).read_bytes()
        assert data == (made / name).read_bytes()
        assert b"/CreationDate (D:20000101000000Z)" in data  # not the time of the run
    assert run(capsys, "exercise", "--seed", "6", "--count", "3", "-o",
               str(again / "six.pdf"))[0] == 0
    assert (again / "six.pdf").read_bytes() != (made / "sheet.pdf").read_bytes()


def _subprocess_sheet(out: Path, tz: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k != "QT_HASH_SEED"}
    env.update(TZ=tz, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "nnviz", "exercise", "--seed", "5",
                           "--count", "3", "-o", str(out)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def test_two_runs_in_two_time_zones_write_the_same_file(tmp_path):
    # Qt stamps local time into the PDF (longer in UTC+1 than in UTC) and lists the
    # fonts in an order that changes from process to process unless told otherwise.
    utc = _subprocess_sheet(tmp_path / "utc.pdf", "UTC")
    assert _subprocess_sheet(tmp_path / "berlin.pdf", "Europe/Berlin") == utc


def _key_values(t: dict) -> list[str]:
    """Every number the key shows, as ``nnviz trace --json`` has it."""
    hidden = [n for n in t["neurons"] if n["role"] != "input"]
    values = [n[k] for n in hidden for k in ("z", "a", "g_prime", "delta")]
    values += [e["grad"] if t["convention"] == "dl_dz" else e["delta_w"] for e in t["edges"]]
    values += [e["weight"] + e["delta_w"] for e in t["edges"]]
    values += [n["bias"] + n["delta_bias"] for n in hidden]
    return [numfmt.number(v, 4, unicode=True) for v in [*values, t["loss"]]]


@pytest.mark.parametrize("options", [
    ["--shape", "2-2-1", "--paper", "a4"],
    # The largest kind of page: tables side by side on the shorter paper, Mitchell's δ.
    ["--shape", "2-2-2-1", "--activation", "tanh", "--loss", "se", "--paper", "letter",
     "--convention", "mitchell"],
])
def test_the_key_shows_the_trace_of_its_document(tmp_path, capsys, options):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert run(capsys, "exercise", *options, "--seed", "5", "--count", "2", "-o",
               str(tmp_path / "sheet.pdf"), "--key", str(tmp_path / "key.pdf"),
               "--documents", str(tmp_path / "docs"))[0] == 0
    code, out, _ = run(capsys, "trace", str(tmp_path / "docs" / "variant-02.nnviz"),
                       "--sample", "0", "--json")
    assert code == 0
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout",
                           str(tmp_path / "key.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = text.split()
    for value in _key_values(json.loads(out)):
        assert value in words or f"{value}." in words  # the loss ends its sentence
    assert "…" not in text  # nothing cut short
    # The sheet's own page: the example, the target and every bias beside the drawing.
    sheet = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout",
                            str(tmp_path / "sheet.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    doc = load(tmp_path / "docs" / "variant-02.nnviz")
    data = doc.build_dataset()
    flat = " ".join(sheet.split())
    for k, x in enumerate(data.x[0]):
        assert f"x{k + 1} = {x:g}".replace("-", "−") in flat
    assert f"target y = {data.y[0][0]:g}".replace("-", "−") in flat
    for n in doc.network.neurons.values():
        if n.role != "input":
            assert f"b = {n.bias:g}".replace("-", "−") in flat
    assert sheet.count("0.") < text.count("0.")  # the tables are empty on the sheet


@pytest.mark.parametrize(("shape", "paper", "pages"), [
    ("3-3-2", "letter", 2), ("3-4-2", "a4", 2), ("2-3-3-1", "letter", 2)])
def test_a_larger_network_continues_its_tables_on_the_next_page(tmp_path, capsys, shape,
                                                                 paper, pages):
    """More than 17 weights and biases: the weights table goes on over a second page at
    the full row height, and the key still holds every value of the trace."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    code, out, _ = run(capsys, "exercise", "--shape", shape, "--paper", paper, "--seed", "3",
                       "--count", "2", "-o", str(tmp_path / "sheet.pdf"), "--key",
                       str(tmp_path / "key.pdf"), "--documents", str(tmp_path / "docs"))
    assert code == 0 and f"({2 * pages} pages, " in out
    code, out, _ = run(capsys, "trace", str(tmp_path / "docs" / "variant-02.nnviz"),
                       "--sample", "0", "--json")
    text = subprocess.run(["pdftotext", "-f", str(pages + 1), "-l", str(2 * pages), "-layout",
                           str(tmp_path / "key.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = text.split()
    for value in _key_values(json.loads(out)):
        assert value in words or f"{value}." in words
    assert "Backpropagation exercise 2 (continued)" in text and "…" not in text
    assert "variant 2 of 2, page 2" in text


def _fill(template: Path, doc: Path, capsys) -> list[list[str]]:
    """The template filled from the trace, as a student who got everything right would."""
    code, out, _ = run(capsys, "trace", str(doc), "--sample", "0", "--json")
    t = json.loads(out)
    names = {n["id"]: n["label"] for n in t["neurons"]}
    values = {n["label"]: {"z": n["z"], "a": n["a"], "g_prime": n["g_prime"],
                           "delta": n["delta"]} for n in t["neurons"]}
    for e in t["edges"]:
        values[f"{names[e['source']]}->{names[e['target']]}"] = {
            "dL_dw": e["grad"], "w_new": e["weight"] + e["delta_w"]}
    for n in t["neurons"]:
        if n["role"] != "input":
            values[f"b({n['label']})"] = {"dL_dw": n["bias_grad"],
                                          "w_new": n["bias"] + n["delta_bias"]}
    rows = list(csv.reader(template.open(encoding="utf-8")))
    for row in rows[1:]:
        for j, col in enumerate(rows[0][1:], start=1):
            if col in values[row[0]]:
                row[j] = f"{values[row[0]][col]:.4f}"
    return rows


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_check_grades_a_filled_table(made, capsys):
    doc = made / "docs" / "variant-01.nnviz"
    rows = _fill(made / "docs" / "variant-01.csv", doc, capsys)
    good = _write(made / "good.csv", rows)
    code, out, _ = run(capsys, "check", str(doc), str(good))
    assert code == 0 and "30 cells, 30 right, 0 wrong" in out
    expected = rows[3][4]
    rows[3][4] = "0.5"  # δ of the output, wrong
    code, out, _ = run(capsys, "check", str(doc), str(_write(made / "bad.csv", rows)))
    assert code == 1
    assert out.splitlines()[1] == (f"row 4 (ŷ), column delta: 0.5000 given, expected "
                                   f"{expected} (tolerance ±0.0002)")


def test_check_of_an_unreadable_table_is_one_line_and_exit_2(made, capsys):
    doc = made / "docs" / "variant-01.nnviz"
    rows = _fill(made / "docs" / "variant-01.csv", doc, capsys)
    rows[2][1] = "zero point five"
    code, out, err = run(capsys, "check", str(doc), str(_write(made / "bad.csv", rows)))
    assert code == 2 and out == ""
    assert err == ("nnviz: error: bad.csv row 3 (h2), column z: not a number "
                   "('zeropointfive')\n")
    code, _, err = run(capsys, "check", str(doc), str(made / "none.csv"))
    assert code == 2 and "cannot read" in err and err.count("\n") == 1


@pytest.mark.parametrize("args, message", [
    (["--count", "0"], "--count must be from 1"),
    (["--shape", "2-5-5-1"], "too big to work by hand"),
    (["--answers-template"], "add --documents DIR"),
    (["--key", "key.png"], "name it .pdf"),
])
def test_bad_exercise_options_are_one_line(tmp_path, capsys, args, message):
    code, out, err = run(capsys, "exercise", "-o", str(tmp_path / "s.pdf"), *args)
    assert code == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / "s.pdf").exists()
