"""Printable reports (ReportLab), Qt-free so the GUI, the CLI and tests share them.

    generate(kind, session, episode_id, actor=None, *, signature=None, texts=None) -> bytes
    DOCUMENT_KINDS / register_kind(DocumentKind(...))   the kinds, titles, signers (kinds.py)

Each report is built from :func:`data.episode_report`, which reads stored records and
uses the same scoring code as the screens. Without a ``signature`` a report is a draft
(every page says "DRAFT — not signed"); signing and storing go through
:mod:`mash_desktop.services.documents`. ReportLab is imported only when a report is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..services import audit
from ..services.access import Acting, acting_as, authorize
from ..services.errors import ValidationError
from .kinds import DOCUMENT_KINDS, DocumentKind, register_kind

if TYPE_CHECKING:
    from .data import Signature


__all__ = ["DOCUMENT_KINDS", "DocumentKind", "ReportError", "generate",
           "register_kind", "write"]


class ReportError(ValidationError):
    """The episode has nothing to report (the message says what is missing)."""


def kind_of(kind: str) -> DocumentKind:
    try:
        return DOCUMENT_KINDS[kind]
    except KeyError:
        raise ReportError({"kind": f"unknown report {kind!r}; choose one of "
                                   + ", ".join(DOCUMENT_KINDS)}) from None


def generate(kind: str, session: Session, episode_id: int, actor: Acting | None = None, *,
             signature: Signature | None = None, texts: dict[str, str] | None = None) -> bytes:
    """The report as PDF bytes: a draft, or (with ``signature``) the document being signed.

    ``texts`` carries what the clinician writes at signing (``assessment``, ``plan``).
    """
    from .data import episode_report

    spec = kind_of(kind)
    # writing a kind, even as a draft, needs the permission to sign it (kinds.py): the
    # discharge summary, progress report and plan of care are the PT's (CMS 100-02 ch. 15
    # §220.1.2, §220.3); an assistant may print a home program or an interim report
    actor = authorize(session, actor, spec.permission)
    with acting_as(session, actor):  # the chart reads below check and audit this user
        report = episode_report(session, episode_id, actor, kind=kind, signature=signature,
                                texts=texts or {})
    if report.attended == 0 and not report.outcomes and not spec.without_visits:
        raise ReportError({"episode": f"episode {episode_id} has no attended visits and no "
                                      "outcome measures yet; there is nothing to report"})
    if kind == "hep" and not report.home:
        raise ReportError({"episode": "no exercises are on the home program: tick 'Home' "
                                      "on an exercise in a session note, or prescribe one "
                                      "in the plan of care's home program"})
    with acting_as(session, actor):
        pdf = spec.build()(report, *spec.inputs(session, episode_id))
    audit.record(session, actor, "report", "episode", episode_id,
                 patient_id=report.patient_id, changes={"report": [None, spec.title]})
    return pdf


def write(kind: str, session: Session, episode_id: int, path: str | Path,
          actor: Acting | None = None, force: bool = False) -> Path:
    """Generate and write a report; no file is created when generation fails.

    The target is checked before the report is built (never over a database, an
    existing file only with ``force``) and written atomically (:mod:`mash_desktop.files`).
    """
    from ..files import check_target, write_atomic

    check_target(path, force=force)
    pdf = generate(kind, session, episode_id, actor)
    return write_atomic(path, pdf, force=force)
