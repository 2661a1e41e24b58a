"""The session note editor's data, in and out, as plain values.

``note_form`` gathers everything the editor shows (the episode's billing rule, the pick
lists, the note or a copy-forward draft, signature and addenda) inside one session and
returns it as a dataclass, so the dialog never holds ORM objects. ``save_note_form``
saves, optionally signs, and drops the crash-recovery draft in one transaction: a note
is never signed without being saved, and a saved note never leaves a stale draft behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from .access import Acting
from .catalog import entries
from .copy_forward import copy_forward
from .drafts import discard_draft
from .episodes import get_episode
from .goals import GoalProgress, goal_progress, set_goal_status
from .progression import Suggestion
from .quick_phrases import get_phrases
from .sessions import (
    NoteValues,
    get_note,
    note_values,
    payer_rule,
    save_note,
    sign_note,
    suggested_note_type,
)


@dataclass(frozen=True)
class Signer:
    """Who signs: a signed-in user, or (clinic without accounts) a typed name."""

    actor: Acting | None = None
    name: str | None = None
    credentials: str | None = None


@dataclass
class NoteForm:
    episode_id: int
    note_id: int | None
    patient_name: str
    planned_visits: int
    rule: str
    exercises: dict[str, str]       # catalog key -> name, retired ones kept for old notes
    manual_therapy: dict[str, str]
    education: list[tuple[str, str]]
    values: NoteValues
    signed: bool = False
    signature: str = ""
    addenda: list[str] = field(default_factory=list)
    visit_number: int | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    goals: list[GoalProgress] = field(default_factory=list)    # for progress/discharge
    phrases: dict[str, list[str]] = field(default_factory=dict)  # the clinic's quick phrases
    version: int | None = None  # the draft's version when opened (optimistic locking)


def note_form(session: Session, episode_id: int, note_id: int | None = None) -> NoteForm:
    """The editor's contents: an existing note, or a new one copied forward."""
    episode = get_episode(session, episode_id)
    ex = {e.key: e.name for e in entries(session, "exercise")}
    mt = {e.key: e.name for e in entries(session, "manual_therapy")}
    form = NoteForm(episode_id, note_id, episode.patient.display_name, episode.planned_visits,
                    payer_rule(episode), ex, mt,
                    [(e.key, e.name) for e in entries(session, "education")], {})
    form.goals = goal_progress(session, episode_id)
    form.phrases = get_phrases(session)
    if note_id is None:
        form.values, form.suggestions = copy_forward(session, episode_id)
        form.values["note_type"] = suggested_note_type(session, episode_id, date.today())
        return form
    note = get_note(session, note_id)
    form.values = note_values(note)
    form.visit_number = note.visit_number
    form.version = note.version
    if note.signed_at is not None:
        form.signed = True
        form.signature = (f"Signed by {note.signature_name}, {note.signature_credentials} on "
                          f"{note.signed_at:%Y-%m-%d %H:%M} UTC")
        if note.signed_before_checklist:
            form.signature += (" (signed in an app version without note types or the sign "
                               "checklist; imported as signed, type inferred)")
    form.addenda = [f"Addendum {a.signed_at:%Y-%m-%d %H:%M} by {a.signature_name}: {a.text}"
                    for a in note.addenda]
    for x in note.exercises:  # retired entries still show in old notes
        ex.setdefault(x.exercise.key, x.exercise.name)
    for m in note.manual_therapy:
        mt.setdefault(m.technique.key, m.technique.name)
    return form


def save_note_form(session: Session, episode_id: int, data: NoteValues,
                   note_id: int | None, actor: Acting | None, *, sign: Signer | None = None,
                   draft: tuple[str, str] | None = None,
                   goal_statuses: list[tuple[int, str, str]] | None = None,
                   expected_version: int | None = None,
                   opened: dict[str, Any] | None = None) -> int:
    """Save (and sign, when ``sign`` says who) in the caller's transaction; the note's id.

    ``goal_statuses`` are the (goal id, status, reason) the PT set in a progress report or
    discharge note; they are kept with the note, or not at all.
    ``expected_version``/``opened``: what the editor opened; a draft another workstation
    saved since is not overwritten (ConflictError, nothing saved, the draft kept).
    """
    if draft is not None:
        discard_draft(session, *draft)
    for goal_id, status, reason in goal_statuses or []:
        set_goal_status(session, goal_id, status, reason,
                        sign.actor if sign is not None else actor)
    note = save_note(session, episode_id, data, note_id, actor,
                     expected_version=expected_version, opened=opened)
    if sign is not None:
        sign_note(session, note.id, sign.actor, sign.name, sign.credentials)
    return note.id
