"""The initial evaluation's MASH-specific content: exclusion and red-flag screen, hip measures.

What the screen asks and the ranges a measurement must fall in are data
(``resources/evaluation.json``, each with its source), so a clinic can see where they come
from. An evaluation note stores its answers in ``VisitNote.evaluation``::

    {"exclusion": {"total_hip_replacement": "no", ...},   # every item answered yes/no
     "systems_review": "...", "impairments": "...", "rehab_potential": "good",
     "body_weight_kg": 72,
     "hip_strength": {"abduction": {"left": 14.2, "right": 12.0}, ...},   # kgf
     "hip_rom": {"internal_rotation": {"left": 25, "right": 18}, ...},    # degrees
     "reason": "...",                      # re-evaluation: why it was needed
     "exclusion_override": "..."}          # why MASH although an item is "yes"

Strength is normalised to body weight (kgf/kg), so a strength value needs the weight.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..config import resource_path
from . import validate as v

SIDES = ("left", "right")
ANSWERS = {"yes": "Yes", "no": "No"}


@cache
def definition() -> dict[str, Any]:
    return json.loads(resource_path("evaluation.json").read_text(encoding="utf-8"))


def screen_items() -> list[dict[str, Any]]:
    return list(definition()["exclusion_screen"])


def strength_directions() -> dict[str, str]:
    return dict(definition()["hip_strength"]["directions"])


def rom_directions() -> dict[str, dict[str, Any]]:
    return dict(definition()["hip_rom"]["directions"])


def rehab_potentials() -> dict[str, str]:
    return dict(definition()["rehab_potential"])


def _per_side(raw: Any, where: str, e: v.Errors, lo: float, hi: float, unit: str,
              ) -> dict[str, float]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        e[where] = "must give a value per side (left, right)"
        return {}
    out: dict[str, float] = {}
    for side, value in raw.items():
        if side not in SIDES:
            e[f"{where}.{side}"] = "side must be left or right"
            continue
        x = v.number(value, f"{where}.{side}", e, lo=lo, hi=hi, unit=unit)
        if x is not None:
            out[side] = x
    return out


def clean_evaluation(raw: Any, e: v.Errors, prefix: str = "evaluation") -> dict[str, Any]:
    """Validate the evaluation fields that were given; completeness is the checklist's job."""
    if raw in (None, "", {}):
        return {}
    if not isinstance(raw, dict):
        e[prefix] = "must be a set of evaluation fields"
        return {}
    d = definition()
    out: dict[str, Any] = {}
    answers = raw.get("exclusion") or {}
    if not isinstance(answers, dict):
        e[f"{prefix}.exclusion"] = "must answer each screen item yes or no"
        answers = {}
    keys = {i["key"] for i in screen_items()}
    screen: dict[str, str] = {}
    for key, answer in answers.items():
        if key not in keys:
            e[f"{prefix}.exclusion.{key}"] = "is not an item of the exclusion screen"
            continue
        if answer in (None, ""):
            continue
        if isinstance(answer, bool):
            answer = "yes" if answer else "no"
        screen[key] = v.choice(answer, f"{prefix}.exclusion.{key}", e, ANSWERS)
    if screen:
        out["exclusion"] = screen
    for field, limit in (("systems_review", 5000), ("impairments", 5000), ("reason", 2000),
                         ("exclusion_override", 2000)):
        text = v.text(raw.get(field), f"{prefix}.{field}", e, max_len=limit, multiline=True)
        if text:
            out[field] = text
    if raw.get("rehab_potential"):
        out["rehab_potential"] = v.choice(raw.get("rehab_potential"),
                                          f"{prefix}.rehab_potential", e, rehab_potentials())
    bw = d["body_weight_kg"]
    weight = v.number(raw.get("body_weight_kg"), f"{prefix}.body_weight_kg", e, lo=bw["min"],
                      hi=bw["max"], unit="kg")
    if weight is not None:
        out["body_weight_kg"] = weight
    strength = raw.get("hip_strength") or {}
    if not isinstance(strength, dict):
        e[f"{prefix}.hip_strength"] = "must give values per direction"
        strength = {}
    clean_strength: dict[str, dict[str, float]] = {}
    top = float(d["hip_strength"]["max_kgf"])
    for direction, sides in strength.items():
        where = f"{prefix}.hip_strength.{direction}"
        if direction not in strength_directions():
            e[where] = "is not a hip strength direction"
            continue
        # a force is never negative, and 0 kgf is no measurement at all
        values = _per_side(sides, where, e, 0.1, top, "kgf")
        if values:
            clean_strength[direction] = values
    if clean_strength:
        out["hip_strength"] = clean_strength
        if weight is None and f"{prefix}.body_weight_kg" not in e:
            e[f"{prefix}.body_weight_kg"] = ("is required to normalise hip strength to body "
                                              "weight")
    rom = raw.get("hip_rom") or {}
    if not isinstance(rom, dict):
        e[f"{prefix}.hip_rom"] = "must give values per direction"
        rom = {}
    clean_rom: dict[str, dict[str, float]] = {}
    for direction, sides in rom.items():
        where = f"{prefix}.hip_rom.{direction}"
        limits = rom_directions().get(direction)
        if limits is None:
            e[where] = "is not a hip range-of-motion direction"
            continue
        values = _per_side(sides, where, e, limits["min"], limits["max"], "degrees")
        if values:
            clean_rom[direction] = values
    if clean_rom:
        out["hip_rom"] = clean_rom
    return out


@dataclass(frozen=True)
class StrengthRow:
    direction: str
    label: str
    side: str
    kgf: float
    per_kg: float | None  # kgf per kg body weight


def strength_rows(evaluation: dict[str, Any]) -> list[StrengthRow]:
    """Each strength value with its normalised value, in the definition's order."""
    weight = evaluation.get("body_weight_kg")
    strength = evaluation.get("hip_strength") or {}
    rows = []
    for direction, label in strength_directions().items():
        for side in SIDES:
            kgf = (strength.get(direction) or {}).get(side)
            if kgf is not None:
                rows.append(StrengthRow(direction, label, side, kgf,
                                        kgf / weight if weight else None))
    return rows


def screen_result(evaluation: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(labels of items answered yes, labels of items not answered)."""
    answers = evaluation.get("exclusion") or {}
    yes = [i["label"] for i in screen_items() if answers.get(i["key"]) == "yes"]
    missing = [i["label"] for i in screen_items() if answers.get(i["key"]) not in ANSWERS]
    return yes, missing


def exclusion_policy() -> dict[str, Any]:
    return dict(definition()["exclusion_policy"])


def exclusion_problem(evaluation: dict[str, Any], arm: str) -> str:
    """Why an evaluation answering an exclusion 'yes' cannot be signed yet ('' if it can).

    An item answered yes puts the patient outside the MASH trial's population (or asks for
    medical review first); an episode in a MASH arm then needs the PT's written reason
    (``exclusion_override``), or the arm changed to custom (see ``exclusion_policy``).
    """
    if arm not in exclusion_policy()["program_arms"]:
        return ""
    yes, _missing = screen_result(evaluation)
    if not yes or (evaluation.get("exclusion_override") or "").strip():
        return ""
    more = f" and {len(yes) - 1} more" if len(yes) > 1 else ""
    return (f"'{yes[0]}'{more} answered yes: the patient is outside the MASH program's "
            "population (mash_program.md 2.2); write why MASH treatment is still "
            "appropriate, or change the episode's arm to custom")


def missing_elements(evaluation: dict[str, Any], note_type: str) -> dict[str, str]:
    """What an evaluation (or re-evaluation) still lacks before it can be signed."""
    out: dict[str, str] = {}
    if note_type == "re-evaluation":
        if not evaluation.get("reason"):
            out["evaluation.reason"] = ("say why the re-evaluation was needed (new findings, a "
                                        "significant change, or no response to treatment)")
        return out
    _yes, unanswered = screen_result(evaluation)
    if unanswered:
        out["evaluation.exclusion"] = (f"answer every exclusion and red-flag item yes or no "
                                       f"({len(unanswered)} unanswered: {unanswered[0]}…)")
    if not evaluation.get("systems_review"):
        out["evaluation.systems_review"] = "record the systems review"
    strength = evaluation.get("hip_strength") or {}
    if not any(strength.get(d) for d in strength_directions()):
        out["evaluation.hip_strength"] = ("record hip strength (abduction, extension, internal "
                                          "rotation) by hand-held dynamometer")
    elif not evaluation.get("body_weight_kg"):
        out["evaluation.body_weight_kg"] = "is required to normalise hip strength"
    if not evaluation.get("hip_rom"):
        out["evaluation.hip_rom"] = "record hip range of motion in degrees"
    if not evaluation.get("impairments"):
        out["evaluation.impairments"] = "list the impairments found"
    if not evaluation.get("rehab_potential"):
        out["evaluation.rehab_potential"] = "state the rehabilitation potential"
    return out
