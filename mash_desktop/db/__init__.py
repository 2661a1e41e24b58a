"""Database access: engine, sessions and automatic migrations."""

from .engine import Database, make_engine
from .migrate import NewerDatabaseError, head_revision, is_current, upgrade


def open_database(url: str) -> Database:
    """Open (creating if needed) and migrate the database at ``url``."""
    db = Database(url)
    try:
        if not is_current(db.engine):
            upgrade(db.engine, db.path)
        from ..services.catalog import ensure_catalog_seeded

        with db.session() as s:  # new catalog entries shipped with an update appear too
            ensure_catalog_seeded(s)
    except BaseException:
        db.dispose()
        raise
    return db


__all__ = ["Database", "NewerDatabaseError", "head_revision", "make_engine", "open_database",
           "upgrade"]
