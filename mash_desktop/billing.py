"""Billable units from treatment minutes (CMS 8-minute rule and the AMA midpoint rule).

Stable public API, used by the session note and by external checks:

    total_units(minutes) -> int
    medicare_units(minutes_by_code) -> dict[str, int]
    per_code_units(minutes_by_code) -> dict[str, int]
    units_for(rule, minutes_by_code), is_timed(code), known_codes()

Rules and worked examples: Medicare Claims Processing Manual (Pub. 100-04) ch. 5 §20.2,
summarised with five CMS examples in shared/domain/instruments_billing.md §10.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .config import resource_path

UNIT_MINUTES = 15
# "Medicare": the CMS total-time 8-minute rule; "per_code": the AMA/CPT midpoint rule.
RULES = {"medicare": "CMS 8-minute rule (total timed minutes)",
         "per_code": "AMA/CPT midpoint rule (each code separately)"}


@dataclass(frozen=True)
class CptCode:
    code: str
    description: str
    timed: bool
    source: str


@cache
def _catalog() -> dict[str, CptCode]:
    data = json.loads(resource_path("billing", "cpt_codes.json").read_text(encoding="utf-8"))
    return {c["code"]: CptCode(c["code"], c["description"], c["timed"], c["source"])
            for c in data["codes"]}


def known_codes() -> list[CptCode]:
    return list(_catalog().values())


def _code(code: Any) -> CptCode:
    if not isinstance(code, str) or code not in _catalog():
        raise ValueError(f"unknown CPT code {code!r}: not in the billing catalog")
    return _catalog()[code]


def is_timed(code: str) -> bool:
    return _code(code).timed


def _minutes(value: Any, code: str) -> int:
    """Whole, non-negative minutes (ints only: 7.5 minutes or True are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{code}: minutes must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{code}: minutes cannot be negative ({value})")
    return value


def total_units(minutes: int) -> int:
    """Units for the day's total timed minutes: <8 -> 0, 8-22 -> 1, 23-37 -> 2, ...

    CMS table: a unit for every 15 minutes, plus one more once 8 minutes remain
    ("the pattern remains the same for treatment times in excess of 2 hours").
    """
    m = _minutes(minutes, "total")
    return 0 if m < 8 else (m + 7) // UNIT_MINUTES


def _split(minutes_by_code: Mapping[str, int]) -> tuple[dict[str, int], list[str]]:
    if not isinstance(minutes_by_code, Mapping):
        raise ValueError("minutes_by_code must map CPT codes to minutes")
    timed: dict[str, int] = {}
    untimed: list[str] = []
    for code, minutes in minutes_by_code.items():
        info = _code(code)
        m = _minutes(minutes, code)
        if info.timed:
            timed[code] = m
        else:
            untimed.append(code)
    return timed, untimed


def medicare_units(minutes_by_code: Mapping[str, int]) -> dict[str, int]:
    """CMS total-time method, code by code.

    1. The total of all timed minutes gives the day's units (:func:`total_units`).
    2. Each timed code first gets one unit per full 15 minutes it was performed.
    3. Remaining units go, one each, to the codes with the most remaining minutes.
       Ties (CMS: "the clinician chooses") are broken deterministically: more total
       minutes first, then the lower code.
    Untimed codes (evaluations 97161-97164...) get 1 unit each and their minutes are not
    counted. Every input code appears in the result.
    """
    timed, untimed = _split(minutes_by_code)
    result = {code: 1 for code in untimed}
    units = total_units(sum(timed.values()))
    full = {code: m // UNIT_MINUTES for code, m in timed.items()}
    # total_units(sum) >= sum of full units always (each full 15 min is a whole unit).
    left = units - sum(full.values())
    order = sorted(timed, key=lambda c: (-(timed[c] % UNIT_MINUTES), -timed[c], c))
    for code in order:
        if left <= 0:
            break
        if timed[code] % UNIT_MINUTES:
            full[code] += 1
            left -= 1
    result.update(full)
    return {code: result[code] for code in minutes_by_code}


def per_code_units(minutes_by_code: Mapping[str, int]) -> dict[str, int]:
    """AMA/CPT midpoint rule per code: a unit per 15 minutes, plus one at >= 8 left over."""
    timed, untimed = _split(minutes_by_code)
    result = {code: 1 for code in untimed}
    result.update({code: (m + 7) // UNIT_MINUTES for code, m in timed.items()})
    return {code: result[code] for code in minutes_by_code}


def units_for(rule: str, minutes_by_code: Mapping[str, int]) -> dict[str, int]:
    """Units under a payer's rule ("medicare" or "per_code")."""
    if rule == "medicare":
        return medicare_units(minutes_by_code)
    if rule == "per_code":
        return per_code_units(minutes_by_code)
    raise ValueError(f"unknown billing rule {rule!r}: use one of {', '.join(RULES)}")
