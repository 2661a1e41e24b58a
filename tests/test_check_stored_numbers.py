"""`mash-desktop check` holds every stored number to the rule its form or service uses
(issue 11): a value typed into the database with SQL — an eligibility screen's body
weight of 1e30, a goal target of infinity, a subscale that does not recompute, a progress
report covering 10^12 visits, a catalog default of 10^6 repetitions — is named in one
sentence, and an honest clinic has none of them."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mash_desktop.cli import main
from mash_desktop.db import Database
from mash_desktop.services.checks import run_checks

SQL_DAMAGE = {
    "eligibility screens": (
        "UPDATE eligibility_screens SET body_weight_kg = 1e30 WHERE id = "
        "(SELECT MIN(id) FROM eligibility_screens)", "body weight kg must be between 20 and 350"),
    "goal values": (
        "UPDATE goals SET target = 9e999 WHERE id = "
        "(SELECT MIN(id) FROM goals WHERE instrument IS NOT NULL)", "target must be a finite"),
    "assessments": (
        "UPDATE assessments SET subscales = json_set(subscales, '$.' || "
        "(SELECT key FROM json_each(subscales) LIMIT 1), 1e30) WHERE id = "
        "(SELECT MIN(id) FROM assessments WHERE subscales != '{}')",
        "subscales do not match what the answers score"),
    "progress reports": (
        "UPDATE progress_reports SET visits_covered = 1000000000000 WHERE id = "
        "(SELECT MIN(id) FROM progress_reports)", "visits covered must be between 0 and 200"),
    "catalog": (
        "UPDATE catalog_entries SET defaults = json_set(defaults, '$.reps', 1000000) "
        "WHERE key = 'bridge'", "reps must be between 1 and 100"),
}


def _problems(database: Database, name: str) -> list[str]:
    with database.session() as s:
        return next(r.problems for r in run_checks(s) if r.name == name)


def test_an_honest_clinic_has_no_stored_number_out_of_range(demo_db: Database) -> None:
    for name in SQL_DAMAGE:
        assert _problems(demo_db, name) == [], name


@pytest.mark.parametrize("name", list(SQL_DAMAGE))
def test_a_number_changed_with_sql_is_named(name: str, demo_db: Database) -> None:
    sql, expected = SQL_DAMAGE[name]
    with demo_db.session() as s:
        assert s.execute(text(sql)).rowcount == 1
    found = _problems(demo_db, name)
    assert len(found) == 1 and expected in found[0], found


def test_check_exits_1_with_the_sentence(demo_db: Database, capsys) -> None:  # noqa: ANN001
    sql, expected = SQL_DAMAGE["progress reports"]
    with demo_db.session() as s:
        s.execute(text(sql))
    path = demo_db.path
    demo_db.dispose()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert expected in out and "Traceback" not in out


WRONG_TYPES = {
    "UPDATE patients SET date_of_birth = 'banana' WHERE id = 2": "patients row 2: date of "
                                                                 "birth is not a date",
    "UPDATE visit_notes SET pain_back_pre = 'abc' WHERE id = 7": "visit_notes row 7: pain "
                                                                 "back pre is not a finite",
    "UPDATE exercise_doses SET reps = 1e30 WHERE id = 5": "exercise_doses row 5: reps is not a "
                                                          "whole number",
    "UPDATE settings SET value = '{' WHERE rowid = 1": "settings row 1: value is not JSON data",
    "UPDATE episodes SET cert_end = '2026-02-30' WHERE id = 1": "episodes row 1: cert end is "
                                                                "not a date",
}


def test_a_value_of_the_wrong_type_is_named_and_the_check_goes_on(demo_db: Database,
                                                                 capsys) -> None:  # noqa: ANN001
    """A value no reader can parse (a birth date 'banana') used to stop `check` with an
    unexpected ValueError; now it is named, and every other check still runs."""
    with demo_db.session() as s:
        for sql in WRONG_TYPES:
            assert s.execute(text(sql)).rowcount == 1, sql
    path = demo_db.path
    demo_db.dispose()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    for expected in WRONG_TYPES.values():
        assert expected in out, expected
    assert "unexpected error" not in out and "ok  diagnosis codes" in out


def test_an_honest_clinic_has_every_value_of_its_type(demo_db: Database) -> None:
    assert _problems(demo_db, "stored values") == []
