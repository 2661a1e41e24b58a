"""Everything an episode report prints, gathered from the database into plain data.

All numbers come from stored records and the same scoring and billing code the screens
use; the layout modules only arrange them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.access import Acting
from ..services.assessments import OutcomeRow, SeriesPoint, episode_series, outcome_table
from ..services.episodes import ARMS, STATUSES
from ..services.errors import NotFoundError
from ..services.flowsheet import exercise_dose_text, manual_dose_text
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

    @property
    def progressed(self) -> bool:
        return self.first_dose != self.final_dose


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
    signer_name: str = ""
    signer_credentials: str = ""
    latest_plan: str = ""


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
            rec.update(final=exercise_dose_text(ex), last_date=note.visit_date)
            rec["times"] += 1
            rec["home"] = ex.home_program  # the latest visit decides the home program
        for item in note.education:
            if item.topic.name not in education:
                education.append(item.topic.name)
    out = [Intervention(name, kind, r["first"], r["final"], r["first_date"], r["last_date"],
                        r["times"], r["home"], r["entry"].instructions, r["entry"].component,
                        r["entry"].key)
           for (kind, name), r in seen.items()]
    return out, education


def episode_report(session: Session, episode_id: int, actor: Acting | None = None) -> EpisodeReport:
    from ..services.validate import is_id

    episode = session.get(Episode, episode_id) if is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    p = episode.patient
    notes = episode_notes(session, episode_id)
    attended = [n for n in notes if n.status == "attended"]
    interventions, education = _interventions(attended)
    signed = [n for n in attended if n.signed_at is not None]
    if actor is not None:
        signer, cred = actor.full_name, actor.credentials
    elif signed:
        signer, cred = signed[-1].signature_name, signed[-1].signature_credentials
    else:
        signer, cred = "", ""
    return EpisodeReport(
        clinic=clinic(session), patient_id=p.id, patient_name=f"{p.first_name} {p.last_name}",
        first_name=p.first_name, last_name=p.last_name, dob=p.date_of_birth,
        age=age_on(p.date_of_birth, episode.discharge_date or date.today()), sex=p.sex,
        mrn=p.mrn, physician=p.referring_physician, payer=p.payer.name if p.payer else "",
        episode_id=episode.id, diagnosis=f"{episode.icd10_code} {episode.diagnosis_text}",
        arm=ARMS.get(episode.arm, episode.arm), start=episode.start_date,
        end=episode.discharge_date, status=STATUSES.get(episode.status, episode.status),
        discharge_reason=episode.discharge_reason, recommendations=episode.recommendations,
        frequency=episode.frequency, planned=episode.planned_visits, attended=len(attended),
        cancelled=sum(n.status == "cancelled" for n in notes),
        no_show=sum(n.status == "no_show" for n in notes),
        first_visit=attended[0].visit_date if attended else None,
        last_visit=attended[-1].visit_date if attended else None,
        interventions=interventions, education=education,
        outcomes=outcome_table(session, episode_id), series=episode_series(session, episode_id),
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
        signer_name=signer, signer_credentials=cred,
        latest_plan=next((n.plan for n in reversed(attended) if n.plan), ""),
    )
