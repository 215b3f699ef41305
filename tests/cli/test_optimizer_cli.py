"""``nnviz train`` with an optimiser, a schedule and stopping rules from the command line."""

from __future__ import annotations

import json

from nnviz.cli import main
from nnviz.core.document import load
from tests.cli.test_cli import EXAMPLES, run

SPIRAL = str(EXAMPLES / "spiral.nnviz")


def test_adam_with_a_cosine_schedule_and_patience_stops_early_and_saves_it(capsys, tmp_path):
    out = tmp_path / "adam.nnviz"
    code, text, err = run(capsys, "train", SPIRAL, "--epochs", "400", "--optimizer", "adam",
                          "--lr", "0.01", "--schedule", "cosine", "--decay-epochs", "400",
                          "--patience", "10", "--out", str(out))
    assert code == 0, err
    assert "optimizer adam, learning rate now 0.00" in text
    assert "stopped early at epoch" in text and "no better test loss for 10 epochs" in text
    doc = load(out)
    assert (doc.settings.optimizer, doc.settings.schedule, doc.settings.patience) == \
        ("adam", "cosine", 10)
    assert doc.epoch < 400 and doc.optimizer_state["optimizer"] == "adam"
    assert doc.optimizer_state["step"] == doc.epoch * 25  # 250 training points, batches of 10


def test_the_json_says_the_rate_of_the_schedule(capsys):
    assert main(["train", SPIRAL, "--epochs", "4", "--schedule", "step", "--decay-epochs", "2",
                 "--decay-rate", "0.1", "--lr", "0.5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["learning_rate"] == 0.5 * 0.1 * 0.1 and result["stopped"] is None


def test_a_bad_hyper_parameter_names_its_flag(capsys):
    code, out, err = run(capsys, "train", SPIRAL, "--epochs", "1", "--beta1", "2")
    assert code == 2 and out == ""
    assert err.strip() == "nnviz: error: --beta1: must be a number from 0 to 0.9999, got 2.0"
    code, out, err = run(capsys, "train", SPIRAL, "--epochs", "1", "--lr", "0")
    assert "--lr: must be" in err and "Traceback" not in err
