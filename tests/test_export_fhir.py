"""FHIR R4B export: what a referring physician's EHR receives must be valid and complete."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.interop.fhir import (
    FhirExportError,
    build_bundle,
    codes,
    references,
    validate,
)
from mash_desktop.models import (
    Assessment,
    EducationItem,
    Episode,
    ExerciseDose,
    Goal,
    ManualTherapyDose,
    Patient,
    VisitNote,
)

EXPECTED_TYPES = {"Patient", "Practitioner", "Condition", "EpisodeOfCare", "Encounter",
                  "Procedure", "Observation", "QuestionnaireResponse", "Questionnaire", "Goal",
                  "CodeSystem"}


@pytest.fixture(scope="module")
def demo_bundle(demo_template: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> dict[str, Any]:
    """The whole demo clinic as one bundle, built once for the checks that only read it."""
    from mash_desktop.db.migrate import backup_sqlite
    from mash_desktop.services.startup import open_clinic

    path = tmp_path_factory.mktemp("fhir") / "demo.db"
    backup_sqlite(demo_template, path)
    database = open_clinic(f"sqlite:///{path}")
    with database.session() as s:
        bundle = build_bundle(s)
    database.dispose()
    return bundle


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_demo_bundle_validates_resource_by_resource_with_fhir_resources_r4b(
        demo_bundle) -> None:  # noqa: ANN001
    from fhir.resources.R4B import get_fhir_model_class

    assert demo_bundle["resourceType"] == "Bundle" and demo_bundle["type"] == "collection"
    kinds = {e["resource"]["resourceType"] for e in demo_bundle["entry"]}
    assert kinds >= EXPECTED_TYPES
    for kind in kinds:  # each resource type parses as itself, not only inside the bundle
        model = get_fhir_model_class(kind)
        for res in of_type(demo_bundle, kind):
            model.model_validate(res)


def test_every_reference_resolves_inside_the_bundle(demo_bundle) -> None:  # noqa: ANN001
    urls = [e["fullUrl"] for e in demo_bundle["entry"]]
    assert len(urls) == len(set(urls))
    refs = list(references(demo_bundle))
    assert refs and set(refs) <= set(urls)
    for e in demo_bundle["entry"]:
        assert e["fullUrl"] == f"urn:uuid:{e['resource']['id']}"


def test_one_resource_per_record(demo_db, demo_bundle) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        count = lambda q: s.scalar(select(func.count()).select_from(q))  # noqa: E731
        assert len(of_type(demo_bundle, "Patient")) == count(Patient)
        assert len(of_type(demo_bundle, "EpisodeOfCare")) == count(Episode)
        assert len(of_type(demo_bundle, "Encounter")) == s.scalar(
            select(func.count(VisitNote.id)).where(VisitNote.status == "attended"))
        attended = select(VisitNote.id).where(VisitNote.status == "attended")
        doses = sum(s.scalar(select(func.count(m.id)).where(m.visit_id.in_(attended)))
                    for m in (ManualTherapyDose, ExerciseDose, EducationItem))
        assert len(of_type(demo_bundle, "Procedure")) == doses
        assert len(of_type(demo_bundle, "Goal")) == count(Goal)
        scored = count(Assessment)
        list_answers = s.scalar(select(func.count(Assessment.id)).where(
            Assessment.instrument.in_(["qbpds", "pcs", "phq9"])))
    assessment_obs = [o for o in of_type(demo_bundle, "Observation") if "extension" in o]
    assert len(assessment_obs) == scored
    assert len(of_type(demo_bundle, "QuestionnaireResponse")) == list_answers


def test_loinc_only_where_the_domain_file_marks_it_verified(demo_bundle) -> None:  # noqa: ANN001
    text = json.dumps(demo_bundle)
    assert "41957-2" not in text  # a wearable metric, never clinic gait speed
    verified = {v["code"] for v in codes()["loinc"].values() if v["status"] == "V"}
    seen = set()
    for obs in of_type(demo_bundle, "Observation"):
        for coding in obs["code"]["coding"]:
            if coding["system"] == "http://loinc.org":
                seen.add(coding["code"])
        measure = [c["code"] for c in obs["code"]["coding"]
                   if c["system"] == codes()["systems"]["measure"]]
        if measure and measure[0] in {"gait_speed", "6mwt", "tug", "qbpds", "pcs"}:
            assert all(c["system"] != "http://loinc.org" for c in obs["code"]["coding"])
    assert seen == verified == {"72514-3"}


def test_quantities_carry_ucum_units(demo_bundle) -> None:  # noqa: ANN001
    for obs in of_type(demo_bundle, "Observation"):
        quantities = [obs["valueQuantity"]] + [c["valueQuantity"] for c in
                                               obs.get("component", []) if "valueQuantity" in c]
        for q in quantities:
            assert q["system"] == "http://unitsofmeasure.org" and q["code"]
    speed = next(o for o in of_type(demo_bundle, "Observation")
                 if o["code"]["text"] == "10 m walk, usual pace")
    assert speed["valueQuantity"]["code"] == "m/s"
    parts = {c["code"]["text"]: c for c in speed["component"]}
    assert parts["timed distance"]["valueQuantity"]["code"] == "m"
    assert parts["time"]["valueQuantity"]["code"] == "s"
    assert speed["valueQuantity"]["value"] == pytest.approx(
        parts["timed distance"]["valueQuantity"]["value"] / parts["time"]["valueQuantity"]
        ["value"], abs=1e-6)


def test_subscales_are_components_and_item_answers_a_questionnaire_response(
        demo_db, demo_bundle) -> None:  # noqa: ANN001
    by_url = {e["fullUrl"]: e["resource"] for e in demo_bundle["entry"]}
    pcs = [o for o in of_type(demo_bundle, "Observation") if o["code"]["text"].startswith(
        "Pain Catastrophizing")]
    assert pcs
    with demo_db.session() as s:
        for obs in pcs:
            names = {c["code"]["text"] for c in obs["component"]}
            assert names == {"helplessness", "rumination", "magnification"}
            qr = by_url[obs["derivedFrom"][0]["reference"]]
            answers = [i["answer"][0]["valueInteger"] for i in qr["item"]]
            # two patients may score the same total on the same day: any of them matches
            stored = list(s.scalars(select(Assessment.answers).where(
                Assessment.instrument == "pcs",
                Assessment.assessed_on == obs["effectiveDateTime"],
                Assessment.total == obs["valueQuantity"]["value"])))
            assert answers in stored
            assert qr["questionnaire"] in {q["url"] for q in of_type(demo_bundle,
                                                                      "Questionnaire")}


def test_exporting_again_gives_the_same_ids(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        first = [e["fullUrl"] for e in build_bundle(s, mrn="DEMO-002")["entry"]]
    with demo_db.session() as s:
        again = [e["fullUrl"] for e in build_bundle(s, mrn="DEMO-002")["entry"]]
    assert first == again


def test_two_clinics_never_share_ids(demo_db, db) -> None:  # noqa: ANN001
    from mash_desktop.services.patients import create_patient

    values = {"mrn": "DEMO-002", "first_name": "Same", "last_name": "Record",
              "date_of_birth": "1950-01-01", "sex": "female"}
    with db.session() as s:
        create_patient(s, values)
    with demo_db.session() as s:
        a = build_bundle(s, mrn="DEMO-002")["entry"][0]["fullUrl"]
    with db.session() as s:
        b = build_bundle(s, mrn="DEMO-002")["entry"][0]["fullUrl"]
    assert a != b


def test_one_patient_or_one_episode(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        one = build_bundle(s, mrn="DEMO-003")
        episode = s.scalar(select(Episode.id).join(Patient).where(Patient.mrn == "DEMO-005"))
        ep = build_bundle(s, episode_id=episode)
    patients = of_type(one, "Patient")
    assert [p["identifier"][0]["value"] for p in patients] == ["DEMO-003"]
    assert len(of_type(ep, "EpisodeOfCare")) == 1
    assert of_type(ep, "Patient")[0]["identifier"][0]["value"] == "DEMO-005"


def test_validation_catches_what_the_library_does_not(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        demo_bundle = build_bundle(s, mrn="DEMO-004")
    dangling = copy.deepcopy(demo_bundle)
    obs = next(e for e in dangling["entry"] if e["resource"]["resourceType"] == "Observation")
    obs["resource"]["subject"]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    with pytest.raises(FhirExportError, match="not in the bundle"):
        validate(dangling)
    bad_status = copy.deepcopy(demo_bundle)
    enc = next(e for e in bad_status["entry"] if e["resource"]["resourceType"] == "Encounter")
    enc["resource"]["status"] = "done"  # accepted by fhir.resources, not a FHIR code
    with pytest.raises(FhirExportError, match="status"):
        validate(bad_status)
    gender = copy.deepcopy(demo_bundle)
    gender["entry"][0]["resource"]["gender"] = "woman"
    with pytest.raises(FhirExportError, match="gender 'woman'"):
        validate(gender)
    malformed = copy.deepcopy(demo_bundle)
    malformed["entry"][0]["resource"]["birthDate"] = "16/08/1962"
    with pytest.raises(FhirExportError, match="not valid FHIR R4B at entry.0.resource.birthDate"):
        validate(malformed)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_a_bundle_for_one_patient(demo_db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "p.json"
    code, text, _ = run(capsys, "--db", str(demo_db.path), "export", "--format", "fhir",
                        "--patient", "DEMO-001", "--out", str(out))
    assert code == 0 and "FHIR R4B bundle" in text
    bundle = json.loads(out.read_text(encoding="utf-8"))
    validate(bundle)
    assert len(of_type(bundle, "Patient")) == 1


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "unknown export format 'xml'"),
    (["--format", "fhir", "--patient", "NOPE"], "No patient with MRN 'NOPE'"),
    (["--format", "fhir", "--episode", "99999"], "No episode with id 99999"),
    (["--format", "json", "--patient", "DEMO-001"], "use them with --format fhir"),
])
def test_bad_export_requests_give_one_line_and_no_file(demo_db, tmp_path: Path, capsys,
                                                       args: list[str], message: str) -> None:  # noqa: ANN001
    out = tmp_path / "x.json"
    code, _, err = run(capsys, "--db", str(demo_db.path), "export", *args, "--out", str(out))
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_unwritable_out_gives_one_line_and_no_partial_file(demo_db, tmp_path: Path,
                                                           capsys) -> None:  # noqa: ANN001
    missing = tmp_path / "no-such-folder" / "x.json"
    code, _, err = run(capsys, "--db", str(demo_db.path), "export", "--format", "fhir",
                       "--out", str(missing))
    assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run(capsys, "--db", str(demo_db.path), "export", "--format", "fhir",
                       "--out", str(folder))
    assert code == 1 and "is a folder" in err
    assert list(folder.iterdir()) == [] and list(tmp_path.glob(".*tmp")) == []


def test_a_goal_tied_to_a_measure_names_it_as_the_target(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services.goals import goal_rows, set_goals

    with demo_db.session() as s:
        episode = s.scalar(select(Episode.id).join(Patient).where(Patient.mrn == "DEMO-001"))
        # the demo's own goals are reported in signed notes, so they stay
        set_goals(s, episode, [*goal_rows(s, episode),
                               {"text": "Less disability in daily tasks", "term": "long",
                                "instrument": "qbpds", "target": 18},
                               {"text": "Sleep through the night", "term": "short"}])
        bundle = build_bundle(s, episode_id=episode)
    goals = {g["description"]["text"]: g for g in of_type(bundle, "Goal")}
    tied = goals["Less disability in daily tasks"]["target"][0]
    assert tied["measure"]["coding"][0]["code"] == "qbpds"
    assert tied["detailQuantity"]["value"] == 18 and tied["detailQuantity"]["code"] == "{score}"
    assert "target" not in goals["Sleep through the night"]


def test_an_empty_clinic_exports_a_valid_empty_bundle(db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "empty.json"
    code, _, _ = run(capsys, "--db", str(db.path), "export", "--format", "fhir", "--out",
                     str(out))
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and "entry" not in bundle
    validate(bundle)


def _second_of_its_shape(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    """A resource whose shape an earlier resource already had: the fast validator checks
    only its values, so these mutations test that path, not the whole-model one."""
    from mash_desktop.interop.fhir_validation import shape

    seen = set()
    for e in bundle["entry"]:
        res = e["resource"]
        if res["resourceType"] != kind:
            continue
        key = shape(res, [])
        if key in seen:
            return res
        seen.add(key)
    raise AssertionError(f"no two {kind} resources share a shape")


MUTATIONS = {  # what fhir.resources says of each: True = refused
    "a date-time that is no date": ("Procedure", "performedDateTime", "2026-13-45", True),
    "a code with a leading space": ("Procedure", "status", " completed", True),
    "an id with a space": ("Procedure", "id", "not an id", True),
    "a uri with a space (allowed by fhir.resources)": (
        "Procedure", "code", {"coding": [{"system": "a b", "code": "x"}]}, False),
    "an element FHIR does not have": ("Procedure", "dose", "3 x 10", True),
    "a missing required element": ("Encounter", "status", None, True),
    "an object where a list belongs": ("Observation", "category", {"text": "x"}, True),
    "an empty string (allowed by fhir.resources)": ("Procedure", "note", [{"text": ""}],
                                                    False),
}


@pytest.mark.parametrize("what", MUTATIONS)
def test_fast_validation_refuses_what_fhir_resources_refuses(demo_bundle, what: str) -> None:  # noqa: ANN001
    """The bundle is validated shape by shape (seconds for a clinic, not minutes); it must
    still refuse exactly what fhir.resources' own Bundle validation refuses."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError as PydanticError

    bundle = copy.deepcopy(demo_bundle)
    kind, key, value, refused = MUTATIONS[what]
    res = _second_of_its_shape(bundle, kind)
    if value is None:
        del res[key]
    else:
        res[key] = value
    if not refused:
        Bundle.model_validate(bundle)
        validate(bundle)
        return
    with pytest.raises(PydanticError):
        Bundle.model_validate(bundle)
    with pytest.raises(FhirExportError, match="not valid FHIR R4B at entry"):
        validate(bundle)


def test_fast_validation_checks_every_resource_but_builds_one_model_per_shape(
        demo_bundle) -> None:  # noqa: ANN001
    from fhir.resources.R4B.bundle import Bundle

    from mash_desktop.interop.fhir_validation import validate_entries

    Bundle.model_validate(demo_bundle)   # the library accepts the real bundle, and so do we
    validate(demo_bundle)

    checked = validate_entries(demo_bundle["entry"])
    assert 0 < checked.full == len(checked.plans) < len(demo_bundle["entry"]) / 5


def test_signed_documents_are_document_references_with_the_stored_bytes(demo_db) -> None:  # noqa: ANN001
    """Issue 17: the exact signed PDF, its SHA-1 (FHIR's Attachment.hash) and our SHA-256,
    the signer as author, superseded versions and addenda linked."""
    import base64
    import hashlib

    from mash_desktop.services.documents import sign_addendum, sign_document
    from tests.test_signed_documents import _users

    with demo_db.session() as s:
        u = _users(s)
        v1 = sign_document(s, 1, "discharge", u["dana"])
        v2 = sign_document(s, 1, "discharge", u["dana"])
        add = sign_addendum(s, v2.id, "Late entry: letter sent to Dr. Rao.", u["dana"])
        hep = sign_document(s, 1, "hep", u["pat"])
        stored = {d.id: (bytes(d.pdf), d.sha256) for d in (v1, v2, add, hep)}
        bundle = build_bundle(s, episode_id=1, actor=u["dana"])
        again = build_bundle(s, episode_id=1, actor=u["dana"])
    validate(bundle)
    refs = of_type(bundle, "DocumentReference")
    assert [r["id"] for r in refs] == [r["id"] for r in of_type(again, "DocumentReference")]
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    by_sha = {r["identifier"][0]["value"]: r for r in refs}
    assert set(by_sha) == {sha for _pdf, sha in stored.values()}
    for pdf, sha in stored.values():
        att = by_sha[sha]["content"][0]["attachment"]
        assert base64.b64decode(att["data"]) == pdf and att["size"] == len(pdf)
        assert att["contentType"] == "application/pdf"
        assert base64.b64decode(att["hash"]) == hashlib.sha1(pdf).digest()
    first, second, addendum = (by_sha[stored[d.id][1]] for d in (v1, v2, add))
    assert first["status"] == "superseded" and second["status"] == "current"
    assert second["relatesTo"] == [{"code": "replaces", "target": {
        "reference": urls[first["id"]]}}]
    assert addendum["relatesTo"] == [{"code": "appends", "target": {
        "reference": urls[second["id"]]}}]
    patient = of_type(bundle, "Patient")[0]
    episode = of_type(bundle, "EpisodeOfCare")[0]
    practitioners = {urls[p["id"]]: p["name"][0]["text"]
                     for p in of_type(bundle, "Practitioner")}
    for r in refs:
        assert r["subject"]["reference"] == urls[patient["id"]]
        assert r["context"]["encounter"] == [{"reference": urls[episode["id"]]}]
        assert r["context"]["period"]["start"] == episode["period"]["start"]
    assert practitioners[second["author"][0]["reference"]] == "Dana Whitaker"
    assert second["authenticator"] == second["author"][0]
    assert second["date"] == v2.signed_at.isoformat() + "Z"
    hep_ref = by_sha[stored[hep.id][1]]
    assert practitioners[hep_ref["author"][0]["reference"]] == "Pat Assistant"


def test_discharge_outcome_and_home_frequency_travel_with_the_episode(demo_db) -> None:  # noqa: ANN001
    """How an episode ended and how often each exercise is done at home are part of the
    plan of care (BPM ch. 15 §220.1.2); EpisodeOfCare and Procedure have no element for
    them, so they ride in our extension and the dose note."""
    from mash_desktop.models import ExerciseDose

    with demo_db.session() as s:
        dose = s.scalars(select(ExerciseDose).join(VisitNote)
                         .where(VisitNote.status == "attended")
                         .order_by(ExerciseDose.id)).first()
        assert dose is not None
        dose.home_program = True
        ep = dose.visit.episode
        ep.discharge_kind, ep.discharge_reason = "goals_met", "Walks to the shops again"
        ep.hep_times_per_day, ep.hep_days_per_week = 1, 3
        ep.hep_exercises = {dose.exercise.key: {"times_per_day": 2, "days_per_week": 5}}
        s.flush()
        bundle = build_bundle(s, episode_id=ep.id)
        key = dose.exercise.key
    eoc = of_type(bundle, "EpisodeOfCare")[0]
    (outcome,) = eoc["extension"]
    parts = {x["url"]: x for x in outcome["extension"]}
    assert parts["outcome"]["valueCoding"]["code"] == "goals_met"
    assert parts["outcome"]["valueCoding"]["display"] == "Goals met"
    assert parts["reason"]["valueString"] == "Walks to the shops again"
    at_home = [p["note"][0]["text"] for p in of_type(bundle, "Procedure")
               if p["code"]["coding"][-1]["code"] == key and "home program" in p["note"][0]["text"]]
    assert at_home and all("home program: Twice a day, 5 days a week" in t for t in at_home)
    systems = {c["url"] for c in of_type(bundle, "CodeSystem")}
    assert codes()["systems"]["discharge_outcome"] in systems
    validate(bundle)
