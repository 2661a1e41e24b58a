"""Forged export files from issue 11: each is refused whole, saying why, changing nothing.

A signed note rewritten, its signer changed, the audit emptied or edited, a pain score
of 57, minutes -30 or 1e30, a 1900 visit date, a birth date in the future, MRNs that
differ only by case, a score that does not recompute, and an added admin account with a
known password (which must never become an account).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.db import Database, open_database
from mash_desktop.models import AuditEntry, Patient, User
from mash_desktop.services import ValidationError
from mash_desktop.services.transfer import export_data, import_data


@pytest.fixture(scope="module")
def exported(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import shutil

    path = tmp_path_factory.mktemp("forgery") / "source.db"
    shutil.copyfile(demo_template, path)
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        data = export_data(s)
    db.dispose()
    return json.loads(json.dumps(data))


def signed_sessions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for p in data["patients"] for e in p["episodes"] for n in e["sessions"]
            if n["signed_at"]]


def _note(data: dict[str, Any], **changes: Any) -> None:
    signed_sessions(data)[0].update(changes)


def _case_mrn(data: dict[str, Any]) -> None:
    data["patients"][1]["mrn"] = data["patients"][0]["mrn"].lower()


def _audit_edit(data: dict[str, Any]) -> None:
    data["audit"][5]["changes"] = {"note": ["", "nothing happened"]}


def _score(data: dict[str, Any]) -> None:
    data["patients"][0]["episodes"][0]["assessments"][0]["total"] += 7


def _future_birth(data: dict[str, Any]) -> None:
    data["patients"][0]["date_of_birth"] = "2099-01-01"


def _dose(data: dict[str, Any]) -> None:
    note = next(n for n in signed_sessions(data) if n["exercises"])
    note["exercises"][0]["reps"] += 5


FORGERIES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "signed note rewritten": (lambda d: _note(d, subjective="All better, discharge me."),
                              "changed after it was signed"),
    "signer changed": (lambda d: _note(d, signature_name="Someone Else"),
                       "changed after it was signed"),
    "dose of a signed note changed": (_dose, "changed after it was signed"),
    "signature without credentials": (lambda d: _note(d, signature_credentials=""),
                                      "signed without the signer's credentials"),
    "audit emptied": (lambda d: d.update(audit=[]), "entries were removed or changed"),
    "audit entry edited": (_audit_edit, "audit entry 6 ("),
    "pain 57": (lambda d: _note(d, pain_back_pre=57), "must be between 0 and 10"),
    "minutes -30": (lambda d: _note(d, total_minutes=-30), "must be between 0 and 180"),
    "minutes 1e30": (lambda d: _note(d, total_minutes=1e30), "must be between 0 and 180"),
    "1900 visit date": (lambda d: _note(d, visit_date="1900-01-01"),
                        "is before the episode start"),
    "future birth date": (_future_birth, "is in the future"),
    "MRNs differing by case": (_case_mrn, "MRNs are unique whatever their case"),
    "score that does not recompute": (_score, "but the answers score"),
    "bogus status": (lambda d: _note(d, status="teleported"), "must be one of"),
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_a_forged_file_is_refused_whole(name: str, exported: dict[str, Any],
                                        db: Database) -> None:
    forge, expected = FORGERIES[name]
    data = copy.deepcopy(exported)
    forge(data)
    with pytest.raises(ValidationError) as info, db.session() as s:
        import_data(s, data)
    assert expected in info.value.message, info.value.message
    with db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == 0
        assert s.scalar(select(func.count(AuditEntry.id))) == 0


def test_an_added_admin_account_never_becomes_an_account(exported: dict[str, Any],
                                                         db: Database) -> None:
    from argon2 import PasswordHasher

    from mash_desktop.services.users import LoginError, login

    data = copy.deepcopy(exported)
    data["users"] = [{"id": 1, "username": "mallory", "full_name": "Mallory", "role": "admin",
                      "credentials": "PT", "active": True, "failed_attempts": 0,
                      "password_hash": PasswordHasher().hash("known password 1")}]
    with db.session() as s:
        assert import_data(s, data) == 12
    with db.session() as s:
        assert s.scalar(select(func.count(User.id))) == 0
    with pytest.raises(LoginError):
        login(db, "mallory", "known password 1")


def test_problems_are_listed_up_to_ten(exported: dict[str, Any], db: Database) -> None:
    data = copy.deepcopy(exported)
    for note in signed_sessions(data)[:15]:
        note["pain_back_post"] = 57
    with pytest.raises(ValidationError) as info, db.session() as s:
        import_data(s, data)
    assert len(info.value.errors) == 10


def test_a_forged_file_is_refused_on_the_command_line(exported: dict[str, Any],
                                                      tmp_path: Path, capsys) -> None:  # noqa: ANN001
    data = copy.deepcopy(exported)
    _note(data, pain_back_pre=57)
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["--db", str(tmp_path / "new.db"), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "import refused, nothing changed" in err and "0 and 10" in err
    assert "Traceback" not in err


def test_an_honest_file_imports_and_then_verifies(exported: dict[str, Any], tmp_path: Path,
                                                  capsys) -> None:  # noqa: ANN001
    path = tmp_path / "honest.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    new = str(tmp_path / "new.db")
    assert main(["--db", new, "import", str(path)]) == 0
    assert main(["--db", new, "check"]) == 0, capsys.readouterr().out
