"""A correction to a signed document is a signed addendum (issue 12): the original stays
byte-identical, the addendum names it, and every path (service, CLI, Reports tab) keeps
the same signing rules."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Document
from mash_desktop.services import NotFoundError, PermissionDenied, ValidationError
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.documents import (
    get_document,
    list_documents,
    sign_addendum,
    sign_document,
)
from tests.test_signed_documents import PASSWORD, _users, pages

CORRECTION = ("Correction: the home program was reviewed by phone on the day of discharge;\n"
              "the patient repeats the exercises correctly.")


def _flat(pdf: bytes) -> str:
    return " ".join(" ".join(pages(pdf)).split())


def test_an_addendum_leaves_the_original_byte_identical_and_names_it(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        original = sign_document(s, 1, "discharge", u["dana"])
        oid, before, sha = original.id, bytes(original.pdf), original.sha256
        add = sign_addendum(s, oid, CORRECTION, u["dana"])
        second = sign_addendum(s, oid, "Late entry: physician letter sent.", u["ada"])
    with demo_db.session() as s:
        info, after = get_document(s, oid, u["dana"])
        listed = list_documents(s, 1, u["dana"])
    assert after == before and info.sha256 == sha == hashlib.sha256(after).hexdigest()
    assert (add.kind, add.episode_id, add.addendum_to_id, add.version) == (
        "discharge", 1, oid, 1)
    assert (second.addendum_to_id, second.version) == (oid, 2)
    assert [d.label for d in listed] == ["v1", f"addendum 1 to {oid}",
                                         f"addendum 2 to {oid}"]
    text = _flat(add.pdf)
    assert "Addendum 1 to the discharge summary" in text
    assert f"Discharge summary, version 1 (document {oid})" in text
    assert sha in text.replace(" ", "")  # the original's hash, to check it against
    assert "Correction: the home program was reviewed by phone" in text
    assert "Electronically signed by Dana Whitaker, PT, DPT" in text
    assert "DRAFT" not in text


def test_an_addendum_follows_the_originals_signing_rules_and_stores_nothing_on_refusal(
        demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        oid = sign_document(s, 1, "discharge", u["dana"]).id
        count = s.scalar(select(func.count()).select_from(Document))
        with pytest.raises(PermissionDenied, match="may not sign a discharge summary"):
            sign_addendum(s, oid, CORRECTION, u["pat"])         # an assistant
        with pytest.raises(PermissionDenied, match="signed by a DPT or PT"):
            sign_addendum(s, oid, CORRECTION, u["admin"])       # no clinical credentials
        with pytest.raises(PermissionDenied, match="--user"):
            sign_addendum(s, oid, CORRECTION, None)
        with pytest.raises(ValidationError) as err:
            sign_addendum(s, oid, "   ", u["dana"])
        assert "what the addendum corrects" in err.value.errors["text"]
        with pytest.raises(NotFoundError):
            sign_addendum(s, 999, CORRECTION, u["dana"])
        add = sign_addendum(s, oid, CORRECTION, u["dana"])
        with pytest.raises(ValidationError, match=f"document {oid}"):
            sign_addendum(s, add.id, "to the addendum", u["dana"])
        hep = sign_document(s, 1, "hep", u["pat"])              # a PTA signs the handout…
        assert sign_addendum(s, hep.id, "Band colour corrected: red.", u["pat"]).id
        assert s.scalar(select(func.count()).select_from(Document)) == count + 3


def test_a_new_version_after_an_addendum_still_supersedes_the_last_version(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        first = sign_document(s, 1, "discharge", u["dana"])
        sign_addendum(s, first.id, CORRECTION, u["dana"])
        second = sign_document(s, 1, "discharge", u["dana"])
    assert (second.version, second.supersedes_id) == (2, first.id)


def test_cli_signs_an_addendum_and_documents_lists_the_link(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        original = sign_document(s, 1, "discharge", u["dana"])
        oid, before = original.id, bytes(original.pdf)
    url = str(demo_db.path)
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    out = tmp_path / "addendum.pdf"
    assert main(["--db", url, "--user", "dana", "report", "discharge", "--episode", "1",
                 "--sign", "--addendum-to", str(oid), "--text", CORRECTION,
                 "--out", str(out)]) == 0
    assert "addendum 1 to document" in capsys.readouterr().out
    assert main(["--db", url, "--user", "dana", "documents", "--episode", "1", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["addendum_to_id"], d["version"]) for d in listed] == [(None, 1), (oid, 1)]
    assert listed[1]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert main(["--db", url, "--user", "dana", "documents", "--episode", "1"]) == 0
    assert f"addendum 1 to {oid}" in capsys.readouterr().out
    with demo_db.session() as s:
        assert get_document(s, oid, SYSTEM)[1] == before
    # refusals: one line, non-zero, no file, nothing stored
    for extra, says in ((["--addendum-to", str(oid), "--text", "x"], "add --sign"),
                        (["--sign", "--text", "x"], "--addendum-to"),
                        (["--sign", "--addendum-to", str(oid)], "is required"),
                        (["--sign", "--addendum-to", "999", "--text", "x"],
                         "No signed document with id 999")):
        bad = tmp_path / "bad.pdf"
        assert main(["--db", url, "--user", "dana", "report", "discharge", "--episode", "1",
                     "--out", str(bad), *extra]) == 1
        err = capsys.readouterr().err
        assert says in err and len(err.strip().splitlines()) == 1 and not bad.exists(), err
    bad = tmp_path / "bad.pdf"   # the document named is not of this kind and episode
    assert main(["--db", url, "--user", "dana", "report", "progress", "--episode", "2",
                 "--out", str(bad), "--sign", "--addendum-to", str(oid), "--text", "x"]) == 1
    assert "not a progress of episode 2" in capsys.readouterr().err
    assert main(["--db", url, "--user", "pat", "report", "discharge", "--episode", "1",
                 "--out", str(bad), "--sign", "--addendum-to", str(oid), "--text", "x"]) == 1
    assert "may not sign" in capsys.readouterr().err and not bad.exists()
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2


def test_reports_tab_adds_an_addendum_to_the_selected_document(demo_window, monkeypatch
                                                                ) -> None:  # noqa: ANN001
    from mash_desktop.services.users import SignedInUser
    from tests.test_gui_reports import reports_tab

    infos: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda _p, _t, text, *a: infos.append(text))
    with demo_window.db.session() as s:
        u = _users(s)
        oid = sign_document(s, 1, "discharge", u["dana"]).id
        dana, pat = SignedInUser.of(u["dana"]), SignedInUser.of(u["pat"])
    demo_window.ctx.user = dana
    demo_window.open_patient(1)
    tab = reports_tab(demo_window)
    assert tab.doc_ids == [oid]
    assert tab.add_addendum(CORRECTION) is None and "Select a signed document" in infos[-1]
    tab.documents.selectRow(0)
    new_id = tab.add_addendum(CORRECTION)
    assert new_id is not None and tab.doc_ids == [oid, new_id]
    assert tab.documents.item(1, 1).text() == f"addendum 1 to {oid}"
    tab.documents.selectRow(1)   # an addendum selected: the next one amends the original
    third = tab.add_addendum("Second late entry.")
    tab.documents.selectRow(0)
    assert tab.add_addendum("   ") is None and "is required" in infos[-1]
    demo_window.ctx.user = pat
    assert tab.add_addendum(CORRECTION) is None and "may not sign" in infos[-1]
    with demo_window.db.session() as s:
        assert s.get(Document, new_id).addendum_to_id == oid
        assert s.get(Document, third).addendum_to_id == oid
        assert s.scalar(select(func.count()).select_from(Document)) == 3
