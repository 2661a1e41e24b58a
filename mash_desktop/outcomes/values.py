"""Input checks shared by scoring and change: a bad value is refused, never coerced.

A clinician's typo (a 6 on a 0–5 item, "3" typed as text, a stray True from a checkbox)
must not turn into a plausible-looking score, so each check names what it rejected.
"""

from __future__ import annotations

import math
from decimal import Decimal
from numbers import Real
from typing import Any

# Band edges and thresholds are compared at this precision, so 10 m / 12.5 s is exactly
# the 0.8 m/s edge and float noise (1.20 - 1.15 = 0.04999…) cannot move a result.
EDGE_PLACES = 9
TOLERANCE = 1e-9


def number(value: Any, what: str) -> float:
    """A finite real number; bools, strings, None, NaN and infinities are refused."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{what}: {value!r} is not a number")
    try:
        x = float(value)
    except (OverflowError, ValueError):
        raise ValueError(f"{what}: {value!r} is not a finite number") from None
    if not math.isfinite(x):
        raise ValueError(f"{what}: {value!r} is not a finite number")
    return x


def ordinal(value: Any, what: str, lo: float, hi: float, integer: bool = True,
            topic: str = "") -> float:
    """An item answer: a number in lo..hi, and a whole number when the item is ordinal.

    Messages start "qbpds item 7: 6 is outside 0–5"; the item's topic, if any, goes last.
    """
    about = f" ({topic})" if topic else ""
    x = number(value, what)
    if integer and not x.is_integer():
        raise ValueError(f"{what}: {value!r} is not a whole number ({lo:g}–{hi:g}){about}")
    if not lo <= x <= hi:
        raise ValueError(f"{what}: {value!r} is outside {lo:g}–{hi:g}{about}")
    return x


def edge(x: float) -> Decimal:
    """A value as compared against band edges (rounded to 9 places, exact decimal)."""
    return Decimal(repr(round(x, EDGE_PLACES)))
