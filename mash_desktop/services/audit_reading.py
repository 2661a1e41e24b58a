"""The audit trail in words a person reads: names, local times, display names, rounding.

The trail stores keys and raw values (``nprs_hip``, ``6_months``, ``1.8348623853211008``,
UTC times, patient ids) so that it stays exact; screens show it through here: patient
names, this computer's local time, instrument and timepoint display names, scores
rounded at each instrument's precision, record types and field names in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import outcomes
from ..models import AuditEntry, Patient
from .assessments import TIMEPOINTS
from .audit_query import AuditFilter, query_audit
from .episodes import ARMS

RECORDS = {"visit_note": "session note", "eligibility_screen": "eligibility screen",
           "progress_report": "progress report", "catalog_entry": "catalog entry",
           "setting": "setting", "goals": "goals", "database": "clinic database"}
ACTIONS = {"create": "created", "update": "changed", "delete": "deleted", "sign": "signed",
           "addendum": "addendum", "login": "signed in", "login_failed": "sign-in failed",
           "login_locked": "sign-in refused (waiting)", "logout": "signed out",
           "export": "exported", "import": "imported", "report": "report made",
           "view": "viewed"}
SCORE_FIELDS = {"total", "value", "score"}


@dataclass(frozen=True)
class AuditRow:
    """One audit entry, ready to show."""

    when: str      # local time, minutes
    user: str
    action: str
    record: str
    patient: str   # "Lee, Ann" ("" for clinic-wide entries)
    changes: str


def local_time(at: datetime) -> str:
    """A stored UTC moment in this computer's time zone."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def _words(key: str) -> str:
    return key.replace("_", " ")


def _value(field: str, value: Any, instrument: str | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "instrument" and isinstance(value, str):
        try:
            return outcomes.get_instrument(value).name
        except (KeyError, ValueError):
            return value
    if field == "timepoint" and isinstance(value, str):
        return TIMEPOINTS.get(value, _words(value))
    if field == "arm" and isinstance(value, str):
        return ARMS.get(value, _words(value))
    if isinstance(value, float):
        if field in SCORE_FIELDS and instrument:
            try:
                return outcomes.format_score(instrument, value)
            except (KeyError, ValueError):
                pass
        return outcomes.format_value(value, 2).rstrip("0").rstrip(".") if not \
            value.is_integer() else str(int(value))
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def describe_changes(changes: dict[str, Any] | None) -> str:
    """'Instrument: — → NPRS (hip); Total: — → 1.8' in display names and rounding."""
    changes = changes or {}
    inst = None
    raw_inst = changes.get("instrument")
    if isinstance(raw_inst, list) and len(raw_inst) == 2:
        inst = raw_inst[1] or raw_inst[0]
    elif isinstance(raw_inst, str):
        inst = raw_inst
    parts = []
    for field, change in changes.items():
        label = _words(field).capitalize()
        if isinstance(change, list) and len(change) == 2:
            before, after = change
            parts.append(f"{label}: {_value(field, before, inst)} → "
                         f"{_value(field, after, inst)}")
        else:
            parts.append(f"{label}: {_value(field, change, inst)}")
    return "; ".join(parts)


def audit_rows(session: Session, f: AuditFilter) -> list[AuditRow]:
    """The filtered trail (newest first) as rows to show."""
    entries: list[AuditEntry] = query_audit(session, f)
    ids = {e.patient_id for e in entries if e.patient_id is not None}
    names = {pid: f"{last}, {first}" for pid, last, first in session.execute(
        select(Patient.id, Patient.last_name, Patient.first_name)
        .where(Patient.id.in_(ids)))} if ids else {}
    return [AuditRow(local_time(e.at), e.username, ACTIONS.get(e.action, _words(e.action)),
                     f"{RECORDS.get(e.entity, _words(e.entity))}"
                     + (f" {e.entity_id}" if e.entity_id else ""),
                     names.get(e.patient_id, "") if e.patient_id is not None else "",
                     describe_changes(e.changes))
            for e in entries]
