"""The few places where SQLite and PostgreSQL need different SQL, in one module.

Everything else (models, migrations, services) is written once for both engines.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, Integer, text
from sqlalchemy.orm import Session


def dialect_name(bind: Connection | Engine | Session) -> str:
    if isinstance(bind, Session):
        return bind.get_bind().dialect.name
    return bind.dialect.name


def is_postgres(bind: Connection | Engine | Session) -> bool:
    return dialect_name(bind) == "postgresql"


def reset_sequences(bind: Connection | Session) -> None:
    """After rows were written with explicit ids (import, clinic generator), move each
    PostgreSQL id sequence past the largest id, so the next record the app creates does
    not collide with an imported one. SQLite derives the next id from the table itself.
    """
    if not is_postgres(bind):
        return
    from ..models import Base

    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or not pk[0].autoincrement:
            continue
        col = pk[0].name
        bind.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:t, :c), "
            f"COALESCE((SELECT max({col}) FROM {table.name}), 0) + 1, false)"),
            {"t": table.name, "c": col})
