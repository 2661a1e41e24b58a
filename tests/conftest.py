"""Shared fixtures: throw-away databases (empty or with the demo clinic) and a main window.

Every test runs with its own XDG directories, so nothing touches the user's real data,
settings or logs, and Qt runs offscreen unless a test starts Xvfb itself.

Both engines: a test module marked ``pytestmark = pytest.mark.both_engines`` runs each of
its database tests twice, on SQLite and on PostgreSQL (a private server in a temporary
folder, started once per run by ``tools/private_pg.py``; each test gets its own database
copied from a migrated template). Without the PostgreSQL server binaries those runs are
skipped, unless ``MASH_TEST_POSTGRES=require`` (what ``make test`` and CI set) makes
them fail instead.
"""

from __future__ import annotations

import itertools
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

ENGINES = ("sqlite", "postgresql")


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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked ``both_engines`` run every test that uses a database on both."""
    chosen = any("engine" in str(m.args[0])
                 for m in metafunc.definition.iter_markers("parametrize"))
    if "engine" in metafunc.fixturenames and not chosen and \
            metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """Which database engine this test runs on (SQLite unless the module runs on both)."""
    return getattr(request, "param", "sqlite")


class PgTestServer:
    """The private PostgreSQL server of this test run and its template databases."""

    def __init__(self) -> None:
        from tools import private_pg

        # Its own folder under the system temp dir: under root the server runs as the
        # `postgres` user, which cannot enter the private test sandbox.
        self.server = private_pg.start(watch_pid=os.getpid())
        self._names = itertools.count(1)
        self._templates: dict[str, str] = {}

    def admin(self):  # noqa: ANN201 - a psycopg connection in autocommit mode
        import psycopg

        return psycopg.connect(host=str(self.server.socket_dir), user="mash",
                               dbname="postgres", autocommit=True)

    def template(self, name: str, fill=None) -> str:  # noqa: ANN001
        """A migrated database (optionally filled by ``fill(Database)``), made once."""
        if name not in self._templates:
            with self.admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            database = open_clinic(self.server.url(name))
            try:
                if fill is not None:
                    fill(database)
            finally:
                database.dispose()
            self._templates[name] = name
        return name

    def new_database(self, template: str = "template_empty") -> str:
        """A fresh database copied from a template; returns its URL."""
        self.template("template_empty")
        name = f"test_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.server.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgTestServer]:
    """The private PostgreSQL server, started on first use and stopped at the end."""
    from tools import private_pg

    try:
        server = PgTestServer()
    except private_pg.PostgresUnavailable as exc:
        if os.environ.get("MASH_TEST_POSTGRES") == "require":
            pytest.fail(f"PostgreSQL is required for this run: {exc}")
        pytest.skip(f"no PostgreSQL server here ({exc})")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "clinic.db"


@pytest.fixture
def db_url(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty, fully migrated database on this test's engine."""
    if engine == "sqlite":
        yield sqlite_url(tmp_path / "clinic.db")
        return
    pg: PgTestServer = request.getfixturevalue("pg_server")
    url = pg.new_database()
    yield url
    pg.drop(url)


@pytest.fixture
def new_db_url(engine: str, request: pytest.FixtureRequest, tmp_path: Path):  # noqa: ANN201
    """A factory of further empty databases on this test's engine: ``new_db_url(name)``.

    On PostgreSQL each is a new, empty (unmigrated) database, as a clinic's administrator
    would create it; dropped after the test.
    """
    made: list[str] = []

    def make(name: str = "other") -> str:
        if engine == "sqlite":
            return sqlite_url(tmp_path / f"{name}.db")
        pg: PgTestServer = request.getfixturevalue("pg_server")
        url = pg.new_database("template0")
        made.append(url)
        return url

    yield make
    if made:
        pg: PgTestServer = request.getfixturevalue("pg_server")
        for url in made:
            pg.drop(url)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An empty, fully migrated database (a file, or a PostgreSQL database)."""
    database = open_clinic(db_url)
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


def _fill_demo(database: Database) -> None:
    from mash_desktop.demo import build_demo

    with database.session() as s:
        build_demo(s, today=date.today())


@pytest.fixture
def demo_db(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A copy of the demo clinic on this test's engine."""
    if engine == "postgresql":
        pg: PgTestServer = request.getfixturevalue("pg_server")
        url = pg.new_database(pg.template("template_demo", _fill_demo))
        database = open_clinic(url)
        yield database
        database.dispose()
        pg.drop(url)
        return
    path = tmp_path / "demo.db"
    from mash_desktop.db.migrate import backup_sqlite

    backup_sqlite(request.getfixturevalue("demo_template"), path)
    database = open_clinic(sqlite_url(path))
    yield database
    database.dispose()


@pytest.fixture
def pg_demo_url(pg_server: PgTestServer) -> Iterator[str]:
    """A fresh copy of the demo clinic on the private PostgreSQL server (any module)."""
    url = pg_server.new_database(pg_server.template("template_demo", _fill_demo))
    yield url
    pg_server.drop(url)


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
