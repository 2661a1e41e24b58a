"""Backups with SQLite's online backup API, and restores that never silently overwrite.

A backup is a consistent copy even while the app is writing. Restoring first checks that
the file is a MASH database this version can open, then keeps the current file aside
(``<name>.before-restore-<time>.db``) before copying the backup in.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import data_dir
from ..db.migrate import MIGRATIONS, backup_sqlite
from ..files import FileError, describe_os_error, fsync_dir, fsync_file, make_private_dir
from .access import Acting, require
from .errors import ValidationError

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
AUTO_PREFIX = "mash-auto-"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    patients: int
    episodes: int
    notes: int
    assessments: int
    newest_note: str | None
    size_mb: float

    def summary(self) -> str:
        return (f"{self.patients} patients, {self.episodes} episodes, {self.notes} session "
                f"notes, {self.assessments} assessments; newest note "
                f"{self.newest_note or '—'}; {self.size_mb:.1f} MB; schema {self.revision}")


def backup_dir() -> Path:
    return data_dir() / "backups"


def stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def make_backup(db_file: Path, dest: Path | None = None, force: bool = False,
                key: str | None = None) -> Path:
    """Copy the live database to ``dest`` (or a timestamped file in the backup folder).

    Never over the database or an existing file (unless ``force``); see mash_desktop.files.
    """
    if dest is None:
        dest = make_private_dir(backup_dir()) / f"mash-{stamp()}.db"
    made = backup_sqlite(db_file, Path(dest), key, force=force)
    log.info("backup written (%.1f MB)", made.stat().st_size / 1e6)
    return made


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")} | {
        _revision_of(p) for p in (MIGRATIONS / "versions").glob("*.py")}


def _revision_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("revision"):
            return line.split("=", 1)[1].strip().strip("'\"")
    return ""


def inspect_backup(path: Path, key: str | None = None) -> BackupInfo:
    """What a backup holds; ValidationError if it is not a MASH database we can open."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError({"file": f"{path} does not exist"})
    from ..db import encryption

    try:
        if encryption.is_encrypted(path):
            key = key or encryption.key_from_env()
            if not key or not encryption.available():
                raise ValidationError({"file": f"{path.name} is encrypted or not an SQLite "
                                               f"database (set {encryption.ENV_KEY} to read an "
                                               "encrypted backup)"})
            conn = encryption.connect(path, key)
        else:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            count = lambda t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
            info = BackupInfo(path, rev[0] if rev else "", count("patients"), count("episodes"),
                              count("visit_notes"), count("assessments"),
                              conn.execute("SELECT max(visit_date) FROM visit_notes")
                              .fetchone()[0], path.stat().st_size / 1e6)
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ValidationError({"file": f"{path.name} is damaged (integrity check "
                                               "failed)"})
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError({"file": f"{path.name} is not a MASH Desktop database ({exc})"}) \
            from None
    if info.revision not in known_revisions():
        raise ValidationError({"file": f"{path.name} was written by a newer or unknown version "
                                       f"(schema {info.revision!r})"})
    return info


def restore_backup(backup: Path, db_file: Path, actor: Acting | None = None,
                   key: str | None = None) -> Path:
    """Replace ``db_file`` with ``backup``; returns where the current file was kept.

    Takes the database's exclusive lock first, so it refuses (changing nothing) while
    the app or a command has the database open: replacing the file under an open
    connection would lose that connection's saves. The current file, with everything
    in its WAL, is copied aside before it is replaced. The database keeps its
    encryption: a plain backup restored into an encrypted database is encrypted with
    the database's passphrase; an encrypted backup is not decrypted into a plain one.
    Only administrators restore (checked here, so every path obeys it).
    """
    from ..db import encryption, lock

    require(actor, "restore")
    backup, db_file = Path(backup), Path(db_file)
    key = key or encryption.key_from_env()
    inspect_backup(backup, key)
    with lock.exclusive(db_file, "restore a backup"):
        exists = db_file.exists() and db_file.stat().st_size > 0
        target_encrypted = exists and not encryption.is_plain_sqlite(db_file)
        backup_encrypted = not encryption.is_plain_sqlite(backup)
        if backup_encrypted and exists and not target_encrypted:
            raise ValidationError({"file": f"{backup.name} is encrypted but {db_file.name} "
                                           "is not: run `mash-desktop encrypt` first, then "
                                           "restore; nothing was changed"})
        if target_encrypted and not key:
            raise encryption.KeyNeeded(f"{db_file.name} is encrypted: its passphrase is "
                                       "needed to restore into it")
        aside = db_file.with_name(f"{db_file.stem}.before-restore-{stamp()}{db_file.suffix}")
        fd, name = tempfile.mkstemp(prefix=f".{db_file.name}.", suffix=".restoring",
                                    dir=db_file.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            if target_encrypted and not backup_encrypted:
                assert key is not None
                encryption.convert(backup, tmp, None, key)
            else:
                _copy_db(backup, tmp, key if backup_encrypted else None)
            os.chmod(tmp, 0o600)
            fsync_file(tmp)
            if exists:
                _checkpoint(db_file, key if target_encrypted else None)
                backup_sqlite(db_file, aside, key)
            for suffix in ("-wal", "-shm", "-journal"):
                side = db_file.with_name(db_file.name + suffix)
                if suffix == "-wal" and side.exists() and side.stat().st_size:
                    raise ValidationError({"file": f"{side.name} still holds changes that "
                                                   "could not be saved; nothing was changed"})
                side.unlink(missing_ok=True)
            os.replace(tmp, db_file)
            fsync_dir(db_file.parent)
        except OSError as exc:
            _discard(tmp)
            raise FileError(describe_os_error(exc, db_file)) from None
        except BaseException:
            _discard(tmp)
            raise
    log.info("restored %s from %s; previous file kept as %s", db_file.name, backup.name,
             aside.name if exists else "(none)")
    return aside


def _discard(tmp: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)


def _connect(path: Path, key: str | None):  # noqa: ANN202 - a DB-API connection
    from ..db import encryption

    return encryption.connect(path, key) if key else sqlite3.connect(path)


def _copy_db(src: Path, dest: Path, key: str | None) -> None:
    s, d = _connect(src, key), _connect(dest, key)
    try:
        s.backup(d)
    finally:
        s.close()
        d.close()
    for suffix in ("-wal", "-shm"):
        dest.with_name(dest.name + suffix).unlink(missing_ok=True)


def _checkpoint(db_file: Path, key: str | None) -> None:
    """Move every committed change from the WAL into the main file before replacing it."""
    conn = _connect(db_file, key)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise ValidationError({"file": f"{db_file.name} is busy; close the app and try again"})


def auto_prefix(db_file: Path) -> str:
    """The name prefix of one database's automatic backups.

    Keyed on the file's stem plus a short hash of its resolved path, so a demo or test
    database (another ``--db``) never uses up, or rotates away, the clinic's own daily
    backup: "today" and the rotation count only backups of the same database.
    """
    resolved = Path(db_file).resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in resolved.stem)[:40]
    return f"{AUTO_PREFIX}{stem}-{digest}-"


def auto_backup(db_file: Path, keep: int = DEFAULT_KEEP, folder: Path | None = None,
                now: datetime | None = None) -> Path | None:
    """At most one automatic backup a day per database; keeps that database's newest ``keep``."""
    folder = make_private_dir(folder or backup_dir())
    now = now or datetime.now()
    prefix = auto_prefix(db_file)
    existing = sorted(folder.glob(f"{glob.escape(prefix)}*.db"))
    made = None
    if not any(p.name.startswith(f"{prefix}{now:%Y%m%d}") for p in existing):
        made = backup_sqlite(db_file, folder / f"{prefix}{now:%Y%m%d-%H%M%S}.db")
        existing.append(made)
        log.info("automatic backup written to the backups folder")
    for old in sorted(existing)[:-keep] if keep > 0 else []:
        old.unlink()
    return made
