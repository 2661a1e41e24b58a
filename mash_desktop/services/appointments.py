"""The day's appointment list: the PT's own plan of who comes when.

An appointment is a plan, not a record of care: time, patient (and episode), status. The
PT adds, moves, marks and removes them on the Today screen; every change is audited and
checked here, so the GUI, the CLI and an import follow the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Appointment, Episode, Patient
from . import audit
from . import validate as v
from .access import Acting, authorize
from .concurrency import check_version, lock_for_update, stale_is_conflict
from .errors import NotFoundError, ValidationError

STATUSES = {"planned": "Planned", "arrived": "Arrived", "done": "Seen",
            "cancelled": "Cancelled", "no_show": "No-show"}


@dataclass(frozen=True)
class AppointmentRow:
    """One appointment as the Today screen shows it."""

    id: int
    day: date
    start_time: time | None
    patient_id: int
    episode_id: int | None
    clinician_id: int | None
    status: str
    note: str
    version: int = 1  # what a later change passes back as ``expected_version``

    def shown(self) -> dict[str, Any]:
        """The changeable values as a screen showed them (``opened`` of a later change)."""
        return {"start_time": audit._plain(self.start_time), "status": self.status,
                "note": self.note}


def _row(a: Appointment) -> AppointmentRow:
    return AppointmentRow(a.id, a.day, a.start_time, a.patient_id, a.episode_id,
                          a.clinician_id, a.status, a.note, a.version or 1)


def _clean(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    e: v.Errors = {}
    out: dict[str, Any] = {
        "day": v.parse_date(data.get("day"), "day", e),
        "start_time": v.parse_time(data.get("start_time"), "start_time", e),
        "status": v.choice(data.get("status") or "planned", "status", e, STATUSES),
        "note": v.text(data.get("note"), "note", e, max_len=200),
    }
    pid = data.get("patient_id")
    if not v.is_id(pid) or session.get(Patient, pid) is None:
        e["patient_id"] = "choose a patient"
    out["patient_id"] = pid
    eid = data.get("episode_id")
    if eid is not None:
        ep = session.get(Episode, eid) if v.is_id(eid) else None
        if ep is None or ep.patient_id != pid:
            e["episode_id"] = "is not an episode of this patient"
    out["episode_id"] = eid
    if e:
        raise ValidationError(e)
    return out


def add_appointment(session: Session, data: dict[str, Any], actor: Acting | None = None,
                    ) -> AppointmentRow:
    """Put a patient on a day's list (for the signed-in clinician unless another is named).

    A patient is on a day's list once: a second appointment at the same time is refused.
    The patient's row is locked first, so two workstations adding the same appointment
    at once queue up and the second sees the first.
    """
    actor = authorize(session, actor, "write_chart")
    clean = _clean(session, data)
    lock_for_update(session, Patient, clean["patient_id"])
    if clean["episode_id"] is None:
        clean["episode_id"] = session.scalar(
            select(Episode.id).where(Episode.patient_id == clean["patient_id"],
                                     Episode.status == "active")
            .order_by(Episode.start_date.desc()).limit(1))
    clinician = data.get("clinician_id", actor.id if actor is not None else None)
    same = session.scalar(select(Appointment.id).where(
        Appointment.day == clean["day"], Appointment.patient_id == clean["patient_id"],
        Appointment.start_time.is_(None) if clean["start_time"] is None
        else Appointment.start_time == clean["start_time"]))
    if same is not None:
        raise ValidationError({"start_time": "this patient already has an appointment then"})
    row = Appointment(**clean, clinician_id=clinician)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "appointment", row.id,
                 patient_id=row.patient_id,
                 changes={"day": [None, row.day.isoformat()], "status": [None, row.status]})
    return _row(row)


def _get(session: Session, appointment_id: int) -> Appointment:
    row = session.get(Appointment, appointment_id) if v.is_id(appointment_id) else None
    if row is None:
        raise NotFoundError(f"No appointment with id {appointment_id}")
    return row


def update_appointment(session: Session, appointment_id: int, changes: dict[str, Any],
                       actor: Acting | None = None, *,
                       expected_version: int | None = None,
                       opened: Mapping[str, Any] | None = None) -> AppointmentRow:
    """Move an appointment (time) or mark it (status, note).

    ``expected_version``/``opened``: the version and values the screen showed; a change
    over another workstation's newer one is refused (ConflictError naming what they
    changed).
    """
    actor = authorize(session, actor, "write_chart")
    row = _get(session, appointment_id)
    before = audit.snapshot(row, ["start_time", "status", "note"])
    check_version(session, "appointment", row, expected_version, opened, before)
    data = {"day": row.day, "start_time": row.start_time, "status": row.status,
            "note": row.note, "patient_id": row.patient_id, "episode_id": row.episode_id,
            **changes}
    clean = _clean(session, data)
    row.start_time, row.status, row.note = clean["start_time"], clean["status"], clean["note"]
    with stale_is_conflict(session, "appointment", row):
        session.flush()
    audit.record(session, actor, "update", "appointment", row.id, patient_id=row.patient_id,
                 changes=audit.diff(before, audit.snapshot(row, ["start_time", "status",
                                                                 "note"])))
    return _row(row)


def remove_appointment(session: Session, appointment_id: int,
                       actor: Acting | None = None, *,
                       expected_version: int | None = None) -> None:
    """Take an appointment off the list (the visit's note, if any, stays)."""
    actor = authorize(session, actor, "write_chart")
    row = _get(session, appointment_id)
    check_version(session, "appointment", row, expected_version, None, {})
    audit.record(session, actor, "delete", "appointment", row.id, patient_id=row.patient_id,
                 changes={"day": [row.day.isoformat(), None]})
    session.delete(row)
    with stale_is_conflict(session, "appointment", row):
        session.flush()


def cancel_appointment(session: Session, appointment_id: int, reason: str = "",
                       actor: Acting | None = None) -> AppointmentRow:
    """Mark an appointment cancelled, keeping it on the list (unlike removing it).

    The reason, when given, becomes the appointment's note. An appointment already
    cancelled is refused, so a repeated command does not write a second audit entry.
    """
    authorize(session, actor, "write_chart")
    row = _get(session, appointment_id)
    if row.status == "cancelled":
        raise ValidationError({"status": "this appointment is already cancelled"})
    changes: dict[str, Any] = {"status": "cancelled"}
    if reason.strip():
        changes["note"] = reason
    return update_appointment(session, appointment_id, changes, actor)


@dataclass(frozen=True)
class ListedAppointment:
    """An appointment with the patient it is for, as a list prints it."""

    appointment: AppointmentRow
    patient: str
    mrn: str
    status_label: str


def list_appointments(session: Session, day: date, actor: Acting | None = None,
                      everyone: bool = False) -> list[ListedAppointment]:
    """The day's list as the acting clinician sees it on the Today screen (read, audited).

    ``everyone`` gives the whole clinic's list, like the screen's "Everyone's patients".
    """
    actor = authorize(session, actor, "read_chart")
    rows = appointments_on(session, day, actor.id, everyone)
    people = {p.id: p for p in session.scalars(
        select(Patient).where(Patient.id.in_({r.patient_id for r in rows})))} if rows else {}
    audit.record(session, actor, "read", "appointment_list", None,
                 changes={"day": [None, day.isoformat()], "appointments": [None, len(rows)]})
    return [ListedAppointment(r, people[r.patient_id].display_name,
                              people[r.patient_id].mrn, STATUSES[r.status]) for r in rows]


def appointments_on(session: Session, day: date, clinician_id: int | None = None,
                    everyone: bool = False) -> list[AppointmentRow]:
    """The day's appointments of one clinician (and those for nobody in particular)."""
    q = select(Appointment).where(Appointment.day == day)
    if not everyone and clinician_id is not None:
        q = q.where((Appointment.clinician_id == clinician_id)
                    | Appointment.clinician_id.is_(None))
    return [_row(a) for a in session.scalars(q.order_by(Appointment.start_time,
                                                        Appointment.id))]
