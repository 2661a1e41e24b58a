"""Append-only audit trail: who did what, when, to which record, and what changed."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..changes import note_audited
from ..models import AuditEntry, utcnow
from .access import LOCAL, Acting, accounts_exist, user_id


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

    The row names who really acted: the given user, else the user signed in on this
    session, else the local user of a database without accounts; a row written with
    nobody signed in on a database with accounts (a failed sign-in) says so. Appends from
    several workstations are serialised (``tamper.append``), so the trail's order is the
    commit order and each entry is chained to the one before it.
    """
    who: Acting | None = actor if actor is not None else session.info.get("actor")
    if who is None and not accounts_exist(session):
        who = LOCAL
    from .tamper import append

    append(session, AuditEntry(
        at=utcnow(),
        user_id=user_id(who),
        username=who.username if who is not None else "(not signed in)",
        action=action, entity=entity, entity_id=entity_id, patient_id=patient_id,
        changes=_json_ready(changes or {}),
    ))
    note_audited(session, action, entity, patient_id)


def _json_ready(value: Any) -> Any:
    """What the JSON column will give back, so the hash is made over the stored value."""
    return json.loads(json.dumps(value, default=_plain))
