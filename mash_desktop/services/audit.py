"""Append-only audit trail: who did what, when, to which record, and what changed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..changes import note_audited
from ..models import AuditEntry
from .access import Acting
from .concurrency import serialise_audit_appends


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def snapshot(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """Column values of a model instance, JSON-ready."""
    cols = [c.key for c in inspect(obj).mapper.column_attrs]
    return {k: _plain(getattr(obj, k)) for k in (fields or cols)}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [before, after]}."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(session: Session, actor: Acting | None, action: str, entity: str,
           entity_id: int | None, *, patient_id: int | None = None,
           changes: dict[str, Any] | None = None) -> None:
    """Add one audit row in the caller's transaction, so it commits or rolls back with it.

    Appends from several workstations are serialised (one transaction at a time), so the
    trail's order is the commit order and each entry can be chained to the previous one.
    """
    serialise_audit_appends(session)
    session.add(AuditEntry(
        user_id=actor.id if actor else None,
        username=actor.username if actor else "system",
        action=action, entity=entity, entity_id=entity_id, patient_id=patient_id,
        changes=changes or {},
    ))
    note_audited(session, action, entity, patient_id)
