"""Reading the audit trail: filter by patient, user, action, entity, dates and text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from ..models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    patient_id: int | None = None
    username: str = ""
    action: str = ""
    entity: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""
    limit: int = 5000


def query_audit(session: Session, f: AuditFilter) -> list[AuditEntry]:
    from .access import authorize

    authorize(session, None, "read_audit")
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(f.limit)
    if f.patient_id is not None:
        q = q.where(AuditEntry.patient_id == f.patient_id)
    if f.username:
        q = q.where(AuditEntry.username == f.username)
    if f.action:
        q = q.where(AuditEntry.action == f.action)
    if f.entity:
        q = q.where(AuditEntry.entity == f.entity)
    if f.since:
        q = q.where(AuditEntry.at >= datetime.combine(f.since, datetime.min.time()))
    if f.until:
        q = q.where(AuditEntry.at < datetime.combine(f.until + timedelta(days=1),
                                                     datetime.min.time()))
    if f.text:
        q = q.where(cast(AuditEntry.changes, String).ilike(f"%{f.text}%"))
    return list(session.scalars(q))


def distinct_values(session: Session, column: str, patient_id: int | None = None) -> list[str]:
    """The values a filter can choose from; for one patient, only that patient's entries
    are read (through the patient index) rather than the whole trail."""
    col = getattr(AuditEntry, column)
    q = select(col).distinct().order_by(col)
    if patient_id is not None:
        q = q.where(AuditEntry.patient_id == patient_id)
    return [v for v in session.scalars(q) if v]


def describe(entry: AuditEntry) -> str:
    """Changed fields as 'field: before → after', short enough for a table cell."""
    parts = []
    for field, change in (entry.changes or {}).items():
        if isinstance(change, list) and len(change) == 2:
            before, after = change
            parts.append(f"{field}: {_short(before)} → {_short(after)}")
        else:
            parts.append(f"{field}: {_short(change)}")
    return "; ".join(parts)


def _short(value: object, limit: int = 60) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
