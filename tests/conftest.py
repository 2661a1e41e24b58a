"""Shared fixtures: throw-away databases (empty or with the demo clinic) and a main window.

Every test runs with its own XDG directories, so nothing touches the user's real data,
settings or logs, and Qt runs offscreen unless a test starts Xvfb itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

_SANDBOX = Path(tempfile.mkdtemp(prefix="mash-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ.pop("MASH_DESKTOP_DB", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from mash_desktop.db import Database  # noqa: E402
from mash_desktop.services.startup import open_clinic  # noqa: E402


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "clinic.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An empty, fully migrated database file."""
    database = open_clinic(sqlite_url(db_path))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template() -> Path:
    """The demo clinic, built once per test run and copied for each test that needs it."""
    from mash_desktop.demo import build_demo

    path = _SANDBOX / "demo-template.db"
    database = open_clinic(sqlite_url(path))
    with database.session() as s:
        build_demo(s, today=date.today())
    database.engine.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    from mash_desktop.db.migrate import backup_sqlite

    backup_sqlite(demo_template, path)
    database = open_clinic(sqlite_url(path))
    yield database
    database.dispose()


def _main_window(qtbot, database: Database):  # noqa: ANN001, ANN202
    from mash_desktop.gui.app import make_app
    from mash_desktop.gui.main_window import MainWindow

    make_app()
    win = MainWindow(database)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(qtbot, db: Database):  # noqa: ANN001, ANN201
    """The main window over an empty database."""
    return _main_window(qtbot, db)


@pytest.fixture
def demo_window(qtbot, demo_db: Database):  # noqa: ANN001, ANN201
    """The main window over the demo clinic."""
    return _main_window(qtbot, demo_db)


def open_tab(win, title: str):  # noqa: ANN001, ANN201
    """Bring the chart tab with this title to the front and return its widget."""
    for i in range(win.ui.chartTabs.count()):
        if win.ui.chartTabs.tabText(i) == title:
            win.ui.chartTabs.setCurrentIndex(i)
            return win.ui.chartTabs.currentWidget()
    raise AssertionError(f"no {title} tab")


def copy_db(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    return dest
