"""A clinic on a PostgreSQL server: the URL, the engine's own checks, a server that is gone."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mash_desktop.cli import main
from mash_desktop.config import is_server_url, normalise_url, resolve_db
from mash_desktop.db import Database
from mash_desktop.services.checks import run_checks

ON_POSTGRES = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def test_the_server_urls_psql_users_write_mean_the_shipped_driver(monkeypatch) -> None:  # noqa: ANN001
    assert normalise_url("postgresql://pt@clinic-server/mash") == \
        "postgresql+psycopg://pt@clinic-server/mash"
    assert normalise_url("postgres://pt@h/mash?sslmode=require") == \
        "postgresql+psycopg://pt@h/mash?sslmode=require"
    assert normalise_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    monkeypatch.setenv("MASH_DESKTOP_DB", "postgresql://pt@clinic-server/mash")
    assert resolve_db() == "postgresql+psycopg://pt@clinic-server/mash"
    assert is_server_url(resolve_db())
    assert not is_server_url("sqlite:////tmp/x.db")


def test_tls_and_timeout_options_in_the_url_are_kept() -> None:
    db = Database("postgresql://pt@clinic-server/mash?sslmode=require&connect_timeout=2")
    try:
        assert db.engine.url.query["sslmode"] == "require"
        assert db.engine.url.query["connect_timeout"] == "2"
        assert db.is_server and db.path is None
        assert db.describe() == "postgresql+psycopg://pt@clinic-server/mash?" \
                                "connect_timeout=2&sslmode=require"
    finally:
        db.dispose()


def test_a_password_in_the_url_is_never_shown() -> None:
    db = Database("postgresql://pt:s3cret@clinic-server/mash")
    try:
        assert "s3cret" not in db.describe()
    finally:
        db.dispose()


def test_an_unreachable_server_is_one_line_and_exit_5(tmp_path, capsys) -> None:  # noqa: ANN001
    url = f"postgresql+psycopg://mash@/mash?host={tmp_path}"  # no server listens there
    assert main(["--db", url, "patients"]) == 5
    err = capsys.readouterr().err
    assert err.startswith("mash-desktop: cannot open the database:")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@ON_POSTGRES
def test_demo_clinic_passes_the_servers_own_checks(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        results = {r.name: r.problems for r in run_checks(s)}
    assert results["postgresql integrity"] == []
    assert all(not problems for problems in results.values()), results


@ON_POSTGRES
def test_check_finds_an_id_sequence_behind_its_table(demo_db, capsys) -> None:  # noqa: ANN001
    with demo_db.engine.begin() as conn:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('patients', 'id'), 1)"))
    assert main(["--db", demo_db.url, "check"]) == 1
    out = capsys.readouterr().out
    assert "FAIL postgresql integrity" in out and "table patients: the next id (2)" in out


@ON_POSTGRES
def test_check_runs_amcheck_where_the_administrator_installed_it(demo_db) -> None:  # noqa: ANN001
    with demo_db.engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
    with demo_db.session() as s:
        results = {r.name: r.problems for r in run_checks(s)}
    assert results["postgresql integrity"] == []
