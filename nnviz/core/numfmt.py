"""One number formatter for every place nnviz writes a value: canvas, formulas, command line.

Two precisions, the two a lecture uses:

- ``digits`` decimals (``significant=False``): 0.435, 1770.123 — ``nnviz trace --digits``.
  A tiny non-zero value goes to scientific notation (3.00e-07), so a vanishing gradient
  never reads as 0.000; -0.000 is 0.000; a diverging value over 1e9 is 1.084e+290.
- ``digits`` significant digits (``significant=True``): 0.0001234 → 0.000123,
  0.5 → 0.500, 1234.5 → 1230 (rounded, written out in full up to 1e9: a student
  reads "1230" more easily than "1.23e+03"), 3e-7 → 3.00e-07 (below 1e-4 the leading
  zeros would outnumber the digits, so scientific, as Python's ``g`` does).

``unicode`` writes a true minus sign (−) and ∞ for projection; the command line keeps ASCII
so its output pastes anywhere.
"""

from __future__ import annotations

import math


def number(value: float | None, digits: int, significant: bool = False,
           unicode: bool = False) -> str:
    """``value`` with ``digits`` decimals or significant digits; None is an em dash."""
    if value is None:
        return "—"
    if not math.isfinite(value):
        if math.isnan(value):
            return "nan"
        inf = "∞" if unicode else "inf"
        return inf if value > 0 else ("−" if unicode else "-") + inf
    text = _significant(value, digits) if significant else _decimals(value, digits)
    return text.replace("-", "−") if unicode else text


def _decimals(value: float, digits: int) -> str:
    if value != 0 and abs(value) < 0.5 * 10.0**-digits:
        return f"{value:.2e}"
    if abs(value) >= 1e9:  # a diverging loss: 300 digits help nobody
        return f"{value:.3e}"
    return _unsigned_zero(f"{value:.{digits}f}")


def _significant(value: float, digits: int) -> str:
    digits = max(1, digits)
    if value == 0:
        return f"{0.0:.{digits - 1}f}"
    # The exponent after rounding (9.996 to 3 digits is 10.0, exponent 1, not 0).
    exponent = int(f"{value:.{digits - 1}e}".split("e")[1])
    if exponent < -4 or exponent >= 9:
        return f"{value:.{digits - 1}e}"
    decimals = digits - 1 - exponent
    if decimals >= 0:
        return _unsigned_zero(f"{value:.{decimals}f}")
    return f"{round(value, decimals):.0f}"  # 1234.5 → 1230: the digits beyond are zeros


def _unsigned_zero(text: str) -> str:
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


LOSS_DIGITS = 3  # significant digits of every loss readout (status bar, panels, plots)


def loss(value: float | None) -> str:
    """A loss as every readout writes it: 0.693, 0.0278, 2.78e-05; undefined is a dash."""
    if value is None or math.isnan(value):
        return "—"
    return number(value, LOSS_DIGITS, significant=True, unicode=True)


def percent(fraction: float | None) -> str:
    """An accuracy (0..1) in percent to a tenth, rounded down: one miss never reads 100 %."""
    if fraction is None or not math.isfinite(fraction):
        return "—"
    tenths = math.floor(fraction * 1000 + 1e-9) / 10
    return f"{tenths:.1f}".removesuffix(".0") + "\u00a0%"  # no-break: "%" never wraps alone
