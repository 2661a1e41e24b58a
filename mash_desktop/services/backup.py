"""Backups with SQLite's online backup API, and restores that never silently overwrite.

A backup is a consistent copy even while the app is writing. Restoring first checks that
the file is a MASH database this version can open, then keeps the current file aside
(``<name>.before-restore-<time>.db``) before copying the backup in.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import data_dir
from ..db.migrate import MIGRATIONS, backup_sqlite
from ..models import User
from .access import require
from .errors import ValidationError

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


def make_backup(db_file: Path, dest: Path | None = None) -> Path:
    """Copy the live database to ``dest`` (or a timestamped file in the backup folder)."""
    if dest is None:
        dest = backup_dir() / f"mash-{stamp()}.db"
    dest = Path(dest)
    if dest.exists():
        raise ValidationError({"out": f"{dest} already exists; choose a new file name"})
    return backup_sqlite(db_file, dest)


def known_revisions() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("*.py")} | {
        _revision_of(p) for p in (MIGRATIONS / "versions").glob("*.py")}


def _revision_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("revision"):
            return line.split("=", 1)[1].strip().strip("'\"")
    return ""


def inspect_backup(path: Path) -> BackupInfo:
    """What a backup holds; ValidationError if it is not a MASH database we can open."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError({"file": f"{path} does not exist"})
    from ..db import encryption

    try:
        if encryption.is_encrypted(path):
            key = encryption.key_from_env()
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


def restore_backup(backup: Path, db_file: Path, actor: User | None = None) -> Path:
    """Replace ``db_file`` with ``backup``; returns where the current file was kept.

    Only administrators restore (checked here, so every path obeys it).
    """
    require(actor, "restore")
    inspect_backup(backup)
    aside = db_file.with_name(f"{db_file.stem}.before-restore-{stamp()}{db_file.suffix}")
    if db_file.exists():
        backup_sqlite(db_file, aside)
    for suffix in ("-wal", "-shm"):
        side = db_file.with_name(db_file.name + suffix)
        if side.exists():
            side.unlink()
    tmp = db_file.with_name(db_file.name + ".restoring")
    shutil.copyfile(backup, tmp)
    tmp.replace(db_file)  # atomic on the same file system
    return aside


def auto_backup(db_file: Path, keep: int = DEFAULT_KEEP, folder: Path | None = None,
                now: datetime | None = None) -> Path | None:
    """At most one automatic backup a day; keeps the newest ``keep`` automatic backups."""
    folder = folder or backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now()
    existing = sorted(folder.glob(f"{AUTO_PREFIX}*.db"))
    made = None
    if not any(p.name.startswith(f"{AUTO_PREFIX}{now:%Y%m%d}") for p in existing):
        made = backup_sqlite(db_file, folder / f"{AUTO_PREFIX}{now:%Y%m%d-%H%M%S}.db")
        existing.append(made)
    for old in sorted(existing)[:-keep] if keep > 0 else []:
        old.unlink()
    return made
