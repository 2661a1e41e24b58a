"""The PT's day: who is expected today, the appointment list, and what Enter opens."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from mash_desktop.changes import Kind, changes_of
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.appointments import (
    add_appointment,
    appointments_on,
    remove_appointment,
    update_appointment,
)
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note
from mash_desktop.services.today import today_view
from mash_desktop.services.users import SignedInUser

pytestmark = pytest.mark.both_engines  # the Today screen and appointments on a clinic server too

# A Wednesday, so the plan-of-care suggestions (weekdays only) apply.
DAY = date(2026, 11, 25)


def _patient(s, mrn: str, last: str, start: date) -> tuple[int, int]:  # noqa: ANN001
    pid = create_patient(s, {"mrn": mrn, "first_name": "Ann", "last_name": last,
                             "date_of_birth": "1955-02-03", "sex": "female"}).id
    eid = create_episode(s, pid, {"start_date": start, "icd10_code": "M54.50",
                                  "diagnosis_text": "LBP", "arm": "hip_focused"}).id
    return pid, eid


def _visit(s, eid: int, when: date, **extra: object) -> int:  # noqa: ANN001
    return save_note(s, eid, {"visit_date": when, "status": "attended", "total_minutes": 60,
                              **extra}).id


@pytest.fixture
def clinic(db):  # noqa: ANN001, ANN201
    """Lee: last seen Monday (2 a week: due again Thursday); Moss: last seen last Friday
    (due today); Ng: started today (evaluation)."""
    with db.session() as s:
        lee = _patient(s, "L1", "Lee", DAY - timedelta(days=30))
        _visit(s, lee[1], DAY - timedelta(days=2))
        moss = _patient(s, "M1", "Moss", DAY - timedelta(days=30))
        _visit(s, moss[1], DAY - timedelta(days=5))
        ng = _patient(s, "N1", "Ng", DAY)
    return {"lee": lee, "moss": moss, "ng": ng}


def test_plan_of_care_suggests_who_is_due_today(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        view = today_view(s, None, DAY)
    names = [v.patient for v in view.visits]
    assert names == ["Moss, Ann", "Ng, Ann"]  # Lee was seen two days ago
    moss, ng = view.visits
    assert moss.status == "suggested" and moss.opens == "new"
    assert moss.note_type == "daily" and "copy forward" in moss.action
    assert ng.note_type == "evaluation" and ng.action == "New initial evaluation"
    assert moss.mrn == "M1" and moss.date_of_birth == date(1955, 2, 3)


def test_no_suggestions_on_a_weekend_or_when_the_week_is_full(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        assert today_view(s, None, DAY + timedelta(days=3)).visits == []  # Saturday
        _visit(s, clinic["moss"][1], DAY - timedelta(days=1))
        _visit(s, clinic["moss"][1], DAY - timedelta(days=2), start_time="08:00")
        view = today_view(s, None, DAY)
    assert "Moss, Ann" not in [v.patient for v in view.visits]  # two visits this week


def test_appointment_list_orders_by_time_and_replaces_the_suggestion(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        add_appointment(s, {"day": DAY, "start_time": "14:30", "patient_id": clinic["moss"][0]})
        add_appointment(s, {"day": DAY, "start_time": "09:00", "patient_id": clinic["lee"][0]})
        view = today_view(s, None, DAY)
    assert [(v.patient, v.start_time, v.status) for v in view.visits] == [
        ("Lee, Ann", time(9, 0), "planned"), ("Moss, Ann", time(14, 30), "planned"),
        ("Ng, Ann", None, "suggested")]
    assert view.visits[0].episode_id == clinic["lee"][1]  # the active episode is filled in


def test_pt_marks_moves_and_removes_an_appointment(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        a = add_appointment(s, {"day": DAY, "start_time": "09:00",
                                "patient_id": clinic["lee"][0]})
    with db.session() as s:
        update_appointment(s, a.id, {"status": "arrived", "start_time": "09:15"})
        assert changes_of(s).touches({Kind.APPOINTMENT})
        (row,) = appointments_on(s, DAY)
        assert (row.status, row.start_time) == ("arrived", time(9, 15))
        remove_appointment(s, a.id)
        assert appointments_on(s, DAY) == []


def test_bad_appointments_are_refused_at_the_field(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        with pytest.raises(ValidationError) as bad:
            add_appointment(s, {"day": DAY, "start_time": "25:00", "patient_id": 9999,
                                "status": "maybe"})
    assert set(bad.value.errors) == {"start_time", "patient_id", "status"}
    with db.session() as s:
        add_appointment(s, {"day": DAY, "start_time": "09:00", "patient_id": clinic["lee"][0]})
        with pytest.raises(ValidationError, match="already has an appointment"):
            add_appointment(s, {"day": DAY, "start_time": "09:00",
                                "patient_id": clinic["lee"][0]})
        with pytest.raises(ValidationError) as other:
            add_appointment(s, {"day": DAY, "patient_id": clinic["lee"][0],
                                "episode_id": clinic["moss"][1]})
    assert "episode_id" in other.value.errors


def test_an_assistant_without_write_rights_cannot_change_the_list(db, clinic) -> None:  # noqa: ANN001
    reader = SignedInUser(id=99, username="x", full_name="X", role="viewer",
                          credentials="", active=True)
    with db.session() as s, pytest.raises(PermissionDenied):
        add_appointment(s, {"day": DAY, "patient_id": clinic["lee"][0]}, reader)


def test_todays_draft_is_what_enter_opens(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        nid = _visit(s, clinic["moss"][1], DAY)
        view = today_view(s, None, DAY)
    moss = next(v for v in view.visits if v.patient == "Moss, Ann")
    assert (moss.opens, moss.note_id, moss.note_state) == ("note", nid, "draft")
    assert moss.action.startswith("Finish the draft")


def test_due_list_names_unsigned_notes_and_reassessments(db, clinic) -> None:  # noqa: ANN001
    with db.session() as s:
        nid = _visit(s, clinic["lee"][1], DAY - timedelta(days=9))
        view = today_view(s, None, DAY + timedelta(days=26))  # 8 weeks after Lee's start
    unsigned = [d for d in view.due if d.opens == "note"]
    assert nid in [d.note_id for d in unsigned]
    assert any(d.opens == "outcomes" and "8 weeks" in d.item.what for d in view.due)


def test_each_clinician_sees_their_own_and_unassigned_patients(db, clinic) -> None:  # noqa: ANN001
    from mash_desktop.models import Episode
    from mash_desktop.services.users import create_user

    with db.session() as s:
        dana = create_user(s, {"username": "dana", "full_name": "Dana W", "role": "clinician",
                               "credentials": "PT", "password": "correct horse battery"})
        sam_row = create_user(s, {"username": "sam", "full_name": "Sam K",
                                  "role": "clinician", "credentials": "PT",
                                  "password": "correct horse battery"}, dana)
        moss = s.get(Episode, clinic["moss"][1])
        assert moss is not None
        moss.therapist_id = sam_row.id  # as when Sam opened the episode
        sam = SignedInUser(sam_row.id, "sam", "Sam K", "PT", "clinician", True)
        me = SignedInUser(dana.id, "dana", "Dana W", "PT", "clinician", True)
        assert "Moss, Ann" not in [v.patient for v in today_view(s, me, DAY).visits]
        assert "Moss, Ann" in [v.patient for v in today_view(s, sam, DAY).visits]
        assert "Moss, Ann" in [v.patient for v in today_view(s, me, DAY, everyone=True).visits]


def test_appointments_travel_with_the_export(db, clinic, tmp_path) -> None:  # noqa: ANN001
    from conftest import sqlite_url

    from mash_desktop.services.startup import open_clinic
    from mash_desktop.services.transfer import export_data, import_data

    with db.session() as s:
        add_appointment(s, {"day": DAY, "start_time": "09:00", "patient_id": clinic["lee"][0],
                            "note": "bring shoes"})
        data = export_data(s)
    other = open_clinic(sqlite_url(tmp_path / "other.db"))
    try:
        with other.session() as s:
            import_data(s, data)
        with other.session() as s:
            (row,) = appointments_on(s, DAY)
        assert (row.patient_id, row.start_time, row.note) == (clinic["lee"][0], time(9, 0),
                                                              "bring shoes")
    finally:
        other.dispose()


def test_the_audit_trail_reads_in_words(db, clinic) -> None:  # noqa: ANN001
    from mash_desktop.services.assessments import record_assessment
    from mash_desktop.services.audit_query import AuditFilter
    from mash_desktop.services.audit_reading import audit_rows, describe_changes

    with db.session() as s:
        record_assessment(s, clinic["lee"][1], "6_months", DAY, "nprs_hip", 4)
        rows = audit_rows(s, AuditFilter(patient_id=clinic["lee"][0]))
    assessment = next(r for r in rows if r.record.startswith("assessment"))
    assert assessment.patient == "Lee, Ann" and assessment.action == "created"
    assert "6 months" in assessment.changes and "6_months" not in assessment.changes
    assert "nprs_hip" not in assessment.changes
    text = describe_changes({"instrument": [None, "gait_speed"],
                             "total": [None, 1.8348623853211008]})
    assert text.endswith("Total: — → 1.83")  # gait speed's precision, not 16 digits
