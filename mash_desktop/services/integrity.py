"""Tamper evidence: SHA-256 over what was written or signed, in its storage form.

* Every audit entry carries ``hash = SHA-256(entry + previous entry's hash)``, so changing
  or deleting an entry breaks the chain at that entry. The chain head (last hash and
  number of entries) is kept in the ``audit_chain`` settings row, updated with every
  entry, so deleting the newest entries is caught too.
* Every signed note and addendum carries ``content_hash``, SHA-256 of every signed field
  (interventions and doses included), computed at signing (see ``services/tamper.py``).

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
from datetime import datetime
from typing import Any

CHAIN_KEY = "audit_chain"
GENESIS = "0" * 64
AUDIT_FIELDS = ("at", "user_id", "username", "action", "entity", "entity_id", "patient_id",
                "changes")


def audit_hash(fields: dict[str, Any], previous: str) -> str:
    """The chained hash of one audit entry (``fields`` holds AUDIT_FIELDS).

    Made over the storage form (the timestamp as SQLite keeps it, ``changes`` as its JSON
    text), so ``check`` hashes raw rows without parsing them.
    """
    at, changes = fields.get("at"), fields.get("changes")
    if isinstance(at, datetime):
        at = at.strftime("%Y-%m-%d %H:%M:%S.%f")
    if not isinstance(changes, str):
        changes = json.dumps(changes)  # what the JSON column stores
    head = json.dumps([at, fields.get("user_id"), fields.get("username"), fields.get("action"),
                       fields.get("entity"), fields.get("entity_id"), fields.get("patient_id")],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{head}\n{changes}\n{previous}".encode()).hexdigest()
