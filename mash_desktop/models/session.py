"""Visit notes with their structured interventions, addenda, goals and adverse events."""

from __future__ import annotations

from datetime import date, datetime, time
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
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

if TYPE_CHECKING:
    from .catalog import CatalogEntry
    from .patient import Episode


class VisitNote(Base):
    """One visit (session note). Draft until signed; signed notes are read-only."""

    __tablename__ = "visit_notes"
    __table_args__ = (
        Index("ix_visit_notes_episode_date", "episode_id", "visit_date"),
        # the few unsigned notes (drafts), found without reading the signed 100 000
        Index("ix_visit_notes_unsigned", "visit_date",
              sqlite_where=text("signed_at IS NULL"),
              postgresql_where=text("signed_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    visit_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    visit_number: Mapped[int] = mapped_column(Integer)
    # evaluation | daily | progress | re-evaluation | discharge (BPM ch. 15 §220.3)
    note_type: Mapped[str] = mapped_column(String(20), default="daily")
    # attended | cancelled | no_show
    status: Mapped[str] = mapped_column(String(20), default="attended")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    total_minutes: Mapped[int] = mapped_column(Integer, default=0)
    pain_back_pre: Mapped[float | None] = mapped_column(Float)
    pain_back_post: Mapped[float | None] = mapped_column(Float)
    pain_hip_pre: Mapped[float | None] = mapped_column(Float)
    pain_hip_post: Mapped[float | None] = mapped_column(Float)
    subjective: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    adverse_event: Mapped[bool] = mapped_column(Boolean, default=False)
    # The screen's explicit answer: "yes" | "no" | "" (not answered; cannot be signed).
    adverse_event_screen: Mapped[str] = mapped_column(String(3), default="")
    # Evaluation / re-evaluation content that only those note types carry: history,
    # exclusion and red-flag answers, systems review, hip strength and ROM, impairments,
    # rehabilitation potential (see services/evaluation.py for the fields and ranges).
    evaluation: Mapped[dict] = mapped_column(JSON, default=dict)
    # Progress and discharge notes (BPM §220.3 D): progress toward each goal, by goal id.
    goal_progress: Mapped[dict] = mapped_column(JSON, default=dict)
    # Signed by a version of the app without note types and the sign checklist, and
    # imported from its export: kept exactly as signed (its type inferred on import);
    # the checklist, which did not exist when it was signed, is not applied to it.
    signed_before_checklist: Mapped[bool] = mapped_column(Boolean, default=False)
    # CPT codes of interventions documented but not billed (BPM §220.3 E: billed or not),
    # so every intervention's code is billed or explicitly not billed (sign checklist).
    not_billed: Mapped[list] = mapped_column(JSON, default=list)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signature_name: Mapped[str] = mapped_column(String(200), default="")
    signature_credentials: Mapped[str] = mapped_column(String(40), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # SHA-256 of every signed field, set at signing (services/tamper.py).
    content_hash: Mapped[str | None] = mapped_column(String(64))
    # Optimistic locking (services/concurrency.py): every UPDATE checks and bumps it, so a
    # save made from an older version on another workstation is refused, not lost.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    episode: Mapped[Episode] = relationship(back_populates="visits")
    manual_therapy: Mapped[list[ManualTherapyDose]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="ManualTherapyDose.position"
    )
    exercises: Mapped[list[ExerciseDose]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="ExerciseDose.position"
    )
    education: Mapped[list[EducationItem]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )
    billing_lines: Mapped[list[BillingLine]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="BillingLine.code"
    )
    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="Addendum.created_at"
    )

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class ManualTherapyDose(Base):
    __tablename__ = "manual_therapy_doses"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    technique_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    region: Mapped[str] = mapped_column(String(40), default="")
    side: Mapped[str] = mapped_column(String(10), default="")  # left|right|bilateral|central|""
    grade: Mapped[str] = mapped_column(String(10), default="")  # I..IV, thrust
    patient_position: Mapped[str] = mapped_column(String(60), default="")
    sets: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[int | None] = mapped_column(Integer)
    oscillations: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[VisitNote] = relationship(back_populates="manual_therapy")
    technique: Mapped[CatalogEntry] = relationship(lazy="joined")


class ExerciseDose(Base):
    __tablename__ = "exercise_doses"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"), index=True)
    side: Mapped[str] = mapped_column(String(10), default="")
    sets: Mapped[int | None] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_s: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[int | None] = mapped_column(Integer)  # timed exercise such as cycling
    # kg | band | body_weight | none
    load_type: Mapped[str] = mapped_column(String(20), default="body_weight")
    load_kg: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(20), default="")
    rpe: Mapped[float | None] = mapped_column(Float)
    pain_response: Mapped[str] = mapped_column(String(20), default="")  # better|same|worse
    progression_level: Mapped[str] = mapped_column(String(60), default="")
    completed: Mapped[bool] = mapped_column(Boolean, default=True)
    home_program: Mapped[bool] = mapped_column(Boolean, default=False)

    visit: Mapped[VisitNote] = relationship(back_populates="exercises")
    exercise: Mapped[CatalogEntry] = relationship(lazy="joined")


class EducationItem(Base):
    __tablename__ = "education_items"
    __table_args__ = (UniqueConstraint("visit_id", "topic_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("catalog_entries.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[VisitNote] = relationship(back_populates="education")
    topic: Mapped[CatalogEntry] = relationship(lazy="joined")


class BillingLine(Base):
    """Minutes per CPT code; units are derived by mash_desktop.billing, never stored."""

    __tablename__ = "billing_lines"
    __table_args__ = (UniqueConstraint("visit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    minutes: Mapped[int] = mapped_column(Integer, default=0)

    visit: Mapped[VisitNote] = relationship(back_populates="billing_lines")


class Addendum(Base):
    """A correction to a signed note; itself signed, never edited."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signature_name: Mapped[str] = mapped_column(String(200), default="")
    signature_credentials: Mapped[str] = mapped_column(String(40), default="")
    content_hash: Mapped[str | None] = mapped_column(String(64))

    visit: Mapped[VisitNote] = relationship(back_populates="addenda")


class AdverseEvent(Base):
    """Mirrors MASH's report-then-adjudicate adverse event form (mash_program.md §7, §8.9)."""

    __tablename__ = "adverse_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit_notes.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    # not_related | possibly | probably | definitely
    relatedness: Mapped[str] = mapped_column(String(20), default="not_related")
    action: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    adjudicated_by: Mapped[str] = mapped_column(String(200), default="")
    adjudicated_on: Mapped[date | None] = mapped_column(Date)

    episode: Mapped[Episode] = relationship(back_populates="adverse_events")


class Goal(Base):
    """A treatment goal; its id stays the same across revisions and reports.

    A goal may be tied to an outcome measure (``instrument`` with its ``baseline`` and
    ``target``), so progress is computed from the measurements; ``status`` is the PT's
    judgement, and a status that disagrees with the measurement needs ``status_reason``.
    """

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    term: Mapped[str] = mapped_column(String(10), default="long")  # short | long
    text: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    instrument: Mapped[str | None] = mapped_column(String(40))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    # open | met | partially_met | not_met
    status: Mapped[str] = mapped_column(String(20), default="open")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    episode: Mapped[Episode] = relationship(back_populates="goals")
    revisions: Mapped[list[GoalRevision]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalRevision.id")


class GoalRevision(Base):
    """One change to a goal (text, target, status...), kept so reports can say what changed."""

    __tablename__ = "goal_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    revised_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(60), default="")
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="revisions")


class ProgressReport(Base):
    """A written progress report; resets the every-10-treatment-days clock (CMS 100-02 §220.3)."""

    __tablename__ = "progress_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    report_date: Mapped[date] = mapped_column(Date)
    visits_covered: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    episode: Mapped[Episode] = relationship(back_populates="progress_reports")
