"""Thumbnails are coloured once per set of maps, and kept while snapshots bring none."""

from __future__ import annotations

import dataclasses

from nnviz.app.canvas.scene import NetworkScene
from nnviz.app.docmodel import DocumentModel
from nnviz.core.document import new_document
from nnviz.core.session import TrainingSession


def test_thumbnails_are_coloured_once_per_set_of_maps_and_kept_between_them(qtbot):
    model = DocumentModel(new_document())
    scene = NetworkScene()
    scene.set_model(model)
    doc = model.document
    session = TrainingSession(doc.network, doc.build_dataset(), doc.settings)
    hidden = list(doc.network.neurons)  # inputs get a (square) thumbnail too

    first = session.snapshot()
    scene.show_snapshot(first)
    scene.flush()
    made = scene.thumbnail_work
    assert made == len(hidden) and all(scene.neurons[n].image is not None for n in hidden)
    images = {n: scene.neurons[n].image for n in hidden}

    # The same maps again (paused, another traced example), then snapshots without maps
    # (training, between two sets): nothing coloured, the thumbnails stay.
    for snap in (session.snapshot(), dataclasses.replace(first, grid=None, epoch=5)):
        scene.show_snapshot(snap)
        scene.flush()
        assert scene.thumbnail_work == made
        assert {n: scene.neurons[n].image for n in hidden} == images

    session.step("epoch")  # new parameters: new maps, coloured once
    scene.show_snapshot(session.snapshot())
    scene.flush()
    assert scene.thumbnail_work == 2 * made
    model.undo_stack.clear()
