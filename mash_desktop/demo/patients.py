"""A realistic demo clinic: MASH patients across both arms (mash_program.md §1, §2).

Ages 60-85, typical chronic-LBP and hip diagnoses, episodes at different stages so
every screen has something to show. A few names carry accents and CJK characters on
purpose, because printed reports must handle them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.access import Acting
from ..services.eligibility import criteria, save_screen
from ..services.episodes import create_episode
from ..services.patients import create_patient

# Treatment diagnosis (the low back) and the medical diagnosis it comes with (the hip):
# MASH treats older adults with chronic LBP plus hip pain and weakness (mash_program.md §2).
DIAGNOSES = [
    ("M54.50", "Low back pain, unspecified"),
    ("M54.59", "Other low back pain"),
    ("M47.816", "Spondylosis without myelopathy or radiculopathy, lumbar region"),
    ("M54.50", "Low back pain, unspecified"),
]
MEDICAL = [
    ("M16.11", "Unilateral primary osteoarthritis, right hip"),
    ("M16.12", "Unilateral primary osteoarthritis, left hip"),
    ("M25.551", "Pain in right hip"),
    ("M25.552", "Pain in left hip"),
    ("M16.0", "Bilateral primary osteoarthritis of hip"),
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
# Made-up NPIs whose check digit is valid (the first nine digits, then the Luhn digit).
PHYSICIAN_NPI = {"Dr. Anita Rao, MD": "1234567893", "Dr. Samuel Burke, DO": "1972503860",
                 "Dr. Helen Cho, MD": "1588667638"}
# How many weeks ago each demo episode started: the first five have finished the 8-week
# course (four of them long enough ago for the 6-month follow-up), the rest are mid-course.
STARTS_WEEKS_AGO = [30, 28, 27, 24, 12, 8, 7, 6, 5, 4, 3, 2]


def affected_side(medical_code: str, rng: random.Random) -> str:
    """The hip the medical diagnosis names (M16.11 / M25.551 right, M16.12 / M25.552 left);
    a bilateral diagnosis leaves it to chance. The screen, the evaluation and the
    treatment side all follow it, so the chart never contradicts itself."""
    right = {"M16.11", "M25.551"}
    left = {"M16.12", "M25.552"}
    if medical_code in right:
        return "right"
    if medical_code in left:
        return "left"
    return rng.choice(["left", "right"])


def eligible_hips(rng: random.Random, weight: float, weak: str) -> dict[str, Any]:
    """Hip internal-rotation strength that passes the MASH screen (resources/
    eligibility.json, NCT04009837 I5a: below 0.26 kgf/kg in at least one hip): the
    affected hip 0.17-0.24 of body weight, the other a little stronger."""
    limit = criteria()["hip_ir_strength"]["less_than"]
    weak_ratio = rng.uniform(0.17, limit - 0.02)
    other_ratio = weak_ratio + rng.uniform(0.02, 0.08)
    other = "left" if weak == "right" else "right"
    return {"body_weight_kg": weight, "hip_ir_unit": "kgf",
            f"hip_ir_{weak}": round(weak_ratio * weight, 1),
            f"hip_ir_{other}": round(other_ratio * weight, 1)}


def eligible_hoos(rng: random.Random) -> list[int]:
    """HOOS pain items P4-P8 (0-4 each) whose sum passes the screen (> 5, I5b)."""
    items = [rng.randint(1, 3) for _ in range(5)]
    while sum(items) <= criteria()["hoos_pain"]["greater_than"]:
        items[rng.randrange(5)] += 1
    return items


def demo_patients(session: Session, today: date, actor: Acting | None = None,
                  seed: int = 2022) -> list[Episode]:
    """Create the demo patients and one episode each (with its plan of care); returns them.

    The course itself (evaluation, visits, goals, outcomes, discharge) is the next steps'.
    """
    rng = random.Random(seed)
    episodes: list[Episode] = []
    for i, (first, last, sex) in enumerate(PEOPLE):
        age = rng.randint(61, 84)
        dob = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        physician = PHYSICIANS[i % len(PHYSICIANS)]
        patient = create_patient(session, {
            "mrn": f"DEMO-{i + 1:03d}", "first_name": first, "last_name": last,
            "date_of_birth": dob, "sex": sex,
            "phone": f"(302) 555-{rng.randint(1000, 9999)}",
            "email": f"{first.lower()[:1]}.{i}@example.org",
            "address": f"{rng.randint(10, 999)} Elm Street\nNewark, DE 19711",
            "referring_physician": physician,
            "payer": PAYERS[i % len(PAYERS)], "member_id": f"M{rng.randint(10**7, 10**8 - 1)}",
            "notes": "Demo patient." if i % 3 else "Demo patient. Prefers morning appointments.",
        }, actor)
        start = today - timedelta(weeks=STARTS_WEEKS_AGO[i])
        code, text = DIAGNOSES[i % len(DIAGNOSES)]
        med_code, med_text = MEDICAL[i % len(MEDICAL)]
        # Certification (instruments_billing.md §11): sent the day after the evaluation and
        # signed within the 30 days; one verbal order; the newest plan is not yet signed.
        cert: dict[str, object] = {"physician_name": physician,
                                   "physician_npi": PHYSICIAN_NPI[physician]}
        if start + timedelta(days=1) < today:
            cert["cert_sent_on"] = start + timedelta(days=1)
        signed_on = start + timedelta(days=5 + i % 6)
        if i == 6:
            cert["verbal_order_on"] = start + timedelta(days=2)
            signed_on = start + timedelta(days=12)
        if signed_on < today and i != len(PEOPLE) - 1:
            cert["cert_signed_on"] = signed_on
        episode = create_episode(session, patient.id, {
            "start_date": start, "icd10_code": code, "diagnosis_text": text,
            "medical_icd10_code": med_code, "medical_diagnosis_text": med_text,
            "body_region": "lumbar spine and hip",
            "arm": "hip_focused" if i % 2 == 0 else "spine_focused",
            "planned_visits": 16, "frequency": "2x/week for 8 weeks",
            "session_minutes": 60, "sessions_per_week": 2, "duration_weeks": 8,
            "hep_times_per_day": 1, "hep_days_per_week": 5,
            "hep_notes": "Home exercises on the days without a clinic visit; log each day.",
            "cert_start": start, "cert_end": start + timedelta(days=89), **cert,
        }, actor)
        save_screen(session, episode, {
            "screened_on": start, "lbp_duration_months": rng.choice([6, 12, 24, 60, 120]),
            "lbp_half_days_6mo": True, "lbp_intensity": rng.randint(4, 8),
            **eligible_hips(rng, rng.randint(55, 105), affected_side(med_code, rng)),
            "hoos_items": eligible_hoos(rng),
        }, actor)
        episodes.append(episode)
    session.flush()
    return episodes
