"""Alembic environment: uses the connection handed in by mash_desktop.db.migrate."""

import warnings

from alembic import context
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SAWarning

from mash_desktop.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic.ini names no sqlalchemy.url and no connection was given")
        engine = create_engine(url)
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


VERSION_LENGTH = 128


def _wide_version_table(connection) -> None:  # noqa: ANN001
    """Alembic creates ``alembic_version.version_num`` as VARCHAR(32), but our revision ids
    are descriptive (``0004_notes_signed_before_checklist`` is 34 characters). SQLite
    ignores the length; PostgreSQL would refuse the stamp and roll the upgrade back. So on
    a server the table is made (or widened) first; Alembic uses a table that exists."""
    if connection.dialect.name == "sqlite":
        return
    connection.execute(text(
        f"CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR({VERSION_LENGTH}) "
        "NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
    length = connection.execute(text(
        "SELECT character_maximum_length FROM information_schema.columns WHERE "
        "table_schema = current_schema() AND table_name = 'alembic_version' AND "
        "column_name = 'version_num'")).scalar()
    if length is not None and length < VERSION_LENGTH:
        connection.execute(text("ALTER TABLE alembic_version ALTER COLUMN version_num "
                                f"TYPE VARCHAR({VERSION_LENGTH})"))


def _run(connection) -> None:  # noqa: ANN001
    _wide_version_table(connection)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER
        compare_type=True,
    )
    with context.begin_transaction(), warnings.catch_warnings():
        # A batch operation on SQLite reflects the tables it touches and those they refer
        # to; SQLAlchemy cannot reflect the expression index on patients (lower(mrn), made
        # by 0007 with its own SQL) and says so on the terminal. The index is not part of
        # any table a batch operation copies, so the warning is noise to the user.
        warnings.filterwarnings("ignore", category=SAWarning,
                                message="Skipped unsupported reflection of expression-based")
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
