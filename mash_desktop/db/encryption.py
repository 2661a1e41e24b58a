"""Optional encryption at rest with SQLCipher (the ``sqlcipher3`` binding, extra
``mash-desktop[encryption]``). The key is derived by SQLCipher from the passphrase
(PBKDF2-HMAC-SHA512, 256 000 iterations in SQLCipher 4).

Converting uses SQLCipher's ``sqlcipher_export``: the plain file is copied into a new
encrypted file (or back), then swapped in; the original is kept aside.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import tempfile
from pathlib import Path

from ..errors import ValidationError
from ..files import FileError, describe_os_error, fsync_dir, fsync_file

log = logging.getLogger(__name__)

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
        raise KeyNeeded(f"wrong passphrase for {path.name} (or it is not a MASH Desktop "
                        "database)") from None
    return conn


SQLITE_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == SQLITE_HEADER


def is_encrypted(path: Path) -> bool:
    """True when the file plausibly is an SQLCipher database.

    An encrypted file looks random from its first byte, so this can only rule things
    out: no SQLite header, and a whole number of pages (SQLCipher pages are 512 bytes
    to 64 KiB). A text file or a truncated copy is not called "encrypted".
    """
    size = path.stat().st_size
    return size >= 512 and size % 512 == 0 and not is_plain_sqlite(path)


def check_key(path: Path, key: str | None) -> None:
    """Raise the right sentence for a file that is not plain SQLite, before connecting."""
    from .engine import DatabaseUnavailable

    if not is_encrypted(path):
        raise DatabaseUnavailable(f"{path.name} is not a MASH Desktop database (or it is "
                                  "damaged); restore it from a backup")
    if not available():
        raise DatabaseUnavailable(f"{path.name} is not a plain SQLite database: it is either "
                                  f"encrypted ({INSTALL_HINT}) or damaged")
    if not key:  # random-looking bytes: encrypted, or garbage; no key tried yet
        raise KeyNeeded(f"{path.name} is not a MASH Desktop database (or it is damaged), "
                        "unless it is encrypted: then give its passphrase (set "
                        f"{ENV_KEY} or enter it when asked)")


def convert(src: Path, dest: Path, src_key: str | None, dest_key: str | None) -> None:
    mod = _module()
    conn = mod.connect(str(src))
    try:
        if src_key:
            conn.execute(f"PRAGMA key = {_quote(src_key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        key = _quote(dest_key) if dest_key else "''"
        target = str(dest).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{target}' AS target KEY {key}")
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def _swap(path: Path, encrypt: bool, passphrase: str) -> Path:
    """Convert into a temporary file, then swap it in; the original is kept beside it.

    Runs only while no other process has the database open (the exclusive lock of
    :mod:`.lock`): converting under an open connection loses its saves.
    """
    from . import lock

    what = "encrypt the database" if encrypt else "decrypt the database"
    with lock.exclusive(path, what):
        if not is_plain_sqlite(path) and not is_encrypted(path):
            raise ValidationError({"file": f"{path.name} is not a MASH Desktop database (or "
                                           "it is damaged)"})
        if is_plain_sqlite(path) != encrypt:
            state = "already encrypted" if encrypt else "not encrypted"
            raise ValidationError({"file": f"{path.name} is {state}"})
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".converting",
                                    dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            convert(path, tmp, None if encrypt else passphrase,
                     passphrase if encrypt else None)
            for suffix in ("-wal", "-shm", "-journal"):
                side = path.with_name(path.name + suffix)
                if side.exists() and side.stat().st_size and suffix != "-shm":
                    raise ValidationError({"file": f"{side.name} still holds changes; open "
                                                   "and close the app once, then try again"})
                side.unlink(missing_ok=True)
            os.chmod(tmp, 0o600)
            fsync_file(tmp)
            aside = _aside_name(path, ".plain-original" if encrypt else ".encrypted-original")
            os.link(path, aside)  # the original stays reachable at every moment
            os.chmod(aside, 0o600)
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise FileError(describe_os_error(exc, path)) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    log.info("%s %s; original kept as %s", "encrypted" if encrypt else "decrypted",
             path.name, aside.name)
    return aside


def _aside_name(path: Path, suffix: str) -> Path:
    """``<name><suffix>``, or with a time stamp when an earlier copy already has that name."""
    aside = path.with_name(path.name + suffix)
    if aside.exists():
        from datetime import datetime

        aside = path.with_name(f"{path.name}{suffix}-{datetime.now():%Y%m%d-%H%M%S-%f}")
    return aside


def encrypt_file(path: Path, passphrase: str) -> Path:
    """Encrypt a plain database in place; returns where the plain original was kept."""
    return _swap(path, True, passphrase)


def decrypt_file(path: Path, passphrase: str) -> Path:
    """Decrypt in place; returns where the encrypted original was kept."""
    return _swap(path, False, passphrase)
