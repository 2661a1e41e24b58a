"""Discharge summary outcome status by time point (issue 12; documentation.md "Discharge
note"): the status at discharge is the assessment at or before discharge (MASH: 8 weeks),
the 6-month follow-up is reported as follow-up, each with its own change and judgement."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from mash_desktop.reports import generate
from mash_desktop.services.assessments import outcome_table, record_assessment
from mash_desktop.services.episodes import create_episode, update_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note


def _episode(s, qbpds: tuple[int, int, int], gait: tuple[float, float, float]) -> int:  # noqa: ANN001
    start = date.today() - timedelta(days=200)
    pid = create_patient(s, {"mrn": "T-" + "-".join(map(str, qbpds)), "first_name": "Ada",
                             "last_name": "Test", "date_of_birth": "1950-01-01",
                             "sex": "female"}).id
    eid = create_episode(s, pid, {"start_date": start, "icd10_code": "M54.50",
                                  "diagnosis_text": "LBP", "arm": "hip_focused"}).id
    save_note(s, eid, {"visit_date": start, "total_minutes": 60,
                       "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}]})
    for tp, days, q, g in (("baseline", 0, qbpds[0], gait[0]), ("8_weeks", 56, qbpds[1], gait[1]),
                           ("6_months", 182, qbpds[2], gait[2])):
        when = start + timedelta(days=days)
        # QBPDS items: q//5 items at 5 and the remainder on one more item
        items = [5] * (q // 5) + ([q % 5] if q % 5 else [])
        record_assessment(s, eid, tp, when, "qbpds", items + [0] * (20 - len(items)))
        record_assessment(s, eid, tp, when, "gait_speed", {"distance_m": 10, "time_s": 10 / g})
    update_episode(s, eid, {"status": "discharged", "discharge_date": start + timedelta(days=60),
                            "discharge_reason": "Completed the program"})
    return eid


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def test_eight_week_improvement_then_six_month_relapse_is_printed_as_both(db) -> None:  # noqa: ANN001
    """DEMO-003's case: QBPDS 32 → 25 at 8 weeks is a meaningful improvement at discharge;
    the 6-month 33 is a follow-up, never the discharge status."""
    with db.session() as s:
        eid = _episode(s, (32, 25, 33), (1.14, 1.30, 1.10))
        rows = {r.instrument: r for r in outcome_table(s, eid)}
        text = _text(generate("discharge", s, eid))
    q = rows["qbpds"]
    assert (q.baseline.value, q.discharge.value, q.follow_up.value) == (32, 25, 33)
    assert q.discharge.timepoint == "8_weeks" and q.follow_up.timepoint == "6_months"
    assert q.discharge_change.meaningful and not q.follow_up_change.meaningful
    assert "−7.0 points (−21.9%) Meaningful improvement (at least the minimal important " \
           "change)" in text
    assert "+1.0 points (+3.1%) Worse, by less than the minimal important change" in text
    assert "At discharge" in text and "Follow-up" in text
    assert "+0.16 m/s (+14.0%) Meaningful improvement" in text       # 1.14 → 1.30
    assert "−0.04 m/s (−3.5%) Worse, by less than" in text            # 1.14 → 1.10


def test_eight_week_decline_then_six_month_recovery_flags_the_decline(db) -> None:  # noqa: ANN001
    """The reverse: gait speed 1.14 → 0.82 m/s at 8 weeks (six times the threshold) is a
    meaningful worsening at discharge, flagged in words, even though 6 months recovered."""
    with db.session() as s:
        eid = _episode(s, (32, 40, 20), (1.14, 0.82, 1.25))
        rows = {r.instrument: r for r in outcome_table(s, eid)}
        text = _text(generate("discharge", s, eid))
    g = rows["gait_speed"]
    assert g.discharge_change.meaningful_worsening and g.follow_up_change.meaningful
    assert "−0.32 m/s (−28.1%) MEANINGFUL WORSENING (declined by at least the minimal " \
           "important change)" in text
    assert "+0.11 m/s (+9.6%) Meaningful improvement" in text
    assert "+8.0 points (+25.0%) MEANINGFUL WORSENING" in text        # QBPDS 32 → 40
    assert "Meaningful worsening: QBPDS 32.0 → 40.0 points (baseline → discharge); " \
           "Gait speed 1.14 → 0.82 m/s (baseline → discharge)." in text
