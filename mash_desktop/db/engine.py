"""Engine and session factory.

SQLite gets WAL (readers never block the writer), foreign keys (off by default in
SQLite) and synchronous=FULL so a committed note survives a power cut, not only a
killed process. Nothing here is needed for other databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ..config import sqlite_file
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
    return create_engine(url, pool_pre_ping=True)


class Database:
    """One database: an engine plus a factory of transactional sessions."""

    def __init__(self, url: str, key: str | None = None) -> None:
        self.url = url
        self.key = key
        self.engine = make_engine(url, key)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        # Who is signed in (set by the GUI after sign-in and by the CLI after --user);
        # every session carries it so the services can check and audit the real user.
        self.actor: Any = None

    @property
    def path(self):  # noqa: ANN201 - Path | None
        return sqlite_file(self.url)

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
        self.engine.dispose()
