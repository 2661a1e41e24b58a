"""Plan of care: its fields, the physician certification's due dates, and the printed plan."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mash_desktop.cli import main
from mash_desktop.models import Episode
from mash_desktop.services import ValidationError
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.documentation import due_list, episode_timing
from mash_desktop.services.episodes import create_episode, update_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.plan_of_care import certification, home_frequency
from mash_desktop.services.sessions import save_note, sign_note
from tests.note_kit import evaluation, ready_for_evaluation

FIRST = date(2025, 1, 6)  # the date-arithmetic example of instruments_billing.md §11


@pytest.fixture
def episode_id(db) -> int:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "P1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1950-02-03", "sex": "female"}).id
        return create_episode(s, pid, {"start_date": FIRST, "icd10_code": "M54.50",
                                       "diagnosis_text": "Low back pain, unspecified",
                                       "arm": "hip_focused", "cert_start": FIRST}).id


def cert(db, episode_id: int, today: date, **fields: object):  # noqa: ANN001, ANN201
    with db.session() as s:
        if fields:
            update_episode(s, episode_id, {"physician_name": "Dr. Rao", **fields})
        return certification(s, s.get(Episode, episode_id), today)


def test_plan_defaults_to_the_mash_dose(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        ep = s.get(Episode, episode_id)
        assert (ep.session_minutes, ep.sessions_per_day, ep.sessions_per_week,
                ep.duration_weeks) == (60, 1, 2, 8)
        assert home_frequency(ep) == ""
        update_episode(s, episode_id, {"hep_days_per_week": 5})
        assert home_frequency(ep) == "once a day, 5 days a week"


def test_initial_certification_is_due_30_days_after_the_first_treatment_day(db, episode_id) -> None:  # noqa: ANN001
    due = FIRST + timedelta(days=30)
    assert cert(db, episode_id, due).state == "awaiting"
    assert cert(db, episode_id, due).due == due
    assert cert(db, episode_id, due + timedelta(days=1)).state == "overdue"
    assert cert(db, episode_id, due, cert_signed_on=due).state == "certified"
    assert cert(db, episode_id, due + timedelta(days=5),
                cert_signed_on=due + timedelta(days=1)).state == "certified_late"


def test_verbal_order_needs_the_signature_within_14_days(db, episode_id) -> None:  # noqa: ANN001
    order = FIRST + timedelta(days=3)
    c = cert(db, episode_id, order + timedelta(days=14), verbal_order_on=order)
    assert c.state == "verbal_order" and c.due == order + timedelta(days=14)
    assert cert(db, episode_id, order + timedelta(days=15)).state == "overdue"
    late_signature = order + timedelta(days=28)  # past both the 14 and the 30 days
    assert cert(db, episode_id, late_signature,
                cert_signed_on=late_signature).state == "certified_late"


def test_certified_interval_is_90_days_counted_inclusively(db, episode_id) -> None:  # noqa: ANN001
    c = cert(db, episode_id, FIRST, cert_signed_on=FIRST + timedelta(days=2))
    assert c.interval_end == date(2025, 4, 5)  # day 90 counted from 2025-01-06
    with db.session() as s:
        ep = s.get(Episode, episode_id)
        items = episode_timing(s, ep, date(2025, 4, 5)).items
        assert any("recertification due" in i.what for i in items)
        items = episode_timing(s, ep, date(2025, 4, 6)).items
        assert any("recertification overdue" in i.what for i in items)


def test_overdue_certification_is_in_the_due_list(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        items = due_list(s, FIRST + timedelta(days=31))
    assert any("certification overdue" in i.what for i in items)


@pytest.mark.parametrize(("fields", "field"), [
    ({"physician_npi": "1234567890"}, "physician_npi"),
    ({"physician_npi": "12345"}, "physician_npi"),
    ({"cert_sent_on": "2025-01-10", "cert_signed_on": "2025-01-08"}, "cert_signed_on"),
    ({"cert_signed_on": "2025-01-10", "physician_name": ""}, "physician_name"),
    ({"hep_times_per_day": 2}, "hep_days_per_week"),
    ({"hep_days_per_week": 8}, "hep_days_per_week"),
    ({"sessions_per_week": 0}, "sessions_per_week"),
    ({"medical_icd10_code": "not a code"}, "medical_icd10_code"),
    ({"medical_icd10_code": "M51.36"}, "medical_icd10_code"),   # a category since FY2025
    ({"medical_icd10_code": "M99.99"}, "medical_icd10_code"),   # the right shape, no code
    ({"cert_signed_on": (date.today() + timedelta(days=3)).isoformat(),
      "physician_name": "Dr. Rao"}, "cert_signed_on"),
])
def test_bad_plan_fields_are_refused_at_their_field(db, episode_id, fields, field) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        update_episode(s, episode_id, fields)
    assert field in info.value.errors


def test_medical_diagnosis_is_checked_like_the_treatment_diagnosis(db, episode_id) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        update_episode(s, episode_id, {"medical_icd10_code": "M51.36"})
    assert "not a billable code" in info.value.errors["medical_icd10_code"]
    assert "M51.360" in info.value.errors["medical_icd10_code"]
    with db.session() as s:  # the description fills in from the code set
        update_episode(s, episode_id, {"medical_icd10_code": "m1611"})
        ep = s.get(Episode, episode_id)
        assert ep.medical_icd10_code == "M16.11"
        assert ep.medical_diagnosis_text == "Unilateral primary osteoarthritis, right hip"


def test_printed_plan_holds_diagnoses_goals_dose_home_program_and_certification(
        db, tmp_path: Path) -> None:  # noqa: ANN001
    start = date.today() - timedelta(days=10)
    with db.session() as s:
        pid = create_patient(s, {"mrn": "P2", "first_name": "Łucja", "last_name": "Kowalska",
                                 "date_of_birth": "1950-02-03", "sex": "female"}).id
        eid = create_episode(s, pid, {
            "start_date": start, "icd10_code": "M54.50",
            "diagnosis_text": "Low back pain, unspecified", "arm": "hip_focused",
            "medical_icd10_code": "M16.11",
            "medical_diagnosis_text": "Unilateral primary osteoarthritis, right hip",
            "physician_name": "Dr. Anita Rao, MD", "physician_npi": "1234567893",
            "cert_sent_on": start + timedelta(days=1)}).id
        ready_for_evaluation(s, eid, start)
        note = save_note(s, eid, {
            "visit_date": start, "total_minutes": 60, **evaluation(),
            "exercises": [{"exercise": "clamshell", "sets": 2, "reps": 10,
                           "home_program": True}],
            "billing": {"97162": 30, "97110": 30}})
        sign_note(s, note.id, SYSTEM, signer_name="Dana Whitaker", credentials="PT, DPT")
    out = tmp_path / "poc.pdf"
    assert main(["--db", str(db.engine.url.database), "report", "plan-of-care", "--episode",
                 str(eid), "--out", str(out)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    text = " ".join(text.split())
    for expected in ("Plan of care", "Łucja", "M54.50 Low back pain, unspecified",
                     "M16.11 Unilateral primary osteoarthritis, right hip",
                     "QBPDS 20 or lower", "≤ 20", "Walk at 1.1 m/s", "≥ 1.10",
                     "60-minute session, once a day", "2 times a week", "8 weeks (16 visits)",
                     "Frequency: once a day, 5 days a week", "Clamshell",
                     "Dana Whitaker, PT, DPT", "Dr. Anita Rao, MD", "NPI: 1234567893",
                     f"Sent to the physician: {(start + timedelta(days=1)).isoformat()}",
                     "Hip internal rotation", "0.17",  # 12.0 kgf / 70 kg
                     "Exclusion and red-flag screen: no item present"):
        assert expected in text, expected
    assert f"signature due by {(start + timedelta(days=30)).isoformat()}" in text


def test_unsigned_evaluation_prints_that_the_plan_is_not_signed(db, episode_id,  # noqa: ANN001
                                                                tmp_path: Path) -> None:
    from mash_desktop.reports import generate

    with db.session() as s:
        pdf = generate("plan-of-care", s, episode_id)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Not signed" in " ".join(text.split())


def test_demo_plans_name_a_physician_and_certification_dates(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        for ep in s.scalars(select(Episode)):
            assert ep.physician_name and ep.cert_start and ep.cert_end
            assert ep.hep_days_per_week
            c = certification(s, ep)
            assert c.state in ("certified", "verbal_order", "awaiting"), (ep.id, c)
