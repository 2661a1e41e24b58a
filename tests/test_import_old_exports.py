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
        # no hashes to verify in a file that old: the record of the import says so
        assert entry.changes["unverified_file_schema"] == [None, "0001"]
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
    from mash_desktop.services.access import SYSTEM
    from mash_desktop.services.sessions import sign_note

    db = tmp_path / "new.db"
    assert main(["--db", str(db), "import", str(OLD)]) == 0
    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        draft = s.scalar(select(VisitNote).where(VisitNote.signed_at.is_(None)))
        assert draft is not None
        with pytest.raises(ValidationError) as info:
            # the system signs with a typed name (a clinic without accounts cannot sign)
            sign_note(s, draft.id, SYSTEM, signer_name="Dana Whitaker", credentials="PT, DPT")
        assert "adverse_event_screen" in info.value.errors
        assert "assessment" in info.value.errors
    d.dispose()


def test_notes_stored_before_not_billed_existed_say_what_they_did_not_bill(
        tmp_path: Path) -> None:
    """Migration 0007: a stored note's sit-to-stand (97530) not billed is written down."""
    from alembic import command

    from mash_desktop.db import migrate as migrate_mod
    from mash_desktop.db import open_database

    path = tmp_path / "c.db"
    assert main(["--db", str(path), "import", str(OLD)]) == 0
    db = open_database(f"sqlite:///{path}")
    with db.engine.begin() as conn:  # a hip-arm visit as an older app stored it
        vid = conn.exec_driver_sql("SELECT id FROM visit_notes WHERE visit_date = "
                                   "'2026-03-12'").scalar()
        sts = conn.exec_driver_sql("SELECT id FROM catalog_entries WHERE key = "
                                   "'sit_to_stand'").scalar()
        conn.exec_driver_sql("INSERT INTO exercise_doses (visit_id, position, exercise_id, "
                             "side, sets, reps, load_type, band, pain_response, "
                             "progression_level, completed, home_program) VALUES "
                             f"({vid}, 9, {sts}, 'bilateral', 2, 8, 'body_weight', '', '', "
                             "'', 1, 0)")
    db.dispose()
    cfg = migrate_mod.alembic_config(f"sqlite:///{path}")
    command.downgrade(cfg, "0006_home_exercise_frequency")
    command.upgrade(cfg, "head")
    d = open_clinic(f"sqlite:///{path}")
    with d.session() as s:
        rows = dict(s.execute(select(VisitNote.visit_date, VisitNote.not_billed)).all())
    d.dispose()
    from datetime import date

    assert rows[date(2026, 3, 12)] == ["97530"]  # bridge and distraction are billed
    assert rows[date(2026, 3, 9)] == []           # the cancelled visit


def test_an_export_made_before_not_billed_existed_imports_with_it_inferred(
        tmp_path: Path) -> None:
    data = json.loads(OLD.read_text(encoding="utf-8"))
    note = data["patients"][0]["episodes"][0]["sessions"][3]
    note["exercises"].append({**note["exercises"][0], "id": 999, "exercise": "step_up"})
    changed = tmp_path / "old.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["--db", str(db), "import", str(changed)]) == 0
    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        stored = s.get(VisitNote, note["id"])
        assert stored is not None and stored.not_billed == ["97530"]
    d.dispose()
