"""The command line as an installed user meets it: help texts and example names for files."""

from __future__ import annotations

import json

import pytest

from nnviz.cli import COMMANDS, main


@pytest.mark.parametrize("command", COMMANDS)
def test_each_sub_command_help_has_its_own_usage_line(capsys, command):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith(f"usage: nnviz {command} ")
    assert "COMMAND" not in out.split("\n\n", 1)[0]  # the top-level usage does not leak in


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: nnviz [FILE]\n")
    for command in COMMANDS:
        assert command in out


def test_trace_accepts_an_example_name(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no resources/ folder here, as after pip install
    assert main(["trace", "xnor", "--input", "0,1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert round(result["output"][0], 3) == 0.435


def test_train_and_export_accept_example_names(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["train", "xor.nnviz", "--epochs", "1", "--out", "mine.nnviz"]) == 0
    assert (tmp_path / "mine.nnviz").is_file()
    assert main(["export", "playground", "-o", "x.png"]) == 0
    assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_file_of_the_same_name_wins_over_the_example(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["train", "xnor", "--epochs", "1", "--out", "xnor"]) == 0  # a file named xnor
    capsys.readouterr()
    assert main(["train", "xnor", "--epochs", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["epoch"] == 2  # the trained copy, not the example


def test_an_unknown_name_says_no_such_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["trace", "nosuchthing", "--input", "0,1"]) == 2
    assert "nosuchthing" in capsys.readouterr().err
