"""The one number formatter: decimals (the CLI's --digits) and significant digits."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnviz.cli_format import number
from nnviz.core.numfmt import number as core_number
from nnviz.core.stepper import Notation, fmt, parse


@pytest.mark.parametrize("value, text", [
    (0.0001234, "0.000123"), (1234.5, "1230"), (0.5, "0.500"), (-0.5, "−0.500"),
    (0.0, "0.00"), (9.996, "10.0"), (0.0009996, "0.00100"), (123.0, "123"),
    (3e-7, "3.00e−07"), (2.5e12, "2.50e+12"), (-0.0000001, "−1.00e−07"),
    (1.77, "1.77"), (-0.0004, "−0.000400"),
])
def test_three_significant_digits(value, text):
    assert fmt(value, 3, significant=True) == text
    assert Notation(digits=3, significant=True).num(value) == text


def test_decimals_are_unchanged_and_the_cli_keeps_ascii():
    assert fmt(0.0001234, 3) == "1.23e−04"  # tiny: scientific, never 0.000
    assert fmt(-0.0001, 2) == "−1.00e−04" and fmt(-0.0004, 3) == "−4.00e−04"
    assert fmt(-0.00001, 4) == "−1.00e−05" and fmt(-0.00004, 3) == "−4.00e−05"
    assert fmt(-0.0, 3) == "0.000" and number(-0.0002, 3) == "-2.00e-04"
    assert number(1234.5, 3) == "1234.500" and number(1234.5, 3, True) == "1230"
    assert number(-math.inf, 3) == "-inf" and fmt(-math.inf, 3) == "−∞"
    assert number(None, 3) == fmt(None, 3) == "—"


@given(st.floats(-1e12, 1e12, allow_nan=False), st.integers(1, 8))
def test_significant_digits_round_trip_within_their_precision(value, digits):
    text = core_number(value, digits, significant=True)
    back = parse(text)
    assert back == pytest.approx(value, rel=0.5 * 10.0 ** (1 - digits) + 1e-12, abs=1e-300)
    mantissa = text.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    if value != 0 and ("e" in text or abs(value) < 10 ** (digits - 1)):
        assert len(mantissa) == digits, text  # exactly `digits` digits, zeros kept


def test_notation_round_trips_and_old_files_mean_decimals():
    nt = Notation(digits=4, significant=True, act="o", pre="net")
    assert Notation.from_view(nt.to_view()) == nt
    assert Notation.from_view({"backward.digits": 2}) == Notation(digits=2)
    assert not Notation.from_view({"backward.significant": "yes"}).significant
    assert Notation(3, significant=True).precision == "3 significant digits"
    assert Notation(2).precision == "2 decimals"


def test_a_loss_reads_the_same_everywhere_with_three_significant_digits():
    from nnviz.core.numfmt import loss

    assert loss(0.69314718) == "0.693"
    assert loss(0.027771) == "0.0278"
    assert loss(2.777e-05) == "2.78e−05"  # never 0.0000 (a true minus, for projection)
    assert loss(12.5) == "12.5"
    assert loss(None) == loss(float("nan")) == "—"


def test_an_accuracy_never_rounds_a_miss_up_to_a_hundred_percent():
    from nnviz.core.numfmt import percent

    assert percent(1.0) == "100\u00a0%"
    assert percent(0.9996) == "99.9\u00a0%"
    assert percent(0.96) == "96\u00a0%"
    assert percent(0.5) == "50\u00a0%"
    assert percent(float("nan")) == "—"
