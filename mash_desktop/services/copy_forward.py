"""Start a new note from the last visit: same interventions and doses, plus suggestions."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, VisitNote
from .progression import Suggestion, suggest
from .sessions import EXERCISE_FIELDS, note_values


def _attended(session: Session, episode_id: int, limit: int = 2) -> list[VisitNote]:
    q = (select(VisitNote).where(VisitNote.episode_id == episode_id,
                                 VisitNote.status == "attended")
         .order_by(VisitNote.visit_date.desc(), VisitNote.id.desc()).limit(limit))
    return list(session.scalars(q))


def copy_forward(session: Session, episode_id: int,
                 today: date | None = None) -> tuple[dict[str, Any], list[Suggestion]]:
    """A draft for today built from the last attended visit, and progression suggestions.

    The draft keeps interventions, doses, education, billed minutes and the codes marked
    not billed; pain scores and
    free text start empty because they describe today, not last time.
    """
    recent = _attended(session, episode_id)
    draft: dict[str, Any] = {"visit_date": (today or date.today()).isoformat(),
                             "status": "attended", "manual_therapy": [], "exercises": [],
                             "education": [], "billing": {}, "total_minutes": None}
    if not recent:
        return draft, []
    last = note_values(recent[0])
    draft.update(copy.deepcopy({k: last[k] for k in ("manual_therapy", "exercises",
                                                     "education", "billing", "not_billed",
                                                     "total_minutes")}))
    draft["start_time"] = last.get("start_time")
    for row in draft["exercises"]:
        row["pain_response"] = ""
        row["completed"] = True
    for row in draft["manual_therapy"]:
        row["response"] = ""
    previous = note_values(recent[1])["exercises"] if len(recent) > 1 else []
    keys = {r["exercise"] for r in last["exercises"]}
    entries = session.scalars(select(CatalogEntry).where(CatalogEntry.key.in_(keys)))
    hints = {}
    starts = {}
    for entry in entries:
        defaults = entry.defaults or {}
        hints[entry.key] = defaults.get("progression") or {}
        starts[entry.key] = defaults.get("reps")
    return draft, suggest(last["exercises"], previous, hints, starts)


def apply_suggestions(draft: dict[str, Any], suggestions: list[Suggestion]) -> dict[str, Any]:
    """The draft with every suggestion accepted (the PT can still edit any dose)."""
    by_key = {s.exercise: s for s in suggestions}
    rows = []
    for row in draft["exercises"]:
        s = by_key.get(row["exercise"])
        rows.append({**row, **s.after} if s else dict(row))
    return {**draft, "exercises": rows}


__all__ = ["EXERCISE_FIELDS", "apply_suggestions", "copy_forward"]
