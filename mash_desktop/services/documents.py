"""Signing, storing and re-printing documents: a signed report is a record.

Signing checks who may sign (role permission *and* clinical credentials: a PT/DPT for
anything with clinical judgement; an assistant only for what carries none; an admin
account without credentials never), checks the document has its required parts (a
progress report's assessment), renders the PDF with the signature block, and stores the
exact bytes with their SHA-256 and the hash of the signed record (services/tamper.py,
checked by ``check`` with the other signatures). Re-opening returns the stored bytes
unchanged; a correction is a new version or a signed addendum, never an update. Listing
and opening documents is reading the chart: the same permission, and opening is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, LargeBinary, cast, select
from sqlalchemy.orm import Session, defer

from ..models import Document, Episode, ProgressReport, User, utcnow
from . import audit
from . import validate as v
from .access import ROLES, Acting, acting, acting_as, allowed, authorize
from .errors import NotFoundError, PermissionDenied, ValidationError
from .tamper import DOCUMENT_FIELDS, document_hash, pdf_sha256


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document without its bytes (for lists, JSON and screens)."""

    id: int
    episode_id: int
    kind: str
    title: str
    version: int
    supersedes_id: int | None
    addendum_to_id: int | None
    signed_by: str
    signed_at: datetime
    sha256: str
    size: int
    period_start: date | None
    period_end: date | None

    @property
    def label(self) -> str:
        """"v2 (replaces 7)", "addendum 1 to 7" or "v1": how it relates to the others."""
        if self.addendum_to_id is not None:
            return f"addendum {self.version} to {self.addendum_to_id}"
        return f"v{self.version}" + (f" (replaces {self.supersedes_id})"
                                     if self.supersedes_id is not None else "")

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "episode_id": self.episode_id,
                "title": self.title, "version": self.version,
                "supersedes_id": self.supersedes_id, "addendum_to_id": self.addendum_to_id,
                "signed_by": self.signed_by, "signed_at": self.signed_at.isoformat() + "Z",
                "sha256": self.sha256, "size": self.size,
                "period_start": self.period_start.isoformat() if self.period_start else None,
                "period_end": self.period_end.isoformat() if self.period_end else None}


def _info(d: Document) -> DocumentInfo:
    return DocumentInfo(d.id, d.episode_id, d.kind, d.title, d.version, d.supersedes_id,
                        d.addendum_to_id, f"{d.signer_name}, {d.signer_credentials}",
                        d.signed_at, d.sha256, d.size, d.period_start, d.period_end)


def _a(noun: str) -> str:
    """"a progress report", "an interim progress report"."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def signing_refusal(actor: Acting | None, kind: str) -> str | None:
    """Why ``actor`` may not sign a ``kind`` document, or None when they may."""
    from ..reports.kinds import DOCUMENT_KINDS, credential_tokens

    spec = DOCUMENT_KINDS.get(kind)
    if spec is None:
        return f"there is no {kind!r} document"
    if actor is None:
        return ("a document is signed by a named user: sign in (on the command line, "
                "give --user NAME)")
    who = f"{actor.full_name} ({ROLES.get(actor.role, actor.role)})"
    if not actor.active:
        return f"{who}'s account is inactive"
    may = allowed(actor, spec.permission)
    if not may and actor.role != "admin":  # an admin's clinical rights come with credentials
        return f"{who} may not sign {_a(spec.title.lower())}"
    creds = credential_tokens(actor.credentials or "")
    if not creds & spec.signers:
        need = " or ".join(sorted(spec.signers))
        have = actor.credentials or "no clinical credentials"
        return (f"{who} has {have}; {_a(spec.title.lower())} is signed by a {need} "
                "(add the credentials in Admin ▸ Users if they hold them)")
    return None if may else f"{who} may not sign {_a(spec.title.lower())}"


def may_sign(actor: Acting | None, kind: str) -> bool:
    return signing_refusal(actor, kind) is None


def _check_parts(kind: str, texts: dict[str, str], actor: Acting) -> dict[str, str]:
    from ..reports.kinds import DOCUMENT_KINDS

    spec = DOCUMENT_KINDS[kind]
    e: v.Errors = {}
    clean = {k: v.text(texts.get(k), k, e, max_len=10000, multiline=True)
             for k in ("assessment", "plan")}
    if spec.needs_assessment and not clean["assessment"]:
        e["assessment"] = ("is required before signing: the clinician's assessment of "
                           "progress toward each goal (CMS 100-02 ch. 15 §220.3 D)")
    if kind == "interim" and (clean["assessment"] or clean["plan"]):
        e["assessment"] = ("an assistant's interim report carries measurements only, no "
                           "clinical assessment or plan (§220.3 D)")
    if e:
        raise ValidationError(e)
    return clean


def _check_ready(session: Session, episode: Episode, kind: str) -> None:
    """Refuse to sign a document whose facts are not yet there to be signed.

    A discharge summary states the course as finished, so it is signed only once the
    episode is discharged (a draft can be read any time). A plan of care is what the
    physician certifies: it needs the long-term goals and the signed initial evaluation
    that establishes it, and its frequency x duration must match the planned visits
    (BPM ch. 15 §220.1.2), so the page never prints "2 times a week, 8 weeks (12
    visits)" over a signature.
    """
    if kind == "discharge" and episode.status != "discharged":
        raise ValidationError({"status": (
            "the episode is not discharged yet: a discharge summary is signed after the "
            "discharge (date and outcome) is recorded; a draft can be printed before")})
    if kind == "plan-of-care":
        from .plan_of_care import plan_of_care

        plan = plan_of_care(session, episode.id)
        missing: list[str] = []
        if not plan.long_goals:
            missing.append("no long-term goals are recorded")
        if plan.established_on is None:
            missing.append("the initial evaluation that establishes the plan is not signed")
        visits = plan.sessions_per_week * plan.duration_weeks
        if visits != plan.planned_visits:
            missing.append(f"{plan.sessions_per_week} times a week for "
                           f"{plan.duration_weeks} weeks is {visits} visits, but "
                           f"{plan.planned_visits} are planned")
        if missing:
            raise ValidationError({"plan_of_care": "cannot be signed yet: "
                                   + "; ".join(missing)})


def sign_document(session: Session, episode_id: int, kind: str, actor: Acting | None, *,
                  texts: dict[str, str] | None = None) -> Document:
    """Render ``kind`` for the episode with ``actor``'s signature and store it.

    Raises PermissionDenied when the actor may not sign it, ValidationError when a
    required part is missing (nothing is stored in either case).
    """
    from ..reports import generate, kind_of
    from ..reports.data import Signature

    spec = kind_of(kind)
    who = acting(session, actor)  # the signed-in user (refused when nobody is)
    # the account as stored now: its licence and NPI print in the signature block, and a
    # plain signed-in value (services.users.SignedInUser) does not carry them
    account = session.get(User, who.id) if who.id is not None else None
    refusal = signing_refusal(account, kind)
    if refusal is not None or account is None:
        raise PermissionDenied(f"Not signed: {refusal}.")
    actor = account
    episode = session.get(Episode, episode_id) if v.is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    clean = _check_parts(kind, texts or {}, actor)
    with acting_as(session, actor):  # its chart reads check and audit the signer
        _check_ready(session, episode, kind)
    if kind == "hep" and not (episode.hep_times_per_day and episode.hep_days_per_week):
        raise ValidationError({"home_program": "the plan of care has no home-program "
                               "frequency (times a day, days a week); add it before signing "
                               "the handout"})
    moment = utcnow().replace(microsecond=0)
    sig = Signature(actor.full_name, actor.credentials, actor.licence_number or "",
                    actor.npi or "", moment)
    from ..reports.data import episode_report

    with acting_as(session, actor):  # the chart reads check and audit the signer
        period = episode_report(session, episode_id, kind=kind, signature=sig)
    pdf = generate(kind, session, episode_id, actor, signature=sig, texts=clean)
    previous = session.scalar(select(Document).where(
        Document.episode_id == episode_id, Document.kind == kind,
        Document.addendum_to_id.is_(None)).order_by(Document.id.desc()).limit(1))
    # A progress (or interim) report is one per period; a second signature for the same
    # period (signed again the same day: the period is the same) is a new version of that
    # report, superseding it, not a second report.
    replaces = spec.versioned or (
        previous is not None and kind in ("progress", "interim")
        and (previous.period_start, previous.period_end)
        == (period.period_start, period.period_end))
    version = (previous.version + 1) if (replaces and previous is not None) else 1
    doc = Document(
        episode_id=episode_id, kind=kind, title=spec.title, version=version,
        supersedes_id=previous.id if (replaces and previous is not None) else None,
        period_start=period.period_start if kind in ("progress", "interim") else None,
        period_end=period.period_end if kind in ("progress", "interim") else None,
        pdf=pdf, sha256=pdf_sha256(pdf), size=len(pdf),
        signed_by_id=actor.id, signer_name=actor.full_name,
        signer_credentials=actor.credentials, signed_at=moment,
        text="\n\n".join(x for x in (clean["assessment"], clean["plan"]) if x))
    session.add(doc)
    if kind == "progress":
        # The report written: resets the 10-treatment-day clock (documentation.py), on
        # the last treatment day it covers (its period's end, the previous report for
        # the next one: services.documentation.last_reports).
        assert period.period_start is not None and period.period_end is not None
        covered = sum(1 for x in period.visits if x["status"] == "attended" and
                      period.period_start <= x["date"] <= period.period_end)
        # One recorded report per period: a re-signature updates the record (the
        # superseded document keeps its own text), it is not counted twice.
        row = session.scalar(select(ProgressReport).where(
            ProgressReport.episode_id == episode_id,
            ProgressReport.report_date == period.period_end).limit(1))
        if row is None:
            session.add(ProgressReport(episode_id=episode_id, report_date=period.period_end,
                                       visits_covered=covered,
                                       summary=clean["assessment"], plan=clean["plan"],
                                       author_id=actor.id))
        elif replaces:
            row.visits_covered, row.summary, row.plan = \
                covered, clean["assessment"], clean["plan"]
            row.author_id = actor.id
    session.flush()
    doc.content_hash = document_hash({k: getattr(doc, k) for k in DOCUMENT_FIELDS})
    audit.record(session, actor, "sign", "document", doc.id, patient_id=episode.patient_id,
                 changes={"kind": [None, kind], "version": [None, version],
                          "sha256": [None, doc.sha256]})
    return doc


ADDENDUM_MAX = 10000


def sign_addendum(session: Session, document_id: int, text: str, actor: Acting | None
                  ) -> Document:
    """Sign and store an addendum to the signed document ``document_id``.

    The original is never touched (its bytes and hash stay as signed); the addendum is a
    document of its own, of the same kind and episode, that names the original (its
    ``addendum_to_id``, and in print its number, version, signer, moment and SHA-256).
    Whoever may sign the original's kind may sign an addendum to it; the text is
    required. Raises PermissionDenied / ValidationError / NotFoundError, storing nothing.
    """
    from ..reports.addendum import Amended, build, title_of
    from ..reports.data import Signature, episode_report

    original = session.get(Document, document_id) if v.is_id(document_id) else None
    if original is None:
        raise NotFoundError(f"No signed document with id {document_id}")
    if original.addendum_to_id is not None:
        raise ValidationError({"addendum_to": (
            f"document {document_id} is itself an addendum; add the correction to the "
            f"document it amends (document {original.addendum_to_id})")})
    who = acting(session, actor)  # the signed-in user (refused when nobody is)
    account = session.get(User, who.id) if who.id is not None else None
    refusal = signing_refusal(account, original.kind)
    if refusal is not None or account is None:
        raise PermissionDenied(f"Not signed: {refusal}.")
    e: v.Errors = {}
    clean = v.text(text, "text", e, required=True, max_len=ADDENDUM_MAX, multiline=True)
    if e.get("text") == "is required":
        e["text"] = "is required: what the addendum corrects or adds, and why"
    if e:
        raise ValidationError(e)
    number = 1 + len(session.scalars(select(Document.id).where(
        Document.addendum_to_id == original.id)).all())
    moment = utcnow().replace(microsecond=0)
    sig = Signature(account.full_name, account.credentials, account.licence_number or "",
                    account.npi or "", moment)
    with acting_as(session, account):  # the chart reads check and audit the signer
        report = episode_report(session, original.episode_id, kind="addendum", signature=sig)
    amended = Amended(original.id, original.title, original.version,
                      f"{original.signer_name}, {original.signer_credentials}",
                      original.signed_at, original.sha256)
    pdf = build(report, amended, number, clean)
    doc = Document(
        episode_id=original.episode_id, kind=original.kind,
        title=title_of(amended, number)[0].upper() + title_of(amended, number)[1:],
        version=number, addendum_to_id=original.id,
        pdf=pdf, sha256=pdf_sha256(pdf), size=len(pdf),
        signed_by_id=account.id, signer_name=account.full_name,
        signer_credentials=account.credentials, signed_at=moment, text=clean)
    session.add(doc)
    session.flush()
    doc.content_hash = document_hash({k: getattr(doc, k) for k in DOCUMENT_FIELDS})
    audit.record(session, account, "sign", "document", doc.id,
                 patient_id=report.patient_id,
                 changes={"addendum_to": [None, original.id], "sha256": [None, doc.sha256]})
    return doc


def list_documents(session: Session, episode_id: int,
                   actor: Acting | None = None) -> list[DocumentInfo]:
    """The episode's signed documents, oldest first (their bytes are not loaded)."""
    authorize(session, actor, "read_chart")
    if not v.is_id(episode_id) or session.get(Episode, episode_id) is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    rows = session.scalars(select(Document).options(defer(Document.pdf))
                           .where(Document.episode_id == episode_id)
                           .order_by(Document.signed_at, Document.id))
    return [_info(d) for d in rows]


def get_info(session: Session, document_id: int,
             actor: Acting | None = None) -> DocumentInfo:
    """One stored document's description (without reading its bytes)."""
    authorize(session, actor, "read_chart")
    doc = session.get(Document, document_id, options=[defer(Document.pdf)]) \
        if v.is_id(document_id) else None
    if doc is None:
        raise NotFoundError(f"No signed document with id {document_id}")
    return _info(doc)


def _stored_bytes() -> ColumnElement[bytes]:
    """The stored PDF read as bytes whatever the cell's storage type: a cell that holds
    text instead of a blob (damage, or a hand edit) would otherwise fail to decode and
    read as a damaged database instead of one damaged document."""
    return cast(Document.pdf, LargeBinary)


def get_document(session: Session, document_id: int,
                 actor: Acting | None = None) -> tuple[DocumentInfo, bytes]:
    """The stored bytes, checked against the stored SHA-256 (a damaged record is refused
    with a message, never handed out as if intact). Who opened it is audited."""
    actor = authorize(session, actor, "read_chart")
    doc = session.get(Document, document_id, options=[defer(Document.pdf)]) \
        if v.is_id(document_id) else None
    if doc is None:
        raise NotFoundError(f"No signed document with id {document_id}")
    data = bytes(session.scalar(select(_stored_bytes()).where(Document.id == doc.id)) or b"")
    if pdf_sha256(data) != doc.sha256:
        raise ValidationError({"document": f"stored document {document_id} is damaged: its "
                               "bytes no longer match the SHA-256 recorded at signing; "
                               "restore it from a backup"})
    episode = session.get(Episode, doc.episode_id)
    audit.record(session, actor, "view", "document", doc.id,
                 patient_id=episode.patient_id if episode is not None else None)
    return _info(doc), data

