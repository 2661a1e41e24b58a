"""The demo's episodes of care, documented as a PT would, from evaluation to discharge.

For each demo patient, in date order: the baseline outcome battery and the initial
evaluation (history, exclusion and red-flag screen, systems review, hip strength and
range of motion, assessment, goals tied to the measures, plan of care), twice-weekly
daily notes built by copy-forward with the suggested progressions, a progress report
every tenth treatment day (BPM ch. 15 §220.3 D), the 8-week battery, and, once the course
is complete, a discharge note with every goal's status as the 8-week measurement shows
it, then the discharge and the 6-month follow-up. A few visits are cancelled or missed,
and one adverse event cites an exercise actually done that day in that arm.

Deterministic: every choice comes from a seeded generator and the given ``today``; the
signatures are recorded names with credentials (the demo creates no user accounts).
Outcome values sit around the group means posted for NCT04009837 (mash_program.md §6.3).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..catalog import billing_code
from ..models import Episode
from ..services.assessments import record_assessment
from ..services.copy_forward import apply_suggestions, copy_forward
from ..services.documentation import record_progress_report
from ..services.episodes import update_episode
from ..services.goals import GOAL_STATUSES, goal_progress, set_goal_status, set_goals
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


def education_for(arm: str) -> list[str]:
    """The demo's education topics, in order, that the catalog gives this arm (the hip
    anatomy topic is the hip-focused arm's; a custom episode may have any)."""
    from ..catalog import load_catalog

    arms = {c.key: c.arms for c in load_catalog()}
    return [k for k in EDUCATION if arm == "custom" or arm in arms.get(k, (arm,))]
TIMEPOINTS = [("baseline", 0), ("8_weeks", 56), ("6_months", 182)]
# (patient index, slot) -> status of a visit that did not happen
MISSED = {(1, 5): ("cancelled", "Patient unwell (cold)"),
          (1, 11): ("no_show", "Did not attend; phoned to reschedule"),
          (4, 5): ("cancelled", "Transport fell through"),
          (7, 4): ("no_show", "Did not attend; no answer by phone"),
          (10, 3): ("cancelled", "Family event")}
ADVERSE = (2, 4)  # patient 2 (hip-focused arm), the fifth attended visit: after step-ups


def _items(total: int, n: int, top: int, rng: random.Random) -> list[int]:
    """n item answers in 0..top that add up to ``total`` (clamped to the possible range)."""
    total = max(0, min(total, n * top))
    items = [0] * n
    for _ in range(total):
        i = rng.choice([k for k in range(n) if items[k] < top])
        items[i] += 1
    return items


def _battery(rng: random.Random, responder: float, stage: int,
             pain: tuple[float, float]) -> dict[str, Any]:
    """Answers for one patient at one stage (0 baseline, 1 at 8 weeks, 2 at 6 months).

    ``pain`` is the patient's (back, hip) pain at the evaluation: the baseline NPRS is
    that pain (the back pain is the screen's LBP intensity), later ones move from it with
    the response, so the screen, the NPRS and the notes' pain tell one story.
    """
    gain = responder * (0, 1.0, 1.05)[stage]
    back0, hip0 = pain

    def nprs(start: float, drop: float) -> int:
        if not stage:
            return round(start)
        return max(0, min(10, round(start - drop * gain + rng.gauss(0, 0.5))))
    qbpds = round(rng.gauss(28, 6) - 12 * gain)
    speed = max(0.5, rng.gauss(1.12, 0.12) + 0.10 * gain)
    return {
        "qbpds": _items(qbpds, 20, 5, rng),
        "gait_speed": {"distance_m": 10.0, "time_s": round(10.0 / speed, 2), "pace": "usual"},
        "gait_speed_fast": {"distance_m": 10.0, "time_s": round(10.0 / (speed * 1.4), 2),
                            "pace": "fast"},
        "6mwt": {"distance_m": round(rng.gauss(451, 40) + 40 * gain)},
        "30s_chair_stand": {"count": max(3, round(rng.gauss(10, 1.5) + 2 * gain))},
        "tug": {"time_s": round(max(5.5, rng.gauss(9.6, 1.0) - 1.0 * gain), 1)},
        "nprs_back": nprs(back0, 3),
        "nprs_hip": nprs(hip0, 2.5),
        "phq9": _items(max(0, round(rng.gauss(3.2, 1.5) - gain)), 8, 3, rng) + [0],
        "pcs": _items(max(0, round(rng.gauss(16, 5) - 7 * gain)), 13, 4, rng),
    }


def _record(session: Session, episode: Episode, timepoint: str, when: date,
            battery: dict[str, Any]) -> dict[str, float]:
    totals = {}
    for instrument, answers in battery.items():
        a = record_assessment(session, episode.id, timepoint, when, instrument, answers)
        totals[instrument] = a.total
    return totals


def _goals(session: Session, episode: Episode, base: dict[str, float]) -> None:
    """Long-term goals on the MASH primary outcomes, short-term ones on the way there.

    Targets: QBPDS down by at least the 6-point minimal important change (Monticone 2022)
    or 30 %, whichever is more; gait speed up by the substantial 0.10 m/s (Perera 2006);
    back pain down by 2 points (Childs 2005) within four weeks.
    """
    start = episode.start_date
    qbpds = base["qbpds"]
    qbpds_target = max(0.0, qbpds - max(6.0, round(qbpds * 0.3)))
    speed = round(base["gait_speed"], 2)
    nprs = base["nprs_back"]
    goals: list[dict[str, Any]] = [
        {"term": "long", "text": f"Less back-related disability in daily activities: QBPDS "
         f"{qbpds_target:g} or lower", "instrument": "qbpds", "target": qbpds_target,
         "target_date": start + timedelta(weeks=8)},
        {"term": "long", "text": f"Walk at {speed + 0.10:.2f} m/s or faster, enough to cross "
         "streets and walk in the community", "instrument": "gait_speed",
         "target": round(speed + 0.10, 2), "target_date": start + timedelta(weeks=8)},
        {"term": "short", "text": "Independent with the home exercise program",
         "target_date": start + timedelta(weeks=4)},
    ]
    if nprs >= 3:
        goals.insert(2, {"term": "short", "text": f"Back pain {nprs - 2:g}/10 or less on "
                         "usual days", "instrument": "nprs_back", "target": nprs - 2,
                         "target_date": start + timedelta(weeks=4)})
    set_goals(session, episode.id, goals)


def weak_side(episode: Episode) -> str:
    """The hip the eligibility screen found weaker in internal rotation (the one the
    screen qualifies on and the plan treats); the right hip when nothing is recorded."""
    screen = episode.screen
    if screen is None or screen.hip_ir_left is None or screen.hip_ir_right is None:
        return "right"
    return "left" if screen.hip_ir_left < screen.hip_ir_right else "right"


def _sided(plan: dict[str, Any], side: str) -> dict[str, Any]:
    """The arm's plan with its one-sided doses on the patient's affected hip."""
    def turn(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**r, "side": side} if r.get("side") in ("left", "right") else dict(r)
                for r in rows]
    return {**plan, "manual_therapy": turn(plan["manual_therapy"]),
            "exercises": turn(plan["exercises"])}


def _evaluation(episode: Episode, rng: random.Random) -> dict[str, Any]:
    """The evaluation's findings, on the screen's numbers: the weak hip named in the
    impairments is the one whose strength the screen and the table show weaker."""
    screen = episode.screen
    weight = screen.body_weight_kg if screen and screen.body_weight_kg else 75.0
    ir = {"left": screen.hip_ir_left, "right": screen.hip_ir_right} if screen else {}
    hip = weak_side(episode)
    other = "left" if hip == "right" else "right"

    def pair(lo: float, hi: float, deficit: float, places: int = 1) -> dict[str, float]:
        good = round(rng.uniform(lo, hi), places)
        return {hip: round(good * deficit, places), other: good}

    return {
        "exclusion": {k: "no" for k in (
            "hip_fracture_repaired", "hip_fracture_unrepaired_15y", "total_hip_replacement",
            "spinal_pathology", "non_ambulatory", "mmse_below_24", "severe_vision_hearing",
            "no_english", "leg_pain_greater", "red_flag_fever", "red_flag_weight_loss",
            "red_flag_night_pain")},
        "systems_review": "Cardiovascular: BP 132/80, HR 72 regular. Integumentary intact. "
                          "Neuromuscular: sensation and reflexes intact in both legs; no "
                          "saddle numbness, bowel or bladder change. Communication and "
                          "cognition within normal limits.",
        "body_weight_kg": weight,
        "hip_strength": {"abduction": pair(12, 18, 0.75), "extension": pair(14, 22, 0.8),
                         "internal_rotation": {k: x for k, x in ir.items() if x}},
        "hip_rom": {"flexion": pair(105, 120, 0.9, 0), "internal_rotation": pair(22, 32, 0.7, 0),
                    "external_rotation": pair(30, 40, 0.85, 0),
                    "extension": pair(5, 15, 0.6, 0)},
        "impairments": f"Weak {hip} hip abductors, extensors and internal rotators; limited "
                       f"{hip} hip internal rotation and extension; reduced gait speed and "
                       "sit-to-stand endurance; activity limited by low back pain.",
        "rehab_potential": "good",
    }


@dataclass
class _Course:
    episode: Episode
    n: int
    rng: random.Random
    batteries: list[dict[str, Any]]


def _visit_slots(episode: Episode, end: date) -> list[date]:
    """Monday-Thursday style visits twice a week from the start, up to ``end``."""
    out: list[date] = []
    d = episode.start_date
    while d <= end and len(out) < 30:
        out.append(d)
        d += timedelta(days=3 if len(out) % 2 else 4)
    return out


def _sign(session: Session, note_id: int, when: datetime) -> None:
    sign_note(session, note_id, signer_name=THERAPIST[0], credentials=THERAPIST[1],
              when=when + timedelta(hours=1))


def _goal_text(session: Session, episode: Episode, when: date) -> dict[str, str]:
    """Progress toward each goal as the PT writes it, from the measurements so far."""
    out = {}
    for p in goal_progress(session, episode.id, as_of=when):
        if p.instrument is None:
            out[str(p.goal_id)] = ("Does the home exercises on most days with correct "
                                   "technique; reviewed and progressed today.")
        elif p.current is None:
            out[str(p.goal_id)] = (f"{p.describe()}; reports easier daily activities and "
                                   "walking since the evaluation; re-measured at 8 weeks.")
        else:
            out[str(p.goal_id)] = p.describe() + "."
    return out


def _course(session: Session, c: _Course, today: date) -> None:
    episode, n, rng = c.episode, c.n, c.rng
    side = weak_side(episode)
    plan = _sided(HIP_PLAN if episode.arm == "hip_focused" else SPINE_PLAN, side)
    topics = education_for(episode.arm)
    slots = _visit_slots(episode, today - timedelta(days=1))
    measured: dict[str, float] = {}   # the day's NPRS, when one was recorded
    attended = 0
    week8_done = False
    for slot, when in enumerate(slots):
        if attended >= episode.planned_visits:
            break
        start = datetime.combine(when, time(8 + (n % 8), 0))
        missed = MISSED.get((n, slot))
        if missed is not None:
            note = save_note(session, episode.id, {
                "visit_date": when, "start_time": start.time(), "status": missed[0],
                "status_reason": missed[1]})
            _sign(session, note.id, start)
            continue
        last = attended + 1 == episode.planned_visits
        if slot == 0:
            base = _record(session, episode, "baseline", when, c.batteries[0])
            measured = base
            _goals(session, episode, base)
            data: dict[str, Any] = {
                **{k: [dict(r) for r in plan[k]] for k in ("manual_therapy", "exercises")},
                "billing": {"97162": 30, "97110": 15, "97140": 15},
                "note_type": "evaluation",
                "subjective": "Low back pain for several years, worse with walking and "
                              "standing, with an ache in the hip; wants to walk to the shops "
                              "and garden again.",
                "evaluation": _evaluation(episode, rng),
                "assessment": "Older adult with chronic low back pain and hip weakness and "
                              "pain (MASH weak-and-painful subgroup); needs skilled manual "
                              "therapy and progressive strengthening to restore walking "
                              "tolerance.",
                "plan": f"MASH {episode.arm.replace('_', '-')} program, 60-minute sessions "
                        "twice a week for 8 weeks; home exercises once a day, 5 days a week; "
                        "reassess at 8 weeks."}
        else:
            draft, suggestions = copy_forward(session, episode.id, when)
            data = apply_suggestions(draft, suggestions)
            data["billing"] = dict(plan["billing"])
            data.update({
                "subjective": "Back pain better after last session; did home exercises "
                              f"{rng.choice(['daily', 'most days', '3 times'])}.",
                "assessment": "Tolerated progression without increase in symptoms; needs "
                              "skilled progression of load and manual therapy.",
                "plan": "Continue MASH plan; progress per tolerance.",
            })
        if not week8_done and (when >= episode.start_date + timedelta(days=56) or last):
            measured = _record(session, episode, "8_weeks", when, c.batteries[1])
            week8_done = True
        back = _pain(c, "nprs_back", when, measured if slot == 0 or week8_done else None)
        hip = _pain(c, "nprs_hip", when, measured if slot == 0 or week8_done else None)
        relief = rng.choice([1, 1, 2])
        data.update({
            "visit_date": when, "status": "attended", "start_time": start.time(),
            "total_minutes": 60, "pain_back_pre": back,
            "pain_back_post": max(0, back - relief),
            "pain_hip_pre": hip, "pain_hip_post": max(0, hip - relief),
            "education": topics[attended:attended + 1],
            "adverse_event_screen": "no",
        })
        if (n, attended) == ADVERSE:
            data["adverse_event_screen"] = "yes"
            data["adverse"] = {"description": f"Mild delayed-onset muscle soreness in the {side} "
                               "hip for 2 days after step-ups.", "serious": False,
                               "relatedness": "probably", "action": "Reduced step height; "
                               "resolved by the next visit."}
        if last:
            data["note_type"] = "discharge"
            for p in goal_progress(session, episode.id, as_of=when):
                status = {"met": "met", "progressing": "partially_met"}.get(
                    p.measured or "", "not_met" if p.instrument else "met")
                set_goal_status(session, p.goal_id, status, "" if p.instrument else
                                "Independent with the home program, observed in clinic")
            data["plan"] = _recommendations(episode)
            data["assessment"] = _discharge_assessment(session, episode, when)
        data["not_billed"] = _not_billed(data)
        note = save_note(session, episode.id, data)
        if note.note_type in ("progress", "discharge"):
            note = save_note(session, episode.id, {
                **data, "note_type": note.note_type,
                "goal_progress": _goal_text(session, episode, when)}, note.id)
        attended += 1
        if note.note_type == "progress":
            # recorded before the note is signed: a signed progress note starts the next
            # period, so afterwards the visits it covers would count as 0
            record_progress_report(session, episode.id, when, data["assessment"],
                                   data["plan"])
        unsigned = (slot == len(slots) - 1 and n % 4 == 3 and not last)
        if not unsigned:
            _sign(session, note.id, start)
        if last:
            _discharge(session, episode, when)
    follow = episode.start_date + timedelta(days=182)
    if episode.status == "discharged" and follow <= today:
        _record(session, episode, "6_months", follow, c.batteries[2])


def _pain(c: _Course, instrument: str, when: date, measured: dict[str, float] | None) -> int:
    """The pain a visit note records before treatment, on the patient's one trajectory:
    on a day the NPRS was measured it is that score; in between it moves in a straight
    line from the baseline NPRS (the screen's intensity) to the 8-week NPRS."""
    if measured is not None and instrument in measured:
        return round(measured[instrument])
    start = float(c.batteries[0][instrument])
    end = float(c.batteries[1][instrument])
    share = min(1.0, (when - c.episode.start_date).days / 56)
    return round(start + (end - start) * share)


def _not_billed(data: dict[str, Any]) -> list[str]:
    """Codes of the visit's interventions it does not bill (at the evaluation the
    sit-to-stand and step-up are shown in a few minutes, not billed as 97530)."""
    done = {billing_code("exercise", x["exercise"]) for x in data.get("exercises", [])}
    done |= {billing_code("manual_therapy", x["technique"])
             for x in data.get("manual_therapy", [])}
    billed = {c for c, m in data.get("billing", {}).items() if m}
    return sorted(c for c in done - billed if c is not None)


def _recommendations(episode: Episode) -> str:
    per_day = episode.hep_times_per_day or 1
    times = {1: "once", 2: "twice"}.get(per_day, f"{per_day} times")
    return (f"Continue the home exercise program {times} a day, {episode.hep_days_per_week} "
            "days a week; walk 20-30 minutes most days; return for the 6-month reassessment.")


def _discharge_assessment(session: Session, episode: Episode, when: date) -> str:
    progress = goal_progress(session, episode.id, as_of=when)
    met = sum(1 for p in progress if p.status == "met")
    return (f"Completed the 8-week MASH course; {met} of {len(progress)} goals met. "
            "Safe to continue independently with the home program.")


def _discharge(session: Session, episode: Episode, when: date) -> None:
    statuses = [g.status for g in episode.goals]
    if all(s == "met" for s in statuses):
        outcome = "all goals met"
    else:
        counts = {GOAL_STATUSES[s].lower(): statuses.count(s) for s in GOAL_STATUSES
                  if statuses.count(s)}
        # never the words "goals met" unless every goal is (mash-desktop check)
        outcome = "goals: " + ", ".join(f"{k} {x}" for k, x in counts.items())
    long_met = all(g.status == "met" for g in episode.goals if g.term == "long")
    update_episode(session, episode.id, {
        "status": "discharged", "discharge_date": when,
        "discharge_reason": f"Completed the 8-week MASH program ({outcome}).",
        "discharge_kind": "goals_met" if long_met else "course_completed",
        "recommendations": _recommendations(episode)})


def step(session: Session, episodes: list[Episode], today: date) -> None:
    rng = random.Random(30)
    courses = []
    for n, episode in enumerate(episodes):
        # Roughly two in three respond well; the rest improve a little or not at all.
        responder = (1.0, 0.9, 0.2, 1.1, 0.0, 0.8)[n % 6] + rng.uniform(-0.1, 0.1)
        screen = episode.screen
        back = float(screen.lbp_intensity) if screen and screen.lbp_intensity else 6.0
        pain = (back, float(max(2, min(8, round(rng.gauss(5, 1.2))))))
        courses.append(_Course(episode, n, random.Random(20 + n),
                               [_battery(rng, responder, stage, pain) for stage in range(3)]))
    for c in courses:
        _course(session, c, today)
