"""Records held to the audit trail: what the trail says was written must still be there.

The hash chain (:mod:`.tamper`) proves the audit trail is as the app wrote it, and each
signature hash proves a signed record's content. Neither notices a record that is simply
*gone*: a signed note deleted or un-signed in SQL, a patient dropped from an export, an
episode's ``sessions`` emptied. This module replays the trail and compares what it says
with the records that are there, so that every record the trail says was created, signed
or changed is accounted for:

* every patient and episode it says was created exists;
* every session note it says was created (and not deleted as a draft) exists, and every
  note it says was signed is still signed, at the same moment and, where the trail
  recorded it, with the same signature hash;
* every note has at least as many addenda as the trail records, and every signed
  document exists with the bytes (SHA-256) recorded when it was signed;
* every account exists with the role, active state, credentials and (where recorded)
  password the trail's account entries leave it with, and no account exists that the
  trail never created.

One rule, two callers: ``check`` reads the trail and the records from the database, the
import reads them from the file before a record of it is stored. An import keeps the
file's ids but re-hashes its signatures (account links are dropped), so signature hashes
recorded before an ``import`` entry are compared when importing, not afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from . import checks

# the audit entries the rule reads: (entity, action) pairs
ENTITIES = ("patient", "episode", "visit_note", "document", "user", "database")
SIGNATURE_HASH = "signature_hash"      # key in a note's "sign" entry
PASSWORD_FINGERPRINT = "sign_in_fingerprint"  # key in an account's create/update entry


# One audit entry as the rule reads it: (id, at, action, entity, entity_id, changes, sign,
# signed at, signature hash, acting account) — ``changes`` as stored (JSON text or a
# dict); for a note's signing entry read by SQLite's JSON functions, ``sign`` is 1 and the
# next two hold what it recorded. An account entry counts only with its acting account:
# the entries an import brings have none (accounts never travel in an export; the ids
# they name belong to the other clinic). Plain rows as the driver gives them: a 10-year
# clinic's trail is a quarter of a million of them.
Entry = tuple[Any, ...]


@dataclass
class Account:
    """An account as the trail leaves it."""

    where: Entry | None
    username: str | None = None
    role: str | None = None
    active: bool = True
    credentials: str | None = None
    password: str | None = None  # fingerprint, when the trail recorded one


@dataclass
class Expected:
    """What the trail says exists, each with the entry that says so (in words)."""

    patients: dict[int, Entry] = field(default_factory=dict)
    episodes: dict[int, Entry] = field(default_factory=dict)
    notes: dict[int, Entry] = field(default_factory=dict)
    # note id -> (the entry, signed at as recorded, signature hash or None)
    signed: dict[int, tuple[Entry, Any, str | None]] = field(
        default_factory=dict)
    addenda: dict[int, int] = field(default_factory=dict)
    documents: dict[int, tuple[Entry, str | None]] = field(default_factory=dict)
    accounts: dict[int, Account] = field(default_factory=dict)


@dataclass
class Present:
    """The records there are (``accounts`` None where accounts do not apply: a file)."""

    patients: set[int]
    episodes: set[int]
    notes: dict[int, tuple[datetime | None, str | None]]  # id -> (signed at, content hash)
    addenda: dict[int, int]
    documents: dict[int, str | None]  # id -> sha256
    accounts: dict[int, Account] | None = None


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value).replace(tzinfo=None)
        except ValueError:
            return None
    return None


def _changes(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def _after(changes: dict[str, Any], key: str) -> Any:
    """The value a change entry leaves a field with ([before, after] or a plain value)."""
    change = changes.get(key)
    return change[-1] if isinstance(change, list) and change else change


def said(entry: Entry) -> str:
    """The entry in words ("audit entry 61 (2026-11-25 19:49, visit note sign)"), made
    only when a problem is reported."""
    from .tamper import describe_entry

    return describe_entry(entry[0], entry[1], entry[2], entry[3])


def replay(entries: Iterable[Entry]) -> Expected:
    """What the trail, in order, says exists now."""
    out = Expected()
    patients, episodes, notes, signed = out.patients, out.episodes, out.notes, out.signed
    for e in entries:
        _id, _at, action, entity, rid, changes, sqlite_sign, sqlite_at, sqlite_hash, by = e
        if entity == "database":
            if action == "import":
                # the import re-hashed the notes it brought: their hashes were held to
                # the file's trail when importing; the moments of signing are kept
                out.signed = signed = {n: (w, at, None) for n, (w, at, _h) in signed.items()}
            continue
        if rid is None:
            continue
        if action == "create":
            if entity == "visit_note":
                notes[rid] = e
            elif entity == "patient":
                patients[rid] = e
            elif entity == "episode":
                episodes[rid] = e
            elif entity == "user" and by is not None:
                _account(out, e, rid)
        elif entity == "visit_note":
            if action == "sign":
                if sqlite_sign:  # read by SQLite's JSON functions
                    at, digest = sqlite_at, sqlite_hash
                else:
                    found = _changes(changes)
                    at, digest = _after(found, "signed_at"), _after(found, SIGNATURE_HASH)
                signed[rid] = (e, at, digest if isinstance(digest, str) else None)
            elif action == "delete":  # a draft, deleted through the app
                notes.pop(rid, None)
                signed.pop(rid, None)
                out.addenda.pop(rid, None)
            elif action == "addendum":
                out.addenda[rid] = out.addenda.get(rid, 0) + 1
        elif entity == "document" and action == "sign":
            sha = _after(_changes(changes), "sha256")
            out.documents[rid] = (e, sha if isinstance(sha, str) else None)
        elif entity == "user" and action == "update" and by is not None:
            _account(out, e, rid)
    return out


def _same_moment(a: Any, b: Any) -> bool:
    """Two stored moments alike: "2026-01-05T10:00:00" and "2026-01-05 10:00:00.000000"
    are the same (equal text first: the usual case costs no parsing)."""
    if a == b:
        return True
    return _when(a) == _when(b)


def _account(out: Expected, e: Entry, rid: int) -> None:
    changes = _changes(e[5])
    if e[2] == "create":
        out.accounts[rid] = Account(e)
    account = out.accounts.get(rid)
    if account is None:  # changed but never created: reported as not created
        return
    account.where = e
    for name in ("username", "role", "credentials"):
        if name in changes:
            setattr(account, name, _after(changes, name))
    if "active" in changes:
        account.active = bool(_after(changes, "active"))
    if PASSWORD_FINGERPRINT in changes:
        account.password = _after(changes, PASSWORD_FINGERPRINT)
    elif "password" in changes:
        account.password = None  # changed where the trail kept no fingerprint


def problems(expected: Expected, present: Present) -> Iterator[str]:
    """Each record the trail accounts for that is missing or not as the trail left it."""
    for pid, where in expected.patients.items():
        if pid not in present.patients:
            yield f"patient {pid} is missing, but {said(where)} records its creation"
    for eid, where in expected.episodes.items():
        if eid not in present.episodes:
            yield f"episode {eid} is missing, but {said(where)} records its creation"
    for nid, where in expected.notes.items():
        if nid not in present.notes and nid not in expected.signed:
            yield f"session note {nid} is missing, but {said(where)} records it"
    for nid, (where, at, digest) in expected.signed.items():
        if nid not in present.notes:
            yield (f"signed session note {nid} is missing, but {said(where)} records its "
                   "signing")
            continue
        now_at, now_hash = present.notes[nid]
        if now_at is None:
            yield (f"session note {nid} is no longer signed, but {said(where)} records its "
                   "signing: its signature was removed behind the app's back")
        elif at is not None and not _same_moment(now_at, at):
            yield (f"session note {nid} now says it was signed at {_when(now_at)}, but "
                   f"{said(where)} records its signing at {_when(at)}")
        elif digest is not None and now_hash != digest:
            yield (f"signed session note {nid} is not the note {said(where)} records as "
                   "signed "
                   "(its signature hash differs)")
    for nid, count in expected.addenda.items():
        have = present.addenda.get(nid, 0)
        if nid in present.notes and have < count:
            yield (f"session note {nid} has {have} addend{'um' if have == 1 else 'a'}, but "
                   f"the audit trail records {count}")
    for did, (where, sha) in expected.documents.items():
        if did not in present.documents:
            yield f"signed document {did} is missing, but {said(where)} records its signing"
        elif sha is not None and present.documents[did] != sha:
            yield (f"signed document {did} is not the document {said(where)} records as "
                   "signed "
                   "(its SHA-256 differs)")
    if present.accounts is not None:
        yield from _account_problems(expected.accounts, present.accounts)


def _account_problems(expected: dict[int, Account], present: dict[int, Account]
                      ) -> Iterator[str]:
    for uid, have in present.items():
        want = expected.get(uid)
        if want is None:
            yield (f"account {have.username} was never created through the app (the audit "
                   "trail has no entry for it): it was added behind the app's back")
            continue
        for name, label in (("username", "user name"), ("role", "role"),
                            ("active", "active state"), ("credentials", "credentials"),
                            ("password", "password")):
            was, now = getattr(want, name), getattr(have, name)
            if was is None or was == now:
                continue
            shown = "" if name == "password" else f" ({now!r}, not {was!r})"
            yield (f"account {have.username}: its {label} was changed behind the app's "
                   f"back{shown}; {said(want.where) if want.where else 'the audit trail'} is "
                   "the last change the audit trail records")
    for uid, want in expected.items():
        if uid not in present:
            yield (f"account {want.username or uid} is missing, but "
                   f"{said(want.where) if want.where else 'the audit trail'} records "
                   "it")


def password_fingerprint(password_hash: str) -> str:
    """What the trail keeps of a password hash: enough to notice a swapped hash, nothing
    to sign in or guess with (the argon2 hash's salt and cost are not in it)."""
    import hashlib

    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:32]


# ---- the database side (check) ----------------------------------------------------------
_ACTIONS = "('create', 'delete', 'sign', 'addendum', 'update', 'import')"


def database_entries(session: Session) -> list[Entry]:
    """The entries the rule reads, in order. On SQLite the two values a note's signing
    entry holds are read by SQLite's JSON functions (100 000 signed notes: no JSON parsed
    in Python); other entries bring their changes only where the rule reads them."""
    from .tamper import _rows

    entities = ", ".join(f"'{e}'" for e in ENTITIES)
    sqlite = session.get_bind().dialect.name == "sqlite"
    # the moment as visit_notes stores it ("2026-01-05 10:00:00.000000"), so that the
    # usual comparison is one of two equal strings
    is_sign = "entity = 'visit_note' AND action = 'sign'"
    signing = (f"CASE WHEN {is_sign} THEN 1 ELSE 0 END, CASE WHEN {is_sign} THEN "
               "substr(replace(json_extract(changes, '$.signed_at[1]'), 'T', ' ') || "
               f"'.000000', 1, 26) END, CASE WHEN {is_sign} THEN json_extract(changes, "
               f"'$.{SIGNATURE_HASH}[1]') END") if sqlite else "0, NULL, NULL"
    parsed_here = "entity IN ('document', 'user')" + ("" if sqlite else f" OR ({is_sign})")
    sql = (f"SELECT id, at, action, entity, entity_id, CASE WHEN {parsed_here} THEN changes "
           f"END, {signing}, user_id FROM audit_log WHERE entity IN ({entities}) AND "
           f"action IN "
           f"{_ACTIONS} ORDER BY id")
    return _rows(session, sql, None)


def account_now(username: str, role: str, active: Any, credentials: str,
                password_hash: str) -> Account:
    return Account(None, username, role, bool(active), credentials,
                   password_fingerprint(password_hash or ""))


def database_records(session: Session) -> Present:
    from .tamper import _rows

    notes = {r[0]: (r[1], r[2]) for r in _rows(
        session, "SELECT id, signed_at, content_hash FROM visit_notes", None)}
    return Present(
        patients={r[0] for r in _rows(session, "SELECT id FROM patients", None)},
        episodes={r[0] for r in _rows(session, "SELECT id FROM episodes", None)},
        notes=notes,
        addenda=dict(_rows(session, "SELECT visit_id, count(*) FROM addenda "
                                    "GROUP BY visit_id", None)),
        documents=dict(_rows(session, "SELECT id, sha256 FROM documents", None)),
        accounts={r[0]: account_now(*r[1:]) for r in _rows(
            session, "SELECT id, username, role, active, credentials, password_hash "
                     "FROM users", None)})


def database_problems(session: Session) -> Iterator[str]:
    yield from problems(replay(database_entries(session)), database_records(session))


@checks.register("records against the audit trail")
def _records_against_trail(session: Session) -> Iterable[str]:
    return list(database_problems(session))


def account_refusal(session: Session, user_id: int, username: str, role: str, active: Any,
                    credentials: str, password_hash: str) -> str | None:
    """Why an account may not sign in: the audit trail does not know it, or it was
    changed behind the app's back (the same rule as ``check``, for one account)."""
    from sqlalchemy import select

    from ..models import AuditEntry

    rows = session.execute(select(AuditEntry.id, AuditEntry.at, AuditEntry.action,
                                  AuditEntry.entity, AuditEntry.entity_id,
                                  AuditEntry.changes, AuditEntry.user_id)
                           .where(AuditEntry.entity == "user", AuditEntry.entity_id == user_id,
                                  AuditEntry.action.in_(("create", "update")))
                           .order_by(AuditEntry.id))
    expected = replay((*r[:6], 0, None, None, r[6]) for r in rows)
    have = {user_id: account_now(username, role, active, credentials, password_hash)}
    found = next(_account_problems(expected.accounts, have), None)
    return found


# ---- the file side (import) -------------------------------------------------------------
def _dicts(value: Any) -> list[dict[str, Any]]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def file_entries(data: dict[str, Any]) -> Iterator[Entry]:
    for i, row in enumerate(_dicts(data.get("audit"))):
        yield (_int(row.get("id")) or i + 1, row.get("at"), str(row.get("action")),
               str(row.get("entity")), _int(row.get("entity_id")), row.get("changes"), 0,
               None, None, row.get("user_id"))


def file_records(data: dict[str, Any]) -> Present:
    present = Present(set(), set(), {}, {}, {})
    for p in _dicts(data.get("patients")):
        if (pid := _int(p.get("id"))) is not None:
            present.patients.add(pid)
        for ep in _dicts(p.get("episodes")):
            if (eid := _int(ep.get("id"))) is not None:
                present.episodes.add(eid)
            for note in _dicts(ep.get("sessions")):
                if (nid := _int(note.get("id"))) is None:
                    continue
                present.notes[nid] = (note.get("signed_at"),
                                      note.get("content_hash"))
                present.addenda[nid] = len(_dicts(note.get("addenda")))
            for doc in _dicts(ep.get("documents")):
                if (did := _int(doc.get("id"))) is not None:
                    present.documents[did] = doc.get("sha256")
    return present


def file_problems(data: dict[str, Any]) -> list[str]:
    """The rule over an export file (its trail already verified as a chain)."""
    return list(problems(replay(file_entries(data)), file_records(data)))
