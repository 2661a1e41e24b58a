"""The hash chain of the audit trail and the hashes of signed notes and addenda.

:mod:`integrity` says how a hash is made; this module says *what* is hashed (one
definition, used when signing, by ``check``, by import and by the migration that
back-fills older rows) and verifies stored data, naming the first broken record in
words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from ..models import (
    Addendum,
    AdverseEvent,
    AuditEntry,
    BillingLine,
    CatalogEntry,
    EducationItem,
    ExerciseDose,
    ManualTherapyDose,
    Setting,
    VisitNote,
)
from . import checks
from .integrity import AUDIT_FIELDS, CHAIN_KEY, GENESIS, audit_hash, digest

# ---- what a signature covers ------------------------------------------------------------
NOTE_FIELDS = ("id", "episode_id", "visit_date", "start_time", "visit_number", "status",
               "status_reason", "total_minutes", "pain_back_pre", "pain_back_post",
               "pain_hip_pre", "pain_hip_post", "subjective", "assessment", "plan",
               "adverse_event", "note_type", "adverse_event_screen", "evaluation",
               "goal_progress", "signed_at", "signed_by_id", "signature_name",
               "signature_credentials")
MT_FIELDS = ("position", "region", "side", "grade", "patient_position", "sets", "seconds",
             "oscillations", "response")
EX_FIELDS = ("position", "side", "sets", "reps", "hold_s", "minutes", "load_type", "load_kg",
             "band", "rpe", "pain_response", "progression_level", "completed", "home_program")
AE_FIELDS = ("description", "serious", "relatedness", "action")
ADDENDUM_FIELDS = ("id", "visit_id", "text", "created_at", "signed_at", "signed_by_id",
                   "signature_name", "signature_credentials")


def note_content(note: dict[str, Any], manual: list[dict[str, Any]],
                 exercises: list[dict[str, Any]], education: list[str],
                 billing: dict[str, int], adverse: list[dict[str, Any]]) -> dict[str, Any]:
    """Every signed field of a note as plain data (doses ordered by position)."""
    return {**{k: note.get(k) for k in NOTE_FIELDS},
            "manual_therapy": sorted(manual, key=lambda d: d.get("position") or 0),
            "exercises": sorted(exercises, key=lambda d: d.get("position") or 0),
            "education": sorted(education), "billing": dict(sorted(billing.items())),
            "adverse": sorted(adverse, key=lambda a: str(a.get("description")))}


def note_hash(note: VisitNote, session: Session) -> str:
    """The hash of a note as it is now (call at signing, after the signature is set)."""
    adverse = session.scalars(select(AdverseEvent).where(AdverseEvent.visit_id == note.id))
    return digest(note_content(
        {k: getattr(note, k) for k in NOTE_FIELDS},
        [{"technique": d.technique.key, **{k: getattr(d, k) for k in MT_FIELDS}}
         for d in note.manual_therapy],
        [{"exercise": d.exercise.key, **{k: getattr(d, k) for k in EX_FIELDS}}
         for d in note.exercises],
        [i.topic.key for i in note.education],
        {b.code: b.minutes for b in note.billing_lines},
        [{k: getattr(a, k) for k in AE_FIELDS} for a in adverse]))


def addendum_hash(values: dict[str, Any]) -> str:
    return digest({k: values.get(k) for k in ADDENDUM_FIELDS})


def signed_note_hashes(session: Session) -> Iterator[tuple[int, str, str]]:
    """(note id, stored hash, recomputed hash) for every signed note, in bulk queries."""
    cols = [getattr(VisitNote, k) for k in NOTE_FIELDS]
    notes = {r[0]: (dict(zip(NOTE_FIELDS, r[:-1], strict=True)), r[-1]) for r in
             session.execute(select(*cols, VisitNote.content_hash)
                             .where(VisitNote.signed_at.is_not(None)))}
    if not notes:
        return
    signed = VisitNote.signed_at.is_not(None)
    manual: dict[int, list[dict[str, Any]]] = {}
    q = (select(ManualTherapyDose.visit_id, CatalogEntry.key,
                *[getattr(ManualTherapyDose, k) for k in MT_FIELDS])
         .join(CatalogEntry, CatalogEntry.id == ManualTherapyDose.technique_id)
         .join(VisitNote, VisitNote.id == ManualTherapyDose.visit_id).where(signed))
    for r in session.execute(q):
        manual.setdefault(r[0], []).append({"technique": r[1],
                                            **dict(zip(MT_FIELDS, r[2:], strict=True))})
    exercises: dict[int, list[dict[str, Any]]] = {}
    q = (select(ExerciseDose.visit_id, CatalogEntry.key,
                *[getattr(ExerciseDose, k) for k in EX_FIELDS])
         .join(CatalogEntry, CatalogEntry.id == ExerciseDose.exercise_id)
         .join(VisitNote, VisitNote.id == ExerciseDose.visit_id).where(signed))
    for r in session.execute(q):
        exercises.setdefault(r[0], []).append({"exercise": r[1],
                                               **dict(zip(EX_FIELDS, r[2:], strict=True))})
    education: dict[int, list[str]] = {}
    for vid, key in session.execute(
            select(EducationItem.visit_id, CatalogEntry.key)
            .join(CatalogEntry, CatalogEntry.id == EducationItem.topic_id)):
        education.setdefault(vid, []).append(key)
    billing: dict[int, dict[str, int]] = {}
    for vid, code, minutes in session.execute(
            select(BillingLine.visit_id, BillingLine.code, BillingLine.minutes)):
        billing.setdefault(vid, {})[code] = minutes
    adverse: dict[int, list[dict[str, Any]]] = {}
    for r in session.execute(select(AdverseEvent.visit_id,
                                    *[getattr(AdverseEvent, k) for k in AE_FIELDS])
                             .where(AdverseEvent.visit_id.is_not(None))):
        adverse.setdefault(r[0], []).append(dict(zip(AE_FIELDS, r[1:], strict=True)))
    for vid in sorted(notes):
        values, stored = notes[vid]
        yield vid, stored or "", digest(note_content(
            values, manual.get(vid, []), exercises.get(vid, []), education.get(vid, []),
            billing.get(vid, {}), adverse.get(vid, [])))


# ---- the audit chain --------------------------------------------------------------------
def chain_head(session: Session) -> dict[str, Any]:
    row = session.get(Setting, CHAIN_KEY, with_for_update=True, populate_existing=True)
    value = row.value if row is not None and isinstance(row.value, dict) else {}
    return {"hash": value.get("hash", GENESIS), "count": value.get("count", 0)}


def _set_head(session: Session, head: dict[str, Any]) -> None:
    row = session.get(Setting, CHAIN_KEY)
    if row is None:
        session.add(Setting(key=CHAIN_KEY, value=dict(head)))
    else:
        row.value = dict(head)  # a new dict, so the JSON column sees the change


def append(session: Session, entry: AuditEntry) -> None:
    """Chain a new audit entry to the head and move the head on (caller's transaction)."""
    head = chain_head(session)  # read fresh each time: another process may have appended
    fields = {k: getattr(entry, k) for k in AUDIT_FIELDS}
    entry.hash = audit_hash(fields, head["hash"])
    session.add(entry)
    head["hash"], head["count"] = entry.hash, head["count"] + 1
    _set_head(session, head)


def rechain(session: Session) -> int:
    """Hash every audit entry in id order and reset the head (migration, generator)."""
    head: dict[str, Any] = {"hash": GENESIS, "count": 0}
    cols = [AuditEntry.id, *[getattr(AuditEntry, k) for k in AUDIT_FIELDS]]
    batch: list[dict[str, Any]] = []
    for row in session.execute(select(*cols).order_by(AuditEntry.id)).all():
        h = audit_hash(dict(zip(AUDIT_FIELDS, row[1:], strict=True)), head["hash"])
        head.update(hash=h, count=head["count"] + 1)
        batch.append({"id": row[0], "hash": h})
        if len(batch) >= 5000:
            session.execute(update(AuditEntry), batch)
            batch = []
    if batch:
        session.execute(update(AuditEntry), batch)
    _set_head(session, head)
    return int(head["count"])


def describe_entry(entry_id: int, at: Any, action: str, entity: str) -> str:
    when = at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at)
    return f"audit entry {entry_id} ({when}, {entity.replace('_', ' ')} {action})"


def audit_problems(session: Session) -> Iterator[str]:
    """Walk the chain; name the first broken entry, then whether the head matches."""
    cols = [AuditEntry.id, AuditEntry.hash, *[getattr(AuditEntry, k) for k in AUDIT_FIELDS]]
    previous, count, last = GENESIS, 0, None
    for row in session.execute(select(*cols).order_by(AuditEntry.id)):
        fields = dict(zip(AUDIT_FIELDS, row[2:], strict=True))
        expected = audit_hash(fields, previous)
        if row[1] != expected:
            where = describe_entry(row[0], fields["at"], fields["action"], fields["entity"])
            if not row[1]:
                yield f"{where} has no tamper-evidence hash: it was added behind the app's back"
            elif last is not None and audit_hash(fields, _hash_of(session, last)) == row[1]:
                yield (f"{where} does not follow the entry before it: an entry between them "
                       "was removed or changed")
            else:
                yield (f"{where} was changed or removed after it was written, or an entry "
                       "before it was removed")
            return
        previous, count, last = row[1], count + 1, row[0]
    head = chain_head(session)
    if (head["hash"], head["count"]) != (previous, count):
        yield (f"the audit trail ends at entry {last} with {count} entries, but it had "
               f"{head['count']}: its newest entries were removed or changed")


def _hash_of(session: Session, entry_id: int) -> str:
    return session.scalar(select(AuditEntry.hash).where(AuditEntry.id == entry_id)) or ""


@checks.register("audit trail (tamper evidence)")
def _audit_chain(session: Session) -> Iterable[str]:
    return list(audit_problems(session))


@checks.register("signed notes and addenda (tamper evidence)")
def _signed_hashes(session: Session) -> Iterable[str]:
    for vid, stored, actual in signed_note_hashes(session):
        if not stored:
            yield f"signed note {vid} has no signature hash: it was signed behind the app's back"
        elif stored != actual:
            yield (f"signed note {vid} was changed after it was signed (its content no longer "
                   "matches the signature hash)")
    cols = [getattr(Addendum, k) for k in ADDENDUM_FIELDS]
    for row in session.execute(select(*cols, Addendum.content_hash)
                               .where(Addendum.signed_at.is_not(None))):
        values = dict(zip(ADDENDUM_FIELDS, row[:-1], strict=True))
        if row[-1] != addendum_hash(values):
            yield (f"addendum {values['id']} on note {values['visit_id']} was changed after "
                   "it was signed")


def append_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert many audit entries (plain column values, no ids) chained from the head."""
    head = chain_head(session)
    for values in rows:
        values["hash"] = audit_hash({k: values.get(k) for k in AUDIT_FIELDS}, head["hash"])
        head.update(hash=values["hash"], count=head["count"] + 1)
    for i in range(0, len(rows), 5000):
        session.execute(insert(AuditEntry), rows[i:i + 5000])
    _set_head(session, head)


def hash_unhashed_signatures(session: Session) -> None:
    """Hash signed notes and addenda that have no hash yet (back-fill and import only)."""
    rows = [{"id": vid, "content_hash": actual}
            for vid, stored, actual in list(signed_note_hashes(session)) if not stored]
    # Plain SQL: an ORM update would also move the notes' updated_at, which it is not.
    set_hash = text("UPDATE visit_notes SET content_hash = :content_hash WHERE id = :id")
    for i in range(0, len(rows), 5000):
        session.execute(set_hash, rows[i:i + 5000])
    cols = [getattr(Addendum, k) for k in ADDENDUM_FIELDS]
    rows = [{"id": r[0], "content_hash": addendum_hash(dict(zip(ADDENDUM_FIELDS, r,
                                                                strict=True)))}
            for r in session.execute(select(*cols).where(Addendum.signed_at.is_not(None),
                                                         Addendum.content_hash.is_(None)))]
    if rows:
        session.execute(update(Addendum), rows)


def backfill(session: Session) -> None:
    """Hash signed notes and addenda without a hash, and chain every audit entry.

    For the migration that introduces the hashes and for bulk writers (the benchmark
    clinic): never for data that already had hashes, which ``check`` would then miss.
    """
    hash_unhashed_signatures(session)
    rechain(session)
