"""Change between two scores, judged against the instrument's best change threshold.

Direction matters: for lower-is-better instruments (QBPDS, ODI, NPRS, TUG…) an
improvement is a fall, for higher-is-better ones (gait speed, 6MWT, PSFS…) a rise.
"meaningful" is claimed for an improvement that reaches the threshold and
"meaningful_worsening" for a decline that reaches it, so a fall in gait speed of six
times the threshold is flagged, never printed as a plain "No".

Change is computed from the values as people read them (rounded half-up to the
instrument's display precision), so a printed change always equals printed after −
printed before: 1.61 → 1.83 m/s is +0.22, never +0.23 from unrounded speeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

from .instruments import Instrument, Threshold, get_instrument
from .scoring import Score
from .values import TOLERANCE, number

_NPRS = frozenset({"nprs", "nprs_back", "nprs_hip"})
_CONTEXT = Context(prec=60)


@dataclass(frozen=True)
class Change:
    """after − before, relative change, and the verdicts with the threshold that made them.

    ``before`` and ``after`` are the values as displayed (the ones the change is computed
    from); ``worsened`` and ``meaningful_worsening`` mirror ``improved`` and
    ``meaningful`` in the bad direction.
    """

    delta: float
    percent: float | None
    improved: bool
    meaningful: bool
    threshold: Threshold
    worsened: bool = False
    meaningful_worsening: bool = False
    before: float | None = field(default=None, compare=False)
    after: float | None = field(default=None, compare=False)


def _value(x: float | Score, what: str, inst: Instrument) -> float:
    """A plain number or a Score of this instrument, inside the instrument's range."""
    if isinstance(x, Score):
        same = not x.instrument or x.instrument == inst.key or {x.instrument, inst.key} <= _NPRS
        if not same:
            raise ValueError(f"{inst.key} {what}: a {x.instrument} score cannot be compared "
                             f"as {inst.key}")
        value = number(x.total, f"{inst.key} {what}")
    else:
        value = number(x, f"{inst.key} {what}")
    lo, hi = inst.minimum, inst.maximum
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        span = f"{lo:g}–{hi:g}" if hi is not None else f"at least {lo:g}"
        raise ValueError(f"{inst.key} {what}: {value:g} is outside {span}")
    return value


def _shown(x: float, places: int) -> Decimal:
    """The value as displayed: half-up at the display precision (see rounding.py)."""
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP,
                                     context=_CONTEXT)


def _pick_threshold(inst: Instrument, threshold: Threshold | str | None) -> Threshold:
    """The default (best) threshold, a named alternative ("mic_percent"…), or a given one."""
    if threshold is None:
        return inst.mic
    if isinstance(threshold, Threshold):
        return threshold
    if threshold == "mic":
        return inst.mic
    if isinstance(threshold, str) and threshold in inst.thresholds:
        return inst.thresholds[threshold]
    names = ", ".join(["mic", *inst.thresholds])
    raise ValueError(f"{inst.key}: unknown threshold {threshold!r}; known: {names}")


def _reaches(amount: float, base: float, used: Threshold) -> bool:
    """Does a move of ``amount`` (in the direction being judged) reach the threshold?"""
    if used.value is None or amount <= TOLERANCE:
        return False
    if used.unit == "percent":
        return base != 0 and amount / abs(base) * 100.0 >= used.value - TOLERANCE
    return amount >= used.value - TOLERANCE


def change(instrument: str, before: float | Score, after: float | Score, *,
           threshold: Threshold | str | None = None) -> Change:
    """Compare two administrations (numbers or Scores) of one instrument.

    ``delta`` is after − before at display precision; ``percent`` is delta relative to
    before (None when before is 0); ``improved``/``worsened`` are moves in the better/
    worse direction (never for delta 0); ``meaningful``/``meaningful_worsening`` are moves
    of at least the threshold: in points/units, or in percent of baseline when the
    threshold's unit is "percent". ``threshold`` defaults to the instrument's best one.
    """
    inst = get_instrument(instrument)
    places = inst.display_places
    b_shown = _shown(_value(before, "before", inst), places)
    a_shown = _shown(_value(after, "after", inst), places)
    used = _pick_threshold(inst, threshold)
    b, a = float(b_shown), float(a_shown)
    delta = float(a_shown - b_shown)
    gain = -delta if inst.lower_is_better else delta
    improved = gain > TOLERANCE
    worsened = gain < -TOLERANCE
    percent = None if b == 0 else delta / abs(b) * 100.0
    return Change(delta=delta, percent=percent, improved=improved,
                  meaningful=improved and _reaches(gain, b, used), threshold=used,
                  worsened=worsened, meaningful_worsening=worsened and _reaches(-gain, b, used),
                  before=b, after=a)
