"""Whether an existing file can be a MASH Desktop database, asked without writing to it.

Opening a database runs its migrations, and SQLite treats an empty file as a new
database: a read-only command (``check``, ``patients``, ``export`` …) pointed at a
zero-byte file or at another program's SQLite file would write our schema into it and
then report it "consistent". Such commands ask here first and refuse instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def foreign_file(path: Path, empty_ok: bool = False) -> str | None:
    """Why ``path`` is not a MASH Desktop database, or None when it may be one (ours, an
    encrypted file, or one too damaged to tell: those are judged when opened).

    ``empty_ok``: a command that creates a database may fill an empty file; none may
    write into another program's SQLite database."""
    try:
        if path.is_dir():
            return None  # the opener explains a folder
        size = path.stat().st_size
        if size == 0:
            return None if empty_ok else (
                f"{path} is empty, not a MASH Desktop database: restore a backup "
                f"(mash-desktop --db {path} restore BACKUP)")
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError:
        return None
    if header != SQLITE_HEADER:
        return None  # encrypted (SQLCipher) or damaged: the opener tells which
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if not names:
        return None if empty_ok else (
            f"{path} is an empty SQLite file, not a MASH Desktop database: restore a "
            f"backup (mash-desktop --db {path} restore BACKUP)")
    if "alembic_version" not in names or "patients" not in names:
        return (f"{path} is another program's SQLite database, not a MASH Desktop database "
                "(nothing was changed); check --db")
    return None
