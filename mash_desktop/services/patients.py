"""Patient chart rules: what a valid patient is, creating, editing and finding patients."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypedDict, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Episode, Patient, Payer, VisitNote
from . import audit
from . import validate as v
from .access import Acting, authorize
from .errors import NotFoundError, ValidationError

SEXES = {"female": "Female", "male": "Male", "other": "Other", "unknown": "Unknown"}
BILLING_RULES = {"medicare": "Medicare 8-minute rule (total time)",
                 "per_code": "AMA/CPT midpoint rule (per code)"}
MAX_AGE = 120
_MRN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()./ x-]*$")

PATIENT_FIELDS = ["mrn", "first_name", "last_name", "date_of_birth", "sex", "phone", "email",
                  "address", "referring_physician", "payer", "member_id", "notes"]


class PatientForm(TypedDict, total=False):
    """A patient's editable fields as a form, the CLI or an import hands them in: text as
    typed (the date of birth as ISO text or a date), checked by :func:`clean_patient`.
    Any field left out counts as empty; ``patient_form_values`` returns every field."""

    mrn: str
    first_name: str
    last_name: str
    date_of_birth: str | date | None
    sex: str | None
    phone: str | None
    email: str | None
    address: str | None
    referring_physician: str | None
    payer: str | None
    member_id: str | None
    notes: str | None


class CleanPatient(TypedDict):
    """A patient's fields after :func:`clean_patient`: trimmed text, a real date."""

    mrn: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: str | None
    phone: str
    email: str
    address: str
    referring_physician: str
    payer: str
    member_id: str
    notes: str


def age_on(dob: date, on: date) -> int:
    """Completed years of age on a day (birthday counted on the day itself)."""
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def clean_patient(data: PatientForm, today: date | None = None) -> CleanPatient:
    """Validate raw patient fields; returns clean values or raises ValidationError."""
    today = today or date.today()
    e: v.Errors = {}
    out: CleanPatient = {
        "mrn": v.text(data.get("mrn"), "mrn", e, required=True, max_len=40),
        "first_name": v.name(data.get("first_name"), "first_name", e, required=True, max_len=100),
        "last_name": v.name(data.get("last_name"), "last_name", e, required=True, max_len=100),
        "date_of_birth": v.parse_date(data.get("date_of_birth"), "date_of_birth", e),
        "sex": v.choice(data.get("sex"), "sex", e, SEXES),
        "phone": v.text(data.get("phone"), "phone", e, max_len=40),
        "email": v.text(data.get("email"), "email", e, max_len=200),
        "address": v.text(data.get("address"), "address", e, max_len=500, multiline=True),
        "referring_physician": v.name(data.get("referring_physician"), "referring_physician", e),
        "payer": v.text(data.get("payer"), "payer", e, max_len=120),
        "member_id": v.text(data.get("member_id"), "member_id", e, max_len=60),
        "notes": v.text(data.get("notes"), "notes", e, max_len=5000, multiline=True),
    }
    if out["mrn"] and "mrn" not in e and not _MRN.match(out["mrn"]):
        e["mrn"] = "may hold only letters, digits and . _ / -"
    if out["email"] and "email" not in e and not _EMAIL.match(out["email"]):
        e["email"] = "is not an e-mail address"
    if out["phone"] and "phone" not in e and not _PHONE.match(out["phone"]):
        e["phone"] = "may hold only digits, spaces and + ( ) - ."
    dob = out["date_of_birth"]
    if dob is not None:
        if dob > today:
            e["date_of_birth"] = "is in the future"
        elif age_on(dob, today) > MAX_AGE:
            e["date_of_birth"] = f"gives an age over {MAX_AGE} years"
    if e:
        raise ValidationError(e)
    return out


def _payer(session: Session, name: str) -> Payer | None:
    if not name:
        return None
    payer = session.scalar(select(Payer).where(Payer.name == name))
    if payer is None:
        payer = Payer(name=name, billing_rule="medicare")
        session.add(payer)
        session.flush()
    return payer


def _check_unique_mrn(session: Session, mrn: str, own_id: int | None) -> None:
    q = select(Patient.id).where(func.lower(Patient.mrn) == mrn.lower())
    other = session.scalar(q)
    if other is not None and other != own_id:
        raise ValidationError({"mrn": f"{mrn} is already used by another patient"})


def _apply(patient: Patient, session: Session, clean: CleanPatient) -> None:
    for key, value in clean.items():
        if key != "payer":
            setattr(patient, key, value)
    patient.payer = _payer(session, clean["payer"])


def create_patient(session: Session, data: PatientForm, actor: Acting | None = None) -> Patient:
    actor = authorize(session, actor, "write_chart")
    clean = clean_patient(data)
    _check_unique_mrn(session, clean["mrn"], None)
    patient = Patient()
    _apply(patient, session, clean)
    session.add(patient)
    session.flush()
    audit.record(session, actor, "create", "patient", patient.id, patient_id=patient.id,
                 changes={k: [None, audit._plain(val)] for k, val in clean.items()})
    return patient


def get_patient(session: Session, patient_id: int, actor: Acting | None = None) -> Patient:
    authorize(session, actor, "read_chart")
    patient = session.get(Patient, patient_id) if v.is_id(patient_id) else None
    if patient is None:
        raise NotFoundError(f"No patient with id {patient_id}")
    return patient


def open_chart(session: Session, patient_id: int, actor: Acting | None = None) -> Patient:
    """Open a whole chart for reading; the audit trail records who looked, and when."""
    actor = authorize(session, actor, "read_chart")
    patient = get_patient(session, patient_id, actor)
    audit.record(session, actor, "view", "patient", patient.id, patient_id=patient.id)
    return patient


def patient_form_values(patient: Patient) -> PatientForm:
    """The editable fields of a patient, as the forms and exports see them."""
    values = audit.snapshot(patient, [f for f in PATIENT_FIELDS if f != "payer"])
    values["payer"] = patient.payer.name if patient.payer else ""
    return cast(PatientForm, values)  # the snapshot holds exactly PATIENT_FIELDS


def update_patient(session: Session, patient_id: int, data: PatientForm,
                   actor: Acting | None = None) -> Patient:
    actor = authorize(session, actor, "write_chart")
    patient = get_patient(session, patient_id, actor)
    before = patient_form_values(patient)
    merged: PatientForm = {**before, **data}
    clean = clean_patient(merged)
    _check_unique_mrn(session, clean["mrn"], patient.id)
    _apply(patient, session, clean)
    session.flush()
    changes = audit.diff(dict(before), {k: audit._plain(x) for k, x in clean.items()})
    if changes:
        audit.record(session, actor, "update", "patient", patient.id, patient_id=patient.id,
                     changes=changes)
    return patient


@dataclass(frozen=True)
class PatientRow:
    """What the patient list shows: one flat, cheap row per patient."""

    id: int
    mrn: str
    last_name: str
    first_name: str
    date_of_birth: date
    sex: str
    active_episode: str

    @property
    def name(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    def age(self, today: date | None = None) -> int:
        return age_on(self.date_of_birth, today or date.today())

    def search_text(self) -> str:
        dob = self.date_of_birth
        return " ".join([
            self.first_name, self.last_name, self.mrn, dob.isoformat(),
            f"{dob.month:02d}/{dob.day:02d}/{dob.year}", f"{dob.month}/{dob.day}/{dob.year}",
        ]).casefold()


def patient_rows(session: Session, actor: Acting | None = None) -> list[PatientRow]:
    """All patients, sorted by name, in one query (no per-row lazy loads)."""
    authorize(session, actor, "read_chart")
    active = (
        select(Episode.patient_id, func.max(Episode.arm).label("arm"))
        .where(Episode.status == "active").group_by(Episode.patient_id).subquery()
    )
    q = (
        select(Patient.id, Patient.mrn, Patient.last_name, Patient.first_name,
               Patient.date_of_birth, Patient.sex, active.c.arm)
        .outerjoin(active, active.c.patient_id == Patient.id)
        .order_by(func.lower(Patient.last_name), func.lower(Patient.first_name), Patient.id)
    )
    return [PatientRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "") for r in session.execute(q)]


def matches(row: PatientRow, query: str) -> bool:
    """Every word of the query must appear in the name, MRN or date of birth."""
    hay = row.search_text()
    return all(word in hay for word in query.casefold().split())


def search_patients(session: Session, query: str,
                    actor: Acting | None = None) -> list[PatientRow]:
    return [r for r in patient_rows(session, actor) if matches(r, query)]


def visits_used(session: Session, episode_id: int) -> int:
    """Attended visits so far in an episode."""
    q = select(func.count(VisitNote.id)).where(
        VisitNote.episode_id == episode_id, VisitNote.status == "attended")
    return session.scalar(q) or 0
