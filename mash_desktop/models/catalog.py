"""Protocol catalog (techniques, exercises, education) and the outcome instrument library."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CatalogEntry(Base):
    """Seeded from the shipped catalog; clinics may add, rename and retire, never delete."""

    __tablename__ = "catalog_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # manual_therapy|exercise|education
    name: Mapped[str] = mapped_column(String(200))
    arms: Mapped[list] = mapped_column(JSON, default=list)
    component: Mapped[str] = mapped_column(String(80), default="")
    region: Mapped[str] = mapped_column(String(40), default="")
    trial_named: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text, default="")
    defaults: Mapped[dict] = mapped_column(JSON, default=dict)
    instructions: Mapped[str] = mapped_column(Text, default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)


class InstrumentDefinition(Base):
    """A copy of the shipped instrument definition, so stored scores name what scored them."""

    __tablename__ = "instrument_definitions"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict] = mapped_column(JSON)
