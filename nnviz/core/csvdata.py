"""CSV import: read a table, then encode its columns the way the lectures teach.

Real features are standardised or scaled, nominal ones become one-of-k columns, ordinal
ones a thermometer code (small = 100, medium = 110, large = 111). A student's CSV is
rarely clean, so nothing is refused silently: every bad cell is collected and one
``CsvError`` lists each by file line and column, so the file can be fixed in one pass.
Statistics (mean, std, min, max) come from the training rows only, as evaluation on
held-out data requires.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import io
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from nnviz.core.data import DataError, Dataset
from nnviz.core.datasets import split_indices
from nnviz.core.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_CSV_BYTES,
    MAX_DATA_VALUE,
    MAX_NAME,
    MAX_ROWS,
    MAX_VALUES,
    mb,
)

ColumnRole = Literal["feature", "target", "ignore"]
ROLES = ("feature", "target", "ignore")
FEATURE_ENCODINGS = ("standardize", "scale", "none", "onehot", "thermometer")
TARGET_ENCODINGS = ("numeric", "binary", "onehot")
NUMERIC_ENCODINGS = ("standardize", "scale", "none", "numeric")
#: A column this much numbers is a number column with a few bad cells, not categories:
#: the import suggests a number code and lists the bad cells instead of one-hot coding them.
MOSTLY_NUMERIC = 0.5
#: A text column with more distinct values than this is suggested as ignored (an id or a
#: comment), not one-of-k: one input per value would swamp the network.
MAX_SUGGESTED_CATEGORIES = 50
MAX_LISTED = 20
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NOT_NUMBER_CHAR = re.compile(r"[^0-9eE+\-.\n]")
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
    # Caches: the columns (transposed once) and their numbers, for re-encoding quickly.
    _columns: tuple | None = field(default=None, repr=False, compare=False)
    _parsed: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = list(range(2, len(self.rows) + 2))

    def column(self, name: str) -> list[str]:
        if self._columns is None or self._columns[0] != len(self.rows):
            self._columns = (len(self.rows), list(zip(*self.rows)) if self.rows else [])
        cells = self._columns[1]
        return list(cells[self.header.index(name)]) if cells else []

    def numbers(self, name: str, decimal_comma: bool) -> np.ndarray | None:
        """The column as numbers (None if a cell is not one), parsed once per table: the
        import dialog re-encodes after every choice, and parsing is the costly part."""
        key = (name, decimal_comma)
        if key not in self._parsed:
            self._parsed[key] = _numbers(self.column(name), decimal_comma)
        return self._parsed[key]


#: ``progress(done, total)`` is told how far a read has come (in characters of the file);
#: returning False cancels it.
Progress = Callable[[int, int], bool]
#: How often (in file lines) a read reports its progress.
PROGRESS_EVERY = 2000
#: A physical line longer than this cannot hold columns within the limits.
MAX_LINE_CHARS = MAX_COLUMNS * (MAX_CELL_CHARS + 3)
#: A file with more lines than this is refused before it is parsed (twice the rows allow
#: for blank lines and cells with line breaks; below it, rows are counted while reading).
MAX_LINES = 2 * MAX_ROWS + 1


class CsvCancelled(Exception):
    """A read stopped because its ``progress`` callback said so."""


def read_csv(
    source: str | os.PathLike, delimiter: str | None = None, progress: Progress | None = None,
) -> CsvTable:
    """Parse CSV text, or a file when given a Path or a one-line string naming a file.

    The delimiter (comma, semicolon or tab) is guessed from the header unless given;
    the first line must name the columns. Ragged rows are reported together. The limits
    of ``nnviz.core.limits`` (file size, rows, columns, cells, cell length) are checked
    while reading, so a file far over one is refused after reading no more than the
    limit allows. ``progress`` is called every few thousand lines; CsvCancelled if it
    returns False.
    """
    name = ""
    if not isinstance(source, os.PathLike) and "\n" not in source and source.endswith(_SUFFIXES):
        source = Path(source)  # looks like a file name, so a missing file is an error
    if isinstance(source, os.PathLike) or ("\n" not in source and os.path.isfile(source)):
        path = Path(source)
        name = path.stem
        with _open_csv(path) as (fh, size):
            table = _read_records(fh, size, delimiter, progress, path)
    else:
        if len(source) > MAX_CSV_BYTES:
            raise CsvError([(None, None, f"the text is larger than {mb(MAX_CSV_BYTES)}, the "
                                         "largest CSV nnviz reads")])
        table = _read_records(io.StringIO(source, newline=""), len(source), delimiter, progress)
    table.name = name
    return table


@contextlib.contextmanager
def _open_csv(path: Path) -> Iterator[tuple[io.TextIOBase, int]]:
    """The open file and its size, refused before reading if it is no regular file or too big."""
    try:
        # A FIFO or a device would block open() or never end: look before opening.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise DataError(f"cannot read {path}: not a regular file")
        fh = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced between the look and the open
            raise DataError(f"cannot read {path}: not a regular file")
        if info.st_size > MAX_CSV_BYTES:
            raise DataError(f"cannot read {path}: the file is {mb(info.st_size)}; nnviz imports "
                            f"CSV files of at most {mb(MAX_CSV_BYTES)}")
        # Counting line ends is done in C at disk speed; parsing 100,000 rows only to refuse
        # the next one takes a while. Blank lines and quoted line breaks make lines more
        # than rows, so only a count far over the limit is refused here.
        lines = _count_lines(path)
        if lines > MAX_LINES:
            raise CsvError([(None, None, f"the file has {lines:,} lines; nnviz imports at most "
                                         f"{MAX_ROWS:,} rows")])
        try:
            yield fh, info.st_size
        except UnicodeDecodeError as exc:
            raise DataError(f"cannot read {path}: not UTF-8 text ({exc.reason} at byte "
                            f"{exc.start} of a block)") from None
        except OSError as exc:
            raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None


def _count_lines(path: Path) -> int:
    with open(path, "rb") as raw:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))


def _read_records(
    fh: io.TextIOBase, size: int, delimiter: str | None, progress: Progress | None,
    path: Path | None = None,
) -> CsvTable:
    read = [0]  # characters handed to the csv reader so far

    def lines() -> Iterator[str]:
        for number, line in enumerate(fh, 1):
            if len(line) > MAX_LINE_CHARS:
                raise CsvError([(number, None, f"the line is {len(line)} characters long; "
                                 f"{MAX_COLUMNS} columns of {MAX_CELL_CHARS} characters, the "
                                 "most nnviz reads, fit in fewer")])
            read[0] += len(line)
            yield line

    source = lines()
    first: list[str] = []
    for line in source:  # the first line with text names the columns
        first.append(line)
        if line.strip():
            break
    header_text = first[-1].lstrip("\ufeff") if first else ""
    if first:
        first[-1] = header_text
    try:
        if delimiter is None:
            delimiter = _guess_delimiter(header_text)
        elif len(delimiter) != 1 or delimiter in "\"\r\n":
            raise DataError(f"delimiter must be one character (not a quote), got {delimiter!r}")
    except csv.Error as exc:
        raise CsvError([(len(first), None, _unreadable(exc))]) from None
    records: list[tuple[int, list[str]]] = []
    reader = csv.reader(itertools.chain(first, source), delimiter=delimiter)
    cells, report = 0, PROGRESS_EVERY
    try:
        end = 0
        for record in reader:
            start, end = end + 1, reader.line_num
            if len(record) > MAX_COLUMNS:
                raise CsvError([(start, None, f"{len(record)} fields; nnviz reads at most "
                                              f"{MAX_COLUMNS} columns")])
            if record and max(map(len, record)) > MAX_CELL_CHARS:
                j = next(j for j, c in enumerate(record) if len(c) > MAX_CELL_CHARS)
                raise CsvError([(start, None, f"field {j + 1} is {len(record[j])} characters "
                                              f"long; nnviz reads cells of at most "
                                              f"{MAX_CELL_CHARS}")])
            stripped = [cell.strip() for cell in record]
            if any(stripped):
                records.append((start, stripped))
                cells += len(record)
                if len(records) > MAX_ROWS + 1:
                    raise CsvError([(start, None, f"more than {MAX_ROWS} data rows; nnviz "
                                                  f"imports at most {MAX_ROWS} rows")])
                if cells > MAX_VALUES + len(records[0][1]):
                    raise CsvError([(start, None, f"more than {MAX_VALUES} cells (rows × "
                                                  "columns); nnviz imports at most "
                                                  f"{MAX_VALUES}")])
            if progress is not None and end >= report:
                report = end + PROGRESS_EVERY
                if progress(read[0], size) is False:
                    raise CsvCancelled(f"stopped at line {end}")
    except csv.Error as exc:
        raise CsvError([(reader.line_num, None, _unreadable(exc))]) from None
    if progress is not None and progress(read[0], size) is False:
        raise CsvCancelled("stopped at the end")
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
    return CsvTable(header, [r for _, r in body], [ln for ln, _ in body], delimiter)


def _guess_delimiter(header: str) -> str:
    """The delimiter that splits the header into the most fields (quotes respected).

    A header split by another delimiter may be one field over csv's 128 KB limit; that
    delimiter is then simply not the one. csv.Error if none of them can read it.
    """
    widths: dict[str, int] = {}
    error: csv.Error | None = None
    for d in ",;\t":
        try:
            widths[d] = len(next(csv.reader([header], delimiter=d), []))
        except csv.Error as exc:
            error = exc
    if not widths:
        assert error is not None
        raise error
    return max(widths, key=widths.__getitem__)


def _unreadable(exc: csv.Error) -> str:
    """csv's own words, except for its field limit, which is worded as nnviz's."""
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {MAX_CELL_CHARS} characters, the most nnviz reads"
    return f"unreadable CSV: {exc}"


def _number(cell: str, decimal_comma: bool) -> float | None:
    if decimal_comma and _DECIMAL_COMMA.fullmatch(cell):
        cell = cell.replace(",", ".")
    if not _NUMBER.fullmatch(cell):
        return None
    value = float(cell)
    return value if np.isfinite(value) else None


def _numbers(cells: list[str], decimal_comma: bool) -> np.ndarray | None:
    """All the cells as finite numbers, or None if one is not: in C, not a loop per cell."""
    if decimal_comma and any("," in c for c in cells):
        values = [_number(c, True) for c in cells]
        return None if None in values else np.array(values, dtype=float)
    # float() also reads 'nan', 'inf', '1_000' and padded text, which are not numbers
    # here; with only these characters, what float() reads is exactly ``_NUMBER``.
    if _NOT_NUMBER_CHAR.search("\n".join(cells)):
        return None
    try:
        values = np.array(cells, dtype=float)
    except ValueError:  # '', '1.2.3', '-'
        return None
    return values if np.isfinite(values).all() else None


def numeric_share(cells: list[str], decimal_comma: bool) -> float:
    """The share of the non-empty cells that are numbers (1.0 for a clean number column)."""
    counts = collections.Counter(cells)
    counts.pop("", None)
    filled = sum(counts.values())
    numbers = sum(k for v, k in counts.items() if _number(v, decimal_comma) is not None)
    return numbers / filled if filled else 0.0


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

    def encode(self, cells: list[str], lines: list[int] | None = None,
               numbers: np.ndarray | None = None) -> np.ndarray:
        """(n, len(names)) values; raises CsvError naming every refused cell by its line.

        ``numbers`` are the cells already parsed (``CsvTable.numbers``), if known.
        """
        fast = self._encode_all(cells, numbers)
        if fast is not None:
            return fast
        errors: list[Problem] = []  # some cell is refused: find each, one by one
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

    def _encode_all(self, cells: list[str], numbers: np.ndarray | None) -> np.ndarray | None:
        """The whole column at array speed, or None if any cell needs a closer look."""
        if self.encoding in NUMERIC_ENCODINGS:
            values = numbers if numbers is not None else _numbers(cells, self.decimal_comma)
            if values is None:
                return None
            with np.errstate(over="ignore", invalid="ignore"):
                out = ((values - self.center) / self.spread)[:, None]
            return out if np.isfinite(out).all() else None
        index = {c: k for k, c in enumerate(self.categories)}
        codes = np.fromiter((index.get(c, -1) for c in cells), dtype=np.intp, count=len(cells))
        if len(codes) and codes.min() < 0:
            return None
        if self.encoding == "binary":
            return codes[:, None].astype(float)
        if self.encoding == "thermometer":
            return (np.arange(len(self.categories)) <= codes[:, None]).astype(float)
        out = np.zeros((len(cells), len(self.categories)))
        out[np.arange(len(cells)), codes] = 1.0
        return out

    def _encode_cell(self, cell: str, row: np.ndarray) -> str | None:
        if not cell:
            return "empty cell"
        if self.encoding in NUMERIC_ENCODINGS:
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
        numbers = table.numbers(name, code.decimal_comma)
        values = code.encode(cells, table.lines, numbers)[train, 0]
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
    if len(table.rows) > MAX_ROWS:
        errors.append((None, None, f"{len(table.rows)} data rows; nnviz imports at most "
                                   f"{MAX_ROWS} rows"))
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
            errors += _name_problems(code)
            if len(code.names) > MAX_COLUMNS:  # before the (n, k) block is allocated
                errors.append((None, col, f"{code.encoding} gives {len(code.names)} columns; "
                                          f"nnviz handles at most {MAX_COLUMNS}"))
                continue
            numbers = (table.numbers(col, code.decimal_comma)
                       if code.encoding in NUMERIC_ENCODINGS else None)
            block = code.encode(table.column(col), table.lines, numbers)
            errors += _value_problems(code, block, table.lines)
            blocks.append(block)
            codes.append(code)
        except CsvError as exc:
            errors += exc.errors
    width = sum(len(c.names) for c in codes)
    if width > MAX_COLUMNS:
        errors.append((None, None, f"the chosen columns encode to {width} inputs and targets; "
                                   f"nnviz handles at most {MAX_COLUMNS} columns"))
    elif width * len(table.rows) > MAX_VALUES:
        errors.append((None, None, f"{len(table.rows)} rows × {width} encoded columns is "
                                   f"{width * len(table.rows)} values; nnviz handles at most "
                                   f"{MAX_VALUES} (use fewer rows or columns)"))
    produced = [n for c in codes if c.role == "feature" for n in c.names]
    if len(set(produced)) != len(produced):
        twice = next(n for n in produced if produced.count(n) > 1)
        errors.append((None, None, f"two inputs would both be named {twice!r}; rename a column"))
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
        name=(table.name or "csv")[:MAX_NAME],  # a file name, shortened to fit the format
    ), codes


def _name_problems(code: ColumnCode) -> list[Problem]:
    """Names the document could not store: the column's own, or one made from a category."""
    long = [n for n in [code.name, *code.categories, *code.names] if len(n) > MAX_NAME]
    if not long:
        return []
    what = "the column name" if long[0] == code.name else f"the name {long[0][:40] + '…'!r}"
    return [(None, code.name, f"{what} is {len(long[0])} characters long; nnviz stores names "
                              f"of at most {MAX_NAME}")]


def _value_problems(code: ColumnCode, block: np.ndarray, lines: list[int]) -> list[Problem]:
    """Encoded values beyond what the document stores (and what training survives)."""
    too_big = np.flatnonzero(np.abs(block).max(axis=1) > MAX_DATA_VALUE) if block.size else []
    if not len(too_big):
        return []
    i = int(too_big[0])
    more = f" (and {len(too_big) - 1} more rows)" if len(too_big) > 1 else ""
    if code.role == "target":
        fix = "rescale the column in the file"
    elif code.encoding == "none":
        fix = "choose Standardise or Scale"
    else:  # the training rows' statistics put this held-out row that far out
        fix = "an outlier far beyond the training rows; correct or remove it"
    return [(lines[i], code.name, f"{block[i, 0]:.6g} is beyond ±{MAX_DATA_VALUE:g}, the largest "
                                  f"value nnviz stores{more}; {fix}")]


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
    """A sensible start for the import dialog: last column is the target, others features.

    A column of numbers with a few other cells ('abc', 'n/a') is suggested as numbers, so
    the import names those cells by row and column; treating its values as categories
    is then the user's explicit choice, never a silent one-of-k over every number.
    """
    roles, encodings = {}, {}
    comma = table.delimiter != ","
    for j, col in enumerate(table.header):
        cells = [c for c in table.column(col) if c]
        distinct = set(cells)
        clean = len(cells) == len(table.rows) and table.numbers(col, comma) is not None
        numeric = clean or numeric_share(cells, comma) >= MOSTLY_NUMERIC
        if j == len(table.header) - 1:
            roles[col] = "target"
            values = _numbers(list(distinct), comma) if numeric else None
            small = (values is not None and len(distinct) <= 10
                     and bool(np.all(values == np.round(values))))
            if len(distinct) == 2 and (values is not None or not numeric):
                encodings[col] = "binary"
            else:
                encodings[col] = "onehot" if not numeric or small else "numeric"
        else:
            text_id = not numeric and len(distinct) > MAX_SUGGESTED_CATEGORIES
            roles[col] = "feature" if len(distinct) > 1 and not text_id else "ignore"
            encodings[col] = "standardize" if numeric else "onehot"
    return roles, encodings
