"""What keeps start-up fast stays in place: the window needs only Qt, the schema check
needs no alembic, and the app start skips building the full command-line parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine

from mash_desktop.cli import gui_arguments
from mash_desktop.db.migrate import head_revision, is_current, script_head

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code + "; import sys; print(' '.join("
                          "sorted(sys.modules)))"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_the_main_window_shows_before_the_database_layer_is_imported() -> None:
    loaded = _modules_after("import mash_desktop.cli, mash_desktop.gui.app, "
                            "mash_desktop.gui.main_window")
    heavy = {m for m in loaded if m.split(".")[0] in {"sqlalchemy", "alembic", "matplotlib",
                                                       "reportlab"}}
    assert not heavy, sorted(heavy)[:10]
    assert not {m for m in loaded if m.startswith(("mash_desktop.services.",
                                                   "mash_desktop.models"))}


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    subprocess.run([sys.executable, "-c", "from mash_desktop.db import open_database; "
                    f"open_database('sqlite:///{path}')"],
                   cwd=ROOT, check=True, capture_output=True, timeout=60)  # create + migrate
    loaded = _modules_after(f"from mash_desktop.services.startup import open_clinic; "
                            f"open_clinic('sqlite:///{path}')")
    assert "alembic" not in loaded


def test_schema_head_read_from_the_files_matches_alembic(db) -> None:  # noqa: ANN001
    assert script_head() == head_revision()
    assert is_current(db.engine)


def test_a_new_or_older_database_is_not_current(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert not is_current(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0000_older')")
    assert not is_current(engine)
    engine.dispose()


def test_a_migration_file_that_does_not_read_plainly_falls_back_to_alembic(
        tmp_path: Path) -> None:
    (tmp_path / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n')
    (tmp_path / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    assert script_head(tmp_path) == "0002"
    (tmp_path / "0003_c.py").write_text("REVISION = compute()\n")
    assert script_head(tmp_path) is None
    (tmp_path / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')
    assert script_head(tmp_path) is None  # two heads: let alembic decide


def test_only_a_plain_app_start_takes_the_short_path() -> None:
    assert gui_arguments([]) == (None, False)
    assert gui_arguments(["--db", "x.db", "gui", "--exit-after-show"]) == ("x.db", True)
    assert gui_arguments(["--db=x.db"]) == ("x.db", False)
    for argv in (["--help"], ["--version"], ["patients"], ["--user", "ann"],
                 ["gui", "--db", "x.db"], ["--exit-after-show"], ["--db"]):
        assert gui_arguments(argv) is None, argv
