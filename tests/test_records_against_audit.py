"""What the audit trail says was written must still be there (issue 11, attack review).

The hash chain proves the trail is as written; these tests drop, un-sign and rewrite the
records themselves — in SQL, and in an export file before import — and expect `check`
and the import to name what is missing, holding records and accounts to the trail.
"""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.db import Database
from mash_desktop.models import Patient
from mash_desktop.services.errors import ValidationError
from mash_desktop.services.tamper import signed_note_hashes
from mash_desktop.services.transfer import export_data, import_data
from mash_desktop.services.users import LoginError, authenticate, create_user

PASSWORD = "correct horse battery"


def sql(db: Database, *statements: str, params: tuple[Any, ...] = ()) -> None:
    db.dispose()
    with sqlite3.connect(db.path) as conn:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())


def check(db: Database, capsys: pytest.CaptureFixture[str],
          user: list[str] | None = None) -> tuple[int, str]:
    db.dispose()
    code = main(["--db", str(db.path), *(user or []), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def signed_notes(db: Database) -> list[int]:
    with sqlite3.connect(db.path) as conn:
        return [r[0] for r in conn.execute(
            "select id from visit_notes where signed_at is not null order by id")]


def delete_note(nid: int) -> list[str]:
    return [f"delete from {t} where visit_id = {nid}" for t in (
        "manual_therapy_doses", "exercise_doses", "education_items", "billing_lines",
        "adverse_events", "addenda")] + [f"delete from visit_notes where id = {nid}"]


# ---- check on the database ---------------------------------------------------------------
def test_the_demo_clinic_accounts_for_every_record(demo_db, capsys) -> None:  # noqa: ANN001
    code, out = check(demo_db, capsys)
    assert code == 0 and "ok  records against the audit trail" in out


def test_a_signed_note_deleted_in_sql_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    nid = signed_notes(demo_db)[3]
    sql(demo_db, *delete_note(nid))
    code, out = check(demo_db, capsys)
    assert code == 1
    assert f"signed session note {nid} is missing, but audit entry" in out


def test_a_signed_note_unsigned_in_sql_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    nid = signed_notes(demo_db)[0]
    sql(demo_db, "update visit_notes set signed_at = null, content_hash = null, "
                 f"signed_by_id = null, signature_name = '', signature_credentials = '' "
                 f"where id = {nid}")
    code, out = check(demo_db, capsys)
    assert code == 1
    assert f"session note {nid} is no longer signed, but audit entry" in out


def test_a_signed_note_rewritten_with_a_fresh_hash_is_caught(demo_db, capsys) -> None:  # noqa: ANN001
    """Whoever rewrites a note and recomputes its hash still differs from the hash the
    trail recorded at signing."""
    nid = signed_notes(demo_db)[0]
    sql(demo_db, f"update visit_notes set assessment = 'forged' where id = {nid}")
    with demo_db.session() as s:
        fresh = next(actual for _v, _s, actual in signed_note_hashes(s, nid))
    sql(demo_db, f"update visit_notes set content_hash = ? where id = {nid}", params=(fresh,))
    code, out = check(demo_db, capsys)
    assert code == 1
    assert "ok  signed notes, addenda and documents" in out  # the note's own hash agrees
    assert f"signed session note {nid} is not the note audit entry" in out


def test_a_patient_deleted_in_sql_is_caught(db, capsys) -> None:  # noqa: ANN001
    from mash_desktop.services.patients import create_patient

    with db.session() as s:
        pid = create_patient(s, {"mrn": "A1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1950-02-03", "sex": "female"}).id
    sql(db, f"delete from patients where id = {pid}")
    code, out = check(db, capsys)
    assert code == 1 and f"patient {pid} is missing, but audit entry" in out


# ---- import of an edited export ----------------------------------------------------------
@pytest.fixture
def export(demo_db) -> dict[str, Any]:  # noqa: ANN001
    with demo_db.session() as s:
        return export_data(s)


def episodes(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for p in data["patients"]:
        yield from p["episodes"]


def refused(db: Database, data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info, db.session() as s:
        import_data(s, data)
    with db.session() as s:  # nothing kept
        assert s.scalar(select(func.count(Patient.id))) == 0
    return " ".join(f"{k}: {m}" for k, m in info.value.errors.items())


def first_signed(data: dict[str, Any]) -> dict[str, Any]:
    return next(n for ep in episodes(data) for n in ep["sessions"] if n["signed_at"])


def test_an_untouched_export_imports(db, export) -> None:  # noqa: ANN001
    with db.session() as s:
        assert import_data(s, copy.deepcopy(export)) == len(export["patients"])


def test_an_export_with_a_signed_note_removed_is_refused(db, export) -> None:  # noqa: ANN001
    ep = next(ep for ep in episodes(export) if any(n["signed_at"] for n in ep["sessions"]))
    note = next(n for n in ep["sessions"] if n["signed_at"])
    ep["sessions"].remove(note)
    ep["adverse_events"] = [a for a in ep["adverse_events"] if a["visit_id"] != note["id"]]
    assert f"signed session note {note['id']} is missing" in refused(db, export)


@pytest.mark.parametrize("blank", [None, ""])
def test_an_export_with_a_note_unsigned_is_refused(db, export, blank) -> None:  # noqa: ANN001
    note = first_signed(export)
    note.update(signed_at=None, signed_by_id=None, content_hash=None, signature_name=blank,
                signature_credentials=blank)
    assert f"session note {note['id']} is no longer signed" in refused(db, export)


def test_an_export_without_an_episodes_sessions_key_is_refused(db, export) -> None:  # noqa: ANN001
    del export["patients"][0]["episodes"][0]["sessions"]
    assert "sessions: is missing" in refused(db, export)


def test_an_export_with_a_patient_dropped_is_refused(db, export) -> None:  # noqa: ANN001
    gone = export["patients"].pop()
    assert f"patient {gone['id']} is missing, but audit entry" in refused(db, export)


def test_an_imported_clinic_still_passes_check(db, export, capsys) -> None:  # noqa: ANN001
    """The import re-hashes signatures (account links dropped): the trail's hashes from
    before the import are not held against the new ones, its signing moments are."""
    with db.session() as s:
        import_data(s, export)
    code, out = check(db, capsys)
    assert code == 0, out
    nid = signed_notes(db)[0]
    sql(db, f"update visit_notes set signed_at = null where id = {nid}")
    code, out = check(db, capsys)
    assert code == 1 and f"session note {nid} is no longer signed" in out


# ---- accounts against the trail ----------------------------------------------------------
ADMIN = ["--user", "admin"]


@pytest.fixture
def staffed(db, monkeypatch) -> Database:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    with db.session() as s:
        admin = create_user(s, {"username": "admin", "full_name": "Ada Admin",
                                "password": PASSWORD})
        create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                        "credentials": "DPT", "role": "clinician", "password": PASSWORD},
                    admin)
    return db


def sign_in(db: Database, name: str) -> str:
    with db.session() as s, pytest.raises(LoginError) as info:
        authenticate(s, name, PASSWORD)
    return str(info.value)


def test_an_admin_inserted_in_sql_is_caught_and_cannot_sign_in(staffed, capsys) -> None:  # noqa: ANN001
    sql(staffed, "insert into users (username, full_name, credentials, role, password_hash, "
                 "active, failed_attempts, created_at, licence_number, npi) select 'evil', "
                 "'Evil', '', 'admin', password_hash, 1, 0, created_at, '', '' from users "
                 "where username = 'admin'")
    code, out = check(staffed, capsys, ADMIN)
    assert code == 1 and "account evil was never created through the app" in out
    assert "cannot sign in" in sign_in(staffed, "evil")


def test_a_role_raised_in_sql_is_caught_and_cannot_sign_in(staffed, capsys) -> None:  # noqa: ANN001
    sql(staffed, "update users set role = 'admin' where username = 'dana'")
    code, out = check(staffed, capsys, ADMIN)
    assert code == 1 and "account dana: its role was changed behind the app's back" in out
    assert "cannot sign in" in sign_in(staffed, "dana")


def test_a_password_hash_copied_in_sql_is_caught(staffed, capsys) -> None:  # noqa: ANN001
    sql(staffed, "update users set password_hash = (select password_hash from users where "
                 "username = 'admin') where username = 'dana'")
    code, out = check(staffed, capsys, ADMIN)
    assert code == 1 and "account dana: its password was changed behind the app's back" in out


def test_accounts_changed_through_the_app_pass(staffed, capsys) -> None:  # noqa: ANN001
    from mash_desktop.services.users import update_user

    with staffed.session() as s:
        admin = authenticate(s, "admin", PASSWORD)
        update_user(s, 2, {"role": "assistant", "credentials": "PTA",
                           "password": PASSWORD + "!"}, admin)
        update_user(s, 2, {"active": False}, admin)
    code, out = check(staffed, capsys, ADMIN)
    assert code == 0, out


def test_a_note_with_a_null_signature_field_is_named_in_words(db, export) -> None:  # noqa: ANN001
    """A draft (no signing in the trail) whose signature name is null, not empty text:
    the refusal names the record and the field, not a NOT NULL constraint."""
    p, ep = next((p, ep) for p in export["patients"] for ep in p["episodes"]
                 if any(not n["signed_at"] for n in ep["sessions"]))
    k, note = next((k, n) for k, n in enumerate(ep["sessions"]) if not n["signed_at"])
    note["signature_name"] = None
    message = refused(db, export)
    assert "its session note's signature name is missing (null)" in message
    assert f".sessions[{k}]" in message and "constraint" not in message


def test_accounts_named_by_an_imported_trail_are_not_expected_here(staffed, demo_db,
                                                                     capsys) -> None:  # noqa: ANN001
    """An export carries the other clinic's account entries but never its accounts: they
    are not held against this database's accounts (whose ids they may share)."""
    with demo_db.session() as s:
        boss = create_user(s, {"username": "boss", "full_name": "Bo Boss",
                               "password": PASSWORD})
        create_user(s, {"username": "kim", "full_name": "Kim Lee", "credentials": "DPT",
                        "role": "clinician", "password": PASSWORD}, boss)
        data = export_data(s, boss)
    with staffed.session() as s:
        import_data(s, data, authenticate(s, "admin", PASSWORD))
    code, out = check(staffed, capsys, ADMIN)
    assert code == 0, out
