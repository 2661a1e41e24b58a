"""`check` on files that are damaged, garbage or missing: a sentence saying what is wrong
and what to do, exit status 1, never a traceback, and nothing created or changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def check(db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MASH_DESKTOP_DB_KEY"}
    return subprocess.run([sys.executable, "-m", "mash_desktop", "--db", str(db), "check"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result.stdout + result.stderr


def damage(db: Path, table: str) -> None:
    """Overwrite the cell pointers of one of the table's leaf pages (a torn write)."""
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        try:
            page = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = "
                                "'leaf' ORDER BY pageno LIMIT 1 OFFSET 1", (table,)).fetchone()[0]
        except sqlite3.OperationalError:  # SQLite built without dbstat: the root page
            page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                (table,)).fetchone()[0]
    with open(db, "r+b") as f:
        f.seek((page - 1) * page_size + 8)
        f.write(b"\xff" * 40)


@pytest.fixture
def clinic(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, path)
    return path


def test_damaged_pages_are_reported_by_table_with_what_to_do(clinic: Path) -> None:
    damage(clinic, "exercise_doses")
    text = refused(check(clinic))
    assert "table exercise_doses is damaged" in text
    assert "restore the newest backup" in text
    assert "FAIL sqlite integrity" in text


def test_a_garbage_file_is_not_called_encrypted(tmp_path: Path) -> None:
    for name, content in (("text.db", b"hello, this is not a database\n"),
                          ("noise.db", os.urandom(3000)),
                          ("zeros-header.db", b"SQLite format 2\x00" + b"\0" * 4080)):
        path = tmp_path / name
        path.write_bytes(content)
        digest = hashlib.sha256(content).digest()
        text = refused(check(path))
        assert "not a MASH Desktop database (or it is damaged)" in text, text
        assert "is encrypted: give its passphrase" not in text  # the old, misleading answer
        assert hashlib.sha256(path.read_bytes()).digest() == digest  # untouched


def test_a_truncated_database_is_a_sentence(clinic: Path) -> None:
    data = clinic.read_bytes()
    clinic.write_bytes(data[: len(data) // 2])
    text = refused(check(clinic))
    assert "damaged" in text and "restore" in text


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    text = refused(check(tmp_path / "nonexistent" / "dir" / "x.db"))
    assert "no database" in text or "does not exist" in text
    assert list(tmp_path.iterdir()) == []
