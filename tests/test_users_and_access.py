"""Accounts, passwords, roles and the CLI acting as a named user."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mash_desktop.cli import main
from mash_desktop.models import AuditEntry, User
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.access import allowed
from mash_desktop.services.users import LoginError, create_user, login, update_user

pytestmark = pytest.mark.both_engines


ADMIN = {"username": "admin", "full_name": "Ada Admin", "password": "correct horse"}


def test_first_account_is_the_admin_and_passwords_are_argon2(db) -> None:  # noqa: ANN001
    with db.session() as s:
        user = create_user(s, {**ADMIN, "role": "clinician"})
        assert user.role == "admin"
        assert user.password_hash.startswith("$argon2")
        assert "correct horse" not in user.password_hash


def test_only_an_admin_adds_users(db) -> None:  # noqa: ANN001
    with db.session() as s:
        admin = create_user(s, ADMIN)
        pta = create_user(s, {"username": "pat", "full_name": "Pat A", "credentials": "PTA",
                              "role": "assistant", "password": "assistant1"}, admin)
        with pytest.raises(PermissionDenied):
            create_user(s, {"username": "x", "full_name": "X", "password": "a fine password"}, pta)
        with pytest.raises(ValidationError, match="taken"):
            create_user(s, {"username": "PAT", "full_name": "Y", "password": "a fine password"},
                        admin)


@pytest.mark.parametrize(("data", "field"), [
    ({"password": "short"}, "password"), ({"username": "bad name!"}, "username"),
    ({"full_name": ""}, "full_name"), ({"role": "boss"}, "role")])
def test_account_rules(db, data: dict, field: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        create_user(s, {**ADMIN, **data})
    assert field in info.value.errors


def test_assistant_cannot_sign_evaluations_or_discharges() -> None:
    pta = User(role="assistant", active=True)
    pt = User(role="clinician", active=True)
    assert not allowed(pta, "discharge_summary") and not allowed(pta, "sign_evaluation")
    assert not allowed(pta, "discharge")
    assert allowed(pta, "sign_note") and allowed(pt, "discharge_summary")
    assert not allowed(pt, "manage_users") and not allowed(pt, "manage_catalog")
    assert not allowed(User(role="clinician", active=False), "write_chart")


def test_failed_logins_are_recorded_and_rate_limited(db) -> None:  # noqa: ANN001
    with db.session() as s:
        create_user(s, ADMIN)
    for _ in range(5):
        with pytest.raises(LoginError, match="wrong password"):
            login(db, "admin", "nope")
    with pytest.raises(LoginError, match=r"wait \d+ seconds"):
        login(db, "admin", "correct horse")  # must wait even with the right password
    with db.session() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("login_failed") == 5 and "login_locked" in actions
    with db.session() as s:
        s.scalar(select(User)).locked_until = None
    assert login(db, "ADMIN", "correct horse").username == "admin"
    with db.session() as s:
        assert s.scalar(select(User)).failed_attempts == 0


def test_signing_in_hands_out_a_plain_user_that_acts_in_later_sessions(db) -> None:  # noqa: ANN001
    """The GUI and CLI keep the signed-in user for the whole sitting: a frozen value,
    never an ORM row, without the password hash, that every service accepts as actor."""
    from dataclasses import FrozenInstanceError, fields

    from mash_desktop.services.users import SignedInUser

    with db.session() as s:
        create_user(s, ADMIN)
    me = login(db, "admin", "correct horse")
    assert type(me) is SignedInUser and me.role == "admin" and me.full_name == "Ada Admin"
    assert "password_hash" not in {f.name for f in fields(me)}
    with pytest.raises(FrozenInstanceError):
        me.role = "clinician"  # type: ignore[misc]
    with db.session() as s:
        create_user(s, {"username": "cleo", "full_name": "Cleo PT", "role": "clinician",
                        "password": "clinician1"}, me)
    cleo = login(db, "cleo", "clinician1")
    with pytest.raises(PermissionDenied), db.session() as s:
        create_user(s, {"username": "x", "full_name": "X", "password": "12345678"}, cleo)
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "create")).first()
        assert entry is not None and entry.username == "admin" and entry.user_id == me.id


def test_password_change_and_deactivation(db) -> None:  # noqa: ANN001
    with db.session() as s:
        admin = create_user(s, ADMIN)
        update_user(s, admin.id, {"password": "new password 1"}, admin)
    assert login(db, "admin", "new password 1")
    with db.session() as s:
        admin = s.scalar(select(User))
        update_user(s, admin.id, {"active": False}, admin)
    with pytest.raises(LoginError):
        login(db, "admin", "new password 1")


def test_cli_needs_a_user_once_accounts_exist(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = str(tmp_path / "c.db")
    monkeypatch.setenv("MASH_DESKTOP_NEW_PASSWORD", "correct horse")
    assert main(["--db", db, "users", "add", "--username", "ada", "--full-name",
                 "Ada Admin", "--credentials", "DPT"]) == 0  # an admin who is a PT
    args = ["--db", db, "add-patient", "--mrn", "1", "--first-name", "A", "--last-name", "B",
            "--dob", "1950-01-01", "--sex", "male"]
    assert main(args) == 1
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", "wrong")
    assert main(["--user", "ada", *args]) == 4
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", "correct horse")
    assert main(["--user", "ada", *args]) == 0
    assert main(["--db", db, "patients"]) == 1  # reading needs a user too
    assert main(["--db", db, "--user", "ada", "patients"]) == 0
    from mash_desktop.services.startup import open_clinic

    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "patient")).first()
        assert entry.username == "ada"
    d.dispose()


def test_an_admin_added_without_credentials_has_none_and_signs_nothing_clinical(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """`users add --role admin` without --credentials is not a PT (review of issue 11)."""
    from mash_desktop.services.access import allowed
    from mash_desktop.services.documents import signing_refusal
    from mash_desktop.services.startup import open_clinic
    from mash_desktop.services.users import SignedInUser

    db = str(tmp_path / "c.db")
    monkeypatch.setenv("MASH_DESKTOP_NEW_PASSWORD", "correct horse")
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", "correct horse")
    assert main(["--db", db, "users", "add", "--username", "ada", "--full-name",
                 "Ada Admin"]) == 0
    for name, role in (("adm2", "admin"), ("dana", "clinician"), ("pat", "assistant")):
        assert main(["--db", db, "--user", "ada", "users", "add", "--username", name,
                     "--full-name", name.title(), "--role", role]) == 0
    d = open_clinic(f"sqlite:///{db}")
    with d.session() as s:
        users = {u.username: SignedInUser.of(u) for u in s.scalars(select(User))}
    d.dispose()
    assert {n: u.credentials for n, u in users.items()} == {
        "ada": "", "adm2": "", "dana": "PT", "pat": "PTA"}
    assert not allowed(users["adm2"], "sign_note")
    assert "no clinical credentials" in (signing_refusal(users["adm2"], "discharge") or "")
    assert signing_refusal(users["dana"], "discharge") is None
