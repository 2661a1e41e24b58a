"""Turn raw answers into a score, or refuse with a message that names the item.

The same code scores live in the entry form, on save, and when stored scores are
re-checked, so a rule lives here exactly once. Totals are stored exact (no rounding);
rounding is display only (see ``rounding.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .instruments import Instrument, get_instrument
from .values import edge, number, ordinal


@dataclass(frozen=True)
class Score:
    """One scored administration.

    ``total`` is points, percent (ODI), m/s (gait speed), m, s or a count, as the
    instrument's unit says. ``instrument`` and ``version`` let a stored score be
    recomputed and compared with the definition it was made with.
    """

    total: float
    subscales: dict[str, float] = field(default_factory=dict)
    band: str | None = None
    flags: list[str] = field(default_factory=list)
    instrument: str = ""
    version: str = ""


def band_for(inst: Instrument, total: float) -> str | None:
    """The first band whose bound the value meets ('below' is <, 'at_most' is <=)."""
    v = edge(total)
    for band in inst.bands:
        if "below" in band:
            if v < edge(band["below"]):
                return str(band["label"])
        elif "at_most" in band:
            if v <= edge(band["at_most"]):
                return str(band["label"])
        else:
            return str(band["label"])
    return None


def _as_list(inst: Instrument, answers: Any, expected: str) -> list[Any]:
    """An ordered collection of answers; a string, dict, set or bare number is not one."""
    ordered = isinstance(answers, Sequence) or (
        hasattr(answers, "__len__") and hasattr(answers, "__getitem__"))  # e.g. numpy arrays
    if not ordered or isinstance(answers, (str, bytes, bytearray, dict)):
        raise ValueError(f"{inst.key}: answers must be a list of {expected}, "
                         f"not {type(answers).__name__}")
    return list(answers)


def _item_values(inst: Instrument, answers: Any) -> list[float | None]:
    """Checked item answers (None = skipped), enforcing count, range and skip rule."""
    values = _as_list(inst, answers, f"{inst.item_count} item values")
    if len(values) != inst.item_count:
        raise ValueError(f"{inst.key}: expected {inst.item_count} items, got {len(values)}")
    lo, hi = inst.item_range or (0, 0)
    out: list[float | None] = []
    for i, value in enumerate(values, start=1):
        topic = inst.items[i - 1]
        topic = "" if topic == f"item {i}" else topic
        what = f"{inst.key} item {i}"
        if value is None:
            if i in inst.never_skip or inst.max_skipped == 0:
                about = f" ({topic})" if topic else ""
                raise ValueError(f"{what}: skipped, but every {inst.key} item must be "
                                 f"answered{about}")
            out.append(None)
        else:
            out.append(ordinal(value, what, lo, hi, inst.integer, topic))
    skipped = [i for i, v in enumerate(out, start=1) if v is None]
    if len(skipped) > inst.max_skipped:
        raise ValueError(f"{inst.key}: too many skipped items ({len(skipped)}: items "
                         f"{', '.join(map(str, skipped))}); at most {inst.max_skipped} "
                         f"may be skipped")
    return out


def _prorated_sum(values: list[float | None], what: str) -> float:
    """Sum of the items; with skips, sum x items / answered (= mean of answered x items)."""
    answered = [v for v in values if v is not None]
    if not answered:
        raise ValueError(f"{what}: no items answered")
    return sum(answered) * len(values) / len(answered)


def _score_sum(inst: Instrument, answers: Any) -> tuple[float, dict[str, float], list[str]]:
    items = _item_values(inst, answers)
    total = _prorated_sum(items, inst.key)
    subscales = {name: _prorated_sum([items[i - 1] for i in idx], f"{inst.key} {name}")
                 for name, idx in inst.subscales.items()}
    flags = [str(f["text"]) for f in inst.item_flags
             if (v := items[f["item"] - 1]) is not None and v > f["above"]]
    flags += [str(f["text"]) for f in inst.subscale_flags
              if edge(subscales[f["subscale"]]) > edge(f["above"])]
    return total, subscales, flags


def _score_percent(inst: Instrument, answers: Any) -> float:
    """ODI: raw / (5 x sections answered) x 100; a skipped section lowers the denominator.

    Computed as raw x 100 / (5 x answered) so exact results (36, 28…) stay exact floats.
    """
    answered = [v for v in _item_values(inst, answers) if v is not None]
    top = (inst.item_range or (0, 5))[1]
    return sum(answered) * 100.0 / (top * len(answered))


def _score_mean(inst: Instrument, answers: Any) -> float:
    """PSFS: the mean of 1 to 5 activity ratings; every listed activity must be rated."""
    values = _as_list(inst, answers, f"{inst.min_items}–{inst.max_items} activity ratings")
    if not inst.min_items <= len(values) <= inst.max_items:
        raise ValueError(f"{inst.key}: expected {inst.min_items}–{inst.max_items} activities, "
                         f"got {len(values)}")
    lo, hi = inst.item_range or (0, 10)
    rated = []
    for i, v in enumerate(values, start=1):
        if v is None:
            raise ValueError(f"{inst.key} activity {i}: None is not allowed; list only the "
                             f"activities the patient rated")
        rated.append(ordinal(v, f"{inst.key} activity {i}", lo, hi, inst.integer))
    return sum(rated) / len(rated)


def _score_rating(inst: Instrument, answers: Any) -> float:
    """NPRS / GROC: one number (not a list: a list here is almost surely the wrong call)."""
    lo, hi = inst.item_range or (0, 10)
    return ordinal(answers, f"{inst.key} rating", lo, hi, inst.integer)


def _field(inst: Instrument, name: str, raw: Any) -> float:
    spec, what = inst.fields[name], f"{inst.key} {name}"
    x = number(raw, what)
    if spec.get("integer") and not x.is_integer():
        raise ValueError(f"{what}: {raw!r} is not a whole number")
    if spec.get("strict_min") and x <= spec["min"]:
        raise ValueError(f"{what}: {raw!r} must be greater than {spec['min']:g}")
    if not spec["min"] <= x <= spec["max"]:
        raise ValueError(f"{what}: {raw!r} is outside {spec['min']:g}–{spec['max']:g}")
    return x


def _score_performance(inst: Instrument, answers: Any) -> float:
    """Timed or counted tests from a dict of named fields; missing or extra keys are named."""
    if not isinstance(answers, dict):
        raise ValueError(f"{inst.key}: answers must be a dict with "
                         f"{', '.join(inst.fields)}, not {type(answers).__name__}")
    extra = sorted(str(k) for k in answers if k not in inst.fields and k not in inst.options)
    if extra:
        raise ValueError(f"{inst.key}: unknown field(s) {', '.join(extra)}; expected "
                         f"{', '.join([*inst.fields, *inst.options])}")
    missing = [name for name in inst.fields if answers.get(name) is None]
    if missing:
        raise ValueError(f"{inst.key} {missing[0]}: missing (required: "
                         f"{', '.join(inst.fields)})")
    values = {name: _field(inst, name, answers[name]) for name in inst.fields}
    for name, choices in inst.options.items():
        chosen = answers.get(name)
        if chosen is not None and chosen not in choices:
            raise ValueError(f"{inst.key} {name}: {chosen!r} is not one of {', '.join(choices)}")
    expected_pace = inst.raw.get("default_pace")
    if inst.key == "gait_speed_fast" and answers.get("pace") not in (None, expected_pace):
        raise ValueError(f"{inst.key} pace: {answers['pace']!r} contradicts this fast-pace "
                         f"series; score usual pace as gait_speed")
    formula = inst.raw.get("formula", "")
    if formula == "distance_m / time_s":
        return values["distance_m"] / values["time_s"]
    if formula in values:
        return values[formula]
    raise ValueError(f"{inst.key}: unsupported formula {formula!r}")  # pragma: no cover


def score(instrument: str, answers: Any) -> Score:
    """Score one administration of an instrument from its raw answers.

    Questionnaires take a list of item values (None = skipped, where the instrument's skip
    rule allows it); ``nprs``/``nprs_back``/``nprs_hip``/``groc`` a number; ``psfs`` a list
    of 1–5 ratings; performance tests a dict (gait speed ``{"distance_m": 10, "time_s":
    8.5}``, optional ``"pace": "usual"|"fast"``). Anything out of range, of the wrong type,
    or with too many skips raises ValueError naming the item or field: never a silent score.
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
        total = _score_performance(inst, answers)
    else:  # pragma: no cover - the data test pins every kind
        raise ValueError(f"{inst.key}: unknown scoring kind {inst.kind!r}")
    flags += [str(f["text"]) for f in inst.flags if edge(total) >= edge(f["at_least"])]
    return Score(total=float(total), subscales={k: float(v) for k, v in subscales.items()},
                 band=band_for(inst, total), flags=flags, instrument=inst.key,
                 version=inst.version)
