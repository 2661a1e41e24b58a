"""Session documentation: notes, doses, signing, addenda, copy-forward, progression, timing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from mash_desktop.models import AdverseEvent, ExerciseDose, User, VisitNote
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.copy_forward import apply_suggestions, copy_forward
from mash_desktop.services.documentation import (
    due_list,
    episode_timing,
    record_progress_report,
)
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.progression import next_dose
from mash_desktop.services.sessions import (
    add_addendum,
    note_values,
    overdue_notes,
    save_note,
    sign_note,
    units_for_note,
)
from tests.note_kit import evaluation, ready_for_evaluation

pytestmark = pytest.mark.both_engines


START = date.today() - timedelta(days=60)

DANA = User(username="dana", full_name="Dana Whitaker", credentials="DPT", role="clinician",
            active=True)


@pytest.fixture
def episode_id(db) -> int:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "S1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1955-02-03", "sex": "female"}).id
        return create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                       "diagnosis_text": "LBP", "arm": "hip_focused"}).id


def visit(day: int, **extra: object) -> dict:
    base = {"visit_date": START + timedelta(days=day), "status": "attended",
            "total_minutes": 60, "pain_back_pre": 6, "pain_back_post": 4,
            "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10, "hold_s": 3},
                          {"exercise": "clamshell", "side": "right", "sets": 3, "reps": 15,
                           "load_type": "band", "band": "yellow"}],
            "manual_therapy": [{"technique": "hip_long_axis_distraction", "side": "right",
                                "grade": "III", "sets": 3, "oscillations": 30}],
            "education": ["edu_hip_anatomy"],
            "billing": {"97110": 30, "97140": 15}}
    base.update(extra)
    return base


def save(db, episode_id: int, data: dict, note_id: int | None = None) -> int:  # noqa: ANN001
    with db.session() as s:
        return save_note(s, episode_id, data, note_id).id


def test_note_with_all_interventions_is_saved_as_one_unit(db, episode_id: int) -> None:  # noqa: ANN001
    nid = save(db, episode_id, visit(0))
    with db.session() as s:
        values = note_values(s.get(VisitNote, nid))
        note = s.get(VisitNote, nid)
        assert note.visit_number == 1
        assert units_for_note(note) == {"97110": 2, "97140": 1}
    assert [e["exercise"] for e in values["exercises"]] == ["bridge", "clamshell"]
    assert values["exercises"][1]["band"] == "yellow"
    assert values["manual_therapy"][0]["grade"] == "III"
    assert values["education"] == ["edu_hip_anatomy"]


@pytest.mark.parametrize(("change", "field"), [
    ({"pain_back_pre": 11}, "pain_back_pre"),
    ({"pain_hip_post": -1}, "pain_hip_post"),
    ({"total_minutes": 600}, "total_minutes"),
    ({"total_minutes": 0}, "total_minutes"),
    ({"visit_date": date.today() + timedelta(days=2)}, "visit_date"),
    ({"visit_date": START - timedelta(days=1)}, "visit_date"),
    ({"exercises": [{"exercise": "bridge", "sets": -1, "reps": 10}]}, "exercises[0].sets"),
    ({"exercises": [{"exercise": "bridge", "sets": 2}]}, "exercises[0].reps"),
    ({"exercises": [{"exercise": "bridge", "sets": 2, "reps": 10, "load_type": "band"}]},
     "exercises[0].band"),
    ({"exercises": [{"exercise": "bridge", "sets": 2, "reps": 10, "load_type": "kg",
                     "load_kg": 900}]}, "exercises[0].load_kg"),
    ({"exercises": [{"exercise": "hip_long_axis_distraction", "sets": 2, "reps": 1}]},
     "exercises[0].exercise"),
    ({"manual_therapy": [{"technique": "bridge"}]}, "manual_therapy[0].technique"),
    ({"manual_therapy": [{"technique": "lumbar_pa_central", "grade": "VII"}]},
     "manual_therapy[0].grade"),
    ({"billing": {"97110": 70}}, "billing.97110"),
    ({"billing": {"12345": 10}}, "billing.12345"),
    ({"billing": {"97110": 40, "97140": 30}}, "billing"),
    ({"status": "cancelled"}, "status_reason"),
    ({"adverse_event": True}, "adverse.description"),
])
def test_bad_entries_are_refused_at_their_field_and_nothing_is_saved(
        db, episode_id: int, change: dict, field: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_note(s, episode_id, visit(1, **change))
    assert field in info.value.errors
    with db.session() as s:
        assert s.scalar(select(func.count(VisitNote.id))) == 0
        assert s.scalar(select(func.count(ExerciseDose.id))) == 0


def test_cancelled_visit_keeps_a_reason_and_no_number(db, episode_id: int) -> None:  # noqa: ANN001
    nid = save(db, episode_id, {"visit_date": START, "status": "cancelled",
                                "status_reason": "Snow storm"})
    with db.session() as s:
        assert s.get(VisitNote, nid).visit_number == 0


def test_adverse_event_screen_creates_a_record(db, episode_id: int) -> None:  # noqa: ANN001
    save(db, episode_id, visit(0, adverse_event=True, adverse={
        "description": "Dizziness after cycling", "serious": False,
        "relatedness": "possibly", "action": "Rested; resolved"}))
    with db.session() as s:
        ae = s.scalar(select(AdverseEvent))
        assert ae.relatedness == "possibly" and ae.episode_id == episode_id


def test_signed_note_cannot_be_changed_only_amended(db, episode_id: int) -> None:  # noqa: ANN001
    with db.session() as s:
        ready_for_evaluation(s, episode_id, START)
    nid = save(db, episode_id, visit(0, **evaluation()))
    with db.session() as s:
        sign_note(s, nid, DANA)
    with pytest.raises(PermissionDenied, match="read-only"), db.session() as s:
        save_note(s, episode_id, visit(0, pain_back_pre=2), nid)
    with pytest.raises(PermissionDenied), db.session() as s:
        sign_note(s, nid, User(username="x", full_name="Someone else", credentials="PT",
                               role="clinician", active=True))
    with db.session() as s:
        add_addendum(s, nid, "Pain post-session was 3, not 4.", DANA)
    with db.session() as s:
        note = s.get(VisitNote, nid)
        assert note.pain_back_pre == 6
        assert note.signature_name == "Dana Whitaker"
        assert [a.text for a in note.addenda] == ["Pain post-session was 3, not 4."]
        assert note.addenda[0].signed_at is not None


def test_signing_needs_an_account_with_name_and_credentials(db, episode_id: int) -> None:  # noqa: ANN001
    nid = save(db, episode_id, visit(0))
    with pytest.raises(PermissionDenied, match="may not sign"), db.session() as s:
        sign_note(s, nid, signer_name="Dana Whitaker", credentials="DPT")  # a typed name
    no_credentials = User(username="x", full_name="X", credentials="", role="clinician",
                          active=True)
    with pytest.raises(ValidationError, match="credentials"), db.session() as s:
        sign_note(s, nid, no_credentials)
    with pytest.raises(ValidationError), db.session() as s:
        add_addendum(s, nid, "too early: draft", DANA)


def test_next_dose_ladder() -> None:
    """reps +2 to 15, then sets +1 to 3 (reps back to start), then hold, then load."""
    assert next_dose({"sets": 2, "reps": 10}) == {"reps": 12}
    assert next_dose({"sets": 2, "reps": 14}) == {"reps": 15}
    assert next_dose({"sets": 2, "reps": 15}, start_reps=10) == {"sets": 3, "reps": 10}
    assert next_dose({"sets": 3, "hold_s": 20}) == {"hold_s": 25}
    assert next_dose({"sets": 3, "reps": 15, "load_type": "band", "band": "yellow"},
                     start_reps=10) == {"band": "red", "reps": 10}
    assert next_dose({"sets": 3, "reps": 15, "load_type": "kg", "load_kg": 1.0}) == {
        "load_kg": 1.5}
    assert next_dose({"minutes": 10}, {"minutes_step": 2, "minutes_max": 20}) == {"minutes": 12}
    assert next_dose({"sets": 3, "reps": 15, "load_type": "body_weight"}) is None


def test_copy_forward_suggests_progression_only_after_two_tolerated_visits(
        db, episode_id: int) -> None:  # noqa: ANN001
    save(db, episode_id, visit(0))
    with db.session() as s:
        draft, suggestions = copy_forward(s, episode_id)
    assert suggestions == []  # only one visit at this dose
    assert [e["exercise"] for e in draft["exercises"]] == ["bridge", "clamshell"]
    assert draft["billing"] == {"97110": 30, "97140": 15}
    assert draft.get("pain_back_pre") is None  # today's pain is entered fresh
    save(db, episode_id, visit(3))
    with db.session() as s:
        draft, suggestions = copy_forward(s, episode_id)
    by_ex = {x.exercise: x.after for x in suggestions}
    # clamshell was at the top of its reps and sets: next band, back to the starting reps
    assert by_ex == {"bridge": {"reps": 12}, "clamshell": {"band": "red", "reps": 10}}
    accepted = apply_suggestions(draft, suggestions)
    assert accepted["exercises"][0]["reps"] == 12


def test_no_progression_when_pain_was_worse(db, episode_id: int) -> None:  # noqa: ANN001
    save(db, episode_id, visit(0))
    worse = visit(3)
    worse["exercises"][0]["pain_response"] = "worse"
    save(db, episode_id, worse)
    with db.session() as s:
        _draft, suggestions = copy_forward(s, episode_id)
    assert [x.exercise for x in suggestions] == ["clamshell"]


def test_progress_report_reminder_from_the_8th_treatment_day(db, episode_id: int) -> None:  # noqa: ANN001
    for day in range(7):
        save(db, episode_id, visit(day * 3))
    with db.session() as s:
        from mash_desktop.models import Episode

        ep = s.get(Episode, episode_id)
        assert not [i for i in episode_timing(s, ep).items if "Progress" in i.what]
    save(db, episode_id, visit(22))
    with db.session() as s:
        ep = s.get(Episode, episode_id)
        items = [i for i in episode_timing(s, ep).items if "Progress" in i.what]
        assert items and items[0].urgency == "due"
    save(db, episode_id, visit(25))
    save(db, episode_id, visit(28))
    with db.session() as s:
        ep = s.get(Episode, episode_id)
        assert [i.urgency for i in episode_timing(s, ep).items if "Progress" in i.what] == [
            "overdue"]
        record_progress_report(s, episode_id, START + timedelta(days=28), "ok", "continue")
    with db.session() as s:
        ep = s.get(Episode, episode_id)
        t = episode_timing(s, ep)
        assert t.since_progress_report == 0 and t.visits_used == 10


def test_recert_and_reassessment_dates(db, episode_id: int) -> None:  # noqa: ANN001
    with db.session() as s:
        from mash_desktop.models import Episode

        ep = s.get(Episode, episode_id)
        t = episode_timing(s, ep, today=START + timedelta(days=80))
        assert t.cert_end == START + timedelta(days=89)  # 90 calendar days inclusive
        assert t.reassessments == {"8_weeks": START + timedelta(days=56),
                                   "6_months": START + timedelta(days=182)}
        whats = [i.what for i in t.items]
        assert "Plan of care recertification due" in whats
        assert "8 weeks reassessment overdue" in whats
        late = episode_timing(s, ep, today=START + timedelta(days=95))
        assert "Plan of care recertification overdue" in [i.what for i in late.items]


def test_unsigned_notes_older_than_a_day_are_overdue(db, episode_id: int) -> None:  # noqa: ANN001
    save(db, episode_id, visit(0))
    yesterday_id = save(db, episode_id, visit(59))
    with db.session() as s:
        overdue = overdue_notes(s)
        assert [n.id for n in overdue] != [] and yesterday_id not in [n.id for n in overdue]
        assert any("Unsigned" in i.what for i in due_list(s))
