"""Exports made before note types existed (schema 0001), brought up to date on import.

Those files hold signed notes without a type, without an explicit adverse-event screen
answer and without the evaluation and goal-progress parts, because the app that signed
them had none of these. Import keeps every one of them exactly as signed and adds only
what can be inferred from the record itself, the same way migration 0002 upgraded
databases of that age:

- the note type: the first attended visit of an episode is its initial evaluation, the
  last attended visit of a discharged episode its discharge note, a visit billed as a
  re-evaluation (97164) a re-evaluation, every other visit a daily note;
- the adverse-event screen: for an attended note that was signed (or has an adverse
  event) the old form's adverse-event box was the answer, so it becomes yes or no.

- the plan's frequency and duration, from its planned visits (:func:`plan_from_planned_visits`).

Nothing else is invented: no evaluation findings, goal progress or assessment text.
A file of any schema before 0008 also gets each note's ``not_billed`` codes: those of its
interventions it did not bill (:func:`unbilled_codes`).
Such notes are marked ``signed_before_checklist``; the sign checklist, which did not
exist when they were signed, is not applied to them, and the note view says so.
"""

from __future__ import annotations

from typing import Any

from ..catalog import billing_code
from .errors import ValidationError

# The schema revisions whose exports have no note types (migration 0002 added them).
REVISIONS_BEFORE_NOTE_TYPES = {"0001"}
# ... and those whose exports carry no hashes (tamper evidence came with migration 0007;
# tests/test_tamper_evidence.py checks this is every revision before it).
TAMPER_EVIDENCE_REVISION = "0007_tamper_evidence_and_mrn_case"
REVISIONS_BEFORE_TAMPER_EVIDENCE = {"0001", "0002_documentation_lifecycle",
                                    "0003_signed_documents",
                                    "0004_notes_signed_before_checklist",
                                    "0005_discharge_outcome", "0006_home_exercise_frequency"}
RE_EVALUATION_CODES = {"97164"}


def is_before_note_types(data: dict[str, Any]) -> bool:
    return data.get("schema_revision") in REVISIONS_BEFORE_NOTE_TYPES


def before_tamper_evidence(data: dict[str, Any]) -> bool:
    """An export written before audit chains and signature hashes: nothing to verify.

    Its records still meet every validation rule; that its signatures and audit trail
    are as first written cannot be shown, and the import's own audit entry says so
    (``unverified_file_schema``). Anyone can label a file this way, which is why the
    record of the import names it.
    """
    return data.get("schema_revision") in REVISIONS_BEFORE_TAMPER_EVIDENCE


def _order(note: dict[str, Any]) -> tuple[str, str, int]:
    ident = note.get("id")
    return (str(note.get("visit_date") or ""), str(note.get("start_time") or ""),
            ident if isinstance(ident, int) else 0)


def _codes(note: dict[str, Any]) -> set[str]:
    lines = note.get("billing") or []
    return {str(b.get("code")) for b in lines if isinstance(b, dict)}


def plan_from_planned_visits(episode: dict[str, Any]) -> None:
    """An episode exported before the plan of care had a frequency and duration (schema
    0001) gets the ones its planned visits imply: twice a week (MASH) for half of them,
    or once a week for an odd number, so the plan agrees with itself (services.episodes
    refuses frequency x duration that is not the planned visits). Nothing to do when the
    file states them."""
    if "sessions_per_week" in episode or "duration_weeks" in episode:
        return
    planned = episode.get("planned_visits")
    if not isinstance(planned, int) or isinstance(planned, bool) or planned < 1:
        return  # left to the form's validation, which names the field
    per_week = 2 if planned % 2 == 0 else 1
    if planned // per_week <= 52:   # the form's longest duration
        episode["sessions_per_week"], episode["duration_weeks"] = per_week, planned // per_week


def upgrade_episode(episode: dict[str, Any], where: str) -> int:
    """Give every note of one old episode its inferred type; returns the signed notes marked."""
    plan_from_planned_visits(episode)
    sessions = episode.get("sessions") or []
    if not isinstance(sessions, list) or not all(isinstance(n, dict) for n in sessions):
        raise ValidationError({f"{where}.sessions": "must be a list of notes"})
    attended = sorted((n for n in sessions if n.get("status", "attended") == "attended"),
                      key=_order)
    first = attended[0] if attended else None
    last = attended[-1] if len(attended) > 1 and episode.get("status") == "discharged" \
        else None
    seen = {id(n) for n in attended}
    marked = 0
    for note in sessions:
        if "note_type" in note:
            raise ValidationError({f"{where}.sessions": (
                "mixes notes with and without a note type; the file is damaged")})
        if note is first:
            kind = "evaluation"
        elif note is last:
            kind = "discharge"
        elif id(note) in seen and _codes(note) & RE_EVALUATION_CODES:
            kind = "re-evaluation"
        else:
            kind = "daily"
        note["note_type"] = kind
        signed = note.get("signed_at") is not None
        if id(note) in seen and (signed or note.get("adverse_event")):
            note["adverse_event_screen"] = "yes" if note.get("adverse_event") else "no"
        else:
            note["adverse_event_screen"] = ""
        note["evaluation"], note["goal_progress"] = {}, {}
        note["signed_before_checklist"] = signed
        marked += signed
    return marked


def unbilled_codes(note: dict[str, Any]) -> list[str]:
    """The codes of a note's documented interventions that it does not bill.

    Before notes recorded "not billed" explicitly (migration 0007), an intervention whose
    code was not billed was simply not billed; the record says so, so that is what is
    written down (the same inference migration 0007 makes for stored notes).
    """
    billed = {str(b.get("code")) for b in note.get("billing") or [] if isinstance(b, dict)}
    done: set[str | None] = set()
    for field, kind, key in (("manual_therapy", "manual_therapy", "technique"),
                             ("exercises", "exercise", "exercise"),
                             ("education", "education", "topic")):
        rows = note.get(field) or []
        done |= {billing_code(kind, str(r.get(key))) for r in rows if isinstance(r, dict)}
    return sorted(c for c in done - billed if c is not None)


def _fill_not_billed(sessions: Any) -> None:
    for note in sessions if isinstance(sessions, list) else []:
        if isinstance(note, dict) and "not_billed" not in note:
            note["not_billed"] = unbilled_codes(note)


def upgrade_export(data: dict[str, Any]) -> int:
    """Bring an export made before note types up to date in place; returns the notes marked.

    A file of a later schema whose notes lack their type is damaged, not old: refused.
    """
    old = is_before_note_types(data)
    marked = 0
    for i, patient in enumerate(data.get("patients") or []):
        episodes = patient.get("episodes") if isinstance(patient, dict) else None
        for j, episode in enumerate(episodes if isinstance(episodes, list) else []):
            if not isinstance(episode, dict):
                continue
            where = f"patients[{i}].episodes[{j}]"
            sessions = episode.get("sessions") or []
            _fill_not_billed(sessions)
            if not old:
                for k, note in enumerate(sessions if isinstance(sessions, list) else []):
                    if isinstance(note, dict) and "note_type" not in note:
                        raise ValidationError({f"{where}.sessions[{k}].note_type": (
                            f"is missing, but the file says it was exported at schema "
                            f"{data.get('schema_revision')!r}, which has note types "
                            "(damaged file?)")})
                continue
            marked += upgrade_episode(episode, where)
    return marked
