"""Schema migrations: created and upgraded at start-up, safely."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from mash_desktop.db import NewerDatabaseError, head_revision, open_database
from mash_desktop.db import migrate as migrate_mod
from mash_desktop.models import Base


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_empty_file_is_upgraded_to_head(tmp_path: Path) -> None:
    db = open_database(url(tmp_path / "new.db"))
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    assert "patients" in inspect(db.engine).get_table_names()
    db.dispose()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"], indirect=True)
def test_head_schema_matches_the_models(db) -> None:  # noqa: ANN001
    """On both engines the migrations build exactly the schema the models describe."""
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_an_empty_server_database_is_migrated_step_by_step_and_downgrades(
        new_db_url) -> None:  # noqa: ANN001
    """Every migration runs on PostgreSQL, up from nothing and back down again."""
    from alembic import command

    target = new_db_url("steps")
    engine = create_engine(target)
    try:
        cfg = migrate_mod.alembic_config(target)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        assert "patients" in inspect(engine).get_table_names()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert "patients" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()



@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_server_database_stamped_by_alembics_narrow_table_takes_long_revision_ids(
        new_db_url) -> None:  # noqa: ANN001
    """Alembic's own alembic_version holds 32 characters; our revision ids are longer
    (0004_notes_signed_before_checklist). A server database whose version table was made
    that way is widened and upgraded, not rolled back at the stamp."""
    from alembic import command

    target = new_db_url("narrow")
    engine = create_engine(target)
    try:
        cfg = migrate_mod.alembic_config(target)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0003_signed_documents")
        db = open_database(target)
        db.dispose()
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    finally:
        engine.dispose()

def test_wal_and_foreign_keys_are_on(db) -> None:  # noqa: ANN001
    """SQLite only: PostgreSQL always enforces foreign keys and is durable by design."""
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_opening_an_up_to_date_database_makes_no_copy(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    open_database(url(path)).dispose()
    open_database(url(path)).dispose()
    assert list(tmp_path.glob("*.bak")) == []


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(url(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(url(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_pending_migration_copies_the_file_aside_first(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate a release with one more migration: the old file is backed up, then upgraded."""
    path = tmp_path / "clinic.db"
    db = open_database(url(path))
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO payers (name, billing_rule) VALUES ('Old', 'medicare')"))
    db.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate_mod.MIGRATIONS, scripts)
    head = head_revision()
    (scripts / "versions" / "9000_test.py").write_text(
        f'revision = "9000_test"\ndown_revision = "{head}"\nbranch_labels = None\n'
        "depends_on = None\nfrom alembic import op\nimport sqlalchemy as sa\n"
        "def upgrade():\n    op.create_table('extra', sa.Column('id', sa.Integer, "
        "primary_key=True))\n"
        "def downgrade():\n    op.drop_table('extra')\n")
    monkeypatch.setattr(migrate_mod, "MIGRATIONS", scripts)
    engine = create_engine(url(path))
    copy = migrate_mod.upgrade(engine, path)
    engine.dispose()
    assert copy is not None and copy.exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM payers").fetchall() == [("Old",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "extra" in tables
        assert conn.execute("SELECT name FROM payers").fetchall() == [("Old",)]


def test_a_clinic_with_records_upgrades_through_every_migration(tmp_path: Path) -> None:
    """A real clinic (notes with doses and addenda, episodes with goals) at the first
    schema with signed documents is upgraded to head with nothing lost. SQLite's batch
    migrations copy a table and drop the old one, which foreign keys from its children
    refused (migration 0004 failed on any clinic with notes)."""
    from datetime import date

    from alembic import command

    from mash_desktop.demo import build_demo
    from mash_desktop.services.startup import open_clinic

    path = tmp_path / "clinic.db"
    db = open_clinic(url(path))
    with db.session() as s:
        build_demo(s, today=date.today())
    db.dispose()
    with sqlite3.connect(path) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("visit_notes", "exercise_doses", "episodes", "goals")}
    old = "0003_signed_documents"
    engine = create_engine(url(path))   # back to the old schema, as an older app left it
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        with conn.begin():
            cfg = migrate_mod.alembic_config(url(path))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, old)
    engine.dispose()
    db = open_database(url(path))   # the app's upgrade, foreign keys on as always
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in counts}
    db.dispose()
    assert after == counts and counts["visit_notes"] > 0
