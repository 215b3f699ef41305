"""The Metrics dock in the real window: the confusion matrix counts as nnviz.core.metrics
does, its shares, a clicked cell ringed in the decision plot, New, and a hidden dock."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal

from nnviz.app.companions.metrics_view import MetricsView
from nnviz.core import metrics
from nnviz.core.plan import Plan
from tests.app.test_companions import open_example


@pytest.fixture
def window(main_window):
    return main_window


def trained(qtbot, w, name="softmax3", epochs=30):
    open_example(qtbot, w, name)
    for _ in range(epochs):
        w.controller.step("epoch")
    qtbot.waitUntil(lambda: w.model.document.epoch == epochs, timeout=20_000)


def core_labels(w, split):
    """True and predicted classes of a split, counted from the document by the core."""
    doc = w.model.document
    ds = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    out = plan.predict(plan.params(plan.read(doc.network)), ds.inputs(plan.features))
    rows = ds.train if split == "train" else ds.test
    threshold = ds.threshold if ds.task == "binary" else None
    return ds, rows, ds.classes[rows], metrics.predicted_labels(out[rows], threshold=threshold)


def shown_counts(view):
    t = view.matrix
    return np.array([[int(t.item(i, j).text().replace(",", ""))
                      for j in range(t.columnCount())] for i in range(t.rowCount())])


def show(qtbot, w):
    w.docks["metrics"].show()
    w.docks["metrics"].raise_()
    qtbot.waitUntil(lambda: w.metrics_view.isVisible() and len(w.metrics_view.groups) > 0)


def test_the_dock_starts_hidden_and_the_view_menu_offers_it(window):
    assert not window.docks["metrics"].isVisible()
    view_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.menu() and a.menu().objectName() == "menu-view")
    assert window.docks["metrics"].toggleViewAction() in view_menu.actions()


def test_cell_counts_equal_the_cores_on_a_trained_example(qtbot, window):
    trained(qtbot, window)
    show(qtbot, window)
    view = window.metrics_view
    qtbot.waitUntil(lambda: str(30) in view.note.text())
    for split, button in (("train", view.train_button), ("test", view.test_button)):
        button.setChecked(True)
        _ds, _rows, true, pred = core_labels(window, split)
        expected = metrics.confusion_matrix(true, pred, 3)
        assert np.trace(expected) > 0 and expected.sum() == len(true)
        assert (shown_counts(view) == expected).all()
        scores = metrics.class_metrics(expected)
        shown_recall = [float(view.scores.item(1, i).text()) for i in range(3)]
        assert shown_recall == pytest.approx(scores.recall, abs=0.005)


def test_row_shares_sum_to_one(qtbot, window):
    trained(qtbot, window)
    show(qtbot, window)
    view = window.metrics_view
    view.share_button.setChecked(True)
    t = view.matrix
    for i in range(t.rowCount()):
        row = [float(t.item(i, j).text()) for j in range(t.columnCount())]
        assert sum(row) == pytest.approx(1.0, abs=0.011)  # shown to two decimals
    view.counts_button.setChecked(True)
    assert "." not in t.item(0, 0).text()


def test_a_click_rings_exactly_that_cells_points_and_again_clears(qtbot, window):
    trained(qtbot, window, epochs=3)  # early: some off-diagonal cells hold points
    show(qtbot, window)
    view, plot = window.metrics_view, window.decision_plot
    ds, rows, true, pred = core_labels(window, "train")
    counts = metrics.confusion_matrix(true, pred, 3)
    off = [(i, j) for i in range(3) for j in range(3) if i != j and counts[i, j]]
    i, j = off[0] if off else (0, 0)
    view.matrix.cellClicked.emit(i, j)
    expected = rows[metrics.cell_rows(true, pred, i, j)]
    assert len(expected) == counts[i, j] > 0
    ringed = plot.points.cell_ring.getData()
    drawn = {(round(x, 9), round(y, 9)) for x, y in zip(*ringed)}
    assert drawn == {(round(x, 9), round(y, 9)) for x, y in ds.x[expected, :2]}
    assert sorted(plot.points.ringed_rows()) == sorted(expected)
    view.matrix.cellClicked.emit(i, j)
    assert len(plot.points.cell_ring.getData()[0]) == 0


def test_after_file_new_the_dock_shows_the_new_document(qtbot, window):
    trained(qtbot, window)
    show(qtbot, window)
    view = window.metrics_view
    view.matrix.cellClicked.emit(0, 0)
    assert len(window.decision_plot.points.ringed_rows())
    window.actions_["new"].trigger()
    qtbot.waitUntil(lambda: window.model.document.epoch == 0
                    and ("epoch 0" in view.note.text() or "classification" in view.note.text()))
    assert len(window.decision_plot.points.ringed_rows()) == 0
    ds = window.model.document.build_dataset()
    if ds.task != "regression":
        _ds, _rows, true, pred = core_labels(window, "train")
        k = view.matrix.rowCount()
        assert (shown_counts(view) == metrics.confusion_matrix(true, pred, k)).all()


def test_ten_classes_are_readable_without_scrolling_at_1280x720(qtbot, window):
    """The digits' 10×10 matrix and every class's scores fit the dock of a laptop-sized
    window beside the Output dock: no cell outside its table's view, no text cut."""
    window.resize(1280, 720)
    trained(qtbot, window, "digits", epochs=1)
    show(qtbot, window)
    view = window.metrics_view
    qtbot.waitUntil(lambda: view.matrix.rowCount() == 10)
    qtbot.wait(50)  # the dock layout settles
    for table, rows in ((view.matrix, 10), (view.scores, 4)):
        assert (table.rowCount(), table.columnCount()) == (rows, 10)
        area = table.viewport().rect()
        for i in range(rows):
            for j in range(10):
                cell = table.visualItemRect(table.item(i, j))
                assert area.contains(cell), (table is view.matrix, i, j, cell, area)
                text = table.item(i, j).text()
                assert table.fontMetrics().horizontalAdvance(text) <= cell.width(), text
                assert cell.height() >= table.fontMetrics().height()
        header = table.verticalHeader()
        for i in range(rows):  # the row titles ("Precision", "9") are not cut either
            title = table.verticalHeaderItem(i).text()
            assert header.fontMetrics().horizontalAdvance(title) <= header.width(), title
    # Each class's scores sit under its matrix column.
    for j in range(10):
        m = view.matrix.visualItemRect(view.matrix.item(0, j))
        sc = view.scores.visualItemRect(view.scores.item(0, j))
        assert abs(view.matrix.viewport().mapToGlobal(m.center()).x()
                   - view.scores.viewport().mapToGlobal(sc.center()).x()) <= 1
    note = view.note  # the sentence under the tables is whole, not clipped
    assert note.isVisible() and "right at epoch 1" in note.text()
    assert note.height() >= note.heightForWidth(note.width())
    assert view.rect().contains(note.geometry())
    assert window.decision_plot.gallery.grid.height() >= 100  # the gallery stays usable


def test_a_regression_document_says_metrics_are_for_classification(qtbot, window):
    open_example(qtbot, window, "regression")
    window.docks["metrics"].show()
    view = window.metrics_view
    qtbot.waitUntil(lambda: "classification" in view.note.text())
    assert not view.matrix.isVisible()


def test_a_hidden_dock_computes_nothing(qtbot, window):
    view = window.metrics_view
    window.docks["metrics"].hide()  # as the View menu leaves it (a saved layout may show it)
    view.work["computes"] = 0
    trained(qtbot, window, epochs=5)
    assert view.work["computes"] == 0
    show(qtbot, window)
    assert view.work["computes"] == 1
    window.docks["metrics"].hide()
    for _ in range(3):
        window.controller.step("epoch")
    qtbot.waitUntil(lambda: window.model.document.epoch == 8)
    assert view.work["computes"] == 1


def test_switching_to_the_other_split_clears_the_rings(qtbot, window):
    trained(qtbot, window, epochs=3)
    show(qtbot, window)
    view, plot = window.metrics_view, window.decision_plot
    view.matrix.cellClicked.emit(0, 0)
    assert len(plot.points.ringed_rows()) > 0
    view.test_button.setChecked(True)
    assert len(plot.points.ringed_rows()) == 0


class _Doc:
    def __init__(self, session):
        self.network, self.dataset, self.epoch = session.trainer.network(), session.dataset, 0
        self.settings = session.trainer.settings

    def build_dataset(self):
        return self.dataset


class _Model(QObject):
    changed, replaced, trained = Signal(object), Signal(), Signal()

    def __init__(self, document):
        super().__init__()
        self.document = document


def test_several_softmax_groups_get_a_group_choice_each_counted_on_its_own(qtbot):
    from tests.app.test_group_accuracy import two_groups

    session = two_groups()
    view = MetricsView(_Model(_Doc(session)))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.groups) == 2)
    assert view.group_choice.isVisible() and view.group_choice.count() == 2
    ds, trainer = session.dataset, session.trainer
    plan = trainer.plan
    out = plan.predict(plan.params(trainer.theta), ds.inputs(plan.features))[ds.train]
    for index, cols in enumerate(plan.user_output_groups):
        view.group_choice.setCurrentIndex(index)
        cols = list(cols)
        expected = metrics.confusion_matrix(metrics.predicted_labels(ds.y[ds.train][:, cols]),
                                            metrics.predicted_labels(out[:, cols]), 2)
        assert (shown_counts(view) == expected).all()
        # The right share of each group is what the core's group accuracy says.
        assert np.trace(expected) / expected.sum() == pytest.approx(
            trainer.group_accuracies("train")[index])
