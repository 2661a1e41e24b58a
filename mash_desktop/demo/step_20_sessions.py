"""Demo session notes: a course of twice-weekly MASH visits for each demo patient.

Each visit is built the way a PT would: copy forward from the last visit, accept the
progression suggestions, enter pain and minutes, sign. A few visits are cancelled or
missed, one adverse event is reported, and progress reports are written on time.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.copy_forward import apply_suggestions, copy_forward
from ..services.documentation import record_progress_report
from ..services.sessions import save_note, sign_note

THERAPIST = ("Dana Whitaker", "PT, DPT")
HIP_PLAN: dict[str, Any] = {
    "manual_therapy": [
        {"technique": "hip_long_axis_distraction", "side": "right", "grade": "III",
         "patient_position": "supine", "sets": 3, "oscillations": 30},
        {"technique": "hip_posterior_glide", "side": "right", "grade": "III",
         "patient_position": "supine, hip in flexion", "sets": 3, "oscillations": 30},
        {"technique": "hip_flexor_stretch_manual", "side": "right",
         "patient_position": "supine, Thomas position", "sets": 3, "seconds": 30},
    ],
    "exercises": [
        {"exercise": "sidelying_hip_abduction", "side": "right", "sets": 2, "reps": 10},
        {"exercise": "bridge", "side": "bilateral", "sets": 2, "reps": 10, "hold_s": 3},
        {"exercise": "clamshell", "side": "right", "sets": 2, "reps": 10, "load_type": "band",
         "band": "yellow", "home_program": True},
        {"exercise": "sit_to_stand", "side": "bilateral", "sets": 2, "reps": 8,
         "home_program": True},
        {"exercise": "step_up", "side": "right", "sets": 2, "reps": 8},
        {"exercise": "hip_flexor_stretch", "side": "right", "sets": 3, "hold_s": 20,
         "home_program": True},
        {"exercise": "abdominal_bracing", "side": "bilateral", "sets": 2, "reps": 10,
         "hold_s": 5},
    ],
    "billing": {"97140": 18, "97110": 32, "97530": 8},
}
SPINE_PLAN: dict[str, Any] = {
    "manual_therapy": [
        {"technique": "lumbar_soft_tissue", "side": "bilateral", "patient_position": "prone",
         "sets": 1, "seconds": 300},
        {"technique": "lumbar_pa_central", "side": "central", "grade": "II",
         "patient_position": "prone", "sets": 3, "oscillations": 30},
    ],
    "exercises": [
        {"exercise": "stationary_cycling", "side": "bilateral", "minutes": 8,
         "load_type": "none"},
        {"exercise": "lumbar_rotation_stretch", "side": "bilateral", "sets": 2, "reps": 10,
         "home_program": True},
        {"exercise": "cat_camel", "side": "bilateral", "sets": 2, "reps": 10,
         "home_program": True},
        {"exercise": "abdominal_bracing", "side": "bilateral", "sets": 2, "reps": 10,
         "hold_s": 5, "home_program": True},
        {"exercise": "bird_dog", "side": "bilateral", "sets": 2, "reps": 8, "hold_s": 3},
        {"exercise": "knee_to_chest", "side": "left", "sets": 3, "hold_s": 20},
    ],
    "billing": {"97140": 15, "97110": 38, "97530": 0},
}
EDUCATION = ["edu_spine_anatomy", "edu_hip_anatomy", "edu_pain_science", "edu_activity_pacing",
             "edu_home_program", "edu_fall_prevention"]


def _visit_dates(episode: Episode, end: date) -> list[date]:
    """Two visits a week (Monday and Thursday pattern) for 8 weeks, up to ``end``."""
    out: list[date] = []
    d = episode.start_date
    while len(out) < episode.planned_visits and d <= end:
        out.append(d)
        d += timedelta(days=3 if d.weekday() in (0, 1, 2) and len(out) % 2 else 4)
    return out


def step(session: Session, episodes: list[Episode], today: date) -> None:
    rng = random.Random(20)
    for n, episode in enumerate(episodes):
        plan = HIP_PLAN if episode.arm == "hip_focused" else SPINE_PLAN
        end = min(episode.discharge_date or today, today - timedelta(days=1))
        pain = float(rng.randint(5, 7))
        dates = _visit_dates(episode, end)
        for i, when in enumerate(dates):
            start = datetime.combine(when, time(8 + (n % 8), 0))
            if i in (5, 11) and n % 3 == 1:
                note = save_note(session, episode.id, {
                    "visit_date": when, "start_time": start.time(),
                    "status": "cancelled" if i == 5 else "no_show",
                    "status_reason": "Patient unwell (cold)" if i == 5 else
                    "Did not attend; phoned to reschedule"})
                sign_note(session, note.id, signer_name=THERAPIST[0],
                          credentials=THERAPIST[1], when=start + timedelta(hours=1))
                continue
            if i == 0:
                data = {**{k: [dict(r) for r in plan[k]] for k in ("manual_therapy",
                                                                   "exercises")},
                        "billing": {"97162": 30, "97110": 15, "97140": 15},
                        "visit_date": when, "status": "attended"}
            else:
                draft, suggestions = copy_forward(session, episode.id, when)
                data = apply_suggestions(draft, suggestions)
                data["billing"] = dict(plan["billing"])
            post = max(0.0, pain - rng.choice([1, 1, 2]))
            data.update({
                "start_time": start.time(), "total_minutes": 60,
                "pain_back_pre": round(pain), "pain_back_post": round(post),
                "pain_hip_pre": round(max(0, pain - 2)), "pain_hip_post": round(max(0, post - 2)),
                "subjective": "Back pain better after last session; did home exercises "
                              f"{rng.choice(['daily', 'most days', '3 times'])}.",
                "assessment": "Tolerated progression without increase in symptoms.",
                "plan": "Continue MASH plan; progress per tolerance.",
                "education": EDUCATION[i:i + 1] if i < len(EDUCATION) else [],
            })
            if n == 1 and i == 3:
                data["adverse_event"] = True
                data["adverse"] = {"description": "Mild delayed-onset muscle soreness in the "
                                   "right hip for 2 days after step-ups.", "serious": False,
                                   "relatedness": "probably", "action": "Reduced step height; "
                                   "resolved by the next visit."}
            note = save_note(session, episode.id, data)
            if not (i == len(dates) - 1 and episode.status == "active" and n % 4 == 3):
                sign_note(session, note.id, signer_name=THERAPIST[0], credentials=THERAPIST[1],
                          when=start + timedelta(hours=1))
            if note.visit_number == 10:
                record_progress_report(session, episode.id, when,
                                       "Steady progress in pain and function.",
                                       "Continue to 16 visits.")
            pain = max(1.0, pain - rng.choice([0, 0.3, 0.5]))
