"""Text from a shared file reaches the terminal inert: control characters (the escape
sequences that retitle or clear it) and direction overrides are shown as escapes."""

from __future__ import annotations

import json

from nnviz.cli import main
from nnviz.core.document import new_document, save

HOSTILE_TITLE = "Homework\x1b]0;pwned\x07\x1b[2J\x9b31m"
HOSTILE_LABEL = "h\u202eevil\ttab"


def hostile_file(tmp_path):
    doc = new_document()
    doc.title = HOSTILE_TITLE
    hidden = next(n for n in doc.network if n.role == "hidden")
    hidden.label = HOSTILE_LABEL
    path = tmp_path / "shared.nnviz"
    save(doc, path)
    return path


def test_trace_shows_control_and_bidi_characters_as_escapes(tmp_path, capsys):
    path = hostile_file(tmp_path)
    assert main(["trace", str(path), "--input", "0.5,-0.5", "--target", "1"]) == 0
    out = capsys.readouterr().out
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\t"):
        assert raw not in out
    assert "Homework\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m" in out
    assert "h\\u202eevil\\x09tab" in out


def test_trace_json_stays_valid_and_inert(tmp_path, capsys):
    path = hostile_file(tmp_path)
    assert main(["trace", str(path), "--input", "0.5,-0.5", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out
    labels = [n["label"] for n in json.loads(out)["neurons"]]
    assert HOSTILE_LABEL in labels  # the JSON itself still carries the exact text
