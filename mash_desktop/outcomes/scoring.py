"""Turn item answers into a score, or refuse with a message that names the item."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Real
from typing import Any

from .instruments import Instrument, get_instrument

# Values are compared at this precision so 10 m / 12.5 s is exactly the 0.8 m/s edge.
_EDGE_PLACES = 9


@dataclass(frozen=True)
class Score:
    total: float
    subscales: dict[str, float] = field(default_factory=dict)
    band: str | None = None
    flags: list[str] = field(default_factory=list)
    instrument: str = ""
    version: str = ""


def _number(value: Any, what: str) -> float:
    """A finite real number (bools, strings, NaN and infinities are refused)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{what}: {value!r} is not a number")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{what}: {value!r} is not a finite number")
    return x


def _ordinal(value: Any, what: str, lo: int, hi: int, integer: bool = True) -> float:
    x = _number(value, what)
    if integer and not x.is_integer():
        raise ValueError(f"{what}: {value!r} is not a whole number ({lo}–{hi})")
    if not lo <= x <= hi:
        raise ValueError(f"{what}: {value!r} is outside {lo}–{hi}")
    return x


def _edge(x: float) -> Decimal:
    return Decimal(repr(round(x, _EDGE_PLACES)))


def band_for(inst: Instrument, total: float) -> str | None:
    """First band whose bound the value satisfies ('below' is <, 'at_most' is <=)."""
    v = _edge(total)
    for band in inst.bands:
        if "below" in band and v < _edge(band["below"]):
            return band["label"]
        if "at_most" in band and v <= _edge(band["at_most"]):
            return band["label"]
        if "below" not in band and "at_most" not in band:
            return band["label"]
    return None


def _item_list(inst: Instrument, answers: Any) -> list[float | None]:
    if isinstance(answers, (str, bytes, dict)) or not hasattr(answers, "__len__"):
        raise ValueError(f"{inst.key}: answers must be a list of {inst.item_count} item values")
    answers = list(answers)
    if len(answers) != inst.item_count:
        raise ValueError(f"{inst.key}: expected {inst.item_count} items, got {len(answers)}")
    lo, hi = inst.item_range or (0, 0)
    out: list[float | None] = []
    for i, value in enumerate(answers, start=1):
        what = f"{inst.key} item {i} ({inst.items[i - 1]})"
        if value is None:
            if i in inst.never_skip:
                raise ValueError(f"{what}: must be answered")
            out.append(None)
        else:
            out.append(_ordinal(value, what, lo, hi, inst.integer))
    skipped = sum(v is None for v in out)
    if skipped > inst.max_skipped:
        missing = ", ".join(str(i) for i, v in enumerate(out, 1) if v is None)
        raise ValueError(f"{inst.key}: too many skipped items ({skipped}: items {missing}); "
                         f"at most {inst.max_skipped} may be skipped")
    return out


def _prorated_sum(values: list[float | None]) -> float:
    answered = [v for v in values if v is not None]
    if len(answered) == len(values):
        return float(sum(answered))
    if not answered:
        raise ValueError("no items answered")
    return sum(answered) / len(answered) * len(values)


def _score_sum(inst: Instrument, answers: Any) -> tuple[float, dict[str, float], list[str]]:
    items = _item_list(inst, answers)
    total = _prorated_sum(items)
    subscales = {name: _prorated_sum([items[i - 1] for i in idx])
                 for name, idx in inst.subscales.items()}
    flags = [f["text"] for f in inst.item_flags
             if items[f["item"] - 1] is not None and items[f["item"] - 1] > f["above"]]
    flags += [f["text"] for f in inst.subscale_flags if subscales[f["subscale"]] > f["above"]]
    return total, subscales, flags


def _score_percent(inst: Instrument, answers: Any) -> float:
    """ODI: raw / (5 x sections answered) x 100; a skipped section lowers the denominator."""
    items = _item_list(inst, answers)
    answered = [v for v in items if v is not None]
    top = (inst.item_range or (0, 5))[1]
    return sum(answered) / (top * len(answered)) * 100.0


def _score_mean(inst: Instrument, answers: Any) -> float:
    """PSFS: mean of the rated activities (1 to 5)."""
    if isinstance(answers, (str, bytes, dict)) or not hasattr(answers, "__len__"):
        raise ValueError(f"{inst.key}: answers must be a list of 1–{inst.max_items} ratings")
    answers = list(answers)
    if not inst.min_items <= len(answers) <= inst.max_items:
        raise ValueError(f"{inst.key}: expected {inst.min_items}–{inst.max_items} activities, "
                         f"got {len(answers)}")
    lo, hi = inst.item_range or (0, 10)
    rated = [_ordinal(v, f"{inst.key} activity {i}", lo, hi, inst.integer)
             for i, v in enumerate(answers, start=1) if v is not None]
    if not rated:
        raise ValueError(f"{inst.key}: at least one activity must be rated")
    return sum(rated) / len(rated)


def _score_rating(inst: Instrument, answers: Any) -> float:
    lo, hi = inst.item_range or (0, 10)
    if isinstance(answers, (list, tuple)) and len(answers) == 1:
        answers = answers[0]
    return _ordinal(answers, f"{inst.key} rating", lo, hi, inst.integer)


def _score_performance(inst: Instrument, answers: Any) -> tuple[float, dict[str, Any]]:
    if not isinstance(answers, dict):
        raise ValueError(f"{inst.key}: answers must be a dict with "
                         + ", ".join(inst.fields))
    allowed = set(inst.fields) | set(inst.options)
    extra = sorted(set(map(str, answers)) - allowed)
    if extra:
        raise ValueError(f"{inst.key}: unknown field(s) {', '.join(extra)}")
    values: dict[str, Any] = {}
    for name, spec in inst.fields.items():
        what = f"{inst.key} {name}"
        if name not in answers or answers[name] is None:
            if "default" in spec:
                values[name] = float(spec["default"])
                continue
            raise ValueError(f"{what}: missing")
        x = _number(answers[name], what)
        if spec.get("integer") and not x.is_integer():
            raise ValueError(f"{what}: {answers[name]!r} is not a whole number")
        if spec.get("strict_min") and x <= spec["min"]:
            raise ValueError(f"{what}: {answers[name]!r} must be greater than {spec['min']}")
        if x < spec["min"] or x > spec["max"]:
            raise ValueError(f"{what}: {answers[name]!r} is outside {spec['min']}–{spec['max']}")
        values[name] = x
    for name, choices in inst.options.items():
        if name in answers and answers[name] is not None and answers[name] not in choices:
            raise ValueError(f"{inst.key} {name}: {answers[name]!r} is not one of "
                             + ", ".join(choices))
    if inst.key in ("gait_speed", "gait_speed_fast"):
        return values["distance_m"] / values["time_s"], values
    (only,) = inst.fields
    return values[only], values


def score(instrument: str, answers: Any) -> Score:
    """Score one administration of an instrument from its raw answers.

    Questionnaires take a list of item values (None = skipped), ``nprs``/``groc`` a number,
    performance tests a dict (e.g. gait speed ``{"distance_m": 10, "time_s": 8.5}``).
    Anything out of range raises ValueError naming the item; nothing is silently scored.
    """
    inst = get_instrument(instrument)
    subscales: dict[str, float] = {}
    flags: list[str] = []
    if inst.kind == "sum":
        total, subscales, flags = _score_sum(inst, answers)
    elif inst.kind == "percent":
        total = _score_percent(inst, answers)
    elif inst.kind == "mean":
        total = _score_mean(inst, answers)
    elif inst.kind == "rating":
        total = _score_rating(inst, answers)
    elif inst.kind == "performance":
        total, _values = _score_performance(inst, answers)
    else:  # pragma: no cover - guarded by the data test
        raise ValueError(f"{instrument}: unknown kind {inst.kind}")
    for f in inst.flags:
        if "at_least" in f and _edge(total) >= _edge(f["at_least"]):
            flags.append(f["text"])
    return Score(total=float(total), subscales=subscales, band=band_for(inst, total),
                 flags=flags, instrument=inst.key, version=inst.version)
