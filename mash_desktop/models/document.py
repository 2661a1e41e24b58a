"""Signed documents: the exact PDF a clinician signed, kept as the record.

A report is a draft until it is signed; signing stores the bytes with their SHA-256, so
the document can be re-opened and re-printed byte-identical years later and any change
to the stored bytes is detected (``mash-desktop check``). Rows are only ever added: a
correction is a new version (``supersedes_id``) or a signed addendum, never an update.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_episode_kind", "episode_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    kind: Mapped[str] = mapped_column(String(30))       # discharge | progress | hep | ...
    title: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    addendum_to_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    period_start: Mapped[date | None] = mapped_column(Date)   # progress reports
    period_end: Mapped[date | None] = mapped_column(Date)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_credentials: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text, default="")  # addendum text, or report notes
    # SHA-256 of what was signed (services/tamper.py: DOCUMENT_FIELDS, ``sha256`` included,
    # so the metadata and the bytes are bound together); ``check`` verifies both
    content_hash: Mapped[str | None] = mapped_column(String(64))
