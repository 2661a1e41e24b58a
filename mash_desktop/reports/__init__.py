"""Printable reports (ReportLab), Qt-free so the GUI, the CLI and tests share them.

    generate(kind, session, episode_id, actor=None) -> bytes   kind: discharge|progress|hep

Each report is built from :func:`data.episode_report`, which reads stored records and
uses the same scoring code as the screens. ReportLab is imported only when a report is
made, so it costs nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..services import audit
from ..services.access import Acting, require
from ..services.errors import ValidationError

KINDS = {"discharge": "Discharge summary", "progress": "Progress report",
         "hep": "Home exercise program", "plan-of-care": "Plan of care"}


class ReportError(ValidationError):
    """The episode has nothing to report (the message says what is missing)."""


def generate(kind: str, session: Session, episode_id: int, actor: Acting | None = None) -> bytes:
    from . import discharge, hep, progress
    from . import plan_of_care as plan_of_care_report
    from .data import episode_report

    if kind not in KINDS:
        raise ReportError({"kind": f"unknown report {kind!r}; choose one of "
                                   + ", ".join(KINDS)})
    if kind == "discharge":
        require(actor, "sign_discharge")
    elif kind == "progress":
        require(actor, "progress_report")
    report = episode_report(session, episode_id, actor)
    if report.attended == 0 and not report.outcomes and kind != "plan-of-care":
        raise ReportError({"episode": f"episode {episode_id} has no attended visits and no "
                                      "outcome measures yet; there is nothing to report"})
    if kind == "hep" and not any(i.home_program and i.kind == "exercise"
                                 for i in report.interventions):
        raise ReportError({"episode": "no exercises are marked for the home program; tick "
                                      "'Home' on the exercises in a session note first"})
    if kind == "plan-of-care":
        from ..services.plan_of_care import plan_of_care

        pdf = plan_of_care_report.build(report, plan_of_care(session, episode_id))
    else:
        builder = {"discharge": discharge.build, "progress": progress.build,
                   "hep": hep.build}[kind]
        pdf = builder(report)
    audit.record(session, actor, "report", "episode", episode_id,
                 patient_id=report.patient_id, changes={"report": [None, KINDS[kind]]})
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
