"""Change between two scores, judged against the instrument's minimal important change.

Direction matters: for lower-is-better instruments (QBPDS, ODI, NPRS, TUG…) an
improvement is a fall, for higher-is-better ones (gait speed, 6MWT, PSFS…) a rise.
"meaningful" is only ever claimed for an improvement that reaches the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from .instruments import Instrument, Threshold, get_instrument
from .scoring import Score
from .values import TOLERANCE, number

_NPRS = frozenset({"nprs", "nprs_back", "nprs_hip"})


@dataclass(frozen=True)
class Change:
    """after − before, relative change, and the verdict with the threshold that made it."""

    delta: float
    percent: float | None
    improved: bool
    meaningful: bool
    threshold: Threshold


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


def _pick_threshold(inst: Instrument, threshold: Threshold | str | None) -> Threshold:
    """The default MIC, a named alternative ("mic_percent", "substantial"…), or a given one."""
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


def change(instrument: str, before: float | Score, after: float | Score, *,
           threshold: Threshold | str | None = None) -> Change:
    """Compare two administrations (numbers or Scores) of one instrument.

    ``delta`` is after − before; ``percent`` is delta relative to before (None when
    before is 0); ``improved`` is a move in the better direction (never for delta 0);
    ``meaningful`` is an improvement of at least the threshold: in points/units, or in
    percent of baseline when the threshold's unit is "percent". Float noise is tolerated
    so 1.15 → 1.20 m/s reaches 0.05 m/s. ``threshold`` defaults to the instrument's MIC.
    """
    inst = get_instrument(instrument)
    b = _value(before, "before", inst)
    a = _value(after, "after", inst)
    used = _pick_threshold(inst, threshold)
    delta = a - b
    gain = -delta if inst.lower_is_better else delta
    improved = gain > TOLERANCE
    percent = None if b == 0 else delta / abs(b) * 100.0
    meaningful = False
    if improved and used.value is not None:
        if used.unit == "percent":
            meaningful = b != 0 and gain / abs(b) * 100.0 >= used.value - TOLERANCE
        else:
            meaningful = gain >= used.value - TOLERANCE
    return Change(delta=delta, percent=percent, improved=improved, meaningful=bool(meaningful),
                  threshold=used)
