"""`mash-desktop check` catches each kind of clinical contradiction (issue 12). Each test
builds the contradiction itself, then checks the message names the episode and the fault."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mash_desktop.cli import main
from mash_desktop.models import AdverseEvent, Episode, Goal
from mash_desktop.services import ValidationError
from mash_desktop.services.assessments import record_assessment
from mash_desktop.services.checks import run_checks
from mash_desktop.services.episodes import create_episode, update_episode
from mash_desktop.services.goals import set_goal_status, set_goals
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note

START = date.today() - timedelta(days=120)


def _episode(s, arm: str = "hip_focused", **extra) -> int:  # noqa: ANN001
    n = len(s.query(Episode).all()) + 1
    pid = create_patient(s, {"mrn": f"C{n}", "first_name": "Ana", "last_name": "Check",
                             "date_of_birth": "1950-01-01", "sex": "female"}).id
    return create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                   "diagnosis_text": "LBP", "arm": arm, **extra}).id


def problems(s, name: str) -> list[str]:  # noqa: ANN001
    return next(r.problems for r in run_checks(s) if r.name == name)


def test_a_clean_episode_passes_every_clinical_check(db) -> None:  # noqa: ANN001
    with db.session() as s:
        eid = _episode(s)
        save_note(s, eid, {"visit_date": START, "total_minutes": 60,
                           "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}]})
        for name in ("interventions and arms", "adverse events", "discharge reasons",
                     "certification", "diagnosis codes", "goals",
                     "signed notes, addenda and documents (tamper evidence)"):
            assert problems(s, name) == [], name


def test_intervention_outside_the_episodes_arm(db) -> None:  # noqa: ANN001
    """Stationary cycling is a spine-focused component; in a hip-focused episode it is a
    contradiction (hip-focused catalog entries never include it)."""
    with db.session() as s:
        eid = _episode(s, "hip_focused")
        save_note(s, eid, {"visit_date": START, "total_minutes": 60,
                           "exercises": [{"exercise": "stationary_cycling", "minutes": 10}]})
        assert problems(s, "interventions and arms") == [
            f"episode {eid}: Stationary cycling is not part of the hip-focused arm in the "
            "catalog"]


def test_education_topic_outside_the_episodes_arm(db, demo_db) -> None:  # noqa: ANN001
    """Hip anatomy is the hip-focused arm's topic (the old demo taught it in the spine arm
    and check did not look at education)."""
    with db.session() as s:
        eid = _episode(s, "spine_focused")
        save_note(s, eid, {"visit_date": START, "total_minutes": 60,
                           "exercises": [{"exercise": "cat_camel", "sets": 2, "reps": 10}],
                           "education": ["edu_hip_anatomy", "edu_pain_science"]})
        found = problems(s, "interventions and arms")
    assert len(found) == 1 and found[0].startswith(f"episode {eid}: ")
    assert "not part of the spine-focused arm" in found[0]
    with demo_db.session() as s:
        assert problems(s, "interventions and arms") == []


def test_adverse_event_naming_an_intervention_never_delivered(db) -> None:  # noqa: ANN001
    """The old demo's spine-arm adverse event cited step-ups, a hip-arm exercise."""
    with db.session() as s:
        eid = _episode(s, "spine_focused")
        save_note(s, eid, {"visit_date": START, "total_minutes": 60,
                           "exercises": [{"exercise": "cat_camel", "sets": 2, "reps": 10}]})
        s.add(AdverseEvent(episode_id=eid, occurred_on=START, description="Knee pain after "
                           "step-ups; settled in 2 days."))
        s.add(AdverseEvent(episode_id=eid, occurred_on=START, description="Stiff back after "
                           "cat-camel."))  # delivered: no problem
        s.flush()
        found = problems(s, "adverse events")
    assert len(found) == 1 and found[0].startswith(f"episode {eid}: adverse event")
    assert "names Forward step-up, which this episode never delivered" in found[0]


def test_goals_met_as_discharge_reason_with_a_goal_not_met(db) -> None:  # noqa: ANN001
    """An older episode whose free-text reason says the goals were met (no outcome chosen)."""
    with db.session() as s:
        eid = _episode(s)
        set_goals(s, eid, [{"text": "Walk 30 minutes", "status": "met"},
                           {"text": "Stairs without a rail", "status": "partially_met"}])
        update_episode(s, eid, {"status": "discharged", "discharge_date": START + timedelta(
            days=60), "discharge_reason": "Completed the program; goals met."})
        found = problems(s, "discharge reasons")
    assert len(found) == 1
    assert found[0].startswith(f"episode {eid}: discharge reason says the goals were met, "
                               "but long-term goal")
    assert found[0].endswith("(Stairs without a rail) is partially met")


@pytest.mark.parametrize("reason", ["Completed the program: 2 of 3 goals met.",
                                    "Not all goals met; moved away.", "No goals met.",
                                    "Course completed (goals: met 1, not met 1)."])
def test_a_reason_that_counts_or_denies_met_goals_is_no_claim(db, reason: str) -> None:  # noqa: ANN001
    """The old rule matched the words 'goals met' anywhere, so '2 of 3 goals met' was
    read as a claim that every goal was met."""
    with db.session() as s:
        eid = _episode(s)
        set_goals(s, eid, [{"text": "Walk 30 minutes", "status": "met"},
                           {"text": "Stairs without a rail", "status": "not_met"}])
        update_episode(s, eid, {"status": "discharged", "discharge_date": START + timedelta(
            days=60), "discharge_reason": reason})
        assert problems(s, "discharge reasons") == []


def test_goals_met_is_the_long_term_goals_statuses(db) -> None:  # noqa: ANN001
    """'Goals met' as the chosen discharge outcome needs every long-term goal met (short-term
    goals are steps on the way); every path refuses it otherwise, and check finds it in
    data that arrived another way."""
    done = {"status": "discharged", "discharge_date": START + timedelta(days=60),
            "discharge_reason": "Completed the 8-week program.", "discharge_kind": "goals_met"}
    with db.session() as s:
        eid = _episode(s)
        (walk, stairs, garden) = set_goals(s, eid, [
            {"text": "Walk 30 minutes", "status": "met"},
            {"text": "Stairs without a rail", "status": "partially_met"},
            {"text": "Garden for an hour", "term": "short", "status": "not_met"}])
        ids = walk.id, stairs.id, garden.id
    with pytest.raises(ValidationError) as info, db.session() as s:
        update_episode(s, eid, done)
    assert info.value.errors["discharge_kind"] == (
        f"cannot be 'goals met': long-term goal {ids[1]} (Stairs without a rail) is "
        "partially met")
    with db.session() as s:   # the long-term goals met: the short-term one does not count
        set_goal_status(s, ids[1], "met")
        update_episode(s, eid, done)
        assert problems(s, "discharge reasons") == []
    with pytest.raises(ValidationError) as info, db.session() as s:
        set_goal_status(s, ids[0], "not_met", "Walks 20 minutes only")
    assert "discharged with 'goals met'" in info.value.errors["status"]
    with db.session() as s:   # e.g. an edited import: check names it
        s.get(Goal, ids[0]).status = "not_met"
        assert problems(s, "discharge reasons") == [
            f"episode {eid}: discharged with 'goals met', but long-term goal {ids[0]} "
            "(Walk 30 minutes) is not met"]
    with pytest.raises(ValidationError) as info, db.session() as s:
        create_episode(s, s.get(Episode, eid).patient_id, {
            "start_date": START, "icd10_code": "M54.50", "arm": "hip_focused", **done})
    assert "no long-term goals" in info.value.errors["discharge_kind"]


def test_the_episode_dialog_saves_goals_and_goals_met_together(db) -> None:  # noqa: ANN001
    from mash_desktop.services.goals import goal_rows, save_episode_with_goals

    with db.session() as s:
        eid = _episode(s)
        set_goals(s, eid, [{"text": "Walk 30 minutes"}])
        pid = s.get(Episode, eid).patient_id
        rows = goal_rows(s, eid)
    plan = {"start_date": START, "icd10_code": "M54.50", "arm": "hip_focused",
            "status": "discharged", "discharge_date": START + timedelta(days=60),
            "discharge_reason": "Done.", "discharge_kind": "goals_met"}
    with pytest.raises(ValidationError), db.session() as s:
        save_episode_with_goals(s, pid, eid, {**plan, "goals": rows}, None)
    with db.session() as s:   # the same save marks the goal met: accepted
        save_episode_with_goals(s, pid, eid, {**plan, "goals": [{**rows[0], "status": "met"}]},
                                None)
        assert s.get(Episode, eid).discharge_kind == "goals_met"


def test_active_episode_past_certification_with_no_visits_left(db) -> None:  # noqa: ANN001
    with db.session() as s:
        eid = _episode(s, planned_visits=1, sessions_per_week=1, duration_weeks=1,
                       cert_start=START,
                       cert_end=START + timedelta(days=60))
        save_note(s, eid, {"visit_date": START, "total_minutes": 60,
                           "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}]})
        found = problems(s, "certification")
    assert found == [f"episode {eid}: still active, certification ended "
                     f"{(START + timedelta(days=60)).isoformat()} and 1 of 1 planned visits "
                     "are used; discharge or recertify"]


def test_goal_marked_met_that_its_measure_contradicts(db) -> None:  # noqa: ANN001
    """'Back pain ≤ 3/10' marked met while NPRS is 7/10."""
    with db.session() as s:
        eid = _episode(s)
        record_assessment(s, eid, "baseline", START, "nprs_back", 8)
        record_assessment(s, eid, "8_weeks", START + timedelta(days=56), "nprs_back", 7)
        s.add(Goal(episode_id=eid, text="Back pain at most 3/10", instrument="nprs_back",
                   baseline=8, target=3, status="met"))
        s.flush()
        found = problems(s, "goals")
    assert len(found) == 1 and f"episode {eid}: goal" in found[0] and "marked met" in found[0]


def test_non_billable_diagnosis_code_and_cli_exit(db, capsys) -> None:  # noqa: ANN001
    with db.session() as s:
        eid = _episode(s)
        s.get(Episode, eid).icd10_code = "M51.36"   # stored before FY2025 split it
    assert main(["--db", str(db.path), "check"]) == 1
    out = capsys.readouterr().out
    assert f"episode {eid}: M51.36 is a category, not a billable code; use a more specific " \
           "code: M51.360, M51.361, M51.362, M51.369" in out


def test_stored_medical_diagnosis_that_is_not_billable(db) -> None:  # noqa: ANN001
    with db.session() as s:
        eid = _episode(s)
        s.get(Episode, eid).medical_icd10_code = "M51.36"   # e.g. from an old export
        assert problems(s, "diagnosis codes") == [
            f"episode {eid}: medical diagnosis M51.36 is a category, not a billable code; "
            "use a more specific code: M51.360, M51.361, M51.362, M51.369"]


def test_import_refuses_goals_met_with_a_long_term_goal_not_met(db, tmp_path) -> None:  # noqa: ANN001
    """The import path holds 'goals met' to the goals as the app's own saves do."""
    import json

    from mash_desktop.services.startup import open_clinic
    from mash_desktop.services.transfer import export_data, import_data

    with db.session() as s:
        eid = _episode(s)
        set_goals(s, eid, [{"text": "Walk 30 minutes", "status": "met"}])
        update_episode(s, eid, {"status": "discharged", "discharge_date": START + timedelta(
            days=60), "discharge_reason": "Done.", "discharge_kind": "goals_met"})
        data = json.loads(json.dumps(export_data(s)))
    goal = data["patients"][0]["episodes"][0]["goals"][0]
    goal["status"] = "partially_met"   # edited in the file
    other = open_clinic(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with pytest.raises(ValidationError) as info, other.session() as s:
            import_data(s, data)
        assert "discharged with 'goals met', but long-term goal" in info.value.message
        with other.session() as s:
            assert s.query(Episode).count() == 0
        goal["status"] = "met"
        with other.session() as s:
            import_data(s, data)
    finally:
        other.dispose()
