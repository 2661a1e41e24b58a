"""The plan of care and its physician certification (BPM ch. 15 §220.1.2–220.1.3).

The plan's content lives on the episode (diagnoses, type/amount/frequency/duration, the
home program prescription, the certification block) and in its goals; this module reads it
as one plain value for screens and the printed plan, and works out the certification's
status and due dates (instruments_billing.md §11):

- the initial certification is timely when the physician signs and dates the plan, or
  gives a verbal order, **within 30 days after the first day of treatment** (the
  evaluation included): due on first day + 30;
- a verbal order must be followed by the physician's signature **within 14 days**:
  due on the order's date + 14;
- a certification interval covers at most 90 calendar days counted inclusively
  (cert_start + 89 is its last day); treatment past it needs a recertification, due by
  that last day.

Dates on the due date itself are on time; the day after is late.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, Episode, VisitNote
from .episodes import ARMS, get_episode
from .evaluation import rom_directions, screen_result, strength_rows
from .goals import GoalProgress, goal_progress
from .home_program import frequency_words, prescription, program_exercises

INITIAL_CERT_DAYS = 30      # BPM §220.1.3: signed within 30 days of the first treatment day
VERBAL_ORDER_DAYS = 14      # a verbal order is signed within 14 days
CERT_INTERVAL_DAYS = 90     # at most 90 calendar days, counted inclusively
CERT_REMIND_DAYS = 7


@dataclass(frozen=True)
class Certification:
    """Where the plan's certification stands on a given day."""

    state: str          # certified | certified_late | verbal_order | awaiting | overdue
    label: str          # words for the chart header and the printed plan
    due: date | None    # the date the next step is due (None once certified)
    first_day: date     # first day of treatment (evaluation included)
    interval_end: date  # last day of the certified interval (recertify by then)

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


def first_treatment_day(session: Session, episode: Episode) -> date:
    first = session.scalar(select(VisitNote.visit_date).where(
        VisitNote.episode_id == episode.id, VisitNote.status == "attended")
        .order_by(VisitNote.visit_date).limit(1))
    return first or episode.start_date


def interval_end(episode: Episode) -> date:
    start = episode.cert_start or episode.start_date
    return episode.cert_end or start + timedelta(days=CERT_INTERVAL_DAYS - 1)


def certification(session: Session, episode: Episode, today: date | None = None,
                  first_day: date | None = None) -> Certification:
    """``first_day``: the first treatment day when the caller already knows it (lists)."""
    today = today or date.today()
    first = first_day or first_treatment_day(session, episode)
    due = first + timedelta(days=INITIAL_CERT_DAYS)
    end = interval_end(episode)
    signed, verbal = episode.cert_signed_on, episode.verbal_order_on
    if signed is not None:
        timely = signed <= due or (verbal is not None and verbal <= due
                                   and signed <= verbal + timedelta(days=VERBAL_ORDER_DAYS))
        return Certification("certified" if timely else "certified_late",
                             f"certified by {episode.physician_name or 'the physician'} on "
                             f"{signed.isoformat()}" + ("" if timely else " (late)"),
                             None, first, end)
    if verbal is not None:
        sign_by = verbal + timedelta(days=VERBAL_ORDER_DAYS)
        if today > sign_by:
            return Certification("overdue", f"verbal order of {verbal.isoformat()}: physician "
                                 f"signature overdue since {sign_by.isoformat()}", sign_by,
                                 first, end)
        return Certification("verbal_order", f"verbal order of {verbal.isoformat()}; physician "
                             f"signature due by {sign_by.isoformat()}", sign_by, first, end)
    if today > due:
        return Certification("overdue", f"initial certification overdue since "
                             f"{due.isoformat()}", due, first, end)
    sent = episode.cert_sent_on
    return Certification("awaiting", ("sent " + sent.isoformat() + "; " if sent else
                                      "not yet sent; ") + f"signature due by {due.isoformat()}",
                         due, first, end)


@dataclass(frozen=True)
class PlanOfCare:
    """Everything the printed plan shows, as plain values."""

    episode_id: int
    treatment_diagnosis: str
    medical_diagnosis: str
    arm: str
    session_minutes: int
    sessions_per_day: int
    sessions_per_week: int
    duration_weeks: int
    planned_visits: int
    interventions: list[tuple[str, list[str]]]  # (component, entry names) for the arm
    home_program: list[str]
    home_frequency: str
    home_notes: str
    long_goals: list[GoalProgress]
    short_goals: list[GoalProgress]
    evaluation_date: date | None
    established_by: str             # signer of the evaluation, with credentials
    established_on: date | None     # the moment the evaluation was signed (date)
    impairments: str
    rehab_potential: str
    screen_yes: list[str]
    screen_missing: list[str]
    screen_override: str  # why MASH all the same, when an item is present
    strength: list[tuple[str, str, float, float | None]]
    rom: list[tuple[str, str, float]]
    physician_name: str
    physician_npi: str
    cert_start: date
    cert_end: date
    cert_sent_on: date | None
    cert_signed_on: date | None
    verbal_order_on: date | None
    certification: Certification
    extras: dict[str, Any] = field(default_factory=dict)


def home_frequency(episode: Episode) -> str:
    """The home program's frequency in words, as the plan prints it ("once a day, 5 days
    a week"; services.home_program writes it)."""
    words = frequency_words(episode.hep_times_per_day, episode.hep_days_per_week)
    return words[:1].lower() + words[1:]


def plan_of_care(session: Session, episode_id: int, today: date | None = None) -> PlanOfCare:
    episode = get_episode(session, episode_id)
    evaluation = session.scalar(select(VisitNote).where(
        VisitNote.episode_id == episode.id, VisitNote.note_type == "evaluation")
        .order_by(VisitNote.visit_date, VisitNote.id).limit(1))
    ev = (evaluation.evaluation or {}) if evaluation is not None else {}
    entries = session.scalars(select(CatalogEntry).where(
        CatalogEntry.retired.is_(False), CatalogEntry.kind != "education")
        .order_by(CatalogEntry.kind, CatalogEntry.component, CatalogEntry.name))
    by_component: dict[str, list[str]] = {}
    for entry in entries:
        if episode.arm in (entry.arms or []):
            by_component.setdefault(entry.component or entry.kind, []).append(entry.name)
    hp = prescription(episode)
    home = []
    for key, name in program_exercises(session, episode):  # the one home-program rule
        own = hp.own_frequency(key)
        home.append(name + (f" ({own[:1].lower()}{own[1:]})" if own else ""))
    progress = goal_progress(session, episode.id)
    yes, missing = screen_result(ev) if ev else ([], [])
    rom_labels = rom_directions()
    rom = [(rom_labels[d]["label"], side, x) for d in rom_labels
           for side, x in sorted((ev.get("hip_rom") or {}).get(d, {}).items())]
    signed = evaluation is not None and evaluation.signed_at is not None
    return PlanOfCare(
        episode_id=episode.id,
        treatment_diagnosis=f"{episode.icd10_code} {episode.diagnosis_text}",
        medical_diagnosis=(f"{episode.medical_icd10_code} {episode.medical_diagnosis_text}"
                           if episode.medical_icd10_code else ""),
        arm=ARMS.get(episode.arm, episode.arm),
        session_minutes=episode.session_minutes, sessions_per_day=episode.sessions_per_day,
        sessions_per_week=episode.sessions_per_week, duration_weeks=episode.duration_weeks,
        planned_visits=episode.planned_visits,
        interventions=sorted(by_component.items()),
        home_program=home, home_frequency=home_frequency(episode), home_notes=episode.hep_notes,
        long_goals=[p for p in progress if p.term == "long"],
        short_goals=[p for p in progress if p.term == "short"],
        evaluation_date=evaluation.visit_date if evaluation is not None else None,
        established_by=(f"{evaluation.signature_name}, {evaluation.signature_credentials}"
                        if signed and evaluation is not None else ""),
        established_on=(evaluation.signed_at.date() if signed and evaluation is not None
                        and evaluation.signed_at else None),
        impairments=ev.get("impairments", ""), rehab_potential=ev.get("rehab_potential", ""),
        screen_yes=yes, screen_missing=missing if ev else [],
        screen_override=(ev.get("exclusion_override") or "") if yes else "",
        strength=[(r.label, r.side, r.kgf, r.per_kg) for r in strength_rows(ev)],
        rom=rom,
        physician_name=episode.physician_name or episode.patient.referring_physician,
        physician_npi=episode.physician_npi,
        cert_start=episode.cert_start or episode.start_date, cert_end=interval_end(episode),
        cert_sent_on=episode.cert_sent_on, cert_signed_on=episode.cert_signed_on,
        verbal_order_on=episode.verbal_order_on,
        certification=certification(session, episode, today),
    )
