"""Tidy CSV tables for research: complete, readable in a spreadsheet, and truly
de-identified when asked."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.interop.tables import TABLES, export_csv, header
from mash_desktop.models import (
    Assessment,
    Episode,
    ExerciseDose,
    Goal,
    ManualTherapyDose,
    Patient,
    VisitNote,
)
from mash_desktop.services.patients import create_patient

FILES = {"patients": Patient, "episodes": Episode, "sessions": VisitNote,
         "assessments": Assessment, "goals": Goal, "exercise_doses": ExerciseDose,
         "manual_therapy": ManualTherapyDose}


def read(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_row_counts_equal_the_records(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "tables"
    with demo_db.session() as s:
        counts = export_csv(s, out)
        expected = {t: s.scalar(select(func.count()).select_from(m)) for t, m in FILES.items()}
    assert counts == expected
    for table, n in expected.items():
        assert len(read(out, table)) == n
    assert {p.name for p in out.iterdir()} == {f"{t}.csv" for t in TABLES} | {
        "dictionary.csv", "README.txt"}


def test_assessments_table_holds_arm_timepoint_total_subscales_and_band(
        demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        export_csv(s, tmp_path / "t")
        pcs = s.scalars(select(Assessment).where(Assessment.instrument == "pcs")
                        .order_by(Assessment.id)).first()
        assert pcs is not None
        arm = pcs.episode.arm
    row = next(r for r in read(tmp_path / "t", "assessments")
               if r["assessment_id"] == str(pcs.id))
    assert row["arm"] == arm and row["timepoint"] == pcs.timepoint
    assert float(row["total"]) == pcs.total
    for name, value in pcs.subscales.items():
        assert float(row[f"subscale_{name}"]) == value


def test_dictionary_describes_every_column_of_every_file(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    for deidentify in (False, True):
        out = tmp_path / f"d{deidentify}"
        with demo_db.session() as s:
            export_csv(s, out, deidentify=deidentify)
        described = {(r["table"], r["column"]) for r in read(out, "dictionary")}
        for table in TABLES:
            with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as fh:
                columns = next(csv.reader(fh))
            assert columns == header(table, deidentify)
            assert {(f"{table}.csv", c) for c in columns} <= described


def identifiers(s) -> list[str]:  # noqa: ANN001
    """Everything that could name a patient: the scan looks for each in every file."""
    found: list[str] = []
    for p in s.scalars(select(Patient)):
        dob = p.date_of_birth
        found += [p.first_name, p.last_name, p.mrn, dob.isoformat(),
                  dob.strftime("%m/%d/%Y"), dob.strftime("%d/%m/%Y"), p.phone,
                  re.sub(r"\D", "", p.phone), p.email, p.referring_physician, p.member_id]
        found += [line.strip() for line in p.address.splitlines()]
        found.append(p.notes)
        for ep in p.episodes:
            found += [ep.diagnosis_text, ep.discharge_reason, ep.recommendations]
            for n in ep.visits:
                found += [n.subjective, n.assessment, n.plan, n.status_reason,
                          n.signature_name]
                found += [d.response for d in n.manual_therapy]
            found += [a.notes for a in ep.assessments]
            found += [g.text for g in ep.goals] + [g.status_reason for g in ep.goals]
    return [x for x in found if x and len(x.strip()) >= 3]


def test_deidentified_files_contain_no_identifier_of_any_patient(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "deid"
    with demo_db.session() as s:
        create_patient(s, {"mrn": "OLD-95", "first_name": "Philippa", "last_name": "Quartermaine",
                           "date_of_birth": "1930-03-03", "sex": "female",
                           "phone": "302-555-0199", "email": "pq@example.org",
                           "address": "12 Orchard Lane\nDover, DE 19901",
                           "notes": "prefers mornings"})
        export_csv(s, out, deidentify=True)
        secrets = identifiers(s)
    assert len(secrets) > 100
    any_secret = re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(x.casefold()) for x in sorted(set(secrets), key=len, reverse=True))
        + r")(?!\w)")
    for f in sorted(out.iterdir()):
        text = f.read_text(encoding="utf-8-sig").casefold()
        found = any_secret.search(text)
        assert found is None, f"{f.name} contains {found.group(0)!r}"
        if f.suffix == ".csv" and f.name != "dictionary.csv":
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text), f"{f.name} has a date"
    ages = [int(r["age_at_first_episode"]) for r in read(out, "patients")
            if r["age_at_first_episode"]]
    assert ages and max(ages) <= 90


def test_study_ids_are_random_and_consistent_across_files(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        export_csv(s, tmp_path / "a", deidentify=True)
        export_csv(s, tmp_path / "b", deidentify=True)
        db_ids = {str(i) for i in s.scalars(select(Patient.id))}
    a = tmp_path / "a"
    patients = {r["patient_id"] for r in read(a, "patients")}
    episodes = {r["episode_id"]: r["patient_id"] for r in read(a, "episodes")}
    sessions = {r["session_id"]: r["episode_id"] for r in read(a, "sessions")}
    assert not patients & db_ids
    assert set(episodes.values()) <= patients
    assert set(sessions.values()) <= set(episodes)
    for table in ("assessments", "exercise_doses", "manual_therapy"):
        for r in read(a, table):
            assert episodes[r["episode_id"]] == r["patient_id"]
            if "session_id" in r:
                assert sessions[r["session_id"]] == r["episode_id"]
    assert not patients & {r["patient_id"] for r in read(tmp_path / "b", "patients")}


def test_dates_become_days_since_the_episode_start(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        export_csv(s, tmp_path / "id")
        export_csv(s, tmp_path / "de", deidentify=True)
    identified = read(tmp_path / "id", "sessions")
    starts = {r["episode_id"]: date.fromisoformat(r["start_date"])
              for r in read(tmp_path / "id", "episodes")}
    days = sorted((date.fromisoformat(r["visit_date"]) - starts[r["episode_id"]]).days
                  for r in identified)
    assert sorted(int(r["visit_day"]) for r in read(tmp_path / "de", "sessions")) == days
    assert {r["start_day"] for r in read(tmp_path / "de", "episodes")} == {"0"}


def test_age_is_capped_at_90_only_when_deidentified(db, tmp_path: Path) -> None:  # noqa: ANN001
    from mash_desktop.services.episodes import create_episode

    with db.session() as s:
        p = create_patient(s, {"mrn": "A1", "first_name": "Ada", "last_name": "Old",
                               "date_of_birth": "1929-01-01", "sex": "female"})
        create_episode(s, p.id, {"start_date": "2026-01-10", "icd10_code": "M54.50",
                                 "diagnosis_text": "Low back pain", "arm": "hip_focused"})
        export_csv(s, tmp_path / "id")
        export_csv(s, tmp_path / "de", deidentify=True)
    assert read(tmp_path / "id", "episodes")[0]["age_at_start"] == "97"
    assert read(tmp_path / "de", "episodes")[0]["age_at_start"] == "90"


def test_empty_clinic_gives_headers_only(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        counts = export_csv(s, tmp_path / "empty")
    assert set(counts.values()) == {0}
    for table in TABLES:
        lines = (tmp_path / "empty" / f"{table}.csv").read_text(encoding="utf-8-sig")
        assert lines.splitlines() == [",".join(header(table, False))]


def test_text_a_spreadsheet_would_run_is_defused(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        create_patient(s, {"mrn": "X1", "first_name": "=HYPERLINK(\"x\")",
                           "last_name": "@SUM(A1)", "date_of_birth": "1950-01-01",
                           "sex": "male"})
        export_csv(s, tmp_path / "t")
    row = read(tmp_path / "t", "patients")[0]
    assert row["first_name"] == "'=HYPERLINK(\"x\")" and row["last_name"] == "'@SUM(A1)"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_csv_export_and_its_bad_input(demo_db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(demo_db.path)
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    code, text, _ = run(capsys, "--db", db, "export", "--format", "csv", "--deidentify",
                        "--out", str(tmp_path / "study"))
    assert code == 0 and "de-identified CSV" in text
    assert (tmp_path / "study" / "README.txt").read_text(encoding="utf-8").count("DE-IDENT")
    missing_parent = tmp_path / "no" / "such"
    code, _, err = run(capsys, "--db", db, "export", "--format", "csv", "--out",
                       str(missing_parent))
    assert code == 1 and "parent must exist" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "export", "--format", "csv", "--out", str(a_file))
    assert code == 1 and "is a file" in err and a_file.read_text(encoding="utf-8") == "keep me"
    code, _, err = run(capsys, "--db", db, "export", "--format", "fhir", "--deidentify",
                       "--out", str(tmp_path / "x.json"))
    assert code == 1 and "--deidentify applies to --format csv" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "study"]


def test_home_program_frequency_is_in_the_tables(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    """A study of adherence needs the prescribed home dose: the plan's frequency on the
    episode, and on each home-program exercise its own frequency, else the plan's."""
    with demo_db.session() as s:
        doses = s.scalars(select(ExerciseDose).order_by(ExerciseDose.id)).all()
        ep = doses[0].visit.episode
        mine = [d for d in doses if d.visit.episode_id == ep.id]
        own, plain = mine[0], next(d for d in mine if d.exercise_id != mine[0].exercise_id)
        own.home_program = plain.home_program = True
        ep.hep_times_per_day, ep.hep_days_per_week = 1, 3
        ep.hep_exercises = {own.exercise.key: {"times_per_day": 2, "days_per_week": 7}}
        s.flush()
        export_csv(s, tmp_path / "t")
        ids = {"own": str(own.id), "plain": str(plain.id), "episode": str(ep.id)}
    episode = next(r for r in read(tmp_path / "t", "episodes") if r["episode_id"] == ids["episode"])
    assert (episode["hep_times_per_day"], episode["hep_days_per_week"]) == ("1", "3")
    rows = {r["dose_id"]: r for r in read(tmp_path / "t", "exercise_doses")}
    assert (rows[ids["own"]]["home_times_per_day"], rows[ids["own"]]["home_days_per_week"]) \
        == ("2", "7")
    assert (rows[ids["plain"]]["home_times_per_day"],
            rows[ids["plain"]]["home_days_per_week"]) == ("1", "3")
    assert all(r["home_days_per_week"] == "" for r in rows.values() if r["home_program"] == "0")
