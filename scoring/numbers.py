"""Numbers as they go into JSON and onto the page: one spelling in CPython, Pyodide and JavaScript."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any


def shown(value: int | float | Fraction, digits: int = 2) -> int | float:
    """``value`` rounded half up to ``digits`` places; whole numbers as int (JavaScript writes
    2.0 as 2, so both sides spell a figure alike), never ``-0.0``."""
    if isinstance(value, int):
        return value
    scale: int = 10**digits
    # A Fraction is rounded exactly: a score of 2/3 points never drifts before it is shown.
    half = Fraction(1, 2) if isinstance(value, Fraction) else 0.5
    steps: int = math.floor(value * scale + half)
    if steps % scale == 0:
        return steps // scale
    return steps / scale


def shown_ratio(numerator: int, denominator: int, digits: int = 2) -> int | float:
    """``shown(Fraction(numerator, denominator), digits)`` for a positive denominator, in integers
    only: re-scoring a class adds up whole points and needs no Fraction for the percentage."""
    scale: int = 10**digits
    # floor(n / d * scale + 1/2) without leaving the integers.
    steps = (2 * numerator * scale + denominator) // (2 * denominator)
    if steps % scale == 0:
        return steps // scale
    return steps / scale


def plain(value: Any) -> Any:
    """Whole floats as ints, recursively, so data written by JavaScript and by Python hash the same."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
