"""Encryption at rest with SQLCipher (skipped when the optional extra is not installed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.db import encryption
from mash_desktop.services.startup import open_clinic

pytestmark = pytest.mark.skipif(not encryption.available(),
                                reason="sqlcipher3 (mash-desktop[encryption]) not installed")


def test_encrypt_open_with_key_and_decrypt_back(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "c.db"
    assert main(["--db", str(db), "demo"]) == 0
    monkeypatch.setenv(encryption.ENV_KEY, "a long passphrase")
    assert main(["--db", str(db), "encrypt"]) == 0
    assert encryption.is_encrypted(db)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("select count(*) from patients").fetchone()
    assert main(["--db", str(db), "check"]) == 0
    d = open_clinic(f"sqlite:///{db}", "a long passphrase")
    with d.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from patients").scalar() == 12
    d.dispose()
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "b.db")]) == 0
    assert encryption.is_encrypted(tmp_path / "b.db")  # backups stay encrypted
    monkeypatch.setenv(encryption.ENV_KEY, "the wrong one!")
    assert main(["--db", str(db), "patients"]) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.setenv(encryption.ENV_KEY, "a long passphrase")
    assert main(["--db", str(db), "decrypt"]) == 0
    assert not encryption.is_encrypted(db)
    assert sqlite3.connect(db).execute("select count(*) from patients").fetchone()[0] == 12


def test_encrypted_file_without_a_key_is_refused_with_a_message(tmp_path: Path,
                                                                monkeypatch, capsys) -> None:  # noqa: ANN001
    db = tmp_path / "c.db"
    main(["--db", str(db), "demo"])
    monkeypatch.setenv(encryption.ENV_KEY, "a long passphrase")
    main(["--db", str(db), "encrypt"])
    monkeypatch.delenv(encryption.ENV_KEY)
    assert main(["--db", str(db), "patients"]) == 1
    assert "give its passphrase" in capsys.readouterr().err
