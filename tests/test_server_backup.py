"""Backups of a clinic server: pg_dump archives with the same preview, confirmation and
keep-the-current-data-aside restore as for a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Patient, VisitNote
from mash_desktop.services import ValidationError
from mash_desktop.services.checks import run_checks
from mash_desktop.services.patients import create_patient
from mash_desktop.services.server_backup import (
    connection,
    inspect_server_backup,
    make_server_backup,
    restore_server_backup,
)

ON_POSTGRES = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def counts(db) -> tuple[int, int]:  # noqa: ANN001
    with db.session() as s:
        return (s.scalar(select(func.count(Patient.id))),
                s.scalar(select(func.count(VisitNote.id))))


def test_the_password_travels_in_the_environment_not_the_command_line() -> None:
    conninfo, env = connection("postgresql+psycopg://pt:s3cret@clinic-server:5433/mash"
                               "?sslmode=require")
    assert "s3cret" not in conninfo and env["PGPASSWORD"] == "s3cret"
    assert conninfo == "postgresql://pt@clinic-server:5433/mash?sslmode=require"


@ON_POSTGRES
def test_backup_preview_then_restore_brings_back_exactly_that_day(demo_db, tmp_path) -> None:  # noqa: ANN001
    patients, notes = counts(demo_db)
    dump = make_server_backup(demo_db.url, tmp_path / "clinic.dump")
    assert dump.stat().st_mode & 0o777 == 0o600
    info = inspect_server_backup(dump)
    assert (info.patients, info.notes) == (patients, notes) and info.newest_note
    with demo_db.session() as s:  # work done after the backup...
        create_patient(s, {"mrn": "AFTER-1", "first_name": "Zed", "last_name": "Later",
                           "date_of_birth": "1950-01-01", "sex": "male"})
    assert counts(demo_db)[0] == patients + 1
    demo_db.engine.dispose()
    aside = restore_server_backup(dump, demo_db.url)
    assert counts(demo_db) == (patients, notes)  # ...is gone from the server
    assert inspect_server_backup(aside).patients == patients + 1  # ...but kept aside
    with demo_db.session() as s:
        assert all(r.ok for r in run_checks(s)), [r for r in run_checks(s) if not r.ok]
        create_patient(s, {"mrn": "AFTER-2", "first_name": "New", "last_name": "Record",
                           "date_of_birth": "1950-01-01", "sex": "male"})  # ids move on


@ON_POSTGRES
@pytest.mark.parametrize("content", [b"", b"not a dump", b"SQLite format 3\x00" + b"\0" * 100])
def test_a_file_that_is_not_a_server_backup_is_refused_and_changes_nothing(
        demo_db, tmp_path, content) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.dump"
    bad.write_bytes(content)
    before = counts(demo_db)
    with pytest.raises(ValidationError, match="not a PostgreSQL backup|not a MASH"):
        restore_server_backup(bad, demo_db.url)
    assert counts(demo_db) == before


@ON_POSTGRES
def test_cli_backup_and_restore_on_the_server(demo_db, tmp_path, capsys) -> None:  # noqa: ANN001
    dump = tmp_path / "nightly.dump"
    assert main(["--db", demo_db.url, "backup", "--out", str(dump)]) == 0
    assert "backed up the clinic server to" in capsys.readouterr().out
    assert main(["--db", demo_db.url, "backup", "--out", str(dump)]) == 1  # never overwritten
    assert "already exists" in capsys.readouterr().err
    patients, _ = counts(demo_db)
    assert main(["--db", demo_db.url, "restore", str(dump), "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"{patients} patients" in out and "kept as" in out
    assert main(["--db", demo_db.url, "restore", str(tmp_path / "missing.dump"), "--yes"]) == 1
    assert "not restored" in capsys.readouterr().err


def test_backing_up_a_server_without_the_client_tools_says_what_to_install(
        monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    from mash_desktop.services import server_backup

    monkeypatch.setattr(server_backup.shutil, "which", lambda _n: None)
    monkeypatch.setattr(server_backup.glob, "glob", lambda _p: [])
    with pytest.raises(ValidationError, match="postgresql-client"):
        make_server_backup("postgresql+psycopg://pt@nowhere/mash", tmp_path / "x.dump")


@ON_POSTGRES
def test_file_backup_now_on_a_clinic_server_writes_a_pg_dump(demo_window, tmp_path,
                                                             monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QFileDialog

    from mash_desktop.gui.operations import Runner

    win = demo_window
    target = tmp_path / "from-the-menu.dump"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(Runner, "synchronous", True)
    win.ui.actionBackup.trigger()
    assert inspect_server_backup(target).patients == counts(win.db)[0]
