"""The hash chain of the audit trail and the hashes of signed notes, addenda and documents.

:mod:`integrity` says how a hash is made; this module says *what* is hashed (one
definition, used when signing, by ``check``, by import and by the migration that
back-fills older rows) and verifies stored data, naming the first broken record in
words.

Hashes are made over each value in its *storage form* (what SQLite keeps: dates as ISO
text, times and timestamps with microseconds, booleans as 0/1, JSON as its text), so
``check`` can hash the raw rows of a 10-year clinic without building objects, and a
value read back through any path hashes alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Time,
    cast,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from ..models import (
    Addendum,
    AdverseEvent,
    AuditEntry,
    Document,
    ExerciseDose,
    ManualTherapyDose,
    Setting,
    VisitNote,
)
from . import checks
from .concurrency import serialise_audit_appends
from .integrity import AUDIT_FIELDS, CHAIN_KEY, GENESIS, audit_hash

# ---- what a signature covers ------------------------------------------------------------
NOTE_FIELDS = ("id", "episode_id", "visit_date", "start_time", "visit_number", "status",
               "status_reason", "total_minutes", "pain_back_pre", "pain_back_post",
               "pain_hip_pre", "pain_hip_post", "subjective", "assessment", "plan",
               "adverse_event", "note_type", "adverse_event_screen", "evaluation",
               "goal_progress", "signed_at", "signed_by_id", "signature_name",
               "signature_credentials", "signed_before_checklist")
MT_FIELDS = ("position", "region", "side", "grade", "patient_position", "sets", "seconds",
             "oscillations", "response")
EX_FIELDS = ("position", "side", "sets", "reps", "hold_s", "minutes", "load_type", "load_kg",
             "band", "rpe", "pain_response", "progression_level", "completed", "home_program")
AE_FIELDS = ("description", "serious", "relatedness", "action")
ADDENDUM_FIELDS = ("id", "visit_id", "text", "created_at", "signed_at", "signed_by_id",
                   "signature_name", "signature_credentials")
# A signed document: its record and, through ``sha256``, its exact PDF bytes.
DOCUMENT_FIELDS = ("id", "episode_id", "kind", "title", "version", "supersedes_id",
                   "addendum_to_id", "period_start", "period_end", "sha256", "size",
                   "signed_by_id", "signer_name", "signer_credentials", "signed_at", "text")


# ---- storage form -----------------------------------------------------------------------
def _stored(kind: Any) -> Callable[[Any], Any]:
    """How a value of this column type looks as SQLite stores it (None stays None)."""
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else int(bool(v))
    if isinstance(kind, Float):
        return lambda v: None if v is None else float(v)
    if isinstance(kind, Integer):
        return lambda v: None if v is None or isinstance(v, str) else int(v)
    if isinstance(kind, DateTime):
        return lambda v: v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v
    if isinstance(kind, Date):
        return lambda v: v.isoformat() if isinstance(v, date) else v
    if isinstance(kind, Time):
        return lambda v: v.strftime("%H:%M:%S.%f") if isinstance(v, time) else v
    if isinstance(kind, JSON):
        return lambda v: v if v is None or isinstance(v, str) else json.dumps(v)
    return lambda v: v


def _converters(model: Any, fields: Sequence[str]) -> list[Callable[[Any], Any]]:
    columns = model.__table__.columns
    return [_stored(columns[f].type) for f in fields]


def storage_row(model: Any, fields: Sequence[str], values: dict[str, Any]) -> tuple[Any, ...]:
    """Typed values (ORM, another database engine, an import file) in storage form."""
    return tuple(c(values.get(f)) for c, f in zip(_converters(model, fields), fields,
                                                   strict=True))


def _digest(structure: Any) -> str:
    return hashlib.sha256(repr(structure).encode("utf-8")).hexdigest()


def note_digest(note: tuple[Any, ...], manual: Sequence[tuple[Any, ...]],
                exercises: Sequence[tuple[Any, ...]], education: Sequence[tuple[Any, ...]],
                billing: Sequence[tuple[Any, ...]], adverse: Sequence[tuple[Any, ...]]) -> str:
    """The hash of a signed note: its fields (NOTE_FIELDS) and, in order, its manual
    therapy and exercise doses (note id, catalog key, MT/EX_FIELDS; by position), education
    (note id, topic key; by key), billed minutes (note id, code, minutes; by code) and
    adverse events (note id, AE_FIELDS), every value in storage form."""
    return _digest((tuple(note), tuple(manual), tuple(exercises), tuple(education),
                    tuple(billing), tuple(adverse)))


def addendum_hash(values: dict[str, Any]) -> str:
    return _digest(storage_row(Addendum, ADDENDUM_FIELDS, values))


def document_hash(values: dict[str, Any]) -> str:
    """The hash of a signed document's record (DOCUMENT_FIELDS, its bytes' SHA-256 among
    them); call after the insert is flushed, so the id is known."""
    return _digest(storage_row(Document, DOCUMENT_FIELDS, values))


def pdf_sha256(pdf: bytes | None) -> str:
    return hashlib.sha256(bytes(pdf or b"")).hexdigest()


def _typed_engine(session: Session) -> bool:
    """True when the driver returns typed values (not SQLite's storage form)."""
    return session.get_bind().dialect.name != "sqlite"


def signed_note_hashes(session: Session, note_id: int | None = None,
                       ) -> Iterator[tuple[int, str, str]]:
    """(note id, stored hash, recomputed hash) for every signed note (or one).

    Each table is read once, ordered by note, and walked in step with the notes: a
    10-year clinic is about a million dose rows, so nothing is built per row that the
    hash does not need.
    """
    one = " AND n.id = :nid" if note_id is not None else ""
    params = {"nid": note_id} if note_id is not None else None
    cols = ", ".join(f"n.{f}" for f in NOTE_FIELDS)
    notes = _rows(session, f"SELECT {cols}, n.content_hash FROM visit_notes n "
                           f"WHERE n.signed_at IS NOT NULL{one} ORDER BY n.id", params)
    if not notes:
        return
    of_note = f"JOIN visit_notes n ON n.id = d.visit_id WHERE n.signed_at IS NOT NULL{one}"
    mt_cols = ", ".join(f"d.{f}" for f in MT_FIELDS)
    ex_cols = ", ".join(f"d.{f}" for f in EX_FIELDS)
    ae_cols = ", ".join(f"d.{f}" for f in AE_FIELDS)
    parts = [  # (sql, model and fields for typed engines)
        (f"SELECT d.visit_id, c.key, {mt_cols} FROM manual_therapy_doses d JOIN "
         f"catalog_entries c ON c.id = d.technique_id {of_note} ORDER BY d.visit_id, "
         "d.position, d.id", ManualTherapyDose, MT_FIELDS),
        (f"SELECT d.visit_id, c.key, {ex_cols} FROM exercise_doses d JOIN catalog_entries c "
         f"ON c.id = d.exercise_id {of_note} ORDER BY d.visit_id, d.position, d.id",
         ExerciseDose, EX_FIELDS),
        (f"SELECT d.visit_id, c.key FROM education_items d JOIN catalog_entries c ON "
         f"c.id = d.topic_id {of_note} ORDER BY d.visit_id, c.key", None, ()),
        (f"SELECT d.visit_id, d.code, d.minutes FROM billing_lines d {of_note} "
         "ORDER BY d.visit_id, d.code", None, ()),
        (f"SELECT d.visit_id, {ae_cols} FROM adverse_events d {of_note} "
         "ORDER BY d.visit_id, d.id", AdverseEvent, AE_FIELDS),
    ]
    typed = _typed_engine(session)
    streams = []
    for sql, model, fields in parts:
        rows = _rows(session, sql, params)
        if typed and model is not None:
            conv = _converters(model, fields)
            skip = 2 if model is not AdverseEvent else 1
            rows = [(*r[:skip], *(c(x) for c, x in zip(conv, r[skip:], strict=True)))
                    for r in rows]
        streams.append(_by_note(rows))
    conv_note = _converters(VisitNote, NOTE_FIELDS) if typed else None
    for row in notes:
        vid = row[0]
        values = row[:-1] if conv_note is None else tuple(
            c(x) for c, x in zip(conv_note, row[:-1], strict=True))
        yield vid, row[-1] or "", note_digest(values, *(s.take(vid) for s in streams))


class _by_note:
    """Rows ordered by note id (first column), handed out one note at a time."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows, self.i = rows, 0

    def take(self, note_id: int) -> tuple[Any, ...]:
        rows, i, start = self.rows, self.i, self.i
        n = len(rows)
        while i < n and rows[i][0] < note_id:
            i += 1
        start = i
        while i < n and rows[i][0] == note_id:
            i += 1
        self.i = i
        return tuple(rows[start:i])


def _rows(session: Session, sql: str, params: dict[str, Any] | None) -> list[Any]:
    """Rows as the driver gives them (no per-value conversion: the 10-year check)."""
    if params is not None:
        return list(session.execute(text(sql), params))
    cursor = session.connection().connection.cursor()  # the DB-API cursor: C-speed fetches
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def note_hash(note: VisitNote, session: Session) -> str:
    """The hash of a note as stored now (call at signing, after flushing the signature)."""
    session.flush()
    for _vid, _stored_hash, actual in signed_note_hashes(session, note.id):
        return actual
    raise ValueError(f"note {note.id} is not signed")


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
    """Chain a new audit entry to the head and move the head on (caller's transaction).

    Appends are serialised across workstations (an advisory lock on a clinic server, the
    write lock on a file) until the transaction ends, so two never chain to the same head.
    """
    serialise_audit_appends(session)
    head = chain_head(session)  # read fresh each time: another process may have appended
    entry.hash = audit_hash({k: getattr(entry, k) for k in AUDIT_FIELDS}, head["hash"])
    session.add(entry)
    head["hash"], head["count"] = entry.hash, head["count"] + 1
    _set_head(session, head)


def append_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert many audit entries (plain column values, no ids) chained from the head."""
    serialise_audit_appends(session)
    head = chain_head(session)
    for values in rows:
        values["hash"] = audit_hash({k: values.get(k) for k in AUDIT_FIELDS}, head["hash"])
        head.update(hash=values["hash"], count=head["count"] + 1)
    for i in range(0, len(rows), 5000):
        session.execute(insert(AuditEntry), rows[i:i + 5000])
    _set_head(session, head)


_AUDIT_SQL = ("SELECT id, hash, " + ", ".join(AUDIT_FIELDS) + " FROM audit_log ORDER BY id")


def rechain(session: Session) -> int:
    """Hash every audit entry in id order and reset the head (migration, generator)."""
    serialise_audit_appends(session)  # no workstation appends while the chain is rebuilt
    head: dict[str, Any] = {"hash": GENESIS, "count": 0}
    batch: list[dict[str, Any]] = []
    set_hash = text("UPDATE audit_log SET hash = :hash WHERE id = :id")
    for row in _rows(session, _AUDIT_SQL, None):
        h = audit_hash(dict(zip(AUDIT_FIELDS, row[2:], strict=True)), head["hash"])
        head.update(hash=h, count=head["count"] + 1)
        batch.append({"id": row[0], "hash": h})
        if len(batch) >= 5000:
            session.execute(set_hash, batch)
            batch = []
    if batch:
        session.execute(set_hash, batch)
    _set_head(session, head)
    return int(head["count"])


def describe_entry(entry_id: int, at: Any, action: str, entity: str) -> str:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    when = at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at)
    return f"audit entry {entry_id} ({when}, {entity.replace('_', ' ')} {action})"


def audit_problems(session: Session) -> Iterator[str]:
    """Walk the chain; name the first broken entry, then whether the head matches."""
    previous, count, last = GENESIS, 0, None
    for row in _rows(session, _AUDIT_SQL, None):
        fields = dict(zip(AUDIT_FIELDS, row[2:], strict=True))
        if row[1] != audit_hash(fields, previous):
            where = describe_entry(row[0], fields["at"], fields["action"], fields["entity"])
            if not row[1]:
                yield f"{where} has no tamper-evidence hash: it was added behind the app's back"
            else:
                yield (f"{where} was changed or removed after it was written, or an entry "
                       "before it was removed")
            return
        previous, count, last = row[1], count + 1, row[0]
    head = chain_head(session)
    if (head["hash"], head["count"]) != (previous, count):
        yield (f"the audit trail ends at entry {last} with {count} entries, but it had "
               f"{head['count']}: its newest entries were removed or changed")


@checks.register("audit trail (tamper evidence)")
def _audit_chain(session: Session) -> Iterable[str]:
    return list(audit_problems(session))


@checks.register("signed notes, addenda and documents (tamper evidence)")
def _signed_hashes(session: Session) -> Iterable[str]:
    """Every signature still covers what it signed: notes with their doses, addenda, and
    documents (record hash and the stored PDF bytes against their SHA-256)."""
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
    yield from document_problems(session)


def document_problems(session: Session) -> Iterator[str]:
    """Signed documents whose bytes or record changed after signing (one query; the bytes
    are read row by row, never all at once)."""
    cols = [getattr(Document, k) for k in DOCUMENT_FIELDS]
    # the bytes read as a blob whatever the cell holds: a text cell is one damaged
    # document, not a database that cannot be read
    q = select(*cols, Document.content_hash, cast(Document.pdf, LargeBinary)).order_by(
        Document.id)
    for row in session.execute(q.execution_options(yield_per=50)):
        values = dict(zip(DOCUMENT_FIELDS, row[:-2], strict=True))
        stored, pdf = row[-2], row[-1]
        name = f"signed document {values['id']} ({values['title']}, episode {values['episode_id']})"
        if pdf_sha256(pdf) != values["sha256"]:
            yield f"{name}: its stored bytes do not match the SHA-256 recorded at signing"
        elif not stored:
            yield f"{name} has no signature hash: it was stored behind the app's back"
        elif stored != document_hash(values):
            yield (f"{name} was changed after it was signed (its signer, date or details no "
                   "longer match the signature hash)")


def hash_unhashed_signatures(session: Session) -> None:
    """Hash signed notes, addenda and documents that have no hash yet (back-fill and
    import only)."""
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
    set_add = text("UPDATE addenda SET content_hash = :content_hash WHERE id = :id")
    if rows:
        session.execute(set_add, rows)
    cols = [getattr(Document, k) for k in DOCUMENT_FIELDS]
    rows = [{"id": r[0], "content_hash": document_hash(dict(zip(DOCUMENT_FIELDS, r,
                                                                strict=True)))}
            for r in session.execute(select(*cols).where(Document.content_hash.is_(None)))]
    if rows:
        session.execute(text("UPDATE documents SET content_hash = :content_hash "
                             "WHERE id = :id"), rows)


SINCE_KEY = "tamper_evidence_since"


def start_tamper_evidence(session: Session) -> None:
    """Once per database (after the upgrade that added the hash columns): hash what is
    there and note when. Rows changed before that moment cannot be told apart."""
    if session.get(Setting, SINCE_KEY) is not None:
        return
    backfill(session)
    from ..models import utcnow

    session.add(Setting(key=SINCE_KEY, value=utcnow().isoformat()))


def backfill(session: Session) -> None:
    """Hash signed notes and addenda without a hash, and chain every audit entry.

    For the migration that introduces the hashes and for bulk writers (the benchmark
    clinic): never for data that already had hashes, which ``check`` would then miss.
    """
    hash_unhashed_signatures(session)
    rechain(session)
