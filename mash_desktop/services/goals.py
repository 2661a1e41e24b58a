"""Goals of an episode of care, with their status at discharge."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import Goal, User
from . import audit
from . import validate as v
from .access import authorize
from .episodes import get_episode
from .errors import ValidationError

GOAL_STATUSES = {"open": "Open", "met": "Met", "partially_met": "Partially met",
                 "not_met": "Not met"}


def set_goals(session: Session, episode_id: int, goals: list[dict[str, Any]],
              actor: User | None = None) -> list[Goal]:
    """Replace the episode's goals with this list (all validated first)."""
    actor = authorize(session, actor, "write_chart")
    episode = get_episode(session, episode_id, actor)
    e: v.Errors = {}
    clean = []
    if not isinstance(goals, list):
        raise ValidationError({"goals": "must be a list"})
    for i, g in enumerate(goals):
        g = g if isinstance(g, dict) else {}
        clean.append({
            "text": v.text(g.get("text"), f"goals[{i}].text", e, required=True, max_len=500),
            "target_date": v.parse_date(g.get("target_date"), f"goals[{i}].target_date", e,
                                        required=False),
            "status": v.choice(g.get("status") or "open", f"goals[{i}].status", e,
                               GOAL_STATUSES),
        })
    if e:
        raise ValidationError(e)
    before = [(g.text, g.status) for g in episode.goals]
    for g in list(episode.goals):
        session.delete(g)
    session.flush()
    episode.goals = [Goal(**c) for c in clean]
    session.flush()
    audit.record(session, actor, "update", "goals", episode.id, patient_id=episode.patient_id,
                 changes={"goals": [before, [(c["text"], c["status"]) for c in clean]]})
    return episode.goals
