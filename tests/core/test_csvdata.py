"""CSV import: parsing, every encoding checked numerically, every refusal located."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.core.csvdata import (
    FEATURE_ENCODINGS,
    ROLES,
    TARGET_ENCODINGS,
    CsvError,
    CsvTable,
    fit_csv,
    import_csv,
    read_csv,
    suggest_roles,
)
from nnviz.core.data import DataError

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"
SHOP = """size,color,weight,price,sold
small,red,1.0,10,yes
large,blue,3.0,30,no
medium,red,2.0,20,yes
small,green,5.0,15,no
"""
SIZES = ["small", "medium", "large"]


def test_read_csv_sniffs_delimiters_and_numbers_lines() -> None:
    for sep in (",", ";", "\t"):
        t = read_csv(f"a{sep}b\n\n1{sep}2\n 3 {sep}4\n")
        assert (t.header, t.rows, t.lines, t.delimiter) == (["a", "b"], [["1", "2"], ["3", "4"]],
                                                           [3, 4], sep)
    quoted = read_csv('name,note\nx,"two\nlines"\ny,z\n')
    assert quoted.rows == [["x", "two\nlines"], ["y", "z"]] and quoted.lines == [2, 4]


def test_read_csv_reads_files_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_bytes("\ufeffx;y\n1,5;2\n".encode())
    for source in (path, str(path)):
        t = read_csv(source)
        assert t.header == ["x", "y"] and t.name == "points" and t.delimiter == ";"
    with pytest.raises(DataError, match="cannot read"):
        read_csv(tmp_path / "missing.csv")


def test_read_csv_reports_every_ragged_row() -> None:
    with pytest.raises(CsvError) as info:
        read_csv("a,b,c\n1,2,3\n1,2\n1,2,3\n1,2,3,4\n")
    assert info.value.errors == [(3, None, "2 fields, the header has 3"),
                                 (5, None, "4 fields, the header has 3")]
    assert "row 3: 2 fields" in str(info.value) and "row 5: 4 fields" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the file is empty"), ("\n \n", "the file is empty"),
     ("1,2\n3,4\n", "row 1: the first line must name the columns"),
     ("a,a\n1,2\n", "row 1, column 'a': duplicate column name"),
     ("a,,c\n1,2,3\n", "row 1: column 2 has no name")],
)
def test_read_csv_requires_a_header(text: str, message: str) -> None:
    with pytest.raises(CsvError, match=message):
        read_csv(text)


def test_happy_path_encodes_every_feature_kind() -> None:
    d = import_csv(
        read_csv(SHOP),
        roles={"size": "feature", "color": "feature", "weight": "feature",
               "price": "feature", "sold": "target"},
        encodings={"size": "thermometer", "color": "onehot", "weight": "standardize",
                   "price": "scale", "sold": "binary"},
        levels={"size": SIZES},
        train_ratio=0.75,
    )
    assert d.feature_names == ["size>=small", "size>=medium", "size>=large", "color=blue",
                               "color=green", "color=red", "weight", "price"]
    assert d.x[:, :3].tolist() == [[1, 0, 0], [1, 1, 1], [1, 1, 0], [1, 0, 0]]
    assert d.x[:, 3:6].tolist() == [[0, 0, 1], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
    weight, price = np.array([1.0, 3.0, 2.0, 5.0]), np.array([10.0, 30.0, 20.0, 15.0])
    tr = d.train  # statistics come from the training rows only
    assert np.allclose(d.x[:, 6], (weight - weight[tr].mean()) / weight[tr].std())
    lo, hi = price[tr].min(), price[tr].max()
    assert np.allclose(d.x[:, 7], (price - (lo + hi) / 2) / ((hi - lo) / 2))
    assert np.allclose(d.x[tr, 7].min(), -1) and np.allclose(d.x[tr, 7].max(), 1)
    assert d.y[:, 0].tolist() == [1, 0, 1, 0] and d.class_names == ["no", "yes"]
    assert (d.task, d.label_values, d.target_names) == ("binary", (0.0, 1.0), ["sold"])
    assert (len(d.train), len(d.test)) == (3, 1)


def test_standardize_over_all_training_rows_has_zero_mean_unit_std() -> None:
    rows = "\n".join(f"{v},{v * 2}" for v in range(1, 21))
    d = import_csv(read_csv("x,y\n" + rows), {"x": "feature", "y": "target"}, {})
    assert d.x[d.train, 0].mean() == pytest.approx(0, abs=1e-12)
    assert d.x[d.train, 0].std() == pytest.approx(1)
    assert d.task == "regression" and np.allclose(d.y[:, 0], 2 * np.arange(1, 21))
    assert (len(d.train), len(d.test)) == (16, 4)


def test_none_encoding_and_multiclass_target() -> None:
    text = "a;b;kind\n1,5;-2;cat\n2;0;dog\n3;1e1;bird\n4;7;dog\n"
    d = import_csv(read_csv(text), {"a": "feature", "b": "feature", "kind": "target"},
                   {"a": "none", "b": "none", "kind": "onehot"})
    assert d.x.tolist() == [[1.5, -2], [2, 0], [3, 10], [4, 7]]  # decimal comma with ';'
    assert d.task == "multiclass" and d.class_names == ["bird", "cat", "dog"]
    assert d.y.tolist() == [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 0, 1]]
    assert d.target_names == ["kind=bird", "kind=cat", "kind=dog"]


def test_binary_numeric_labels_keep_their_order() -> None:
    d = import_csv(read_csv("x,y\n1,1\n2,-1\n3,1\n4,-1\n"), {"x": "feature", "y": "target"},
                   {"y": "binary"})
    assert d.class_names == ["-1", "1"] and d.y[:, 0].tolist() == [1, 0, 1, 0]


def test_several_numeric_targets_and_ignored_columns() -> None:
    text = "id,x,y1,y2\nA,1,2,3\nB,2,4,6\nC,3,6,9\n"
    d, codes = fit_csv(read_csv(text), {"x": "feature", "y1": "target", "y2": "target"}, {})
    assert d.target_names == ["y1", "y2"] and d.y.tolist() == [[2, 3], [4, 6], [6, 9]]
    assert [c.name for c in codes] == ["x", "y1", "y2"]
    again = codes[0].encode(["1", "2", "3"])  # the fitted code re-encodes new rows
    assert np.allclose(again[:, 0], d.x[:, 0])


def test_errors_are_collected_with_row_and_column() -> None:
    text = "size,w,label\nsmall,1,a\nhuge,x,b\nlarge,,c\nmedium,2,a\n"
    with pytest.raises(CsvError) as info:
        import_csv(read_csv(text), {"size": "feature", "w": "feature", "label": "target"},
                   {"size": "thermometer", "w": "none", "label": "binary"}, {"size": SIZES})
    errors = info.value.errors
    assert [(r, c) for r, c, _ in errors] == [(3, "size"), (3, "w"), (4, "w"), (4, "label")]
    message = str(info.value)
    assert "row 3, column 'size': unknown level; the levels are small, medium, large " \
           "(value 'huge')" in message
    assert "row 3, column 'w': not a number (value 'x')" in message
    assert "row 4, column 'w': empty cell" in message
    assert "row 4, column 'label': a third distinct value" in message and "(value 'c')" in message
    assert message.startswith("4 problems")


def test_long_error_lists_are_cut_after_twenty() -> None:
    text = "x,y\n" + "".join(f"bad{i},1\n" for i in range(30))
    with pytest.raises(CsvError) as info:
        import_csv(read_csv(text), {"x": "feature", "y": "target"}, {})
    assert len(info.value.errors) == 30 and "… and 10 more" in str(info.value)
    assert "row 31, column 'x'" not in str(info.value)
    assert info.value.errors[-1] == (31, "x", "not a number (value 'bad29')")


@pytest.mark.parametrize(
    ("roles", "encodings", "message"),
    [
        ({"size": "target"}, {}, "no feature column"),
        ({"size": "feature"}, {"size": "onehot"}, "no target column"),
        ({"weight": "feature", "sold": "label"}, {}, "column 'sold': role must be one of"),
        ({"weight": "feature", "sold": "target"}, {"sold": "scale"},
         "column 'sold': a target encoding must be one of numeric"),
        ({"weight": "feature", "sold": "target"}, {"weight": "binary"},
         "column 'weight': a feature encoding must be one of"),
        ({"size": "feature", "price": "target"}, {"size": "thermometer"},
         "column 'size': thermometer needs its ordered levels"),
        ({"nope": "feature", "price": "target"}, {}, "no column 'nope'"),
        ({"weight": "feature", "price": "target", "sold": "target"}, {"sold": "binary"},
         "several target columns must all be 'numeric'"),
    ],
)
def test_setup_errors(roles: dict, encodings: dict, message: str) -> None:
    with pytest.raises(CsvError, match=message):
        import_csv(read_csv(SHOP), roles, encodings)


def test_zero_variance_and_constant_categories_are_named() -> None:
    table = read_csv("c,x,y\n5,1,k\n5,2,k\n5,3,k\n")
    with pytest.raises(CsvError) as info:
        import_csv(table, {"c": "feature", "x": "feature", "y": "target"}, {"y": "binary"})
    message = str(info.value)
    assert "column 'c': cannot standardize: zero variance" in message and "value is 5" in message
    assert "column 'y': needs at least two distinct values, found only 'k'" in message
    with pytest.raises(CsvError, match="column 'c': cannot scale: zero range"):
        import_csv(table, {"c": "feature", "x": "target"}, {"c": "scale"})


def test_too_few_rows_bad_ratio_and_huge_values() -> None:
    with pytest.raises(CsvError, match="need at least 2 data rows"):
        import_csv(read_csv("x,y\n1,2\n"), {"x": "feature", "y": "target"}, {})
    with pytest.raises(CsvError, match="train_ratio"):
        import_csv(read_csv("x,y\n1,2\n3,4\n"), {"x": "feature", "y": "target"}, {}, train_ratio=1)
    with pytest.raises(CsvError, match="column 'x': cannot standardize: the values are too large"):
        import_csv(read_csv("x,y\n1e308,2\n-1e308,4\n1e308,1\n-1e308,3\n"),
                   {"x": "feature", "y": "target"}, {}, train_ratio=0.75)
    with pytest.raises(CsvError, match="row 2, column 'x': not a number"):
        import_csv(read_csv("x,y\ninf,2\n3,4\n"), {"x": "feature", "y": "target"}, {})


def test_split_is_seeded() -> None:
    text = "x,y\n" + "".join(f"{i},{i % 3}\n" for i in range(50))
    args = (read_csv(text), {"x": "feature", "y": "target"}, {})
    a, b, c = import_csv(*args, seed=4), import_csv(*args, seed=4), import_csv(*args, seed=5)
    assert np.array_equal(a.train, b.train) and not np.array_equal(a.train, c.train)
    assert len(a.train) == 40


def test_example_files_import_with_suggested_roles() -> None:
    iris = read_csv(DATA / "iris_small.csv")
    roles, encodings = suggest_roles(iris)
    assert encodings["species"] == "onehot"
    d = import_csv(iris, roles, encodings)
    assert d.task == "multiclass" and d.x.shape == (60, 2)
    assert d.class_names == ["setosa", "versicolor", "virginica"]
    assert d.y.sum(axis=0).tolist() == [20, 20, 20]

    house = read_csv(DATA / "housing_toy.csv")
    roles, encodings = suggest_roles(house)
    assert roles["price_k"] == "target" and encodings["price_k"] == "numeric"
    encodings["condition"] = "thermometer"
    d = import_csv(house, roles, encodings,
                   levels={"condition": ["poor", "fair", "good", "excellent"]})
    assert d.task == "regression" and d.n == 50
    assert "district=north" in d.feature_names and "condition>=good" in d.feature_names


_token = st.sampled_from(["1", "2.5", "-3", "1e3", "x", "y", ""])
cells = st.one_of(_token, _token, _token, st.text(st.characters(blacklist_categories=("Cs",))))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from(ROLES),
    st.sampled_from(FEATURE_ENCODINGS),
    st.sampled_from(FEATURE_ENCODINGS + TARGET_ENCODINGS),
    st.sampled_from(TARGET_ENCODINGS),
)
def test_random_tables_and_choices_only_raise_csv_errors(rows, role_b, enc_a, enc_b, enc_c) -> None:
    header = ["a", "b", "c"]
    table = CsvTable(header, rows)
    roles = {"a": "feature", "b": role_b, "c": "target"}
    try:
        d = import_csv(table, roles, {"a": enc_a, "b": enc_b, "c": enc_c},
                       levels={c: ["x", "y"] for c in header}, train_ratio=0.5)
    except CsvError as exc:
        assert exc.errors and all(len(e) == 3 for e in exc.errors)
    else:
        assert np.isfinite(d.x).all() and np.isfinite(d.y).all()
        assert d.x.shape[0] == len(rows) >= 2
