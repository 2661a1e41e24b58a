"""Assessments: outcome measures entered per episode at a timepoint.

Item-level answers are stored with the score computed from them and the instrument
version, so any stored score can be recomputed and checked (see the "assessments"
health check). All scoring goes through :mod:`mash_desktop.outcomes`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import outcomes
from ..models import Assessment, Episode
from . import audit, checks
from . import validate as v
from .access import Acting, authorize, user_id
from .errors import NotFoundError, ValidationError

TIMEPOINTS = {"baseline": "Baseline", "8_weeks": "8 weeks", "6_months": "6 months",
              "discharge": "Discharge", "custom": "Custom"}
# MASH battery, in the order a PT administers and reports it (mash_program.md §5.1):
# primary outcomes first, then the secondary measures.
PRIMARY = ["qbpds", "gait_speed"]
SECONDARY = ["gait_speed_fast", "6mwt", "30s_chair_stand", "tug", "nprs_back", "nprs_hip",
             "phq9", "pcs"]


@dataclass(frozen=True)
class SeriesPoint:
    timepoint: str
    label: str
    assessed_on: date
    value: float
    assessment_id: int


@dataclass(frozen=True)
class OutcomeRow:
    """One instrument's status by time point (documentation.md, "Discharge note").

    ``discharge`` is the assessment taken at or before discharge (MASH: 8 weeks; for an
    episode still open, the latest reassessment), ``follow_up`` one taken after it (MASH:
    6 months). Each has its own change from baseline, so a 6-month relapse never hides
    an 8-week improvement and a later follow-up is never reported as discharge status.
    """

    instrument: str
    name: str
    short_name: str
    unit: str
    better: str
    baseline: SeriesPoint | None
    discharge: SeriesPoint | None
    follow_up: SeriesPoint | None
    discharge_change: outcomes.Change | None
    follow_up_change: outcomes.Change | None
    threshold: outcomes.Threshold

    @property
    def latest(self) -> SeriesPoint | None:
        return self.follow_up or self.discharge

    @property
    def worsening(self) -> list[tuple[str, outcomes.Change]]:
        """("discharge"|"follow-up", change) for each meaningful worsening from baseline."""
        return [(label, c) for label, c in (("discharge", self.discharge_change),
                                             ("follow-up", self.follow_up_change))
                if c is not None and c.meaningful_worsening]


def _jsonable(answers: Any) -> Any:
    if isinstance(answers, dict):
        return {str(k): _jsonable(x) for k, x in answers.items()}
    if isinstance(answers, (list, tuple)):
        return [_jsonable(x) for x in answers]
    return answers


def clean_assessment(episode_start: date, timepoint: Any, assessed_on: Any, instrument: Any,
                     answers: Any, notes: Any = "") -> tuple[str, date, str, str, Any]:
    """Validate and score one assessment: (timepoint, date, instrument, notes, score).

    The one rule for the form, the CLI and import (which also compares the stored total).
    """
    e: v.Errors = {}
    tp = v.choice(timepoint, "timepoint", e, TIMEPOINTS)
    when = v.parse_date(assessed_on, "assessed_on", e)
    note = v.text(notes, "notes", e, max_len=2000, multiline=True)
    if when is not None:
        if when < episode_start:
            e["assessed_on"] = "is before the episode start"
        elif when > date.today():
            e["assessed_on"] = "is in the future"
    if instrument == "gait_speed" and isinstance(answers, dict) and \
            answers.get("pace") == "fast":
        instrument = "gait_speed_fast"  # fast pace is its own series, never mixed with usual
    result = None
    if not isinstance(instrument, str):
        e["instrument"] = "must be an instrument name"
    else:
        try:
            result = outcomes.score(instrument, answers)
        except (ValueError, KeyError) as exc:  # outcomes names the item in its message
            e["answers"] = str(exc)
    if e or result is None or when is None:
        raise ValidationError(e)
    return tp, when, instrument, note, result


def record_assessment(session: Session, episode_id: int, timepoint: str,
                      assessed_on: Any, instrument: str, answers: Any,
                      actor: Acting | None = None, notes: str = "") -> Assessment:
    """Score and store one instrument at one timepoint (raises ValidationError on bad input)."""
    actor = authorize(session, actor, "write_chart")
    episode = session.get(Episode, episode_id) if v.is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    tp, when, instrument, note, result = clean_assessment(
        episode.start_date, timepoint, assessed_on, instrument, answers, notes)
    row = Assessment(
        episode_id=episode.id, timepoint=tp, assessed_on=when, instrument=instrument,
        instrument_version=result.version, answers=_jsonable(answers), total=result.total,
        subscales=dict(result.subscales), band=result.band, flags=list(result.flags),
        notes=note, created_by_id=user_id(actor))
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "assessment", row.id, patient_id=episode.patient_id,
                 changes={"instrument": [None, instrument], "timepoint": [None, tp],
                          "total": [None, result.total]})
    return row


def delete_assessment(session: Session, assessment_id: int, actor: Acting | None = None) -> None:
    """Remove an assessment entered in error (the audit trail keeps what it held)."""
    actor = authorize(session, actor, "write_chart")
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFoundError(f"No assessment with id {assessment_id}")
    patient_id = row.episode.patient_id
    audit.record(session, actor, "delete", "assessment", row.id, patient_id=patient_id,
                 changes={k: [x, None] for k, x in audit.snapshot(row).items()})
    session.delete(row)


def episode_assessments(session: Session, episode_id: int) -> list[Assessment]:
    authorize(session, None, "read_chart")
    q = (select(Assessment).where(Assessment.episode_id == episode_id)
         .order_by(Assessment.assessed_on, Assessment.id))
    return list(session.scalars(q))


# The MASH follow-up sequence (mash_program.md §4): the entry form offers the next one.
FOLLOW_UP_SEQUENCE = ("baseline", "8_weeks", "6_months")


def assessments_done(session: Session, episode_id: int) -> set[tuple[str, str]]:
    """(timepoint, instrument) pairs already recorded for the episode."""
    return {(tp, inst) for tp, inst in session.execute(
        select(Assessment.timepoint, Assessment.instrument)
        .where(Assessment.episode_id == episode_id))}


def next_timepoint(done: set[tuple[str, str]], instrument: str) -> str:
    """The timepoint an assessment of ``instrument`` most likely belongs to now.

    The latest timepoint of the sequence this episode has any assessment at, unless this
    instrument was already recorded there: then the one after it. A battery entered one
    instrument after another thus stays at its timepoint, and the first test of the next
    reassessment moves on by itself.
    """
    reached = [i for i, tp in enumerate(FOLLOW_UP_SEQUENCE)
               if any(t == tp for t, _ in done)]
    if not reached:
        return FOLLOW_UP_SEQUENCE[0]
    i = max(reached)
    if (FOLLOW_UP_SEQUENCE[i], instrument) in done:
        i = min(i + 1, len(FOLLOW_UP_SEQUENCE) - 1)
    return FOLLOW_UP_SEQUENCE[i]


def episode_series(session: Session, episode_id: int, until: date | None = None
                   ) -> dict[str, list[SeriesPoint]]:
    """Each instrument's scores over the episode, oldest first (only those measured on or
    before ``until`` when given: a progress report knows nothing after its period)."""
    series: dict[str, list[SeriesPoint]] = {}
    for a in episode_assessments(session, episode_id):
        if until is not None and a.assessed_on > until:
            continue
        label = TIMEPOINTS.get(a.timepoint, a.timepoint)
        if a.timepoint == "custom":
            label = a.assessed_on.isoformat()
        series.setdefault(a.instrument, []).append(
            SeriesPoint(a.timepoint, label, a.assessed_on, a.total, a.id))
    return series


def _status_points(points: list[SeriesPoint], discharged_on: date | None
                   ) -> tuple[SeriesPoint | None, SeriesPoint | None, SeriesPoint | None]:
    """(baseline, at discharge, follow-up) from one instrument's points, oldest first."""
    base = [p for p in points if p.timepoint == "baseline"]
    rest = [p for p in points if p.timepoint != "baseline"]
    follow = [p for p in rest if p.timepoint == "6_months"
              or (discharged_on is not None and p.assessed_on > discharged_on)]
    at_discharge = [p for p in rest if p not in follow]
    return (base[-1] if base else None, at_discharge[-1] if at_discharge else None,
            follow[-1] if follow else None)


def outcome_table(session: Session, episode_id: int, until: date | None = None
                  ) -> list[OutcomeRow]:
    """Baseline, status at discharge and follow-up, each change judged from baseline with
    the instrument's best threshold, for every measure the episode has (measured on or
    before ``until`` when given)."""
    series = episode_series(session, episode_id, until)
    discharged_on = session.scalar(select(Episode.discharge_date).where(
        Episode.id == episode_id))
    order = PRIMARY + SECONDARY
    keys = sorted(series, key=lambda k: (order.index(k) if k in order else len(order), k))
    rows = []
    for key in keys:
        inst = outcomes.get_instrument(key)
        base, at_dc, follow = _status_points(series[key], discharged_on)

        def judged(p: SeriesPoint | None, key: str = key,
                   base: SeriesPoint | None = base) -> outcomes.Change | None:
            return None if p is None or base is None else outcomes.change(key, base.value,
                                                                          p.value)

        rows.append(OutcomeRow(key, inst.name, inst.short_name, inst.unit, inst.better, base,
                               at_dc, follow, judged(at_dc), judged(follow), inst.mic))
    return rows


def score_mismatch(result: outcomes.Score, total: Any, subscales: Any) -> str | None:
    """What a stored total and subscales get wrong about the score of their answers (None
    when both recompute): import and ``check`` hold stored scores to this one rule."""
    if not _same(total, result.total):
        return f"stored {total!r} but the answers score {result.total}"
    stored = subscales if subscales is not None else {}
    if not isinstance(stored, dict) or set(stored) != set(result.subscales) or any(
            not _same(stored[k], x) for k, x in result.subscales.items()):
        return "its subscales do not match what the answers score"
    return None


def _same(stored: Any, computed: float) -> bool:
    """A stored number equals the computed one (finite, to rounding)."""
    return (isinstance(stored, (int, float)) and not isinstance(stored, bool)
            and math.isfinite(stored)
            and math.isclose(computed, stored, rel_tol=1e-9, abs_tol=1e-9))


@checks.register("assessments")
def _stored_scores_recompute(session: Session):  # noqa: ANN201 - generator of problems
    """Every stored score must equal what today's scoring code computes from its answers."""
    q = select(Assessment.id, Assessment.instrument, Assessment.answers, Assessment.total,
               Assessment.subscales)
    for aid, instrument, answers, total, subscales in session.execute(q):
        try:
            result = outcomes.score(instrument, answers)
        except (ValueError, KeyError) as exc:
            yield f"assessment {aid} ({instrument}): answers no longer score: {exc}"
            continue
        wrong = score_mismatch(result, total, subscales)
        if wrong:
            yield f"assessment {aid} ({instrument}): {wrong}"


def ensure_instruments_loaded(session: Session) -> int:
    """Copy the shipped instrument definitions into the database (new or changed versions),
    so the database itself says what every stored score was computed with."""
    from ..models import InstrumentDefinition

    changed = 0
    for inst in outcomes.list_instruments():
        row = session.get(InstrumentDefinition, inst.key)
        if row is None or row.version != inst.version or row.definition != inst.raw:
            if row is None:
                row = InstrumentDefinition(key=inst.key)
                session.add(row)
            row.version, row.name, row.definition = inst.version, inst.name, inst.raw
            changed += 1
    return changed
