"""An export made before note types existed (schema 0001) still imports, nothing forged.

The fixture ``fixtures/export_before_note_types.json`` was written by the app as it was at
commit 3a12e7d (before migration 0002): two patients, a discharged course with a signed
note whose assessment was left empty (the old form allowed it) and a cancelled visit, and
an active course with an adverse event and an unsigned draft.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from mash_desktop.cli import main
from mash_desktop.models import AuditEntry, Patient, VisitNote
from mash_desktop.services.startup import open_clinic

OLD = Path(__file__).parent / "fixtures" / "export_before_note_types.json"


def notes_by_mrn(path: Path) -> dict[str, list[tuple]]:
    db = open_clinic(f"sqlite:///{path}")
    out: dict[str, list[tuple]] = {}
    with db.session() as s:
        for p in s.scalars(select(Patient)):
            for ep in p.episodes:
                out[p.mrn] = [(str(n.visit_date), n.status, n.note_type, n.adverse_event_screen,
                               n.signed_at is not None, n.signed_before_checklist)
                              for n in sorted(ep.visits, key=lambda n: n.visit_date)]
    db.dispose()
    return out


def test_the_fixture_is_an_export_from_before_note_types() -> None:
    data = json.loads(OLD.read_text(encoding="utf-8"))
    assert data["schema_revision"] == "0001"
    note = data["patients"][0]["episodes"][0]["sessions"][0]
    assert "note_type" not in note and "adverse_event_screen" not in note


def test_old_export_imports_with_note_types_inferred(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert main(["--db", str(db), "import", str(OLD)]) == 0
    assert notes_by_mrn(db) == {
        # first attended visit = evaluation; last of the discharged course = discharge
        "OLD-001": [("2026-03-02", "attended", "evaluation", "no", True, True),
                    ("2026-03-05", "attended", "daily", "no", True, True),
                    ("2026-03-09", "cancelled", "daily", "", True, True),
                    ("2026-03-12", "attended", "daily", "no", True, True),
                    ("2026-03-16", "attended", "discharge", "no", True, True)],
        # still active: no discharge note; the old adverse-event box answers the screen;
        # the unsigned draft will meet the checklist when it is signed
        "OLD-002": [("2026-03-03", "attended", "evaluation", "no", True, True),
                    ("2026-03-06", "attended", "daily", "yes", True, True),
                    ("2026-03-10", "attended", "daily", "", False, False)],
    }
    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        empty = s.scalar(select(VisitNote).where(VisitNote.visit_date == "2026-03-05"))
        assert empty is not None and empty.assessment == ""  # kept as signed, not filled in
        assert empty.evaluation == {} and empty.goal_progress == {}
        from mash_desktop.services.note_form import note_form

        shown = note_form(s, empty.episode_id, empty.id).signature
        assert "without note types or the sign checklist" in shown  # the note view says so
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "import"))
        assert entry is not None
        assert entry.changes["notes_signed_before_checklist"] == [None, 7]
    d.dispose()
    assert main(["--db", str(db), "check"]) == 0


def test_an_imported_old_clinic_exports_and_imports_again(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert main(["--db", str(a), "import", str(OLD)]) == 0
    assert main(["--db", str(a), "export", "--out", str(tmp_path / "again.json")]) == 0
    assert main(["--db", str(b), "import", str(tmp_path / "again.json")]) == 0
    assert notes_by_mrn(b) == notes_by_mrn(a)


def test_a_current_export_missing_a_note_type_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    data = json.loads(OLD.read_text(encoding="utf-8"))
    data["schema_revision"] = "0003_signed_documents"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(tmp_path / "x.db"), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "import refused, nothing changed" in err and "note type: is missing" in err


def test_signing_the_old_draft_meets_the_checklist(tmp_path: Path) -> None:
    """Only notes signed by the old app are exempt; signing the old draft is checked."""
    from mash_desktop.services import ValidationError
    from mash_desktop.services.sessions import sign_note

    db = tmp_path / "new.db"
    assert main(["--db", str(db), "import", str(OLD)]) == 0
    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        draft = s.scalar(select(VisitNote).where(VisitNote.signed_at.is_(None)))
        assert draft is not None
        with pytest.raises(ValidationError) as info:
            sign_note(s, draft.id, signer_name="Dana Whitaker", credentials="PT, DPT")
        assert "adverse_event_screen" in info.value.errors
        assert "assessment" in info.value.errors
    d.dispose()
