"""Tampering behind the app's back is caught, and `check` says what was broken, in words.

Attacks from issue 11: deleting or editing audit rows, editing a signed note in SQL, and
stored values that break the form's rules (future birth dates, visits before birth,
bogus statuses and roles, signed notes without a signer).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.db import Database


def sql(db: Database, *statements: str) -> None:
    db.dispose()
    with sqlite3.connect(db.path) as conn:
        for statement in statements:
            conn.execute(statement)


def check(db: Database, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    db.dispose()
    code = main(["--db", str(db.path), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def first_signed_note(db: Database) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("select min(id) from visit_notes where signed_at is not null "
                            "and id in (select visit_id from exercise_doses)").fetchone()[0]


def test_the_demo_clinic_passes_every_check(demo_db, capsys) -> None:  # noqa: ANN001
    code, out = check(demo_db, capsys)
    assert code == 0, out
    assert "ok  audit trail (tamper evidence)" in out
    assert "ok  signed notes, addenda and documents (tamper evidence)" in out


def test_a_signed_note_edited_in_sql_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    nid = first_signed_note(demo_db)
    sql(demo_db, f"update visit_notes set subjective = 'rewritten' where id = {nid}")
    code, out = check(demo_db, capsys)
    assert code == 1
    assert f"signed note {nid} was changed after it was signed" in out


def test_a_dose_of_a_signed_note_edited_in_sql_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    nid = first_signed_note(demo_db)
    sql(demo_db, f"update exercise_doses set reps = reps + 5 where visit_id = {nid}")
    code, out = check(demo_db, capsys)
    assert code == 1 and f"signed note {nid} was changed after it was signed" in out


def test_an_addendum_edited_in_sql_is_caught(demo_db, capsys, monkeypatch) -> None:  # noqa: ANN001
    from test_access_control import PASSWORD, _staff

    from mash_desktop.services.sessions import add_addendum

    staff = _staff(demo_db)
    nid = first_signed_note(demo_db)
    with demo_db.session() as s:
        aid = add_addendum(s, nid, "Pain after the session was 3, not 4.", staff["pt"]).id
    sql(demo_db, f"update addenda set text = 'nothing to see' where id = {aid}")
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)  # accounts exist: check as admin
    code = main(["--db", str(demo_db.path), "--user", "admin", "check"])
    out = capsys.readouterr().out
    assert code == 1 and f"addendum {aid} on note {nid} was changed after it was signed" in out


def _audit_row(db: Database, offset: int) -> tuple[int, str, str, str]:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("select id, strftime('%Y-%m-%d %H:%M', at), action, entity from "
                            f"audit_log order by id limit 1 offset {offset}").fetchone()


def test_an_audit_entry_changed_in_sql_is_named_in_words(demo_db, capsys) -> None:  # noqa: ANN001
    aid, when, action, entity = _audit_row(demo_db, 40)
    sql(demo_db, f"update audit_log set username = 'someone' where id = {aid}")
    code, out = check(demo_db, capsys)
    assert code == 1
    assert (f"audit entry {aid} ({when}, {entity.replace('_', ' ')} {action}) was changed "
            "or removed after it was written") in out


def test_an_audit_entry_deleted_in_the_middle_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    aid = _audit_row(demo_db, 40)[0]
    following = _audit_row(demo_db, 41)[0]
    sql(demo_db, f"delete from audit_log where id = {aid}")
    code, out = check(demo_db, capsys)
    assert code == 1 and f"audit entry {following} (" in out


def test_the_newest_audit_entries_deleted_are_caught(demo_db, capsys) -> None:  # noqa: ANN001
    sql(demo_db, "delete from audit_log where id > (select max(id) - 3 from audit_log)")
    code, out = check(demo_db, capsys)
    assert code == 1 and "its newest entries were removed or changed" in out


@pytest.mark.parametrize(("statement", "expected"), [
    ("update patients set date_of_birth = '2090-01-01' where id = 1",
     "patient 1 (MRN DEMO-001): date of birth is in the future"),
    ("update visit_notes set visit_date = '1900-01-01' where id = 1",
     "session note 1 (1900-01-01, MRN"),
    ("update visit_notes set pain_back_pre = 57 where id = 2",
     "pain back pre must be between 0 and 10"),
    ("update visit_notes set total_minutes = -30 where id = 3",
     "total minutes must be between 0 and 180 minutes"),
    ("update visit_notes set status = 'teleported' where id = 4",
     "status must be one of attended, cancelled, no_show"),
    ("update episodes set status = 'paused' where id = 1", "episode 1 (MRN"),
    ("update visit_notes set signature_credentials = '' where id = 5",
     "signed note 5 is signed without the signer's credentials"),
    ("update patients set mrn = 'demo-001' where id = 2",
     "MRN demo-001 is used by 2 patients"),
])
def test_check_explains_each_broken_rule(demo_db, capsys, statement: str,
                                         expected: str) -> None:  # noqa: ANN001
    if "mrn" in statement:  # the schema itself refuses a case-only duplicate now
        with pytest.raises(sqlite3.IntegrityError):
            sql(demo_db, statement)
        sql(demo_db, "drop index uq_patients_mrn_lower", statement)
    else:
        sql(demo_db, statement)
    code, out = check(demo_db, capsys)
    assert code == 1 and expected in out, out


def test_an_account_with_a_bogus_role_is_reported(demo_db, capsys, monkeypatch) -> None:  # noqa: ANN001
    from test_access_control import PASSWORD, _staff

    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)

    _staff(demo_db)
    sql(demo_db, "update users set role = 'superuser' where username = 'pat'")
    code = main(["--db", str(demo_db.path), "--user", "admin", "check"])
    assert code == 1
    assert "account pat has the unknown role 'superuser'" in capsys.readouterr().out


def test_migration_back_fills_hashes_for_an_older_database(tmp_path: Path, capsys,
                                                           demo_template: Path) -> None:  # noqa: ANN001
    """A database from before tamper evidence gets hashes by the upgrade, then verifies."""
    import shutil

    from alembic import command
    from sqlalchemy import create_engine

    from mash_desktop.db import migrate

    old = tmp_path / "old.db"
    shutil.copyfile(demo_template, old)
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        cfg = migrate.alembic_config(f"sqlite:///{old}")
        cfg.attributes["connection"] = conn
        from alembic.script import ScriptDirectory

        before = ScriptDirectory.from_config(cfg).get_revision("0007_tamper_evidence_and_mrn_case")
        command.downgrade(cfg, str(before.down_revision))
    engine.dispose()
    with sqlite3.connect(old) as conn:
        assert "hash" not in {r[1] for r in conn.execute("pragma table_info(audit_log)")}
        conn.execute("delete from settings where key in ('tamper_evidence_since', "
                     "'audit_chain')")  # an older database has neither
    assert main(["--db", str(old), "check"]) == 0, capsys.readouterr().out
    with sqlite3.connect(old) as conn:
        assert conn.execute("select count(*) from audit_log where hash is null").fetchone()[0] == 0
        assert conn.execute("select count(*) from visit_notes where signed_at is not null "
                            "and content_hash is null").fetchone()[0] == 0


def test_exports_without_hashes_are_exactly_those_from_before_tamper_evidence() -> None:
    """Import skips hash checks only for files whose schema predates the tamper-evidence
    migration: the list of those revisions follows the migration chain."""
    from alembic.script import ScriptDirectory

    from mash_desktop.db import migrate
    from mash_desktop.services.transfer_legacy import (
        REVISIONS_BEFORE_TAMPER_EVIDENCE,
        TAMPER_EVIDENCE_REVISION,
    )

    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    older = {r.revision for r in script.iterate_revisions(TAMPER_EVIDENCE_REVISION, "base")}
    assert older - {TAMPER_EVIDENCE_REVISION} == REVISIONS_BEFORE_TAMPER_EVIDENCE
