"""Database access: engine, sessions and automatic migrations."""

from .engine import Database, DatabaseUnavailable, make_engine
from .migrate import NewerDatabaseError, head_revision, is_current, upgrade


def open_database(url: str, key: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``url``.

    An encrypted file needs its passphrase: ``key`` or the MASH_DESKTOP_DB_KEY variable.
    The app opens a clinic with :func:`mash_desktop.services.startup.open_clinic`, which
    also adds the shipped catalog and instruments; this layer imports no services.
    """
    from .encryption import key_from_env

    db = Database(url, key or key_from_env())
    try:
        if not is_current(db.engine):
            if db.path is None:
                upgrade(db.engine, db.path, db.key)
            else:  # a migration rewrites the schema: nobody else may have the file open
                from . import lock

                with lock.exclusive(db.path, "upgrade the database", keep_shared=1):
                    upgrade(db.engine, db.path, db.key)
    except BaseException:
        db.dispose()
        raise
    return db


__all__ = ["Database", "DatabaseUnavailable", "NewerDatabaseError", "head_revision",
           "make_engine", "open_database", "upgrade"]
