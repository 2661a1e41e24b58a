"""Bring a database to the schema this version expects, safely.

Runs at every start. Before a migration changes an existing SQLite file the file is
copied aside with SQLite's online backup API, and a database stamped with a revision
this version does not know (written by a newer version) is refused untouched.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=(.*)$", re.M)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")
log = logging.getLogger(__name__)


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer MASH Desktop."""


def script_head(versions: Path | None = None) -> str | None:
    """The single head revision, read from the migration files without importing alembic.

    Alembic takes a third of a second to import, which every start would pay only to
    learn that nothing needs doing. Returns None whenever a file does not read plainly
    (then the caller asks alembic itself).
    """
    folder = versions or MIGRATIONS / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def is_current(engine: Engine) -> bool:
    """True when the database is stamped with the head revision (the usual start)."""
    head = script_head()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            stamped = [r[0] for r in conn.exec_driver_sql(
                "SELECT version_num FROM alembic_version")]
    except DBAPIError:  # no alembic_version table yet: a new database
        return False
    return stamped == [head]


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision(url: str = "sqlite://") -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(url)).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(src: Path, dest: Path, key: str | None = None, force: bool = False) -> Path:
    """Consistent copy of a live SQLite file (WAL included) via the online backup API.

    An encrypted (SQLCipher) database is copied with the same key, so the copy stays
    encrypted. The copy is written like every output (:mod:`mash_desktop.files`): never
    over a database, an existing file only with ``force``, private, complete or absent.
    """
    from ..files import atomic_path
    from . import encryption

    encrypted = src.exists() and src.stat().st_size and encryption.is_encrypted(src)
    if encrypted:
        key = key or encryption.key_from_env()
        if not key:
            raise encryption.KeyNeeded(f"{src.name} is encrypted: its passphrase is needed")
    with atomic_path(dest, force=force, protect=[src]) as tmp:
        if encrypted:
            assert key is not None
            s, d = encryption.connect(src, key), encryption.connect(tmp, key)
        else:
            s, d = sqlite3.connect(src), sqlite3.connect(tmp)
        try:
            s.backup(d)
        finally:
            s.close()
            d.close()
    log.info("copied the database %s (online backup API)", src.name)
    return Path(dest)


def upgrade(engine: Engine, db_file: Path | None, key: str | None = None) -> Path | None:
    """Upgrade to head. Returns the path of the safety copy, if one was made."""
    from alembic import command
    from alembic.script import ScriptDirectory

    url = engine.url.render_as_string(hide_password=False)
    script = ScriptDirectory.from_config(alembic_config(url))
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabaseError(
            f"This database was written by a newer version of MASH Desktop (schema {current}). "
            "Install the newer version to open it; nothing was changed."
        )
    copy = None
    has_tables = bool(inspect(engine).get_table_names())
    if db_file is not None and db_file.exists() and has_tables:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = db_file.with_name(f"{db_file.name}.before-{head}-{stamp}.bak")
        backup_sqlite(db_file, copy, key)
    log.info("migrating the database from schema %s to %s", current or "(new)", head)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # SQLite's batch migrations copy a table and drop the old one, which foreign
            # keys from its children refuse (and ON DELETE rules would follow); the pragma
            # only works outside a transaction. The keys are checked before committing.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg = alembic_config(url)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() \
                    if sqlite else []
                if broken:
                    raise RuntimeError(f"the upgrade to {head} would break {len(broken)} "
                                       "references between records; nothing was changed")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    log.info("database now at schema %s", head)
    return copy
