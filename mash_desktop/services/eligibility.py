"""MASH eligibility screen: each inclusion criterion as met / not met / not assessed.

Thresholds come from ``mash_desktop/resources/eligibility.json`` (with their sources),
never from constants here, because the hip-strength threshold's unit is uncertain and
clinics may need to adjust it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from ..config import resource_path
from ..models import EligibilityScreen, Episode
from . import audit
from . import validate as v
from .access import Acting, authorize
from .errors import ValidationError
from .patients import age_on

NEWTON_PER_KGF = 9.80665
IR_UNITS = {"kgf": "kilogram-force", "N": "newtons", "lbf": "pound-force"}
_TO_KGF = {"kgf": 1.0, "N": 1 / NEWTON_PER_KGF, "lbf": 0.45359237}


@cache
def criteria() -> dict[str, dict[str, Any]]:
    data = json.loads(resource_path("eligibility.json").read_text(encoding="utf-8"))
    return {c["key"]: c for c in data["criteria"]}


@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    met: bool | None  # None = not assessed
    detail: str
    source: str

    @property
    def status(self) -> str:
        return {True: "met", False: "not met", None: "not assessed"}[self.met]


@dataclass(frozen=True)
class ScreenResult:
    criteria: list[CriterionResult]

    @property
    def overall(self) -> str:
        """'eligible', 'not eligible' (any criterion failed) or 'incomplete'."""
        if any(c.met is False for c in self.criteria):
            return "not eligible"
        if any(c.met is None for c in self.criteria):
            return "incomplete"
        return "eligible"


def ir_ratio(force: float | None, unit: str, body_weight_kg: float | None) -> float | None:
    """Hip IR force normalised to body weight, in kgf per kg."""
    if force is None or not body_weight_kg:
        return None
    return force * _TO_KGF[unit] / body_weight_kg


def evaluate(screen: EligibilityScreen | dict[str, Any], dob: date, on: date) -> ScreenResult:
    """Judge every criterion from stored screen values (or a dict of the same fields)."""
    get = (screen.get if isinstance(screen, dict)
           else lambda k, d=None: getattr(screen, k, d))
    c = criteria()
    out: list[CriterionResult] = []

    def add(key: str, met: bool | None, detail: str) -> None:
        out.append(CriterionResult(key, c[key]["label"], met, detail, c[key]["source"]))

    age = age_on(dob, on)
    add("age", c["age"]["min"] <= age <= c["age"]["max"], f"age {age}")
    months = get("lbp_duration_months")
    add("lbp_duration", None if months is None else months >= c["lbp_duration"]["min_months"],
        "not recorded" if months is None else f"{months:g} months")
    half = get("lbp_half_days_6mo")
    add("lbp_half_days", half, "not recorded" if half is None else ("yes" if half else "no"))
    nprs = get("lbp_intensity")
    add("lbp_intensity", None if nprs is None else nprs > c["lbp_intensity"]["greater_than"],
        "not recorded" if nprs is None else f"{nprs:g}/10")
    unit = get("hip_ir_unit") or "kgf"
    weight = get("body_weight_kg")
    ratios = {side: ir_ratio(get(f"hip_ir_{side}"), unit, weight) for side in ("left", "right")}
    known = {s: r for s, r in ratios.items() if r is not None}
    limit = c["hip_ir_strength"]["less_than"]
    if not known:
        add("hip_ir_strength", None, "not recorded")
    else:
        weak = any(r < limit for r in known.values())
        detail = ", ".join(f"{s} {r:.3f}" for s, r in known.items())
        add("hip_ir_strength", True if weak else (False if len(known) == 2 else None), detail)
    items = get("hoos_items")
    if not items or any(i is None for i in items):
        add("hoos_pain", None, "not recorded")
    else:
        total = sum(items)
        add("hoos_pain", total > c["hoos_pain"]["greater_than"], f"sum {total}/20")
    return ScreenResult(out)


def clean_screen(data: dict[str, Any]) -> dict[str, Any]:
    e: v.Errors = {}
    out: dict[str, Any] = {
        "screened_on": v.parse_date(data.get("screened_on"), "screened_on", e),
        "lbp_duration_months": v.number(data.get("lbp_duration_months"), "lbp_duration_months",
                                        e, lo=0, hi=1200, unit="months"),
        "lbp_half_days_6mo": v.boolean(data.get("lbp_half_days_6mo"), "lbp_half_days_6mo", e),
        "lbp_intensity": v.number(data.get("lbp_intensity"), "lbp_intensity", e, lo=0, hi=10),
        "body_weight_kg": v.number(data.get("body_weight_kg"), "body_weight_kg", e, lo=20,
                                   hi=350, unit="kg"),
        "hip_ir_left": v.number(data.get("hip_ir_left"), "hip_ir_left", e, lo=0, hi=2000),
        "hip_ir_right": v.number(data.get("hip_ir_right"), "hip_ir_right", e, lo=0, hi=2000),
        "hip_ir_unit": v.choice(data.get("hip_ir_unit") or "kgf", "hip_ir_unit", e, IR_UNITS),
        "notes": v.text(data.get("notes"), "notes", e, max_len=2000, multiline=True),
    }
    raw_items = data.get("hoos_items")
    items: list[int | None] | None = None
    if raw_items not in (None, [], ""):
        if not isinstance(raw_items, (list, tuple)) or len(raw_items) != 5:
            e["hoos_items"] = "needs the 5 HOOS items P4-P8"
        else:
            items = [v.number(x, f"hoos_p{i + 4}", e, lo=0, hi=4, integer=True)
                     for i, x in enumerate(raw_items)]
    out["hoos_items"] = items
    if e:
        raise ValidationError(e)
    return out


def save_screen(session: Session, episode: Episode, data: dict[str, Any],
                actor: Acting | None = None) -> EligibilityScreen:
    actor = authorize(session, actor, "write_chart")
    clean = clean_screen(data)
    screen = episode.screen
    before = audit.snapshot(screen) if screen else {}
    if screen is None:
        screen = EligibilityScreen(episode=episode)
        session.add(screen)
    for k, val in clean.items():
        setattr(screen, k, val)
    session.flush()
    audit.record(session, actor, "update" if before else "create", "eligibility_screen",
                 screen.id, patient_id=episode.patient_id,
                 changes=audit.diff(before, audit.snapshot(screen)))
    return screen
