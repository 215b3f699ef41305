"""``nnviz info``: the parameter count a lecture does by hand, per layer and in total."""

from __future__ import annotations

import json

from nnviz.cli import main
from nnviz.core.builders import build_shape
from nnviz.core.document import new_document, save


def test_info_counts_each_layer_and_the_total(capsys, tmp_path):
    doc = new_document()
    doc.network = build_shape("64-32-10").new
    save(doc, tmp_path / "digits.nnviz")
    assert main(["info", str(tmp_path / "digits.nnviz")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["layer", "neurons", "weights", "biases", "parameters"]
    assert lines[2].split() == ["0", "input", "64", "0", "0", "0"]
    assert lines[3].split() == ["1", "hidden", "32", "2,048", "32", "2,080"]
    assert lines[4].split() == ["2", "output", "10", "320", "10", "330"]
    assert lines[5].split() == ["total", "106", "2,368", "42", "2,410"]


def test_info_json_and_the_trace_total(capsys):
    assert main(["info", "xor", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [layer["parameters"] for layer in result["layers"]] == [0, 6, 3]
    assert result["total"] == {"neurons": 5, "weights": 6, "biases": 3, "slopes": 0,
                               "parameters": 9}
    assert main(["trace", "xor", "--sample", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "parameters: 9 (6 weights, 3 biases; per layer: nnviz info)"


def test_info_refuses_a_missing_file(capsys, tmp_path):
    assert main(["info", str(tmp_path / "none.nnviz")]) == 2
    assert capsys.readouterr().err.startswith("nnviz: error:")
