"""Signed documents are records (issue 12): drafts say so on every page, only a licensed
clinician with the right role signs, the stored bytes come back identical, and damage
is caught."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Document, Episode, ProgressReport, VisitNote
from mash_desktop.reports import generate
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.checks import run_checks
from mash_desktop.services.documents import get_document, list_documents, sign_document
from mash_desktop.services.goals import goal_progress
from mash_desktop.services.users import create_user, update_user

PASSWORD = "correct horse 1"


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def _users(s) -> dict:  # noqa: ANN001
    admin = create_user(s, {"username": "boss", "full_name": "Alex Admin",
                            "password": PASSWORD})
    users = {"admin": admin}
    for name, full, cred, role, extra in (
            ("dana", "Dana Whitaker", "PT, DPT", "clinician",
             {"licence_number": "PT-012345", "npi": "1234567893"}),
            ("pat", "Pat Assistant", "PTA", "assistant", {}),
            ("ada", "Ada Admin-Therapist", "DPT", "admin", {})):
        users[name] = create_user(s, {"username": name, "full_name": full, "credentials": cred,
                                      "role": role, "password": PASSWORD, **extra}, admin)
    return users


@pytest.mark.parametrize("kind", ["discharge", "progress", "hep", "interim"])
def test_a_draft_says_draft_on_every_page_and_names_no_signer(demo_db, kind: str) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        texts = pages(generate(kind, s, 1))
    assert len(texts) >= 2
    for text in texts:
        assert "DRAFT — not signed" in text
    whole = "\n".join(texts)
    assert "Electronically signed" not in whole and "Dana Whitaker" not in whole
    assert "_____" not in whole  # no signature line that could pass for signed


def test_signing_rights_follow_role_and_credentials(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        with pytest.raises(PermissionDenied, match="signed by a DPT or PT"):
            sign_document(s, 1, "discharge", u["admin"])         # admin, no credentials
        with pytest.raises(PermissionDenied, match="may not sign a discharge summary"):
            sign_document(s, 1, "discharge", u["pat"])           # assistant
        with pytest.raises(PermissionDenied, match="may not sign a progress report"):
            sign_document(s, 1, "progress", u["pat"], texts={"assessment": "x"})
        with pytest.raises(PermissionDenied, match="--user"):
            sign_document(s, 1, "discharge", None)               # nobody
        assert s.scalar(select(func.count()).select_from(Document)) == 0
        hep = sign_document(s, 1, "hep", u["pat"])               # a handout: PTA may sign
        interim = sign_document(s, 2, "interim", u["pat"])
        doc = sign_document(s, 1, "discharge", u["ada"])         # admin who is a DPT
        update_user(s, u["ada"].id, {"credentials": ""}, u["admin"])
        with pytest.raises(PermissionDenied):
            sign_document(s, 1, "discharge", u["ada"])
        assert {hep.kind, interim.kind, doc.kind} == {"hep", "interim", "discharge"}
    text = "\n".join(pages(doc.pdf))
    assert "DRAFT" not in text
    assert "Electronically signed by Ada Admin-Therapist, DPT" in text
    assert f"Signed {doc.signed_at:%Y-%m-%d %H:%M} UTC" in text
    assert "Interim progress report (assistant)" in "\n".join(pages(interim.pdf))


def test_signature_block_prints_licence_npi_and_moment(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        doc = sign_document(s, 1, "discharge", u["dana"])
    text = "\n".join(pages(doc.pdf))
    assert "Electronically signed by Dana Whitaker, PT, DPT" in text
    assert "Licence PT-012345 · NPI 1234567893" in text
    assert f"Signed {doc.signed_at:%Y-%m-%d %H:%M} UTC" in text


def test_a_new_signature_is_a_new_version_never_an_overwrite(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        first = sign_document(s, 1, "discharge", u["dana"])
        second = sign_document(s, 1, "discharge", u["dana"])
        first_bytes = first.pdf
        assert (second.version, second.supersedes_id) == (2, first.id)
        _info, again = get_document(s, first.id, u["dana"])
    assert again == first_bytes


def test_progress_report_needs_the_assessment_and_lists_every_goal(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        reports_before = s.scalar(select(func.count()).select_from(ProgressReport))
        with pytest.raises(ValidationError) as err:
            sign_document(s, 8, "progress", u["dana"], texts={"assessment": "  "})
        assert "assessment" in err.value.errors
        assert s.scalar(select(func.count()).select_from(Document)) == 0
        assert s.scalar(select(func.count()).select_from(ProgressReport)) == reports_before
        goals = goal_progress(s, 8)
        doc = sign_document(s, 8, "progress", u["dana"], texts={
            "assessment": "Progressing toward every goal; hip strength improving.",
            "plan": "Continue 2x/week; add step-ups."})
        episode = s.get(Episode, 8)
        # the period ends on the last treatment day before signing (BPM §220.3 D: the
        # days the report covers), and starts the day after the episode's last recorded
        # progress report (the demo records one at each progress visit), else at the
        # episode's start
        end = s.scalar(select(func.max(VisitNote.visit_date)).where(
            VisitNote.episode_id == 8, VisitNote.status == "attended",
            VisitNote.visit_date <= doc.signed_at.date()))
        previous = s.scalar(select(func.max(ProgressReport.report_date)).where(
            ProgressReport.episode_id == 8, ProgressReport.report_date < end))
        start = previous + timedelta(days=1) if previous else episode.start_date
        why = (f"the day after the previous report of {previous.isoformat()}" if previous
               else "the start of the episode")
        stored = s.scalar(select(ProgressReport).order_by(ProgressReport.id.desc()).limit(1))
    text = " ".join(pages(doc.pdf)).replace("\n", " ")
    assert goals and all(f"#{g.goal_id} " in text for g in goals)
    assert f"From {start.isoformat()} ({why}) to {end.isoformat()}" in text
    assert "Progressing toward every goal" in text and "add step-ups" in text
    assert stored.summary.startswith("Progressing") and stored.visits_covered > 0
    assert stored.report_date == end
    assert (doc.period_start, doc.period_end) == (start, end)


def test_cli_sign_writes_the_stored_document_and_get_returns_it_byte_identical(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        _users(s)
    url = str(demo_db.path)
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    signed = tmp_path / "signed.pdf"
    assert main(["--db", url, "--user", "dana", "report", "discharge", "--episode", "1",
                 "--out", str(signed), "--sign"]) == 0
    assert main(["--db", url, "documents", "--episode", "1", "--json"]) == 1  # sign in
    assert "sign in with --user NAME" in capsys.readouterr().err
    assert main(["--db", url, "--user", "pat", "documents", "--episode", "1", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in listed] == ["discharge"]
    assert listed[0]["sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert listed[0]["signed_by"] == "Dana Whitaker, PT, DPT"
    again = tmp_path / "again.pdf"
    assert main(["--db", url, "--user", "pat", "documents", "--get", str(listed[0]["id"]), "--out",
                 str(again)]) == 0
    assert again.read_bytes() == signed.read_bytes()
    refused = tmp_path / "refused.pdf"
    assert main(["--db", url, "--user", "pat", "report", "discharge", "--episode", "1",
                 "--out", str(refused), "--sign"]) == 1
    err = capsys.readouterr().err
    assert not refused.exists() and "no report written" in err and len(err.splitlines()) == 1


def test_damaged_or_missing_document_gives_a_message_and_check_finds_it(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        doc_id = sign_document(s, 1, "discharge", u["dana"]).id
    with demo_db.session() as s:
        s.get(Document, doc_id).pdf = b"%PDF-tampered"
    with demo_db.session() as s:
        with pytest.raises(ValidationError, match="damaged"):
            get_document(s, doc_id, u["dana"])
        problems = [p for r in run_checks(s) for p in r.problems]
        assert list_documents(s, 1, u["dana"])[0].id == doc_id
    assert any(p.startswith(f"signed document {doc_id} (Discharge summary, episode 1): its "
                            "stored bytes do not match the SHA-256") for p in problems), problems
    out = tmp_path / "x.pdf"
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    signed_in = ["--db", str(demo_db.path), "--user", "dana"]
    assert main([*signed_in, "documents", "--get", str(doc_id), "--out", str(out)]) == 1
    assert main([*signed_in, "documents", "--get", "999", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert not out.exists() and "damaged" in err and "No signed document with id 999" in err
    assert "Traceback" not in err


def test_home_program_frequency_is_the_plans_on_the_handout_and_discharge_summary(
        demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        episode = s.get(Episode, 1)
        episode.hep_times_per_day, episode.hep_days_per_week = 2, 5
        s.flush()
        hep = " ".join(pages(generate("hep", s, 1))).replace("\n", " ")
        dc = " ".join(pages(generate("discharge", s, 1))).replace("\n", " ")
    assert "How often: Twice a day, 5 days a week." in hep
    assert "how often: Twice a day, 5 days a week." in dc
    assert "5 days each week" not in hep and "illustration" not in hep


def test_export_and_import_keep_signed_documents_byte_identical(demo_db, db) -> None:  # noqa: ANN001
    from mash_desktop.services.transfer import export_data, import_data

    with demo_db.session() as s:
        u = _users(s)
        doc = sign_document(s, 1, "discharge", u["dana"])
        original = (doc.id, doc.pdf, doc.sha256)
    with demo_db.session() as s:
        data = json.loads(json.dumps(export_data(s, u["admin"])))
    episode = data["patients"][0]["episodes"][0]
    assert episode["documents"][0]["sha256"] == original[2]
    with db.session() as s:
        import_data(s, data)
    with db.session() as s:  # a new clinic without accounts: its local user reads it
        info, pdf = get_document(s, original[0])
        assert not [p for r in run_checks(s) for p in r.problems]  # hashes made anew
    assert pdf == original[1] and info.sha256 == original[2]


def test_import_refuses_a_tampered_signed_document(demo_db, db) -> None:  # noqa: ANN001
    from mash_desktop.services.transfer import export_data, import_data

    with demo_db.session() as s:
        u = _users(s)
        sign_document(s, 1, "discharge", u["dana"])
    with demo_db.session() as s:
        data = json.loads(json.dumps(export_data(s, u["admin"])))
    doc = data["patients"][0]["episodes"][0]["documents"][0]
    doc["pdf"] = doc["pdf"][:-8] + "AAAAAAAA"
    with db.session() as s, pytest.raises(ValidationError, match="damaged"):
        import_data(s, data)


def test_a_signed_documents_record_is_covered_by_its_hash(demo_db, db) -> None:  # noqa: ANN001
    """Changing who signed (or when) behind the app's back is caught by check and import,
    even though the PDF bytes still match their SHA-256."""
    from sqlalchemy import text

    from mash_desktop.services.transfer import export_data, import_data

    with demo_db.session() as s:
        u = _users(s)
        doc_id = sign_document(s, 1, "discharge", u["dana"]).id
    with demo_db.session() as s:
        assert not [p for r in run_checks(s) for p in r.problems]
        data = json.loads(json.dumps(export_data(s, u["admin"])))
        s.execute(text("UPDATE documents SET signer_name = 'Someone Else' WHERE id = :id"),
                  {"id": doc_id})
    with demo_db.session() as s:
        problems = [p for r in run_checks(s) for p in r.problems]
    assert [p for p in problems if p.startswith(f"signed document {doc_id} ")] == [
        f"signed document {doc_id} (Discharge summary, episode 1) was changed after it was "
        "signed (its signer, date or details no longer match the signature hash)"]
    data["patients"][0]["episodes"][0]["documents"][0]["signer_name"] = "Someone Else"
    with db.session() as s, pytest.raises(ValidationError, match="changed after it was signed"):
        import_data(s, data)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0
