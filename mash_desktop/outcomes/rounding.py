"""Display rounding. Scores are stored exact; only what people read is rounded.

Half-up on the shortest decimal repr of the float, so values people see as ".x5" round
up as they expect (2.25 -> "2.3", 0.05 -> "0.1", 16/45 x 100 = 35.555… -> "35.6"), not
the banker's or binary-artefact rounding of ``round()`` / ``format()``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

from .instruments import get_instrument
from .values import number

_CONTEXT = Context(prec=60)  # wide enough to quantize any finite float


def format_value(x: float | None, places: int = 1) -> str:
    """``x`` with ``places`` decimals, half-up; None shows as an em dash (not assessed)."""
    if x is None:
        return "—"
    value = Decimal(repr(number(x, "format_value")))
    shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP,
                           context=_CONTEXT)
    if shown.is_zero():
        shown = abs(shown)  # -0.04 shows as "0.0", not "-0.0"
    return f"{shown:f}"


def format_score(instrument: str, x: float | None) -> str:
    """A score as screens and reports show it, at the instrument's ``display_places``: gait
    speed to 0.01 m/s, whole-number scores (pain ratings, counts, sums that are never
    prorated) as whole numbers, the rest to 0.1."""
    return format_value(x, get_instrument(instrument).display_places)
