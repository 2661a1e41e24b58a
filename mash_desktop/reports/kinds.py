"""The registry of document kinds: what each report is, who may sign it, what it needs.

A new document (the plan of care, an addendum…) plugs in with :func:`register_kind`;
generating, signing, storing, listing and the CLI's ``report`` choices all read this
table, so they never need a change of their own. Builders are named "module:function"
and imported only when a report is made (ReportLab stays off the start-up path).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

# Licensed physical therapist credentials (a PTA is licensed too, as an assistant).
THERAPIST = frozenset({"PT", "DPT"})
ASSISTANT = frozenset({"PTA"})


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    ``permission`` is the role permission (services.access) needed to write it (even as
    a draft) and to sign it;
    ``signers`` the credentials that may sign it (a PT/DPT for clinical judgement;
    assistants only for what carries none); ``versioned``: a new signature of the same
    kind for the episode is a new version of one document (discharge summary), not a
    new report (progress reports are one per period); ``needs_assessment``: signing
    requires the clinician's written assessment (BPM §220.3 D); ``loader``: a
    "module:function" ``(session, episode_id)`` whose result the builder takes after the
    report (the plan of care reads its plan); ``without_visits``: the document makes sense
    before the first visit (a plan of care is written at the evaluation).
    """

    key: str
    title: str
    builder: str
    permission: str
    signers: frozenset[str] = THERAPIST
    versioned: bool = True
    needs_assessment: bool = False
    description: str = ""
    loader: str = ""
    without_visits: bool = False

    def build(self) -> Callable[..., bytes]:
        module, _, name = self.builder.partition(":")
        fn: Callable[..., bytes] = getattr(import_module(module), name)
        return fn

    def inputs(self, session: Any, episode_id: int) -> tuple[Any, ...]:
        """What the builder needs besides the report (nothing, or the loader's result)."""
        if not self.loader:
            return ()
        module, _, name = self.loader.partition(":")
        return (getattr(import_module(module), name)(session, episode_id),)


DOCUMENT_KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> DocumentKind:
    DOCUMENT_KINDS[kind.key] = kind
    return kind


register_kind(DocumentKind(
    "discharge", "Discharge summary", "mash_desktop.reports.discharge:build",
    "discharge_summary",
    description="For the referring physician and payer: course of care, interventions and "
                "doses, outcome status at discharge and at follow-up with their judgements, "
                "graphs, adverse events, every goal's status, discharge reason and home "
                "program."))
register_kind(DocumentKind(
    "progress", "Progress report", "mash_desktop.reports.progress:build", "progress_report",
    versioned=False, needs_assessment=True,
    description="At least every 10 treatment days (CMS 100-02 ch. 15 §220.3 D): the "
                "reporting period, visits and treatment days, each goal's progress, "
                "measures since the last report and since baseline, the clinician's "
                "assessment and plan changes."))
register_kind(DocumentKind(
    "interim", "Interim progress report (assistant)", "mash_desktop.reports.progress:build",
    "interim_report", signers=THERAPIST | ASSISTANT, versioned=False,
    description="An assistant's interim report: measurements and visits in the period, "
                "no clinical judgement; never a complete progress report."))
register_kind(DocumentKind(
    "hep", "Home exercise program", "mash_desktop.reports.hep:build", "home_program",
    signers=THERAPIST | ASSISTANT,
    description="Large-print handout for the patient: each home exercise with a drawing, "
                "dose in plain words and how often, plus a 4-week log to tick."))
register_kind(DocumentKind(
    "plan-of-care", "Plan of care", "mash_desktop.reports.plan_of_care:build",
    "plan_of_care", loader="mash_desktop.services.plan_of_care:plan_of_care",
    without_visits=True,
    description="For the physician to certify (CMS 100-02 ch. 15 §220.1.2-220.1.3): "
                "diagnoses, evaluation findings, goals with their measures, type, amount, "
                "frequency and duration, the arm's interventions, the home program and "
                "the certification block."))


def credential_tokens(credentials: str) -> set[str]:
    """"PT, DPT" -> {"PT", "DPT"}; case and punctuation do not matter."""
    return {t.strip(" .").upper() for t in credentials.replace("/", ",").replace(";", ",")
            .replace(" ", ",").split(",") if t.strip(" .")}
