"""Opening a clinic: the database (created and migrated by the db layer), then its data.

The db layer knows tables and migrations, never the services; what a clinic needs in
its tables at every start (catalog entries and outcome instruments shipped with an
update) is added here, by the services that own it.
"""

from __future__ import annotations

from ..db import Database, open_database


def prepare(db: Database) -> None:
    """Add shipped catalog entries and instrument definitions the database lacks."""
    from .assessments import ensure_instruments_loaded
    from .catalog import ensure_catalog_seeded
    from .tamper import start_tamper_evidence

    with db.session() as s:
        ensure_catalog_seeded(s)
        ensure_instruments_loaded(s)
        start_tamper_evidence(s)


def open_clinic(url: str, key: str | None = None) -> Database:
    """Open (create, migrate) the database at ``url`` and bring its shipped data up to date.

    An encrypted file needs its passphrase: ``key`` or the MASH_DESKTOP_DB_KEY variable.
    """
    db = open_database(url, key)
    try:
        prepare(db)
    except BaseException:
        db.dispose()
        raise
    return db
