"""Session notes: validate, save as one unit, sign, and correct with signed addenda.

A note is a draft until signed. A signed note is read-only through every path (this
module is the only writer of notes; import only loads into an empty database).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import billing
from ..catalog import band_levels
from ..models import (
    Addendum,
    AdverseEvent,
    BillingLine,
    CatalogEntry,
    EducationItem,
    Episode,
    ExerciseDose,
    ManualTherapyDose,
    VisitNote,
    utcnow,
)
from . import audit, checks
from . import validate as v
from .access import SYSTEM, Acting, allowed, authorize, describe, user_id
from .errors import NotFoundError, PermissionDenied, ValidationError
from .evaluation import clean_evaluation
from .tamper import ADDENDUM_FIELDS, addendum_hash, note_hash

STATUSES = {"attended": "Attended", "cancelled": "Cancelled", "no_show": "No-show"}
SIDES = {"": "—", "left": "Left", "right": "Right", "bilateral": "Bilateral",
         "central": "Central"}
GRADES = {"": "—", "I": "Grade I", "II": "Grade II", "III": "Grade III", "IV": "Grade IV",
          "thrust": "Thrust (grade V)"}
LOAD_TYPES = {"body_weight": "Body weight", "kg": "kg", "band": "Band", "none": "None"}
PAIN_RESPONSES = {"": "—", "better": "Better", "same": "No change", "worse": "Worse"}
RELATEDNESS = {"not_related": "Not related", "possibly": "Possibly related",
               "probably": "Probably related", "definitely": "Definitely related"}
# MASH sessions are 60 minutes (mash_program.md §3.1); 180 allows a long evaluation
# visit while catching typing slips such as 600.
MAX_SESSION_MINUTES = 180
# Numeric note fields and their allowed range (the form, import and `check` share these).
PAIN_SCALE = (0, 10)  # 0-10 numeric pain rating scale
NOTE_NUMBERS = {"total_minutes": (0, MAX_SESSION_MINUTES), "pain_back_pre": PAIN_SCALE,
                "pain_back_post": PAIN_SCALE, "pain_hip_pre": PAIN_SCALE,
                "pain_hip_post": PAIN_SCALE}
# Evaluation and re-evaluation codes: only a PT signs these (APTA; CMS 100-02 ch. 15 §220.1).
EVALUATION_CODES = {"97161", "97162", "97163", "97164"}
NOTE_FIELDS = ["visit_date", "start_time", "status", "status_reason", "total_minutes",
               "pain_back_pre", "pain_back_post", "pain_hip_pre", "pain_hip_post",
               "subjective", "assessment", "plan", "adverse_event", "note_type",
               "adverse_event_screen", "evaluation", "goal_progress", "not_billed"]
# BPM ch. 15 §220.3: the documents of an episode. Every type but the daily note is a
# licensed PT's document (an assistant's note is never a progress report, §220.3 D).
NOTE_TYPES = {"evaluation": "Initial evaluation", "daily": "Daily note",
              "progress": "Progress report", "re-evaluation": "Re-evaluation",
              "discharge": "Discharge note"}
LICENSED_NOTE_TYPES = {"evaluation", "re-evaluation", "progress", "discharge"}
SCREEN_ANSWERS = {"yes": "Yes", "no": "No"}
# Notes that start a new progress-reporting period (§220.3 D: at least every 10 treatment
# days; the first period begins with the evaluation).
REPORTING_TYPES = {"evaluation", "re-evaluation", "progress"}
PROGRESS_EVERY_TREATMENT_DAYS = 10
EXERCISE_FIELDS = ["side", "sets", "reps", "hold_s", "minutes", "load_type", "load_kg", "band",
                   "rpe", "pain_response", "progression_level", "completed", "home_program"]
MT_FIELDS = ["region", "side", "grade", "patient_position", "sets", "seconds", "oscillations",
             "response"]


def _entry(session: Session, ref: Any, kind: str, field: str, e: v.Errors) -> int | None:
    """A catalog reference (key, id or entry) of the right kind -> entry id."""
    if isinstance(ref, CatalogEntry):
        ref = ref.id
    q = select(CatalogEntry.id, CatalogEntry.kind)
    if v.is_id(ref):
        row = session.execute(q.where(CatalogEntry.id == ref)).first()
    elif isinstance(ref, int) and not isinstance(ref, bool):
        row = None
    elif isinstance(ref, str) and ref:
        row = session.execute(q.where(CatalogEntry.key == ref)).first()
    else:
        e[field] = "is required"
        return None
    if row is None or row[1] != kind:
        e[field] = f"{ref!r} is not a {kind.replace('_', ' ')} in the catalog"
        return None
    return row[0]


# Dose limits (lowest, highest, whole numbers only): the service checks them and the
# note editor's dose grids use them for their cell editors, so both agree.
EXERCISE_LIMITS: dict[str, tuple[float, float, bool]] = {
    "sets": (1, 10, True), "reps": (1, 100, True), "hold_s": (1, 600, True),
    "minutes": (1, 120, True), "load_kg": (0, 200, False), "rpe": (0, 10, False)}
MANUAL_LIMITS: dict[str, tuple[float, float, bool]] = {
    "sets": (1, 20, True), "seconds": (1, 1800, True), "oscillations": (1, 1000, True)}
_UNITS = {"hold_s": "s", "minutes": "min", "load_kg": "kg", "seconds": "s"}


def _dose(raw: Any, key: str, limits: dict[str, tuple[float, float, bool]], prefix: str,
          e: v.Errors) -> Any:
    lo, hi, whole = limits[key]
    return v.number(raw.get(key), prefix + key, e, lo=lo, hi=hi, integer=whole,
                    unit=_UNITS.get(key, ""))


def _clean_exercise(session: Session, raw: Any, i: int, e: v.Errors) -> dict[str, Any]:
    p = f"exercises[{i}]."
    if not isinstance(raw, dict):
        e[f"exercises[{i}]"] = "must be a set of dose fields"
        return {}
    out: dict[str, Any] = {
        "exercise_id": _entry(session, raw.get("exercise"), "exercise", p + "exercise", e),
        "side": v.choice(raw.get("side") or "", p + "side", e, SIDES, required=False),
        "sets": _dose(raw, "sets", EXERCISE_LIMITS, p, e),
        "reps": _dose(raw, "reps", EXERCISE_LIMITS, p, e),
        "hold_s": _dose(raw, "hold_s", EXERCISE_LIMITS, p, e),
        "minutes": _dose(raw, "minutes", EXERCISE_LIMITS, p, e),
        "load_type": v.choice(raw.get("load_type") or "body_weight", p + "load_type", e,
                              LOAD_TYPES),
        "load_kg": _dose(raw, "load_kg", EXERCISE_LIMITS, p, e),
        "band": v.choice(raw.get("band") or "", p + "band", e, [""] + band_levels(),
                         required=False),
        "rpe": _dose(raw, "rpe", EXERCISE_LIMITS, p, e),
        "pain_response": v.choice(raw.get("pain_response") or "", p + "pain_response", e,
                                  PAIN_RESPONSES, required=False),
        "progression_level": v.text(raw.get("progression_level"), p + "progression_level", e,
                                    max_len=60),
        "completed": v.boolean(raw.get("completed", True), p + "completed", e) is not False,
        "home_program": bool(v.boolean(raw.get("home_program", False), p + "home_program", e)),
    }
    if not e.keys() & {p + k for k in ("reps", "hold_s", "minutes")} and \
            out["reps"] is None and out["hold_s"] is None and out["minutes"] is None:
        e[p + "reps"] = "give reps, a hold time or minutes"
    if out["load_type"] == "kg" and out["load_kg"] is None and p + "load_kg" not in e:
        e[p + "load_kg"] = "is required for a kg load"
    if out["load_type"] == "band" and not out["band"] and p + "band" not in e:
        e[p + "band"] = "choose the band colour"
    if out["load_type"] != "kg":
        out["load_kg"] = None
    if out["load_type"] != "band":
        out["band"] = ""
    return out


def _clean_manual(session: Session, raw: Any, i: int, e: v.Errors) -> dict[str, Any]:
    p = f"manual_therapy[{i}]."
    if not isinstance(raw, dict):
        e[f"manual_therapy[{i}]"] = "must be a set of dose fields"
        return {}
    out = {
        "technique_id": _entry(session, raw.get("technique"), "manual_therapy",
                               p + "technique", e),
        "region": v.text(raw.get("region"), p + "region", e, max_len=40),
        "side": v.choice(raw.get("side") or "", p + "side", e, SIDES, required=False),
        "grade": v.choice(raw.get("grade") or "", p + "grade", e, GRADES, required=False),
        "patient_position": v.text(raw.get("patient_position"), p + "patient_position", e,
                                   max_len=60),
        "sets": _dose(raw, "sets", MANUAL_LIMITS, p, e),
        "seconds": _dose(raw, "seconds", MANUAL_LIMITS, p, e),
        "oscillations": _dose(raw, "oscillations", MANUAL_LIMITS, p, e),
        "response": v.text(raw.get("response"), p + "response", e, max_len=500),
    }
    return out


def clean_note(session: Session, episode: Episode, data: dict[str, Any],
               today: date | None = None) -> dict[str, Any]:
    """Validate every field of a note; all problems are reported at once by field name."""
    today = today or date.today()
    e: v.Errors = {}
    if not isinstance(data, dict):
        raise ValidationError({"note": "must be a set of fields"})
    out: dict[str, Any] = {
        "visit_date": v.parse_date(data.get("visit_date"), "visit_date", e),
        "start_time": v.parse_time(data.get("start_time"), "start_time", e),
        "status": v.choice(data.get("status") or "attended", "status", e, STATUSES),
        "status_reason": v.text(data.get("status_reason"), "status_reason", e, max_len=500),
        "total_minutes": v.number(data.get("total_minutes"), "total_minutes", e,
                                  lo=NOTE_NUMBERS["total_minutes"][0],
                                  hi=NOTE_NUMBERS["total_minutes"][1], integer=True,
                                  unit="minutes") or 0,
        "subjective": v.text(data.get("subjective"), "subjective", e, max_len=10000,
                             multiline=True),
        "assessment": v.text(data.get("assessment"), "assessment", e, max_len=10000,
                             multiline=True),
        "plan": v.text(data.get("plan"), "plan", e, max_len=10000, multiline=True),
        "adverse_event": bool(v.boolean(data.get("adverse_event", False), "adverse_event", e)),
        "note_type": v.choice(data.get("note_type") or None, "note_type", e, NOTE_TYPES,
                              required=False) or None,
        "adverse_event_screen": v.choice(data.get("adverse_event_screen") or "",
                                         "adverse_event_screen", e, SCREEN_ANSWERS,
                                         required=False),
    }
    # The screen is answered explicitly; ticking "adverse event" is answering yes.
    screen = out["adverse_event_screen"]
    if out["adverse_event"] and screen == "no":
        e["adverse_event_screen"] = "is 'no' but an adverse event is recorded"
    elif out["adverse_event"]:
        out["adverse_event_screen"] = "yes"
    elif screen == "yes":
        out["adverse_event"] = True
    out["evaluation"] = clean_evaluation(data.get("evaluation"), e)
    out["goal_progress"] = _clean_goal_progress(data.get("goal_progress"), e)
    for key in ("pain_back_pre", "pain_back_post", "pain_hip_pre", "pain_hip_post"):
        out[key] = v.number(data.get(key), key, e, lo=NOTE_NUMBERS[key][0],
                            hi=NOTE_NUMBERS[key][1], integer=True)
    when = out["visit_date"]
    if when is not None:
        if when < episode.start_date:
            e["visit_date"] = "is before the episode start"
        elif when > today:
            e["visit_date"] = "is in the future"
        elif episode.discharge_date and when > episode.discharge_date:
            e["visit_date"] = "is after the discharge date"
    attended = out["status"] == "attended"
    if not attended and not out["status_reason"] and "status" not in e:
        e["status_reason"] = "give the reason for the cancellation or no-show"
    if not attended and out["total_minutes"] and not e.keys() & {"total_minutes", "status"}:
        e["total_minutes"] = "a cancelled or missed visit has no minutes"
    if not attended and "status" not in e and (out["adverse_event"] or out["evaluation"]
                                                or out["goal_progress"]):
        e["status"] = "a cancelled or missed visit has no treatment documentation"
    if attended and not out["total_minutes"] and "total_minutes" not in e:
        e["total_minutes"] = "is required for an attended visit"
    items = {k: data.get(k) or [] for k in ("manual_therapy", "exercises", "education")}
    minutes = data.get("billing") or {}
    if not attended and "status" not in e and (any(items.values()) or any(minutes.values()
                                                    if isinstance(minutes, dict) else [1])):
        e["status"] = "a cancelled or missed visit has no interventions or billed minutes"
    for k, lst in items.items():
        if not isinstance(lst, (list, tuple)):
            e[k] = "must be a list"
            items[k] = []
    out["manual_therapy"] = [_clean_manual(session, r, i, e)
                             for i, r in enumerate(items["manual_therapy"])]
    out["exercises"] = [_clean_exercise(session, r, i, e)
                        for i, r in enumerate(items["exercises"])]
    edu: list[int] = []
    for i, ref in enumerate(items["education"]):
        tid = _entry(session, ref, "education", f"education[{i}]", e)
        if tid is not None and tid not in edu:
            edu.append(tid)
    out["education"] = edu
    out["billing"] = _clean_billing(minutes, out["total_minutes"], e)
    out["not_billed"] = _clean_not_billed(data.get("not_billed"), out["billing"], attended, e)
    out["adverse"] = _clean_adverse(data.get("adverse") or {}, e) if out["adverse_event"] \
        else None
    if e:
        raise ValidationError(e)
    return out


def _clean_billing(minutes: Any, total: int, e: v.Errors) -> dict[str, int]:
    if not isinstance(minutes, dict):
        e["billing"] = "must map CPT codes to minutes"
        return {}
    out: dict[str, int] = {}
    known = {c.code for c in billing.known_codes()}
    for code, m in minutes.items():
        field = f"billing.{code}"
        if code not in known:
            e[field] = f"unknown CPT code {code}"
            continue
        value = v.number(m, field, e, lo=0, hi=MAX_SESSION_MINUTES, integer=True,
                         unit="minutes")
        if value is not None and value > 0:
            out[code] = value
            if total and value > total:
                e[field] = f"{value} minutes is more than the visit's {total}"
    timed = sum(m for c, m in out.items() if billing.is_timed(c))
    if timed > total and not any(k.startswith("billing.") for k in e):
        e["billing"] = f"timed minutes ({timed}) exceed the visit's total minutes ({total})"
    return out


def _clean_not_billed(raw: Any, billed: dict[str, int], attended: bool,
                      e: v.Errors) -> list[str]:
    """Codes whose interventions were delivered but are not billed (each said once)."""
    if raw in (None, "", []):
        return []
    if not isinstance(raw, (list, tuple)):
        e["not_billed"] = "must be a list of CPT codes"
        return []
    known = {c.code for c in billing.known_codes()}
    out: list[str] = []
    for code in raw:
        code = str(code).strip()
        if code not in known:
            e[f"billing.{code}"] = f"unknown CPT code {code}"
        elif code in billed:
            e[f"billing.{code}"] = (f"{code} is billed ({billed[code]} minutes) and marked not "
                                    "billed; choose one")
        elif code not in out:
            out.append(code)
    if out and not attended:
        e["status"] = "a cancelled or missed visit has no interventions or billed minutes"
    return sorted(out)


def _clean_goal_progress(raw: Any, e: v.Errors) -> dict[str, str]:
    """Progress toward each goal, as the PT wrote it: {goal id: text}."""
    if raw in (None, "", {}):
        return {}
    if not isinstance(raw, dict):
        e["goal_progress"] = "must map goal ids to text"
        return {}
    out: dict[str, str] = {}
    for key, text in raw.items():
        if not str(key).isdigit():
            e["goal_progress"] = f"{key!r} is not a goal id"
            continue
        clean = v.text(text, f"goal_progress.{key}", e, max_len=2000, multiline=True)
        if clean:
            out[str(int(key))] = clean
    return out


def _clean_adverse(raw: Any, e: v.Errors) -> dict[str, Any]:
    if not isinstance(raw, dict):
        e["adverse.description"] = "describe the adverse event"
        return {}
    return {
        "description": v.text(raw.get("description"), "adverse.description", e, required=True,
                              max_len=5000, multiline=True),
        "serious": bool(v.boolean(raw.get("serious", False), "adverse.serious", e)),
        "relatedness": v.choice(raw.get("relatedness") or "not_related", "adverse.relatedness",
                                e, RELATEDNESS),
        "action": v.text(raw.get("action"), "adverse.action", e, max_len=2000, multiline=True),
    }


def _next_visit_number(session: Session, episode_id: int, when: date) -> int:
    q = select(func.count(VisitNote.id)).where(
        VisitNote.episode_id == episode_id, VisitNote.status == "attended",
        VisitNote.visit_date <= when)
    return (session.scalar(q) or 0) + 1


def _refuse_duplicate(session: Session, episode_id: int, clean: dict[str, Any],
                      note_id: int | None) -> None:
    """One visit per date and start time in an episode (a second one is a typing slip)."""
    q = select(VisitNote.id, VisitNote.start_time).where(
        VisitNote.episode_id == episode_id, VisitNote.visit_date == clean["visit_date"])
    if note_id is not None:
        q = q.where(VisitNote.id != note_id)
    for other_id, start in session.execute(q):
        if start == clean["start_time"]:
            when = clean["visit_date"].isoformat() + (
                f" at {start:%H:%M}" if start is not None else "")
            raise ValidationError({"start_time" if start is not None else "visit_date": (
                f"this episode already has a visit on {when} (note {other_id}); "
                + ("open that note instead" if start is not None else
                   "give each visit of the day its start time"))})


def suggested_note_type(session: Session, episode_id: int, when: date | None,
                        note_id: int | None = None) -> str:
    """The note an attended visit on ``when`` should be (BPM ch. 15 §220.3).

    The first attended visit is the evaluation; the last planned visit is the discharge
    note (it reports on the whole period, §220.3 D; the PT picks another type when the
    course goes on); the tenth treatment day since the last evaluation, re-evaluation or
    progress report is a progress report; otherwise daily.
    """
    q = select(VisitNote.note_type).where(VisitNote.episode_id == episode_id,
                                          VisitNote.status == "attended")
    if when is not None:
        q = q.where(VisitNote.visit_date <= when)
    if note_id is not None:
        q = q.where(VisitNote.id != note_id)
    types = list(session.scalars(q.order_by(VisitNote.visit_date, VisitNote.start_time,
                                            VisitNote.id)))
    planned = session.scalar(select(Episode.planned_visits).where(Episode.id == episode_id))
    return next_note_type(types, planned)


def next_note_type(types: list[str], planned: int | None = None) -> str:
    """The next attended visit's note type after attended notes of ``types``, in order
    (``planned``: the episode's planned visits, whose last is the discharge note)."""
    if not types:
        return "evaluation"
    if planned and len(types) + 1 == planned:
        return "discharge"
    since = 0
    for t in types:
        since = 1 if t in REPORTING_TYPES else since + 1
    return "progress" if since + 1 >= PROGRESS_EVERY_TREATMENT_DAYS else "daily"


def get_note(session: Session, note_id: int, actor: Acting | None = None) -> VisitNote:
    authorize(session, actor, "read_chart")
    note = session.get(VisitNote, note_id) if v.is_id(note_id) else None
    if note is None:
        raise NotFoundError(f"No session note with id {note_id}")
    return note


def _ensure_unsigned(note: VisitNote) -> None:
    if note.signed_at is not None:
        raise PermissionDenied(
            f"Session note {note.id} was signed on {note.signed_at:%Y-%m-%d %H:%M} and is "
            "read-only; add an addendum to correct it.")


def save_note(session: Session, episode_id: int, data: dict[str, Any],
              note_id: int | None = None, actor: Acting | None = None) -> VisitNote:
    """Create or replace a draft note with all its interventions, in the caller's transaction."""
    actor = authorize(session, actor, "write_chart")
    episode = session.get(Episode, episode_id) if v.is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    note = None
    before: dict[str, Any] = {}
    if note_id is not None:
        note = get_note(session, note_id, actor)
        _ensure_unsigned(note)
        if note.episode_id != episode_id:
            raise ValidationError({"note": "belongs to another episode"})
        before = note_values(note)
    clean = clean_note(session, episode, data)
    attended = clean["status"] == "attended"
    _refuse_duplicate(session, episode_id, clean, note_id)
    if clean["note_type"] is None:
        clean["note_type"] = (suggested_note_type(session, episode_id, clean["visit_date"],
                                                  note_id) if attended else "daily")
    if clean["evaluation"] and clean["note_type"] not in ("evaluation", "re-evaluation"):
        raise ValidationError({"evaluation": "only an evaluation or a re-evaluation carries "
                                             "evaluation findings"})
    if note is None:
        number = _next_visit_number(session, episode_id, clean["visit_date"]) if attended else 0
        note = VisitNote(episode=episode, created_by_id=user_id(actor),
                         visit_number=number)
        session.add(note)
    elif attended and not note.visit_number:
        with session.no_autoflush:
            note.visit_number = _next_visit_number(session, episode_id, clean["visit_date"])
    elif not attended:
        note.visit_number = 0
    for key in NOTE_FIELDS:
        setattr(note, key, clean[key])
    if note.id is not None:
        # Old rows go first: the same code or topic again would otherwise collide with
        # the unique (visit, code) rows still in the table when the new ones are inserted.
        note.manual_therapy, note.exercises, note.education, note.billing_lines = [], [], [], []
        session.flush()
    note.manual_therapy = [ManualTherapyDose(position=i, **d)
                           for i, d in enumerate(clean["manual_therapy"])]
    note.exercises = [ExerciseDose(position=i, **d) for i, d in enumerate(clean["exercises"])]
    note.education = [EducationItem(topic_id=t) for t in clean["education"]]
    note.billing_lines = [BillingLine(code=c, minutes=m) for c, m in clean["billing"].items()]
    session.flush()
    existing = session.scalars(select(AdverseEvent).where(AdverseEvent.visit_id == note.id))
    for ae in existing:
        session.delete(ae)
    if clean["adverse"]:
        session.add(AdverseEvent(episode_id=episode_id, visit_id=note.id,
                                 occurred_on=clean["visit_date"], **clean["adverse"]))
    session.flush()
    after = note_values(note)
    audit.record(session, actor, "update" if before else "create", "visit_note", note.id,
                 patient_id=episode.patient_id,
                 changes=audit.diff(before, after) if before else
                 {k: [None, x] for k, x in after.items() if x not in (None, "", [], {})})
    return note


def delete_draft(session: Session, note_id: int, actor: Acting | None = None) -> None:
    actor = authorize(session, actor, "write_chart")
    note = get_note(session, note_id, actor)
    _ensure_unsigned(note)
    audit.record(session, actor, "delete", "visit_note", note.id,
                 patient_id=note.episode.patient_id,
                 changes={k: [x, None] for k, x in note_values(note).items()})
    for ae in session.scalars(select(AdverseEvent).where(AdverseEvent.visit_id == note.id)):
        session.delete(ae)
    session.delete(note)


def signature_problems(signed_at: Any, name: Any, credentials: Any) -> list[str]:
    """What a signature lacks: a signed note or addendum needs name, credentials and time."""
    missing = [what for what, value in (("the signer's name", name),
                                        ("the signer's credentials", credentials),
                                        ("the time of signing", signed_at))
               if value is None or (isinstance(value, str) and not value.strip())]
    return [f"is signed without {' or '.join(missing)}"] if missing else []


def _signature(actor: Acting, name: str | None, credentials: str | None) -> tuple[str, str]:
    """The name and credentials a signature prints: always the signer's own account.

    Only the system (demo data) signs with a typed name; a signature needs a name and
    credentials either way.
    """
    if actor is not SYSTEM:
        name, credentials = actor.full_name, actor.credentials
    name, credentials = (name or "").strip(), (credentials or "").strip()
    for problem in signature_problems(utcnow(), name, credentials):
        raise ValidationError({"signature": problem + " (set them under Admin ▸ Users)"})
    return name, credentials


def _is_licensed_pt(credentials: str) -> bool:
    """A physical therapist's credentials (PT, DPT, MPT...), not an assistant's (PTA)."""
    tokens = {t.strip(".").upper() for t in credentials.replace(",", " ").split()}
    return "PTA" not in tokens and bool(tokens & {"PT", "DPT", "MPT", "MSPT"})


def _what_is_signed(note: VisitNote) -> str:
    """The note in a refusal's words: "a progress report", "an initial evaluation", or a
    daily note billed with an evaluation code."""
    label = NOTE_TYPES.get(note.note_type, "note").lower()
    codes = sorted(b.code for b in note.billing_lines if b.code in EVALUATION_CODES)
    if note.note_type not in LICENSED_NOTE_TYPES and codes:
        label += f" billed as an evaluation ({', '.join(codes)})"
    return ("an " if label[0] in "aeiou" else "a ") + label


def sign_note(session: Session, note_id: int, actor: Acting | None = None,
              signer_name: str | None = None, credentials: str | None = None,
              when: datetime | None = None) -> VisitNote:
    """Sign a draft once the sign checklist is complete (the same check on every path)."""
    from .sign_checklist import require_complete

    actor = authorize(session, actor, "sign_note")
    note = get_note(session, note_id, actor)
    _ensure_unsigned(note)
    licensed = note.note_type in LICENSED_NOTE_TYPES or any(
        b.code in EVALUATION_CODES for b in note.billing_lines)
    what = _what_is_signed(note)
    only = ("only a licensed physical therapist (PT, DPT) signs evaluations, "
            "re-evaluations, progress reports and discharge notes.")
    if licensed and not allowed(actor, "sign_evaluation"):
        # a PTA may not sign any of these: the refusal names the one at hand
        raise PermissionDenied(f"{describe(actor)} may not sign {what}: {only}")
    name, cred = _signature(actor, signer_name, credentials)
    if licensed and not _is_licensed_pt(cred):
        raise PermissionDenied(
            f"{name} ({cred or 'no credentials'}) may not sign {what}: {only}")
    require_complete(session, note)
    note.signature_name, note.signature_credentials = name, cred
    note.signed_at = when or utcnow()
    note.signed_by_id = user_id(actor)
    session.flush()
    note.content_hash = note_hash(note, session)
    audit.record(session, actor, "sign", "visit_note", note.id,
                 patient_id=note.episode.patient_id,
                 changes={"signed_at": [None, note.signed_at.isoformat()],
                          "signature": [None, f"{note.signature_name}, "
                                              f"{note.signature_credentials}"]})
    return note


def add_addendum(session: Session, note_id: int, text: str, actor: Acting | None = None,
                 signer_name: str | None = None, credentials: str | None = None) -> Addendum:
    """A signed correction to a signed note (the note itself never changes)."""
    actor = authorize(session, actor, "sign_note")
    note = get_note(session, note_id, actor)
    if note.signed_at is None:
        raise ValidationError({"addendum": "edit the draft instead; addenda are for signed notes"})
    e: v.Errors = {}
    clean = v.text(text, "addendum", e, required=True, max_len=10000, multiline=True)
    if e:
        raise ValidationError(e)
    name, cred = _signature(actor, signer_name, credentials)
    now = utcnow()
    add = Addendum(visit=note, text=clean, created_at=now, signed_at=now,
                   signed_by_id=user_id(actor), signature_name=name,
                   signature_credentials=cred)
    session.add(add)
    session.flush()
    add.content_hash = addendum_hash({k: getattr(add, k) for k in ADDENDUM_FIELDS})
    audit.record(session, actor, "addendum", "visit_note", note.id,
                 patient_id=note.episode.patient_id, changes={"addendum": [None, clean]})
    return add


def note_values(note: VisitNote) -> dict[str, Any]:
    """A note as plain data: the form's fields, the dose lists and billed minutes."""
    values = audit.snapshot(note, NOTE_FIELDS)
    values["manual_therapy"] = [
        {"technique": d.technique.key, **{k: getattr(d, k) for k in MT_FIELDS}}
        for d in note.manual_therapy]
    values["exercises"] = [
        {"exercise": d.exercise.key, **{k: getattr(d, k) for k in EXERCISE_FIELDS}}
        for d in note.exercises]
    values["education"] = [i.topic.key for i in note.education]
    values["billing"] = {b.code: b.minutes for b in note.billing_lines}
    return values


def episode_notes(session: Session, episode_id: int) -> list[VisitNote]:
    """Every note of the episode with its doses, education and billing, in five queries.

    Catalog entries are loaded once each (selectin) rather than joined onto every dose
    row, and education is loaded with the notes instead of one query per note.
    """
    authorize(session, None, "read_chart")
    q = (select(VisitNote).where(VisitNote.episode_id == episode_id)
         .options(selectinload(VisitNote.exercises).selectinload(ExerciseDose.exercise),
                  selectinload(VisitNote.manual_therapy)
                  .selectinload(ManualTherapyDose.technique),
                  selectinload(VisitNote.education).selectinload(EducationItem.topic),
                  selectinload(VisitNote.billing_lines))
         .order_by(VisitNote.visit_date, VisitNote.start_time, VisitNote.id))
    return list(session.scalars(q))


@dataclass(frozen=True)
class VisitSummary:
    """One line of the visit list: no doses, no free text, units already worked out."""

    id: int
    visit_date: date
    visit_number: int
    status: str
    total_minutes: int
    signed_at: datetime | None
    units: dict[str, int]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


def visit_summaries(session: Session, episode_id: int, rule: str = "medicare",
                    ) -> list[VisitSummary]:
    """The episode's visits in date order, in two narrow queries.

    Loading whole notes with their doses (``episode_notes``) for a 200-visit episode
    builds thousands of ORM objects; the visit list needs a few columns and the minutes
    per code.
    """
    authorize(session, None, "read_chart")
    q = (select(VisitNote.id, VisitNote.visit_date, VisitNote.visit_number, VisitNote.status,
                VisitNote.total_minutes, VisitNote.signed_at)
         .where(VisitNote.episode_id == episode_id)
         .order_by(VisitNote.visit_date, VisitNote.start_time, VisitNote.id))
    rows = session.execute(q).all()
    minutes: dict[int, dict[str, int]] = {}
    bq = (select(BillingLine.visit_id, BillingLine.code, BillingLine.minutes)
          .join(VisitNote, VisitNote.id == BillingLine.visit_id)
          .where(VisitNote.episode_id == episode_id))
    for visit_id, code, m in session.execute(bq):
        minutes.setdefault(visit_id, {})[code] = m
    return [VisitSummary(r.id, r.visit_date, r.visit_number, r.status, r.total_minutes or 0,
                         r.signed_at, billing.units_for(rule, minutes[r.id])
                         if r.id in minutes else {})
            for r in rows]


def units_for_note(note: VisitNote, rule: str = "medicare") -> dict[str, int]:
    return billing.units_for(rule, {b.code: b.minutes for b in note.billing_lines})


def payer_rule(episode: Episode) -> str:
    payer = episode.patient.payer
    return payer.billing_rule if payer else "medicare"


def overdue_notes(session: Session, today: date | None = None) -> list[VisitNote]:
    """Unsigned notes older than a day."""
    cutoff = (today or date.today()) - timedelta(days=1)
    q = (select(VisitNote).where(VisitNote.signed_at.is_(None), VisitNote.visit_date < cutoff)
         .order_by(VisitNote.visit_date))
    return list(session.scalars(q))


@checks.register("session notes")
def _notes_follow_the_rules(session: Session, today: date | None = None) -> Iterable[str]:
    """Notes that break a form rule, explained by the form's own validation.

    A query over the shared rule data (ranges, statuses, dates) finds the suspects among
    100 000 notes in one pass; each suspect is then run through :func:`clean_note`, so
    the sentence is the one the form would show.
    """
    from sqlalchemy import and_, or_

    from ..models import Patient

    today = today or date.today()
    suspect = [VisitNote.status.not_in(list(STATUSES)), VisitNote.visit_date > today,
               VisitNote.visit_date < Episode.start_date,
               and_(Episode.discharge_date.is_not(None),
                    VisitNote.visit_date > Episode.discharge_date)]
    for field, (lo, hi) in NOTE_NUMBERS.items():
        col = getattr(VisitNote, field)
        suspect.append(or_(col < lo, col > hi))
    q = (select(VisitNote.id, VisitNote.visit_date, Patient.mrn)
         .join(Episode, Episode.id == VisitNote.episode_id)
         .join(Patient, Patient.id == Episode.patient_id).where(or_(*suspect))
         .order_by(VisitNote.id))
    for vid, when, mrn in session.execute(q).all():
        note = session.get(VisitNote, vid)
        assert note is not None
        try:
            clean_note(session, note.episode, note_values(note), today)
        except ValidationError as exc:
            yield f"session note {vid} ({when}, MRN {mrn}): {sentence(exc)}"


@checks.register("signatures")
def _signatures_are_complete(session: Session) -> Iterable[str]:
    """Every signed note and addendum names its signer, their credentials and the time."""
    for model, what in ((VisitNote, "signed note"), (Addendum, "addendum")):
        q = select(model.id, model.signed_at, model.signature_name,
                   model.signature_credentials).where(
            ((model.signed_at.is_not(None)) & ((model.signature_name == "")
                                                | (model.signature_credentials == "")))
            | ((model.signed_at.is_(None)) & (model.signature_name != "")))
        for rid, at, name, cred in session.execute(q):
            for problem in signature_problems(at, name, cred):
                yield f"{what} {rid} {problem}"
    unsigned = select(Addendum.id, Addendum.visit_id).where(Addendum.signed_at.is_(None))
    for aid, vid in session.execute(unsigned):
        yield f"addendum {aid} on note {vid} is not signed"


def sentence(exc: ValidationError) -> str:
    """A validation error as one sentence: "pain back pre must be between 0 and 10"."""
    return "; ".join(f"{field.replace('_', ' ').replace('.', ' ')} {msg}".strip()
                     for field, msg in exc.errors.items()) + "."
