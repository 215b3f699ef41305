"""The shipped JSON Schemas describe what nnviz really writes and reads.

Every shipped example and every ``nnviz trace --json`` output validates against them;
the schemas' choice lists are the code's own, so a new activation, loss or setting
fails here until the schema (and docs/file-format.md) say so too.
"""

from __future__ import annotations

import json
from dataclasses import fields
from importlib import resources

import pytest

from nnviz.cli import main
from nnviz.core import activations, datasets, network, settings
from nnviz.core.data import Dataset
from nnviz.core.document import to_dict
from nnviz.core.examples import example_names, load_example
from nnviz.core.settings import TrainingSettings

jsonschema = pytest.importorskip("jsonschema")


def schema(name: str) -> dict:
    return json.loads((resources.files("nnviz.resources") / "schema" / name).read_text("utf-8"))


DOCUMENT, TRACE = schema("nnviz.schema.json"), schema("trace.schema.json")


def validator(which: dict):
    jsonschema.Draft202012Validator.check_schema(which)
    return jsonschema.Draft202012Validator(which)


@pytest.mark.parametrize("name", example_names())
def test_every_shipped_example_validates(name):
    text = (resources.files("nnviz.resources") / "examples" / f"{name}.nnviz").read_text("utf-8")
    validator(DOCUMENT).validate(json.loads(text))


def test_an_imported_dataset_validates_too():
    doc = load_example("xor")
    doc.dataset = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], "binary",
                          ["x1", "x2"], ["label"], [0, 1, 2], [3], class_names=["a", "b"],
                          name="gates.csv")
    validator(DOCUMENT).validate(to_dict(doc))


def non_default_settings() -> TrainingSettings:
    """Settings with every field off its default (and still valid), so that a field the
    schema does not know is written and caught: defaults alone leave optional ones out."""
    chosen = TrainingSettings()
    for fld in fields(TrainingSettings):
        default = fld.default
        if isinstance(default, bool):
            candidates = [not default]
        elif isinstance(default, str):
            assert fld.name in settings.CHOICES, f"{fld.name}: list its choices in CHOICES"
            candidates = [c for c in settings.CHOICES[fld.name] if c != default]
        elif isinstance(default, int):
            candidates = [default + 1, default - 1]
        else:
            candidates = [default * 0.5, 0.5, 0.25, 1.5]
        for value in candidates:
            trial = TrainingSettings(**{**chosen.__dict__, fld.name: value})
            if trial.problem() is None and value != default:
                chosen = trial
                break
        else:
            raise AssertionError(f"{fld.name}: no valid non-default value among {candidates}")
    return chosen


def test_a_document_with_every_setting_changed_validates():
    doc = load_example("xnor")
    doc.settings = non_default_settings()
    data = to_dict(doc)
    assert set(data["settings"]) == {f.name for f in fields(TrainingSettings)}
    validator(DOCUMENT).validate(data)


def test_the_schema_refuses_what_the_loader_refuses():
    check = validator(DOCUMENT)
    good = to_dict(load_example("xnor"))
    for broken in ({**good, "format_version": 3}, {**good, "surprise": 1},
                   {**good, "network": {**good["network"], "neurons": [
                       {**good["network"]["neurons"][0], "activation": "tanhh"}]}}):
        assert not check.is_valid(broken)


@pytest.mark.parametrize("argv", [["xnor", "--input", "0,1"], ["softmax3", "--sample", "2"],
                                  ["playground", "--input", "0.5,-0.5"], ["regression",
                                  "--sample", "0", "--convention", "mitchell"],
                                  ["xnor", "--input", "0.3,0.3"]])  # no target: forward only
def test_trace_json_validates(capsys, argv):
    assert main(["trace", *argv, "--json"]) == 0
    validator(TRACE).validate(json.loads(capsys.readouterr().out))


def test_the_schemas_list_the_codes_choices():
    defs = DOCUMENT["$defs"]
    assert defs["neuron"]["properties"]["activation"]["enum"] == list(activations.ACTIVATIONS)
    assert defs["neuron"]["properties"]["role"]["enum"] == list(network.ROLES)
    assert defs["builtin"]["properties"]["name"]["enum"] == list(datasets.BUILTIN_DATASETS)
    props = defs["settings"]["properties"]
    assert set(props) == set(non_default_settings().to_dict()), "document every setting"
    for key, choices in settings.CHOICES.items():
        assert props[key]["enum"] == list(choices), key
    assert TRACE["properties"]["neurons"]["items"]["properties"]["activation"]["enum"] == \
        list(activations.ACTIVATIONS)


@pytest.mark.parametrize("optimizer", list(settings.OPTIMIZERS))
def test_a_document_with_optimizer_state_validates(optimizer):
    from nnviz.core.headless import train_document
    doc = load_example("xnor")
    doc.settings = TrainingSettings(**{**doc.settings.__dict__, "optimizer": optimizer})
    data = to_dict(train_document(doc, 2)[0])
    assert data["optimizer_state"]["optimizer"] == optimizer
    validator(DOCUMENT).validate(data)
    assert set(data["optimizer_state"]["slots"]) <= set(
        DOCUMENT["properties"]["optimizer_state"]["properties"]["slots"]["propertyNames"]["enum"])
