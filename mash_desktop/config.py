"""Where things live: the shipped data files, the database, logs and backups.

The default database is one file in the user's data directory (platformdirs), so the
app works offline with no setup. ``--db`` or ``MASH_DESKTOP_DB`` choose another file
or a full SQLAlchemy URL: ``postgresql+psycopg://user@host/db`` for a clinic server
shared by several workstations.
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "mash-desktop"
ENV_DB = "MASH_DESKTOP_DB"


@cache
def _resources_root() -> Path:
    """The package's ``resources/`` folder as a real directory.

    Found through ``importlib.resources`` so it works the same from a source tree, an
    installed wheel and a PyInstaller bundle. Fonts and the style sheet are handed to
    ReportLab and Qt as file names, so if the package ever runs from a zip archive the
    folder is extracted once and removed at exit.
    """
    root = files(__package__ or "mash_desktop").joinpath("resources")
    if isinstance(root, Path):
        return root
    stack = ExitStack()  # pragma: no cover - zipped installs only
    atexit.register(stack.close)
    return Path(stack.enter_context(as_file(root)))


def resource_path(*parts: str) -> Path:
    """Path of a shipped data file under the package's ``resources/`` folder.

    ``resource_path("catalog", "catalog.json")`` names
    ``mash_desktop/resources/catalog/catalog.json``; every module that reads shipped
    data goes through here, never through a path of its own.
    """
    return _resources_root().joinpath(*parts)


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "mash.db"


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` (as psql and most hosts write them) mean the
    psycopg 3 driver this app ships with."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_server_url(url: str) -> bool:
    """True for a clinic database server (PostgreSQL), False for a SQLite file."""
    return normalise_url(url).startswith("postgresql+")


def demo_db_path() -> Path:
    """The separate demo clinic opened by "Try with demo patients" on the first start."""
    return data_dir() / "demo.db"


def resolve_db(arg: str | None = None) -> str:
    """Return a SQLAlchemy URL from ``--db``, the environment, or the default file."""
    value = arg or os.environ.get(ENV_DB) or str(default_db_path())
    if "://" in value:
        return normalise_url(value)
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix):]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
