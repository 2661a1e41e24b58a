"""Who may do what: every role against every permission, and each path checking it itself.

Attacks from issue 11 (part B): role checks skipped without --user, an assistant
discharging through the service, commands that ran without signing in once accounts
exist, reports that printed the signature of someone who did not sign, exports with
password hashes, imports that created accounts.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import AuditEntry, User
from mash_desktop.services import PermissionDenied
from mash_desktop.services.access import (
    LABELS,
    LOCAL,
    ROLE_PERMISSIONS,
    SYSTEM,
    allowed,
    authorize,
)
from mash_desktop.services.episodes import update_episode
from mash_desktop.services.patients import create_patient, patient_rows
from mash_desktop.services.transfer import export_data, import_data
from mash_desktop.services.users import create_user
from tests.note_kit import daily

PASSWORD = "a long enough passphrase"

# The specification, written out independently of services/access.py: X = allowed.
EXPECTED = """
permission        clinician assistant admin admin+PT admin+PTA local system
read_chart        X         X         .     X        X         X     X
write_chart       X         X         .     X        X         X     X
sign_note         X         X         .     X        X         .     X
sign_evaluation   X         .         .     X        .         .     X
discharge         X         .         .     X        .         X     X
discharge_summary X         .         .     X        .         X     X
progress_report   X         .         .     X        .         X     X
interim_report    X         X         .     X        X         X     X
plan_of_care      X         .         .     X        .         X     X
judge_goals       X         .         .     X        .         X     X
home_program      X         X         .     X        X         X     X
read_audit        X         .         X     X        X         X     X
export            .         .         X     X        X         X     X
import            .         .         X     X        X         X     X
backup            .         .         X     X        X         X     X
restore           .         .         X     X        X         X     X
encrypt           .         .         X     X        X         X     X
check             .         .         X     X        X         X     X
manage_users      .         .         X     X        X         X     X
manage_catalog    .         .         X     X        X         X     X
manage_settings   .         .         X     X        X         X     X
manage_phrases    X         .         X     X        X         X     X
"""


def _actors() -> dict[str, object]:
    return {
        "clinician": User(role="clinician", credentials="DPT", active=True),
        "assistant": User(role="assistant", credentials="PTA", active=True),
        "admin": User(role="admin", credentials="Admin", active=True),
        "admin+PT": User(role="admin", credentials="PT", active=True),
        "admin+PTA": User(role="admin", credentials="PTA", active=True),
        "local": LOCAL, "system": SYSTEM,
    }


def _table() -> list[tuple[str, str, bool]]:
    lines = [ln.split() for ln in EXPECTED.strip().splitlines()]
    who = lines[0][1:]
    return [(row[0], who[i], mark == "X") for row in lines[1:] for i, mark in
            enumerate(row[1:])]


def test_the_table_covers_every_permission_and_role() -> None:
    assert {p for p, _, _ in _table()} == set(LABELS)
    assert set(ROLE_PERMISSIONS) == {"clinician", "assistant", "admin", "local", "system"}


@pytest.mark.parametrize(("permission", "who", "expected"), _table())
def test_every_role_against_every_permission(permission: str, who: str,
                                             expected: bool) -> None:
    assert allowed(_actors()[who], permission) is expected  # type: ignore[arg-type]


def test_an_inactive_account_or_unknown_role_may_do_nothing() -> None:
    for actor in (User(role="clinician", credentials="PT", active=False),
                  User(role="boss", credentials="PT", active=True)):
        assert not any(allowed(actor, p) for p in LABELS)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown permission"):
        allowed(LOCAL, "fly")


# ---- services check the role themselves ------------------------------------------------
def _staff(db) -> dict[str, User]:  # noqa: ANN001
    with db.session() as s:
        admin = create_user(s, {"username": "admin", "full_name": "Ada Admin",
                                "credentials": "Admin", "password": PASSWORD})
        pt = create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                             "credentials": "DPT", "role": "clinician", "password": PASSWORD},
                         admin)
        pta = create_user(s, {"username": "pat", "full_name": "Pat Assistant",
                              "credentials": "PTA", "role": "assistant",
                              "password": PASSWORD}, admin)
    return {"admin": admin, "pt": pt, "pta": pta}


DISCHARGE = {"status": "discharged", "discharge_date": date.today().isoformat(),
             "discharge_reason": "Goals met"}


def test_an_assistant_cannot_discharge_through_the_service(demo_db) -> None:  # noqa: ANN001
    staff = _staff(demo_db)
    with demo_db.session() as s:
        with pytest.raises(PermissionDenied, match="discharge"):
            update_episode(s, 12, DISCHARGE, staff["pta"])
    with demo_db.session() as s:
        assert update_episode(s, 12, DISCHARGE, staff["pt"]).status == "discharged"
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.username) == ("discharge", "dana")


def test_nobody_signed_in_is_refused_once_accounts_exist(demo_db) -> None:  # noqa: ANN001
    _staff(demo_db)
    with demo_db.session() as s:
        with pytest.raises(PermissionDenied, match="Sign in first"):
            patient_rows(s)
        with pytest.raises(PermissionDenied, match="Sign in first"):
            update_episode(s, 12, DISCHARGE)
        with pytest.raises(PermissionDenied, match="Sign in first"):
            export_data(s)


def test_the_signed_in_user_bound_to_the_database_is_checked_and_audited(
        demo_db) -> None:  # noqa: ANN001
    staff = _staff(demo_db)
    demo_db.actor = staff["pta"]
    with demo_db.session() as s:
        with pytest.raises(PermissionDenied, match="Pat Assistant .* may not export"):
            export_data(s)
    with demo_db.session() as s:
        create_patient(s, {"mrn": "N-1", "first_name": "Ana", "last_name": "Lee",
                           "date_of_birth": "1950-02-03", "sex": "female"})
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (last.action, last.username, last.user_id) == ("create", "pat", staff["pta"].id)


def test_without_accounts_the_audit_names_the_local_user(db) -> None:  # noqa: ANN001
    with db.session() as s:
        create_patient(s, {"mrn": "N-1", "first_name": "Ana", "last_name": "Lee",
                           "date_of_birth": "1950-02-03", "sex": "female"})
        assert authorize(s, None, "write_chart") is LOCAL
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.username == "local" and entry.user_id is None


def test_the_local_user_cannot_sign(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services.sessions import save_note, sign_note

    with demo_db.session() as s:
        note = save_note(s, 12, {"visit_date": date.today() - timedelta(days=1),
                                 "total_minutes": 60})
        with pytest.raises(PermissionDenied, match="may not sign"):
            sign_note(s, note.id, signer_name="Dana Whitaker", credentials="DPT")


def test_a_signature_is_always_the_signers_own_account(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services.sessions import save_note, sign_note

    staff = _staff(demo_db)
    with demo_db.session() as s:
        note = save_note(s, 12, {"visit_date": date.today() - timedelta(days=1),
                                 "note_type": "daily", "total_minutes": 60, **daily()},
                         actor=staff["pta"])
        sign_note(s, note.id, staff["pta"], signer_name="Dana Whitaker", credentials="DPT")
        assert (note.signature_name, note.signature_credentials, note.signed_by_id) == (
            "Pat Assistant", "PTA", staff["pta"].id)


# ---- the command line ------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clinic(demo_db, tmp_path: Path) -> str:  # noqa: ANN001
    _staff(demo_db)
    demo_db.dispose()
    return str(demo_db.path)


@pytest.mark.parametrize("command", [
    ["patients"], ["episodes"], ["report", "discharge", "--episode", "1", "--out", "r.pdf"],
    ["backup", "--out", "b.db"], ["export", "--out", "e.json"], ["check"], ["demo"],
    ["users", "list"]])
def test_every_command_needs_sign_in_once_accounts_exist(clinic: str, capsys, tmp_path: Path,
                                                         monkeypatch, command: list[str],
                                                         ) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", clinic, *command)
    assert code == 1 and "sign in with --user" in err and not out
    assert not any((tmp_path / name).exists() for name in ("r.pdf", "b.db", "e.json"))


def test_roles_are_checked_on_the_command_line(clinic: str, capsys, tmp_path: Path,
                                               monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--db", clinic, "--user", "pat", "report", "discharge",
                       "--episode", "1", "--out", "r.pdf")
    assert code == 1 and "may not write discharge summaries" in err
    assert not (tmp_path / "r.pdf").exists()
    for command in (["export", "--out", "e.json"], ["check"], ["backup", "--out", "b.db"]):
        code, _, err = run(capsys, "--db", clinic, "--user", "dana", *command)
        assert code == 1 and "may not" in err, command
    assert run(capsys, "--db", clinic, "--user", "admin", "check")[0] == 0
    code, _, err = run(capsys, "--db", clinic, "--user", "admin", "patients")
    assert code == 1 and "Ada Admin (Administrator) may not read patient charts" in err


def test_reads_exports_and_reports_are_audited_with_the_real_user(
        clinic: str, capsys, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    assert run(capsys, "--db", clinic, "--user", "dana", "patients")[0] == 0
    assert run(capsys, "--db", clinic, "--user", "dana", "report", "discharge",
               "--episode", "1", "--out", str(tmp_path / "r.pdf"))[0] == 0
    assert run(capsys, "--db", clinic, "--user", "admin", "export", "--out",
               str(tmp_path / "e.json"))[0] == 0
    from mash_desktop.db import open_database

    db = open_database(f"sqlite:///{clinic}")
    with db.session() as s:
        rows = s.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity)
                         .where(AuditEntry.action.in_(["read", "report", "export"]))).all()
    db.dispose()
    assert ("dana", "read", "patient_list") in rows
    assert ("dana", "report", "episode") in rows
    assert ("admin", "export", "database") in rows
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "DRAFT" in text and "Electronically signed" not in text  # --sign signs it


def test_a_report_without_a_signed_in_clinician_claims_no_signer(
        demo_db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    demo_db.dispose()
    out = tmp_path / "r.pdf"
    assert run(capsys, "--db", str(demo_db.path), "report", "discharge", "--episode", "1",
               "--out", str(out))[0] == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Dana Whitaker" not in text  # the demo's therapist signed notes, not this report
    assert "DRAFT" in text


def test_exports_hold_no_accounts_and_imports_create_none(demo_db, db,
                                                          tmp_path: Path) -> None:  # noqa: ANN001
    staff = _staff(demo_db)
    with demo_db.session() as s:
        data = export_data(s, staff["admin"])
    text = json.dumps(data)
    assert "users" not in data and "argon2" not in text and "password" not in text
    data["users"] = [{"id": 99, "username": "mallory", "full_name": "Mallory", "role": "admin",
                      "credentials": "PT", "active": True,
                      "password_hash": staff["admin"].password_hash}]
    with db.session() as s:
        import_data(s, data)
    with db.session() as s:
        assert s.scalar(select(func.count(User.id))) == 0
