"""Paste is read exactly as a file is: whatever the clipboard holds, the document stays
one that saves, and a bad paste gets one clear message."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtWidgets import QApplication

from nnviz.core.builders import copy_selection


@pytest.fixture
def window(main_window):
    main_window.start(None)
    return main_window


def copied(window) -> dict:
    net = window.model.network
    return copy_selection(net, [n.id for n in net][:3])


def paste_text(qtbot, window, text: str) -> str:
    QApplication.clipboard().setText(text)
    window.statusBar().clearMessage()
    window.view.paste()
    return window.statusBar().currentMessage()


def with_neuron(data: dict, **values) -> str:
    data["neurons"][0].update(values)
    return json.dumps(data)


@pytest.mark.parametrize("make, expected", [
    (lambda d: json.dumps(d).replace('"bias": 0.0', '"bias": NaN', 1), "finite number"),
    (lambda d: re.sub(r'"weight": [^,}]+', '"weight": -Infinity', json.dumps(d), count=1),
     "finite number"),
    (lambda d: json.dumps({**d, "edges": [{**d["edges"][0], "weight": "nan"}]}),
     "finite number"),
    (lambda d: with_neuron(d, label="L" * 1_000_000), "at most 200 characters"),
    (lambda d: '{"format": "nnviz-selection", "neurons": ' + "[" * 200_000 + "]" * 200_000
     + "}", "nested too deeply"),
])
def test_a_bad_paste_is_refused_with_the_reason_and_changes_nothing(qtbot, window, make,
                                                                   expected):
    before = window.model.document.copy()
    data = copied(window)
    assert data["edges"], "the copied neurons must include an edge"
    message = paste_text(qtbot, window, make(data))
    assert message.startswith("Nothing pasted") and expected in message
    assert len(message) < 300
    assert window.model.document == before
    window.model.document.validate()  # still a document that saves
    assert not window.model.undo_stack.canUndo()


def test_a_good_paste_still_pastes(qtbot, window):
    n = len(window.model.network.neurons)
    paste_text(qtbot, window, json.dumps(copied(window)))
    assert len(window.model.network.neurons) == n + 3
    window.model.document.validate()


def test_text_that_is_not_nnviz_says_so(qtbot, window):
    assert "holds no nnviz neurons" in paste_text(qtbot, window, "hello")
    assert "holds no nnviz neurons" in paste_text(qtbot, window, '{"format": "other"}')
