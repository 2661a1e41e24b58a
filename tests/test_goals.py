"""Goals tied to measures: progress from the measurements, the PT's status, stable ids."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mash_desktop.models import GoalRevision
from mash_desktop.services import ValidationError
from mash_desktop.services.assessments import record_assessment
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.goals import goal_progress, set_goal_status, set_goals
from mash_desktop.services.patients import create_patient
from mash_desktop.services.transfer import export_data

START = date.today() - timedelta(days=70)


@pytest.fixture
def episode_id(db) -> int:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "G1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1955-02-03", "sex": "female"}).id
        eid = create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
        record_assessment(s, eid, "baseline", START, "gait_speed",
                          {"distance_m": 10, "time_s": 10.0, "pace": "usual"})
        return eid


def qbpds(total: int) -> list[int]:
    items = [0] * 20
    for i in range(total):
        items[i % 20] += 1
    return items


GAIT_GOAL = {"term": "long", "text": "Walk at 1.2 m/s to cross streets safely",
             "target_date": START + timedelta(weeks=8), "instrument": "gait_speed",
             "target": 1.2}


def test_linked_goal_takes_its_baseline_from_the_baseline_measurement(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        set_goals(s, episode_id, [GAIT_GOAL])
    with db.session() as s:
        (p,) = goal_progress(s, episode_id)
        assert p.baseline == pytest.approx(1.0)
        assert p.measured == "not_measured" and p.current is None


def test_progress_is_computed_from_the_latest_measurement(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        set_goals(s, episode_id, [GAIT_GOAL])
        record_assessment(s, episode_id, "custom", START + timedelta(days=28), "gait_speed",
                          {"distance_m": 10, "time_s": 9.09, "pace": "usual"})
    with db.session() as s:
        (p,) = goal_progress(s, episode_id)
        assert p.measured == "progressing"
        assert p.fraction == pytest.approx((10 / 9.09 - 1.0) / 0.2, abs=0.01)
        record_assessment(s, episode_id, "8_weeks", START + timedelta(days=56), "gait_speed",
                          {"distance_m": 10, "time_s": 8.0, "pace": "usual"})
    with db.session() as s:
        (p,) = goal_progress(s, episode_id)
        assert p.measured == "met" and p.current == pytest.approx(1.25)
        # the status at an earlier date ignores later measurements
        (early,) = goal_progress(s, episode_id, as_of=START + timedelta(days=30))
        assert early.measured == "progressing"


def test_worse_measurement_is_not_progressing(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        set_goals(s, episode_id, [GAIT_GOAL])
        record_assessment(s, episode_id, "8_weeks", START + timedelta(days=56), "gait_speed",
                          {"distance_m": 10, "time_s": 11.0, "pace": "usual"})
    with db.session() as s:
        assert goal_progress(s, episode_id)[0].measured == "not_progressing"


def test_marking_met_against_the_measurement_needs_a_reason(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        gid = goal.id
        record_assessment(s, episode_id, "8_weeks", START + timedelta(days=56), "gait_speed",
                          {"distance_m": 10, "time_s": 9.5, "pace": "usual"})
    with pytest.raises(ValidationError) as info, db.session() as s:
        set_goal_status(s, gid, "met")
    assert "status_reason" in info.value.errors
    with db.session() as s:
        set_goal_status(s, gid, "met", "Walks 1.2 m/s outdoors on the community test route")
    with db.session() as s:
        (p,) = goal_progress(s, episode_id)
        assert p.status == "met" and p.disagrees
        revs = list(s.scalars(select(GoalRevision).where(GoalRevision.goal_id == gid)))
        assert revs[-1].changes["status"] == ["open", "met"]
        assert revs[-1].reason.startswith("Walks")


def test_goal_keeps_its_id_when_revised_and_the_revision_is_kept(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        gid = goal.id
    with db.session() as s:
        (again,) = set_goals(s, episode_id, [{**GAIT_GOAL, "id": gid, "target": 1.15}])
        assert again.id == gid and again.target == 1.15
        (rev,) = s.scalars(select(GoalRevision).where(GoalRevision.goal_id == gid))
        assert rev.changes["target"] == [1.2, 1.15]


@pytest.mark.parametrize(("goal", "field"), [
    ({"text": "", "instrument": None}, "goals[0].text"),
    ({**GAIT_GOAL, "term": "medium"}, "goals[0].term"),
    ({**GAIT_GOAL, "instrument": "no_such_measure"}, "goals[0].instrument"),
    ({**GAIT_GOAL, "target": None}, "goals[0].target"),
    ({**GAIT_GOAL, "target": 0.9}, "goals[0].target"),  # worse than the 1.0 baseline
    ({"text": "Back pain no more than 3/10", "target": 3}, "goals[0].target"),
    ({"text": "QBPDS", "instrument": "qbpds", "baseline": 30, "target": 140},
     "goals[0].target"),
])
def test_bad_goals_are_refused_at_their_field(db, episode_id, goal, field) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        set_goals(s, episode_id, [goal])
    assert field in info.value.errors


def test_lower_is_better_goal_is_met_at_or_below_target(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        record_assessment(s, episode_id, "baseline", START, "qbpds", qbpds(32))
        set_goals(s, episode_id, [{"text": "Less disability", "instrument": "qbpds",
                                   "target": 18, "term": "long"},
                                  {"text": "Independent with home program", "term": "short"}])
        record_assessment(s, episode_id, "8_weeks", START + timedelta(days=56), "qbpds",
                          qbpds(18))
    with db.session() as s:
        long_goal, short_goal = goal_progress(s, episode_id)
        assert long_goal.baseline == 32 and long_goal.measured == "met"
        assert short_goal.instrument is None and short_goal.measured is None


def test_export_carries_each_goal_field(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        set_goals(s, episode_id, [GAIT_GOAL, {"text": "Garden for an hour", "term": "short"}])
        data = json.loads(json.dumps(export_data(s)))
    goals = data["patients"][0]["episodes"][0]["goals"]
    for key in ("term", "text", "target_date", "instrument", "baseline", "target", "status"):
        assert all(key in g for g in goals)
    assert goals[0]["instrument"] == "gait_speed" and goals[1]["instrument"] is None


def test_a_goal_is_marked_revised_only_when_its_aim_was_changed_and_says_why(
        db, episode_id) -> None:  # noqa: ANN001
    """BPM §220.3 D: a progress report states changes to goals; 'revised' is a status only
    for a goal whose text, measure, target or date was changed, with the reason."""
    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        gid = goal.id
    with pytest.raises(ValidationError) as info, db.session() as s:
        set_goal_status(s, gid, "revised", "Knee surgery booked")   # nothing was changed
    assert "never changed" in info.value.errors["status"]
    with pytest.raises(ValidationError) as info, db.session() as s:  # a new goal
        set_goals(s, episode_id, [{**GAIT_GOAL, "id": gid},
                                  {"text": "Garden", "term": "short", "status": "revised",
                                   "status_reason": "x"}])
    assert "new goal cannot be revised" in info.value.errors["goals[1].status"]
    with pytest.raises(ValidationError) as info, db.session() as s:  # changed, no reason
        set_goals(s, episode_id, [{**GAIT_GOAL, "id": gid, "target": 1.1,
                                   "status": "revised"}])
    assert "goals[0].status_reason" in info.value.errors
    with db.session() as s:  # changed, with the reason: kept, with the change in words
        set_goals(s, episode_id, [{**GAIT_GOAL, "id": gid, "target": 1.1,
                                   "status": "revised", "status_reason":
                                   "Knee pain since week 3 limits walking speed"}])
    with db.session() as s:
        (p,) = goal_progress(s, episode_id)
        assert p.status == "revised"
        assert "target 1.20 → 1.10" in p.revision
        assert p.status_words().startswith(f"Revised ({date.today().isoformat()}: target "
                                           "1.20 → 1.10)")
        assert p.status_words().endswith("— Knee pain since week 3 limits walking speed")
        # later, the PT may set it revised again without a new change (it was changed)
        set_goal_status(s, gid, "revised", "Still limited by the knee")


def test_the_episode_form_keeps_a_goals_status_reason(db, episode_id) -> None:  # noqa: ANN001
    """The episode dialog's goal table has no reason column: saving it must not erase
    the reason the PT gave for a status."""
    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        gid = goal.id
        set_goal_status(s, gid, "not_met", "Moved away after week 2")
    with db.session() as s:
        set_goals(s, episode_id, [{**GAIT_GOAL, "id": gid, "status": "not_met"}])
    with db.session() as s:
        assert goal_progress(s, episode_id)[0].status_reason == "Moved away after week 2"


def test_check_flags_a_goal_marked_revised_that_never_changed(db, episode_id) -> None:  # noqa: ANN001
    from mash_desktop.models import Goal
    from mash_desktop.services.checks import run_checks

    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        s.get(Goal, goal.id).status = "revised"   # e.g. an edited export
        found = next(r.problems for r in run_checks(s) if r.name == "goals")
    assert any(f"goal {goal.id} is marked revised: the goal was never changed" in x
               for x in found)


def test_a_revised_goal_is_printed_and_exported_as_revised(db, episode_id) -> None:  # noqa: ANN001
    import io

    from pypdf import PdfReader

    from mash_desktop.interop.fhir import build_bundle
    from mash_desktop.reports import generate

    with db.session() as s:
        (goal,) = set_goals(s, episode_id, [GAIT_GOAL])
        set_goals(s, episode_id, [{**GAIT_GOAL, "id": goal.id, "target": 1.1,
                                   "status": "revised", "status_reason": "Knee pain"}])
        pdf = generate("progress", s, episode_id)
        bundle = build_bundle(s, episode_id=episode_id)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Revised (" in text and "target 1.20 → 1.10" in " ".join(text.split())
    (fhir_goal,) = [e["resource"] for e in bundle["entry"]
                    if e["resource"]["resourceType"] == "Goal"]
    assert fhir_goal["achievementStatus"]["text"] == "revised"
    assert fhir_goal["lifecycleStatus"] == "active"
    assert any("goal revised" in n["text"] for n in fhir_goal["note"])
