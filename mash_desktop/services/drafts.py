"""Unsaved form contents kept as drafts, so a crash or a power cut loses nothing typed.

A form saves its values every few seconds while it is open; the draft is discarded when
the form is saved or deliberately cancelled, and offered back when the same form is
opened again after a crash.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import Draft, utcnow


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def save_draft(session: Session, form: str, key: str, payload: dict[str, Any],
               user_id: int | None = None) -> None:
    row = session.scalar(select(Draft).where(Draft.form == form, Draft.form_key == key))
    if row is None:
        session.add(Draft(form=form, form_key=key, payload=_plain(payload), user_id=user_id))
    else:
        row.payload = _plain(payload)
        row.updated_at = utcnow()


def get_draft(session: Session, form: str, key: str) -> tuple[dict[str, Any], datetime] | None:
    row = session.scalar(select(Draft).where(Draft.form == form, Draft.form_key == key))
    return (row.payload, row.updated_at) if row else None


def discard_draft(session: Session, form: str, key: str) -> None:
    session.execute(delete(Draft).where(Draft.form == form, Draft.form_key == key))
