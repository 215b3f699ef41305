"""The CSV import's limits: checked while reading, named when refused, shared with the file.

Whatever the import accepts must save and load again (one set of limits for the
import, the document and the loader), and a file far over a limit is refused after
reading no more than the limit: the tests count what was read, never the time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core import limits
from nnviz.core.csvdata import (
    CsvCancelled,
    CsvError,
    CsvTable,
    import_csv,
    read_csv,
    suggest_roles,
)
from nnviz.core.data import DataError
from nnviz.core.docdata import dataset_to_dict, read_dataset
from nnviz.core.docjson import check_plain
from nnviz.core.document import load, new_document, save


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _iris_with_a_bad_cell() -> list[str]:
    rng = np.random.default_rng(3)
    lines = ["sepal_len,petal_wid,species"]
    for i in range(40):
        lines.append(f"{rng.uniform(4, 8):.1f},{rng.uniform(0.1, 2.5):.2f},"
                     f"{['setosa', 'versicolor'][i % 2]}")
    lines[8] = lines[8].split(",")[0] + ",abc," + lines[8].split(",")[2]  # file line 9
    return lines


def test_a_number_column_with_one_bad_cell_is_reported_not_one_hot_coded(tmp_path) -> None:
    table = read_csv(_write(tmp_path / "iris.csv", _iris_with_a_bad_cell()))
    roles, encodings = suggest_roles(table)
    assert roles["petal_wid"] == "feature" and encodings["petal_wid"] == "standardize"
    with pytest.raises(CsvError) as caught:
        import_csv(table, roles, encodings)
    assert caught.value.errors == [(9, "petal_wid", "not a number (value 'abc')")]
    assert str(caught.value) == "row 9, column 'petal_wid': not a number (value 'abc')"
    # Categories only when asked for: then every distinct value is an input.
    data = import_csv(table, roles, dict(encodings, petal_wid="onehot"))
    assert data.x.shape[1] == 1 + len(set(table.column("petal_wid")))


def test_a_mostly_text_column_is_still_suggested_as_categories() -> None:
    table = CsvTable(["size", "y"], [["small", "0"], ["large", "1"], ["3", "0"], ["small", "1"]])
    assert suggest_roles(table)[1]["size"] == "onehot"
    ids = CsvTable(["id", "y"], [[f"user{i}", str(i % 2)] for i in range(200)])
    assert suggest_roles(ids)[0]["id"] == "ignore"  # 200 one-of-k inputs would be noise


def test_a_target_of_class_numbers_with_a_bad_cell_is_reported() -> None:
    rows = [[str(i), str(i % 3)] for i in range(30)]
    rows[4][1] = "n/a"
    table = CsvTable(["x", "class"], rows)
    roles, encodings = suggest_roles(table)
    assert encodings["class"] == "numeric"
    with pytest.raises(CsvError, match=r"row 6, column 'class': not a number \(value 'n/a'\)"):
        import_csv(table, roles, encodings)


def _positions(path: Path) -> tuple[list[int], Exception | None]:
    seen: list[int] = []
    try:
        read_csv(path, progress=lambda done, total: seen.append(done) or True)
    except (CsvError, DataError) as exc:
        return seen, exc
    return seen, None


def test_half_a_million_rows_are_refused_before_any_row_is_parsed(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w") as fh:
        fh.write("a,b,y\n")
        fh.writelines(f"{i},{i % 7},{i % 2}\n" for i in range(500_000))
    seen, error = _positions(path)
    assert seen == []  # refused on its line count, no row parsed
    assert isinstance(error, CsvError)
    assert str(error) == "the file has 500,001 lines; nnviz imports at most 100,000 rows"


def test_rows_over_the_limit_are_refused_after_reading_the_first_hundred_thousand(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w") as fh:  # few enough lines to be parsed, too many rows
        fh.write("a,b,y\n")
        fh.writelines(f"{i},{i % 7},{i % 2}\n" for i in range(150_000))
    seen, error = _positions(path)
    assert isinstance(error, CsvError)
    assert str(error) == (f"row {limits.MAX_ROWS + 2}: more than {limits.MAX_ROWS} data rows; "
                          f"nnviz imports at most {limits.MAX_ROWS} rows")
    assert max(seen) < 0.75 * path.stat().st_size  # stopped at the limit, not at the end


def test_a_file_over_the_size_limit_is_refused_before_any_reading(tmp_path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(100 * 2**20)  # 100 MB (sparse: nothing is written)
    seen, error = _positions(path)
    assert seen == []
    assert isinstance(error, DataError) and not isinstance(error, CsvError)
    assert str(error).endswith(f"the file is 100 MB; nnviz imports CSV files of at most "
                               f"{limits.mb(limits.MAX_CSV_BYTES)}")


def test_too_many_columns_and_too_many_cells_are_named(tmp_path) -> None:
    wide = [",".join(f"c{j}" for j in range(limits.MAX_COLUMNS + 1)), "1," * limits.MAX_COLUMNS]
    with pytest.raises(CsvError, match=rf"^row 1: {limits.MAX_COLUMNS + 1} fields; nnviz reads "
                                       rf"at most {limits.MAX_COLUMNS} columns$"):
        read_csv(_write(tmp_path / "wide.csv", wide))
    width = 1000
    rows = limits.MAX_VALUES // width + 1
    cells = [",".join(f"c{j}" for j in range(width))] + [",".join(["1"] * width)] * rows
    seen, error = _positions(_write(tmp_path / "cells.csv", cells))
    assert isinstance(error, CsvError)
    assert str(error) == (f"row {rows + 1}: more than {limits.MAX_VALUES} cells (rows × columns); "
                          f"nnviz imports at most {limits.MAX_VALUES}")


def test_a_header_over_128_kb_gives_a_message_not_a_csv_error(tmp_path) -> None:
    one_cell = tmp_path / "one.csv"
    one_cell.write_text("h" * 200_000 + "\n1\n")
    with pytest.raises(CsvError) as caught:
        read_csv(one_cell)
    assert str(caught.value) == (f"row 1: a cell is longer than {limits.MAX_CELL_CHARS} "
                                 "characters, the most nnviz reads")
    many = tmp_path / "many.csv"
    many.write_text(",".join(f"column{j}" for j in range(20_000)) + "\n" + "1," * 19_999 + "1\n")
    with pytest.raises(CsvError, match=r"^row 1: 20000 fields; nnviz reads at most 1000"):
        read_csv(many)
    one_line = tmp_path / "line.csv"
    one_line.write_text("a" * (limits.MAX_COLUMNS * (limits.MAX_CELL_CHARS + 3) + 1))
    with pytest.raises(CsvError, match=r"^row 1: the line is \d+ characters long"):
        read_csv(one_line)
    quoted = tmp_path / "quoted.csv"  # the delimiter guess sees a huge quoted field
    quoted.write_text('"' + "q" * 140_000 + '",b\n1,2\n')
    with pytest.raises(CsvError, match="longer than 1000 characters"):
        read_csv(quoted)
    long_cell = tmp_path / "cell.csv"
    long_cell.write_text("a,b\n1," + "x" * (limits.MAX_CELL_CHARS + 1) + "\n")
    with pytest.raises(CsvError, match=rf"^row 2: field 2 is {limits.MAX_CELL_CHARS + 1} "
                                       rf"characters long; nnviz reads cells of at most 1000$"):
        read_csv(long_cell)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path) -> None:
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)
    code = ("import sys\nfrom nnviz.core.csvdata import read_csv\nfrom nnviz.core.data "
            "import DataError\ntry:\n    read_csv(sys.argv[1])\nexcept DataError as e:\n"
            "    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip().endswith("not a regular file"), done


def test_progress_can_cancel_a_read(tmp_path) -> None:
    path = _write(tmp_path / "rows.csv", ["a,y"] + [f"{i},{i % 2}" for i in range(20_000)])
    calls: list[int] = []
    with pytest.raises(CsvCancelled):
        read_csv(path, progress=lambda done, total: calls.append(done) is not None)
    assert len(calls) == 1 and calls[0] < path.stat().st_size / 5


# ----------------------------------------------------- one set of limits, round trip
def _saves_and_loads(data, tmp_path: Path) -> None:
    doc = new_document()
    doc.dataset = data
    save(doc, tmp_path / "doc.nnviz")
    back = load(tmp_path / "doc.nnviz").dataset
    assert np.array_equal(back.x, data.x) and np.array_equal(back.y, data.y)
    assert back.feature_names == data.feature_names and back.class_names == data.class_names


def test_an_import_at_every_limit_at_once_saves_and_loads(tmp_path) -> None:
    width = limits.MAX_COLUMNS  # 999 features and the target
    rows = limits.MAX_VALUES // width
    rng = np.random.default_rng(0)
    values = rng.uniform(-limits.MAX_DATA_VALUE, limits.MAX_DATA_VALUE, (rows, width))
    values[0, 0], values[1, 0] = limits.MAX_DATA_VALUE, -limits.MAX_DATA_VALUE
    names = [f"{j:03d}" + "n" * (limits.MAX_NAME - 3) for j in range(width)]
    header = ",".join(names)
    path = tmp_path / "limits.csv"
    with path.open("w") as fh:
        fh.write(header + "\n")
        fh.writelines(",".join(map(repr, row.tolist())) + "\n" for row in values)
    table = read_csv(path)
    roles = {n: "feature" for n in names[:-1]} | {names[-1]: "target"}
    data = import_csv(table, roles, dict.fromkeys(names[:-1], "none"))
    assert data.x.size + data.y.size == limits.MAX_VALUES
    assert np.abs(data.x).max() == limits.MAX_DATA_VALUE
    _saves_and_loads(data, tmp_path)


def test_the_row_limit_and_long_category_names_save_and_load(tmp_path) -> None:
    long = "c" * (limits.MAX_NAME - len("kind="))  # "kind=ccc…" is exactly the longest name
    lines = ["x,kind,y"] + [f"{i % 97},{long if i % 2 else 'short'},{i % 2}"
                            for i in range(limits.MAX_ROWS)]
    table = read_csv(_write(tmp_path / "rows.csv", lines))
    data = import_csv(table, *suggest_roles(table))
    assert data.n == limits.MAX_ROWS and max(map(len, data.feature_names)) == limits.MAX_NAME
    _saves_and_loads(data, tmp_path)


@pytest.mark.parametrize(("cells", "encoding", "message"), [
    (["1e12", "2", "3"], "none",
     "row 2, column 'a': 1e+12 is beyond ±1e+09, the largest value nnviz stores; choose "
     "Standardise or Scale"),
    (["1e12", "2", "3", "1e12", "4", "5", "1e12", "6", "7", "8"], "standardize", None),
    (["x" * 201, "y", "x" * 201], "onehot",
     "column 'a': the name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 201 characters long; "
     "nnviz stores names of at most 200"),
    (["x" * 199, "y", "x" * 199], "onehot",
     "column 'a': the name 'a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 201 characters long; "
     "nnviz stores names of at most 200"),
])
def test_values_and_names_the_file_cannot_hold_are_refused_at_import(cells, encoding, message):
    table = CsvTable(["a", "y"], [[c, str(i % 2)] for i, c in enumerate(cells)])
    try:
        data = import_csv(table, {"a": "feature", "y": "target"}, {"a": encoding})
    except CsvError as exc:
        assert str(exc) == message
    else:
        assert message is None
        check_plain(dataset_to_dict(data))
        read_dataset(dataset_to_dict(data))


def test_encodings_wider_than_the_file_holds_are_refused_at_import() -> None:
    n = limits.MAX_COLUMNS + 1
    table = CsvTable(["id", "y"], [[f"u{i}", str(i % 2)] for i in range(n)])
    with pytest.raises(CsvError, match=rf"^column 'id': onehot gives {n} columns; nnviz handles "
                                       rf"at most {limits.MAX_COLUMNS}$"):
        import_csv(table, {"id": "feature", "y": "target"}, {"id": "onehot"})
    rows = limits.MAX_VALUES // 700 + 1
    table = CsvTable(["k", "y"], [[f"k{i % 700}", "1"] for i in range(rows)])
    with pytest.raises(CsvError, match=rf"encoded columns is \d+ values; nnviz handles at most "
                                       rf"{limits.MAX_VALUES}"):
        import_csv(table, {"k": "feature", "y": "target"}, {"k": "onehot", "y": "numeric"})
    long = CsvTable(["n" * (limits.MAX_NAME + 1), "y"], [[str(i), str(i % 2)] for i in range(9)])
    with pytest.raises(CsvError, match="the column name is 201 characters long"):
        import_csv(long, *suggest_roles(long))


_token = st.sampled_from(["1", "-2.5", "1e12", "-1e10", "1e308", "x", "y", "", "z" * 150,
                          "w" * 210, "3", "nan", "inf"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_token, min_size=3, max_size=3), min_size=2, max_size=8),
       st.sampled_from(["standardize", "scale", "none", "onehot"]),
       st.sampled_from(["numeric", "binary", "onehot"]),
       st.sampled_from(["a", "h" * 200, "h" * 201]))
def test_whatever_imports_also_saves(rows, enc_b, enc_c, name_a) -> None:
    table = CsvTable([name_a, "b", "c"], rows)
    try:
        data = import_csv(table, {name_a: "feature", "b": "feature", "c": "target"},
                          {name_a: "none", "b": enc_b, "c": enc_c}, train_ratio=0.5)
    except CsvError:
        return
    plain = dataset_to_dict(data)
    check_plain(plain)
    read_dataset(plain)
