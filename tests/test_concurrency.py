"""Two workstations, one chart: a save over someone else's newer save is refused with what
they changed, never silently lost; visit numbers and MRNs stay unique under concurrency."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.models import AuditEntry, Patient, User, VisitNote
from mash_desktop.services import ValidationError
from mash_desktop.services import patients as patients_mod
from mash_desktop.services.appointments import (
    add_appointment,
    appointments_on,
    remove_appointment,
    update_appointment,
)
from mash_desktop.services.checks import run_checks
from mash_desktop.services.concurrency import ConflictError
from mash_desktop.services.episodes import create_episode, save_episode, update_episode
from mash_desktop.services.patients import (
    create_patient,
    get_patient,
    patient_form_values,
    update_patient,
)
from mash_desktop.services.sessions import note_values, save_note, sign_note
from mash_desktop.services.tamper import audit_problems

pytestmark = pytest.mark.both_engines

ROOT = Path(__file__).resolve().parent.parent
START = date.today() - timedelta(days=40)
PAT = User(username="pat", full_name="Pat Doe", credentials="PT", role="clinician", active=True)


@pytest.fixture
def chart(db) -> tuple[int, int]:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "C1", "first_name": "Ruth", "last_name": "Okafor",
                                 "date_of_birth": "1952-04-09", "sex": "female"}).id
        eid = create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
    return pid, eid


def visit(day: int, **extra: object) -> dict:
    return {"visit_date": START + timedelta(days=day), "status": "attended",
            "total_minutes": 45, "subjective": "Walked to the shops.",
            "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}],
            "billing": {"97110": 45}, **extra}


def opened_patient(db, pid: int) -> tuple[dict, int]:  # noqa: ANN001
    with db.session() as s:
        p = get_patient(s, pid)
        return patient_form_values(p), p.version


def test_second_save_of_a_patient_names_what_the_first_changed(db, chart) -> None:  # noqa: ANN001
    pid, _ = chart
    front_desk, pt = opened_patient(db, pid), opened_patient(db, pid)
    with db.session() as s:
        update_patient(s, pid, {"phone": "555-0101"}, expected_version=front_desk[1],
                       opened=front_desk[0])
    with pytest.raises(ConflictError) as err, db.session() as s:
        update_patient(s, pid, {"notes": "Prefers mornings"}, expected_version=pt[1],
                       opened=pt[0])
    assert err.value.changes == {"phone": ["", "555-0101"]}
    assert "phone: (empty) → 555-0101" in err.value.message
    assert "by local" in err.value.message and "kept as a draft" in err.value.message
    with db.session() as s:
        p = get_patient(s, pid)
        assert (p.phone, p.notes, p.version) == ("555-0101", "", 2)


def test_a_save_from_the_current_version_goes_through(db, chart) -> None:  # noqa: ANN001
    pid, _ = chart
    values, version = opened_patient(db, pid)
    with db.session() as s:
        update_patient(s, pid, {"phone": "555-0101"}, expected_version=version, opened=values)
    values, version = opened_patient(db, pid)
    with db.session() as s:
        update_patient(s, pid, {"phone": "555-0202"}, expected_version=version, opened=values)
    assert opened_patient(db, pid)[1] == 3


def test_an_update_racing_inside_the_transaction_is_a_conflict_too(db, chart) -> None:  # noqa: ANN001
    """Read, someone else commits, then our UPDATE: the version column catches it."""
    pid, _ = chart
    mine = db.reader()
    try:
        patient = mine.get(Patient, pid)
        with db.session() as theirs:
            update_patient(theirs, pid, {"phone": "555-0303"})
        patient.notes = "my edit"
        with pytest.raises(ConflictError):
            with patients_mod.stale_is_conflict(mine, "patient", patient):
                mine.flush()
    finally:
        mine.rollback()
        mine.close()
    with db.session() as s:
        assert get_patient(s, pid).notes == ""


def test_stale_episode_save_is_refused_whole(db, chart) -> None:  # noqa: ANN001
    pid, eid = chart
    with db.session() as s:
        ep = update_episode(s, eid, {})
        version = ep.version
    with db.session() as s:
        update_episode(s, eid, {"planned_visits": 12, "duration_weeks": 6},
                       expected_version=version)
    with pytest.raises(ConflictError) as err, db.session() as s:
        save_episode(s, pid, eid, {"frequency": "1x/week for 12 weeks"}, None,
                     expected_version=version,
                     opened={"planned_visits": 16, "duration_weeks": 8})
    assert err.value.changes == {"planned_visits": [16, 12], "duration_weeks": [8, 6]}
    with db.session() as s:
        assert update_episode(s, eid, {}).frequency == "2x/week for 8 weeks"


def test_stale_draft_note_save_and_sign_are_refused(db, chart) -> None:  # noqa: ANN001
    _, eid = chart
    with db.session() as s:
        note = save_note(s, eid, visit(1))
        nid, version, opened = note.id, note.version, note_values(note)
    with db.session() as s:  # the assistant adds an exercise on another workstation
        save_note(s, eid, visit(1, exercises=[{"exercise": "bridge", "sets": 2, "reps": 10},
                                              {"exercise": "clamshell", "sets": 2,
                                               "reps": 12}]),
                  nid, expected_version=version, opened=opened)
    with pytest.raises(ConflictError) as err, db.session() as s:
        save_note(s, eid, visit(1, subjective="Stiff after the drive."), nid,
                  expected_version=version, opened=opened)
    assert "exercises" in err.value.changes
    with pytest.raises(ConflictError), db.session() as s:
        sign_note(s, nid, PAT, expected_version=version)
    with db.session() as s:
        note = s.get(VisitNote, nid)
        assert note.signed_at is None and note.subjective == "Walked to the shops."
        assert len(note.exercises) == 2


def test_doses_alone_changing_still_moves_the_version(db, chart) -> None:  # noqa: ANN001
    _, eid = chart
    with db.session() as s:
        note = save_note(s, eid, visit(1))
        nid, version = note.id, note.version
    with db.session() as s:
        save_note(s, eid, visit(1, exercises=[{"exercise": "bridge", "sets": 3, "reps": 10}]),
                  nid, expected_version=version)
    with db.session() as s:
        assert s.get(VisitNote, nid).version == version + 1


def test_an_mrn_saved_elsewhere_between_check_and_insert_is_refused_at_the_field(
        db, monkeypatch) -> None:  # noqa: ANN001
    """The unique index has the last word when two desks pass the check at once."""
    with db.session() as s:
        create_patient(s, {"mrn": "DUP-1", "first_name": "A", "last_name": "B",
                           "date_of_birth": "1950-01-01", "sex": "male"})
    monkeypatch.setattr(patients_mod, "_check_unique_mrn", lambda *a: None)
    with pytest.raises(ValidationError) as err, db.session() as s:
        create_patient(s, {"mrn": "DUP-1", "first_name": "C", "last_name": "D",
                           "date_of_birth": "1951-01-01", "sex": "female"})
    assert err.value.errors == {"mrn": "DUP-1 is already used by another patient"}
    with db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == 1


def test_an_mrn_differing_only_by_case_saved_elsewhere_is_refused_at_the_field(
        db, monkeypatch) -> None:  # noqa: ANN001
    """"ab-7" and "AB-7" are one MRN: the case-insensitive index refuses the second even
    when both desks passed the rule's check at the same moment."""
    with db.session() as s:
        create_patient(s, {"mrn": "ab-7", "first_name": "A", "last_name": "B",
                           "date_of_birth": "1950-01-01", "sex": "male"})
    monkeypatch.setattr(patients_mod, "_check_unique_mrn", lambda *a: None)
    with pytest.raises(ValidationError) as err, db.session() as s:
        create_patient(s, {"mrn": "AB-7", "first_name": "C", "last_name": "D",
                           "date_of_birth": "1951-01-01", "sex": "female"})
    assert err.value.errors == {"mrn": "AB-7 is already used by another patient"}
    with db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == 1


def test_an_appointment_marked_at_two_desks_keeps_the_first_and_names_it(
        db, chart) -> None:  # noqa: ANN001
    """The front desk marks the patient arrived while the PT, from an older screen, marks
    a no-show: the PT's change is refused with what the desk changed, not silently
    applied over it."""
    pid, eid = chart
    with db.session() as s:
        shown = add_appointment(s, {"day": START + timedelta(days=3), "patient_id": pid,
                                    "start_time": "09:00"})
    with db.session() as s:
        moved = update_appointment(s, shown.id, {"status": "arrived"},
                                   expected_version=shown.version)
    assert moved.version == shown.version + 1
    with pytest.raises(ConflictError) as err, db.session() as s:
        update_appointment(s, shown.id, {"status": "no_show"}, expected_version=shown.version,
                           opened=shown.shown())
    assert err.value.changes == {"status": ["planned", "arrived"]}
    with pytest.raises(ConflictError), db.session() as s:
        remove_appointment(s, shown.id, expected_version=shown.version)
    with db.session() as s:
        [row] = appointments_on(s, START + timedelta(days=3), everyone=True)
        assert row.status == "arrived" and row.episode_id == eid


def _workstation(url: str, eid: int, name: str, rounds: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(ROOT / "tests" / "workstation.py"), url,
                             str(eid), name, str(rounds)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_workstation_processes_editing_one_chart_lose_nothing(db, chart) -> None:  # noqa: ANN001
    """Two real processes document visits for the same episode and edit the same patient:
    every visit is kept with its own number, every accepted edit is in the audit trail,
    every refused one was retried, and the database passes every check."""
    pid, eid = chart
    rounds = 12
    procs = [_workstation(db.url, eid, name, rounds) for name in ("ws1", "ws2")]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    with db.session() as s:
        numbers = sorted(s.scalars(select(VisitNote.visit_number)
                                   .where(VisitNote.episode_id == eid)))
        patient = get_patient(s, pid)
        edits = s.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.entity == "patient", AuditEntry.entity_id == pid,
            AuditEntry.action == "update"))
        all_notes = set(s.scalars(select(VisitNote.id).where(VisitNote.episode_id == eid)))
        problems = [p for r in run_checks(s) for p in r.problems]
    saved = [n for r in results for n in r["notes"]]
    assert sorted(saved) == sorted(all_notes) and len(saved) == 2 * rounds
    assert numbers == list(range(1, 2 * rounds + 1))  # one visit day: 1..24, none twice
    assert edits == 2 * rounds and patient.version == 1 + 2 * rounds
    assert patient.phone in {p for r in results for p in r["phones"]}
    assert problems == []


def test_audit_appends_wait_for_each_other_so_the_trail_follows_commit_order(db, chart) -> None:  # noqa: ANN001
    """The audit chain needs one append at a time: a second workstation's audited write
    waits until the first one's transaction ends, then lands after it."""
    import threading
    import time

    from mash_desktop.services import audit

    pid, _ = chart
    events: list[str] = []
    first = db.reader()
    try:
        audit.record(first, None, "update", "patient", pid, patient_id=pid)
        first.flush()

        def second() -> None:
            with db.session() as s:
                audit.record(s, None, "update", "patient", pid, patient_id=pid,
                             changes={"by": [None, "second"]})
            events.append("second committed")

        t = threading.Thread(target=second)
        t.start()
        time.sleep(1.0)
        events.append("first commits")
        first.commit()
        t.join(timeout=30)
    finally:
        first.close()
    assert events == ["first commits", "second committed"]
    with db.session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last.changes == {"by": [None, "second"]}
        assert list(audit_problems(s)) == []  # each chained to the one committed before
