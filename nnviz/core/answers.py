"""A student's filled exercise table as CSV, checked against the trace: ``nnviz check``.

The CSV has the sheet's columns (see docs/exercises.md)::

    item,z,a,g_prime,delta,dL_dw,w_new
    h1,0.35,0.5866,0.2425,-0.0123,,
    ...
    x1->h1,,,,,-0.0062,0.4031
    b(h1),,,,,-0.0123,0.2062

One row per neuron (z, a, g'(z), δ) and per weight, an edge ``x1->h1`` or a bias
``b(h1)`` (∂L/∂w, Δw, new w); the cells that do not apply to a row stay empty. Only
the columns present are checked, so a sheet that asks for a subset has a CSV with
those columns. Rows are numbered as a spreadsheet numbers them: the header is row 1.
A cell is right when it is within ``tolerance`` of the exact value: two units in the
last decimal asked for (±0.0002 at 4 decimals). That forgives rounding the
intermediate values to those decimals while working, never a forgotten update
(which moves a weight by η·∂L/∂w), a wrong sign or a wrong formula.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

from nnviz.core.exercise import CELLS, NEURON_CELLS, WEIGHT_CELLS, Row, key_rows
from nnviz.core.trace import Trace

UNITS = 2  # units in the last decimal asked for
MAX_BYTES = 1_000_000  # a table of a few dozen cells; anything this big is another file
#: Column names as the CSV may spell them, lower-cased, without spaces: the names of
#: ``nnviz.core.exercise.CELLS`` and the sheet's own column titles (g'(z), δ, ∂L/∂w, new w).
COLUMN_NAMES = {
    **{c.lower(): c for c in CELLS},
    "g'(z)": "g_prime", "gprime": "g_prime", "δ": "delta", "∂l/∂w": "dL_dw", "dl/dw": "dL_dw",
    "δw": "delta_w", "neww": "w_new", "a=g(z)": "a",  # "Δw" lower-cased is "δw"
}
_HAT = re.compile(r"y_?hat|y\^", re.IGNORECASE)  # ŷ as typed on a plain keyboard
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


class AnswersError(ValueError):
    """An answers file that cannot be read; the message names the row and column."""


@dataclass(frozen=True)
class Mistake:
    row: int  # spreadsheet row (the header is row 1); 0 when the item's row is missing
    item: str
    column: str
    given: float | None  # None: left empty or missing
    expected: float
    tolerance: float

    def text(self, digits: int) -> str:
        where = f"row {self.row} ({self.item})" if self.row else f"{self.item} (no row)"
        given = "empty" if self.given is None else f"{_fmt(self.given, digits)} given"
        return (f"{where}, column {self.column}: {given}, expected "
                f"{_fmt(self.expected, digits)} (tolerance ±{self.tolerance:.2g})")


@dataclass(frozen=True)
class Report:
    checked: int
    mistakes: list[Mistake]

    @property
    def right(self) -> int:
        return self.checked - len(self.mistakes)


def _fmt(value: float, digits: int) -> str:
    return f"{value:.{digits}f}" if abs(value) >= 0.5 * 10.0**-digits else f"{value:.2e}"


def tolerance(expected: float, digits: int) -> float:
    """How far from ``expected`` an answer to ``digits`` decimals may be and still be right."""
    del expected  # the same for every value: hand-worked numbers here are all below ~5
    return UNITS * 10.0**-digits


def template(t: Trace, cells: tuple[str, ...]) -> str:
    """An empty answers table for this trace and these cells (CSV text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["item", *cells])
    for row in key_rows(t):
        writer.writerow([row.item, *("" for _ in cells)])
    return out.getvalue()


def filled(t: Trace, cells: tuple[str, ...], digits: int) -> str:
    """The key as an answers table: what a student who got everything right would hand in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["item", *cells])
    for row in key_rows(t):
        writer.writerow([row.item, *(f"{row.values[c]:.{digits}f}" if _applies(row, c) else ""
                                      for c in cells)])
    return out.getvalue()


def _applies(row: Row, cell: str) -> bool:
    return cell in (NEURON_CELLS if row.kind == "neuron" else WEIGHT_CELLS)


def _item(text: str) -> str:
    """``x1 → h1``, ``x1->yhat``, ``b(y_hat)`` as the key names them."""
    return _HAT.sub("ŷ", text.strip().replace("→", "->").replace(" ", ""))


def _number(text: str, where: str) -> float | None:
    text = text.strip().replace("−", "-").replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # a decimal comma, as a European spreadsheet writes
    if not _NUMBER.match(text):
        raise AnswersError(f"{where}: not a number ({text!r})")
    value = float(text)
    if not math.isfinite(value):
        raise AnswersError(f"{where}: not a finite number ({text!r})")
    return value


def read_table(data: bytes, name: str = "answers") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header cells and (row number, cells) of a CSV file; AnswersError if unreadable."""
    if len(data) > MAX_BYTES:
        raise AnswersError(f"{name}: larger than {MAX_BYTES // 1000} kB; not an answers table")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnswersError(f"{name} row {line}: not UTF-8 text (save the CSV as UTF-8)") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise AnswersError(f"{name}: not CSV ({exc})") from None
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not numbered:
        raise AnswersError(f"{name}: empty; the first row names the columns "
                           f"(item,{','.join(CELLS)})")
    return [c.strip() for c in numbered[0][1]], numbered[1:]


def check(t: Trace, data: bytes, digits: int, name: str = "answers") -> Report:
    """Compare an answers CSV with the trace; AnswersError (row and column) if unreadable."""
    header, rows = read_table(data, name)
    if not header or header[0].lower() != "item":
        raise AnswersError(f"{name} row 1, column 1: the first column must be 'item', "
                           f"got {header[0] if header else ''!r}")
    while len(header) > 1 and not header[-1]:  # a spreadsheet's trailing empty columns
        header = header[:-1]
    columns = []
    for j, text in enumerate(header[1:], start=2):
        col = COLUMN_NAMES.get(text.lower().replace(" ", ""))
        if col is None:
            raise AnswersError(f"{name} row 1, column {j}: unknown column {text!r} "
                               f"(columns: item, {', '.join(CELLS)})")
        if col in columns:
            raise AnswersError(f"{name} row 1, column {j}: column {col!r} appears twice")
        columns.append(col)
    if not columns:
        raise AnswersError(f"{name} row 1: no answer columns ({', '.join(CELLS)})")
    key = {r.item: r for r in key_rows(t)}
    seen: dict[str, int] = {}
    mistakes: list[Mistake] = []
    checked = 0
    for number, cells in rows:
        item = _item(cells[0])
        if item not in key:
            raise AnswersError(f"{name} row {number}, column item: unknown item {cells[0]!r} "
                               f"(items: {', '.join(key)})")
        if item in seen:
            raise AnswersError(f"{name} row {number}, column item: {item} is also in row "
                               f"{seen[item]}")
        seen[item] = number
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            raise AnswersError(f"{name} row {number}: more cells than the header has columns")
        row = key[item]
        for j, col in enumerate(columns, start=2):
            where = f"{name} row {number} ({item}), column {col}"
            given = _number(cells[j - 1], where) if j - 1 < len(cells) else None
            if not _applies(row, col):
                if given is not None:
                    what = "a neuron" if row.kind == "neuron" else "a weight"
                    raise AnswersError(f"{where}: {what} has no {col}; leave the cell empty")
                continue
            checked += 1
            expected = row.values[col]
            tol = tolerance(expected, digits)
            if given is None or abs(given - expected) > tol:
                mistakes.append(Mistake(number, item, col, given, expected, tol))
    for item, row in key.items():  # rows the student left out: every cell is missing
        if item not in seen:
            for col in columns:
                if _applies(row, col):
                    checked += 1
                    expected = row.values[col]
                    mistakes.append(Mistake(0, item, col, None, expected,
                                            tolerance(expected, digits)))
    return Report(checked, mistakes)
