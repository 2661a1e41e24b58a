"""A document is signed only when what it states is true (review of issue 12): a
discharge summary after the discharge, a plan of care with its long-term goals, its
signed evaluation and a frequency x duration that gives the planned visits."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Document, Episode, Goal, VisitNote
from mash_desktop.reports import generate
from mash_desktop.services import ValidationError
from mash_desktop.services.documents import sign_document
from tests.test_signed_documents import PASSWORD, _users, pages


def _stored(s) -> int:  # noqa: ANN001
    return s.scalar(select(func.count()).select_from(Document)) or 0


def _active_episode(s) -> int:  # noqa: ANN001
    return s.scalars(select(Episode.id).where(Episode.status == "active")
                     .order_by(Episode.id)).first()


def test_a_discharge_summary_is_signed_only_after_the_discharge(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        active = _active_episode(s)
        with pytest.raises(ValidationError) as err:
            sign_document(s, active, "discharge", u["dana"])
        assert "not discharged yet" in err.value.errors["status"]
        assert _stored(s) == 0
        assert "DRAFT — not signed" in pages(generate("discharge", s, active))[0]  # draft ok
        done = s.scalars(select(Episode.id).where(Episode.status == "discharged")).first()
        assert sign_document(s, done, "discharge", u["dana"]).kind == "discharge"


def test_cli_refuses_signing_the_discharge_summary_of_an_active_episode(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        _users(s)
        active = _active_episode(s)
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    out = tmp_path / "x.pdf"
    assert main(["--db", str(demo_db.path), "--user", "dana", "report", "discharge",
                 "--episode", str(active), "--out", str(out), "--sign"]) != 0
    err = capsys.readouterr().err
    assert "not discharged yet" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
    with demo_db.session() as s:
        assert _stored(s) == 0


def test_a_plan_of_care_without_goals_or_signed_evaluation_is_not_signed(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        episode = s.get(Episode, 1)
        for goal in list(episode.goals):
            if goal.term == "long":
                s.delete(goal)
        for evaluation in s.scalars(select(VisitNote).where(
                VisitNote.episode_id == 1, VisitNote.note_type == "evaluation")):
            evaluation.signed_at = None
        s.flush()
        s.expire_all()
        with pytest.raises(ValidationError) as err:
            sign_document(s, 1, "plan-of-care", u["dana"])
        message = err.value.errors["plan_of_care"]
        assert "no long-term goals" in message and "evaluation" in message
        assert _stored(s) == 0


def test_a_plan_of_care_whose_frequency_and_duration_miss_the_planned_visits_is_not_signed(
        demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        episode = s.get(Episode, 1)
        assert s.scalar(select(func.count()).select_from(Goal)
                        .where(Goal.episode_id == 1, Goal.term == "long"))
        episode.sessions_per_week, episode.duration_weeks, episode.planned_visits = 2, 8, 12
        s.flush()
        with pytest.raises(ValidationError) as err:
            sign_document(s, 1, "plan-of-care", u["dana"])
        assert "2 times a week for 8 weeks is 16 visits, but 12 are planned" in \
            err.value.errors["plan_of_care"]
        assert _stored(s) == 0
        episode.planned_visits = 16
        s.flush()
        assert sign_document(s, 1, "plan-of-care", u["dana"]).kind == "plan-of-care"
