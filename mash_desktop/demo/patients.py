"""A realistic demo clinic: MASH patients across both arms (mash_program.md §1, §2).

Ages 60-85, typical chronic-LBP and hip diagnoses, episodes at different stages so
every screen has something to show. A few names carry accents and CJK characters on
purpose, because printed reports must handle them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..models import Episode, User
from ..services.eligibility import save_screen
from ..services.episodes import create_episode, update_episode
from ..services.goals import set_goals
from ..services.patients import create_patient

DIAGNOSES = [
    ("M54.50", "Low back pain, unspecified"),
    ("M54.59", "Other low back pain"),
    ("M47.816", "Spondylosis without myelopathy or radiculopathy, lumbar region"),
    ("M51.360", "Other intervertebral disc degeneration, lumbar region with discogenic back "
                "pain only"),
    ("M16.11", "Unilateral primary osteoarthritis, right hip"),
    ("M16.12", "Unilateral primary osteoarthritis, left hip"),
    ("M25.551", "Pain in right hip"),
    ("M25.552", "Pain in left hip"),
]
PEOPLE = [
    ("Margaret", "Ellison", "female"), ("Robert", "Haines", "male"),
    ("José", "Hernández", "male"), ("Łucja", "Kowalska", "female"),
    ("Jürgen", "Müller", "male"), ("Wei", "李", "male"),
    ("Dorothy", "Baptiste", "female"), ("Harold", "Okafor", "male"),
    ("Evelyn", "Sørensen", "female"), ("Frank", "DeLuca", "male"),
    ("Aiko", "Tanaka", "female"), ("Gloria", "Whitfield", "female"),
]
PAYERS = ["Medicare Part B", "Medicare Part B", "Aetna Medicare Advantage", "BlueCross PPO"]
PHYSICIANS = ["Dr. Anita Rao, MD", "Dr. Samuel Burke, DO", "Dr. Helen Cho, MD"]


def demo_patients(session: Session, today: date, actor: User | None = None,
                  seed: int = 2022) -> list[Episode]:
    """Create the demo patients and one episode each; returns the episodes."""
    rng = random.Random(seed)
    episodes: list[Episode] = []
    for i, (first, last, sex) in enumerate(PEOPLE):
        age = rng.randint(61, 84)
        dob = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        patient = create_patient(session, {
            "mrn": f"DEMO-{i + 1:03d}", "first_name": first, "last_name": last,
            "date_of_birth": dob, "sex": sex,
            "phone": f"(302) 555-{rng.randint(1000, 9999)}",
            "email": f"{first.lower()[:1]}.{i}@example.org",
            "address": f"{rng.randint(10, 999)} Elm Street\nNewark, DE 19711",
            "referring_physician": rng.choice(PHYSICIANS),
            "payer": PAYERS[i % len(PAYERS)], "member_id": f"M{rng.randint(10**7, 10**8 - 1)}",
            "notes": "Demo patient." if i % 3 else "Demo patient. Prefers morning appointments.",
        }, actor)
        # Stagger starts: the first third have finished the 8-week course and the
        # 6-month follow-up, the rest are mid-course.
        weeks_ago = 30 - i * 2 if i < 4 else 8 - (i - 4)
        start = today - timedelta(weeks=weeks_ago)
        code, text = DIAGNOSES[i % len(DIAGNOSES)]
        episode = create_episode(session, patient.id, {
            "start_date": start, "icd10_code": code, "diagnosis_text": text,
            "body_region": "lumbar spine and hip",
            "arm": "hip_focused" if i % 2 == 0 else "spine_focused",
            "planned_visits": 16, "frequency": "2x/week for 8 weeks",
            "cert_start": start, "cert_end": start + timedelta(days=89),
        }, actor)
        # Home program prescription (plan of care): the handout and the discharge
        # summary both print it.
        episode.hep_times_per_day, episode.hep_days_per_week = 1, 3
        save_screen(session, episode, {
            "screened_on": start, "lbp_duration_months": rng.choice([6, 12, 24, 60, 120]),
            "lbp_half_days_6mo": True, "lbp_intensity": rng.randint(4, 8),
            "body_weight_kg": rng.randint(55, 105),
            "hip_ir_left": round(rng.uniform(11, 24), 1),
            "hip_ir_right": round(rng.uniform(11, 24), 1), "hip_ir_unit": "kgf",
            "hoos_items": [rng.randint(1, 3) for _ in range(5)],
        }, actor)
        episodes.append(episode)
        set_goals(session, episode.id, [
            {"text": "Walk 30 minutes in the community with back pain no more than 3/10",
             "target_date": start + timedelta(weeks=8)},
            {"text": "Climb one flight of stairs reciprocally without a rail",
             "target_date": start + timedelta(weeks=8)},
            {"text": "Independent with the home exercise program",
             "target_date": start + timedelta(weeks=4)},
        ], actor)
    session.flush()
    # The first four have finished the 8-week course: each is discharged (an episode past
    # its certification with no visits left is not left active), and the reason says
    # "goals met" only when every goal is met (mash-desktop check tests both).
    for n, episode in enumerate(episodes[:4]):
        partial = n in (1, 2)
        set_goals(session, episode.id, [
            {"text": g.text, "target_date": g.target_date,
             "status": "partially_met" if i == 1 and partial else "met"}
            for i, g in enumerate(episode.goals)], actor)
        end = episode.start_date + timedelta(weeks=8, days=3)
        update_episode(session, episode.id, {
            "status": "discharged", "discharge_date": end,
            "discharge_reason": "Completed the 8-week MASH program; "
                                + ("one goal partially met, to continue with the home "
                                   "program." if partial else "goals met."),
            "recommendations": "Continue the home exercise program 3 times a week; "
                               "walk 20-30 minutes most days; return for the 6-month "
                               "reassessment.",
        }, actor)
    return episodes
