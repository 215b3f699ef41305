"""The gallery of test examples that replaces the decision map for data of more than two
inputs, in the real window: its first tile is the surest mistake with its labels, a click
highlights that example, a Metrics cell puts its rows first, and exports show it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from nnviz.app.export.gallery_panel import GalleryPanel
from nnviz.app.export.writers import render_image
from nnviz.app.plots import style
from nnviz.core import metrics
from nnviz.core.plan import Plan
from tests.app.test_companions import open_example
from tests.app.test_metrics_dock import show


def core_outputs(doc):
    """The document's network on every row of its data, computed here by the core."""
    ds = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    return ds, plan.predict(plan.params(plan.read(doc.network)), ds.inputs(plan.features))


def trained_digits(qtbot, w, epochs=2):
    open_example(qtbot, w, "digits")
    for _ in range(epochs):
        w.controller.step("epoch")
    qtbot.waitUntil(lambda: w.model.document.epoch == epochs, timeout=30_000)
    gallery = w.decision_plot.gallery
    # The gallery shows the same outputs as the document's network (after its rate limit).
    _ds, out = core_outputs(w.model.document)
    qtbot.waitUntil(lambda: gallery.outputs is not None
                    and np.allclose(gallery.outputs, out, atol=1e-5), timeout=10_000)
    return gallery


def test_the_first_tile_is_the_surest_mistake_with_its_labels(qtbot, main_window):
    w = main_window
    gallery = trained_digits(qtbot, w)
    plot = w.decision_plot
    assert plot.gallery_shown and gallery.isVisible() and not plot.plot_widget.isVisible()
    ds, out = core_outputs(w.model.document)
    pred, true = out.argmax(axis=1), ds.classes
    test = ds.test
    wrong = test[pred[test] != true[test]]
    assert len(wrong) > 0  # two epochs: some digits are still misread
    surest = wrong[np.argmax(out[wrong, pred[wrong]])]
    first = int(gallery.ranking.rows[0])
    # The surest to 0.05 (the order's resolution, so tiles do not swap at every snapshot).
    assert out[first, pred[first]] == pytest.approx(out[surest, pred[surest]], abs=0.05)
    assert pred[first] != true[first]
    assert gallery.tile_label(0) == f"ŷ {pred[first]} · y {true[first]}"
    assert f"{len(wrong)} of {len(test)} test examples wrong" in gallery.summary.text()
    # Every mistake before every right answer, and only test examples.
    n = len(wrong)
    assert set(gallery.ranking.rows[:n]) == set(wrong)
    assert not gallery.ranking.wrong[n:].any() and len(gallery.ranking) == len(test)


def test_the_tiles_show_the_pictures_in_grey_and_mistakes_in_the_test_colour(qtbot,
                                                                            main_window):
    gallery = trained_digits(qtbot, main_window)
    picture = gallery.grid.viewport().grab().toImage()
    rect = gallery.grid.tile_rect(0)
    colours = {picture.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
               for y in range(rect.top(), rect.bottom())}
    assert QColor(style.TEST).name() in colours  # a mistake's label and frame
    # A full pen stroke (16 of 16) is black ink, an empty cell white paper.
    assert gallery.dataset.x[int(gallery.ranking.rows[0])].max() == 1.0
    assert "#000000" in colours and "#ffffff" in colours


def test_a_click_on_a_tile_highlights_that_example(qtbot, main_window):
    w = main_window
    gallery = trained_digits(qtbot, w)
    row = int(gallery.ranking.rows[2])
    qtbot.mouseClick(gallery.grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=gallery.grid.tile_rect(2).center())
    assert gallery.highlighted == row == w.decision_plot.highlighted
    assert w.controller.sample == row
    assert w.statusBar().currentMessage() == f"Highlighted example {row}"
    qtbot.waitUntil(lambda: w.controller.latest.sample == row)  # the engine traces it


def test_a_metrics_cell_puts_its_examples_first_ringed(qtbot, main_window):
    w = main_window
    gallery = trained_digits(qtbot, w)
    show(qtbot, w)
    view = w.metrics_view
    view.test_button.setChecked(True)
    ds, out = core_outputs(w.model.document)
    true, pred = ds.classes[ds.test], out[ds.test].argmax(axis=1)
    counts = metrics.confusion_matrix(true, pred, 10)
    # A right-answer cell: without the click its rows are not the gallery's first.
    i = int(np.argmax(np.diag(counts)))
    view.matrix.cellClicked.emit(i, i)
    expected = ds.test[metrics.cell_rows(true, pred, i, i)]
    k = len(expected)
    assert k == counts[i, i] > 0
    assert set(gallery.ranking.rows[:k]) == set(expected) and gallery.ranking.chosen[:k].all()
    assert not gallery.ranking.chosen[k:].any()
    assert f"The {k} of the chosen cell come first" in gallery.summary.text()
    assert gallery.grid.verticalScrollBar().value() == 0
    view.matrix.cellClicked.emit(i, i)  # again: the usual order, mistakes first
    assert not gallery.ranking.chosen.any() and gallery.ranking.wrong[0]


def test_a_train_cell_brings_its_training_examples_into_the_gallery(qtbot, main_window):
    w = main_window
    gallery = trained_digits(qtbot, w)
    show(qtbot, w)
    view = w.metrics_view
    view.train_button.setChecked(True)
    view.matrix.cellClicked.emit(0, 0)
    rows = view.selected_rows()
    assert len(rows) and set(rows) <= set(w.model.document.build_dataset().train)
    assert set(gallery.ranking.rows[:len(rows)]) == set(rows)


def test_two_input_data_keep_the_decision_map(qtbot, main_window):
    w = main_window
    open_example(qtbot, w, "digits")
    assert w.decision_plot.gallery_shown
    open_example(qtbot, w, "softmax3")
    plot = w.decision_plot
    assert not plot.gallery_shown and plot.plot_widget.isVisible()
    assert plot.show_test.isVisible() and not plot.gallery.isVisible()


def test_the_slide_shows_the_gallery_of_a_digits_document(views):
    v = views("digits", train_epochs=2)
    figure = v.figure("slide")
    assert isinstance(figure.regions, GalleryPanel)
    first = figure.regions.tiles[0]
    gallery = v.decision_plot.gallery
    assert first.wrong and first.label == gallery.tile_label(0)
    assert len(figure.regions.tiles) >= 14  # two rows of seven at least
    image = render_image(figure, 1.0)
    (panel, rect), = [(f, r) for f, r in figure.placed() if f is figure.regions]
    test = QColor(style.TEST).name()
    found = {image.pixelColor(x, y).name() for x in range(int(rect.left()), int(rect.right()), 2)
             for y in range(int(rect.top()), int(rect.bottom()), 2)}
    assert test in found and "#000000" in found  # red mistakes, black ink
    alone = v.figure("regions")
    assert isinstance(alone, GalleryPanel) and alone.tiles[0].label == first.label
