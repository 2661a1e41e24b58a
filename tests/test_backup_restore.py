"""Backups restore exactly, restores never silently overwrite, and bad files are refused."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.services import ValidationError
from mash_desktop.services.backup import auto_backup, auto_prefix, inspect_backup, restore_backup


def export(db: str, out: Path) -> dict:
    assert main(["--db", db, "export", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("exported_at")
    data.pop("audit_chain")  # the head moves on with the export's own audit entry
    data["audit"] = [a for a in data["audit"] if a["action"] != "export"]
    return data


def test_backup_then_restore_gives_back_exactly_the_same_records(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    main(["--db", db, "demo"])
    before = export(db, tmp_path / "1.json")
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.db")]) == 0
    main(["--db", db, "add-patient", "--mrn", "NEW", "--first-name", "A", "--last-name", "B",
          "--dob", "1950-01-01", "--sex", "male"])
    assert main(["--db", db, "restore", str(tmp_path / "b.db"), "--yes"]) == 0
    after = export(db, tmp_path / "2.json")
    assert after == before
    kept = list(tmp_path.glob("c.before-restore-*.db"))
    assert kept, "the replaced database must be kept aside"
    with sqlite3.connect(kept[0]) as conn:
        assert conn.execute("select count(*) from patients where mrn='NEW'").fetchone()[0] == 1


def test_restore_refuses_files_that_are_not_mash_databases(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    (tmp_path / "notes.db").write_text("hello")
    with sqlite3.connect(tmp_path / "other.db") as conn:
        conn.execute("create table x (a)")
    db = str(tmp_path / "c.db")
    main(["--db", db, "demo"])
    for bad in ("notes.db", "other.db", "missing.db"):
        assert main(["--db", db, "restore", str(tmp_path / bad), "--yes"]) == 1
        assert "not restored" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("select count(*) from patients").fetchone()[0] == 12


def test_restore_refuses_a_backup_from_a_newer_version(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    main(["--db", str(db), "demo"])
    main(["--db", str(db), "backup", "--out", str(tmp_path / "b.db")])
    with sqlite3.connect(tmp_path / "b.db") as conn:
        conn.execute("update alembic_version set version_num='9999_future'")
    with pytest.raises(ValidationError, match="newer"):
        restore_backup(tmp_path / "b.db", db)


def test_preview_says_what_a_backup_holds(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    main(["--db", str(db), "demo"])
    info = inspect_backup(db)
    assert info.patients == 12 and info.notes > 100 and info.newest_note


def test_automatic_backup_at_most_daily_keeping_n(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    main(["--db", str(db), "demo"])
    folder = tmp_path / "backups"
    day = datetime(2026, 1, 1, 18, 0)
    assert auto_backup(db, keep=3, folder=folder, now=day) is not None
    assert auto_backup(db, keep=3, folder=folder, now=day + timedelta(hours=2)) is None
    for i in range(1, 6):
        auto_backup(db, keep=3, folder=folder, now=day + timedelta(days=i))
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3 and names[-1].startswith(f"{auto_prefix(db)}20260106")


def test_each_database_keeps_its_own_daily_backup(tmp_path: Path) -> None:
    """A second database (demo, a test, another --db) never uses up or rotates away the
    clinic's own automatic backup of the day."""
    clinic, other = tmp_path / "mash.db", tmp_path / "elsewhere" / "mash.db"
    other.parent.mkdir()
    for db in (clinic, other):
        assert main(["--db", str(db), "add-patient", "--mrn", "A1", "--first-name", "Ada",
                     "--last-name", "Lovelace", "--dob", "1950-01-01", "--sex", "female"]) == 0
    folder = tmp_path / "backups"
    day = datetime(2026, 1, 1, 18, 0)
    for i in range(4):
        assert auto_backup(other, keep=2, folder=folder, now=day + timedelta(days=i))
    assert auto_backup(clinic, keep=2, folder=folder, now=day + timedelta(days=3)) is not None
    assert auto_backup(other, keep=2, folder=folder, now=day + timedelta(days=4)) is not None
    mine = sorted(p.name for p in folder.glob(f"{auto_prefix(clinic)}*"))
    theirs = sorted(p.name for p in folder.glob(f"{auto_prefix(other)}*"))
    assert len(mine) == 1 and len(theirs) == 2 and auto_prefix(clinic) != auto_prefix(other)


def test_backup_never_overwrites_an_existing_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = str(tmp_path / "c.db")
    main(["--db", db, "demo"])
    (tmp_path / "b.db").write_text("precious")
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.db")]) == 1
    assert (tmp_path / "b.db").read_text() == "precious"


def test_automatic_backups_are_private_even_under_a_permissive_umask(tmp_path: Path) -> None:
    import os
    import stat

    db = tmp_path / "c.db"
    assert main(["--db", str(db), "add-patient", "--mrn", "A1", "--first-name", "Ada",
                 "--last-name", "Lovelace", "--dob", "1950-01-01", "--sex", "female"]) == 0
    old = os.umask(0o022)
    try:
        made = auto_backup(db, folder=tmp_path / "backups", now=datetime(2026, 1, 1, 18, 0))
    finally:
        os.umask(old)
    assert made is not None and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
