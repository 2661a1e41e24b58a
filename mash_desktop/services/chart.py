"""What the open chart shows around its tabs, as plain values built inside the session.

The chart header (name, details, episode, visits used) and the forms the chart opens
(patient, episode with its eligibility screen) are read here, so the GUI never holds an
ORM object after its session closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Payer
from .documentation import EpisodeTiming
from .eligibility import ScreenResult
from .episodes import ARMS, STATUSES, active_episode, get_episode, latest_episode
from .flowsheet import Flowsheet
from .patients import PatientForm, age_on, get_patient, patient_form_values, visits_used
from .sessions import VisitSummary

HeaderExtra = Callable[[Session, int], str]
SCREEN_FIELDS = ("screened_on", "lbp_duration_months", "lbp_half_days_6mo", "lbp_intensity",
                 "body_weight_kg", "hip_ir_left", "hip_ir_right", "hip_ir_unit", "hoos_items")


def _documentation_header(session: Session, episode_id: int) -> str:
    from .documentation import header_line

    return header_line(session, episode_id)



# Lines under the episode in the chart header; features may add theirs.
HEADER_EXTRAS: list[HeaderExtra] = [_documentation_header]


@dataclass(frozen=True)
class ChartHeader:
    patient_id: int
    episode_id: int | None
    name: str              # "Last, First"
    details: str           # MRN, birth date, age, sex, payer
    episode: str           # rich text; empty without an episode
    visits_used: int = 0
    visits_planned: int = 0


def default_episode(session: Session, patient_id: int) -> int | None:
    """The episode a chart opens on: the active one, else the latest."""
    get_patient(session, patient_id)
    ep = active_episode(session, patient_id) or latest_episode(session, patient_id)
    return ep.id if ep else None


def chart_header(session: Session, patient_id: int, episode_id: int | None,
                 today: date | None = None) -> ChartHeader:
    p = get_patient(session, patient_id)
    age = age_on(p.date_of_birth, today or date.today())
    payer = f" · {p.payer.name}" if p.payer else ""
    name = f"{p.last_name}, {p.first_name}"
    details = (f"MRN {p.mrn} · born {p.date_of_birth.isoformat()} · age {age} · "
               f"{p.sex}{payer}")
    if episode_id is None:
        return ChartHeader(patient_id, None, name, details, "")
    ep = get_episode(session, episode_id)
    status = "" if ep.status == "active" else f" ({STATUSES[ep.status].lower()})"
    extras = [line for fn in HEADER_EXTRAS if (line := fn(session, ep.id))]
    text = (f"<b>{ARMS.get(ep.arm, ep.arm)} episode</b>{status} · {ep.icd10_code} "
            f"{ep.diagnosis_text} · since {ep.start_date.isoformat()}"
            + (f" · certified to {ep.cert_end.isoformat()}" if ep.cert_end else "")
            + "".join(f"<br>{x}" for x in extras))
    return ChartHeader(patient_id, ep.id, name, details, text, visits_used(session, ep.id),
                       ep.planned_visits)


def payer_names(session: Session) -> list[str]:
    return list(session.scalars(select(Payer.name).order_by(Payer.name)))


def patient_form(session: Session, patient_id: int) -> PatientForm:
    """The patient dialog's values."""
    return patient_form_values(get_patient(session, patient_id))


@dataclass(frozen=True)
class EpisodeForm:
    """The episode dialog's values: the plan of care and the eligibility screen."""

    date_of_birth: date
    plan: dict[str, Any] | None
    screen: dict[str, Any] | None


def episode_form(session: Session, patient_id: int, episode_id: int | None,
                 plan_fields: list[str]) -> EpisodeForm:
    dob = get_patient(session, patient_id).date_of_birth
    if episode_id is None:
        return EpisodeForm(dob, None, None)
    ep = get_episode(session, episode_id)
    plan = {k: getattr(ep, k) for k in plan_fields}
    if "hep_exercises" in plan_fields:   # the rows of the per-exercise frequency table
        from .home_program import program_exercises

        plan["home_exercises"] = program_exercises(session, ep)
    screen = {k: getattr(ep.screen, k) for k in SCREEN_FIELDS} if ep.screen else None
    return EpisodeForm(dob, plan, screen)


@dataclass(frozen=True)
class EpisodeRow:
    """One episode in the Episodes tab, with its eligibility screen judged."""

    id: int
    start_date: date
    arm: str
    diagnosis: str
    visits_used: int
    visits_planned: int
    cert_end: date | None
    status: str
    discharge_date: date | None
    screen: ScreenResult | None


def episode_rows(session: Session, patient_id: int) -> list[EpisodeRow]:
    """The patient's episodes, newest first."""
    from .eligibility import evaluate
    from .episodes import list_episodes

    dob = get_patient(session, patient_id).date_of_birth
    return [EpisodeRow(ep.id, ep.start_date, ARMS.get(ep.arm, ep.arm),
                       f"{ep.icd10_code} {ep.diagnosis_text}", visits_used(session, ep.id),
                       ep.planned_visits, ep.cert_end, STATUSES.get(ep.status, ep.status),
                       ep.discharge_date,
                       evaluate(ep.screen, dob, ep.screen.screened_on) if ep.screen else None)
            for ep in reversed(list_episodes(session, patient_id))]


@dataclass(frozen=True)
class SessionsView:
    """What the Sessions tab shows for an episode."""

    planned_visits: int
    visits: list[VisitSummary]      # date order
    flowsheet: Flowsheet
    timing: EpisodeTiming | None    # None once discharged


def sessions_view(session: Session, episode_id: int) -> SessionsView:
    from .documentation import episode_timing
    from .flowsheet import build_flowsheet
    from .sessions import payer_rule, visit_summaries

    episode = get_episode(session, episode_id)
    return SessionsView(
        episode.planned_visits, visit_summaries(session, episode_id, payer_rule(episode)),
        build_flowsheet(session, episode_id),
        episode_timing(session, episode) if episode.status != "discharged" else None)
