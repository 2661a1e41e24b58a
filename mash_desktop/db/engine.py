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
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ..config import normalise_url, sqlite_file
from . import encryption


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str, key: str | None = None) -> Engine:
    """An engine for the URL; an SQLCipher-encrypted file is opened with ``key``."""
    if url.startswith("sqlite"):
        path = sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if path is not None and path.exists() and path.stat().st_size and \
                encryption.is_encrypted(path):
            if not key:
                raise encryption.KeyNeeded(f"{path.name} is encrypted: give its passphrase "
                                           f"(set {encryption.ENV_KEY} or enter it when asked)")
            engine = create_engine("sqlite://", creator=lambda: encryption.connect(path, key))
        else:
            engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    url = normalise_url(url)
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, connect_args=_pg_connect_args(url))
    return create_engine(url, pool_pre_ping=True)


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
        self.engine = make_engine(url, key)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

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
        s = self._factory()
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
        return self._factory()

    def dispose(self) -> None:
        self.engine.dispose()
