"""Start a new note from the last visit: same interventions and doses, plus suggestions."""

from __future__ import annotations

import copy
from datetime import date
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, VisitNote
from .progression import Suggestion, suggest
from .sessions import (
    EXERCISE_FIELDS,
    ExerciseDoseValues,
    ManualTherapyValues,
    NoteValues,
    note_values,
)


def _attended(session: Session, episode_id: int, limit: int = 2) -> list[VisitNote]:
    q = (select(VisitNote).where(VisitNote.episode_id == episode_id,
                                 VisitNote.status == "attended")
         .order_by(VisitNote.visit_date.desc(), VisitNote.id.desc()).limit(limit))
    return list(session.scalars(q))


def copy_forward(session: Session, episode_id: int,
                 today: date | None = None) -> tuple[NoteValues, list[Suggestion]]:
    """A draft for today built from the last attended visit, and progression suggestions.

    The draft keeps interventions, doses, education, billed minutes and the codes marked
    not billed; pain scores and
    free text start empty because they describe today, not last time.
    """
    recent = _attended(session, episode_id)
    draft: NoteValues = {"visit_date": (today or date.today()).isoformat(),
                         "status": "attended", "manual_therapy": [], "exercises": [],
                         "education": [], "billing": {}, "total_minutes": None}
    if not recent:
        return draft, []
    last = copy.deepcopy(note_values(recent[0]))
    exercises: list[ExerciseDoseValues] = [
        {**row, "pain_response": "", "completed": True} for row in last.get("exercises", [])]
    manual: list[ManualTherapyValues] = [
        {**row, "response": ""} for row in last.get("manual_therapy", [])]
    draft.update({"manual_therapy": manual, "exercises": exercises,
                  "education": last.get("education", []), "billing": last.get("billing", {}),
                  "not_billed": last.get("not_billed", []),
                  "total_minutes": last.get("total_minutes"),
                  "start_time": last.get("start_time")})
    previous = [dict(r) for r in note_values(recent[1]).get("exercises", [])] \
        if len(recent) > 1 else []
    done = [dict(r) for r in last.get("exercises", [])]
    keys = {str(r["exercise"]) for r in done}
    entries = session.scalars(select(CatalogEntry).where(CatalogEntry.key.in_(keys)))
    hints = {}
    starts = {}
    for entry in entries:
        defaults = entry.defaults or {}
        hints[entry.key] = defaults.get("progression") or {}
        starts[entry.key] = defaults.get("reps")
    return draft, suggest(done, previous, hints, starts)


def apply_suggestions(draft: NoteValues, suggestions: list[Suggestion]) -> NoteValues:
    """The draft with every suggestion accepted (the PT can still edit any dose)."""
    by_key = {s.exercise: s for s in suggestions}
    rows: list[ExerciseDoseValues] = []
    for row in draft.get("exercises", []):
        s = by_key.get(str(row.get("exercise")))
        # a suggestion's new values are dose fields (sets, reps, hold_s, load_kg, ...)
        rows.append(cast(ExerciseDoseValues, {**row, **s.after}) if s
                    else ExerciseDoseValues(**row))
    return {**draft, "exercises": rows}


__all__ = ["EXERCISE_FIELDS", "apply_suggestions", "copy_forward"]
