"""CSV import: read a table, then encode its columns the way the lectures teach.

Real features are standardised or scaled, nominal ones become one-of-k columns, ordinal
ones a thermometer code (small = 100, medium = 110, large = 111). A student's CSV is
rarely clean, so nothing is refused silently: every bad cell is collected and one
``CsvError`` lists each by file line and column, so the file can be fixed in one pass.
Statistics (mean, std, min, max) come from the training rows only, as evaluation on
held-out data requires.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from nnviz.core.data import DataError, Dataset
from nnviz.core.datasets import split_indices

ColumnRole = Literal["feature", "target", "ignore"]
ROLES = ("feature", "target", "ignore")
FEATURE_ENCODINGS = ("standardize", "scale", "none", "onehot", "thermometer")
TARGET_ENCODINGS = ("numeric", "binary", "onehot")
MAX_LISTED = 20
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
_SUFFIXES = (".csv", ".tsv", ".txt")

Problem = tuple[int | None, str | None, str]  # (file line, column, message)


class CsvError(DataError):
    """Every problem found in a CSV file; ``errors`` holds (line, column, message)."""

    def __init__(self, errors: list[Problem]) -> None:
        self.errors = list(errors)
        lines = [_describe(*e) for e in self.errors[:MAX_LISTED]]
        if len(self.errors) > MAX_LISTED:
            lines.append(f"… and {len(self.errors) - MAX_LISTED} more")
        head = [] if len(self.errors) == 1 else [f"{len(self.errors)} problems in the CSV data:"]
        super().__init__("\n".join(head + lines))


def _describe(row: int | None, column: str | None, message: str) -> str:
    where = ", ".join(
        ([f"row {row}"] if row is not None else []) + ([f"column {column!r}"] if column else [])
    )
    return f"{where}: {message}" if where else message


@dataclass
class CsvTable:
    """The raw text cells of a CSV file; ``lines[i]`` is row i's 1-based line in the file."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int] = field(default_factory=list)
    delimiter: str = ","
    name: str = ""

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = list(range(2, len(self.rows) + 2))

    def column(self, name: str) -> list[str]:
        j = self.header.index(name)
        return [row[j] for row in self.rows]


def read_csv(source: str | os.PathLike, delimiter: str | None = None) -> CsvTable:
    """Parse CSV text, or a file when given a Path or a one-line string naming a file.

    The delimiter (comma, semicolon or tab) is guessed from the header unless given;
    the first line must name the columns. Ragged rows are reported together.
    """
    name = ""
    if not isinstance(source, os.PathLike) and "\n" not in source and source.endswith(_SUFFIXES):
        source = Path(source)  # looks like a file name, so a missing file is an error
    if isinstance(source, os.PathLike) or ("\n" not in source and os.path.isfile(source)):
        path = Path(source)
        name = path.stem
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"cannot read {path}: {exc}") from exc
    text = source.lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if delimiter is None:
        widths = {d: len(next(csv.reader([first], delimiter=d))) for d in ",;\t"}
        delimiter = max(widths, key=widths.__getitem__)
    elif len(delimiter) != 1 or delimiter in "\"\r\n":
        raise DataError(f"delimiter must be one character (not a quote), got {delimiter!r}")
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        end = 0
        for record in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in record):
                records.append((start, [cell.strip() for cell in record]))
    except csv.Error as exc:
        raise CsvError([(reader.line_num, None, f"unreadable CSV: {exc}")]) from exc
    if not records:
        raise CsvError([(None, None, "the file is empty; the first line must name the columns")])
    (header_line, header), body = records[0], records[1:]
    errors: list[Problem] = []
    for j, col in enumerate(header):
        if not col:
            errors.append((header_line, None, f"column {j + 1} has no name"))
        elif header.index(col) != j:
            errors.append((header_line, col, "duplicate column name"))
    if all(_NUMBER.fullmatch(c) for c in header):
        errors.append((header_line, None, "the first line must name the columns, got numbers"))
    for line, row in body:
        if len(row) != len(header):
            errors.append((line, None, f"{len(row)} fields, the header has {len(header)}"))
    if errors:
        raise CsvError(errors)
    return CsvTable(header, [r for _, r in body], [ln for ln, _ in body], delimiter, name)


def _number(cell: str, decimal_comma: bool) -> float | None:
    if decimal_comma and _DECIMAL_COMMA.fullmatch(cell):
        cell = cell.replace(",", ".")
    if not _NUMBER.fullmatch(cell):
        return None
    value = float(cell)
    return value if np.isfinite(value) else None


def _sort_key(value: str) -> tuple:
    """Numbers in numeric order before words in alphabetical order (so 0 < 1 < 10)."""
    number = _number(value, True)
    return (0, number, "") if number is not None else (1, 0.0, value)


@dataclass
class ColumnCode:
    """How one column becomes numbers, fitted on the training rows; reusable on new rows."""

    name: str
    role: str
    encoding: str
    center: float = 0.0  # numeric codes: (value - center) / spread
    spread: float = 1.0
    categories: list[str] = field(default_factory=list)  # onehot/binary/thermometer order
    decimal_comma: bool = False  # "1,5" means 1.5 (files not delimited by commas)

    @property
    def names(self) -> list[str]:
        """Names of the produced columns, as shown on the input neurons."""
        if self.encoding == "onehot":
            return [f"{self.name}={c}" for c in self.categories]
        if self.encoding == "thermometer":
            return [f"{self.name}>={c}" for c in self.categories]
        return [self.name]

    def encode(self, cells: list[str], lines: list[int] | None = None) -> np.ndarray:
        """(n, len(names)) values; raises CsvError naming every refused cell by its line."""
        errors: list[Problem] = []
        out = np.zeros((len(cells), len(self.names)))
        for i, cell in enumerate(cells):
            problem = self._encode_cell(cell.strip(), out[i])
            line = lines[i] if lines else i + 2
            if problem:
                value = f" (value {cell!r})" if cell else ""
                errors.append((line, self.name, problem + value))
        if errors:
            raise CsvError(errors)
        return out

    def _encode_cell(self, cell: str, row: np.ndarray) -> str | None:
        if not cell:
            return "empty cell"
        if self.encoding in ("standardize", "scale", "none", "numeric"):
            value = _number(cell, self.decimal_comma)
            if value is None:
                return "not a number"
            row[0] = (value - self.center) / self.spread
            if not np.isfinite(row[0]):
                return "too large to encode"
        elif cell not in self.categories:
            if self.encoding == "thermometer":
                return f"unknown level; the levels are {', '.join(self.categories)}"
            if self.encoding == "binary":
                kept = " and ".join(repr(c) for c in self.categories)
                return f"a third distinct value; a binary target has two (here {kept})"
            return "a category not seen when the column was fitted"
        elif self.encoding == "binary":
            row[0] = self.categories.index(cell)
        elif self.encoding == "thermometer":
            row[: self.categories.index(cell) + 1] = 1.0
        else:
            row[self.categories.index(cell)] = 1.0
        return None


def fit_column(
    table: CsvTable, name: str, role: str, encoding: str, train: np.ndarray,
    levels: list[str] | None = None,
) -> ColumnCode:
    """Learn a column's code (statistics from the training rows, categories from all)."""
    cells = table.column(name)
    code = ColumnCode(name, role, encoding, decimal_comma=table.delimiter != ",")
    if encoding == "thermometer":
        code.categories = [str(v).strip() for v in levels or []]
    elif encoding in ("onehot", "binary"):
        seen = list(dict.fromkeys(c for c in cells if c))  # first-seen order
        code.categories = sorted(seen[:2] if encoding == "binary" else seen, key=_sort_key)
        if len(seen) < 2:
            found = f"only {seen[0]!r}" if seen else "none"
            raise CsvError([(None, name, f"needs at least two distinct values, found {found}")])
    elif encoding in ("standardize", "scale"):
        values = code.encode(cells, table.lines)[train, 0]
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is reported below
            if encoding == "standardize":
                code.center, code.spread = float(values.mean()), float(values.std())
            else:
                lo, hi = float(values.min()), float(values.max())
                code.center, code.spread = (lo + hi) / 2, (hi - lo) / 2
        if not (np.isfinite(code.center) and np.isfinite(code.spread)):
            raise CsvError([(None, name, f"cannot {encoding}: the values are too large")])
        if code.spread <= 1e-12 * max(1.0, abs(code.center)):
            reason = "zero variance" if encoding == "standardize" else "zero range"
            raise CsvError([(None, name, f"cannot {encoding}: {reason} in the training rows "
                             f"(every value is {values[0]:g}); ignore it or use 'none'")])
    return code


def import_csv(
    table: CsvTable,
    roles: dict[str, str],
    encodings: dict[str, str],
    levels: dict[str, list[str]] | None = None,
    train_ratio: float = 0.8,
    seed: int = 1,
) -> Dataset:
    """Encode a table into a Dataset, or raise one CsvError listing every problem.

    Columns missing from ``roles`` are ignored; a missing encoding means "standardize"
    for a feature and "numeric" for a target. Several targets must all be numeric.
    """
    return fit_csv(table, roles, encodings, levels, train_ratio, seed)[0]


def fit_csv(
    table: CsvTable,
    roles: dict[str, str],
    encodings: dict[str, str],
    levels: dict[str, list[str]] | None = None,
    train_ratio: float = 0.8,
    seed: int = 1,
) -> tuple[Dataset, list[ColumnCode]]:
    """``import_csv`` that also returns the fitted column codes, to encode more rows later."""
    levels = levels or {}
    errors = _check_setup(table, roles, encodings, levels)
    if not (isinstance(train_ratio, (int, float)) and 0 < train_ratio < 1):
        errors.append((None, None, f"train_ratio must be between 0 and 1, got {train_ratio!r}"))
    if not (isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0):
        errors.append((None, None, f"seed must be a non-negative integer, got {seed!r}"))
    if len(table.rows) < 2:
        errors.append((None, None, f"need at least 2 data rows, found {len(table.rows)}"))
    if errors:
        raise CsvError(errors)
    train, test = split_indices(len(table.rows), train_ratio, np.random.default_rng(seed))
    codes, blocks = [], []
    for col in table.header:
        role = roles.get(col, "ignore")
        if role == "ignore":
            continue
        default = "standardize" if role == "feature" else "numeric"
        try:
            code = fit_column(table, col, role, encodings.get(col, default), train, levels.get(col))
            blocks.append(code.encode(table.column(col), table.lines))
            codes.append(code)
        except CsvError as exc:
            errors += exc.errors
    if errors:
        order = {c: j for j, c in enumerate(table.header)}
        raise CsvError(sorted(errors, key=lambda e: (e[0] or 0, order.get(e[1], -1))))
    feats = [i for i, c in enumerate(codes) if c.role == "feature"]
    targ = [i for i, c in enumerate(codes) if c.role == "target"]
    y_code = codes[targ[0]]
    task = {"binary": "binary", "onehot": "multiclass"}.get(y_code.encoding, "regression")
    return Dataset(
        x=np.hstack([blocks[i] for i in feats]),
        y=np.hstack([blocks[i] for i in targ]),
        task=task,
        feature_names=[n for i in feats for n in codes[i].names],
        target_names=[n for i in targ for n in codes[i].names],
        train=train,
        test=test,
        class_names=list(y_code.categories),
        name=table.name or "csv",
    ), codes


def _check_setup(
    table: CsvTable, roles: dict[str, str], encodings: dict[str, str], levels: dict
) -> list[Problem]:
    """Problems with the chosen roles and encodings, before any cell is read."""
    errors: list[Problem] = []
    for col in dict.fromkeys([*roles, *encodings]):
        if col not in table.header:
            errors.append((None, None, f"no column {col!r} (columns: {', '.join(table.header)})"))
    for col in table.header:
        role = roles.get(col, "ignore")
        if role not in ROLES:
            errors.append((None, col, f"role must be one of {', '.join(ROLES)}, got {role!r}"))
            continue
        allowed = {"feature": FEATURE_ENCODINGS, "target": TARGET_ENCODINGS}.get(role, ())
        enc = encodings.get(col, allowed[0] if allowed else None)
        if allowed and enc not in allowed:
            errors.append((None, col, f"a {role} encoding must be one of {', '.join(allowed)}, "
                           f"got {enc!r}"))
        if role == "feature" and enc == "thermometer":
            lv = levels.get(col)
            names = [str(v).strip() for v in lv] if isinstance(lv, (list, tuple)) else []
            if len(names) < 2 or len(set(names)) != len(names) or not all(names):
                errors.append((None, col, "thermometer needs its ordered levels (two or "
                               f"more distinct names, e.g. small, medium, large), got {lv!r}"))
    targets = [c for c in table.header if roles.get(c) == "target"]
    if not any(roles.get(c) == "feature" for c in table.header):
        errors.append((None, None, "no feature column: mark at least one column 'feature'"))
    if not targets:
        errors.append((None, None, "no target column: mark one column 'target'"))
    if len(targets) > 1 and any(encodings.get(c, "numeric") != "numeric" for c in targets):
        errors.append((None, None, "several target columns must all be 'numeric'"))
    return errors


def suggest_roles(table: CsvTable) -> tuple[dict[str, str], dict[str, str]]:
    """A sensible start for the import dialog: last column is the target, others features."""
    roles, encodings = {}, {}
    comma = table.delimiter != ","
    for j, col in enumerate(table.header):
        cells = [c for c in table.column(col) if c]
        numbers = [_number(c, comma) for c in cells]
        numeric = bool(cells) and None not in numbers
        distinct = len(set(cells))
        if j == len(table.header) - 1:
            roles[col] = "target"
            small = numeric and distinct <= 10 and all(float(v).is_integer() for v in numbers)
            many = "onehot" if not numeric or small else "numeric"
            encodings[col] = "binary" if distinct == 2 else many
        else:
            roles[col] = "feature" if distinct > 1 else "ignore"
            encodings[col] = "standardize" if numeric else "onehot"
    return roles, encodings
