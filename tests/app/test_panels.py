"""The side panels, driven as a user drives them: keys, clicks, combo choices.

Every edit must land in the document through an undoable command, and a panel
refreshing itself must never push an edit back.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QToolButton

from nnviz.app.controller import TrainingController
from nnviz.app.docmodel import DocumentModel
from nnviz.app.panels import CsvImportDialog, DatasetPanel, Inspector, TrainingPanel
from nnviz.app.panels.adapt import adapt_commands, mismatches
from nnviz.core.commands import Remove, SetAttribute
from nnviz.core.data import Dataset
from nnviz.core.datasets import DatasetSpec, make_dataset
from nnviz.core.docdata import fit_problems
from nnviz.core.document import Document
from nnviz.core.network import layered
from nnviz.core.settings import TrainingSettings


def _document(shape=(2, 3, 1), output: str | None = None, data: str = "circle") -> Document:
    net = layered(list(shape), "tanh", output)
    for i, n in enumerate(net.neurons.values()):
        n.bias = 0.1 * i  # distinct, non-zero values to edit
    return Document(net, DatasetSpec(data), TrainingSettings())


@pytest.fixture
def model():
    model = DocumentModel(_document())
    yield model
    _release(model)


def _release(model: DocumentModel) -> None:
    # Empty the stack while the model is alive: a stack destroyed non-clean emits
    # cleanChanged into the model's lambda after the model is gone.
    model.undo_stack.clear()


@pytest.fixture
def controller(model):
    controller = TrainingController(model)
    yield controller
    controller.shutdown()  # no worker thread may outlive a test


def _type_into(qtbot, widget, text: str) -> None:
    """Replace a field's text as a user does: focus, select all, type, Enter."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _number(widget, value: float) -> str:
    return widget.locale().toString(value, "f", 2)


def _inspector(qtbot, model, controller) -> Inspector:
    inspector = Inspector(model, controller)
    qtbot.addWidget(inspector)
    inspector.show()
    return inspector


# --------------------------------------------------------------- inspector
def test_bias_edit_changes_the_document_and_one_undo_restores_it(qtbot, model, controller):
    hidden = model.network.by_role("hidden")[0]
    old = hidden.bias
    inspector = _inspector(qtbot, model, controller)
    inspector.set_selection([hidden.id], [])
    spin = inspector.neuron_page.bias
    _type_into(qtbot, spin, _number(spin, 0.75))
    assert model.network.neuron(hidden.id).bias == pytest.approx(0.75)
    model.undo_stack.undo()
    assert model.network.neuron(hidden.id).bias == pytest.approx(old)
    assert spin.value() == pytest.approx(old)  # the panel followed the undo


def test_a_run_of_spin_steps_is_one_undo_step(qtbot, model, controller):
    out = model.network.outputs[0]
    old = out.bias
    inspector = _inspector(qtbot, model, controller)
    inspector.set_selection([out.id], [])
    spin = inspector.neuron_page.bias
    spin.setFocus()
    before = model.undo_stack.count()
    for _ in range(5):
        QTest.keyClick(spin, Qt.Key.Key_Up)
    assert model.network.neuron(out.id).bias == pytest.approx(old + 0.5)
    assert model.undo_stack.count() == before + 1
    QTest.keyClick(spin, Qt.Key.Key_Return)  # the run ends: the next step is a new one
    QTest.keyClick(spin, Qt.Key.Key_Up)
    assert model.undo_stack.count() == before + 2
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert model.network.neuron(out.id).bias == pytest.approx(old)


def test_choosing_softmax_on_two_outputs_makes_one_group(qtbot):
    model = DocumentModel(_document((2, 3, 2), "sigmoid", "blobs"))
    controller = TrainingController(model)
    try:
        inspector = _inspector(qtbot, model, controller)
        first, second = (o.id for o in model.network.outputs)
        combo = inspector.neuron_page.activation
        for nid in (first, second):
            inspector.set_selection([nid], [])
            combo.setFocus()
            QTest.keyClick(combo, Qt.Key.Key_End)  # softmax is the last activation
            assert combo.currentData() == "softmax"
        net = model.network
        assert [g.members for g in net.groups] == [[first, second]]
        assert all(net.neuron(n).activation == "softmax" for n in (first, second))
        QTest.keyClick(combo, Qt.Key.Key_Home)  # second output leaves softmax
        assert [g.members for g in model.network.groups] == [[first]]
        model.undo_stack.undo()
        assert [g.members for g in model.network.groups] == [[first, second]]
    finally:
        controller.shutdown()
        _release(model)


def test_an_empty_label_is_refused_with_a_message(qtbot, model, controller):
    hidden = model.network.by_role("hidden")[0]
    inspector = _inspector(qtbot, model, controller)
    inspector.set_selection([hidden.id], [])
    before = model.undo_stack.count()
    edit = inspector.neuron_page.label
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert inspector.message.isVisible() and "label" in inspector.message.text()
    assert model.network.neuron(hidden.id).label == hidden.label
    assert edit.text() == hidden.label
    assert model.undo_stack.count() == before
    _type_into(qtbot, edit, "feature A")
    assert model.network.neuron(hidden.id).label == "feature A"


def test_edge_weight_and_training_updates_do_not_echo_edits(qtbot, model, controller):
    key = next(iter(model.network.edges))
    inspector = _inspector(qtbot, model, controller)
    inspector.set_selection([], [key])
    _type_into(qtbot, inspector.edge_page.weight, _number(inspector.edge_page.weight, -1.25))
    assert model.network.edges[key].weight == pytest.approx(-1.25)
    count = model.undo_stack.count()
    controller.select_sample(0)
    with qtbot.waitSignal(controller.snapshot, timeout=5000):
        controller.step("epoch")
    qtbot.waitUntil(lambda: inspector.edge_page.numbers["grad"].text() != "—", timeout=5000)
    assert model.undo_stack.count() == count  # refreshing from training pushed nothing


# ----------------------------------------------------------------- training
@pytest.fixture
def panel(qtbot, model, controller) -> TrainingPanel:
    panel = TrainingPanel(model, controller)
    qtbot.addWidget(panel)
    panel.show()
    return panel


@pytest.mark.parametrize("typed", ["0", "1e6"])
def test_learning_rate_refuses_absurd_values(qtbot, model, panel, typed):
    before, count = model.document.settings, model.undo_stack.count()
    form = panel.settings
    _type_into(qtbot, form.rate.lineEdit(), typed)
    assert form.message.isVisible()
    assert "Learning rate" in form.message.text() and "not applied" in form.message.text()
    assert model.document.settings == before
    assert model.undo_stack.count() == count
    assert form.rate.currentText() == "0.03"  # the field shows the rate in force


def test_settings_changes_are_undoable(qtbot, model, panel):
    form = panel.settings
    _type_into(qtbot, form.rate.lineEdit(), "0.1")
    assert model.document.settings.learning_rate == pytest.approx(0.1)
    assert not form.message.isVisible()
    form.batch_mode.setFocus()
    QTest.keyClick(form.batch_mode, Qt.Key.Key_Home)  # "Full batch"
    assert model.document.settings.batch_mode == "full"
    assert not form.batch_size.isEnabled()
    model.undo_stack.undo()
    assert model.document.settings.batch_mode == "mini"
    assert form.batch_mode.currentData() == "mini"
    model.undo_stack.undo()
    assert model.document.settings.learning_rate == pytest.approx(0.03)


def test_a_run_of_setting_steps_is_one_undo_step(qtbot, model, panel):
    spin = panel.settings.batch_size
    spin.setFocus()
    count = model.undo_stack.count()
    for _ in range(3):
        QTest.keyClick(spin, Qt.Key.Key_Up)
    assert model.document.settings.batch_size == 13
    assert model.undo_stack.count() == count + 1
    model.undo_stack.undo()
    assert model.document.settings.batch_size == 10 and spin.value() == 10


def test_play_and_the_epoch_are_the_run_bars_alone(qtbot, model, controller, panel):
    # The run bar has the large Play and epoch; a second copy here only took room.
    buttons = {b.text() for b in panel.findChildren(QPushButton)}
    assert "Step" in buttons and not buttons & {"Play", "Pause"}
    texts = {label.text() for label in panel.findChildren(QLabel)}
    assert "Training loss" in texts and "Epoch" not in texts


def test_step_shows_the_epoch_and_losses(qtbot, model, controller, panel):
    assert model.document.epoch == 0 and panel.train_loss.text() == "—"
    panel.unit.setFocus()
    QTest.keyClick(panel.unit, Qt.Key.Key_End)  # "one epoch"
    qtbot.mouseClick(panel.step, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.document.epoch == 1, timeout=5000)
    qtbot.waitUntil(lambda: panel.train_loss.text() != "—")
    assert panel.train_loss.text() != "—" and panel.test_loss.text() != "—"
    model.push(Remove([model.network.outputs[0].id]))
    assert not panel.step.isEnabled()
    assert panel.problem.isVisible() and "output" in panel.problem.text()


# ------------------------------------------------------------------ dataset
def test_switching_the_dataset_is_undoable(qtbot, model, controller):
    panel = DatasetPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    spiral = next(b for b in panel.buttons.buttons() if b.objectName() == "dataset_spiral")
    qtbot.mouseClick(spiral, Qt.MouseButton.LeftButton)
    assert model.document.dataset.name == "spiral"
    panel.noise.setFocus()
    QTest.keyClick(panel.noise, Qt.Key.Key_PageUp)
    assert model.document.dataset.noise == pytest.approx(10.0)
    qtbot.mouseClick(panel.resample, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.resample, Qt.MouseButton.LeftButton)
    assert model.document.dataset.seed == 3 and panel.seed.value() == 3
    for _ in range(4):  # two samples (one step each), the noise, the switch
        model.undo_stack.undo()
    assert model.document.dataset == DatasetSpec("circle")
    assert not spiral.isChecked()


def test_choosing_the_digits_offers_the_split_and_adapts_the_network(qtbot, model, controller):
    panel = DatasetPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    digits = panel.findChild(QToolButton, "dataset_digits")
    assert digits.text() == "Digits" and not digits.isChecked()
    qtbot.mouseClick(digits, Qt.MouseButton.LeftButton)
    assert model.document.dataset == DatasetSpec("digits")
    assert "1,797 points (898 train, 899 test) · 64 features · 10 classes" in \
        panel.summary.text()
    # Pictures from a file: no size, noise or class count to choose; the split stays.
    assert not panel.points.isEnabled() and not panel.noise.isEnabled()
    assert not panel.classes.isVisibleTo(panel)
    assert panel.ratio.isEnabled() and panel.seed.isEnabled()
    assert panel.adapt.isVisible()  # the 2-3-1 network does not fit 64 pixels, 10 classes
    qtbot.mouseClick(panel.adapt, Qt.MouseButton.LeftButton)
    assert len(model.network.inputs) == 64 and len(model.network.outputs) == 10
    assert model.network.inputs[29].feature == "px 3,5"
    assert not panel.adapt.isVisible()


def _open_csv(qtbot, model, path: str) -> CsvImportDialog:
    """The import dialog with a file read into its preview (the read runs on a thread)."""
    dialog = CsvImportDialog(model, None, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=10000)
    return dialog


def _write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_dialog_lists_bad_cells_by_row_and_column(qtbot, model, tmp_path):
    rows = ["x1,x2,y", "1,2,0", ",3,1", "4,abc,1", "5,6,0", "7,8,1"]
    dialog = _open_csv(qtbot, model, _write(tmp_path / "bad.csv", "\n".join(rows)))
    texts = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert any(t.startswith("row 3, column 'x1'") for t in texts), texts
    assert not dialog.ok_button.isEnabled()
    dialog.columns.set_column("x2", "feature", "standardize")  # x2 is a number column
    texts = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert "row 4, column 'x2': not a number (value 'abc')" in texts
    assert not dialog.ok_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Return)  # Enter must not import either
    assert isinstance(model.document.dataset, DatasetSpec)


def test_a_good_csv_imports_as_embedded_data(qtbot, model, controller, tmp_path):
    lines = ["a,b,label"] + [f"{i},{(i * 7) % 5},{'yes' if i % 3 else 'no'}" for i in range(20)]
    dialog = _open_csv(qtbot, model, _write(tmp_path / "good.csv", "\n".join(lines)))
    assert dialog.ok_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    data = model.document.dataset
    assert isinstance(data, Dataset)
    assert data.x.shape == (20, 2) and data.y.shape == (20, 1) and data.task == "binary"
    assert [n.feature for n in model.network.inputs] == ["a", "b"]  # adapted
    model.undo_stack.undo()
    assert model.document.dataset == DatasetSpec("circle")
    assert [n.feature for n in model.network.inputs] == ["x1", "x2"]


def _iris() -> str:
    from nnviz.app.panels.csv_dialog import example_files

    return str(next(p for p in example_files() if p.name == "iris_small.csv"))


def _trains_outputs(qtbot, controller, count: int) -> None:
    """Wait until the worker has trained a step of a network with ``count`` outputs."""
    controller.step("epoch")
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.grid is not None
                    and len(controller.latest.grid.output_ids) == count
                    and controller.latest.epoch > 0, timeout=5000)


def test_importing_three_classes_adapts_the_network_and_trains(qtbot, model, controller):
    statuses: list[str] = []
    controller.status.connect(statuses.append)
    dialog = _open_csv(qtbot, model, _iris())
    assert not dialog.adapt.isHidden() and "3 targets" in dialog.warning.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    doc = model.document
    assert len(doc.network.outputs) == 3 and doc.settings.loss == "softmax_ce"
    assert fit_problems(doc.network, doc.dataset, doc.settings) == []
    _trains_outputs(qtbot, controller, 3)
    model.undo_stack.undo()  # one step takes back data, network and loss
    assert len(model.network.outputs) == 1 and model.document.settings.loss == "squared"
    assert isinstance(model.document.dataset, DatasetSpec)
    _trains_outputs(qtbot, controller, 1)
    model.undo_stack.redo()
    _trains_outputs(qtbot, controller, 3)
    assert statuses == []  # the trainer never saw a network that did not fit its data


def test_the_dataset_panel_offers_to_adapt_the_network(qtbot, model, controller):
    panel = DatasetPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.adapt.isHidden()
    dialog = _open_csv(qtbot, model, _iris())
    dialog.adapt.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert panel.adapt.isVisible() and "3 targets" in panel.warning.text()
    qtbot.mouseClick(panel.adapt, Qt.MouseButton.LeftButton)
    assert panel.adapt.isHidden() and len(model.network.outputs) == 3
    _trains_outputs(qtbot, controller, 3)


def test_an_ordinal_column_imports_as_a_thermometer_code(qtbot, model):
    from nnviz.app.panels.csv_dialog import example_files

    housing = next(p for p in example_files() if p.name == "housing_toy.csv")
    dialog = _open_csv(qtbot, model, str(housing))
    dialog.columns.set_column("condition", "feature", "thermometer")
    row = list(dialog.columns.roles()).index("condition")
    _type_into(qtbot, dialog.columns._levels(row), "poor, fair, good, excellent")
    assert dialog.columns.levels() == {"condition": ["poor", "fair", "good", "excellent"]}
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    data = model.document.dataset
    names = data.feature_names
    good = names.index("condition>=good")
    row_of_fair = 2  # file line 4 is "fair": 1, 1, 0, 0
    assert list(data.x[row_of_fair, good - 2 : good + 2]) == [1.0, 1.0, 0.0, 0.0]
    assert model.network.outputs[0].activation == "identity"  # prices are beyond ±1


def test_adapt_commands_make_any_network_fit():
    doc = _document((2, 4, 1))
    data = make_dataset(DatasetSpec("blobs", classes=4))
    assert mismatches(doc.network, data)
    for command in adapt_commands(doc.network, data, doc.settings):
        command.apply(doc)
    assert fit_problems(doc.network, data, doc.settings) == []
    assert not doc.network.problems() and not mismatches(doc.network, data)
    back = make_dataset(DatasetSpec("not"))  # one feature, one target
    for command in adapt_commands(doc.network, back, doc.settings):
        command.apply(doc)
    assert fit_problems(doc.network, back, doc.settings) == []
    assert not doc.network.problems() and len(doc.network.inputs) == 1



def test_panels_follow_a_replaced_document(qtbot, model, controller):
    inspector, panel, data = Inspector(model, controller), TrainingPanel(model, controller), \
        DatasetPanel(model)
    for w in (inspector, panel, data):
        qtbot.addWidget(w)
    inspector.set_selection([model.network.outputs[0].id], [])
    other = _document((2, 2, 1), data="xor")
    other.settings = TrainingSettings(learning_rate=0.3, batch_mode="full")
    model.replace(other, None)
    assert inspector.stack.currentWidget() is inspector.hint
    assert panel.settings.rate.currentText() == "0.3"
    assert panel.settings.batch_mode.currentData() == "full"
    assert next(b for b in data.buttons.buttons() if b.isChecked()).objectName() == "dataset_xor"
    assert model.undo_stack.count() == 0  # refreshing pushed nothing


def test_imported_points_show_no_sampling_of_the_previous_built_in_set(qtbot, model):
    """Circle's 500 points and 50 % split stood, greyed, beside 20 imported rows."""
    panel = DatasetPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    sampling = next(g for g in panel.findChildren(QGroupBox) if g.title() == "Sampling")
    assert sampling.isVisible() and panel.points.value() == 500
    x = np.linspace(-1, 1, 40).reshape(20, 2)
    data = Dataset(x, (x[:, :1] > 0).astype(float), "binary", ["a", "b"], ["y"],
                   np.arange(20), np.arange(0), name="table")
    model.push(SetAttribute("dataset", data, "Import"))
    assert not sampling.isVisible()
    assert "20 points (20 train, 0 test)" in panel.summary.text()
    model.undo_stack.undo()
    assert sampling.isVisible()


def test_a_logic_gate_shows_no_split_of_its_truth_table(qtbot, model):
    """XOR's four points are all trained and tested on: a "50 % train" beside them was false."""
    panel = DatasetPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    split = panel.ratio_value  # "50 % train"
    assert split.isVisible()
    xor = next(b for b in panel.buttons.buttons() if b.objectName() == "dataset_xor")
    qtbot.mouseClick(xor, Qt.MouseButton.LeftButton)
    assert "4 points (4 train, 4 test)" in panel.summary.text()
    assert not split.isVisible()
    model.undo_stack.undo()  # Circle again: 500 points, split in two
    assert split.isVisible()
