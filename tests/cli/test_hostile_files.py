"""Hostile files refused fast and clearly. Each command runs in a subprocess whose timeout
is the time bound: a hang fails the test instead of stalling the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nnviz.core.document import MAX_EPOCH, DocumentError, from_json, new_document, to_json

ROOT = Path(__file__).resolve().parents[2]
BOUND = 60  # seconds: every case answers in one or two; a hang is far longer


def nnviz(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "nnviz", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=BOUND)


def document(tmp_path, change=None, text: str | None = None) -> str:
    data = json.loads(to_json(new_document()))
    if change is not None:
        change(data)
    path = tmp_path / "hostile.nnviz"
    path.write_text(text if text is not None else json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [["trace", "--input", "0,1"], ["train", "--epochs", "1"],
                                     ["export", "-o", "x.png"]])
def test_a_fifo_is_refused_before_it_is_opened(tmp_path, command):
    fifo = tmp_path / "pipe.nnviz"
    os.mkfifo(fifo)
    name, *rest = command
    if name == "export":
        rest = ["-o", str(tmp_path / "x.png")]
    done = nnviz(name, str(fifo), *rest)
    assert done.returncode == 2
    assert "not a regular file: it is a named pipe (FIFO)" in done.stderr


def test_a_hundred_thousand_softmax_groups_are_refused_with_the_limit(tmp_path):
    def groups(data):
        data["network"]["groups"] = [{"id": f"g{i}", "members": ["n1", "n2"]}
                                     for i in range(100_000)]
    f = document(tmp_path, groups)
    for args in (["trace", f, "--input", "0,1"], ["train", f, "--epochs", "1"]):
        done = nnviz(*args)
        assert done.returncode == 2
        assert "network.groups: has 100000 entries; nnviz handles at most" in done.stderr


def test_the_largest_epoch_trains_or_is_refused_at_once(tmp_path):
    f = document(tmp_path, lambda d: d.update(epoch=MAX_EPOCH - 1))
    done = nnviz("train", f, "--epochs", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["epoch"] == MAX_EPOCH
    f = document(tmp_path, lambda d: d.update(epoch=MAX_EPOCH))
    done = nnviz("train", f, "--epochs", "1")
    assert done.returncode == 2 and "past 1000000000000" in done.stderr


@pytest.mark.parametrize("value", ["z" * 1_000_000, list(range(1_000_000))])
def test_an_error_quotes_only_a_short_prefix_of_the_value(tmp_path, value):
    def huge(data):
        data["network"]["neurons"][2]["activation"] = value
    done = nnviz("trace", document(tmp_path, huge), "--input", "0,1")
    assert done.returncode == 2
    assert done.stderr.startswith("nnviz: error: network.neurons[2].activation:")
    assert len(done.stderr) < 400


def test_weights_of_1e308_say_the_forward_pass_overflowed(tmp_path):
    def huge(data):
        for edge in data["network"]["edges"]:
            edge["weight"] = 1e308
    done = nnviz("trace", document(tmp_path, huge), "--input", "1,1")
    assert done.returncode == 2
    assert "the forward pass overflowed" in done.stderr
    assert "inf" not in done.stdout and "nan" not in done.stdout


def test_duplicate_keys_are_refused_with_the_keys_path():
    text = to_json(new_document())
    twice = text.replace('"bias": ', '"bias": 1.0, "bias": ', 1)
    assert twice != text
    with pytest.raises(DocumentError) as info:
        from_json(twice)
    assert str(info.value).startswith("network.neurons[")
    assert ".bias: appears twice in the same object" in str(info.value)
    assert info.value.path.endswith(".bias")
    with pytest.raises(DocumentError, match=r"^title: appears twice"):
        from_json(text.replace('"title": ', '"title": "a", "title": ', 1))
