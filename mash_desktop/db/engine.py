"""Engine and session factory.

SQLite gets WAL (readers never block the writer), foreign keys (off by default in
SQLite) and synchronous=FULL so a committed note survives a power cut, not only a
killed process. PostgreSQL (a clinic server) needs none of that; it gets a short
connect timeout, so a server that went away is reported within seconds instead of
hanging the app, a connection check before each use (``pool_pre_ping``), and the
application name the server's administrator sees in ``pg_stat_activity``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from ..config import data_dir, normalise_url, sqlite_file
from ..files import (
    FileError,
    make_private,
    make_private_dir,
    register_database,
    unregister_database,
)
from . import encryption
from . import lock as db_lock


class DatabaseUnavailable(FileError):
    """The database cannot be opened where it was asked for (the message says why)."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _private_files(path: Path) -> Any:
    """After connecting, make the database and its WAL/SHM private (SQLite creates 0644)."""
    def hook(_dbapi_conn: Any, _record: Any) -> None:
        for suffix in ("", "-wal", "-shm"):
            make_private(path.with_name(path.name + suffix))
    return hook


def check_db_file(path: Path) -> None:
    """Refuse a database path that is a folder, or whose folder does not exist.

    Only the default data folder is created (at first start); an explicit ``--db`` in a
    missing folder is almost always a typing mistake, and creating folders there would
    hide it.
    """
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        if path.parent.resolve() == data_dir().resolve():
            make_private_dir(path.parent)
        else:
            raise DatabaseUnavailable(f"the folder {path.parent} does not exist; nothing was "
                                      "created")


def make_engine(url: str, key: str | None = None) -> Engine:
    """An engine for the URL; an SQLCipher-encrypted file is opened with ``key``."""
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is not None:
            check_db_file(path)
        if path is not None and path.exists() and path.stat().st_size and \
                not encryption.is_plain_sqlite(path):
            encryption.check_key(path, key)
            assert key is not None
            engine = create_engine("sqlite://", creator=lambda: encryption.connect(path, key),
                                   hide_parameters=True)
        else:
            engine = _create(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        if path is not None:
            event.listen(engine, "connect", _private_files(path))
        return engine
    url = normalise_url(url)
    if url.startswith("postgresql"):
        return _create(url, pool_pre_ping=True, connect_args=_pg_connect_args(url))
    return _create(url, pool_pre_ping=True)


def _create(url: str, **kw: Any) -> Engine:
    """create_engine with a sentence instead of a traceback for a bad URL."""
    try:
        # hide_parameters: SQL errors never quote the values (names, notes) they carried
        return create_engine(url, hide_parameters=True, **kw)
    except (ArgumentError, NoSuchModuleError) as exc:
        scheme = url.split("://", 1)[0] if "://" in url else url
        raise DatabaseUnavailable(f"{scheme!r} is not a database this app can open (give a "
                                  f"file path, a sqlite:/// or a postgresql:// URL): "
                                  f"{exc}") from None
    except ImportError as exc:
        raise DatabaseUnavailable(f"the driver for {url.split('://', 1)[0]} is not "
                                  f"installed ({exc.name})") from None


PG_CONNECT_TIMEOUT_S = 5


def _pg_connect_args(url: str) -> dict[str, Any]:
    """Defaults for libpq that the URL's own query options (``?sslmode=require``...) keep
    precedence over."""
    from sqlalchemy.engine import make_url

    given = make_url(url).query
    args: dict[str, Any] = {}
    if "connect_timeout" not in given:
        args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    if "application_name" not in given:
        args["application_name"] = "mash-desktop"
    return args


class Database:
    """One database: an engine plus a factory of transactional sessions."""

    def __init__(self, url: str, key: str | None = None) -> None:
        url = normalise_url(url)
        self.url = url
        self.key = key
        self._locked: Path | None = None
        path = sqlite_file(url)
        if path is not None:
            check_db_file(path)
            db_lock.acquire_shared(path)  # held until dispose(): see db/lock.py
            self._locked = path
        try:
            self.engine = make_engine(url, key)
        except BaseException:
            self._release()
            raise
        if path is not None:
            register_database(path)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        # Who is signed in (set by the GUI after sign-in and by the CLI after --user);
        # every session carries it so the services can check and audit the real user.
        self.actor: Any = None

    @property
    def path(self):  # noqa: ANN201 - Path | None
        return sqlite_file(self.url)

    @property
    def is_server(self) -> bool:
        """True on a clinic database server (PostgreSQL) shared by several workstations."""
        return self.engine.dialect.name == "postgresql"

    def describe(self) -> str:
        """Where the data is, for messages: the file, or the server without password."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls everything back on any error."""
        s = self._factory(info={"actor": self.actor})
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def reader(self) -> Session:
        """A session for read-only screens (caller closes it)."""
        return self._factory(info={"actor": self.actor})

    def dispose(self) -> None:
        """Close every connection and let go of the shared lock (safe to call twice)."""
        self.engine.dispose()
        self._release()

    def relock(self) -> None:
        """Take the shared lock again after :meth:`dispose` (a refused restore goes on)."""
        path = sqlite_file(self.url)
        if self._locked is None and path is not None:
            db_lock.acquire_shared(path)
            self._locked = path
            register_database(path)

    def _release(self) -> None:
        if self._locked is not None:
            path, self._locked = self._locked, None
            db_lock.release_shared(path)
            if db_lock.shared_count(path) == 0:
                unregister_database(path)
