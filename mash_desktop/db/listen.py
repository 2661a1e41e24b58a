"""PostgreSQL LISTEN on the change channel, for the GUI's live refresh.

A dedicated connection (taken out of the engine's pool, so it keeps the URL's password,
TLS and timeout options) listens on ``mash_changes``; the migration's trigger notifies it
whenever any workstation commits an audited write. The GUI watches :meth:`fileno` with a
socket notifier and calls :meth:`drain`; notifications carry no data, they only say
"look at the audit trail now".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

CHANNEL = "mash_changes"


class ChangeListener:
    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("only a PostgreSQL server sends change notifications")
        raw = engine.raw_connection()
        raw.detach()  # ours alone: the pool neither reuses nor resets it
        conn: Any = raw.dbapi_connection
        if conn is None:
            raise RuntimeError("the connection closed before LISTEN")
        self.conn = conn
        self.conn.autocommit = True
        self.conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return int(self.conn.fileno())

    def drain(self) -> int:
        """Consume the notifications that arrived; how many. Raises if the server is gone."""
        return sum(1 for _ in self.conn.notifies(timeout=0))

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection
            pass
