"""Sign-in that does not reveal who has an account, cannot lock the admin out for long,
and refuses guessable passwords and names that hide invisible characters."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from mash_desktop.cli import main
from mash_desktop.models import User, utcnow
from mash_desktop.services import ValidationError, users
from mash_desktop.services.users import (
    MAX_DELAY,
    LoginError,
    create_user,
    delay_after,
    login,
    update_user,
)

ADMIN = {"username": "admin", "full_name": "Ada Admin", "password": "correct horse"}


def refused(db, name: str, password: str) -> str:  # noqa: ANN001
    with pytest.raises(LoginError) as info:
        login(db, name, password)
    return str(info.value)


def test_unknown_user_and_wrong_password_get_the_same_answer(db) -> None:  # noqa: ANN001
    with db.session() as s:
        create_user(s, ADMIN)
    unknown = refused(db, "mallory.secret", "whatever it is")
    wrong = refused(db, "admin", "whatever it is")
    assert unknown == wrong
    assert "mallory" not in unknown and "admin" not in wrong


def test_unknown_user_and_wrong_password_take_similar_time(db) -> None:  # noqa: ANN001
    with db.session() as s:
        create_user(s, ADMIN)
    login(db, "admin", "correct horse")  # warm up both paths (hasher, dummy hash, caches)
    refused(db, "warmup", "x")
    unknown, wrong = [], []
    for i in range(4):  # below the free attempts, so no delay is involved
        t = time.perf_counter()
        refused(db, f"nobody{i}", "a wrong password")
        unknown.append(time.perf_counter() - t)
        t = time.perf_counter()
        refused(db, "admin", "a wrong password")
        wrong.append(time.perf_counter() - t)
    ratio = statistics.median(unknown) / statistics.median(wrong)
    assert 0.6 < ratio < 1.6, (unknown, wrong)


def test_nobody_can_lock_the_admin_out_for_long(db) -> None:  # noqa: ANN001
    with db.session() as s:
        create_user(s, ADMIN)
    for _ in range(12):  # an attacker hammering the admin account
        with db.session() as s:
            s.scalar(select(User)).locked_until = None  # skip the waiting in the test
        refused(db, "admin", "not the password")
    with db.session() as s:
        admin = s.scalar(select(User))
        assert admin.failed_attempts == 12
        assert admin.locked_until - utcnow() <= MAX_DELAY
    assert delay_after(4) == timedelta(0) and delay_after(5) == timedelta(seconds=2)
    assert delay_after(1000) == MAX_DELAY == timedelta(seconds=30)
    with db.session() as s:
        s.scalar(select(User)).locked_until = utcnow() - timedelta(seconds=1)
    assert login(db, "admin", "correct horse").username == "admin"  # no admin action needed


def test_an_unknown_name_gets_the_same_wait_as_a_real_one(db, monkeypatch) -> None:  # noqa: ANN001
    with db.session() as s:
        create_user(s, ADMIN)
    # every attempt below is wrong: skip argon2's second per check so the waits are exact
    monkeypatch.setattr(users, "verify", lambda _hash, _password: False)
    for _ in range(5):
        refused(db, "admin", "not the password")
        refused(db, "ghost", "not the password")
    real, ghost = refused(db, "admin", "x"), refused(db, "ghost", "x")
    assert real == ghost == "Too many failed attempts; wait 2 seconds and try again."


@pytest.mark.parametrize("password", ["password", "12345678", "short", "qwertyuiop",
                                      "password1234", "1234567890", "x" * 9])
def test_guessable_passwords_are_refused(db, password: str) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        create_user(s, {**ADMIN, "password": password})
    assert "password" in info.value.errors


def test_the_user_name_is_not_a_password_and_changes_follow_the_rules(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="user name"), db.session() as s:
        create_user(s, {**ADMIN, "username": "ada.lovelace", "password": "Ada.Lovelace"})
    with db.session() as s:
        admin = create_user(s, ADMIN)
        with pytest.raises(ValidationError, match="common"):
            update_user(s, admin.id, {"password": "password123"}, admin)


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d",
                                  "\ufeff"])
def test_names_refuse_direction_overrides_and_zero_width_characters(db, char: str) -> None:  # noqa: ANN001
    for field in ("username", "full_name"):
        with pytest.raises(ValidationError) as info, db.session() as s:
            create_user(s, {**ADMIN, field: f"ad{char}min"})
        assert field in info.value.errors


def test_cli_users_add_obeys_the_same_rules(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "c.db")
    monkeypatch.setenv("MASH_DESKTOP_NEW_PASSWORD", "password")
    assert main(["--db", db, "users", "add", "--username", "ada", "--full-name", "Ada"]) == 1
    assert "at least 10" in capsys.readouterr().err
    monkeypatch.setenv("MASH_DESKTOP_NEW_PASSWORD", "correct horse")
    assert main(["--db", db, "users", "add", "--username", "ada", "--full-name",
                 "Ada\u202eevil"]) == 1
    assert "invisible" in capsys.readouterr().err


def test_broken_text_in_a_password_is_a_refusal_not_a_crash(db) -> None:  # noqa: ANN001
    broken = b"correct horse\xff".decode("utf-8", "surrogateescape")
    with pytest.raises(ValidationError), db.session() as s:
        create_user(s, {**ADMIN, "password": broken})
    with db.session() as s:
        create_user(s, ADMIN)
    assert refused(db, "admin", broken) == refused(db, "nobody", broken)
