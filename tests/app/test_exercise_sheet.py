"""Tools → Make Exercise Sheet…: the dialog writes the sheet, the key and the documents."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from nnviz.app.export.pdfstamp import fix_dates
from nnviz.app.export.sheet import sheet_bytes
from nnviz.app.export.sheet_dialog import ExerciseDialog
from nnviz.core.answers import check, filled
from nnviz.core.document import load
from nnviz.core.exercise import ExerciseSpec, answer_trace, make_variants, spec_from_options


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def test_the_dialog_writes_sheet_key_and_documents(qtbot, tmp_path):
    dialog = ExerciseDialog(folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.count.setValue(4)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.cells["g_prime"].setChecked(False)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote" in dialog.status.text())
    sheet = tmp_path / "exercise-sheet.pdf"
    assert _pages(sheet.read_bytes()) == 4
    assert b"/MediaBox [0 0 612.000000 792.000000]" in sheet.read_bytes()  # Letter, points
    assert _pages((tmp_path / "exercise-sheet-key.pdf").read_bytes()) == 4
    docs = tmp_path / "exercise-sheet-documents"
    doc = load(docs / "variant-03.nnviz")
    template = (docs / "variant-03.csv").read_text(encoding="utf-8")
    assert template.splitlines()[0] == "item,z,a,delta,dL_dw,w_new"  # no g'(z) asked
    t = answer_trace(doc)
    cells = ("z", "a", "delta", "dL_dw", "w_new")
    assert check(t, filled(t, cells, 4).encode(), 4).mistakes == []
    assert "exercise-sheet.pdf" in dialog.status.text()
    # The command line's sheet with the same options (its default cells spelt out here).
    spec = spec_from_options("2-2-1", cells="z,a,delta,dL_dw,w_new", learning_rate=0.5)
    assert sheet.read_bytes() == sheet_bytes(make_variants(spec, 4), "letter")
    default = make_variants(spec_from_options("2-2-1"), 4)
    dialog.cells["g_prime"].setChecked(True)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running and "Wrote" in dialog.status.text())
    assert sheet.read_bytes() == sheet_bytes(default, "letter")


def test_cancel_writes_nothing(qtbot, tmp_path):
    dialog = ExerciseDialog(folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.count.setValue(200)
    dialog.progress.valueChanged.connect(
        lambda v: v >= 210 and dialog.cancel_button.click())  # while drawing the pages
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text())
    assert list(tmp_path.iterdir()) == []
    assert dialog.cancel_button.text() == "Close" and dialog.make_button.isEnabled()


def test_a_bad_shape_is_said_in_the_dialog(qtbot, tmp_path):
    dialog = ExerciseDialog(folder=str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.shape.setText("2-6-6-1")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert "too big to work by hand" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []


def test_the_tools_menu_opens_the_dialog(main_window, qtbot):
    tools = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "T&ools")
    action = next(a for a in tools.actions() if a.text() == "Make &Exercise Sheet…")
    action.trigger()
    dialog = main_window._exercise_dialog
    qtbot.waitExposed(dialog)
    assert dialog.convention.currentData() == main_window.model.document.settings.convention
    dialog.close()


def test_a_sheet_drawn_twice_is_the_same_bytes_and_dated_2000(qtbot):
    variants = make_variants(ExerciseSpec(seed=11), 2)
    first = sheet_bytes(variants, "a4", key=True)
    assert first == sheet_bytes(variants, "a4", key=True)
    assert b"/CreationDate (D:20000101000000Z)" in first
    assert b'xmp:CreateDate="2000-01-01T00:00:00+00:00"' in first
    assert sheet_bytes(variants, "a4", key=False) != first


def test_the_windows_theme_and_presentation_mode_change_nothing_on_paper(qtbot):
    from nnviz.app import theme
    from nnviz.app.canvas import style

    variants = make_variants(ExerciseSpec(seed=2), 1)
    plain = sheet_bytes(variants)
    theme.apply_theme("dark")
    style.set_stroke_scale(1.6)
    try:
        assert sheet_bytes(variants) == plain
        assert style.stroke_scale() == 1.6 and style.CANVAS.name() == theme.DARK.canvas
    finally:
        style.set_stroke_scale(1.0)
        theme.apply_theme("light")


def test_fixed_dates_keep_the_cross_references_right():
    # A stamp in UTC+1 is six bytes longer than the fixed one: every later offset moves.
    body = (b"%PDF-1.4\n1 0 obj\n<< /CreationDate (D:20261202081220+01'00') >>\nendobj\n"
            b"2 0 obj\n<< /Type /Catalog >>\nendobj\n")
    second = body.index(b"2 0 obj")
    xref = len(body)
    data = body + (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n%010d 00000 n \n"
                   % second) + b"trailer\n<< /Size 3 >>\nstartxref\n%d\n%%%%EOF\n" % xref
    out = fix_dates(data)
    assert b"(D:20000101000000Z)" in out
    assert out.index(b"2 0 obj") == second - 6
    assert b"%010d 00000 n" % (second - 6) in out
    assert out.rstrip().endswith(b"startxref\n%d\n%%%%EOF" % (xref - 6))
