"""Assessments: item-level answers plus the score computed from them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

if TYPE_CHECKING:
    from .patient import Episode


class Assessment(Base):
    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_episode_instrument", "episode_id", "instrument"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    timepoint: Mapped[str] = mapped_column(String(20))  # baseline|8_weeks|6_months|discharge|custom
    assessed_on: Mapped[date] = mapped_column(Date)
    instrument: Mapped[str] = mapped_column(String(40))
    instrument_version: Mapped[str] = mapped_column(String(200), default="")
    answers: Mapped[dict | list | float | None] = mapped_column(JSON)
    total: Mapped[float] = mapped_column(Float)
    subscales: Mapped[dict] = mapped_column(JSON, default=dict)
    band: Mapped[str | None] = mapped_column(String(80))
    flags: Mapped[list] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    episode: Mapped[Episode] = relationship(back_populates="assessments")
