"""Exercise progression suggestions for copy-forward.

Rule (product decision; the MASH progression criteria could not be read, mash_program.md
§3.2): when the last two attended visits both did an exercise at the same dose, completed
it, and pain was no worse, suggest one step up, in this order: reps (to the entry's
maximum), then sets (reps back to the start), then hold time or minutes, then load (next
band colour, or +kg). Step sizes come from the catalog entry's progression hints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..catalog import band_levels

DOSE_KEYS = ("sets", "reps", "hold_s", "minutes", "load_type", "load_kg", "band", "side")
DEFAULT_HINTS = {"reps_step": 2, "reps_max": 15, "sets_step": 1, "sets_max": 3, "hold_step": 5,
                 "hold_max": 30, "minutes_step": 2, "minutes_max": 20, "kg_step": 0.5,
                 "band_next": True}


@dataclass(frozen=True)
class Suggestion:
    exercise: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str

    @property
    def summary(self) -> str:
        changed = [f"{k} {self.before.get(k) or '—'} → {v}" for k, v in self.after.items()
                   if self.before.get(k) != v]
        return ", ".join(changed)


def dose_of(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row.get(k) for k in DOSE_KEYS)


def tolerated(row: dict[str, Any]) -> bool:
    return row.get("completed", True) is not False and row.get("pain_response") != "worse"


def next_dose(row: dict[str, Any], hints: dict[str, Any] | None = None,
              start_reps: int | None = None) -> dict[str, Any] | None:
    """One progression step from ``row``'s dose, or None at the top of every ladder."""
    h = {**DEFAULT_HINTS, **(hints or {})}
    sets, reps, hold, minutes = row.get("sets"), row.get("reps"), row.get("hold_s"), \
        row.get("minutes")
    if reps is not None and reps < h["reps_max"]:
        return {"reps": min(h["reps_max"], reps + h["reps_step"])}
    if sets is not None and sets < h["sets_max"]:
        step = {"sets": min(h["sets_max"], sets + h["sets_step"])}
        if reps is not None and start_reps:
            step["reps"] = start_reps
        return step
    if hold is not None and hold < h["hold_max"]:
        return {"hold_s": min(h["hold_max"], hold + h["hold_step"])}
    if minutes is not None and minutes < h["minutes_max"]:
        return {"minutes": min(h["minutes_max"], minutes + h["minutes_step"])}
    if row.get("load_type") == "band" and h.get("band_next"):
        levels = band_levels()
        band = row.get("band")
        if band in levels and levels.index(band) + 1 < len(levels):
            return {"band": levels[levels.index(band) + 1], **_restart(row, start_reps)}
    if row.get("load_type") == "kg" and row.get("load_kg") is not None:
        return {"load_kg": round(row["load_kg"] + h["kg_step"], 2), **_restart(row, start_reps)}
    return None


def _restart(row: dict[str, Any], start_reps: int | None) -> dict[str, Any]:
    """With more load, drop back to the entry's starting reps if they had been raised."""
    if start_reps and row.get("reps") and row["reps"] > start_reps:
        return {"reps": start_reps}
    return {}


def suggest(last: list[dict[str, Any]], previous: list[dict[str, Any]],
            hints_for: dict[str, dict[str, Any]],
            start_reps_for: dict[str, int | None]) -> list[Suggestion]:
    """Suggestions for each exercise of the last visit (matched to the visit before it)."""
    out = []
    before_by_key: dict[tuple[str, str], dict[str, Any]] = {
        (r["exercise"], r.get("side") or ""): r for r in previous}
    for row in last:
        key = (row["exercise"], row.get("side") or "")
        prior = before_by_key.get(key)
        if prior is None or dose_of(prior) != dose_of(row):
            continue
        if not (tolerated(row) and tolerated(prior)):
            continue
        step = next_dose(row, hints_for.get(row["exercise"]), start_reps_for.get(row["exercise"]))
        if step:
            out.append(Suggestion(row["exercise"], {k: row.get(k) for k in step}, step,
                                  "same dose at the last two visits, completed, pain no worse"))
    return out
