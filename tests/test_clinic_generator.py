"""The generated benchmark clinic is a believable clinic that passes every health check."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.demo.clinic import ClinicSize, build_clinic, visit_dates
from mash_desktop.models import (
    Assessment,
    AuditEntry,
    Episode,
    ExerciseDose,
    ManualTherapyDose,
    Patient,
    VisitNote,
)
from mash_desktop.outcomes import score
from mash_desktop.services.checks import run_checks

YEARS = 0.03
TODAY = date(2026, 6, 15)


@pytest.fixture
def clinic(db):  # noqa: ANN001, ANN201
    stats = build_clinic(db, YEARS, today=TODAY)
    assert stats is not None
    return db, stats


def test_ten_years_is_the_size_the_issue_names() -> None:
    size = ClinicSize.for_years(10)
    assert (size.patients, size.episodes, size.sessions, size.assessments, size.long_visits) \
        == (5000, 8000, 100_000, 25_000, 200)
    with pytest.raises(ValueError):
        ClinicSize.for_years(0)


def test_generated_clinic_has_the_planned_counts_and_passes_every_check(clinic) -> None:  # noqa: ANN001
    db, stats = clinic
    size = ClinicSize.for_years(YEARS)
    with db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == size.patients
        assert s.scalar(select(func.count(Episode.id))) == size.episodes
        assert s.scalar(select(func.count(VisitNote.id))) == size.sessions
        assert s.scalar(select(func.count(Assessment.id))) == size.assessments
        results = run_checks(s)
    assert [r.name for r in results if not r.ok] == [], [r.problems for r in results]
    assert stats.rows["visit_notes"] == size.sessions


def test_every_note_is_signed_dated_inside_its_episode_and_numbered(clinic) -> None:  # noqa: ANN001
    db, _stats = clinic
    with db.session() as s:
        rows = s.execute(select(VisitNote.episode_id, VisitNote.visit_date, VisitNote.status,
                                VisitNote.visit_number, VisitNote.signed_at,
                                VisitNote.signature_name, Episode.start_date,
                                Episode.discharge_date)
                         .join(Episode, Episode.id == VisitNote.episode_id)
                         .order_by(VisitNote.episode_id, VisitNote.visit_date)).all()
    numbers: dict[int, int] = {}
    for eid, when, status, number, signed, name, start, discharged in rows:
        assert start <= when < TODAY
        assert discharged is None or when <= discharged
        assert signed is not None and signed >= datetime.combine(when, datetime.min.time())
        assert name
        if status == "attended":
            numbers[eid] = numbers.get(eid, 0) + 1
            assert number == numbers[eid]
        else:
            assert number == 0


def test_doses_progress_and_scores_recompute(clinic) -> None:  # noqa: ANN001
    db, stats = clinic
    with db.session() as s:
        assert s.scalar(select(func.count(ManualTherapyDose.id))) > 0
        reps = list(s.scalars(select(ExerciseDose.reps)
                              .join(VisitNote, VisitNote.id == ExerciseDose.visit_id)
                              .where(VisitNote.episode_id == stats.long_episode_id)
                              .where(ExerciseDose.reps.is_not(None))
                              .order_by(VisitNote.visit_date)))
        assert max(reps) > min(reps)  # exercises got harder over the course
        for a in s.scalars(select(Assessment).limit(50)):
            assert score(a.instrument, a.answers).total == a.total
        audit = s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "sign"))
        assert audit == stats.rows["visit_notes"]  # as the app would have recorded


def test_one_chart_has_the_long_episode(clinic) -> None:  # noqa: ANN001
    db, stats = clinic
    with db.session() as s:
        n = s.scalar(select(func.count(VisitNote.id))
                     .where(VisitNote.episode_id == stats.long_episode_id))
    assert n == stats.size.long_visits == max(4, stats.size.sessions // 5)


def test_building_again_adds_nothing(clinic) -> None:  # noqa: ANN001
    db, _stats = clinic
    assert build_clinic(db, YEARS, today=TODAY) is None


def test_visits_are_twice_a_week() -> None:
    days = visit_dates(date(2026, 1, 5), 5)
    assert [d.isoformat() for d in days] == ["2026-01-05", "2026-01-08", "2026-01-12",
                                             "2026-01-15", "2026-01-19"]


def test_cli_generates_a_clinic_and_refuses_a_nonsense_size(tmp_path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "demo", "--clinic-years", "0.01"]) == 0
    assert "generated a clinic of 5 patients" in capsys.readouterr().out
    assert main(["--db", db, "demo", "--clinic-years", "0.01"]) == 0
    assert "already present" in capsys.readouterr().out
    assert main(["--db", db, "demo", "--clinic-years", "-1"]) == 1
    assert "more than 0" in capsys.readouterr().err


def test_every_generated_signed_note_passes_the_sign_checklist(clinic) -> None:  # noqa: ANN001
    """The benchmark clinic is documented as the app would have it signed: evaluation
    first, a progress report every tenth treatment day, the discharge note last, the
    adverse-event screen answered, and billing that the interventions support."""
    from mash_desktop.services.sessions import LICENSED_NOTE_TYPES, _is_licensed_pt
    from mash_desktop.services.sign_checklist import note_checklist, problems

    db, _stats = clinic
    with db.session() as s:
        notes = list(s.scalars(select(VisitNote).where(VisitNote.signed_at.is_not(None))
                               .order_by(VisitNote.episode_id, VisitNote.visit_date)))
        assert len(notes) == ClinicSize.for_years(YEARS).sessions
        bad = {n.id: problems(note_checklist(s, n)) for n in notes}
        assert {k: x for k, x in bad.items() if x} == {}
        for ep in s.scalars(select(Episode)):
            attended = [v for v in sorted(ep.visits, key=lambda v: (v.visit_date, v.id))
                        if v.status == "attended"]
            assert attended[0].note_type == "evaluation"
            assert [v.note_type for v in attended].count("evaluation") == 1
            if ep.status == "discharged":
                assert attended[-1].note_type == "discharge"
                assert all(g.status != "open" for g in ep.goals)
            else:
                assert "discharge" not in {v.note_type for v in attended}
            for v in attended:
                if v.note_type in LICENSED_NOTE_TYPES:
                    assert _is_licensed_pt(v.signature_credentials), v.id
        types = set(s.scalars(select(VisitNote.note_type)))
        results = run_checks(s)
    assert types == {"evaluation", "daily", "progress", "discharge"}
    assert [r.name for r in results if not r.ok] == [], [r.problems for r in results]


def test_generated_screens_pain_and_nprs_tell_one_story(clinic) -> None:  # noqa: ANN001
    """Like the demo (review of issues 12/13): every MASH-arm screen passes the app's own
    eligibility screen (resources/eligibility.json), the screen's LBP intensity is the
    baseline NPRS, and a note's pre-treatment pain is the NPRS measured that day."""
    from mash_desktop.models import EligibilityScreen
    from mash_desktop.services.eligibility import evaluate

    db, _stats = clinic
    compared = 0
    with db.session() as s:
        for screen in s.scalars(select(EligibilityScreen)):
            episode = screen.episode
            if episode.arm != "custom":
                result = evaluate(screen, episode.patient.date_of_birth, screen.screened_on)
                assert result.overall == "eligible", [(c.key, c.detail) for c in
                                                      result.criteria if c.met is not True]
        pairs = s.execute(select(Assessment.instrument, Assessment.timepoint,
                                 Assessment.total, VisitNote.pain_back_pre,
                                 VisitNote.pain_hip_pre, EligibilityScreen.lbp_intensity)
                          .join(VisitNote, (VisitNote.episode_id == Assessment.episode_id)
                                & (VisitNote.visit_date == Assessment.assessed_on))
                          .join(EligibilityScreen,
                                EligibilityScreen.episode_id == Assessment.episode_id)
                          .where(VisitNote.status == "attended",
                                 Assessment.instrument.in_(("nprs_back", "nprs_hip"))))
        for inst, tp, total, back, hip, intensity in pairs:
            assert abs((back if inst == "nprs_back" else hip) - total) <= 1
            if (inst, tp) == ("nprs_back", "baseline"):
                assert total == intensity and total > 3
            compared += 1
    assert compared >= 5  # the small clinic has a handful of same-day pairs
