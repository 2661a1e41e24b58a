"""Demo assessments at baseline, 8 weeks and 6 months, in the ranges MASH reported.

Group means posted for NCT04009837 (mash_program.md §6.3): QBPDS about 28 at baseline
falling to 16-20; usual gait speed 1.12 to 1.20 m/s; 6MWT 451 to 489 m; TUG 9.7 to 8.9 s;
30 s chair stand 10 to 11-12. Patients vary around those means so some reach the minimal
important change and some do not. Only timepoints already reached are entered.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.assessments import record_assessment

TIMEPOINTS = [("baseline", 0), ("8_weeks", 56), ("6_months", 182)]


def _items(total: int, n: int, top: int, rng: random.Random) -> list[int]:
    """n item answers in 0..top that add up to ``total`` (clamped to the possible range)."""
    total = max(0, min(total, n * top))
    items = [0] * n
    for _ in range(total):
        i = rng.choice([k for k in range(n) if items[k] < top])
        items[i] += 1
    return items


def _battery(rng: random.Random, responder: float, stage: int) -> dict[str, object]:
    """Answers for one patient at one stage (0 baseline, 1 at 8 weeks, 2 at 6 months)."""
    gain = responder * (0, 1.0, 1.05)[stage]
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
        "nprs_back": max(0, min(10, round(rng.gauss(6, 1) - 3 * gain))),
        "nprs_hip": max(0, min(10, round(rng.gauss(5, 1.2) - 2.5 * gain))),
        "phq9": _items(max(0, round(rng.gauss(3.2, 1.5) - gain)), 8, 3, rng) + [0],
        "pcs": _items(max(0, round(rng.gauss(16, 5) - 7 * gain)), 13, 4, rng),
    }


def step(session: Session, episodes: list[Episode], today: date) -> None:
    rng = random.Random(30)
    for i, episode in enumerate(episodes):
        # Roughly two in three respond well; the rest improve a little or not at all.
        responder = (1.0, 0.9, 0.2, 1.1, 0.0, 0.8)[i % 6] + rng.uniform(-0.1, 0.1)
        for stage, (timepoint, days) in enumerate(TIMEPOINTS):
            when = episode.start_date + timedelta(days=days)
            if when > today:
                break
            for instrument, answers in _battery(rng, responder, stage).items():
                record_assessment(session, episode.id, timepoint, when, instrument, answers)
