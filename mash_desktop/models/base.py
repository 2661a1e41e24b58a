"""Declarative base shared by every table.

Kept free of dialect-specific types so the same models run on SQLite today and
PostgreSQL later (the multi-workstation plan): JSON, Date, DateTime and plain
strings only; enumerations are validated in the service layer, not by the DB.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Deterministic constraint names so Alembic migrations are portable and batch
# operations on SQLite can find constraints by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite has no time zones, so we store UTC everywhere."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
