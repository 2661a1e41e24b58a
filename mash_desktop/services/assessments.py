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
from ..models import Assessment, Episode, User
from . import audit, checks
from . import validate as v
from .access import authorize, user_id
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
    instrument: str
    name: str
    unit: str
    better: str
    baseline: float | None
    week8: float | None
    month6_or_discharge: float | None
    change: outcomes.Change | None
    threshold_source: str

    @property
    def latest(self) -> float | None:
        return self.month6_or_discharge if self.month6_or_discharge is not None else self.week8


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
                      actor: User | None = None, notes: str = "") -> Assessment:
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


def delete_assessment(session: Session, assessment_id: int, actor: User | None = None) -> None:
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


def episode_series(session: Session, episode_id: int) -> dict[str, list[SeriesPoint]]:
    """Each instrument's scores over the episode, oldest first."""
    series: dict[str, list[SeriesPoint]] = {}
    for a in episode_assessments(session, episode_id):
        label = TIMEPOINTS.get(a.timepoint, a.timepoint)
        if a.timepoint == "custom":
            label = a.assessed_on.isoformat()
        series.setdefault(a.instrument, []).append(
            SeriesPoint(a.timepoint, label, a.assessed_on, a.total, a.id))
    return series


def _latest_at(points: list[SeriesPoint], timepoints: tuple[str, ...]) -> float | None:
    found = [p for p in points if p.timepoint in timepoints]
    return found[-1].value if found else None


def outcome_table(session: Session, episode_id: int) -> list[OutcomeRow]:
    """Baseline, 8 weeks, 6 months/discharge and change for every measure the episode has.

    The change is the latest follow-up against baseline, judged with the instrument's
    default minimal important change.
    """
    series = episode_series(session, episode_id)
    order = PRIMARY + SECONDARY
    keys = sorted(series, key=lambda k: (order.index(k) if k in order else len(order), k))
    rows = []
    for key in keys:
        inst = outcomes.get_instrument(key)
        pts = series[key]
        base = _latest_at(pts, ("baseline",))
        w8 = _latest_at(pts, ("8_weeks",))
        m6 = _latest_at(pts, ("6_months", "discharge"))
        follow = m6 if m6 is not None else w8
        change = outcomes.change(key, base, follow) if base is not None and \
            follow is not None else None
        rows.append(OutcomeRow(key, inst.name, inst.unit, inst.better, base, w8, m6, change,
                               str(inst.mic)))
    return rows


@checks.register("assessments")
def _stored_scores_recompute(session: Session):  # noqa: ANN201 - generator of problems
    """Every stored score must equal what today's scoring code computes from its answers."""
    q = select(Assessment.id, Assessment.instrument, Assessment.answers, Assessment.total)
    for aid, instrument, answers, total in session.execute(q):
        try:
            again = outcomes.score(instrument, answers).total
        except (ValueError, KeyError) as exc:
            yield f"assessment {aid} ({instrument}): answers no longer score: {exc}"
            continue
        if not math.isclose(again, total, rel_tol=1e-9, abs_tol=1e-9):
            yield f"assessment {aid} ({instrument}): stored {total} but answers give {again}"


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
