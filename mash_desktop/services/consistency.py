"""Clinical consistency checks run by ``mash-desktop check``.

Each catches one kind of record that contradicts itself (issue 12): an intervention
outside the episode's MASH arm, an adverse event blaming an intervention the episode
never had, "goals met" as the discharge reason while a goal is not met, an active episode
past its certification with no visits left, and a diagnosis code that cannot go on a
claim. (A goal marked met that its own measurement contradicts is the "goals" check in
services/goals.py; a signed document whose bytes no longer match is in documents.py.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    AdverseEvent,
    CatalogEntry,
    EducationItem,
    Episode,
    ExerciseDose,
    Goal,
    ManualTherapyDose,
    VisitNote,
)
from . import checks
from .episodes import ARMS


def _delivered(session: Session, episodes: list[int] | None = None
               ) -> Iterable[tuple[int, str, int]]:
    """(episode id, arm, catalog entry id) for every intervention and education topic
    delivered (in
    ``episodes`` only, when given)."""
    pairs = ((ExerciseDose.visit_id, ExerciseDose.exercise_id),
             (ManualTherapyDose.visit_id, ManualTherapyDose.technique_id),
             (EducationItem.visit_id, EducationItem.topic_id))
    for visit, entry in pairs:
        q = (select(VisitNote.episode_id, Episode.arm, entry)
             .join(VisitNote, VisitNote.id == visit)
             .join(Episode, Episode.id == VisitNote.episode_id)
             .group_by(VisitNote.episode_id, Episode.arm, entry))
        if episodes is not None:
            q = q.where(VisitNote.episode_id.in_(episodes))
        yield from session.execute(q)


@checks.register("interventions and arms")
def _arm_matches_catalog(session: Session) -> Iterable[str]:
    """A hip-focused or spine-focused episode delivers (and teaches) only what the catalog
    gives its arm."""
    entries = {i: (k, n, a or []) for i, k, n, a in session.execute(
        select(CatalogEntry.id, CatalogEntry.key, CatalogEntry.name, CatalogEntry.arms))}
    for eid, arm, entry_id in _delivered(session):
        if arm == "custom" or entry_id not in entries:
            continue
        key, name, arms = entries[entry_id]
        if arm not in arms:
            yield (f"episode {eid}: {name} is not part of the {ARMS.get(arm, arm).lower()} "
                   "arm in the catalog")


def _words(text: str) -> str:
    """Lower case, punctuation to spaces, plural -s dropped: "Step-ups" -> "step up"."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    return " " + " ".join(w[:-1] if len(w) > 2 and w.endswith("s") else w
                          for w in words) + " "


@checks.register("adverse events")
def _adverse_events_match_delivery(session: Session) -> Iterable[str]:
    """An adverse event that names an intervention the episode never delivered."""
    events = list(session.execute(select(AdverseEvent.id, AdverseEvent.episode_id,
                                         AdverseEvent.occurred_on, AdverseEvent.description)))
    if not events:
        return
    terms: dict[int, set[str]] = {}
    names: dict[int, str] = {}
    for i, key, name in session.execute(select(CatalogEntry.id, CatalogEntry.key,
                                               CatalogEntry.name).where(
            CatalogEntry.kind.in_(("exercise", "manual_therapy")))):
        base = re.sub(r"\(.*?\)", "", name)
        terms[i] = {_words(key.replace("_", " ")), _words(base)}
        names[i] = name
    delivered: dict[int, set[int]] = {}
    for eid, _arm, entry_id in _delivered(session, sorted({e[1] for e in events})):
        delivered.setdefault(eid, set()).add(entry_id)
    for aid, eid, on, text in events:
        said = _words(text or "")
        for entry_id, phrases in terms.items():
            if entry_id in delivered.get(eid, set()):
                continue
            if any(p.strip() and p in said for p in phrases):
                yield (f"episode {eid}: adverse event {aid} of {on.isoformat()} names "
                       f"{names[entry_id]}, which this episode never delivered")


_GOALS_MET = re.compile(r"\bgoals\s+(?:were\s+|have\s+been\s+)?met\b", re.IGNORECASE)
_NOT_A_CLAIM = re.compile(r"\d|\b(?:not|no|none|some|most|of)\b", re.IGNORECASE)


def claims_goals_met(reason: str) -> bool:
    """Whether a free-text reason written before the outcome was a choice says the goals
    were met ("goals met", "all goals met"), not a count or a denial ("2 of 3 goals met",
    "not all goals met")."""
    for m in _GOALS_MET.finditer(reason or ""):
        before = reason[max(0, m.start() - 14):m.start()]
        if not _NOT_A_CLAIM.search(before):
            return True
    return False


@checks.register("discharge reasons")
def _goals_met_means_met(session: Session) -> Iterable[str]:
    """'Goals met' as the discharge outcome while a long-term goal is not met (the
    outcome as chosen; for older episodes without one, a reason that says so)."""
    from .goals import goals_met_problem

    q = (select(Episode.id, Episode.discharge_kind, Episode.discharge_reason)
         .where(Episode.status == "discharged").order_by(Episode.id))
    claimed = [(eid, kind) for eid, kind, reason in session.execute(q)
               if kind == "goals_met" or (not kind and claims_goals_met(reason))]
    long_goals: dict[int, list[tuple[int, str, str]]] = {}
    if claimed:
        rows = session.execute(
            select(Goal.episode_id, Goal.id, Goal.text, Goal.status)
            .join(Episode, Episode.id == Goal.episode_id)
            .where(Episode.status == "discharged", Goal.term == "long").order_by(Goal.id))
        for eid, gid, text, status in rows:
            long_goals.setdefault(eid, []).append((gid, text, status))
    for eid, kind in claimed:
        why = goals_met_problem(long_goals.get(eid, []))
        if why:
            said = "discharged with 'goals met'" if kind else \
                "discharge reason says the goals were met"
            yield f"episode {eid}: {said}, but {why}"


@checks.register("certification")
def _active_past_certification(session: Session, today: date | None = None
                               ) -> Iterable[str]:
    """An active episode past its certification with no planned visits left."""
    today = today or date.today()
    attended = (select(VisitNote.episode_id, func.count().label("n"))
                .where(VisitNote.status == "attended").group_by(VisitNote.episode_id)
                .subquery())
    q = (select(Episode.id, Episode.cert_end, Episode.planned_visits, attended.c.n)
         .join(attended, attended.c.episode_id == Episode.id)
         .where(Episode.status == "active", Episode.cert_end.is_not(None),
                Episode.cert_end < today, attended.c.n >= Episode.planned_visits))
    for eid, cert_end, planned, n in session.execute(q):
        yield (f"episode {eid}: still active, certification ended {cert_end.isoformat()} "
               f"and {n} of {planned} planned visits are used; discharge or recertify")


@checks.register("diagnosis codes")
def _billable_codes(session: Session) -> Iterable[str]:
    """Every episode's ICD-10-CM codes (treatment and medical diagnosis) are billable
    codes in the shipped code set."""
    from .icd10 import problem

    for column, what in ((Episode.icd10_code, ""),
                         (Episode.medical_icd10_code, "medical diagnosis ")):
        codes = session.execute(select(column, func.min(Episode.id), func.count())
                                .where(column != "").group_by(column))
        for code, first, n in codes:
            why = problem(code)
            if why is not None:
                yield f"episode {first}{f' and {n - 1} more' if n > 1 else ''}: {what}{why}"


@checks.register("eligibility")
def _mash_arm_screened_eligible(session: Session) -> Iterable[str]:
    """An episode in a MASH arm (hip- or spine-focused) whose recorded eligibility screen
    says "not eligible" (resources/eligibility.json, NCT04009837 inclusion criteria): the
    program treats only the trial's population; a custom episode is not held to it."""
    from ..models import EligibilityScreen, Patient
    from .eligibility import evaluate

    fields = ("screened_on", "lbp_duration_months", "lbp_half_days_6mo", "lbp_intensity",
              "body_weight_kg", "hip_ir_left", "hip_ir_right", "hip_ir_unit", "hoos_items")
    # plain columns, not ORM objects: a large clinic has thousands of screens
    q = (select(Episode.id, Episode.start_date, Patient.date_of_birth,
                *(getattr(EligibilityScreen, f) for f in fields))
         .join(Episode, Episode.id == EligibilityScreen.episode_id)
         .join(Patient, Patient.id == Episode.patient_id)
         .where(Episode.arm.in_(("hip_focused", "spine_focused"))).order_by(Episode.id))
    for eid, start, dob, *values in session.execute(q):
        screen = dict(zip(fields, values, strict=True))
        result = evaluate(screen, dob, screen["screened_on"] or start)
        if result.overall == "not eligible":
            failed = "; ".join(f"'{c.label}' not met ({c.detail})"
                               for c in result.criteria if c.met is False)
            yield (f"episode {eid}: in a MASH arm, but its eligibility screen says not "
                   f"eligible: {failed}")


@checks.register("discharge notes")
def _discharge_note_means_discharged(session: Session) -> Iterable[str]:
    """A signed discharge note in an episode still active: the note says the course ended
    (documentation.md: the report up to discharge), the episode says it goes on."""
    q = (select(VisitNote.episode_id, func.max(VisitNote.visit_date))
         .join(Episode, Episode.id == VisitNote.episode_id)
         .where(Episode.status == "active", VisitNote.note_type == "discharge",
                VisitNote.status == "attended", VisitNote.signed_at.is_not(None))
         .group_by(VisitNote.episode_id).order_by(VisitNote.episode_id))
    for eid, when in session.execute(q):
        yield (f"episode {eid}: a discharge note was signed on {when.isoformat()} but the "
               "episode is still active; record the discharge (or, if the course goes on, "
               "correct the note with a signed addendum)")
