"""The plan of care is the PT's document (BPM ch. 15 §220.1.2: signed by the clinician who
established it): who may sign it, and that the signed plan is stored and re-printed
byte-identical."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Document
from mash_desktop.reports import generate
from mash_desktop.services import PermissionDenied
from mash_desktop.services.documents import get_document, list_documents, sign_document
from tests.test_signed_documents import PASSWORD, _users, pages


def test_only_a_licensed_therapist_signs_the_plan_of_care(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        with pytest.raises(PermissionDenied, match="may not sign a plan of care"):
            sign_document(s, 1, "plan-of-care", u["pat"])        # an assistant
        with pytest.raises(PermissionDenied, match="signed by a DPT or PT"):
            sign_document(s, 1, "plan-of-care", u["admin"])      # no clinical credentials
        with pytest.raises(PermissionDenied, match="--user"):
            sign_document(s, 1, "plan-of-care", None)
        assert s.scalar(select(func.count()).select_from(Document)) == 0
        by_pt = sign_document(s, 1, "plan-of-care", u["dana"])
        by_admin_dpt = sign_document(s, 1, "plan-of-care", u["ada"])  # an admin who is a DPT
        assert (by_admin_dpt.version, by_admin_dpt.supersedes_id) == (2, by_pt.id)
    text = " ".join(pages(by_pt.pdf))
    assert "Electronically signed by Dana Whitaker, PT, DPT" in text
    assert "DRAFT" not in text


def test_the_signed_plan_is_stored_and_reprinted_byte_identical(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        draft = generate("plan-of-care", s, 1, u["dana"])
        doc = sign_document(s, 1, "plan-of-care", u["dana"])
        signed, doc_id = bytes(doc.pdf), doc.id
    assert all("DRAFT — not signed" in page for page in pages(draft))
    with demo_db.session() as s:
        info, again = get_document(s, doc_id, u["dana"])
        listed = list_documents(s, 1, u["dana"])
    assert again == signed and info.sha256 == hashlib.sha256(signed).hexdigest()
    assert [(d.kind, d.title) for d in listed] == [("plan-of-care", "Plan of care")]


def test_cli_signs_the_plan_of_care_and_writes_the_stored_bytes(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        _users(s)
    url = str(demo_db.path)
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    out = tmp_path / "poc.pdf"
    assert main(["--db", url, "--user", "pat", "report", "plan-of-care", "--episode", "1",
                 "--out", str(out), "--sign"]) == 1
    assert "may not sign a plan of care" in capsys.readouterr().err and not out.exists()
    assert main(["--db", url, "--user", "dana", "report", "plan-of-care", "--episode", "1",
                 "--out", str(out), "--sign"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "--user", "dana", "documents", "--episode", "1", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["kind"] == "plan-of-care"
    assert listed["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    again = tmp_path / "again.pdf"
    assert main(["--db", url, "--user", "dana", "documents", "--get", str(listed["id"]), "--out",
                 str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
