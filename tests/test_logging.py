"""The log records what an administrator needs (migrations, backups, restores, imports,
exports, sign-in failures, integrity problems, unexpected errors) and never patient data."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from mash_desktop import logs
from mash_desktop.cli import main

NAME, BIRTH, NOTE = ("Zyxwvut", "Qwertyson"), "1951-02-03", "Fell on the ice near the bakery"


def log_text() -> str:
    for handler in logging.getLogger("mash_desktop").handlers:
        handler.flush()
    return logs.log_file().read_text(encoding="utf-8") if logs.log_file().exists() else ""


def test_a_working_day_leaves_an_audit_of_events_but_no_patient_data(
        tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    start = len(log_text())
    db = str(tmp_path / "clinic.db")
    assert main(["--db", db, "add-patient", "--mrn", "Z-1", "--first-name", NAME[0],
                 "--last-name", NAME[1], "--dob", BIRTH, "--sex", "female",
                 "--notes", NOTE]) == 0
    export = tmp_path / f"{NAME[1]}.json"
    assert main(["--db", db, "export", "--out", str(export)]) == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    data["patients"][0]["date_of_birth"] = f"{NAME[0]} {BIRTH}"  # a bad value to quote
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(tmp_path / "other.db"), "import", str(bad)]) == 1
    monkeypatch.setenv("MASH_DESKTOP_NEW_PASSWORD", "correct horse")
    assert main(["--db", db, "users", "add", "--username", "ada", "--full-name", "Ada"]) == 0
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", "correct horse")
    assert main(["--db", db, "--user", "ada", "backup", "--out", str(tmp_path / "b.db")]) == 0
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", f"{NAME[0]} wrong")
    assert main(["--db", db, "--user", "ada", "patients"]) != 0
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", "correct horse")
    assert main(["--db", db, "--user", "ada", "restore", str(tmp_path / "b.db"),
                 "--yes"]) == 0

    from mash_desktop.cli import chart

    def boom(_args: object) -> int:
        raise RuntimeError(f"could not list {NAME[0]} {NAME[1]} born {BIRTH}: {NOTE}")

    monkeypatch.setattr(chart, "cmd_episodes", boom)
    assert main(["--db", db, "--user", "ada", "episodes"]) == 70
    capsys.readouterr()

    text = log_text()[start:]
    for event in ("migrating the database", "backup written", "restored", "import refused",
                  "exported 1 patient", "sign-in failed", "unexpected error in mash-desktop"):
        assert event in text, event
    for secret in (*NAME, BIRTH, NOTE, "correct horse"):
        assert secret not in text, secret
    assert stat.S_IMODE(logs.log_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(logs.log_file().parent.stat().st_mode) == 0o700


def test_integrity_problems_are_logged(demo_template: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from test_check_damaged_files import damage

    db = tmp_path / "c.db"
    db.write_bytes(demo_template.read_bytes())
    damage(db, "visit_notes")
    start = len(log_text())
    assert main(["--db", str(db), "check"]) == 1
    assert "table visit_notes is damaged" in capsys.readouterr().out
    assert "integrity check found damage" in log_text()[start:]


@pytest.mark.parametrize("kind", ["gui", "cli"])
def test_the_log_rotates_at_one_megabyte(kind: str) -> None:
    from logging.handlers import RotatingFileHandler

    logs.setup_logging()
    handlers = [h for h in logging.getLogger("mash_desktop").handlers
                if isinstance(h, RotatingFileHandler)]
    assert len(handlers) == 1
    assert handlers[0].maxBytes == 1_000_000 and handlers[0].backupCount == 5
