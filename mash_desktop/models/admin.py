"""Users, the append-only audit trail, settings and crash-recovery drafts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    credentials: Mapped[str] = mapped_column(String(40), default="PT")  # PT, DPT, PTA...
    # Printed in the signature block of signed documents when entered.
    licence_number: Mapped[str] = mapped_column(String(40), default="")
    npi: Mapped[str] = mapped_column(String(10), default="")
    role: Mapped[str] = mapped_column(String(20), default="clinician")  # clinician|assistant|admin
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """Append-only: the app inserts rows here and never updates or deletes them."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(30))  # create|update|sign|addendum|retire|...
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    # SHA-256 of this entry chained to the previous one (services/tamper.py).
    hash: Mapped[str | None] = mapped_column(String(64))


class Setting(Base):
    """Key/value settings (clinic name, address, logo, idle lock...), JSON values."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)


class Draft(Base):
    """Unsaved form contents, kept so they can be offered back after a crash."""

    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_form_key", "form", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    form: Mapped[str] = mapped_column(String(60))
    form_key: Mapped[str] = mapped_column(String(120), default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
