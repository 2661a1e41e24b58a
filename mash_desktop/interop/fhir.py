"""FHIR R4B export: one Bundle (type ``collection``) a referring physician's EHR can read.

What goes in (``mash_desktop/resources/interop/fhir_codes.json`` holds every code and URI):

* Patient (identifier = MRN), Practitioner per clinician who signed or was assigned;
* Condition (ICD-10-CM) and EpisodeOfCare per episode (diagnosis, period, status, arm;
  how it ended, as our ``discharge-outcome`` extension: the outcome code and the reason);
* Encounter per attended visit; Procedure per delivered intervention (the billed CPT code
  when the visit billed one for that kind of work, the catalog entry as text and code,
  the dose in a note, with how often a home-program exercise is done at home);
  Observation per visit pain rating (LOINC 72514-3, verified);
* Observation per scored assessment (LOINC only where verified, otherwise our own
  CodeSystem; UCUM units; subscales and raw performance fields as components; the
  timepoint as an extension) and, for item-level answers, a QuestionnaireResponse with
  the Questionnaire it answers (item topics only, never licensed wording);
* Goal per goal (a goal tied to a measure names it in ``target.measure`` with the target
  value); CodeSystem resources defining our local codes.

Ids are UUIDs derived from a per-database namespace (a setting created at the first FHIR
export) and each record's table and id, so exporting again gives the same ids and two
clinics never collide. Every reference is the ``urn:uuid:`` fullUrl of an entry in the
same bundle. The bundle is validated with ``fhir.resources.R4B`` (structure and types)
plus our own checks of the required status codes (which that library does not check)
before anything is written; an invalid bundle is an error, never a file.

* DocumentReference per signed document: the stored PDF as a base64 attachment with the
  SHA-1 ``hash`` FHIR defines for attachments, our SHA-256 as an identifier, the patient,
  the episode (``context.encounter`` takes an EpisodeOfCare) and period, the signer as
  author and authenticator, the moment of signing as ``date``; ``superseded`` once a new
  version replaces it (the new one ``relatesTo`` it with ``replaces``), and an addendum
  ``relatesTo`` the document it amends with ``appends``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import outcomes
from ..config import resource_path
from ..models import (
    Assessment,
    CatalogEntry,
    Document,
    Episode,
    Goal,
    Patient,
    User,
    VisitNote,
    utcnow,
)
from ..services import audit
from ..services.access import SYSTEM, Acting
from ..services.assessments import TIMEPOINTS
from ..services.episodes import ARMS, DISCHARGE_KINDS
from ..services.errors import NotFoundError, ValidationError
from ..services.home_program import HomeProgram, prescription
from ..services.settings import get_setting, set_setting
from .output import check_file_target, write_bytes

NAMESPACE_SETTING = "fhir_namespace"


class FhirExportError(ValidationError):
    """The bundle failed validation (a bug on our side): nothing is written."""


@cache
def codes() -> dict[str, Any]:
    return json.loads(resource_path("interop", "fhir_codes.json").read_text(encoding="utf-8"))


def _sys(name: str) -> str:
    return str(codes()["systems"][name])


def _ucum(unit: str) -> dict[str, str]:
    code = codes()["ucum"].get(unit)
    if code is None:
        raise FhirExportError({"unit": f"no UCUM code for unit {unit!r}"})
    return {"unit": unit, "system": _sys("ucum"), "code": code}


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": _decimal(value), **_ucum(unit)}


def _decimal(value: float) -> float | int:
    """Whole numbers as int (FHIR decimals keep their precision; 16.0 prints as 16)."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def _when(d: date, t: time | None = None) -> str:
    """A visit's date, or date and time; FHIR wants a zone with a time, and visit times
    are the clinic's wall clock, so this computer's zone (on that date) is attached."""
    if t is None:
        return d.isoformat()
    return datetime.combine(d, t).astimezone().isoformat()


def _instant(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat() + "Z"  # stored naive UTC


class _Bundle:
    """Collects entries; ids are UUID5s in the clinic's namespace, references are fullUrls."""

    def __init__(self, namespace: uuid.UUID) -> None:
        self.namespace = namespace
        self.entries: dict[str, dict[str, Any]] = {}

    def ref(self, kind: str, key: object) -> str:
        return f"urn:uuid:{uuid.uuid5(self.namespace, f'{kind}/{key}')}"

    def add(self, kind: str, key: object, resource: dict[str, Any]) -> str:
        url = self.ref(kind, key)
        if url not in self.entries:
            self.entries[url] = {"fullUrl": url, "resource": {
                "resourceType": kind, "id": url.removeprefix("urn:uuid:"), **resource}}
        return url

    def has(self, kind: str, key: object) -> bool:
        return self.ref(kind, key) in self.entries


def clinic_namespace(session: Session, actor: Acting | None = None) -> uuid.UUID:
    """This database's id namespace, created (and kept in settings) at the first export."""
    value = get_setting(session, NAMESPACE_SETTING)
    try:
        return uuid.UUID(str(value))
    except ValueError:
        ns = uuid.uuid4()
        # the app's own bookkeeping, not a settings change by whoever exports first
        set_setting(session, NAMESPACE_SETTING, str(ns), SYSTEM)
        return ns


_VISITS = selectinload(Patient.episodes).selectinload(Episode.visits)
_EAGER = [_VISITS.selectinload(VisitNote.manual_therapy),
          _VISITS.selectinload(VisitNote.exercises),
          _VISITS.selectinload(VisitNote.education),
          _VISITS.selectinload(VisitNote.billing_lines),
          selectinload(Patient.episodes).selectinload(Episode.assessments),
          selectinload(Patient.episodes).selectinload(Episode.documents),
          selectinload(Patient.episodes).selectinload(Episode.goals)]


def _select(session: Session, mrn: str | None, episode_id: int | None
            ) -> tuple[list[Patient], int | None]:
    if episode_id is not None:
        ep = session.get(Episode, episode_id) if isinstance(episode_id, int) else None
        if ep is None:
            raise NotFoundError(f"No episode with id {episode_id}")
        if mrn is not None and ep.patient.mrn != mrn:
            raise ValidationError({"episode": f"episode {episode_id} does not belong to the "
                                              f"patient with MRN {mrn}"})
        return [ep.patient], episode_id
    q = select(Patient).order_by(Patient.id).options(*_EAGER)
    if mrn is not None:
        q = q.where(Patient.mrn == mrn)
        found = list(session.scalars(q))
        if not found:
            raise NotFoundError(f"No patient with MRN {mrn!r}")
        return found, None
    return list(session.scalars(q)), None


def build_bundle(session: Session, mrn: str | None = None, episode_id: int | None = None,
                 actor: Acting | None = None) -> dict[str, Any]:
    """The bundle for one patient (``mrn``), one episode, or the whole clinic."""
    patients, only_episode = _select(session, mrn, episode_id)
    return _build(session, patients, only_episode, actor)


def _build(session: Session, patients: list[Patient], only_episode: int | None,
           actor: Acting | None) -> dict[str, Any]:
    b = _Bundle(clinic_namespace(session, actor))
    users = {u.id: u for u in session.scalars(select(User))}
    for p in patients:
        pref = _patient(b, p)
        for ep in p.episodes:
            if only_episode is None or ep.id == only_episode:
                _episode(b, session, ep, pref, users)
    _code_systems(b, session)
    entries = sorted(b.entries.values(), key=_entry_order)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle", "id": str(uuid.uuid5(b.namespace, "Bundle/export")),
        "type": "collection", "timestamp": _instant(utcnow())}
    if entries:  # FHIR JSON never has empty arrays: an empty clinic is a bundle without entries
        bundle["entry"] = entries
    validate(bundle)
    return bundle


_ORDER = ["Patient", "Practitioner", "Condition", "EpisodeOfCare", "Encounter", "Procedure",
          "Questionnaire", "QuestionnaireResponse", "Observation", "Goal", "DocumentReference",
          "CodeSystem"]


def _entry_order(entry: dict[str, Any]) -> tuple[int, str]:
    kind = entry["resource"]["resourceType"]
    return (_ORDER.index(kind) if kind in _ORDER else len(_ORDER), entry["fullUrl"])


# ---- resources -------------------------------------------------------------------------
def _patient(b: _Bundle, p: Patient) -> str:
    res: dict[str, Any] = {
        "identifier": [{
            "use": "usual",
            "type": {"coding": [{"system": _sys("identifier_type"), "code": "MR",
                                 "display": "Medical record number"}]},
            "system": _sys("mrn"), "value": p.mrn}],
        "name": [{"use": "official", "family": p.last_name, "given": [p.first_name]}],
        "gender": p.sex if p.sex in {"male", "female", "other", "unknown"} else "unknown",
        "birthDate": p.date_of_birth.isoformat(),
    }
    telecom = [{"system": "phone", "value": p.phone}] if p.phone else []
    if p.email:
        telecom.append({"system": "email", "value": p.email})
    if telecom:
        res["telecom"] = telecom
    if p.address:
        res["address"] = [{"text": p.address}]
    return b.add("Patient", p.id, res)


def _practitioner(b: _Bundle, name: str, credentials: str, user: User | None = None
                  ) -> str | None:
    """A clinician by account (when known) or by the name they signed with."""
    if user is not None:
        name, credentials = user.full_name, user.credentials
    if not name:
        return None
    res: dict[str, Any] = {"name": [{"text": name}]}
    # the identifiers a payer or physician matches a clinician by (US Core Practitioner:
    # the NPI; the state licence as a v2-0203 "LN" identifier), when the account has them
    ids: list[dict[str, Any]] = []
    if user is not None and user.npi:
        ids.append({"system": "http://hl7.org/fhir/sid/us-npi", "value": user.npi})
    if user is not None and user.licence_number:
        ids.append({"type": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "LN",
            "display": "License number"}]}, "value": user.licence_number})
    if ids:
        res["identifier"] = ids
    if credentials:
        res["qualification"] = [{"code": {"text": credentials}}]
    url = b.add("Practitioner", f"{name}|{credentials}", res)
    if ids:  # first met by the name a note was signed with: the account adds its ids
        b.entries[url]["resource"].setdefault("identifier", ids)
    return url


def _episode(b: _Bundle, session: Session, ep: Episode, pref: str,
             users: dict[int, User]) -> None:
    cond = b.add("Condition", ep.id, {
        "clinicalStatus": {"coding": [{
            "system": _sys("condition_clinical"),
            "code": "resolved" if ep.status == "discharged" else "active"}]},
        "code": {"coding": [{"system": _sys("icd10cm"), "code": ep.icd10_code}],
                 "text": ep.diagnosis_text or ep.icd10_code},
        "subject": {"reference": pref},
        "onsetDateTime": ep.start_date.isoformat(),
    })
    period: dict[str, str] = {"start": ep.start_date.isoformat()}
    if ep.discharge_date:
        period["end"] = ep.discharge_date.isoformat()
    eoc: dict[str, Any] = {
        "status": codes()["episode_status"].get(ep.status, "active"),
        "type": [{"coding": [{"system": _sys("arm"), "code": ep.arm,
                              "display": ARMS.get(ep.arm, ep.arm)}],
                  "text": f"MASH arm: {ARMS.get(ep.arm, ep.arm)}"}],
        "diagnosis": [{"condition": {"reference": cond}, "rank": 1}],
        "patient": {"reference": pref},
        "period": period,
    }
    outcome = _discharge_outcome(ep)
    if outcome:
        eoc["extension"] = [outcome]
    therapist = users.get(ep.therapist_id) if ep.therapist_id else None
    if therapist is not None:
        eoc["careManager"] = {"reference": _practitioner(b, "", "", therapist)}
    eref = b.add("EpisodeOfCare", ep.id, eoc)
    home = prescription(ep)
    for note in ep.visits:
        if note.status == "attended":
            _visit(b, note, pref, eref, users, home)
    for a in sorted(ep.assessments, key=lambda a: (a.assessed_on, a.id)):
        _assessment(b, a, pref, eref, users)
    for g in ep.goals:
        _goal(b, g, pref, cond)
    replaced = {d.supersedes_id for d in ep.documents if d.supersedes_id is not None}
    for d in ep.documents:
        _document(b, d, ep, pref, eref, users, replaced)


def _discharge_outcome(ep: Episode) -> dict[str, Any] | None:
    """How the episode ended (EpisodeOfCare has no element for it): our extension with
    the outcome as a code of our CodeSystem and the PT's reason as written."""
    parts: list[dict[str, Any]] = []
    if ep.discharge_kind:
        parts.append({"url": "outcome", "valueCoding": {
            "system": _sys("discharge_outcome"), "code": ep.discharge_kind,
            "display": DISCHARGE_KINDS.get(ep.discharge_kind, ep.discharge_kind)}})
    if ep.discharge_reason:
        parts.append({"url": "reason", "valueString": ep.discharge_reason})
    if not parts:
        return None
    return {"url": _sys("discharge_extension"), "extension": parts}


def _document(b: _Bundle, d: Document, ep: Episode, pref: str, eref: str,
              users: dict[int, User], replaced: set[int]) -> None:
    """A signed document as the exact stored bytes, findable and checkable by hash."""
    pdf = bytes(d.pdf or b"")
    signer = _practitioner(b, d.signer_name, d.signer_credentials,
                           users.get(d.signed_by_id) if d.signed_by_id else None)
    period: dict[str, str] = {}
    start = d.period_start or ep.start_date
    end = d.period_end or ep.discharge_date
    if start:
        period["start"] = start.isoformat()
    if end:
        period["end"] = end.isoformat()
    version = (f"addendum {d.version}" if d.addendum_to_id is not None
               else f"version {d.version}")
    res: dict[str, Any] = {
        "identifier": [{"system": _sys("document_sha256"), "value": d.sha256}],
        "status": "superseded" if d.id in replaced else "current",
        "docStatus": "final",
        "type": {"coding": [{"system": _sys("document_kind"), "code": d.kind,
                             "display": d.title if d.addendum_to_id is None else d.kind}],
                 "text": d.title},
        "subject": {"reference": pref},
        "date": _instant(d.signed_at),
        "description": f"{d.title}, {version}, signed by {d.signer_name}, "
                       f"{d.signer_credentials}",
        "content": [{"attachment": {
            "contentType": "application/pdf", "data": base64.b64encode(pdf).decode("ascii"),
            "size": len(pdf),
            # FHIR's Attachment.hash is the base64 SHA-1 of the data
            "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),
            "title": f"{d.title} ({version})", "creation": _instant(d.signed_at)}}],
        "context": {"encounter": [{"reference": eref}], **({"period": period} if period
                                                              else {})},
    }
    if signer:
        res["author"] = [{"reference": signer}]
        res["authenticator"] = {"reference": signer}
    related = [("appends", d.addendum_to_id), ("replaces", d.supersedes_id)]
    links = [{"code": code, "target": {"reference": b.ref("DocumentReference", target)}}
             for code, target in related if target is not None]
    if links:
        res["relatesTo"] = links
    b.add("DocumentReference", d.id, res)


def _visit(b: _Bundle, note: VisitNote, pref: str, eref: str, users: dict[int, User],
           home: HomeProgram) -> None:
    signer = _practitioner(b, note.signature_name, note.signature_credentials,
                           users.get(note.signed_by_id) if note.signed_by_id else None)
    start = _when(note.visit_date, note.start_time)
    enc: dict[str, Any] = {
        "status": "finished",
        "class": {"system": _sys("act_code"), "code": "AMB", "display": "ambulatory"},
        "type": [{"text": f"MASH session ({note.note_type.replace('_', ' ')} note), "
                          f"visit {note.visit_number}"}],
        "subject": {"reference": pref},
        "episodeOfCare": [{"reference": eref}],
        "period": {"start": start},
    }
    if note.total_minutes:
        enc["length"] = {"value": note.total_minutes, **_ucum("min")}
    if signer:
        enc["participant"] = [{"individual": {"reference": signer}}]
    enc_ref = b.add("Encounter", note.id, enc)
    draft = "" if note.is_signed else " (from an unsigned draft note)"
    billed = [line.code for line in note.billing_lines if line.minutes]
    common: dict[str, Any] = {"subject": {"reference": pref}, "encounter": {"reference": enc_ref},
              "performedDateTime": start}
    if signer:
        common["performer"] = [{"actor": {"reference": signer}}]
    for d in note.manual_therapy:
        _procedure(b, "mt", d.id, d.technique, billed, common,
                   _mt_dose(d) + draft, " ".join(x for x in (d.side, d.region) if x))
    for x in note.exercises:
        _procedure(b, "ex", x.id, x.exercise, billed, common, _ex_dose(x, home) + draft,
                   x.side)
    for e in note.education:
        _procedure(b, "ed", e.id, e.topic, billed, common, (e.notes or "education") + draft,
                   "")
    for field_name, spec in codes()["visit_pain"].items():
        value = getattr(note, field_name)
        if value is None:
            continue
        b.add("Observation", f"visit-pain/{note.id}/{field_name}", {
            "status": "final" if note.is_signed else "preliminary",
            "category": [_category("survey")],
            "code": {"coding": [_loinc("nprs")],
                     "text": f"{codes()['body_sites'][spec['site']]} pain (0-10), "
                             f"{spec['when']}"},
            "subject": {"reference": pref}, "encounter": {"reference": enc_ref},
            "effectiveDateTime": start,
            "valueQuantity": _quantity(value, "points"),
            "bodySite": {"text": codes()["body_sites"][spec["site"]]},
        })


def _procedure(b: _Bundle, prefix: str, key: int, entry: CatalogEntry, billed: list[str],
               common: dict[str, Any], dose: str, site: str) -> None:
    coding = [{"system": _sys("intervention"), "code": entry.key, "display": entry.name}]
    cpt = next((c for c in codes()["procedure_cpt"].get(entry.kind, []) if c in billed), None)
    if cpt:
        coding.insert(0, {"system": _sys("cpt"), "code": cpt})
    res: dict[str, Any] = {
        "status": "completed",
        "category": {"text": entry.kind.replace("_", " ")},
        "code": {"coding": coding, "text": entry.name},
        **common,
        "note": [{"text": dose}],
    }
    if site:
        res["bodySite"] = [{"text": site}]
    b.add("Procedure", f"{prefix}/{key}", res)


def _join(parts: Iterable[str]) -> str:
    return ", ".join(p for p in parts if p)


def _mt_dose(d: Any) -> str:
    sets = f"{d.sets} × {d.seconds} s" if d.sets and d.seconds else \
        (f"{d.sets} sets" if d.sets else "")
    return _join([f"grade {d.grade}" if d.grade and d.grade != "thrust" else d.grade, sets,
                  f"{d.oscillations} oscillations" if d.oscillations else "",
                  d.patient_position, d.side,
                  f"response: {d.response}" if d.response else ""]) or "dose not recorded"


def _ex_dose(x: Any, home: HomeProgram) -> str:
    load = {"kg": f"{x.load_kg:g} kg" if x.load_kg is not None else "",
            "band": f"{x.band} band" if x.band else "band",
            "body_weight": "body weight"}.get(x.load_type, "")
    return _join([f"{x.sets} × {x.reps}" if x.sets and x.reps else "",
                  f"hold {x.hold_s} s" if x.hold_s else "",
                  f"{x.minutes} min" if x.minutes else "", load,
                  f"RPE {x.rpe:g}" if x.rpe is not None else "",
                  f"pain {x.pain_response}" if x.pain_response else "",
                  f"level {x.progression_level}" if x.progression_level else "",
                  x.side, _home(x, home),
                  "" if x.completed else "not completed"]) or "dose not recorded"


def _home(x: Any, home: HomeProgram) -> str:
    """"home program: Once a day, 3 days a week" (the exercise's own frequency, else the
    plan's), "home program" when the plan prescribes none, "" when not at home."""
    if not x.home_program:
        return ""
    often = home.frequency_for(x.exercise.key)
    return f"home program: {often}" if often else "home program"


def _category(code: str) -> dict[str, Any]:
    return {"coding": [{"system": _sys("observation_category"), "code": code}]}


def _loinc(key: str) -> dict[str, str]:
    entry = codes()["loinc"][key]
    return {"system": _sys("loinc"), "code": entry["code"], "display": entry["display"]}


def _measure_code(key: str, display: str) -> dict[str, str]:
    return {"system": _sys("measure"), "code": key, "display": display}


def _assessment(b: _Bundle, a: Assessment, pref: str, eref: str,
                users: dict[int, User]) -> None:
    inst = outcomes.get_instrument(a.instrument)
    coding = [_measure_code(inst.key, inst.name)]
    if inst.key in codes()["loinc"]:
        coding.insert(0, _loinc(inst.key))
    obs: dict[str, Any] = {
        "extension": [{"url": _sys("timepoint_extension"), "valueCode": a.timepoint}],
        "status": "final",
        "category": [_category("exam" if inst.category == "performance" else "survey")],
        "code": {"coding": coding, "text": inst.name},
        "subject": {"reference": pref},
        "focus": [{"reference": eref}],
        "effectiveDateTime": a.assessed_on.isoformat(),
        "valueQuantity": _quantity(a.total, inst.unit),
        "method": {"text": f"{inst.short_name} ({a.instrument_version or inst.version}); "
                           f"timepoint {TIMEPOINTS.get(a.timepoint, a.timepoint)}"},
    }
    author = users.get(a.created_by_id) if a.created_by_id else None
    if author is not None:
        obs["performer"] = [{"reference": _practitioner(b, "", "", author)}]
    if a.band:
        obs["interpretation"] = [{"text": a.band}]
    notes = [f for f in (a.flags or []) if isinstance(f, str)]
    if a.notes:
        notes.append(a.notes)
    if notes:
        obs["note"] = [{"text": n} for n in notes]
    components = []
    for name, value in sorted((a.subscales or {}).items()):
        components.append({"code": {"coding": [_measure_code(f"{inst.key}.{name}",
                                                             f"{inst.name}: {name}")],
                                    "text": name.replace("_", " ")},
                           "valueQuantity": _quantity(value, inst.unit)})
    if isinstance(a.answers, dict):
        for name, value in a.answers.items():
            spec = codes()["fields"].get(name)
            if spec is None or value is None:
                continue
            components.append({"code": {"coding": [_measure_code(
                f"{inst.key}.{name}", f"{inst.name}: {spec['display']}")],
                "text": spec["display"]}, "valueQuantity": _quantity(value, spec["unit"])})
        if isinstance(a.answers.get("pace"), str):
            components.append({"code": {"coding": [_measure_code(
                f"{inst.key}.pace", f"{inst.name}: pace")], "text": "pace"},
                "valueString": a.answers["pace"]})
    if components:
        obs["component"] = components
    if isinstance(a.answers, list) and a.answers:
        obs["derivedFrom"] = [{"reference": _questionnaire_response(b, a, inst, pref)}]
    b.add("Observation", f"assessment/{a.id}", obs)


def _questionnaire(b: _Bundle, inst: outcomes.Instrument, count: int) -> str:
    url = _sys("questionnaire") + inst.key
    topics = list(inst.items) or [f"activity {i + 1}" for i in range(inst.max_items or count)]
    b.add("Questionnaire", f"q/{inst.key}", {
        "url": url, "version": inst.version, "name": "".join(
            ch for ch in inst.short_name.title() if ch.isalnum()) or inst.key,
        "title": inst.name, "status": "active",
        "description": "Item topics in our own words; the licensed item wording is not "
                       "reproduced. Scoring: " + (inst.skip_rule or inst.kind),
        "item": [{"linkId": str(i + 1), "text": t,
                  "type": "integer" if inst.integer else "decimal"}
                 for i, t in enumerate(topics)],
    })
    return url


def _questionnaire_response(b: _Bundle, a: Assessment, inst: outcomes.Instrument,
                            pref: str) -> str:
    answers = list(a.answers) if isinstance(a.answers, list) else []
    url = _questionnaire(b, inst, len(answers))
    topics = list(inst.items)
    items = []
    for i, value in enumerate(answers):
        if value is None:  # a skipped item: no answer is exported, the item is left out
            continue
        item: dict[str, Any] = {"linkId": str(i + 1)}
        if i < len(topics):
            item["text"] = topics[i]
        number = _decimal(value)
        item["answer"] = [{"valueInteger": number} if isinstance(number, int)
                          else {"valueDecimal": number}]
        items.append(item)
    return b.add("QuestionnaireResponse", f"assessment/{a.id}", {
        "questionnaire": url, "status": "completed", "subject": {"reference": pref},
        "authored": a.assessed_on.isoformat(), "item": items,
    })


def _goal(b: _Bundle, g: Goal, pref: str, cond: str) -> None:
    status = codes()["goal_status"].get(g.status, codes()["goal_status"]["open"])
    res: dict[str, Any] = {
        "lifecycleStatus": status["lifecycle"],
        "achievementStatus": {"coding": [{"system": _sys("goal_achievement"),
                                          "code": status["achievement"]}],
                              "text": g.status.replace("_", " ")},
        "description": {"text": g.text},
        "subject": {"reference": pref},
        "addresses": [{"reference": cond}],
    }
    if g.term:
        res["category"] = [{"text": f"{g.term}-term goal"}]
    if g.status_reason:
        res["statusReason"] = g.status_reason
    target: dict[str, Any] = {}
    if g.instrument:  # a goal tied to a measure: the measure and its target value
        inst = outcomes.get_instrument(g.instrument)
        coding = [_measure_code(inst.key, inst.name)]
        if inst.key in codes()["loinc"]:
            coding.insert(0, _loinc(inst.key))
        target["measure"] = {"coding": coding, "text": inst.name}
        if g.target is not None:
            target["detailQuantity"] = _quantity(g.target, inst.unit)
        if g.baseline is not None:
            res["note"] = [{"text": f"baseline {outcomes.format_score(inst.key, g.baseline)} "
                                    f"{inst.unit}; {inst.better} is better"}]
    if g.status == "revised":
        from ..services.goals import revision_words

        words = revision_words(g)
        res.setdefault("note", []).append({"text": "goal revised" + (f" {words}" if words
                                                                      else "")})
    if g.target_date:
        target["dueDate"] = g.target_date.isoformat()
    if target:
        res["target"] = [target]
    b.add("Goal", g.id, res)


def _code_systems(b: _Bundle, session: Session) -> None:
    """Define every local code the bundle uses, so a reader needs nothing else."""
    used: dict[str, dict[str, str]] = {}
    for entry in b.entries.values():
        _collect_codes(entry["resource"], used)
    titles = {"measure": "MASH Desktop outcome measures, subscales and raw fields",
              "intervention": "MASH Desktop protocol catalog (interventions)",
              "arm": "MASH trial arms",
              "document_kind": "MASH Desktop signed document kinds",
              "discharge_outcome": "MASH Desktop discharge outcomes"}
    for name, title in titles.items():
        concepts = used.get(_sys(name))
        if not concepts:
            continue
        b.add("CodeSystem", name, {
            "url": _sys(name), "name": "MashDesktop" + name.title().replace("_", ""),
            "title": title,
            "status": "active", "caseSensitive": True, "content": "fragment",
            "concept": [{"code": c, "display": d} for c, d in sorted(concepts.items())],
        })


def _collect_codes(node: Any, used: dict[str, dict[str, str]]) -> None:
    if isinstance(node, dict):
        if "system" in node and "code" in node and isinstance(node.get("code"), str):
            used.setdefault(node["system"], {})[node["code"]] = str(node.get("display",
                                                                             node["code"]))
        for value in node.values():
            _collect_codes(value, used)
    elif isinstance(node, list):
        for value in node:
            _collect_codes(value, used)


# ---- validation and writing --------------------------------------------------------------
def references(node: Any) -> Iterable[str]:
    """Every ``reference`` string anywhere in a resource (or bundle)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def validate(bundle: dict[str, Any]) -> None:
    """Structure and types by fhir.resources R4B (every resource, shape by shape: see
    :mod:`.fhir_validation`); required status codes and references resolving inside the
    bundle by us. Raises FhirExportError with the first problem."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError as PydanticError

    from .fhir_validation import FhirInvalid, validate_entries

    try:
        Bundle.model_validate({k: x for k, x in bundle.items() if k != "entry"})
        validate_entries(bundle.get("entry", []))
    except PydanticError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise FhirExportError({"bundle": f"is not valid FHIR R4B at {where}: "
                                         f"{first['msg']}"}) from None
    except FhirInvalid as exc:
        raise FhirExportError({"bundle": f"is not valid FHIR R4B at {exc.where}: "
                                         f"{exc.message}"}) from None
    required = codes()["required_codes"]
    urls = {e["fullUrl"] for e in bundle.get("entry", [])}
    for entry in bundle.get("entry", []):
        res = entry["resource"]
        kind = res["resourceType"]
        for field, options in required.get(kind, {}).items():
            if field in res and res[field] not in options:
                raise FhirExportError({"bundle": f"{kind} {res['id']} has {field} "
                                                 f"{res[field]!r}, not one of the FHIR codes"})
        for ref in references(res):
            if ref not in urls:
                raise FhirExportError({"bundle": f"{kind} {res['id']} refers to {ref}, "
                                                 "which is not in the bundle"})


def export_bundle(session: Session, path: str | Path, mrn: str | None = None,
                  episode_id: int | None = None, actor: Acting | None = None,
                  force: bool = False) -> dict[str, int]:
    """Build, validate and write the bundle; returns the count of each resource type."""
    from ..services.access import authorize

    actor = authorize(session, actor, "export")
    check_file_target(path, force)  # refuse a bad target before any work
    patients, only_episode = _select(session, mrn, episode_id)
    bundle = _build(session, patients, only_episode, actor)
    # compact: the C encoder (an indented dump runs in Python, 3x slower for a clinic)
    write_bytes(path, json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
                .encode("utf-8"), force)
    counts: dict[str, int] = {}
    for e in bundle.get("entry", []):
        kind = e["resource"]["resourceType"]
        counts[kind] = counts.get(kind, 0) + 1
    patient_id = patients[0].id if len(patients) == 1 else None
    audit.record(session, actor, "export", "fhir", episode_id, patient_id=patient_id,
                 changes={"entries": [None, sum(counts.values())]})
    return counts
