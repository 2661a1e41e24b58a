"""Change between two scores, judged against the instrument's minimal important change."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .instruments import Threshold, get_instrument
from .scoring import Score, _number

# Float noise (1.20 - 1.15 = 0.04999...) must not hide a change that reaches the threshold.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Change:
    delta: float
    percent: float | None
    improved: bool
    meaningful: bool
    threshold: Threshold


def _value(x: float | Score, what: str, instrument: str) -> float:
    if isinstance(x, Score):
        if x.instrument and x.instrument != instrument and not (
                {x.instrument, instrument} <= {"nprs", "nprs_back", "nprs_hip"}):
            raise ValueError(f"{what}: a {x.instrument} score cannot be compared as {instrument}")
        return x.total
    return _number(x, f"{instrument} {what}")


def change(instrument: str, before: float | Score, after: float | Score) -> Change:
    """after − before, whether it is an improvement, and whether it is a meaningful one."""
    inst = get_instrument(instrument)
    b = _value(before, "before", instrument)
    a = _value(after, "after", instrument)
    for what, x in (("before", b), ("after", a)):
        if inst.minimum is not None and x < inst.minimum or \
                inst.maximum is not None and x > inst.maximum:
            hi = "" if inst.maximum is None else f"–{inst.maximum:g}"
            raise ValueError(f"{instrument} {what}: {x:g} is outside {inst.minimum:g}{hi}")
    delta = a - b
    gain = -delta if inst.lower_is_better else delta
    improved = gain > _TOLERANCE
    percent = None if b == 0 else delta / abs(b) * 100.0
    mic = inst.mic
    meaningful = False
    if improved and mic.value is not None:
        if mic.unit == "percent":
            meaningful = b != 0 and gain / abs(b) * 100.0 >= mic.value - _TOLERANCE
        else:
            meaningful = gain >= mic.value - _TOLERANCE
    return Change(delta=delta, percent=percent, improved=improved, meaningful=meaningful,
                  threshold=mic)


def format_value(x: float | None, places: int = 1) -> str:
    """Display rounding: one decimal, half-up (35.555… -> 35.6, 0.05 -> 0.1, 2.25 -> 2.3)."""
    if x is None:
        return "—"
    q = Decimal(1).scaleb(-places)
    return str(Decimal(repr(float(x))).quantize(q, rounding="ROUND_HALF_UP"))


def format_score(instrument: str, x: float | None) -> str:
    """A score as the screen and reports show it (the instrument's display precision)."""
    return format_value(x, get_instrument(instrument).display_places)
