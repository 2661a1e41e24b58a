"""Shared fixtures: throw-away databases (empty or with the demo clinic) and a main window.

Every test runs with its own XDG directories, so nothing touches the user's real data,
settings or logs, and Qt runs offscreen unless a test starts Xvfb itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

_STARTED = time.time()
_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
# The user's real folders, from the environment as it was before the redirect below.
_REAL_ENV = {k: os.environ.get(k) for k in ("HOME", *_XDG)}
_SANDBOX = Path(tempfile.mkdtemp(prefix="mash-tests-"))
for _var in _XDG:
    os.environ[_var] = str(_SANDBOX / _var.lower())
# platformdirs (and Qt, matplotlib, fontconfig) fall back to HOME; on Windows to these.
for _var in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA"):
    os.environ[_var] = str(_SANDBOX / "home")
(_SANDBOX / "home").mkdir()
os.environ.pop("MASH_DESKTOP_DB", None)
for _var in ("MASH_DESKTOP_PASSWORD", "MASH_DESKTOP_NEW_PASSWORD", "MASH_DESKTOP_DB_KEY"):
    os.environ.pop(_var, None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from mash_desktop.db import Database  # noqa: E402
from mash_desktop.services.startup import open_clinic  # noqa: E402


def real_user_folders() -> list[Path]:
    """The app's folders under the real user's home, as they were before the redirect."""
    home = Path(_REAL_ENV["HOME"] or Path("~").expanduser())
    bases = {"XDG_DATA_HOME": home / ".local" / "share", "XDG_CONFIG_HOME": home / ".config",
             "XDG_STATE_HOME": home / ".local" / "state", "XDG_CACHE_HOME": home / ".cache"}
    folders = []
    for var, default in bases.items():
        base = Path(_REAL_ENV[var]) if _REAL_ENV[var] else default
        folders += [base / "mash-desktop", base / "MASH Desktop"]
    return folders


def touched_real_files(folders: list[Path] | None = None) -> list[Path]:
    """Files in the real user's app folders written since this test run started."""
    touched = []
    for folder in real_user_folders() if folders is None else folders:
        if folder.is_dir():
            touched += [p for p in folder.rglob("*")
                        if p.is_file() and p.stat().st_mtime >= _STARTED]
    return touched


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    """Fail the run (in CI) if anything wrote into the real user's data, settings or logs.

    On a developer's machine the real app may legitimately run beside the tests, so
    there it is a warning; CI's machine has nothing else running.
    """
    touched = touched_real_files()
    if touched:
        print(f"\nwritten into the real user folders during the tests: {touched[:5]}")
        if os.environ.get("CI"):
            session.exitstatus = 1


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


@pytest.fixture(autouse=True)
def unsaved_changes_answer(monkeypatch):  # noqa: ANN001, ANN201
    """Cancel on a changed form asks Save draft / Discard / Keep editing in a modal box,
    which would wait forever in a test. Tests that close a changed form get "discard"
    (the answers asked are recorded); tests of the question itself set ``answer``."""
    asked: dict = {"answer": "discard", "asked": []}

    def answer(_parent, what: str, *_args: object) -> str:  # noqa: ANN001
        asked["asked"].append(what)
        return asked["answer"]

    monkeypatch.setattr("mash_desktop.gui.drafts.ask_unsaved", answer)
    return asked
