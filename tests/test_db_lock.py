"""One writer at a time for whole-file operations: while the app or a command has the
database open (a real second process here), restore, encrypt, decrypt and migrations
refuse with a message and change nothing; no acknowledged save is ever lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.db import encryption, lock, open_database
from mash_desktop.services.backup import restore_backup

ROOT = Path(__file__).resolve().parent.parent

# A second MASH Desktop process: opens the database, then saves one patient per line it
# reads on stdin and acknowledges each save on stdout, until stdin closes.
HOLDER = r"""
import sys
from mash_desktop.db import open_database
from mash_desktop.services.patients import create_patient
db = open_database("sqlite:///" + sys.argv[1])
print("open", flush=True)
for line in sys.stdin:
    mrn = line.strip()
    with db.session() as s:
        create_patient(s, {"mrn": mrn, "first_name": "Held", "last_name": "Open",
                           "date_of_birth": "1950-01-01", "sex": "female"})
    print("saved " + mrn, flush=True)
db.dispose()
"""


class Holder:
    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "open", self.proc.stderr

    def save(self, mrn: str) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(mrn + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == f"saved {mrn}"

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


@pytest.fixture
def clinic(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def holder(clinic: Path) -> Iterator[Holder]:
    h = Holder(clinic)
    yield h
    h.close()


def mrns(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select mrn from patients")}


def test_restore_while_another_process_has_the_database_open_is_refused(
        clinic: Path, tmp_path: Path, holder: Holder, capsys) -> None:  # noqa: ANN001
    assert main(["--db", str(clinic), "backup", "--out", str(tmp_path / "b.db")]) == 0
    acknowledged = [f"ACK{i:02d}" for i in range(25)]
    for mrn in acknowledged:
        holder.save(mrn)
    capsys.readouterr()
    assert main(["--db", str(clinic), "restore", str(tmp_path / "b.db"), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "not restored" in err and "open in another" in err and "Close the app" in err
    assert f"process {holder.proc.pid}" in err  # names what to close
    holder.save("AFTER")  # the app keeps working on its file
    holder.close()
    assert set(acknowledged) | {"AFTER"} <= mrns(clinic)  # no acknowledged save lost
    assert list(tmp_path.glob("*before-restore*")) == []


def test_restore_after_the_app_closed_keeps_every_save_in_the_copy_aside(
        clinic: Path, tmp_path: Path) -> None:
    assert main(["--db", str(clinic), "backup", "--out", str(tmp_path / "b.db")]) == 0
    h = Holder(clinic)
    for i in range(25):
        h.save(f"ACK{i:02d}")
    h.close()
    assert main(["--db", str(clinic), "restore", str(tmp_path / "b.db"), "--yes"]) == 0
    assert not any(m.startswith("ACK") for m in mrns(clinic))
    aside = next(tmp_path.glob("clinic.before-restore-*.db"))
    assert {f"ACK{i:02d}" for i in range(25)} <= mrns(aside)


def test_restore_at_service_level_needs_the_database_alone(clinic: Path, tmp_path: Path,
                                                           holder: Holder) -> None:
    shutil.copyfile(clinic, tmp_path / "b.db")
    with pytest.raises(lock.DatabaseBusy, match="open in another"):
        restore_backup(tmp_path / "b.db", clinic)
    db = open_database(f"sqlite:///{clinic}")  # and this process's own connection counts
    holder.close()
    with pytest.raises(lock.DatabaseBusy, match="still open in this program"):
        restore_backup(tmp_path / "b.db", clinic)
    db.dispose()
    restore_backup(tmp_path / "b.db", clinic)


def test_a_migration_waits_for_the_database_to_be_free(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    held = subprocess.Popen([sys.executable, "-c", "import sys, time\n"
                             "from mash_desktop.db import lock\n"
                             f"lock.acquire_shared(__import__('pathlib').Path({str(new)!r}))\n"
                             "print('held', flush=True)\nsys.stdin.read()"],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert held.stdout is not None and held.stdout.readline().strip() == "held"
        with pytest.raises(lock.DatabaseBusy, match="cannot upgrade the database"):
            open_database(f"sqlite:///{new}")
    finally:
        assert held.stdin is not None
        held.stdin.close()
        held.wait(timeout=30)
    open_database(f"sqlite:///{new}").dispose()


def test_the_app_holds_the_lock_from_start_up(qtbot, clinic: Path, tmp_path: Path) -> None:  # noqa: ANN001
    from mash_desktop.gui.app import make_app, open_db_or_explain

    make_app()
    db = open_db_or_explain(f"sqlite:///{clinic}")  # what the app does before sign-in
    assert db is not None
    shutil.copyfile(clinic, tmp_path / "b.db")
    result = subprocess.run([sys.executable, "-m", "mash_desktop", "--db", str(clinic),
                             "restore", str(tmp_path / "b.db"), "--yes"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "open in another" in result.stderr
    assert "Traceback" not in result.stderr
    db.dispose()


def test_readers_and_writers_work_side_by_side(clinic: Path, holder: Holder, capsys) -> None:  # noqa: ANN001
    holder.save("SIDE1")
    assert main(["--db", str(clinic), "patients", "--search", "SIDE1"]) == 0
    assert "SIDE1" in capsys.readouterr().out


needs_sqlcipher = pytest.mark.skipif(not encryption.available(),
                                     reason="sqlcipher3 (mash-desktop[encryption]) not installed")


@needs_sqlcipher
def test_encrypt_while_the_database_is_open_is_refused(clinic: Path, holder: Holder,
                                                       monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv(encryption.ENV_KEY, "a long passphrase")
    holder.save("BEFORE")
    assert main(["--db", str(clinic), "encrypt"]) == 1
    assert "open in another" in capsys.readouterr().err
    assert encryption.is_plain_sqlite(clinic)
    holder.save("AFTER")
    holder.close()
    assert {"BEFORE", "AFTER"} <= mrns(clinic)
    assert main(["--db", str(clinic), "encrypt"]) == 0
    assert os.stat(next(clinic.parent.glob("clinic.db.plain-original"))).st_mode & 0o077 == 0


@needs_sqlcipher
def test_restore_keeps_the_database_encrypted(clinic: Path, tmp_path: Path,
                                              monkeypatch, capsys) -> None:  # noqa: ANN001
    assert main(["--db", str(clinic), "backup", "--out", str(tmp_path / "plain.db")]) == 0
    monkeypatch.setenv(encryption.ENV_KEY, "a long passphrase")
    assert main(["--db", str(clinic), "encrypt"]) == 0
    assert main(["--db", str(clinic), "restore", str(tmp_path / "plain.db"), "--yes"]) == 0
    assert encryption.is_encrypted(clinic)  # a plain backup does not decrypt the clinic
    assert main(["--db", str(clinic), "patients"]) == 0
    # an encrypted backup is not silently decrypted into a plain database
    assert main(["--db", str(clinic), "backup", "--out", str(tmp_path / "enc.db")]) == 0
    plain = tmp_path / "plainclinic.db"
    shutil.copyfile(tmp_path / "plain.db", plain)
    capsys.readouterr()
    assert main(["--db", str(plain), "restore", str(tmp_path / "enc.db"), "--yes"]) == 1
    assert "is encrypted but" in capsys.readouterr().err
    assert encryption.is_plain_sqlite(plain)
