"""The sign checklist: a note is signed only when complete, on every path (service, import)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.demo import build_demo
from mash_desktop.models import AdverseEvent, Episode, ExerciseDose, User, VisitNote
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.goals import goal_progress, set_goals
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note, sign_note, suggested_note_type
from mash_desktop.services.sign_checklist import note_checklist, problems
from mash_desktop.services.transfer import export_data, import_data
from tests.note_kit import daily, evaluation, ready_for_evaluation

START = date.today() - timedelta(days=40)
# Signed as the system with a typed name (no accounts here; a real account signs as itself).
PT = {"signer_name": "Dana Whitaker", "credentials": "PT, DPT"}


@pytest.fixture
def episode_id(db) -> int:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "C1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1955-02-03", "sex": "female"}).id
        eid = create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
        ready_for_evaluation(s, eid, START)
        return eid


def visit(day: int, **extra: object) -> dict:
    base = {"visit_date": START + timedelta(days=day), "start_time": "09:00",
            "status": "attended", "total_minutes": 60,
            "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}],
            "manual_therapy": [{"technique": "hip_long_axis_distraction", "sets": 3,
                                "oscillations": 30}],
            "billing": {"97110": 30, "97140": 15}}
    base.update(extra)
    return base


def sign(db, episode_id: int, data: dict, **who: str) -> int:  # noqa: ANN001
    with db.session() as s:
        note = save_note(s, episode_id, data)
        sign_note(s, note.id, SYSTEM, **(who or PT))
        return note.id


def refused(db, episode_id: int, data: dict, **who: str) -> dict[str, str]:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        note = save_note(s, episode_id, data)
        sign_note(s, note.id, SYSTEM, **(who or PT))
    with db.session() as s:  # nothing signed, nothing half-saved
        assert s.scalar(select(func.count(VisitNote.id)).where(
            VisitNote.visit_date == data["visit_date"])) == 0
    return info.value.errors


def test_first_visit_is_the_evaluation_and_the_next_ones_daily(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        assert suggested_note_type(s, episode_id, START) == "evaluation"
    sign(db, episode_id, visit(0, **evaluation(note_type=None)))
    with db.session() as s:
        assert s.scalar(select(VisitNote.note_type)) == "evaluation"
        assert suggested_note_type(s, episode_id, START + timedelta(days=3)) == "daily"


def test_first_visit_as_a_daily_note_is_refused(db, episode_id) -> None:  # noqa: ANN001
    errors = refused(db, episode_id, visit(0, **daily(note_type="daily")))
    assert "note_type" in errors


@pytest.mark.parametrize(("remove", "field"), [
    ("subjective", "subjective"), ("assessment", "assessment"), ("plan", "plan"),
    ("adverse_event_screen", "adverse_event_screen"),
])
def test_evaluation_without_a_required_part_is_refused(db, episode_id, remove, field) -> None:  # noqa: ANN001
    data = visit(0, **evaluation())
    data[remove] = ""
    assert field in refused(db, episode_id, data)


@pytest.mark.parametrize("part", ["exclusion", "systems_review", "hip_strength", "hip_rom",
                                  "impairments", "rehab_potential"])
def test_evaluation_names_each_missing_evaluation_element(db, episode_id, part) -> None:  # noqa: ANN001
    ev = {k: x for k, x in evaluation()["evaluation"].items() if k != part}
    errors = refused(db, episode_id, visit(0, **evaluation(evaluation=ev)))
    assert f"evaluation.{part}" in errors


def test_one_unanswered_red_flag_item_blocks_the_evaluation(db, episode_id) -> None:  # noqa: ANN001
    ev = dict(evaluation()["evaluation"])
    ev["exclusion"] = {k: x for k, x in ev["exclusion"].items() if k != "red_flag_night_pain"}
    errors = refused(db, episode_id, visit(0, **evaluation(evaluation=ev)))
    assert "1 unanswered" in errors["evaluation.exclusion"]


def test_evaluation_needs_the_baseline_battery_goals_and_home_program(db) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "C2", "first_name": "Bo", "last_name": "Ek",
                                 "date_of_birth": "1950-02-03", "sex": "male"}).id
        eid = create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
    errors = refused(db, eid, visit(0, **evaluation()))
    assert {"assessments", "goals", "plan"} <= errors.keys()
    assert "home program" in errors["plan"]


@pytest.mark.parametrize(("value", "field"), [
    ({"hip_strength": {"abduction": {"left": -3}}}, "evaluation.hip_strength.abduction.left"),
    ({"hip_strength": {"abduction": {"left": 0}}}, "evaluation.hip_strength.abduction.left"),
    ({"hip_rom": {"flexion": {"right": 170}}}, "evaluation.hip_rom.flexion.right"),
    ({"hip_rom": {"internal_rotation": {"right": -5}}},
     "evaluation.hip_rom.internal_rotation.right"),
    ({"hip_strength": {"extension": {"left": 12}}, "body_weight_kg": None},
     "evaluation.body_weight_kg"),
    ({"exclusion": {"total_hip_replacement": "maybe"}},
     "evaluation.exclusion.total_hip_replacement"),
])
def test_hip_measures_are_range_checked_at_their_field(db, episode_id, value, field) -> None:  # noqa: ANN001
    ev = {**evaluation()["evaluation"], **value}
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_note(s, episode_id, visit(0, **evaluation(evaluation=ev)))
    assert field in info.value.errors


def test_assistant_cannot_sign_an_evaluation_or_progress_report(db, episode_id) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied, match="licensed physical therapist"), \
            db.session() as s:
        note = save_note(s, episode_id, visit(0, **evaluation()))
        sign_note(s, note.id, SYSTEM, signer_name="Hannah Weiss", credentials="PTA")
    with db.session() as s:
        assistant = User(username="hw", full_name="Hannah Weiss", credentials="PTA",
                         role="assistant")
        s.add(assistant)
        s.flush()
        note = save_note(s, episode_id, visit(0, **evaluation()), actor=assistant)
        with pytest.raises(PermissionDenied):
            sign_note(s, note.id, assistant)


def test_daily_note_checks_screen_assessment_and_billed_interventions(db, episode_id) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    errors = refused(db, episode_id, visit(3, assessment="", exercises=[]))
    assert {"adverse_event_screen", "assessment", "billing.97110"} <= errors.keys()
    errors = refused(db, episode_id, visit(3, **daily(billing={"97110": 5})))
    assert "bill no unit" in errors["billing"]
    errors = refused(db, episode_id, visit(3, **daily(billing={"97110": 30, "97162": 30})))
    assert "billing.97162" in errors
    sign(db, episode_id, visit(3, **daily()))


def test_adverse_event_yes_needs_its_record_and_no_contradicts_a_record(db, episode_id) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_note(s, episode_id, visit(3, **daily(adverse_event_screen="yes")))
    assert "adverse.description" in info.value.errors
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_note(s, episode_id, visit(3, **daily(adverse_event=True, adverse={
            "description": "Dizzy"})))
    assert "adverse_event_screen" in info.value.errors
    sign(db, episode_id, visit(3, **daily(adverse_event_screen="yes", adverse={
        "description": "Sore hip after bridges", "relatedness": "probably"})))
    with db.session() as s:
        assert s.scalar(select(func.count(AdverseEvent.id))) == 1


def test_cancelled_visit_keeps_no_minutes_interventions_or_billing(db, episode_id) -> None:  # noqa: ANN001
    for extra, field in (({"total_minutes": 60}, "total_minutes"),
                         ({"total_minutes": 0, "billing": {"97110": 15}}, "status")):
        with pytest.raises(ValidationError) as info, db.session() as s:
            save_note(s, episode_id, visit(0, status="cancelled", status_reason="Snow",
                                           exercises=[], manual_therapy=[], **extra))
        assert field in info.value.errors
    nid = sign(db, episode_id, {"visit_date": START, "status": "no_show",
                                "status_reason": "Did not attend"})
    with db.session() as s:
        note = s.get(VisitNote, nid)
        assert note.total_minutes == 0 and not note.billing_lines and not note.exercises


def test_duplicate_visit_at_the_same_date_and_time_is_refused(db, episode_id) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_note(s, episode_id, visit(0, **daily()))
    assert "already has a visit" in info.value.errors["start_time"]
    with db.session() as s:  # a second visit later the same day is fine
        save_note(s, episode_id, visit(0, **daily(start_time="15:00")))


def test_second_open_episode_needs_a_reason(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = s.scalar(select(Episode.patient_id).where(Episode.id == episode_id))
    data = {"start_date": START + timedelta(days=5), "icd10_code": "M54.50",
            "diagnosis_text": "LBP", "arm": "spine_focused"}
    with pytest.raises(ValidationError) as info, db.session() as s:
        create_episode(s, pid, data)
    assert "overlap_reason" in info.value.errors
    with db.session() as s:
        create_episode(s, pid, {**data, "overlap_reason": "Separate knee episode, other PT"})


def _progress_data(db, episode_id: int, day: int, ntype: str) -> dict:  # noqa: ANN001
    with db.session() as s:
        ids = [p.goal_id for p in goal_progress(s, episode_id)]
    return visit(day, **daily(note_type=ntype, subjective="Walking further.",
                              plan="Continue 2x/week.",
                              goal_progress={str(g): "Progressing" for g in ids}))


def test_progress_report_describes_progress_toward_each_goal(db, episode_id) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    data = _progress_data(db, episode_id, 3, "progress")
    first = next(iter(data["goal_progress"]))
    del data["goal_progress"][first]
    errors = refused(db, episode_id, data)
    assert f"goal_progress.{first}" in errors
    sign(db, episode_id, _progress_data(db, episode_id, 3, "progress"))


def test_discharge_note_gives_every_goal_its_status(db, episode_id) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    errors = refused(db, episode_id, _progress_data(db, episode_id, 3, "discharge"))
    assert any(k.startswith("goals.") and k.endswith(".status") for k in errors)
    with db.session() as s:
        goals = [{"id": p.goal_id, "text": p.text, "term": p.term,
                  "instrument": p.instrument, "target": p.target, "status": "not_met"}
                 for p in goal_progress(s, episode_id)]
        set_goals(s, episode_id, goals)
    sign(db, episode_id, _progress_data(db, episode_id, 3, "discharge"))


def test_import_refuses_a_signed_note_missing_a_required_element(db, episode_id,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:
    nid = sign(db, episode_id, visit(0, **evaluation()))
    with db.session() as s:
        data = json.loads(json.dumps(export_data(s)))
    note = data["patients"][0]["episodes"][0]["sessions"][0]
    note["assessment"] = ""
    from mash_desktop.services.startup import open_clinic as open_database

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ValidationError) as info, other.session() as s:
        import_data(s, data)
    # The signed-content hash catches the edit first (tamper evidence); either way the
    # whole file is refused at that note.
    assert (f"session note {nid}" in info.value.errors and "assessment" in info.value.message
            ) or any(k.endswith("sessions[0].content_hash") for k in info.value.errors)
    with other.session() as s:
        assert s.scalar(select(func.count(VisitNote.id))) == 0
    other.dispose()


# ---- the demo clinic ---------------------------------------------------------------------
def test_every_signed_demo_note_passes_the_checklist(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        notes = list(s.scalars(select(VisitNote).where(VisitNote.signed_at.is_not(None))))
        assert len(notes) > 100
        bad = {n.id: problems(note_checklist(s, n)) for n in notes}
        assert {k: x for k, x in bad.items() if x} == {}
        statuses = set(s.scalars(select(VisitNote.status)))
        types = set(s.scalars(select(VisitNote.note_type)))
    assert {"attended", "cancelled", "no_show"} <= statuses
    assert types == {"evaluation", "daily", "progress", "discharge"}


def test_demo_has_no_user_accounts_and_keeps_signer_names(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        assert s.scalar(select(func.count(User.id))) == 0
        names = set(s.execute(select(VisitNote.signature_name,
                                     VisitNote.signature_credentials)
                              .where(VisitNote.signed_at.is_not(None))))
    assert names == {("Dana Whitaker", "PT, DPT")}


def test_demo_adverse_events_cite_what_was_delivered_that_day(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        for ae in s.scalars(select(AdverseEvent)):
            note = s.get(VisitNote, ae.visit_id)
            done = [d.exercise.name.lower() for d in note.exercises] + \
                [d.technique.name.lower() for d in note.manual_therapy]
            assert any(word in " ".join(done) for word in ("step-up", "step up")), \
                (ae.description, done)
            assert "step" in ae.description.lower()
            assert s.scalar(select(func.count(ExerciseDose.id)).where(
                ExerciseDose.visit_id == note.id)) > 0
            assert note.episode.arm == "hip_focused"


def test_demo_episodes_whose_course_ended_are_discharged(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        for ep in s.scalars(select(Episode)):
            attended = [v for v in ep.visits if v.status == "attended"]
            if len(attended) >= ep.planned_visits:
                assert ep.status == "discharged", ep.id
                last = max(attended, key=lambda v: (v.visit_date, v.id))
                assert last.note_type == "discharge" and ep.discharge_date == last.visit_date
            else:
                assert ep.status == "active"
            for p in goal_progress(s, ep.id, ep.discharge_date):
                assert not p.disagrees, (ep.id, p)


def _content(db) -> str:  # noqa: ANN001
    """The export without the moments rows were written (wall-clock metadata)."""
    with db.session() as s:
        data = export_data(s)
    # The audit chain's hashes cover each entry's time, so they differ with the clock too.
    stamp_keys = {"created_at", "updated_at", "exported_at", "at", "revised_at",
                  "audit_chain", "hash"}

    def strip(x: object) -> object:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in stamp_keys}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    data.pop("audit")
    return json.dumps(strip(data), sort_keys=True, ensure_ascii=False)


def test_demo_is_the_same_on_every_run_for_a_given_day(tmp_path: Path) -> None:
    from mash_desktop.services.startup import open_clinic as open_database

    day = date(2026, 3, 2)
    contents = []
    for name in ("a", "b"):
        database = open_database(f"sqlite:///{tmp_path / name}.db")
        with database.session() as s:
            build_demo(s, today=day)
        contents.append(_content(database))
        database.dispose()
    assert contents[0] == contents[1]


# ---- MASH exclusions (mash_program.md §2.2) are enforced, not only shown -------------------
def with_item_present(key: str = "total_hip_replacement", **extra: object) -> dict:
    ev = {**evaluation()["evaluation"], **extra}
    ev["exclusion"] = {**ev["exclusion"], key: "yes"}
    return ev


@pytest.mark.parametrize("key", ["total_hip_replacement", "mmse_below_24", "red_flag_fever"])
def test_mash_evaluation_with_an_exclusion_present_needs_the_reason_to_treat(
        db, episode_id, key) -> None:  # noqa: ANN001
    errors = refused(db, episode_id, visit(0, **evaluation(evaluation=with_item_present(key))))
    assert "outside the MASH program's population" in errors["evaluation.exclusion_override"]
    assert "custom" in errors["evaluation.exclusion_override"]


def test_the_reason_to_treat_all_the_same_is_signed_with_the_evaluation(db, episode_id) -> None:  # noqa: ANN001
    reason = "Hip replaced 12 years ago; surgeon cleared strengthening; PT judges MASH suitable."
    nid = sign(db, episode_id, visit(0, **evaluation(
        evaluation=with_item_present(exclusion_override=reason))))
    with db.session() as s:
        assert s.get(VisitNote, nid).evaluation["exclusion_override"] == reason
        from mash_desktop.services.plan_of_care import plan_of_care

        assert plan_of_care(s, episode_id).screen_override == reason  # printed on the plan


def test_a_custom_arm_episode_is_not_held_to_the_mash_exclusions(db, episode_id) -> None:  # noqa: ANN001
    from mash_desktop.services.episodes import update_episode

    with db.session() as s:
        update_episode(s, episode_id, {"arm": "custom"})
    sign(db, episode_id, visit(0, **evaluation(evaluation=with_item_present())))


def test_import_refuses_a_mash_evaluation_with_an_exclusion_and_no_reason(  # noqa: ANN001
        db, episode_id, tmp_path: Path) -> None:
    nid = sign(db, episode_id, visit(0, **evaluation()))
    with db.session() as s:
        data = json.loads(json.dumps(export_data(s)))
    note = data["patients"][0]["episodes"][0]["sessions"][0]
    note["evaluation"]["exclusion"]["leg_pain_greater"] = "yes"
    from mash_desktop.services.startup import open_clinic as open_database

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ValidationError) as info, other.session() as s:
        import_data(s, data)
    # The signed-content hash may catch the edit first (tamper evidence); either way the
    # whole file is refused at that note.
    assert ("outside the MASH program's population" in info.value.errors.get(
        f"session note {nid}", "")
            ) or any(k.endswith("sessions[0].content_hash") for k in info.value.errors)
    with other.session() as s:
        assert s.scalar(select(func.count(VisitNote.id))) == 0
    other.dispose()


# ---- billed codes and documented interventions match (catalog billing_codes) --------------
def signed_evaluation(db, episode_id: int) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))


def test_billed_functional_activities_need_a_functional_activity_documented(  # noqa: ANN001
        db, episode_id) -> None:
    signed_evaluation(db, episode_id)
    errors = refused(db, episode_id, visit(3, **daily(billing={"97110": 25, "97140": 15,
                                                                "97530": 10})))
    assert "therapeutic activities" in errors["billing.97530"]   # bridge is 97110, not 97530


def test_a_documented_activity_is_billed_or_marked_not_billed(db, episode_id) -> None:  # noqa: ANN001
    signed_evaluation(db, episode_id)
    sts = {"exercise": "sit_to_stand", "sets": 2, "reps": 8}
    data = visit(3, **daily(exercises=[{"exercise": "bridge", "sets": 2, "reps": 10}, sts]))
    errors = refused(db, episode_id, data)
    assert "Sit-to-stand" in errors["billing.97530"]
    assert "neither billed nor marked not billed" in errors["billing.97530"]
    sign(db, episode_id, {**data, "not_billed": ["97530"]})          # explicitly not billed
    sign(db, episode_id, {**data, "visit_date": START + timedelta(days=6),
                          "billing": {"97110": 25, "97140": 15, "97530": 10}})   # or billed


def test_a_code_cannot_be_billed_and_marked_not_billed(db, episode_id) -> None:  # noqa: ANN001
    signed_evaluation(db, episode_id)
    errors = refused(db, episode_id, visit(3, **daily(not_billed=["97140"])))
    assert "choose one" in errors["billing.97140"]


def test_education_is_not_billed_on_its_own(db, episode_id) -> None:  # noqa: ANN001
    signed_evaluation(db, episode_id)
    sign(db, episode_id, visit(3, **daily(education=["edu_pain_science"])))


def test_import_refuses_an_intervention_whose_code_is_not_accounted_for(  # noqa: ANN001
        db, episode_id, tmp_path: Path) -> None:
    signed_evaluation(db, episode_id)
    sts = {"exercise": "sit_to_stand", "sets": 2, "reps": 8}
    bridge = {"exercise": "bridge", "sets": 2, "reps": 10}
    nid = sign(db, episode_id, visit(3, **daily(exercises=[bridge, sts], not_billed=["97530"])))
    with db.session() as s:
        data = json.loads(json.dumps(export_data(s)))
    note = next(n for n in data["patients"][0]["episodes"][0]["sessions"] if n["id"] == nid)
    note["not_billed"] = []
    from mash_desktop.services.startup import open_clinic as open_database

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    with pytest.raises(ValidationError) as info, other.session() as s:
        import_data(s, data)
    assert "neither billed nor marked not billed" in info.value.errors[f"session note {nid}"]
    other.dispose()


def test_the_last_planned_visit_is_offered_as_the_discharge_note(db, episode_id) -> None:  # noqa: ANN001
    from mash_desktop.services.episodes import update_episode

    with db.session() as s:
        update_episode(s, episode_id, {"planned_visits": 3, "sessions_per_week": 1,
                                        "duration_weeks": 3})
    sign(db, episode_id, visit(0, **evaluation()))
    sign(db, episode_id, visit(3, **daily()))
    with db.session() as s:
        assert suggested_note_type(s, episode_id, START + timedelta(days=6)) == "discharge"
    sign(db, episode_id, visit(6, **daily(note_type="daily")))  # the course goes on
    with db.session() as s:
        assert suggested_note_type(s, episode_id, START + timedelta(days=9)) == "daily"
