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


def _episodes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for p in data["patients"] for e in p["episodes"]]


def _first(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(x for e in _episodes(data) for x in e[key])


def _screen(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def forge(data: dict[str, Any]) -> None:
        next(e for e in _episodes(data) if e["eligibility_screen"])[
            "eligibility_screen"].update(changes)
    return forge


def _measured_goal(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def forge(data: dict[str, Any]) -> None:
        next(g for e in _episodes(data) for g in e["goals"] if g["instrument"]).update(changes)
    return forge


def _subscale(data: dict[str, Any]) -> None:
    a = next(a for e in _episodes(data) for a in e["assessments"] if a["subscales"])
    a["subscales"][next(iter(a["subscales"]))] = 1e30


def _catalog(key: str, value: Any, hints: bool = False) -> Callable[[dict[str, Any]], None]:
    def forge(data: dict[str, Any]) -> None:
        entry = next(c for c in data["catalog"] if (c["defaults"] or {}).get(
            "progression" if hints else key) is not None)
        (entry["defaults"]["progression"] if hints else entry["defaults"])[key] = value
    return forge


def _draft(**changes: Any) -> Callable[[dict[str, Any]], None]:
    def forge(data: dict[str, Any]) -> None:
        next(n for e in _episodes(data) for n in e["sessions"] if not n["signed_at"]).update(
            changes)
    return forge


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
    # every number in the file is bounded by the rule the form or service uses, and finite
    "screen body weight 1e30": (_screen(body_weight_kg=1e30), "between 20 and 350 kg"),
    "screen back pain 57": (_screen(lbp_intensity=57), "between 0 and 10"),
    "screen hip strength NaN": (_screen(hip_ir_left=float("nan")), "finite"),
    "screen HOOS item 9": (_screen(hoos_items=[1, 1, 9, 1, 1]), "between 0 and 4"),
    "goal target NaN": (_measured_goal(target=float("nan")), "finite"),
    "goal baseline 1e30": (_measured_goal(baseline=1e30), "must be between"),
    "subscale 1e30": (_subscale, "subscales do not match what the answers score"),
    "total infinite": (lambda d: _first(d, "assessments").update(total=float("inf")),
                       "but the answers score"),
    "catalog default reps 1e30": (_catalog("reps", 1e30), "between 1 and 100"),
    "catalog default seconds -5": (_catalog("seconds", -5), "between 1 and 1800"),
    "catalog progression step NaN": (_catalog("reps_step", float("nan"), hints=True),
                                     "finite"),
    "catalog progression step 0": (_catalog("sets_step", 0, hints=True), "more than 0"),
    "visit number NaN": (lambda d: _note(d, visit_number=float("nan")), "finite"),
    "visit number 10**15": (lambda d: _note(d, visit_number=10**15), "must be between 0 and"),
    "dose position infinite": (
        lambda d: next(n for n in signed_sessions(d) if n["exercises"])["exercises"][0]
        .update(position=float("inf")), "finite"),
    "progress report visits 1e30": (
        lambda d: _first(d, "progress_reports").update(visits_covered=1e30),
        "between 0 and 200"),
    "progress report visits NaN": (
        lambda d: _first(d, "progress_reports").update(visits_covered=float("nan")),
        "finite"),
    "patient id NaN": (lambda d: d["patients"][0].update(id=float("nan")), "finite"),
    "payer id 2**70": (lambda d: d["payers"][0].update(id=2**70), "whole number"),
    "minutes 1e30 in a draft": (_draft(total_minutes=1e30), "must be between 0 and 180"),
    "audit changes NaN": (lambda d: d["audit"][3].update(changes={"x": [None, float("nan")]}),
                          "audit"),
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


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000])
def test_a_file_with_a_number_json_does_not_have_is_refused(
        number: str, exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    text = json.dumps(exported).replace('"total_minutes": 60', f'"total_minutes": {number}', 1)
    assert number in text
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    new = tmp_path / "new.db"
    assert main(["--db", str(new), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "import refused, nothing changed" in err and "not a number" in err
    assert err.count("\n") == 1 and "Traceback" not in err and not new.exists()


def test_a_refused_import_into_a_new_file_leaves_nothing_behind(
        exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    data = copy.deepcopy(exported)
    _note(data, pain_back_pre=57)  # refused by the record checks, after the file was read
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    folder = tmp_path / "clinic"
    folder.mkdir()
    assert main(["--db", str(folder / "new.db"), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "import refused, nothing changed" in err and err.count("\n") == 1
    assert list(folder.iterdir()) == []  # no database, journal, WAL or lock file


def test_a_refused_import_into_an_existing_empty_database_changes_nothing(
        exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from mash_desktop.services.startup import open_clinic

    target = tmp_path / "mine.db"
    open_clinic(f"sqlite:///{target}").dispose()

    def contents() -> list[str]:
        import sqlite3

        with sqlite3.connect(target) as con:
            return list(con.iterdump())

    before = contents()
    data = copy.deepcopy(exported)
    _note(data, pain_back_pre=57)
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(target), "import", str(path)]) == 1
    assert "import refused, nothing changed" in capsys.readouterr().err
    assert target.exists() and contents() == before
