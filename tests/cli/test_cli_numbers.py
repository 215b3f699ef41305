"""What a student types: negative numbers after --input/--target, 1e-3, nested features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nnviz.cli import main
from nnviz.core.data import DataError, feature_matrix

ROOT = Path(__file__).resolve().parents[2]
XNOR = str(ROOT / "resources" / "examples" / "xnor.nnviz")


def trace_json(capsys, *argv: str) -> dict:
    code = main(["trace", *argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("value", ["-0.5,1", "-5e-1,1", "−0.5,1", "-.5, +1", "-0.5,1e0"])
def test_a_negative_input_after_a_space(capsys, value):
    result = trace_json(capsys, XNOR, "--input", value, "--target", "1")
    assert result["input"] == [-0.5, 1.0]


def test_a_negative_target_after_a_space(capsys):
    softmax3 = str(ROOT / "resources" / "examples" / "softmax3.nnviz")  # 2 inputs, 3 outputs
    result = trace_json(capsys, softmax3, "--input", "1e-3,-2", "--target", "-1,0,1")
    assert result["target"] == [-1.0, 0.0, 1.0]
    assert result["input"] == [0.001, -2.0]


def test_a_word_after_input_is_still_refused_clearly(capsys):
    assert main(["trace", XNOR, "--input", "-x"]) == 2
    assert "--input" in capsys.readouterr().err


def test_nested_derived_features():
    raw = np.array([[0.5, 2.0], [1.0, -1.0]])
    cols = ["x1", "x2"]
    got = feature_matrix(raw, cols, ["sin(x1*x2)", "(x1*x2)^2", "sin(x1)^2", "x1*x2*x1"])
    x1, x2 = raw[:, 0], raw[:, 1]
    np.testing.assert_allclose(got, np.stack([np.sin(x1 * x2), (x1 * x2) ** 2,
                                              np.sin(x1) ** 2, x1 * x2 * x1], axis=1))


def test_an_unknown_form_says_which_forms_exist():
    with pytest.raises(DataError) as info:
        feature_matrix(np.zeros((1, 2)), ["x1", "x2"], ["cos(x1)"])
    message = str(info.value)
    assert "unknown feature 'cos(x1)'" in message and "sin(x1*x2)" in message
    assert "a^2, a*b and sin(a)" in message
