"""Everything an export file must pass before a single record of it is kept.

Each record goes through the same validation as the forms (``clean_patient``,
``clean_episode``, ``clean_note``, ``clean_assessment``), signatures need their signer's
name, credentials and time and must match their hash, MRNs are unique whatever their
case, and the audit trail must be an unbroken chain ending at the head the file names.
Problems are collected (the first :data:`MAX_PROBLEMS`) so the user sees what is wrong
with the file at once; the caller refuses the whole file if there is any.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy.orm import Session

from ..models import (
    Addendum,
    AdverseEvent,
    AuditEntry,
    Episode,
    ExerciseDose,
    ManualTherapyDose,
    Patient,
    VisitNote,
)
from . import validate as v
from .assessments import clean_assessment, score_mismatch
from .catalog import clean_defaults
from .documentation import clean_progress_record
from .eligibility import ScreenValues, clean_screen
from .episodes import EpisodeValues, clean_episode
from .errors import ValidationError
from .goals import GoalValues, clean_goal
from .integrity import AUDIT_FIELDS, GENESIS, audit_hash
from .patients import PatientForm, clean_patient
from .sessions import NoteValues, clean_note, signature_problems
from .tamper import (
    ADDENDUM_FIELDS,
    AE_FIELDS,
    EX_FIELDS,
    MT_FIELDS,
    NOTE_FIELDS,
    addendum_hash,
    describe_entry,
    note_digest,
    storage_row,
)

MAX_PROBLEMS = 10


class Problems(dict[str, str]):
    """Where -> what, keeping only the first MAX_PROBLEMS."""

    def add(self, where: str, message: str) -> None:
        if len(self) < MAX_PROBLEMS and where not in self:
            self[where] = message

    def from_error(self, where: str, exc: ValidationError) -> None:
        for field, message in exc.errors.items():
            self.add(f"{where}.{field}" if field else where, message)

    @property
    def full(self) -> bool:
        return len(self) >= MAX_PROBLEMS


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _rows(value: Any) -> list[dict[str, Any]]:
    return [_dict(r) for r in value] if isinstance(value, list) else []


def verify(session: Session, data: dict[str, Any], typed: Any, *,
           hashes: bool = True) -> Problems:
    """Check every record of ``data``; ``typed(model, row, where)`` parses stored values.

    ``hashes=False`` for a file written before tamper evidence: its records are validated
    all the same, but it has no signature hashes or audit chain to verify.
    """
    problems = Problems()
    if hashes:
        _verify_audit(data, typed, problems)
    for i, entry in enumerate(_rows(data.get("catalog"))):
        for field, message in clean_defaults(entry.get("kind"), entry.get("defaults"),
                                             f"catalog[{i}].defaults").items():
            problems.add(field, message)
    mrns: dict[str, str] = {}
    for i, p in enumerate(_rows(data.get("patients"))):
        if problems.full:
            break
        where = f"patients[{i}]"
        try:
            typed(Patient, p, where)  # its id and numbers readable (an id of NaN is no id)
            clean = clean_patient(cast(PatientForm, {**p, "payer": ""}))
        except ValidationError as exc:
            problems.from_error(where, exc)
            continue
        key = clean["mrn"].casefold()
        if key in mrns:
            problems.add(f"{where}.mrn", f"{clean['mrn']} is already used by {mrns[key]} "
                                         "(MRNs are unique whatever their case)")
        mrns.setdefault(key, f"{where} ({clean['mrn']})")
        for j, ep in enumerate(_rows(p.get("episodes"))):
            _verify_episode(session, ep, clean["date_of_birth"], f"{where}.episodes[{j}]",
                            typed, problems, hashes)
    return problems


def _verify_episode(session: Session, ep: dict[str, Any], dob: date | None, where: str,
                    typed: Any, problems: Problems, hashes: bool) -> None:
    try:
        clean = clean_episode(cast(EpisodeValues, ep), dob)  # every field is checked
    except ValidationError as exc:
        problems.from_error(where, exc)
        return
    start = clean["start_date"]
    assert start is not None, "clean_episode refuses an episode without a start"
    episode = Episode(start_date=clean["start_date"], discharge_date=clean["discharge_date"])
    adverse: dict[Any, list[dict[str, Any]]] = {}
    for ae in _rows(ep.get("adverse_events")):
        adverse.setdefault(ae.get("visit_id"), []).append(ae)
    notes = _rows(ep.get("sessions"))
    for k, note in enumerate(notes):
        if problems.full:
            return
        w = f"{where}.sessions[{k}]"
        # the service numbers an episode's attended visits 1, 2, …; 0 for the others
        errors: v.Errors = {}
        v.number(note.get("visit_number"), "visit_number", errors, lo=0, hi=len(notes),
                 integer=True)
        problems.from_error(w, ValidationError(errors))
        _verify_note(session, episode, note, adverse.get(note.get("id"), []), w, typed,
                     problems, hashes)
    if ep.get("eligibility_screen") is not None:
        try:
            clean_screen(cast(ScreenValues, _dict(ep.get("eligibility_screen"))))
        except ValidationError as exc:
            problems.from_error(f"{where}.eligibility_screen", exc)
    for k, goal in enumerate(_rows(ep.get("goals"))):
        errors = {}
        clean_goal(cast(GoalValues, goal), f"{where}.goals[{k}]", errors)
        for field, message in errors.items():
            problems.add(field, message)
    for k, report in enumerate(_rows(ep.get("progress_reports"))):
        try:
            clean_progress_record(report, clean["start_date"])
        except ValidationError as exc:
            problems.from_error(f"{where}.progress_reports[{k}]", exc)
    for k, a in enumerate(_rows(ep.get("assessments"))):
        w = f"{where}.assessments[{k}]"
        try:
            *_, result = clean_assessment(start, a.get("timepoint"),
                                          a.get("assessed_on"), a.get("instrument"),
                                          a.get("answers"), a.get("notes") or "")
        except ValidationError as exc:
            problems.from_error(w, exc)
            continue
        wrong = score_mismatch(result, a.get("total"), a.get("subscales"))
        if wrong:
            problems.add(f"{w}.total", wrong)


def _verify_note(session: Session, episode: Episode, note: dict[str, Any],
                 adverse: list[dict[str, Any]], where: str, typed: Any,
                 problems: Problems, hashes: bool) -> None:
    manual = _rows(note.get("manual_therapy"))
    exercises = _rows(note.get("exercises"))
    education = [r.get("topic") for r in _rows(note.get("education"))]
    billing = {r.get("code"): r.get("minutes") for r in _rows(note.get("billing"))}
    form = cast(NoteValues, {  # as the file holds them: clean_note checks every field
        **{k: note.get(k) for k in NOTE_FIELDS},
        "manual_therapy": manual, "exercises": exercises, "education": education,
        "billing": billing, "adverse": adverse[0] if adverse else {}})
    try:
        clean_note(session, episode, form)
    except ValidationError as exc:
        problems.from_error(where, exc)
        return
    values = typed(VisitNote, note, where)
    for model, rows, name in ((ManualTherapyDose, manual, "manual_therapy"),
                              (ExerciseDose, exercises, "exercises"),
                              (AdverseEvent, adverse, "adverse_events")):
        for n, row in enumerate(rows):  # every number finite and storable (ids, positions)
            typed(model, row, f"{where}.{name}[{n}]")
    if values.get("signed_at") is None:
        return
    for message in signature_problems(values.get("signed_at"), values.get("signature_name"),
                                      values.get("signature_credentials")):
        problems.add(f"{where}.signature", message)
    def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda d: (_int(d.get("position")), _int(d.get("id"))))

    vid = values.get("id")
    digest = note_digest(
        storage_row(VisitNote, NOTE_FIELDS, values),
        [(vid, d.get("technique"), *storage_row(ManualTherapyDose, MT_FIELDS, d))
         for d in ordered(manual)],
        [(vid, d.get("exercise"), *storage_row(ExerciseDose, EX_FIELDS, d))
         for d in ordered(exercises)],
        [(vid, str(t)) for t in sorted(str(t) for t in education)],
        [(vid, code, _int(minutes)) for code, minutes in sorted(billing.items(),
                                                               key=lambda kv: str(kv[0]))],
        [(vid, *storage_row(AdverseEvent, AE_FIELDS, a))
         for a in sorted(adverse, key=lambda a: _int(a.get("id")))])
    if hashes and note.get("content_hash") != digest:
        problems.add(f"{where}.content_hash", "the signed note was changed after it was "
                                              "signed (or its signature hash is missing)")
    for n, add in enumerate(_rows(note.get("addenda"))):
        w = f"{where}.addenda[{n}]"
        a = typed(Addendum, add, w)
        for message in signature_problems(a.get("signed_at"), a.get("signature_name"),
                                          a.get("signature_credentials")):
            problems.add(f"{w}.signature", message)
        if hashes and add.get("content_hash") != addendum_hash(
                {f: a.get(f) for f in ADDENDUM_FIELDS}):
            problems.add(f"{w}.content_hash", "the addendum was changed after it was signed")


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _verify_audit(data: dict[str, Any], typed: Any, problems: Problems) -> None:
    previous, count = GENESIS, 0
    for i, row in enumerate(_rows(data.get("audit"))):
        values = typed(AuditEntry, row, f"audit[{i}]")
        if row.get("hash") != audit_hash({k: values.get(k) for k in AUDIT_FIELDS}, previous):
            what = describe_entry(row.get("id") or i + 1, values.get("at"),
                                  str(values.get("action")), str(values.get("entity")))
            problems.add(f"audit[{i}]", f"{what} was changed or removed after it was written")
            return
        previous, count = row["hash"], count + 1
    head = _dict(data.get("audit_chain"))
    if (head.get("hash"), head.get("count")) != (previous, count):
        problems.add("audit", f"the file's audit trail has {count} entries but its chain head "
                              f"says {head.get('count')!r}: entries were removed or changed")
