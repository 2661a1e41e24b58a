"""Export the whole clinic to one JSON file, and import it into an empty database.

The file nests what a reader expects (patients -> episodes -> sessions with their
manual-therapy and exercise doses) and keeps every record's id, so an import restores
the same records and references. Import refuses a file it cannot fully trust before
changing anything: too large, truncated, wrong format or version, invalid values, or a
database that already holds patients.

User accounts are never in an export (no account rows, no password hashes), and an
import never creates an account: records keep the signer's printed name and credentials
and the audit keeps the user name, but their account links are left empty.
"""

from __future__ import annotations

import base64
import json
import logging
import math
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Time,
    delete,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapper, Session

from ..db.dialect import reset_sequences
from ..db.migrate import head_revision
from ..models import (
    Addendum,
    AdverseEvent,
    Appointment,
    Assessment,
    AuditEntry,
    Base,
    BillingLine,
    CatalogEntry,
    Document,
    EducationItem,
    EligibilityScreen,
    Episode,
    ExerciseDose,
    Goal,
    GoalRevision,
    ManualTherapyDose,
    Patient,
    Payer,
    ProgressReport,
    Setting,
    VisitNote,
    utcnow,
)
from . import audit
from .access import Acting, authorize
from .errors import ValidationError
from .integrity import CHAIN_KEY
from .setting_rules import NOT_IMPORTED, clean_setting
from .tamper import chain_head
from .transfer_legacy import before_tamper_evidence, upgrade_export

FORMAT = "mash-desktop-export"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 50 * 1024 * 1024
log = logging.getLogger(__name__)
# Settings that belong to this database, never taken from a file: the audit chain head
# and the single-user account name (an import never names accounts).
NOT_IMPORTED_SETTINGS = {CHAIN_KEY, "tamper_evidence_since", "single_user"}


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, bytes):  # a signed document's PDF
        return base64.b64encode(value).decode("ascii")
    return value


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: _plain(getattr(obj, c.key)) for c in inspect(obj).mapper.column_attrs}


def _note(note: VisitNote) -> dict[str, Any]:
    out = _row(note)
    out["manual_therapy"] = [{**_row(d), "technique": d.technique.key}
                             for d in note.manual_therapy]
    out["exercises"] = [{**_row(d), "exercise": d.exercise.key} for d in note.exercises]
    out["education"] = [{**_row(i), "topic": i.topic.key} for i in note.education]
    out["billing"] = [_row(b) for b in note.billing_lines]
    out["addenda"] = [_row(a) for a in note.addenda]
    return out


def _episode(ep: Episode) -> dict[str, Any]:
    out = _row(ep)
    out["eligibility_screen"] = _row(ep.screen) if ep.screen else None
    out["sessions"] = [_note(n) for n in sorted(ep.visits, key=lambda n: n.id)]
    out["assessments"] = [_row(a) for a in sorted(ep.assessments, key=lambda a: a.id)]
    out["goals"] = [{**_row(g), "revisions": [_row(r) for r in g.revisions]}
                    for g in ep.goals]
    out["adverse_events"] = [_row(a) for a in ep.adverse_events]
    out["progress_reports"] = [_row(r) for r in ep.progress_reports]
    out["documents"] = [_row(d) for d in ep.documents]
    return out


def export_data(session: Session, actor: Acting | None = None) -> dict[str, Any]:
    """Every clinical record as one JSON-ready structure (audit trail included, accounts not)."""
    actor = authorize(session, actor, "export")
    patients = session.scalars(select(Patient).order_by(Patient.id))
    data: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema_revision": head_revision(),
        "exported_at": utcnow().isoformat(),
        "settings": [_row(s) for s in session.scalars(select(Setting).order_by(Setting.key))
                     if s.key not in NOT_IMPORTED_SETTINGS],
        "payers": [_row(p) for p in session.scalars(select(Payer).order_by(Payer.id))],
        "catalog": [_row(c) for c in session.scalars(select(CatalogEntry)
                                                     .order_by(CatalogEntry.id))],
        "patients": [{**_row(p), "episodes": [_episode(e) for e in
                                              sorted(p.episodes, key=lambda e: e.id)],
                      "appointments": [_row(a) for a in session.scalars(
                          select(Appointment).where(Appointment.patient_id == p.id)
                          .order_by(Appointment.id))]}
                     for p in patients],
        "audit": [_row(a) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))],
        "audit_chain": chain_head(session),  # lets an import notice entries cut off the end
    }
    audit.record(session, actor, "export", "database", None,
                 changes={"patients": [None, len(data["patients"])]})
    return data


def export_file(session: Session, path: str | Path, actor: Acting | None = None,
                force: bool = False) -> int:
    """Write the export to ``path`` (checked first, written atomically, private)."""
    from ..files import check_target, write_atomic

    check_target(path, force=force)
    data = export_data(session, actor)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                 force=force)
    log.info("exported %d patient(s)", len(data["patients"]))
    return len(data["patients"])


# ---- import ----------------------------------------------------------------------------
def _typed(model: type, row: dict[str, Any], where: str) -> dict[str, Any]:
    """Only the model's columns, with ISO strings turned back into dates and times."""
    if not isinstance(row, dict):
        raise ValidationError({where: "must be an object"})
    out: dict[str, Any] = {}
    mapper: Mapper[Any] = inspect(model)
    for col in mapper.columns:
        if col.key not in row:
            continue
        value = row[col.key]
        if value is not None and isinstance(col.type, (Integer, Float)):
            out[col.key] = _number(value, isinstance(col.type, Integer), f"{where}.{col.key}")
            continue
        if value is not None and isinstance(col.type, JSON) and not _finite(value):
            raise ValidationError({f"{where}.{col.key}": "must hold finite numbers only "
                                                         "(no NaN or infinity)"})
        try:
            if value is not None and isinstance(col.type, DateTime):
                value = datetime.fromisoformat(value)
            elif value is not None and isinstance(col.type, Date):
                value = date.fromisoformat(value)
            elif value is not None and isinstance(col.type, Time):
                value = time.fromisoformat(value)
            elif value is not None and isinstance(col.type, LargeBinary):
                value = base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            what = "base64 data" if isinstance(col.type, LargeBinary) else "date/time"
            raise ValidationError({f"{where}.{col.key}": f"{str(value)[:40]!r} is not valid "
                                                         f"{what}"}) from None
        out[col.key] = value
    return out


# What a number column may hold: SQLite's 64-bit integers; a measured value far beyond
# any field's range (each field's own range is checked by its service rule).
INT64 = 2**63 - 1
MAX_REAL = 1e15


def _number(value: Any, integer: bool, where: str) -> int | float:
    """A number column's value from the file: a finite number, a whole one where the column
    holds whole numbers, storable as it is (never NaN, infinity or 1e30 in an integer)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError({where: f"{str(value)[:40]!r} is not a number"})
    if not math.isfinite(value):
        raise ValidationError({where: "must be a finite number (not NaN or infinity)"})
    if integer:
        if value != int(value) or not -INT64 <= value <= INT64:
            raise ValidationError({where: f"must be a whole number that fits a record, not "
                                          f"{value!r}"})
        return int(value)
    if abs(value) > MAX_REAL:
        raise ValidationError({where: f"{value!r} is not a plausible value"})
    return float(value)


def _finite(value: Any) -> bool:
    """No NaN or infinity anywhere inside a JSON value (answers, defaults, audit changes)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(x) for x in value.values())
    if isinstance(value, list):
        return all(_finite(x) for x in value)
    return True


def _no_constant(name: str) -> Any:
    """JSON has no NaN or Infinity; Python's reader accepts them unless told not to."""
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is too large to be a number")
    return value


def _list(data: Any, key: str, where: str = "") -> list[Any]:
    value = data.get(key, []) if isinstance(data, dict) else None
    if not isinstance(value, list):
        raise ValidationError({f"{where}{key}": "must be a list"})
    return value


def read_import_file(path: str | Path) -> dict[str, Any]:
    """Load and sanity-check an export file without touching any database."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationError({"file": f"cannot read {path}: {exc.strerror}"}) from None
    if size > MAX_IMPORT_BYTES:
        raise ValidationError({"file": f"is {size / 1e6:.0f} MB; an export file is at most "
                                       f"{MAX_IMPORT_BYTES // 2**20} MB"})
    try:
        data = json.loads(path.read_bytes().decode("utf-8"), parse_constant=_no_constant,
                          parse_float=_finite_float)
    except UnicodeDecodeError:
        raise ValidationError({"file": "is not UTF-8 text"}) from None
    except json.JSONDecodeError as exc:
        raise ValidationError({"file": f"is not valid JSON (truncated or damaged?): "
                                       f"{exc.msg} at line {exc.lineno}"}) from None
    except RecursionError:  # an export is a few levels deep; thousands are an attack
        raise ValidationError({"file": "is nested too deeply to be a MASH Desktop "
                                       "export"}) from None
    except ValueError as exc:  # NaN, Infinity, 1e400, an integer of 5000 digits
        what = str(exc) if "JSON" in str(exc) or "too large" in str(exc) else \
            "a whole number with thousands of digits"
        raise ValidationError({"file": f"holds a value that is not a number: "
                                       f"{what}"}) from None
    except OSError as exc:
        raise ValidationError({"file": f"cannot read {path}: {exc.strerror}"}) from None
    check_format(data)
    return data


def check_format(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError({"file": "is not a MASH Desktop export"})
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError({"file": f"has export format version "
                                       f"{data.get('format_version')!r}; this app reads "
                                       f"version {FORMAT_VERSION}"})
    for key in ("settings", "payers", "catalog", "patients", "audit"):
        if key not in data:
            raise ValidationError({"file": f"has no {key!r} section (damaged or not an export)"})
        _list(data, key)
    _require_sections(data["patients"])


# The lists every record of an export carries, even when empty: a missing one is a damaged
# or edited file, never "no records" (documents, appointments and goal revisions are
# newer than the first exports, so they may be absent).
PATIENT_SECTIONS = ("episodes",)
EPISODE_SECTIONS = ("sessions", "assessments", "goals", "adverse_events", "progress_reports")
NOTE_SECTIONS = ("manual_therapy", "exercises", "education", "billing", "addenda")


def _require_sections(patients: list[Any]) -> None:
    def need(row: Any, keys: tuple[str, ...], where: str) -> list[Any]:
        if not isinstance(row, dict):
            raise ValidationError({where: "must be an object"})
        for key in keys:
            if key not in row:
                raise ValidationError({f"{where}.{key}": "is missing: the file is damaged or "
                                                         "was edited (an export always "
                                                         "has it, empty or not)"})
            _list(row, key, where + ".")
        return list(row.get(keys[0]) or [])

    for i, p in enumerate(patients):
        for j, ep in enumerate(need(p, PATIENT_SECTIONS, f"patients[{i}]")):
            w = f"patients[{i}].episodes[{j}]"
            for k, note in enumerate(need(ep, EPISODE_SECTIONS, w)):
                need(note, NOTE_SECTIONS, f"{w}.sessions[{k}]")


def import_data(session: Session, data: dict[str, Any], actor: Acting | None = None) -> int:
    """Load an export into this (empty) database in the caller's transaction."""
    from .import_checks import verify
    from .tamper import append_rows, audit_problems, hash_unhashed_signatures

    actor = authorize(session, actor, "import")
    check_format(data)
    if session.scalar(select(func.count(Patient.id))) or \
            session.scalar(select(func.count(VisitNote.id))):
        raise ValidationError({"database": "already holds patients; import only into an empty "
                                           "database (use --db NEW.db)"})
    broken = next(iter(audit_problems(session)), None)
    if broken:
        raise ValidationError({"database": f"{broken}; run `mash-desktop check`"})
    # Every note arrives with its type; those signed before types existed are marked.
    before_checklist = upgrade_export(data)
    unverified = before_tamper_evidence(data)

    def remap(values: dict[str, Any], *keys: str) -> dict[str, Any]:
        """Account links are dropped: an import never creates or borrows an account."""
        for k in keys:
            values[k] = None
        return values

    have = {s.key for s in session.scalars(select(Setting))}
    for i, row in enumerate(data["settings"]):
        values = _typed(Setting, row, f"settings[{i}]")
        key = values.get("key")
        if key in have or key in NOT_IMPORTED:
            continue
        try:  # only known settings, through the rules their own editors use
            values["value"] = clean_setting(key, values.get("value"))
        except ValidationError as exc:
            raise ValidationError({f"settings[{i}] ({str(key)[:60]})": m
                                   for m in exc.errors.values()}) from None
        session.execute(insert(Setting).values(**values))
    session.execute(delete(CatalogEntry))  # unreferenced: the database has no notes yet
    _bulk(session, CatalogEntry, data["catalog"], "catalog")
    problems = verify(session, data, _typed, hashes=not unverified)  # against this catalog
    if not unverified:  # every record the file's (verified) trail accounts for is there
        from .audit_records import file_problems

        for n, message in enumerate(file_problems(data), start=1):
            problems.add(f"records against the audit trail ({n})", message)
    if problems:  # the caller's transaction rolls back: nothing is kept
        raise ValidationError(dict(problems))
    _bulk(session, Payer, data["payers"], "payers")
    for i, p in enumerate(data["patients"]):
        where = f"patients[{i}]"
        try:
            _insert_patient(session, p, where, remap, unverified)
        except IntegrityError as exc:  # a field the schema needs, said at its record
            raise ValidationError({_where_failed(session, where): _constraint_words(exc)}) \
                from None
    session.flush()
    _signed_notes_are_complete(session)  # the sign checklist, as on the form
    _discharge_outcomes_hold(session)
    hash_unhashed_signatures(session)  # re-hashed without the (dropped) account links
    rows = []
    for i, row in enumerate(data["audit"]):
        values = remap(_typed(AuditEntry, row, f"audit[{i}]"), "user_id")
        values.pop("id", None)
        rows.append(values)
    append_rows(session, rows)  # the file's chain was verified; it continues this one
    session.flush()
    reset_sequences(session)  # imported rows kept their ids; new ones follow them
    changes: dict[str, list[Any]] = {"patients": [None, len(data["patients"])],
                                     "file_audit_chain": [None, data.get("audit_chain")]}
    if before_checklist:
        changes["notes_signed_before_checklist"] = [None, before_checklist]
        log.info("import: %d signed note(s) from an export made before note types",
                 before_checklist)
    if unverified:
        # the file has no hashes to check: say so in the record, not only in the log
        changes["unverified_file_schema"] = [None, data.get("schema_revision")]
        log.warning("import: the file predates tamper evidence (schema %s); its signatures "
                    "and audit trail could not be verified", data.get("schema_revision"))
    audit.record(session, actor, "import", "database", None, changes=changes)
    return len(data["patients"])


def _insert_patient(session: Session, p: dict[str, Any], where: str, remap: Any,
                    unverified: bool) -> None:
    """One patient of the file with everything under it (the file's ids kept)."""
    session.info["import_at"] = where
    session.execute(insert(Patient).values(**_typed(Patient, p, where)))
    for j, ep in enumerate(p.get("episodes", [])):
        w = session.info["import_at"] = f"{where}.episodes[{j}]"
        session.execute(insert(Episode).values(**remap(_typed(Episode, ep, w),
                                                      "therapist_id")))
        if ep.get("eligibility_screen"):
            _bulk(session, EligibilityScreen, [ep["eligibility_screen"]], w + ".screen")
        for k, note in enumerate(_list(ep, "sessions", w + ".")):
            nw = session.info["import_at"] = f"{w}.sessions[{k}]"
            session.execute(insert(VisitNote).values(**remap(
                _typed(VisitNote, note, nw), "signed_by_id", "created_by_id",
                "content_hash")))
            _bulk(session, ManualTherapyDose, _list(note, "manual_therapy", nw + "."), nw)
            _bulk(session, ExerciseDose, _list(note, "exercises", nw + "."), nw)
            _bulk(session, EducationItem, _list(note, "education", nw + "."), nw)
            _bulk(session, BillingLine, _list(note, "billing", nw + "."), nw)
            _bulk(session, Addendum, _list(note, "addenda", nw + "."), nw,
                  lambda v: remap(v, "signed_by_id", "content_hash"))
        session.info["import_at"] = w
        _bulk(session, Assessment, _list(ep, "assessments", w + "."), w,
              lambda v: remap(v, "created_by_id"))
        goals = _list(ep, "goals", w + ".")
        _bulk(session, Goal, goals, w)
        for n, goal in enumerate(goals):
            _bulk(session, GoalRevision, _list(goal, "revisions", f"{w}.goals[{n}]."),
                  f"{w}.goals[{n}]", lambda v: remap(v, "user_id"))
        _bulk(session, AdverseEvent, _list(ep, "adverse_events", w + "."), w)
        _bulk(session, ProgressReport, _list(ep, "progress_reports", w + "."), w,
              lambda v: remap(v, "author_id"))
        docs = _list(ep, "documents", w + ".") if "documents" in ep else []
        for n, d in enumerate(docs):
            _check_document(_typed(Document, d, f"{w}.documents[{n}]"),
                            f"{w}.documents[{n}]", hashes=not unverified)
        _bulk(session, Document, docs, w,
              lambda v: remap(v, "signed_by_id", "content_hash"))
    if "appointments" in p:  # files from before the Today screen have none
        session.info["import_at"] = where
        _bulk(session, Appointment, _list(p, "appointments", where + "."), where,
              lambda v: remap(v, "clinician_id"))


def _where_failed(session: Session, where: str) -> str:
    """The record being stored when the database refused it (set as the import goes)."""
    return str(session.info.pop("import_at", where))


# the words for a table in a refusal ("visit_notes" -> "session note")
TABLE_WORDS = {"visit_notes": "session note", "patients": "patient", "episodes": "episode",
               "manual_therapy_doses": "manual-therapy dose", "exercise_doses":
               "exercise dose", "education_items": "education topic", "billing_lines":
               "billed code", "addenda": "addendum", "assessments": "assessment",
               "goals": "goal", "goal_revisions": "goal revision", "adverse_events":
               "adverse event", "progress_reports": "progress report", "documents":
               "signed document", "appointments": "appointment", "eligibility_screens":
               "eligibility screen"}


def _constraint_words(exc: IntegrityError) -> str:
    """A database refusal in words: which record's which field, and what is wrong."""
    import re

    text = str(exc.orig)
    m = re.search(r"(NOT NULL|UNIQUE) constraint failed: (\w+)\.(\w+)", text)
    if m:
        kind, table, column = m.groups()
        what = f"its {TABLE_WORDS.get(table, table.replace('_', ' '))}'s " \
               f"{column.replace('_', ' ')}"
        if kind == "NOT NULL":
            return (f"{what} is missing (null); an export always gives it, even as empty "
                    "text: the file is damaged or was edited")
        return f"{what} is used twice: the file is damaged or was edited"
    if "FOREIGN KEY" in text:
        return ("one of its records points to a record that is not in the file: the file "
                "is damaged or was edited")
    return f"the database refused one of its records ({text})"


def _check_document(values: dict[str, Any], where: str, *, hashes: bool = True) -> None:
    """A signed document must arrive exactly as signed: its bytes match its SHA-256 and
    its record (signer, date, kind, version…) matches its signature hash."""
    from .tamper import DOCUMENT_FIELDS, document_hash, pdf_sha256

    pdf = values.get("pdf")
    if not isinstance(pdf, bytes) or pdf_sha256(pdf) != values.get("sha256"):
        raise ValidationError({where: "signed document is damaged: its bytes do not match "
                                      "its SHA-256"})
    if hashes and values.get("content_hash") != document_hash({k: values.get(k)
                                                               for k in DOCUMENT_FIELDS}):
        raise ValidationError({f"{where}.content_hash": "the signed document was changed "
                               "after it was signed (or its signature hash is missing)"})


def _signed_notes_are_complete(session: Session) -> None:
    """Every signed note in the file passes the sign checklist (the same one signing uses).

    Notes signed before the checklist existed (an export of schema 0001, see
    :mod:`.transfer_legacy`) are kept as signed instead.

    The file's records are already in this transaction; a refusal rolls all of it back.
    """
    from .sign_checklist import note_checklist, problems

    q = (select(VisitNote).where(VisitNote.signed_at.is_not(None),
                                 VisitNote.signed_before_checklist.is_(False))
         .order_by(VisitNote.episode_id, VisitNote.visit_date, VisitNote.id))
    for note in session.scalars(q):
        missing = problems(note_checklist(session, note))
        if missing:
            raise ValidationError({
                f"session note {note.id}": (
                    f"episode {note.episode_id}, {note.visit_date.isoformat()} "
                    f"({note.note_type}) is signed but incomplete: "
                    + "; ".join(f"{k.replace('_', ' ')}: {m}" for k, m in missing.items()))})


def _discharge_outcomes_hold(session: Session) -> None:
    """An episode in the file discharged with 'goals met' has every long-term goal met
    (the rule an episode saved in the app is held to)."""
    from .goals import goals_met_refusal

    q = select(Episode.id).where(Episode.discharge_kind == "goals_met").order_by(Episode.id)
    for eid in session.scalars(q):
        why = goals_met_refusal(session, eid)
        if why:
            raise ValidationError({f"episode {eid}": f"discharged with 'goals met', but {why}"})


def _bulk(session: Session, model: type[Base], rows: list[Any], where: str,
          fix: Any = None) -> None:
    table = str(model.__tablename__)
    values = [_typed(model, r, f"{where}.{table}[{i}]")
              for i, r in enumerate(rows)]
    if fix is not None:
        values = [fix(v) for v in values]
    if values:
        session.execute(insert(model), values)


def import_file(session: Session, path: str | Path, actor: Acting | None = None) -> int:
    return import_data(session, read_import_file(path), actor)
