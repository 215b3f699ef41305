"""nnviz check's core: a student's CSV against the trace, wrong cells named by row and column."""

from __future__ import annotations

import csv
import io
import math

import pytest

from nnviz.core.answers import AnswersError, check, filled, template
from nnviz.core.exercise import DEFAULT_CELLS, ExerciseSpec, make_variant, make_variants

CELLS = DEFAULT_CELLS["dl_dz"]


@pytest.fixture
def variant():
    return make_variant(ExerciseSpec(seed=3), 2)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_the_key_itself_is_all_right(variant):
    report = check(variant.trace, filled(variant.trace, CELLS, 4).encode(), 4)
    assert report.mistakes == [] and report.checked == 3 * 4 + 9 * 2


def test_a_wrong_answer_is_reported_at_its_cell(variant):
    rows = _rows(filled(variant.trace, CELLS, 4))
    assert rows[2][0] == "h2" and rows[0][4] == "delta"
    right = float(rows[2][4])
    rows[2][4] = f"{-right:.4f}"  # the sign of δ, the classic slip
    rows[6][6] = ""  # a new weight left empty
    report = check(variant.trace, _csv(rows), 4, "answers.csv")
    assert [(m.row, m.item, m.column) for m in report.mistakes] == [
        (3, "h2", "delta"), (7, "x2->h1", "w_new")]
    text = report.mistakes[0].text(4)
    assert text == (f"row 3 (h2), column delta: {-right:.4f} given, expected {right:.4f} "
                    "(tolerance ±0.0002)")
    assert report.mistakes[1].text(4).startswith("row 7 (x2->h1), column w_new: empty")


def test_rounding_the_intermediate_values_is_forgiven_a_forgotten_update_is_not(variant):
    rows = _rows(filled(variant.trace, CELLS, 4))
    rows[5][5] = f"{float(rows[5][5]) + 0.0001:.4f}"  # one unit off in the last decimal
    assert check(variant.trace, _csv(rows), 4).mistakes == []
    weight = next(r for r in variant.trace.edges if r.source == "n3")
    rows = _rows(filled(variant.trace, CELLS, 4))
    row = next(r for r in rows if r[0].startswith("h1->"))
    row[6] = f"{weight.weight:.4f}"  # the old weight: no update made
    assert [m.column for m in check(variant.trace, _csv(rows), 4).mistakes] == ["w_new"]


def test_a_spreadsheets_habits_are_read(variant):
    rows = _rows(filled(variant.trace, CELLS, 4))
    for r in rows:
        r[0] = r[0].replace("ŷ", "yhat").replace("->", " → ")
    text = "\n".join(";".join(c.replace(".", ",").replace("-", "−") for c in r)
                     for r in rows)
    assert check(variant.trace, ("\ufeff" + text).encode(), 4).mistakes == []


def test_the_sheets_column_titles_and_trailing_empty_columns_are_read(variant):
    rows = _rows(filled(variant.trace, CELLS, 4))
    rows[0] = ["Item", "z", "a = g(z)", "g'(z)", "δ", "∂L/∂w", "new w"]
    assert check(variant.trace, _csv([r + ["", ""] for r in rows]), 4).mistakes == []


def test_only_the_columns_present_are_checked_and_missing_rows_count(variant):
    rows = [r[:2] for r in _rows(filled(variant.trace, CELLS, 4))]  # item, z
    report = check(variant.trace, _csv(rows[:3]), 4)  # h3... ŷ left out
    assert report.checked == 3
    assert [(m.row, m.item, m.column) for m in report.mistakes] == [(0, "ŷ", "z")]


@pytest.mark.parametrize("edit, message", [
    (lambda r: r[3].__setitem__(2, "abc"), "answers.csv row 4 (ŷ), column a: not a number"),
    (lambda r: r[0].__setitem__(3, "slope"), "row 1, column 4: unknown column 'slope'"),
    (lambda r: r[0].__setitem__(3, "a"), "row 1, column 4: column 'a' appears twice"),
    (lambda r: r[1].__setitem__(0, "h9"), "row 2, column item: unknown item 'h9'"),
    (lambda r: r[4].__setitem__(1, "0.5"), "row 5 (x1->h1), column z: a weight has no z"),
    (lambda r: r[2].__setitem__(0, "h1"), "row 3, column item: h1 is also in row 2"),
])
def test_unreadable_answers_name_the_row_and_column(variant, edit, message):
    rows = _rows(filled(variant.trace, CELLS, 4))
    edit(rows)
    with pytest.raises(AnswersError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check(variant.trace, _csv(rows), 4, "answers.csv")


def test_the_template_lists_every_item_with_empty_cells(variant):
    rows = _rows(template(variant.trace, CELLS))
    assert rows[0] == ["item", *CELLS]
    assert [r[0] for r in rows[1:]] == ["h1", "h2", "ŷ", "x1->h1", "x1->h2", "x2->h1",
                                         "x2->h2", "h1->ŷ", "h2->ŷ", "b(h1)", "b(h2)", "b(ŷ)"]
    assert all(c == "" for r in rows[1:] for c in r[1:])
    assert len(check(variant.trace, "\n".join(",".join(r) for r in rows).encode(),
                     4).mistakes) == 30


def _by_hand(variant, decimals: int) -> bytes:
    """A 2-2-1 sigmoid variant worked as on paper: every value rounded before it is used."""
    net, data = variant.document.network, variant.document.build_dataset()
    r = lambda v: round(v, decimals)  # noqa: E731
    label = {n.id: n.label for n in net.neurons.values()}
    w = {(label[e.source], label[e.target]): e.weight for e in net.edges.values()}
    b = {n.label: n.bias for n in net.neurons.values()}
    a, z, g = dict(zip(("x1", "x2"), data.x[0])), {}, {}
    for h, fed in (("h1", "x"), ("h2", "x"), ("ŷ", "h")):
        z[h] = r(sum(w[(f"{fed}{k}", h)] * a[f"{fed}{k}"] for k in (1, 2)) + b[h])
        a[h] = r(1 / (1 + math.exp(-z[h])))
        g[h] = r(a[h] * (1 - a[h]))
    delta = {"ŷ": r((a["ŷ"] - data.y[0][0]) * g["ŷ"])}
    for h in ("h1", "h2"):
        delta[h] = r(g[h] * w[(h, "ŷ")] * delta["ŷ"])
    eta = variant.document.settings.learning_rate
    rows = [["item", *CELLS]] + [[h, z[h], a[h], g[h], delta[h], "", ""]
                                 for h in ("h1", "h2", "ŷ")]
    for (s, t), weight in w.items():
        grad = r(delta[t] * a[s])
        rows.append([f"{s}->{t}", "", "", "", "", grad, r(weight - eta * grad)])
    rows += [[f"b({h})", "", "", "", "", delta[h], r(b[h] - eta * delta[h])]
             for h in ("h1", "h2", "ŷ")]
    return _csv([[str(c) for c in row] for row in rows])


def test_a_student_rounding_every_step_to_the_decimals_asked_is_graded_right():
    for variant in make_variants(ExerciseSpec(seed=2026), 30):
        report = check(variant.trace, _by_hand(variant, 4), 4)
        assert report.mistakes == [], [m.text(4) for m in report.mistakes]
        # One decimal short everywhere is not the exercise asked for: it is caught.
        assert check(variant.trace, _by_hand(variant, 2), 4).mistakes
