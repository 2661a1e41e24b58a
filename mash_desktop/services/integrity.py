"""Tamper evidence: SHA-256 over a canonical JSON of what was written or signed.

* Every audit entry carries ``hash = SHA-256(canonical(entry) + previous entry's hash)``,
  so changing or deleting an entry breaks the chain at that entry. The chain head (last
  hash, number of entries, last id) is kept in the ``audit_chain`` settings row, updated
  with every entry, so deleting the newest entries is caught too.
* Every signed note and addendum carries ``content_hash``, SHA-256 of every signed field
  (interventions and doses included), computed at signing.

What this detects: edits, deletions and insertions made behind the app's back (SQL, a
file editor, a forged export), as long as whoever made them did not also recompute every
later hash and the chain head. The hashes use no secret, so someone who knows this
scheme and can write the file can forge a consistent chain; they prove that the records
are as the app wrote them, not who had the file. A backup or export kept elsewhere shows
such a rewrite.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from typing import Any

CHAIN_KEY = "audit_chain"
GENESIS = "0" * 64
AUDIT_FIELDS = ("at", "user_id", "username", "action", "entity", "entity_id", "patient_id",
                "changes")


def _norm(value: Any) -> Any:
    """One spelling per value: 3.0 and 3 hash alike (SQLite returns REAL for 3), dates ISO."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_norm(v) for v in value]
    return str(value)


def canonical(value: Any) -> bytes:
    return json.dumps(_norm(value), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def digest(value: Any, previous: str = "") -> str:
    h = hashlib.sha256(canonical(value))
    h.update(previous.encode("ascii"))
    return h.hexdigest()


def audit_hash(fields: dict[str, Any], previous: str) -> str:
    """The chained hash of one audit entry (``fields`` holds AUDIT_FIELDS)."""
    return digest({k: fields.get(k) for k in AUDIT_FIELDS}, previous)


def parse_time(value: Any) -> Any:
    """A stored or exported timestamp as a datetime (ISO strings are accepted)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value
