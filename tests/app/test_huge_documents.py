"""A valid network too large to draw is refused at once, with the limit named, before the
slow validation; the open document stays; train and trace still take it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from nnviz.cli import main
from nnviz.core import docschema
from nnviz.core.datasets import DatasetSpec
from nnviz.core.document import DRAWABLE_EDGES, Document, load, save
from nnviz.core.network import Edge, Network, Neuron


def wide(hidden: int, out: int = 1) -> Network:
    """2-hidden-out fully connected, built directly (the point here is size, not edits).
    The hidden neurons stand in columns of 16, so none of them is drawn as a block."""
    net = Network()
    ins = [Neuron(f"i{k}", f"x{k}", "input", "identity", feature=f"x{k}") for k in (1, 2)]
    mid = [Neuron(f"h{k}", f"h{k}", "hidden", "tanh", x=160.0 * (1 + k // 16),
                  y=(k % 16) * 80.0) for k in range(hidden)]
    outs = [Neuron(f"o{k}", f"o{k}", "output", "tanh", x=160.0 * (2 + hidden // 16))
            for k in range(out)]
    for n in ins + mid + outs:
        net.neurons[n.id] = n
    for a, b in ((ins, mid), (mid, outs)):
        for s in a:
            for t in b:
                net.edges[(s.id, t.id)] = Edge(s.id, t.id, 0.1)
    return net


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    net = wide(1000, 9)  # 1,011 neurons, 11,000 edges: valid, too large to draw
    assert len(net.edges) > DRAWABLE_EDGES
    path = tmp_path_factory.mktemp("huge") / "huge.nnviz"
    save(Document(net, DatasetSpec("circle")), path)
    return path


def never_validated(monkeypatch):
    def slow(*_a, **_k):
        raise AssertionError("validated a network that was going to be refused")
    monkeypatch.setattr(docschema, "read_network", slow)
    monkeypatch.setattr("nnviz.core.document.read_network", slow)


def test_the_window_refuses_a_network_too_large_to_draw_before_reading_it(
        qtbot, main_window, huge, monkeypatch):
    main_window.start(None)
    before = main_window.model.document.copy()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    never_validated(monkeypatch)
    assert not main_window.files.open_path(str(huge), ask=False)
    assert "draw at most 1,000" in shown[0] and "1,011 neurons" in shown[0]
    assert main_window.model.document == before


def test_export_refuses_it_at_once_and_train_still_takes_it(huge, tmp_path, capsys,
                                                           monkeypatch):
    with monkeypatch.context() as m:
        never_validated(m)
        code = main(["export", str(huge), "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code != 0 and "draw at most" in err and not (tmp_path / "x.png").exists()
    assert load(huge).network.neurons  # a valid file for everything that does not draw


def test_the_slides_network_opens_in_the_window_as_blocks(qtbot, main_window, tmp_path):
    """2-1024-512-3: 1,539 neurons and 527,872 edges, nearly all of them in two blocks."""
    from nnviz.core.network import layered

    path = tmp_path / "slides.nnviz"
    save(Document(layered([2, 1024, 512, 3], "tanh"), DatasetSpec("circle")), path)
    main_window.start(None)
    assert main_window.files.open_path(str(path), ask=False)
    canvas = main_window.view.canvas
    qtbot.waitUntil(lambda: len(canvas.blocks.items) == 2, timeout=30_000)
    assert len(canvas.neurons) == 5 and len(canvas.items()) < 50
