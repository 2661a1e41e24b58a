"""Who signs which note, and a discharge note that the episode has not caught up with
(review of issues 12 and 13; BPM ch. 15 §220.3: only the clinician writes progress
reports, re-evaluations and discharge notes; documentation.md: a PTA may not make
clinical judgements)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from mash_desktop.models import Episode, User
from mash_desktop.services import PermissionDenied
from mash_desktop.services.checks import run_checks
from mash_desktop.services.documentation import due_list, episode_timing
from mash_desktop.services.goals import goal_progress, set_goals
from mash_desktop.services.sessions import save_note, sign_note
from tests.note_kit import evaluation
from tests.test_sign_checklist import START, _progress_data, episode_id, sign, visit

__all__ = ["episode_id"]  # the fixture, shared with the sign-checklist tests


def _assistant(s) -> User:  # noqa: ANN001
    pta = User(username="hw", full_name="Hannah Weiss", credentials="PTA", role="assistant")
    s.add(pta)
    s.flush()
    return pta


@pytest.mark.parametrize(("note_type", "words"), [
    ("progress", "a progress report"), ("re-evaluation", "a re-evaluation"),
    ("discharge", "a discharge note")])
def test_an_assistant_is_told_which_note_they_may_not_sign(db, episode_id, note_type,  # noqa: ANN001
                                                          words) -> None:
    """A PTA signing a progress report heard "may not sign evaluations": the refusal
    names the note at hand."""
    sign(db, episode_id, visit(0, **evaluation()))
    data = _progress_data(db, episode_id, 3, note_type)
    with db.session() as s:
        pta = _assistant(s)
        note = save_note(s, episode_id, data, actor=pta)
        with pytest.raises(PermissionDenied) as err:
            sign_note(s, note.id, pta)
    message = str(err.value)
    assert f"may not sign {words}:" in message
    assert "may not sign evaluations" not in message
    assert "only a licensed physical therapist (PT, DPT)" in message


def test_an_assistant_signing_an_evaluation_hears_initial_evaluation(db, episode_id) -> None:  # noqa: ANN001
    with db.session() as s:
        pta = _assistant(s)
        note = save_note(s, episode_id, visit(0, **evaluation()), actor=pta)
        with pytest.raises(PermissionDenied, match="may not sign an initial evaluation:"):
            sign_note(s, note.id, pta)


def _signed_discharge_note(db, episode_id: int) -> None:  # noqa: ANN001
    sign(db, episode_id, visit(0, **evaluation()))
    with db.session() as s:
        goals = [{"id": p.goal_id, "text": p.text, "term": p.term,
                  "instrument": p.instrument, "target": p.target, "status": "not_met"}
                 for p in goal_progress(s, episode_id)]
        set_goals(s, episode_id, goals)
    sign(db, episode_id, _progress_data(db, episode_id, 3, "discharge"))


def test_check_flags_a_signed_discharge_note_in_an_active_episode(db, episode_id) -> None:  # noqa: ANN001
    """The note says the course ended; the episode says it goes on."""
    _signed_discharge_note(db, episode_id)
    with db.session() as s:
        assert s.get(Episode, episode_id).status == "active"
        found = next(r.problems for r in run_checks(s) if r.name == "discharge notes")
    assert found == [f"episode {episode_id}: a discharge note was signed on "
                     f"{(START + timedelta(days=3)).isoformat()} but the episode is still active; "
                     "record the discharge (or, if the course goes on, correct the note "
                     "with a signed addendum)"]


def test_after_a_signed_discharge_note_the_due_list_asks_for_the_discharge(db, episode_id) -> None:  # noqa: ANN001
    """Not a recertification or another progress report for a course that has ended."""
    _signed_discharge_note(db, episode_id)
    with db.session() as s:
        episode = s.get(Episode, episode_id)
        # the certification ended 10 days ago: without the discharge note it would be due
        episode.cert_start, episode.cert_end = START, START + timedelta(days=30)
        s.flush()
        items = [i.what for i in episode_timing(s, episode).items]
        mine = [i.what for i in due_list(s) if i.episode_id == episode_id]
    assert any(w.startswith("Discharge note signed") and w.endswith("record the discharge")
               for w in items)
    assert not any("recertification" in w.lower() or "progress report" in w.lower()
                   for w in items + mine)
    assert any("record the discharge" in w for w in mine)


def test_a_discharged_episode_has_no_discharge_reminder(db, episode_id) -> None:  # noqa: ANN001
    _signed_discharge_note(db, episode_id)
    with db.session() as s:
        episode = s.scalars(select(Episode).where(Episode.id == episode_id)).one()
        episode.status, episode.discharge_date = "discharged", START + timedelta(days=3)
        episode.discharge_reason = "Course completed."
        s.flush()
        assert [i for i in due_list(s) if i.episode_id == episode_id] == []
        assert next(r.problems for r in run_checks(s) if r.name == "discharge notes") == []
