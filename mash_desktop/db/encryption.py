"""Optional encryption at rest with SQLCipher (the ``sqlcipher3`` binding, extra
``mash-desktop[encryption]``). The key is derived by SQLCipher from the passphrase
(PBKDF2-HMAC-SHA512, 256 000 iterations in SQLCipher 4).

Converting uses SQLCipher's ``sqlcipher_export``: the plain file is copied into a new
encrypted file (or back), then swapped in; the original is kept aside.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ..errors import ValidationError

ENV_KEY = "MASH_DESKTOP_DB_KEY"
INSTALL_HINT = ("Encryption needs the optional SQLCipher binding: run "
                "`.venv/bin/pip install 'mash-desktop[encryption]'` (on Debian first "
                "`apt-get install libsqlcipher-dev`).")


class KeyNeeded(ValidationError):
    """The database file is encrypted and no (or a wrong) passphrase was given."""

    def __init__(self, message: str) -> None:
        super().__init__({"passphrase": message})


def key_from_env() -> str | None:
    import os

    return os.environ.get(ENV_KEY) or None


def available() -> bool:
    return importlib.util.find_spec("sqlcipher3") is not None


def _module():  # noqa: ANN202
    if not available():
        raise ValidationError({"encryption": INSTALL_HINT})
    import sqlcipher3

    return sqlcipher3


def _quote(passphrase: str) -> str:
    if not passphrase or len(passphrase) < 8:
        raise ValidationError({"passphrase": "must be at least 8 characters"})
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str):  # noqa: ANN201 - a DB-API connection
    """A DB-API connection to an encrypted file (used as SQLAlchemy's ``creator``)."""
    mod = _module()
    conn = mod.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except mod.DatabaseError:
        conn.close()
        raise KeyNeeded(f"wrong passphrase for {path.name}") from None
    return conn


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) != b"SQLite format 3\x00"


def _convert(src: Path, dest: Path, src_key: str | None, dest_key: str | None) -> None:
    mod = _module()
    conn = mod.connect(str(src))
    try:
        if src_key:
            conn.execute(f"PRAGMA key = {_quote(src_key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        key = _quote(dest_key) if dest_key else "''"
        conn.execute(f"ATTACH DATABASE '{dest}' AS target KEY {key}")
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def _swap(path: Path, encrypt: bool, passphrase: str) -> Path:
    """Convert into a temporary file, then swap it in; the original is kept beside it."""
    if is_encrypted(path) == encrypt:
        state = "already encrypted" if encrypt else "not encrypted"
        raise ValidationError({"file": f"{path.name} is {state}"})
    tmp = path.with_name(path.name + (".encrypting" if encrypt else ".decrypting"))
    tmp.unlink(missing_ok=True)
    _convert(path, tmp, None if encrypt else passphrase, passphrase if encrypt else None)
    aside = path.with_name(path.name + (".plain-original" if encrypt else
                                        ".encrypted-original"))
    path.replace(aside)
    tmp.replace(path)
    return aside


def encrypt_file(path: Path, passphrase: str) -> Path:
    """Encrypt a plain database in place; returns where the plain original was kept."""
    return _swap(path, True, passphrase)


def decrypt_file(path: Path, passphrase: str) -> Path:
    """Decrypt in place; returns where the encrypted original was kept."""
    return _swap(path, False, passphrase)
