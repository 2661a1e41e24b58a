"""Commands that only read never write (issue 11 review): a zero-byte file or another
program's SQLite database is reported in one line, exit non-zero, the file unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from mash_desktop.cli import main


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["check"], ["patients"], ["episodes"],
                                     ["export", "--out", "x.json"]])
def test_a_zero_byte_file_is_reported_and_left_empty(tmp_path: Path, capsys, command) -> None:  # noqa: ANN001
    db = tmp_path / "zero.db"
    db.write_bytes(b"")
    before = sha256(db)
    assert main(["--db", str(db), *command]) != 0
    err = capsys.readouterr().err
    assert f"{db} is empty, not a MASH Desktop database: restore a backup" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sha256(db) == before and db.stat().st_size == 0
    assert not (tmp_path / "x.json").exists()


def test_another_programs_sqlite_file_is_left_alone(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table notes (x)")
    conn.close()
    before = sha256(db)
    for command in (["check"], ["add-patient", "--mrn", "1", "--first-name", "A",
                                "--last-name", "B", "--dob", "1950-01-01", "--sex", "male"]):
        assert main(["--db", str(db), *command]) == 1
        assert "is another program's SQLite database" in capsys.readouterr().err
        assert sha256(db) == before


def test_a_creating_command_may_fill_an_empty_file(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "new.db"
    db.write_bytes(b"")
    assert main(["--db", str(db), "add-patient", "--mrn", "1", "--first-name", "A",
                 "--last-name", "B", "--dob", "1950-01-01", "--sex", "male"]) == 0
    assert main(["--db", str(db), "check"]) == 0
