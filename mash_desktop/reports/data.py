"""Everything an episode report prints, gathered from the database into plain data.

All numbers come from stored records and the same scoring and billing code the screens
use; the layout modules only arrange them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.access import Acting
from ..services.assessments import OutcomeRow, SeriesPoint, episode_series, outcome_table
from ..services.episodes import ARMS, DISCHARGE_KINDS, STATUSES
from ..services.errors import NotFoundError
from ..services.flowsheet import exercise_dose_text, manual_dose_text
from ..services.goals import GoalProgress, goal_progress
from ..services.home_program import HomeProgram, exercise_images, plain_dose, prescription
from ..services.patients import age_on
from ..services.sessions import episode_notes
from ..services.settings import get_setting


@dataclass(frozen=True)
class Clinic:
    name: str
    address: str
    phone: str
    logo_png: bytes | None


@dataclass(frozen=True)
class Intervention:
    name: str
    kind: str            # exercise | manual_therapy
    first_dose: str
    final_dose: str
    first_date: date
    last_date: date
    times: int
    home_program: bool
    instructions: str = ""
    component: str = ""
    key: str = ""
    plain_dose: str = ""   # the final dose in plain words, for the patient's handout

    @property
    def progressed(self) -> bool:
        return self.first_dose != self.final_dose


@dataclass(frozen=True)
class Signature:
    """Who signed, with what credentials and identifiers, and the moment (UTC)."""

    name: str
    credentials: str
    licence_number: str
    npi: str
    signed_at: datetime

    @property
    def moment(self) -> str:
        return f"{self.signed_at:%Y-%m-%d %H:%M} UTC"


@dataclass
class EpisodeReport:
    clinic: Clinic
    patient_id: int
    patient_name: str
    first_name: str
    last_name: str
    dob: date
    age: int
    sex: str
    mrn: str
    physician: str
    payer: str
    episode_id: int
    diagnosis: str
    arm: str
    start: date
    end: date | None
    status: str
    discharge_reason: str
    recommendations: str
    frequency: str
    planned: int
    attended: int
    cancelled: int
    no_show: int
    first_visit: date | None
    last_visit: date | None
    interventions: list[Intervention]
    education: list[str]
    outcomes: list[OutcomeRow]
    series: dict[str, list[SeriesPoint]]
    adverse_events: list[dict[str, Any]]
    goals: list[tuple[str, str]]
    progress_reports: list[dict[str, Any]]
    visits: list[dict[str, Any]] = field(default_factory=list)
    latest_plan: str = ""
    kind: str = ""
    signature: Signature | None = None   # None: a draft
    texts: dict[str, str] = field(default_factory=dict)  # assessment, plan (at signing)
    goal_status: list[GoalProgress] = field(default_factory=list)
    home_program: HomeProgram | None = None
    period_start: date | None = None     # progress reports (BPM §220.3 D)
    period_end: date | None = None
    previous_report: date | None = None
    written_on: date = field(default_factory=date.today)
    images: dict[str, bytes] = field(default_factory=dict)  # a clinic's own HEP drawings
    discharge_kind: str = ""             # the outcome chosen at discharge, in words
    home: list[Intervention] = field(default_factory=list)  # the home program's exercises

    @property
    def draft(self) -> bool:
        return self.signature is None


def clinic(session: Session) -> Clinic:
    logo = get_setting(session, "clinic_logo")
    return Clinic(get_setting(session, "clinic_name", "") or "Physical Therapy Clinic",
                  get_setting(session, "clinic_address", "") or "",
                  get_setting(session, "clinic_phone", "") or "",
                  base64.b64decode(logo) if logo else None)


def _interventions(notes: list[Any]) -> tuple[list[Intervention], list[str]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    education: list[str] = []
    for note in notes:
        for mt in note.manual_therapy:
            key = ("manual_therapy", mt.technique.name + (f" ({mt.side})" if mt.side else ""))
            rec = seen.setdefault(key, {"first": manual_dose_text(mt), "first_date":
                                        note.visit_date, "times": 0, "home": False,
                                        "entry": mt.technique})
            rec.update(final=manual_dose_text(mt), last_date=note.visit_date)
            rec["times"] += 1
        for ex in note.exercises:
            side = ex.side if ex.side not in ("", "bilateral") else ""
            key = ("exercise", ex.exercise.name + (f" ({side})" if side else ""))
            rec = seen.setdefault(key, {"first": exercise_dose_text(ex), "first_date":
                                        note.visit_date, "times": 0, "home": False,
                                        "entry": ex.exercise})
            rec.update(final=exercise_dose_text(ex), last_date=note.visit_date,
                       plain=plain_dose(ex))
            rec["times"] += 1
            rec["home"] = ex.home_program  # the latest visit decides the home program
        for item in note.education:
            if item.topic.name not in education:
                education.append(item.topic.name)
    out = [Intervention(name, kind, r["first"], r["final"], r["first_date"], r["last_date"],
                        r["times"], r["home"], r["entry"].instructions, r["entry"].component,
                        r["entry"].key, r.get("plain", ""))
           for (kind, name), r in seen.items()]
    return out, education


def _home(session: Session, episode: Episode, done: list[Intervention]
          ) -> list[Intervention]:
    """The home program's exercises (services.home_program.program_exercises: ticked at
    their latest visit dose, or prescribed in the plan of care), each with its latest
    dose in a visit, or the catalog's starting dose when it was never done in clinic."""
    from dataclasses import replace

    from sqlalchemy import select

    from ..models import CatalogEntry
    from ..services.home_program import program_exercises

    out: list[Intervention] = []
    for key, _name in program_exercises(session, episode):
        seen = [i for i in done if i.kind == "exercise" and i.key == key]
        ticked = [i for i in seen if i.home_program] or seen[-1:]
        if ticked:
            out += [replace(i, home_program=True) for i in ticked]
            continue
        entry = session.scalar(select(CatalogEntry).where(CatalogEntry.key == key))
        if entry is None:
            continue
        dose = plain_dose(_Dose(entry.defaults or {}))
        out.append(Intervention(entry.name, "exercise", "", "", episode.start_date,
                                episode.start_date, 0, True, entry.instructions,
                                entry.component, entry.key, dose))
    return out


class _Dose:
    """A catalog entry's starting dose read like a visit's dose (plain_dose reads it)."""

    def __init__(self, defaults: dict[str, Any]) -> None:
        self.defaults = defaults

    def __getattr__(self, name: str) -> Any:
        return self.__dict__["defaults"].get(name)


def _previous_report(session: Session, episode_id: int, before: date) -> date | None:
    """The end of the last progress report period before ``before``: the due clock's own
    definition (services.documentation.last_reports), so the period printed, the chart
    header's count and the due list agree.

    Strictly before: a report whose period ends on day D covers the days up to D, so a
    report already signed for D covers the same period as another one ending on D, which
    is therefore a new version of it (services.documents supersedes it), not a next
    period of no days.
    """
    from ..services.documentation import last_reports

    return last_reports(session, [episode_id], before)[episode_id]


def report_period_end(attended_dates: list[date], written: date,
                      discharged: date | None) -> date:
    """A progress report's period ends on the last treatment day it covers: the last
    attended visit on or before the day it is written (and never after the discharge:
    documentation.md, the discharge note is the report up to discharge). With no attended
    visit yet, the day it is written."""
    limit = min(written, discharged) if discharged is not None else written
    return max((d for d in attended_dates if d <= limit), default=limit)


def episode_report(session: Session, episode_id: int, actor: Acting | None = None, *,
                   kind: str = "", signature: Signature | None = None,
                   texts: dict[str, str] | None = None, today: date | None = None
                   ) -> EpisodeReport:
    """Everything a report prints. Nothing here names a signer unless ``signature`` is
    given: a report no one signed must not look signed."""
    from ..services.validate import is_id

    episode = session.get(Episode, episode_id) if is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    p = episode.patient
    written = (signature.signed_at.date() if signature else None) or today or date.today()
    notes = episode_notes(session, episode_id)
    attended = [n for n in notes if n.status == "attended"]
    # A progress report covers the treatment days since the last report up to the last
    # one before it is written, and never past the discharge (documentation.md: the
    # discharge note is the report up to discharge; a later follow-up is never the
    # status of that period).
    period_end = written
    if kind in ("progress", "interim"):
        period_end = report_period_end([n.visit_date for n in attended], written,
                                       episode.discharge_date)
    previous = _previous_report(session, episode_id, period_end)
    period_start = previous + timedelta(days=1) if previous else episode.start_date
    interventions, education = _interventions(
        [n for n in attended if period_start <= n.visit_date <= period_end]
        if kind in ("progress", "interim") else attended)
    home = _home(session, episode, interventions if kind not in ("progress", "interim")
                 else _interventions(attended)[0])
    as_of = episode.discharge_date if kind == "discharge" else period_end
    until = period_end if kind in ("progress", "interim") else None
    return EpisodeReport(
        clinic=clinic(session), patient_id=p.id, patient_name=f"{p.first_name} {p.last_name}",
        first_name=p.first_name, last_name=p.last_name, dob=p.date_of_birth,
        age=age_on(p.date_of_birth, episode.discharge_date or date.today()), sex=p.sex,
        mrn=p.mrn, physician=p.referring_physician, payer=p.payer.name if p.payer else "",
        episode_id=episode.id, diagnosis=f"{episode.icd10_code} {episode.diagnosis_text}",
        arm=ARMS.get(episode.arm, episode.arm), start=episode.start_date,
        end=episode.discharge_date, status=STATUSES.get(episode.status, episode.status),
        discharge_reason=episode.discharge_reason, recommendations=episode.recommendations,
        discharge_kind=DISCHARGE_KINDS.get(episode.discharge_kind, episode.discharge_kind),
        frequency=episode.frequency, planned=episode.planned_visits, attended=len(attended),
        cancelled=sum(n.status == "cancelled" for n in notes),
        no_show=sum(n.status == "no_show" for n in notes),
        first_visit=attended[0].visit_date if attended else None,
        last_visit=attended[-1].visit_date if attended else None,
        interventions=interventions, education=education,
        # a progress report quotes nothing measured after its period (review of issue 12:
        # a 6-month follow-up printed as the "worsening" of an earlier period)
        outcomes=outcome_table(session, episode_id, until), series=episode_series(
            session, episode_id, until),
        adverse_events=[{"date": a.occurred_on, "description": a.description,
                         "serious": a.serious, "relatedness": a.relatedness,
                         "action": a.action} for a in episode.adverse_events],
        goals=[(g.text, g.status) for g in episode.goals],
        progress_reports=[{"date": r.report_date, "visits": r.visits_covered,
                           "summary": r.summary, "plan": r.plan}
                          for r in episode.progress_reports],
        visits=[{"date": n.visit_date, "number": n.visit_number, "status": n.status,
                 "minutes": n.total_minutes, "pain_pre": n.pain_back_pre,
                 "pain_post": n.pain_back_post, "plan": n.plan} for n in notes],
        latest_plan=next((n.plan for n in reversed(attended) if n.plan), ""),
        kind=kind, signature=signature, texts=dict(texts or {}),
        goal_status=goal_progress(session, episode_id, as_of),
        home_program=prescription(episode),
        period_start=period_start, period_end=period_end, previous_report=previous,
        written_on=written,
        images=exercise_images(session, [i.key for i in home]), home=home,
    )
