"""Episodes of care: the plan, its certification dates and its status."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Episode
from . import audit
from . import validate as v
from .access import Acting, authorize, user_id
from .errors import NotFoundError, ValidationError
from .home_program import clean_exercise_frequencies, unknown_exercises
from .patients import get_patient

ARMS = {"hip_focused": "Hip-focused", "spine_focused": "Spine-focused", "custom": "Custom"}
STATUSES = {"active": "Active", "on_hold": "On hold", "discharged": "Discharged"}
# ICD-10(-CM) code shape: letter, digit, letter/digit, then optionally "." and 1-4 characters.
ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
# CMS Benefit Policy Manual 100-02 ch. 15 §220.1.2: a certification interval is at most 90
# calendar days.
MAX_CERT_DAYS = 90
DEFAULT_PLANNED_VISITS = 16  # MASH: 2 sessions/week x 8 weeks (mash_program.md §3.1)
# The most visits one episode may plan; a count of an episode's visits (a progress report's
# visits covered) is bounded by it too.
MAX_PLANNED_VISITS = 200
PLAN_FIELDS = ["medical_icd10_code", "medical_diagnosis_text", "session_minutes",
               "sessions_per_day", "sessions_per_week", "duration_weeks", "hep_times_per_day",
               "hep_days_per_week", "hep_notes", "hep_exercises", "physician_name",
               "physician_npi",
               "cert_sent_on", "cert_signed_on", "verbal_order_on"]
EPISODE_FIELDS = ["start_date", "icd10_code", "diagnosis_text", "body_region", "arm",
                  "planned_visits", "frequency", "cert_start", "cert_end", "status",
                  "discharge_date", "discharge_reason", "discharge_kind", "recommendations",
                  "overlap_reason", *PLAN_FIELDS]
# MASH dose (mash_program.md §9): 60-minute sessions, 2 a week, for 8 weeks.
MASH_PLAN = {"session_minutes": 60, "sessions_per_day": 1, "sessions_per_week": 2,
             "duration_weeks": 8}
NPI = re.compile(r"^[0-9]{10}$")
# Why the episode ended, as a choice (the free-text reason says more). "Goals met" is
# structural: it needs every long-term goal's status to be met (services.goals).
DISCHARGE_KINDS = {"goals_met": "Goals met", "course_completed": "Course completed",
                   "plateau": "No further progress expected",
                   "patient_choice": "Patient's choice",
                   "medical": "Medical reason or referred on", "other": "Other"}


def normalise_icd10(code: str) -> str:
    code = code.strip().upper()
    if len(code) > 3 and "." not in code:
        code = code[:3] + "." + code[3:]
    return code


def check_icd10(out: dict[str, Any], code_key: str, text_key: str, e: v.Errors) -> None:
    """One rule for every ICD-10-CM code of an episode (the treatment diagnosis and the
    physician's medical diagnosis alike): a billable code of the maintained code set, its
    description filled in from the code set when left empty."""
    code = out[code_key]
    if not code or code_key in e:
        return
    out[code_key] = code = normalise_icd10(code)
    if not ICD10.match(code):
        e[code_key] = "is not an ICD-10 code (e.g. M54.50 or M16.11)"
        return
    from .icd10 import lookup, problem

    why = problem(code)
    if why is not None:
        e[code_key] = why
    elif not out[text_key]:
        found = lookup(code)
        out[text_key] = found.description if found else ""


def planned_visits_problem(per_week: int | None, weeks: int | None,
                           planned: int | None) -> str:
    """Why a plan's frequency x duration is not its planned visits ("2 times a week for 8
    weeks is 16 visits, not 12"), or "" when they agree. The plan of care states all three
    (BPM ch. 15 §220.1.2: frequency and duration); a plan that contradicts itself is
    refused where it is entered, not first when the plan-of-care document is signed."""
    if per_week is None or weeks is None or planned is None:
        return ""
    visits = per_week * weeks
    if visits == planned:
        return ""
    times = "1 time" if per_week == 1 else f"{per_week} times"
    return (f"{times} a week for {weeks} week{'s' if weeks != 1 else ''} is {visits} "
            f"visit{'s' if visits != 1 else ''}, not {planned}")


def clean_episode(data: dict[str, Any], dob: date | None = None) -> dict[str, Any]:
    e: v.Errors = {}
    out: dict[str, Any] = {
        "start_date": v.parse_date(data.get("start_date"), "start_date", e),
        "icd10_code": v.text(data.get("icd10_code"), "icd10_code", e, required=True, max_len=10),
        "diagnosis_text": v.text(data.get("diagnosis_text"), "diagnosis_text", e,
                                 max_len=300),
        "body_region": v.text(data.get("body_region") or "lumbar spine and hip", "body_region",
                              e, max_len=40),
        "arm": v.choice(data.get("arm"), "arm", e, ARMS),
        "planned_visits": v.number(
            DEFAULT_PLANNED_VISITS if data.get("planned_visits") in (None, "")
            else data.get("planned_visits"),
            "planned_visits", e, lo=1, hi=MAX_PLANNED_VISITS, integer=True),
        "frequency": v.text(data.get("frequency") or "2x/week for 8 weeks", "frequency", e,
                            max_len=60),
        "cert_start": v.parse_date(data.get("cert_start"), "cert_start", e, required=False),
        "cert_end": v.parse_date(data.get("cert_end"), "cert_end", e, required=False),
        "status": v.choice(data.get("status") or "active", "status", e, STATUSES),
        "discharge_date": v.parse_date(data.get("discharge_date"), "discharge_date", e,
                                       required=False),
        "discharge_reason": v.text(data.get("discharge_reason"), "discharge_reason", e,
                                   max_len=2000, multiline=True),
        "discharge_kind": v.choice(data.get("discharge_kind") or "", "discharge_kind", e,
                                   DISCHARGE_KINDS, required=False),
        "recommendations": v.text(data.get("recommendations"), "recommendations", e,
                                  max_len=5000, multiline=True),
    }
    out.update(clean_plan(data, e))
    why = planned_visits_problem(out["sessions_per_week"], out["duration_weeks"],
                                 out["planned_visits"])
    if why and not {"planned_visits", "sessions_per_week", "duration_weeks"} & set(e):
        e["planned_visits"] = why
    out["overlap_reason"] = v.text(data.get("overlap_reason"), "overlap_reason", e,
                                   max_len=2000, multiline=True)
    check_icd10(out, "icd10_code", "diagnosis_text", e)
    if not out["diagnosis_text"] and "icd10_code" in e and "diagnosis_text" not in e:
        e["diagnosis_text"] = "is required (or give a valid ICD-10-CM code to fill it in)"
    start, cs, ce = out["start_date"], out["cert_start"], out["cert_end"]
    if start and dob and start < dob:
        e["start_date"] = "is before the patient's date of birth"
    if start and start > date.today() + timedelta(days=366):
        e["start_date"] = "is more than a year in the future"
    if cs and ce:
        if ce <= cs:
            e["cert_end"] = "must be after the certification start"
        elif (ce - cs).days + 1 > MAX_CERT_DAYS:
            e["cert_end"] = (f"certification covers at most {MAX_CERT_DAYS} days "
                             "(CMS 100-02 ch. 15 §220.1.2); recertify for longer")
    elif ce and not cs:
        e["cert_start"] = "is required when a certification end is given"
    if cs and start and cs < start:
        e["cert_start"] = "is before the episode start"
    dd = out["discharge_date"]
    if out["status"] == "discharged":
        if dd is None:
            e["discharge_date"] = "is required to discharge"
        if not out["discharge_reason"]:
            e["discharge_reason"] = "is required to discharge"
    elif dd is not None:
        e["discharge_date"] = "only a discharged episode has a discharge date"
    if out["discharge_kind"] and out["status"] != "discharged" and "status" not in e:
        e["discharge_kind"] = "only a discharged episode has a discharge outcome"
    if dd and start and dd < start:
        e["discharge_date"] = "is before the episode start"
    if e:
        raise ValidationError(e)
    return out


def _npi_ok(npi: str) -> bool:
    """NPI check digit: Luhn over the prefix 80840 and the first nine digits (CMS NPI rule)."""
    digits = [int(c) for c in "80840" + npi]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return total % 10 == 0


def clean_plan(data: dict[str, Any], e: v.Errors) -> dict[str, Any]:
    """Plan-of-care fields (BPM ch. 15 §220.1.2) with the MASH dose as the default."""
    def count(key: str, lo: int, hi: int, unit: str = "") -> Any:
        raw = data.get(key)
        return v.number(MASH_PLAN.get(key) if raw in (None, "") else raw, key, e, lo=lo, hi=hi,
                        integer=True, unit=unit)

    out: dict[str, Any] = {
        "medical_icd10_code": v.text(data.get("medical_icd10_code"), "medical_icd10_code", e,
                                     max_len=10),
        "medical_diagnosis_text": v.text(data.get("medical_diagnosis_text"),
                                         "medical_diagnosis_text", e, max_len=300),
        "session_minutes": count("session_minutes", 10, 180, "minutes"),
        "sessions_per_day": count("sessions_per_day", 1, 3),
        "sessions_per_week": count("sessions_per_week", 1, 7),
        # up to two years: a maintenance course (recertified every 90 days) runs long
        "duration_weeks": count("duration_weeks", 1, 104, "weeks"),
        "hep_times_per_day": v.number(data.get("hep_times_per_day"), "hep_times_per_day", e,
                                      lo=1, hi=4, integer=True),
        "hep_days_per_week": v.number(data.get("hep_days_per_week"), "hep_days_per_week", e,
                                      lo=1, hi=7, integer=True),
        "hep_notes": v.text(data.get("hep_notes"), "hep_notes", e, max_len=2000,
                            multiline=True),
        "hep_exercises": clean_exercise_frequencies(data.get("hep_exercises"), e),
        "physician_name": v.text(data.get("physician_name"), "physician_name", e, max_len=200),
        "physician_npi": v.text(data.get("physician_npi"), "physician_npi", e, max_len=10),
        "cert_sent_on": v.parse_date(data.get("cert_sent_on"), "cert_sent_on", e,
                                     required=False),
        "cert_signed_on": v.parse_date(data.get("cert_signed_on"), "cert_signed_on", e,
                                       required=False),
        "verbal_order_on": v.parse_date(data.get("verbal_order_on"), "verbal_order_on", e,
                                        required=False),
    }
    check_icd10(out, "medical_icd10_code", "medical_diagnosis_text", e)
    npi = out["physician_npi"]
    if npi and "physician_npi" not in e and not (NPI.match(npi) and _npi_ok(npi)):
        e["physician_npi"] = "is not a valid 10-digit NPI (check digit does not match)"
    if out["hep_times_per_day"] is not None and out["hep_days_per_week"] is None \
            and "hep_days_per_week" not in e:
        e["hep_days_per_week"] = "is required with the home program's times per day"
    if out["hep_days_per_week"] is not None and out["hep_times_per_day"] is None:
        out["hep_times_per_day"] = 1
    if out["hep_exercises"] and out["hep_days_per_week"] is None \
            and "hep_days_per_week" not in e:
        e["hep_days_per_week"] = ("is required: the program's frequency is the default for "
                                  "the exercises without their own")
    sent, signed = out["cert_sent_on"], out["cert_signed_on"]
    if sent and signed and signed < sent:
        e["cert_signed_on"] = "is before the plan was sent to the physician"
    if (signed or out["verbal_order_on"]) and not out["physician_name"] \
            and "physician_name" not in e:
        e["physician_name"] = "name the physician who certified the plan"
    today = date.today()
    for key in ("cert_sent_on", "cert_signed_on", "verbal_order_on"):
        if out[key] and out[key] > today:
            e[key] = "is in the future"
    return out


def _refuse_overlap(session: Session, patient_id: int, clean: dict[str, Any],
                    episode_id: int | None) -> None:
    """A second open episode for the same patient needs a stated reason."""
    if clean["status"] == "discharged" or clean["overlap_reason"]:
        return
    q = select(Episode.id, Episode.start_date).where(Episode.patient_id == patient_id,
                                                     Episode.status != "discharged")
    if episode_id is not None:
        q = q.where(Episode.id != episode_id)
    other = session.execute(q.limit(1)).first()
    if other is not None:
        raise ValidationError({"overlap_reason": (
            f"the patient already has an open episode (episode {other[0]}, started "
            f"{other[1].isoformat()}); discharge it, or give the reason for a second one")})


def create_episode(session: Session, patient_id: int, data: dict[str, Any],
                   actor: Acting | None = None, *, check_goals: bool = True) -> Episode:
    actor = authorize(session, actor, "write_chart")
    patient = get_patient(session, patient_id, actor)
    clean = clean_episode(data, patient.date_of_birth)
    if clean["status"] == "discharged":
        authorize(session, actor, "discharge")
    _refuse_unknown_exercises(session, clean)
    _refuse_overlap(session, patient.id, clean, None)
    episode = Episode(patient=patient, **clean)
    episode.therapist_id = user_id(actor)
    session.add(episode)
    session.flush()
    audit.record(session, actor, "create", "episode", episode.id, patient_id=patient.id,
                 changes={k: [None, audit._plain(x)] for k, x in clean.items()})
    if check_goals:
        refuse_unmet_goals(session, episode)
    return episode


def get_episode(session: Session, episode_id: int, actor: Acting | None = None) -> Episode:
    authorize(session, actor, "read_chart")
    episode = session.get(Episode, episode_id) if v.is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    return episode


def _refuse_unknown_exercises(session: Session, clean: dict[str, Any]) -> None:
    unknown = unknown_exercises(session, list(clean.get("hep_exercises") or {}))
    if unknown:
        raise ValidationError({f"hep_exercises.{k}": "is not an exercise in the catalog"
                               for k in unknown})


def refuse_unmet_goals(session: Session, episode: Episode) -> None:
    """'Goals met' as the discharge outcome needs every long-term goal's status met."""
    if episode.discharge_kind != "goals_met":
        return
    from .goals import goals_met_refusal

    why = goals_met_refusal(session, episode.id)
    if why:
        raise ValidationError({"discharge_kind": f"cannot be 'goals met': {why}"})


def update_episode(session: Session, episode_id: int, data: dict[str, Any],
                   actor: Acting | None = None, *, check_goals: bool = True) -> Episode:
    """Change an episode. ``check_goals=False`` leaves the 'goals met' rule to a caller
    that saves the goals in the same transaction (and checks after them)."""
    actor = authorize(session, actor, "write_chart")
    episode = get_episode(session, episode_id, actor)
    before = audit.snapshot(episode, EPISODE_FIELDS)
    clean = clean_episode({**before, **data}, episode.patient.date_of_birth)
    if (clean["status"] == "discharged") != (before["status"] == "discharged") or (
            clean["status"] == "discharged" and any(
                audit._plain(clean[k]) != before.get(k) for k in (
                    "discharge_date", "discharge_reason", "discharge_kind"))):
        authorize(session, actor, "discharge")  # discharging (or undoing it) is the PT's
    _refuse_unknown_exercises(session, clean)
    _refuse_overlap(session, episode.patient_id, clean, episode.id)
    for k, x in clean.items():
        setattr(episode, k, x)
    session.flush()
    if check_goals:
        refuse_unmet_goals(session, episode)
    changes = audit.diff(before, audit.snapshot(episode, EPISODE_FIELDS))
    if changes:
        action = "discharge" if "status" in changes and clean["status"] == "discharged" \
            else "update"
        audit.record(session, actor, action, "episode", episode.id,
                     patient_id=episode.patient_id, changes=changes)
    return episode


def active_episode(session: Session, patient_id: int) -> Episode | None:
    authorize(session, None, "read_chart")
    q = (select(Episode).where(Episode.patient_id == patient_id, Episode.status != "discharged")
         .order_by(Episode.start_date.desc(), Episode.id.desc()).limit(1))
    return session.scalar(q)


def latest_episode(session: Session, patient_id: int) -> Episode | None:
    authorize(session, None, "read_chart")
    q = (select(Episode).where(Episode.patient_id == patient_id)
         .order_by(Episode.start_date.desc(), Episode.id.desc()).limit(1))
    return session.scalar(q)


def list_episodes(session: Session, patient_id: int | None = None,
                  actor: Acting | None = None) -> list[Episode]:
    authorize(session, actor, "read_chart")
    q = select(Episode).order_by(Episode.patient_id, Episode.start_date, Episode.id)
    if patient_id is not None:
        q = q.where(Episode.patient_id == patient_id)
    return list(session.scalars(q))


def save_episode(session: Session, patient_id: int, episode_id: int | None,
                 plan: dict[str, Any], screen: dict[str, Any] | None,
                 actor: Acting | None = None, *, check_goals: bool = True) -> Episode:
    """Create or update an episode and its eligibility screen as one unit.

    Both parts are validated before anything is kept, and every message from either
    part is reported together, so the form can mark all bad fields at once. The
    caller's transaction makes the pair all-or-nothing.
    """
    from .eligibility import clean_screen, save_screen

    errors: dict[str, str] = {}
    episode: Episode | None = None
    try:
        if episode_id is None:
            episode = create_episode(session, patient_id, plan, actor,
                                     check_goals=check_goals)
        else:
            episode = update_episode(session, episode_id, plan, actor,
                                     check_goals=check_goals)
    except ValidationError as exc:
        errors.update(exc.errors)
    if screen is not None:
        try:
            if episode is None:
                clean_screen(screen)
            else:
                save_screen(session, episode, screen, actor)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors or episode is None:
        raise ValidationError(errors)
    return episode
