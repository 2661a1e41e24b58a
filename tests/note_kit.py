"""What a complete note holds, for tests that need signed notes (not a test module).

The sign checklist (services/sign_checklist.py) refuses incomplete notes on every path,
so a test that signs notes first makes the episode ready for its evaluation (baseline
battery, goals tied to measures, home program) and fills in each note's required parts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from mash_desktop.services.assessments import record_assessment
from mash_desktop.services.episodes import update_episode
from mash_desktop.services.goals import set_goals

QBPDS_30 = [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

EVALUATION = {
    "exclusion": {k: "no" for k in (
        "hip_fracture_repaired", "hip_fracture_unrepaired_15y", "total_hip_replacement",
        "spinal_pathology", "non_ambulatory", "mmse_below_24", "severe_vision_hearing",
        "no_english", "leg_pain_greater", "red_flag_fever", "red_flag_weight_loss",
        "red_flag_night_pain")},
    "systems_review": "Cardiovascular, integumentary and neuromuscular screens normal.",
    "body_weight_kg": 70,
    "hip_strength": {"abduction": {"left": 14.0, "right": 11.2},
                     "extension": {"left": 16.0, "right": 13.1},
                     "internal_rotation": {"left": 15.5, "right": 12.0}},
    "hip_rom": {"internal_rotation": {"left": 30, "right": 18}},
    "impairments": "Weak right hip abductors and internal rotators; limited right hip IR.",
    "rehab_potential": "good",
}


def ready_for_evaluation(session: Session, episode_id: int, on: date) -> None:
    """Baseline QBPDS and gait speed, a goal on each, and the home program frequency."""
    record_assessment(session, episode_id, "baseline", on, "qbpds", QBPDS_30)
    record_assessment(session, episode_id, "baseline", on, "gait_speed",
                      {"distance_m": 10, "time_s": 10.0, "pace": "usual"})
    set_goals(session, episode_id, [
        {"term": "long", "text": "QBPDS 20 or lower", "instrument": "qbpds", "target": 20},
        {"term": "long", "text": "Walk at 1.1 m/s", "instrument": "gait_speed",
         "target": 1.1}])
    update_episode(session, episode_id, {"hep_times_per_day": 1, "hep_days_per_week": 5})


def evaluation(**extra: Any) -> dict[str, Any]:
    """The parts an initial evaluation adds to a visit's data."""
    return {"note_type": "evaluation", "adverse_event_screen": "no",
            "subjective": "Back pain for years; wants to walk to the shops.",
            "assessment": "Chronic LBP with hip weakness; skilled care needed.",
            "plan": "MASH hip-focused program 2x/week for 8 weeks.",
            "evaluation": EVALUATION, **extra}


def daily(**extra: Any) -> dict[str, Any]:
    """The parts a daily note needs before signing."""
    return {"adverse_event_screen": "no",
            "assessment": "Tolerated progression; needs skilled dosing of load.", **extra}
