"""The mash-desktop command for scripted work: demo, patients, episodes, check."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mash_desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_patients_json_then_check(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "patients", "--json")
    patients = json.loads(out)
    assert code == 0 and len(patients) == 12
    assert all(60 <= p["age"] <= 85 for p in patients)
    assert {p["mrn"] for p in patients} == {f"DEMO-{i:03d}" for i in range(1, 13)}
    assert run(capsys, "--db", db, "check")[0] == 0
    # running demo twice adds nothing
    assert "already present" in run(capsys, "--db", db, "demo")[1]


def test_episodes_json_lists_both_arms(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "demo")
    episodes = json.loads(run(capsys, "--db", db, "episodes", "--json")[1])
    assert {e["arm"] for e in episodes} == {"hip_focused", "spine_focused"}
    assert {e["status"] for e in episodes} >= {"active", "discharged"}


def test_env_variable_chooses_the_database(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_DB", str(tmp_path / "env.db"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_add_patient_with_bad_input_exits_nonzero_and_saves_nothing(tmp_path: Path,
                                                                     capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    code, _, err = run(capsys, "--db", db, "add-patient", "--mrn", "7", "--first-name", "A",
                       "--last-name", "B", "--dob", "2099-01-01", "--sex", "female")
    assert code == 1 and "date of birth: is in the future" in err
    assert json.loads(run(capsys, "--db", db, "patients", "--json")[1]) == []


def test_add_patient_and_episode(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "x.db")
    assert run(capsys, "--db", db, "add-patient", "--mrn", "7", "--first-name", "Ann",
               "--last-name", "Lee", "--dob", "1955-02-03", "--sex", "female")[0] == 0
    code, _, err = run(capsys, "--db", db, "add-episode", "--mrn", "7", "--start",
                       "2026-01-05", "--icd10", "M54.50", "--diagnosis", "LBP", "--arm",
                       "hip_focused", "--cert-start", "2026-01-05", "--cert-end", "2026-06-01")
    assert code == 1 and "90" in err
    assert run(capsys, "--db", db, "add-episode", "--mrn", "7", "--start", "2026-01-05",
               "--icd10", "M54.50", "--diagnosis", "LBP", "--arm", "hip_focused")[0] == 0
    assert run(capsys, "--db", db, "add-episode", "--mrn", "nope", "--start", "2026-01-05",
               "--icd10", "M54.50", "--diagnosis", "LBP", "--arm", "hip_focused")[0] == 1


def test_add_episode_states_a_plan_that_agrees_and_an_overlap_reason(tmp_path: Path,
                                                                     capsys) -> None:  # noqa: ANN001
    """The refusal for a second open episode asks for a reason: the command takes it
    (--overlap-reason); planned visits that contradict frequency x duration are refused
    in one line, and --sessions-per-week / --duration-weeks state the plan."""
    db = str(tmp_path / "x.db")
    run(capsys, "--db", db, "add-patient", "--mrn", "7", "--first-name", "Ann",
        "--last-name", "Lee", "--dob", "1955-02-03", "--sex", "female")
    base = ["--db", db, "add-episode", "--mrn", "7", "--start", "2026-01-05", "--icd10",
            "M54.50", "--diagnosis", "LBP", "--arm", "hip_focused"]
    code, _, err = run(capsys, *base, "--planned-visits", "12")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "2 times a week for 8 weeks is 16 visits, not 12" in err
    assert run(capsys, *base, "--planned-visits", "12", "--duration-weeks", "6")[0] == 0
    code, _, err = run(capsys, *base)
    assert code == 1 and "give the reason for a second one" in err
    assert run(capsys, *base, "--overlap-reason", "Separate episode for the other hip")[0] == 0
    episodes = json.loads(run(capsys, "--db", db, "episodes", "--json")[1])
    assert len(episodes) == 2


def test_check_fails_on_a_broken_database(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "x.db"
    run(capsys, "--db", str(db), "demo")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE episodes SET patient_id = 9999 WHERE id = 1")
        conn.execute("UPDATE episodes SET cert_end = '2000-01-01' WHERE id = 2")
    code, out, _ = run(capsys, "--db", str(db), "check")
    assert code == 1
    assert "FAIL foreign keys" in out and "cert end must be after the certification start" in out


@pytest.mark.parametrize("cmd", [[], ["patients"], ["episodes"], ["demo"], ["check"],
                                 ["add-patient"], ["add-episode"], ["gui"]])
def test_every_command_has_help(cmd: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "mash_desktop", *cmd, "--help"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "usage: mash-desktop" in result.stdout


def test_demo_without_db_fills_the_separate_demo_database_not_the_clinic(
        tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.config import default_db_path, demo_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # an empty user folder
    code, out, _ = run(capsys, "demo")
    assert code == 0 and demo_db_path().is_relative_to(tmp_path) and demo_db_path().exists()
    assert str(demo_db_path()) in out
    assert not default_db_path().exists()  # the clinic's own mash.db is untouched


def test_db_is_accepted_after_the_command_too(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    before, after = str(tmp_path / "before.db"), str(tmp_path / "after.db")
    assert run(capsys, "demo", "--db", after)[0] == 0
    assert len(json.loads(run(capsys, "episodes", "--json", "--db", after)[1])) > 0
    assert run(capsys, "--db", before, "episodes", "--db", after)[0] == 0  # the later one wins
    assert not Path(before).exists()
    code, out, _ = run(capsys, "--db", after, "users", "list", "--db", after)
    assert code == 0
