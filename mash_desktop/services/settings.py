"""Clinic settings stored in the database (key -> JSON value), audited on change."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..models import Setting
from . import audit
from .access import Acting, authorize

CLINIC_KEYS = ["clinic_name", "clinic_address", "clinic_phone", "clinic_logo"]


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: Any, actor: Acting | None = None) -> None:
    """Change one clinic setting (admins; the local user of a clinic without accounts)."""
    write_setting(session, key, value, authorize(session, actor, "manage_settings"))


def write_setting(session: Session, key: str, value: Any, actor: Acting) -> None:
    """Store and audit one setting for a caller that has already authorized ``actor``
    under its own permission (quick phrases: any clinician, not only admins)."""
    row = session.get(Setting, key)
    before = None if row is None else row.value
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    if before != value:
        shown = "(image)" if key == "clinic_logo" else value
        audit.record(session, actor, "update", "setting", None,
                     changes={key: [None if key == "clinic_logo" else before, shown]})
