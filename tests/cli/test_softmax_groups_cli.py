"""``nnviz trace`` and ``nnviz train`` on a network with two softmax groups."""

from __future__ import annotations

import json
import math

import numpy as np

from nnviz.cli import main
from nnviz.core.data import Dataset
from nnviz.core.document import Document, save
from nnviz.core.settings import TrainingSettings
from tests.core.test_softmax_groups import issue_example


def two_group_document(path) -> str:
    net = issue_example(("colour", "shape"))
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([[1, 0, 0, 1], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]], dtype=float)
    data = Dataset(x, y, "multiclass", ["x"], ["a1", "a2", "b1", "b2"],
                   train=np.arange(4), test=np.arange(0))
    doc = Document(net, data, TrainingSettings(loss="softmax_ce", batch_mode="full",
                                               learning_rate=1e-12))
    save(doc, path)
    return str(path)


def test_trace_reports_the_sum_of_the_groups_cross_entropies(tmp_path, capsys):
    f = two_group_document(tmp_path / "two.nnviz")
    assert main(["trace", f, "--input", "0", "--target", "1,0,0,1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert round(result["loss"], 3) == 1.609
    assert main(["trace", f, "--input", "0", "--target", "1,0,0,1"]) == 0
    assert "L = −Σ_groups Σ_k y_k log p_k = 1.609" in capsys.readouterr().out


def test_train_prints_accuracy_of_all_groups_and_of_each(tmp_path, capsys):
    f = two_group_document(tmp_path / "two.nnviz")
    # Learning rate ~0: the outputs stay (0.25, 0.75) and (0.2, 0.8) for every row, so
    # "colour" is right on rows 1 and 3, "shape" on 0, 1, 3; both only on 1 and 3.
    assert main(["train", f, "--epochs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["train_accuracy"] == 0.5
    assert result["group_accuracy"]["train"] == {"colour": 0.5, "shape": 0.75}
    expected = np.mean([-math.log(0.25) - math.log(0.8), -math.log(0.75) - math.log(0.8),
                        -math.log(0.25) - math.log(0.2), -math.log(0.75) - math.log(0.8)])
    assert math.isclose(result["train_loss"], expected, rel_tol=1e-6)
    assert main(["train", f, "--epochs", "1"]) == 0
    assert "accuracy 50.0% (all groups right; colour 50.0%, shape 75.0%)" in \
        capsys.readouterr().out
