"""Patients, their payers and episodes of care."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

if TYPE_CHECKING:
    from .document import Document
    from .outcome import Assessment
    from .session import AdverseEvent, Goal, ProgressReport, VisitNote


class Payer(Base):
    """An insurer; its billing rule decides how timed minutes become units."""

    __tablename__ = "payers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # "medicare" (CMS total-time 8-minute rule) or "per_code" (AMA midpoint rule).
    billing_rule: Mapped[str] = mapped_column(String(20), default="medicare")


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    mrn: Mapped[str] = mapped_column(String(40), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    date_of_birth: Mapped[date] = mapped_column(Date, index=True)
    sex: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    referring_physician: Mapped[str] = mapped_column(String(200), default="")
    payer_id: Mapped[int | None] = mapped_column(ForeignKey("payers.id"), index=True)
    member_id: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking (services/concurrency.py): every UPDATE checks and bumps it, so a
    # save made from an older version on another workstation is refused, not lost.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    payer: Mapped[Payer | None] = relationship(lazy="joined")
    episodes: Mapped[list[Episode]] = relationship(
        back_populates="patient", order_by="Episode.start_date", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"


class Episode(Base):
    """One episode of care: referral, plan of care and its certification."""

    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    icd10_code: Mapped[str] = mapped_column(String(10))
    diagnosis_text: Mapped[str] = mapped_column(String(300))
    body_region: Mapped[str] = mapped_column(String(40), default="lumbar spine and hip")
    arm: Mapped[str] = mapped_column(String(20))  # hip_focused | spine_focused | custom
    planned_visits: Mapped[int] = mapped_column(Integer, default=16)
    frequency: Mapped[str] = mapped_column(String(60), default="2x/week for 8 weeks")
    cert_start: Mapped[date | None] = mapped_column(Date)
    cert_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    discharge_date: Mapped[date | None] = mapped_column(Date)
    discharge_reason: Mapped[str] = mapped_column(Text, default="")
    # The discharge outcome as a choice (services.episodes.DISCHARGE_KINDS); "goals_met"
    # is a claim about the goals' statuses that the services and `check` hold it to.
    discharge_kind: Mapped[str] = mapped_column(String(20), default="", server_default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Why a second episode may overlap an active one for the same patient.
    overlap_reason: Mapped[str] = mapped_column(Text, default="")
    # Plan of care (BPM ch. 15 §220.1.2): the medical diagnosis beside the treatment one
    # (icd10_code), type/amount/frequency/duration, and the home program prescription.
    medical_icd10_code: Mapped[str] = mapped_column(String(10), default="")
    medical_diagnosis_text: Mapped[str] = mapped_column(String(300), default="")
    session_minutes: Mapped[int] = mapped_column(Integer, default=60)
    sessions_per_day: Mapped[int] = mapped_column(Integer, default=1)
    sessions_per_week: Mapped[int] = mapped_column(Integer, default=2)
    duration_weeks: Mapped[int] = mapped_column(Integer, default=8)
    hep_times_per_day: Mapped[int | None] = mapped_column(Integer)
    hep_days_per_week: Mapped[int | None] = mapped_column(Integer)
    hep_notes: Mapped[str] = mapped_column(Text, default="")
    # An exercise's own frequency where it differs from the program's: {catalog key:
    # {"times_per_day": n, "days_per_week": n}} (services.home_program).
    hep_exercises: Mapped[dict | None] = mapped_column(JSON)
    # Physician certification of the plan (§220.1.3; instruments_billing.md §11).
    physician_name: Mapped[str] = mapped_column(String(200), default="")
    physician_npi: Mapped[str] = mapped_column(String(10), default="")
    cert_sent_on: Mapped[date | None] = mapped_column(Date)
    cert_signed_on: Mapped[date | None] = mapped_column(Date)
    verbal_order_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking (services/concurrency.py): every UPDATE checks and bumps it, so a
    # save made from an older version on another workstation is refused, not lost.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    patient: Mapped[Patient] = relationship(back_populates="episodes")
    screen: Mapped[EligibilityScreen | None] = relationship(
        back_populates="episode", cascade="all, delete-orphan", uselist=False
    )
    visits: Mapped[list[VisitNote]] = relationship(
        back_populates="episode", order_by="VisitNote.visit_date", cascade="all, delete-orphan"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="episode", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="episode", cascade="all, delete-orphan", order_by="Goal.id"
    )
    adverse_events: Mapped[list[AdverseEvent]] = relationship(
        back_populates="episode", cascade="all, delete-orphan", order_by="AdverseEvent.occurred_on"
    )
    progress_reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="episode", cascade="all, delete-orphan",
        order_by="ProgressReport.report_date",
    )
    documents: Mapped[list[Document]] = relationship(
        cascade="all, delete-orphan", order_by="Document.id", lazy="select")


class EligibilityScreen(Base):
    """MASH inclusion screen (mash_program.md §2.1); results are computed, not stored."""

    __tablename__ = "eligibility_screens"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), unique=True)
    screened_on: Mapped[date] = mapped_column(Date)
    lbp_duration_months: Mapped[float | None] = mapped_column(Float)
    lbp_half_days_6mo: Mapped[bool | None] = mapped_column(Boolean)
    lbp_intensity: Mapped[float | None] = mapped_column(Float)
    body_weight_kg: Mapped[float | None] = mapped_column(Float)
    hip_ir_left: Mapped[float | None] = mapped_column(Float)
    hip_ir_right: Mapped[float | None] = mapped_column(Float)
    hip_ir_unit: Mapped[str] = mapped_column(String(10), default="kgf")
    # HOOS pain items P4..P8, each 0-4, kept item by item so the sum can be recomputed.
    hoos_items: Mapped[list | None] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text, default="")

    episode: Mapped[Episode] = relationship(back_populates="screen")


# MRNs are unique whatever their case ("demo-001" is "DEMO-001"); a functional index works
# on SQLite and PostgreSQL alike.
Index("uq_patients_mrn_lower", func.lower(Patient.mrn), unique=True)
