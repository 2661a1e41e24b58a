"""The sign checklist: what a note must hold before it can be signed, on every path.

One function decides, and every path calls it: :func:`sessions.sign_note` (the GUI and the
CLI sign through it), the import (every signed note in a file), and the note editor, which
shows the same list before signing. The rules follow the Medicare Benefit Policy Manual
ch. 15 §220.3 (``documentation.md``):

- an attended visit answers the adverse-event screen explicitly (a "yes" has its record),
  states the assessment (the skilled need), documents an intervention for each billed code
  and bills (or marks not billed) the code of each intervention it documents (the codes
  are data: the catalog's ``billing_codes``), and bills timed minutes that fit inside the
  visit and make at least one unit;
- a cancelled or missed visit has its reason and no minutes, interventions or billing;
- the first attended visit is the initial evaluation, with its history, exclusion and
  red-flag screen (in a MASH arm, an item answered yes needs the PT's written reason to
  treat in the program all the same), systems review, tests and measures (the baseline
  battery and the hip measures), assessment, goals tied to measures and a plan of care;
- a re-evaluation says why it was needed; progress reports and discharge notes describe
  progress toward each goal (§220.3 D), and a discharge note gives every goal its status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import billing
from ..catalog import billing_code, documented_codes
from ..models import AdverseEvent, Assessment, CatalogEntry, Episode, Goal, VisitNote
from .errors import ValidationError
from .evaluation import exclusion_problem, missing_elements

EVALUATION_CODES = {"97161": "evaluation", "97162": "evaluation", "97163": "evaluation",
                    "97164": "re-evaluation"}
BASELINE_BATTERY = {"qbpds": "QBPDS", "gait_speed": "10 m gait speed"}  # MASH primary (§5.1)


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist; ``problem`` is empty when the element is there."""

    field: str
    label: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass
class _Facts:
    note_id: int | None
    episode: Episode
    values: dict[str, Any]
    has_ae_record: bool
    counts: dict[str, int]
    # CPT code -> the documented interventions billed under it (catalog billing_codes)
    done: dict[str, list[str]]


def _earlier_attended(session: Session, f: _Facts) -> list[tuple[int, str]]:
    v = f.values
    q = select(VisitNote.id, VisitNote.note_type, VisitNote.visit_date, VisitNote.start_time,
               ).where(VisitNote.episode_id == f.episode.id, VisitNote.status == "attended",
                       VisitNote.visit_date <= v["visit_date"])
    if f.note_id is not None:
        q = q.where(VisitNote.id != f.note_id)
    out = []
    for nid, ntype, day, start in session.execute(q):
        if day < v["visit_date"] or (start is not None and v.get("start_time") is not None
                                     and start < v["start_time"]):
            out.append((nid, ntype))
    return out


def _common(session: Session, f: _Facts) -> list[CheckItem]:
    v = f.values
    items: list[CheckItem] = []
    if v["status"] != "attended":
        reason = "give the reason" if not v.get("status_reason") else ""
        items.append(CheckItem("status_reason", "Reason for the cancellation or no-show",
                               reason))
        extra = [k for k in ("manual_therapy", "exercises", "education") if f.counts.get(k)]
        if v.get("total_minutes"):
            extra.append("minutes")
        if v.get("billing"):
            extra.append("billing")
        items.append(CheckItem("status", "No minutes, interventions or billing",
                               ("remove " + ", ".join(extra).replace("_", " ")) if extra
                               else ""))
        return items
    screen = v.get("adverse_event_screen") or ""
    items.append(CheckItem("adverse_event_screen", "Adverse-event screen answered yes or no",
                           "" if screen in ("yes", "no") else
                           "answer the adverse-event screen (yes or no)"))
    if screen == "yes":
        items.append(CheckItem("adverse.description", "Adverse-event record",
                               "" if f.has_ae_record else "describe the adverse event"))
    items.append(CheckItem("assessment", "Assessment (skilled-need statement)",
                           "" if (v.get("assessment") or "").strip() else
                           "write the assessment: why the visit needed a therapist's skill"))
    items.append(CheckItem("total_minutes", "Total treatment minutes",
                           "" if v.get("total_minutes") else "give the total minutes"))
    minutes: dict[str, int] = v.get("billing") or {}
    documented = documented_codes()
    for code in sorted(minutes):
        if code in documented and not f.done.get(code):
            items.append(CheckItem(f"billing.{code}", f"Interventions documented for {code}",
                                   f"{code} ({_service(code)}) is billed but no intervention "
                                   "of that kind is documented"))
        kind = EVALUATION_CODES.get(code)
        if kind and v.get("note_type") != kind:
            items.append(CheckItem(f"billing.{code}", f"{code} billed on the right note",
                                   f"{code} is billed only on the {kind} note"))
    not_billed = set(v.get("not_billed") or [])
    for code in sorted(set(f.done) - set(minutes) - not_billed):
        names = f.done[code]
        shown = ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else "")
        items.append(CheckItem(f"billing.{code}", "Interventions billed or marked not billed",
                               f"{shown} ({code}, {_service(code)}) documented but {code} is "
                               "neither billed nor marked not billed"))
    timed = sum(m for c, m in minutes.items() if billing.is_timed(c))
    total = v.get("total_minutes") or 0
    if timed > total:
        problem = f"timed minutes ({timed}) exceed the visit's total ({total})"
    elif sum(minutes.values()) > total:
        problem = f"billed minutes ({sum(minutes.values())}) exceed the visit's total ({total})"
    elif timed and billing.total_units(timed) == 0:
        problem = (f"{timed} timed minute(s) bill no unit (at least 8 are needed); remove "
                   "the timed codes or correct the minutes")
    else:
        problem = ""
    items.append(CheckItem("billing", "Timed minutes consistent with units and total",
                           problem))
    earlier = _earlier_attended(session, f)
    ntype = v.get("note_type") or "daily"
    if not earlier and ntype != "evaluation":
        items.append(CheckItem("note_type", "First visit is the initial evaluation",
                               "the first attended visit of an episode is its initial "
                               "evaluation"))
    elif earlier and ntype == "evaluation":
        first = next((nid for nid, t in earlier if t == "evaluation"), earlier[0][0])
        items.append(CheckItem("note_type", "One initial evaluation per episode",
                               f"the episode's first visit (note {first}) is its initial "
                               "evaluation; document a re-evaluation instead"))
    return items


def _service(code: str) -> str:
    """'therapeutic exercise' for 97110: the code's short description, lower case."""
    info = next((c for c in billing.known_codes() if c.code == code), None)
    text = info.description.split(",")[0] if info else code
    return text[:1].lower() + text[1:]


def _done(entries: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    """(kind, key, name) of each documented intervention -> names by billing code."""
    out: dict[str, list[str]] = {}
    for kind, key, name in entries:
        code = billing_code(kind, key)
        if code is not None and name not in out.setdefault(code, []):
            out[code].append(name)
    return out


def _evaluation(session: Session, f: _Facts) -> list[CheckItem]:
    v = f.values
    ep = f.episode
    items = [CheckItem("subjective", "History and subjective",
                       "" if (v.get("subjective") or "").strip() else
                       "record the history and the patient's own account")]
    missing = missing_elements(v.get("evaluation") or {}, "evaluation")
    labels = {"evaluation.exclusion": "Exclusion and red-flag screen",
              "evaluation.systems_review": "Systems review",
              "evaluation.hip_strength": "Hip strength (hand-held dynamometer)",
              "evaluation.body_weight_kg": "Body weight (normalises hip strength)",
              "evaluation.hip_rom": "Hip range of motion",
              "evaluation.impairments": "Impairments",
              "evaluation.rehab_potential": "Rehabilitation potential"}
    items += [CheckItem(k, label, missing.get(k, "")) for k, label in labels.items()]
    if "evaluation.exclusion" not in missing:
        items.append(CheckItem("evaluation.exclusion_override",
                               "No MASH exclusion, or the reason to treat all the same",
                               exclusion_problem(v.get("evaluation") or {}, ep.arm)))
    have = set(session.scalars(select(Assessment.instrument).where(
        Assessment.episode_id == ep.id, Assessment.timepoint == "baseline")))
    lacking = [name for key, name in BASELINE_BATTERY.items() if key not in have]
    items.append(CheckItem("assessments", "Baseline outcome battery",
                           ("record the baseline " + " and ".join(lacking)) if lacking else ""))
    goals = list(session.scalars(select(Goal).where(Goal.episode_id == ep.id)))
    linked = [g for g in goals if g.term == "long" and g.instrument]
    items.append(CheckItem("goals", "Long-term goals tied to a measure",
                           "" if linked else "set at least one long-term goal with its "
                                             "outcome measure and target"))
    plan_missing = []
    if not (v.get("plan") or "").strip():
        plan_missing.append("the plan")
    if not ep.hep_days_per_week:
        plan_missing.append("the home program frequency")
    items.append(CheckItem("plan", "Plan of care",
                           ("write " + " and ".join(plan_missing)) if plan_missing else ""))
    return items


def _progress(session: Session, f: _Facts, discharge: bool) -> list[CheckItem]:
    v = f.values
    items = [CheckItem("subjective", "Subjective statements",
                       "" if (v.get("subjective") or "").strip() else
                       "record the patient's own account of the period"),
             CheckItem("plan", "Plan for continuing treatment" if not discharge else
                       "Discharge plan and recommendations",
                       "" if (v.get("plan") or "").strip() else "write the plan")]
    written = v.get("goal_progress") or {}
    goals = list(session.scalars(select(Goal).where(Goal.episode_id == f.episode.id)
                                 .order_by(Goal.id)))
    if not goals:
        items.append(CheckItem("goal_progress", "Progress toward each goal",
                               "the episode has no goals to report on"))
    for g in goals:
        items.append(CheckItem(f"goal_progress.{g.id}", f"Progress toward goal {g.id}",
                               "" if written.get(str(g.id)) else
                               f"describe progress toward goal {g.id} ({g.text[:50]})"))
        if discharge:
            items.append(CheckItem(f"goals.{g.id}.status", f"Status of goal {g.id} at discharge",
                                   "" if g.status != "open" else
                                   f"give goal {g.id} its status at discharge (met, partially "
                                   "met, not met or revised)"))
    return items


def _checklist(session: Session, f: _Facts) -> list[CheckItem]:
    items = _common(session, f)
    if f.values["status"] != "attended":
        return items
    ntype = f.values.get("note_type") or "daily"
    if ntype == "evaluation":
        items += _evaluation(session, f)
    elif ntype == "re-evaluation":
        missing = missing_elements(f.values.get("evaluation") or {}, "re-evaluation")
        items.append(CheckItem("evaluation.reason", "Reason for the re-evaluation",
                               missing.get("evaluation.reason", "")))
        items.append(CheckItem("plan", "Revised plan",
                               "" if (f.values.get("plan") or "").strip() else "write the plan"))
    elif ntype in ("progress", "discharge"):
        items += _progress(session, f, ntype == "discharge")
    return items


def note_checklist(session: Session, note: VisitNote) -> list[CheckItem]:
    """The checklist of a stored note."""
    from .sessions import note_values

    values = note_values(note)
    values["visit_date"] = note.visit_date
    values["start_time"] = note.start_time
    has_ae = session.scalar(select(AdverseEvent.id).where(AdverseEvent.visit_id == note.id)
                            .limit(1)) is not None
    counts = {k: len(values.get(k) or []) for k in ("manual_therapy", "exercises",
                                                     "education")}
    done = _done([("manual_therapy", d.technique.key, d.technique.name)
                  for d in note.manual_therapy]
                 + [("exercise", d.exercise.key, d.exercise.name) for d in note.exercises]
                 + [("education", i.topic.key, i.topic.name) for i in note.education])
    return _checklist(session, _Facts(note.id, note.episode, values, has_ae, counts, done))


def draft_checklist(session: Session, episode_id: int, data: dict[str, Any],
                    note_id: int | None = None) -> list[CheckItem]:
    """The checklist of a form's values before they are saved (what the editor shows).

    Raises :class:`ValidationError` for values that do not pass the note's field rules.
    """
    from .episodes import get_episode
    from .sessions import clean_note

    episode = get_episode(session, episode_id)
    clean = clean_note(session, episode, data)
    if clean["note_type"] is None:
        from .sessions import suggested_note_type

        clean["note_type"] = suggested_note_type(session, episode_id, clean["visit_date"],
                                                 note_id)
    counts = {k: len(clean.get(k) or []) for k in ("manual_therapy", "exercises",
                                                    "education")}
    ids = [d["technique_id"] for d in clean["manual_therapy"]] + \
        [d["exercise_id"] for d in clean["exercises"]] + list(clean["education"])
    rows = {i: (kind, key, name) for i, kind, key, name in session.execute(
        select(CatalogEntry.id, CatalogEntry.kind, CatalogEntry.key, CatalogEntry.name)
        .where(CatalogEntry.id.in_(ids)))} if ids else {}
    done = _done([rows[i] for i in ids if i in rows])
    return _checklist(session, _Facts(note_id, episode, clean, clean["adverse"] is not None,
                                      counts, done))


def form_checklist(session: Session, episode_id: int, data: dict[str, Any],
                   note_id: int | None = None,
                   goal_statuses: list[tuple[int, str, str]] | None = None,
                   ) -> list[CheckItem]:
    """The editor's checklist, with the goal statuses it would set tried and rolled back."""
    from .goals import set_goal_status

    try:
        for goal_id, status, reason in goal_statuses or []:
            set_goal_status(session, goal_id, status, reason, None)
        return draft_checklist(session, episode_id, data, note_id)
    finally:
        session.rollback()


def problems(items: list[CheckItem]) -> dict[str, str]:
    return {i.field: i.problem for i in items if not i.ok}


def require_complete(session: Session, note: VisitNote) -> None:
    """Refuse to sign (ValidationError naming each missing element at its field)."""
    missing = problems(note_checklist(session, note))
    if missing:
        raise ValidationError(missing)
