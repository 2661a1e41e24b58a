"""Outputs never destroy inputs: every file the app writes is checked first, written
whole or not at all, private, and never over the database or an existing file.

Each test is one of the attacks from issue 11, through the real command line
(a subprocess, exactly as a user would type it) and through the service it calls.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mash_desktop import files
from mash_desktop.cli import main
from mash_desktop.db import Database
from mash_desktop.files import FileError, check_target, write_atomic
from mash_desktop.services.backup import make_backup
from mash_desktop.services.transfer import export_file

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mash_desktop", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    """A refused command: non-zero exit, one line on stderr, no traceback."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def clinic(demo_template: Path, tmp_path: Path) -> Path:
    """A demo clinic file that no Database object in this process holds open."""
    path = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, path)
    return path


def sha(path: Path) -> bytes:
    import hashlib

    return hashlib.sha256(path.read_bytes()).digest()


# ---- the database is never an output ------------------------------------------------
@pytest.mark.parametrize("command", [["report", "hep", "--episode", "1"], ["export"],
                                     ["backup"]])
def test_out_onto_the_live_database_is_refused_and_changes_nothing(clinic: Path,
                                                                   command: list[str]) -> None:
    before = sha(clinic)
    for target in (clinic, clinic.with_name(clinic.name + "-wal"), clinic.with_name(
            clinic.name + "-shm")):
        for force in ([], ["--force"]):
            line = one_clean_line(cli("--db", str(clinic), *command, "--out", str(target),
                                      *force))
            assert "database file in use" in line
    assert sha(clinic) == before
    with sqlite3.connect(clinic) as conn:
        assert conn.execute("select count(*) from patients").fetchone()[0] == 12


def test_a_hard_link_or_symlink_to_the_database_is_recognised(clinic: Path) -> None:
    link = clinic.with_name("alias.pdf")
    os.link(clinic, link)
    sym = clinic.with_name("sym.json")
    sym.symlink_to(clinic)
    before = sha(clinic)
    for target in (link, sym):
        line = one_clean_line(cli("--db", str(clinic), "export", "--out", str(target),
                                  "--force"))
        assert "database file in use" in line
    assert sha(clinic) == before


def test_service_level_writers_refuse_the_open_database(demo_db: Database,
                                                        tmp_path: Path) -> None:
    assert demo_db.path is not None
    before = sha(demo_db.path)
    with demo_db.session() as s, pytest.raises(FileError, match="database file in use"):
        export_file(s, demo_db.path, force=True)
    with pytest.raises(FileError, match="database file in use"):
        make_backup(demo_db.path, demo_db.path, force=True)
    with pytest.raises(FileError, match="database file in use"):
        write_atomic(demo_db.path.with_name(demo_db.path.name + "-wal"), b"x", force=True)
    assert sha(demo_db.path) == before


# ---- existing files, folders, missing folders ------------------------------------------
def test_an_existing_file_is_replaced_only_with_force(clinic: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("precious")
    line = one_clean_line(cli("--db", str(clinic), "report", "hep", "--episode", "1",
                              "--out", str(target)))
    assert "already exists" in line and "--force" in line
    assert target.read_text() == "precious"
    done = cli("--db", str(clinic), "report", "hep", "--episode", "1", "--out", str(target),
               "--force")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("command", [["report", "hep", "--episode", "1"], ["export"],
                                     ["backup"]])
def test_out_to_a_folder_or_a_missing_folder_is_one_line(clinic: Path, tmp_path: Path,
                                                         command: list[str]) -> None:
    assert "is a folder" in one_clean_line(cli("--db", str(clinic), *command, "--out",
                                               str(tmp_path)))
    missing = tmp_path / "no" / "such" / "x.out"
    assert "does not exist" in one_clean_line(cli("--db", str(clinic), *command, "--out",
                                                  str(missing)))
    assert not (tmp_path / "no").exists()


def test_a_refused_report_writes_no_audit_entry(clinic: Path, tmp_path: Path) -> None:
    with sqlite3.connect(clinic) as conn:
        before = conn.execute("select count(*) from audit_log").fetchone()[0]
    one_clean_line(cli("--db", str(clinic), "report", "hep", "--episode", "1", "--out",
                       str(tmp_path)))
    with sqlite3.connect(clinic) as conn:
        assert conn.execute("select count(*) from audit_log").fetchone()[0] == before


# ---- full disk, permissions ------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root); skipped where it cannot be mounted."""
    where = tmp_path / "tiny"
    where.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
            capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


@pytest.mark.parametrize("command", [["export"], ["backup"]])
def test_a_full_disk_gives_one_line_and_leaves_no_partial_file(clinic: Path, tiny_disk: Path,
                                                               command: list[str]) -> None:
    line = one_clean_line(cli("--db", str(clinic), *command, "--out",
                              str(tiny_disk / "out.file")))
    assert "disk is full" in line and "nothing was written" in line
    assert list(tiny_disk.iterdir()) == []


def test_a_failing_disk_write_removes_the_temporary_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import errno

    def full(_path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "fsync_file", full)
    with pytest.raises(FileError, match="disk is full"):
        write_atomic(tmp_path / "out.pdf", b"%PDF-1.4 data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused_before_any_work(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(FileError, match="permission denied"):
        check_target(locked / "x.pdf")


def test_files_holding_patient_data_are_private(clinic: Path, tmp_path: Path) -> None:
    outs = {"export": tmp_path / "e.json", "backup": tmp_path / "b.db",
            "report": tmp_path / "r.pdf"}
    assert cli("--db", str(clinic), "export", "--out", str(outs["export"])).returncode == 0
    assert cli("--db", str(clinic), "backup", "--out", str(outs["backup"])).returncode == 0
    assert cli("--db", str(clinic), "report", "hep", "--episode", "1", "--out",
               str(outs["report"])).returncode == 0
    new_db = tmp_path / "new" / "fresh.db"
    new_db.parent.mkdir()
    assert cli("--db", str(new_db), "add-patient", "--mrn", "P1", "--first-name", "Ann",
               "--last-name", "Lee", "--dob", "1950-01-01", "--sex", "female").returncode == 0
    for path in [*outs.values(), new_db, new_db.with_name("fresh.db.lock")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in new_db.parent.iterdir())


def test_a_database_opened_by_a_library_caller_is_made_private(tmp_path: Path) -> None:
    from mash_desktop.db import open_database

    old = os.umask(0o022)
    try:
        db = open_database(f"sqlite:///{tmp_path / 'lib.db'}")
        with db.session() as s:
            s.execute(__import__("sqlalchemy").text("select 1"))
        for p in tmp_path.iterdir():
            assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, p
        db.dispose()
    finally:
        os.umask(old)


# ---- read-only commands never create a database -----------------------------------------
@pytest.mark.parametrize("command", [["check"], ["patients"], ["episodes"],
                                     ["export", "--out", "{tmp}/e.json"],
                                     ["report", "hep", "--episode", "1", "--out", "{tmp}/r.pdf"],
                                     ["backup", "--out", "{tmp}/b.db"], ["users", "list"]])
def test_read_only_commands_on_a_missing_database_create_nothing(tmp_path: Path,
                                                                 command: list[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("{tmp}", str(out)) for a in command]
    for db in (tmp_path / "nonexistent" / "dir" / "x.db", tmp_path / "missing.db"):
        line = one_clean_line(cli("--db", str(db), *args))
        assert "no database" in line or "does not exist" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert list(out.iterdir()) == []


def test_no_command_creates_the_folders_of_an_explicit_db_path(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "x.db"
    line = one_clean_line(cli("--db", str(db), "add-patient", "--mrn", "P1", "--first-name",
                              "Ann", "--last-name", "Lee", "--dob", "1950-01-01",
                              "--sex", "female"))
    assert "does not exist" in line
    assert not db.parent.exists()


def test_a_db_that_is_a_folder_or_an_unknown_scheme_is_one_line(tmp_path: Path) -> None:
    assert "is a folder" in one_clean_line(cli("--db", str(tmp_path), "patients"))
    assert "not a database this app can open" in one_clean_line(
        cli("--db", "nosuch://host/db", "patients"))


# ---- other tracebacks from the issue ---------------------------------------------------
def test_a_closed_pipe_ends_quietly(clinic: Path) -> None:
    shell = (f"{sys.executable} -m mash_desktop --db {clinic} patients | head -1")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr, \
        result.stderr


def test_invalid_utf8_in_arguments_or_passwords_is_one_line(clinic: Path) -> None:
    bad = b"Ann\xff".decode("utf-8", "surrogateescape")
    env = {**os.environ}
    result = subprocess.run([sys.executable, "-m", "mash_desktop", "--db", str(clinic),
                             "patients", "--search", bad], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env=env, errors="replace")
    assert "not valid UTF-8" in one_clean_line(result)
    env_bytes = {**os.environb, b"MASH_DESKTOP_PASSWORD": b"secret\xfe\xff"}
    result = subprocess.run([sys.executable.encode(), b"-m", b"mash_desktop", b"--db",
                             str(clinic).encode(), b"--user", b"admin", b"patients"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=env_bytes, errors="replace")
    assert "not valid UTF-8" in one_clean_line(result)


def test_deeply_nested_import_json_is_refused_with_a_message(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "mash-desktop-export", "patients": ' + "[" * 100_000
                    + "]" * 100_000 + "}")
    assert main(["--db", str(tmp_path / "n.db"), "import", str(deep)]) == 1
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err


def test_an_unexpected_error_is_one_line_and_a_logged_traceback(tmp_path: Path,
                                                                monkeypatch, capsys) -> None:  # noqa: ANN001
    from mash_desktop import logs
    from mash_desktop.cli import chart

    def boom(_args: object) -> int:
        raise RuntimeError(f"internal failure {4700 + 11}")  # the value exists only at run time

    monkeypatch.setattr(chart, "cmd_patients", boom)
    db = tmp_path / "c.db"
    assert main(["--db", str(db), "add-patient", "--mrn", "P1", "--first-name", "Ann",
                 "--last-name", "Lee", "--dob", "1950-01-01", "--sex", "female"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "patients"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected error (RuntimeError)" in err
    assert "Traceback" not in err
    text = logs.log_file().read_text(encoding="utf-8")
    assert "RuntimeError" in text and "Traceback" in text and "in boom" in text
    assert "internal failure 4711" not in text  # messages may quote patient data
    assert stat.S_IMODE(logs.log_file().stat().st_mode) == 0o600


def test_export_json_is_complete_and_parses(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    assert cli("--db", str(clinic), "export", "--out", str(out)).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["patients"]) == 12
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_import_with_an_integer_too_large_to_store_is_refused(tmp_path: Path,
                                                                 clinic: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "e.json"
    assert main(["--db", str(clinic), "export", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["patients"][0]["episodes"][0]["sessions"][0]["total_minutes"] = 10**30
    out.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "new.db"), "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert "import refused" in err and "Traceback" not in err
